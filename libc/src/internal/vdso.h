/* internal/vdso.h: the vDSO functions this library found at start-up
 * (src/time/vdso.c); each is NULL when the kernel offers none. They
 * return 0 or -errno, like the system call they stand for. */
#ifndef _INTERNAL_VDSO_H
#define _INTERNAL_VDSO_H

#include <sys/time.h>
#include <time.h>

struct vdso_functions {
	int (*clock_gettime)(clockid_t, struct timespec *);
	int (*gettimeofday)(struct timeval *, void *);
	time_t (*time)(time_t *);
	long (*getcpu)(unsigned *, unsigned *, void *);
};

extern struct vdso_functions __vdso;
void __vdso_init(void);

#endif
