/* pthread_mutex.c: mutexes. The lock itself is the three-state futex
 * lock of src/internal/lock.h; this file adds what the mutex types
 * promise on top of it:
 *
 *   normal      lock and unlock, nothing checked (fastest)
 *   recursive   the holder may lock again; it must unlock as often
 *   errorcheck  relocking by the holder gives EDEADLK instead of a
 *               deadlock, unlocking by another thread gives EPERM
 *
 * Every type records the holder's thread id in __owner; it is written
 * only by the holder, so "__owner == my tid" is true exactly when the
 * caller holds the mutex, whatever other threads are doing. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include "internal/lock.h"
#include "internal/pthread_impl.h"

/* A destroyed mutex gets this type: using it again gives EINVAL. */
#define MUTEX_DESTROYED 0x0dead

static int priv(const pthread_mutex_t *m)
{
	return m->__pshared ? FUTEX_SHARED : FUTEX_PRIVATE;
}

static int valid_type(int type)
{
	return type == PTHREAD_MUTEX_NORMAL || type == PTHREAD_MUTEX_RECURSIVE ||
	       type == PTHREAD_MUTEX_ERRORCHECK;
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr)
{
	if (!m || (attr && !valid_type(attr->__type)))
		return EINVAL;
	memset(m, 0, sizeof *m);
	if (attr) {
		m->__type = attr->__type;
		m->__pshared = attr->__pshared;
	}
	return 0;
}

/* POSIX lets us refuse to destroy a locked mutex (EBUSY). */
int pthread_mutex_destroy(pthread_mutex_t *m)
{
	if (!m || !valid_type(m->__type))
		return EINVAL;
	if (__load(&m->__lock) != 0)
		return EBUSY;
	m->__type = MUTEX_DESTROYED;
	return 0;
}

/* What a lock call must do before touching the futex word when the
 * caller may already hold M: 0 to go ahead, -1 when the recursion count
 * was bumped (done), or an error number. */
static int relock_check(pthread_mutex_t *m, int tid)
{
	if (!valid_type(m->__type))
		return EINVAL;
	if (m->__type == PTHREAD_MUTEX_NORMAL || __load(&m->__owner) != tid)
		return 0;
	if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
		return EDEADLK;
	if (m->__count == INT_MAX)
		return EAGAIN;
	m->__count++;
	return -1;
}

/* Bookkeeping once the futex lock is ours. */
static int taken(pthread_mutex_t *m, int tid)
{
	__store(&m->__owner, tid);
	m->__count = 1;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	int tid = __pthread_self()->tid;

	if (!m)
		return EINVAL;
	int r = relock_check(m, tid);
	if (r)
		return r < 0 ? 0 : r;
	__futex_lock(&m->__lock, priv(m));
	return taken(m, tid);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	int tid = __pthread_self()->tid;

	if (!m)
		return EINVAL;
	int r = relock_check(m, tid);
	if (r == EDEADLK)
		return EBUSY; /* trylock reports "held", even by us */
	if (r)
		return r < 0 ? 0 : r;
	if (!__futex_trylock(&m->__lock))
		return EBUSY;
	return taken(m, tid);
}

int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict abstime)
{
	int tid = __pthread_self()->tid;

	if (!m)
		return EINVAL;
	int r = relock_check(m, tid);
	if (r)
		return r < 0 ? 0 : r;
	r = __futex_timedlock(&m->__lock, priv(m), CLOCK_REALTIME, abstime);
	if (r)
		return r;
	return taken(m, tid);
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (!m || !valid_type(m->__type))
		return EINVAL;
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (__load(&m->__owner) != __pthread_self()->tid)
			return EPERM;
		if (m->__type == PTHREAD_MUTEX_RECURSIVE && --m->__count > 0)
			return 0;
	}
	__store(&m->__owner, 0);
	__futex_unlock(&m->__lock, priv(m));
	return 0;
}

/* For pthread_cond_wait: the caller must hold M (checked for the types
 * that can tell), and gives it up entirely while it sleeps. */
int __mutex_release_for_wait(pthread_mutex_t *m, int *saved_count)
{
	if (!m || !valid_type(m->__type))
		return EINVAL;
	if (m->__type != PTHREAD_MUTEX_NORMAL && __load(&m->__owner) != __pthread_self()->tid)
		return EPERM;
	*saved_count = m->__count;
	__store(&m->__owner, 0);
	__futex_unlock(&m->__lock, priv(m));
	return 0;
}

/* Taken back as "contended" (2), not 1: other waiters woken together
 * with us (a broadcast) may be sleeping on the mutex, and only a 2
 * makes our unlock wake the next of them. */
void __mutex_retake_after_wait(pthread_mutex_t *m, int saved_count)
{
	while (__swap(&m->__lock, 2) != 0)
		__futex_wait(&m->__lock, 2, NULL, priv(m));
	__store(&m->__owner, __pthread_self()->tid);
	m->__count = saved_count;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	if (!attr)
		return EINVAL;
	attr->__type = PTHREAD_MUTEX_DEFAULT;
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	return attr ? 0 : EINVAL;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (!attr || !valid_type(type))
		return EINVAL;
	attr->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attr, int *restrict type)
{
	if (!attr || !type)
		return EINVAL;
	*type = attr->__type;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	if (!attr || (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED))
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict attr, int *restrict pshared)
{
	if (!attr || !pshared)
		return EINVAL;
	*pshared = attr->__pshared;
	return 0;
}
