/* brk.c: the program break, the end of the heap segment that starts
 * right after the program's data. malloc (src/malloc/malloc.c) grows
 * its heap with sbrk; programs may call these directly too.
 *
 * The brk system call is unusual: it returns the (new or unchanged)
 * break rather than -errno, so failure shows as "the break did not
 * move where we asked". */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "internal/syscall.h"

static uintptr_t current_break;

int brk(void *addr)
{
	uintptr_t got = (uintptr_t)__sc1(brk, addr);

	current_break = got;
	if (got != (uintptr_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* Moves the break by INCREMENT bytes; returns the old break, or
 * (void *)-1 with ENOMEM. */
void *sbrk(intptr_t increment)
{
	if (!current_break)
		current_break = (uintptr_t)__sc1(brk, 0);
	uintptr_t old = current_break;
	if (increment == 0)
		return (void *)old;
	if ((increment > 0 && old + (uintptr_t)increment < old) ||
	    (increment < 0 && (uintptr_t)-increment > old)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk((void *)(old + (uintptr_t)increment)) < 0)
		return (void *)-1;
	return (void *)old;
}
