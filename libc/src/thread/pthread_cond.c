/* pthread_cond.c: condition variables on a futex sequence counter.
 *
 * __seq changes on every signal and broadcast. A waiter reads it while
 * it still holds the mutex, releases the mutex, then sleeps with
 * FUTEX_WAIT(&__seq, the value it read). If a signal came in between,
 * __seq differs and the kernel returns at once: no wake-up is lost in
 * the gap between "unlock" and "sleep", which is the whole difficulty
 * of condition variables. signal wakes one sleeper, broadcast all of
 * them; each then takes the mutex back before returning.
 *
 * As POSIX allows, a waiter can wake without a signal (a "spurious
 * wake-up"), so callers always wait in a loop around their predicate.
 * One imprecision of this simple design: a signal sent without holding
 * the mutex may be taken by a thread that started waiting just after
 * it, rather than by one already waiting; that newcomer then re-checks
 * the predicate like any woken waiter. Signalling with the mutex held
 * (the usual way) rules this out. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include "internal/futex.h"
#include "internal/pthread_impl.h"

static int priv(const pthread_cond_t *c)
{
	return c->__pshared ? FUTEX_SHARED : FUTEX_PRIVATE;
}

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr)
{
	if (!c)
		return EINVAL;
	memset(c, 0, sizeof *c);
	if (attr) {
		c->__clock = attr->__clock;
		c->__pshared = attr->__pshared;
	}
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	if (!c || c->__destroyed)
		return EINVAL;
	c->__destroyed = 1;
	return 0;
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
			   const struct timespec *restrict abstime)
{
	int saved_count;

	if (!c || c->__destroyed)
		return EINVAL;
	if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000))
		return EINVAL;
	int seq = __load(&c->__seq);
	int r = __mutex_release_for_wait(m, &saved_count);
	if (r)
		return r;
	r = __futex_wait_until(&c->__seq, seq, c->__clock, abstime, priv(c));
	__mutex_retake_after_wait(m, saved_count);
	return r == ETIMEDOUT ? ETIMEDOUT : 0; /* EINTR: a spurious wake-up */
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
	return pthread_cond_timedwait(c, m, NULL);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	if (!c || c->__destroyed)
		return EINVAL;
	__fetch_add(&c->__seq, 1);
	__futex_wake(&c->__seq, 1, priv(c));
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	if (!c || c->__destroyed)
		return EINVAL;
	__fetch_add(&c->__seq, 1);
	__futex_wake(&c->__seq, INT_MAX, priv(c));
	return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	if (!attr)
		return EINVAL;
	attr->__clock = CLOCK_REALTIME;
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	return attr ? 0 : EINVAL;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (!attr || (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC))
		return EINVAL;
	attr->__clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict attr, clockid_t *restrict clock)
{
	if (!attr || !clock)
		return EINVAL;
	*clock = attr->__clock;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	if (!attr || (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED))
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *restrict attr, int *restrict pshared)
{
	if (!attr || !pshared)
		return EINVAL;
	*pshared = attr->__pshared;
	return 0;
}
