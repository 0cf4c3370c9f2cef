/* lock.c: the slow paths of the futex lock (src/internal/lock.h) and
 * timed futex waits. Everything that sleeps in this library (mutexes,
 * condition variables, semaphores, join, barriers, stdio and malloc
 * locks) ends up in one of these functions. */
#include <errno.h>
#include <time.h>

#include "internal/lock.h"

/* The lock was not free. Mark it contended (2) and sleep until an
 * unlock wakes us; the exchange both takes a lock that has just become
 * free and, if it is still held, records that we will sleep, so the
 * holder's unlock knows to call FUTEX_WAKE. A thread that wins this
 * way leaves the word at 2 even if nobody else waits: that costs one
 * needless wake-up, never a lost one. */
void __futex_lock_slow(volatile int *lock, int priv)
{
	/* A short spin first: on a multiprocessor the holder is often
	 * about to release, and a system call costs far more. */
	for (int i = 0; i < 100; i++) {
		if (__load(lock) == 0 && __cas(lock, 0, 1) == 0)
			return;
		__spin_pause();
	}
	while (__swap(lock, 2) != 0)
		__futex_wait(lock, 2, NULL, priv);
}

int __futex_timedlock(volatile int *lock, int priv, clockid_t clock,
		      const struct timespec *abstime)
{
	if (__cas(lock, 0, 1) == 0)
		return 0;
	while (__swap(lock, 2) != 0) {
		int r = __futex_wait_until(lock, 2, clock, abstime, priv);
		if (r == ETIMEDOUT || r == EINVAL)
			return r;
	}
	return 0;
}

/* ABSTIME - now on CLOCK, into *REL; 0 if that is still in the
 * future. */
static int time_left(clockid_t clock, const struct timespec *abstime,
		     struct timespec *rel)
{
	struct timespec now;

	if (clock_gettime(clock, &now) < 0)
		return EINVAL;
	rel->tv_sec = abstime->tv_sec - now.tv_sec;
	rel->tv_nsec = abstime->tv_nsec - now.tv_nsec;
	if (rel->tv_nsec < 0) {
		rel->tv_nsec += 1000000000;
		rel->tv_sec--;
	}
	return rel->tv_sec < 0 ? ETIMEDOUT : 0;
}

/* POSIX deadlines are absolute times on some clock (CLOCK_REALTIME
 * unless the object says otherwise). We turn the deadline into a
 * relative timeout for the plain FUTEX_WAIT, which every futex
 * implementation has. The price: if someone sets the clock while we
 * sleep, we wake at the old deadline (a later call re-reads the
 * clock). */
int __futex_wait_until(volatile int *addr, int val, clockid_t clock,
		       const struct timespec *abstime, int priv)
{
	struct timespec rel, *timeout = NULL;

	if (abstime) {
		if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000)
			return EINVAL;
		int r = time_left(clock, abstime, &rel);
		if (r)
			return r;
		timeout = &rel;
	}
	long r = __futex_wait(addr, val, timeout, priv);
	if (r == -ETIMEDOUT || r == -EINTR)
		return (int)-r;
	return 0; /* woken, or *addr was no longer VAL (EAGAIN) */
}
