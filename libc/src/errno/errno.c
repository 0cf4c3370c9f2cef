/* errno.c: where errno lives, and the one place raw system-call
 * results become errno values. */
#include <errno.h>

#include "internal/syscall.h"

/* One process-wide value for now; the threads work moves it into the
 * thread control block, and only this function changes. */
static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}

/* The kernel reports failure as -errno in the range -4095..-1; every
 * other value (including large "negative" addresses from mmap) is a
 * result. */
long __syscall_ret(long raw)
{
	if ((unsigned long)raw > -4096UL) {
		errno = (int)-raw;
		return -1;
	}
	return raw;
}
