/* pthread_spin.c: spin locks. A waiting thread never sleeps: it keeps
 * the CPU and polls until the holder lets go. That is the right choice
 * only when the lock is held for a few instructions and every thread
 * has its own CPU; otherwise a sleeping lock (pthread_mutex) wastes far
 * less time. (The lecture's spinlock-versus-semaphore demo measures
 * exactly this.) The word is 0 when free, 1 when held. */
#include <errno.h>
#include <pthread.h>

#include "internal/futex.h"

int pthread_spin_init(pthread_spinlock_t *lock, int pshared)
{
	(void)pshared; /* plain memory: works across processes as it is */
	if (!lock)
		return EINVAL;
	*lock = 0;
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *lock)
{
	return lock ? 0 : EINVAL;
}

/* Test-and-test-and-set: the atomic exchange (which takes the cache
 * line for writing) is tried only when a plain read has seen the lock
 * free, so spinning waiters share the line instead of bouncing it
 * between CPUs. */
int pthread_spin_lock(pthread_spinlock_t *lock)
{
	while (__swap(lock, 1) != 0) {
		while (__load(lock) != 0)
			__spin_pause();
	}
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *lock)
{
	return __swap(lock, 1) == 0 ? 0 : EBUSY;
}

int pthread_spin_unlock(pthread_spinlock_t *lock)
{
	__store(lock, 0);
	return 0;
}
