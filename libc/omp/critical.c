/* critical.c: mutual exclusion in OpenMP programs: `critical` sections
 * (one lock for all unnamed ones, one per name), the lock gcc uses for
 * an `atomic` it cannot do with one instruction (long double, or an
 * operation the CPU has no atomic form of), and the omp_lock_t and
 * omp_nest_lock_t API. All are the futex lock of
 * src/internal/lock.h. */
#include <omp.h>
#include <pthread.h>

#include "internal/lock.h"
#include "omp_impl.h"

static volatile int critical_lock; /* every unnamed critical */
static volatile int atomic_lock;   /* every atomic done with a lock */

void GOMP_critical_start(void)
{
	__futex_lock(&critical_lock, FUTEX_PRIVATE);
}

void GOMP_critical_end(void)
{
	__futex_unlock(&critical_lock, FUTEX_PRIVATE);
}

/* `critical(name)`: gcc passes the address of a pointer-sized, zeroed
 * variable (.gomp_critical_user_NAME) shared by all critical sections
 * of that name in the program. Its first four bytes make a fine futex
 * word. */
void GOMP_critical_name_start(void **name)
{
	__futex_lock((volatile int *)name, FUTEX_PRIVATE);
}

void GOMP_critical_name_end(void **name)
{
	__futex_unlock((volatile int *)name, FUTEX_PRIVATE);
}

void GOMP_atomic_start(void)
{
	__futex_lock(&atomic_lock, FUTEX_PRIVATE);
}

void GOMP_atomic_end(void)
{
	__futex_unlock(&atomic_lock, FUTEX_PRIVATE);
}

/* --- omp_lock_t ------------------------------------------------------- */

void omp_init_lock(omp_lock_t *lock)
{
	lock->__lock = 0;
}

void omp_init_lock_with_hint(omp_lock_t *lock, omp_sync_hint_t hint)
{
	(void)hint;
	omp_init_lock(lock);
}

void omp_destroy_lock(omp_lock_t *lock)
{
	(void)lock;
}

void omp_set_lock(omp_lock_t *lock)
{
	__futex_lock(&lock->__lock, FUTEX_PRIVATE);
}

void omp_unset_lock(omp_lock_t *lock)
{
	__futex_unlock(&lock->__lock, FUTEX_PRIVATE);
}

int omp_test_lock(omp_lock_t *lock)
{
	return __futex_trylock(&lock->__lock);
}

/* --- omp_nest_lock_t: the owner may set it again ------------------------ */

void omp_init_nest_lock(omp_nest_lock_t *lock)
{
	lock->__lock = 0;
	lock->__count = 0;
	lock->__owner = 0;
}

void omp_init_nest_lock_with_hint(omp_nest_lock_t *lock, omp_sync_hint_t hint)
{
	(void)hint;
	omp_init_nest_lock(lock);
}

void omp_destroy_nest_lock(omp_nest_lock_t *lock)
{
	(void)lock;
}

void omp_set_nest_lock(omp_nest_lock_t *lock)
{
	unsigned long me = pthread_self();

	if (lock->__owner != me) {
		__futex_lock(&lock->__lock, FUTEX_PRIVATE);
		lock->__owner = me;
	}
	lock->__count++;
}

void omp_unset_nest_lock(omp_nest_lock_t *lock)
{
	if (--lock->__count == 0) {
		lock->__owner = 0;
		__futex_unlock(&lock->__lock, FUTEX_PRIVATE);
	}
}

/* Returns the new nesting depth, or 0 if another thread holds it. */
int omp_test_nest_lock(omp_nest_lock_t *lock)
{
	unsigned long me = pthread_self();

	if (lock->__owner != me) {
		if (!__futex_trylock(&lock->__lock))
			return 0;
		lock->__owner = me;
	}
	return ++lock->__count;
}
