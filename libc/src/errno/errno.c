/* errno.c: where errno lives, and the one place raw system-call
 * results become errno values. */
#include <errno.h>

#include "internal/pthread_impl.h"
#include "internal/syscall.h"

/* Each thread has its own errno, in its thread control block, so one
 * thread's failing call cannot change what another thread reads. */
int *__errno_location(void)
{
	return &__pthread_self()->errno_value;
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
