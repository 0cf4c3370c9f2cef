/* semaphore.c: unnamed POSIX semaphores (sem_init and the operations
 * every semaphore shares); named ones are opened in sem_open.c.
 *
 * __value is the count and the futex word. sem_wait decrements it with
 * compare-and-swap when it is positive; otherwise it announces itself
 * in __waiters and sleeps while the value is 0. sem_post increments the
 * value and, only if someone announced themselves, wakes one sleeper.
 * Why no wake-up is lost: the waiter increments __waiters *before* its
 * last look at the value, and the poster increments the value *before*
 * it looks at __waiters (all sequentially consistent). So either the
 * waiter sees the new unit, or the poster sees the waiter; and if the
 * wake comes before the waiter is asleep, FUTEX_WAIT finds the value
 * no longer 0 and returns at once. */
#include <errno.h>
#include <limits.h>
#include <semaphore.h>
#include <string.h>

#include "internal/futex.h"

static int priv(const sem_t *sem)
{
	return sem->__pshared ? FUTEX_SHARED : FUTEX_PRIVATE;
}

int sem_init(sem_t *sem, int pshared, unsigned value)
{
	if (!sem || value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(sem, 0, sizeof *sem);
	sem->__value = (int)value;
	sem->__pshared = pshared != 0;
	return 0;
}

int sem_destroy(sem_t *sem)
{
	if (!sem) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Takes one unit if there is one: 1 if taken, 0 if the value was 0. */
static int try_take(sem_t *sem)
{
	int v = __load(&sem->__value);

	while (v > 0) {
		int seen = __cas(&sem->__value, v, v - 1);
		if (seen == v)
			return 1;
		v = seen;
	}
	return 0;
}

int sem_trywait(sem_t *sem)
{
	if (try_take(sem))
		return 0;
	errno = EAGAIN;
	return -1;
}

/* sem_wait with an optional deadline on CLOCK_REALTIME. A signal
 * handler interrupting the sleep makes it fail with EINTR, as POSIX
 * requires of sem_wait. */
int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime)
{
	int err = 0;

	if (try_take(sem))
		return 0;
	__fetch_add(&sem->__waiters, 1);
	while (!try_take(sem)) {
		err = __futex_wait_until(&sem->__value, 0, CLOCK_REALTIME, abstime, priv(sem));
		if (err == ETIMEDOUT || err == EINTR || err == EINVAL)
			break;
		err = 0;
	}
	__fetch_add(&sem->__waiters, -1);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int sem_wait(sem_t *sem)
{
	return sem_timedwait(sem, NULL);
}

int sem_post(sem_t *sem)
{
	int v = __load(&sem->__value);

	for (;;) {
		if (v == SEM_VALUE_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
		int seen = __cas(&sem->__value, v, v + 1);
		if (seen == v)
			break;
		v = seen;
	}
	if (__load(&sem->__waiters) > 0)
		__futex_wake(&sem->__value, 1, priv(sem));
	return 0;
}

int sem_getvalue(sem_t *restrict sem, int *restrict value)
{
	*value = __load(&sem->__value);
	return 0;
}
