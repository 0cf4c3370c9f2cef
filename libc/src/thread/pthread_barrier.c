/* pthread_barrier.c: barriers. Each round, COUNT threads call
 * pthread_barrier_wait; all of them sleep until the last one arrives,
 * then all continue, and exactly one gets
 * PTHREAD_BARRIER_SERIAL_THREAD (e.g. to combine the round's results).
 *
 * A small futex lock guards the arrival count. __round is the futex
 * word the waiters sleep on: the last arrival resets the count for the
 * next round and increments __round, which wakes everybody. A thread
 * that hurries into the next round cannot be confused with this one,
 * because it waits for a different __round value. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include "internal/lock.h"

static int priv(const pthread_barrier_t *b)
{
	return b->__pshared ? FUTEX_SHARED : FUTEX_PRIVATE;
}

int pthread_barrier_init(pthread_barrier_t *restrict b, const pthread_barrierattr_t *restrict attr,
			 unsigned count)
{
	if (!b || count == 0)
		return EINVAL;
	memset(b, 0, sizeof *b);
	b->__count = count;
	b->__pshared = attr ? attr->__pshared : PTHREAD_PROCESS_PRIVATE;
	return 0;
}

/* Destroying a barrier threads are waiting in: EBUSY. */
int pthread_barrier_destroy(pthread_barrier_t *b)
{
	if (!b || b->__count == 0)
		return EINVAL;
	__futex_lock(&b->__lock, priv(b));
	int busy = b->__arrived != 0;
	if (!busy)
		b->__count = 0;
	__futex_unlock(&b->__lock, priv(b));
	return busy ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *b)
{
	if (!b || b->__count == 0)
		return EINVAL;
	__futex_lock(&b->__lock, priv(b));
	int round = b->__round;
	if (++b->__arrived == b->__count) {
		b->__arrived = 0;
		__store(&b->__round, round + 1);
		__futex_unlock(&b->__lock, priv(b));
		__futex_wake(&b->__round, INT_MAX, priv(b));
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	__futex_unlock(&b->__lock, priv(b));
	while (__load(&b->__round) == round)
		__futex_wait(&b->__round, round, NULL, priv(b));
	return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	if (!attr)
		return EINVAL;
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	return attr ? 0 : EINVAL;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared)
{
	if (!attr || (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED))
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *restrict attr,
				   int *restrict pshared)
{
	if (!attr || !pshared)
		return EINVAL;
	*pshared = attr->__pshared;
	return 0;
}
