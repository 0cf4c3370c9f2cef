/* internal/lock.h: the futex mutex every other lock of this library is
 * built on (pthread_mutex_t, the stdio stream locks, the malloc lock,
 * ...). The algorithm is the classic three-state lock from Ulrich
 * Drepper's "Futexes Are Tricky":
 *
 *     0  unlocked
 *     1  locked, nobody waiting
 *     2  locked, and someone may be sleeping in the kernel
 *
 * Taking a free lock is one compare-and-swap (0 -> 1) and releasing an
 * uncontended one is one exchange (-> 0): no system call at all. Only a
 * thread that finds the lock taken marks it 2 and sleeps, and only an
 * unlock that sees 2 pays for FUTEX_WAKE. The slow paths are in
 * src/thread/lock.c. */
#ifndef _INTERNAL_LOCK_H
#define _INTERNAL_LOCK_H

#include "internal/futex.h"

void __futex_lock_slow(volatile int *lock, int priv);
/* Like __futex_lock but gives up at ABSTIME (on CLOCK): returns 0 or
 * ETIMEDOUT/EINVAL. */
int __futex_timedlock(volatile int *lock, int priv, clockid_t clock,
		      const struct timespec *abstime);

/* PRIV is FUTEX_PRIVATE or FUTEX_SHARED (see futex.h). */
static inline void __futex_lock(volatile int *lock, int priv)
{
	if (__cas(lock, 0, 1) != 0)
		__futex_lock_slow(lock, priv);
}

/* Returns 1 if the lock was taken, 0 if it is busy. */
static inline int __futex_trylock(volatile int *lock)
{
	return __cas(lock, 0, 1) == 0;
}

static inline void __futex_unlock(volatile int *lock, int priv)
{
	if (__swap(lock, 0) == 2)
		__futex_wake(lock, 1, priv);
}

#endif
