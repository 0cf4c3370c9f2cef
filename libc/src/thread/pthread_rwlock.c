/* pthread_rwlock.c: read-write locks: many readers at once, or one
 * writer alone. A futex lock guards __state (the number of readers, or
 * -1 while a writer holds it); threads that cannot enter sleep on
 * __seq, which every unlock increments. Writers get no priority over
 * readers (simple, but a steady stream of readers can starve a
 * writer). */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include "internal/lock.h"

static int priv(const pthread_rwlock_t *rw)
{
	return rw->__pshared ? FUTEX_SHARED : FUTEX_PRIVATE;
}

int pthread_rwlock_init(pthread_rwlock_t *restrict rw, const pthread_rwlockattr_t *restrict attr)
{
	if (!rw)
		return EINVAL;
	memset(rw, 0, sizeof *rw);
	rw->__pshared = attr ? attr->__pshared : PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
	if (!rw)
		return EINVAL;
	return __load(&rw->__state) != 0 ? EBUSY : 0;
}

/* Takes RW for reading, or for writing if WRITER: a reader may enter
 * unless a writer is in, a writer only when nobody is. Waits for that
 * unless TRY (then EBUSY). */
static int acquire(pthread_rwlock_t *rw, int writer, int try)
{
	if (!rw)
		return EINVAL;
	__futex_lock(&rw->__lock, priv(rw));
	for (;;) {
		int state = rw->__state;
		if (writer ? state == 0 : state >= 0 && state < INT_MAX)
			break;
		if (try) {
			__futex_unlock(&rw->__lock, priv(rw));
			return EBUSY;
		}
		int seq = rw->__seq;
		rw->__waiters++;
		__futex_unlock(&rw->__lock, priv(rw));
		__futex_wait(&rw->__seq, seq, NULL, priv(rw));
		__futex_lock(&rw->__lock, priv(rw));
		rw->__waiters--;
	}
	rw->__state = writer ? -1 : rw->__state + 1;
	__futex_unlock(&rw->__lock, priv(rw));
	return 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *rw) { return acquire(rw, 0, 0); }
int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw) { return acquire(rw, 0, 1); }
int pthread_rwlock_wrlock(pthread_rwlock_t *rw) { return acquire(rw, 1, 0); }
int pthread_rwlock_trywrlock(pthread_rwlock_t *rw) { return acquire(rw, 1, 1); }

int pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
	if (!rw)
		return EINVAL;
	__futex_lock(&rw->__lock, priv(rw));
	int state = rw->__state;
	if (state == 0) {
		__futex_unlock(&rw->__lock, priv(rw));
		return EPERM; /* not locked */
	}
	rw->__state = state < 0 ? 0 : state - 1;
	int wake = rw->__waiters && rw->__state == 0;
	if (wake)
		__fetch_add(&rw->__seq, 1);
	__futex_unlock(&rw->__lock, priv(rw));
	if (wake)
		__futex_wake(&rw->__seq, INT_MAX, priv(rw));
	return 0;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	if (!attr)
		return EINVAL;
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	return attr ? 0 : EINVAL;
}
