/* sync_test.c: thread synchronisation. The lecture's shared counter,
 * 4 threads x 100 000 increments, made exact with an atomic add, a
 * mutex, a spin lock and a semaphore; the mutex types (recursive,
 * errorcheck) and their errors; condition variables (signal, broadcast,
 * timed wait running out); barriers; read-write locks. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NTHREADS 4
#define ROUNDS 100000

/* --- the counter, four ways ---------------------------------------------- */

static atomic_long atomic_counter;
static long plain_counter;
static pthread_mutex_t counter_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_spinlock_t counter_spin;
static sem_t counter_sem;

static void *add_atomic(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++)
		atomic_fetch_add(&atomic_counter, 1);
	return NULL;
}

static void *add_mutex(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&counter_mutex);
		plain_counter++;
		pthread_mutex_unlock(&counter_mutex);
	}
	return NULL;
}

static void *add_spin(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_spin_lock(&counter_spin);
		plain_counter++;
		pthread_spin_unlock(&counter_spin);
	}
	return NULL;
}

static void *add_sem(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		sem_wait(&counter_sem); /* P */
		plain_counter++;
		sem_post(&counter_sem); /* V */
	}
	return NULL;
}

static void run_all(void *(*fn)(void *))
{
	pthread_t t[NTHREADS];

	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, fn, NULL);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
}

static void counters(void)
{
	run_all(add_atomic);
	check_long("4 x 100000 atomic_fetch_add", atomic_load(&atomic_counter), NTHREADS * ROUNDS);

	plain_counter = 0;
	run_all(add_mutex);
	check_long("4 x 100000 under a pthread mutex", plain_counter, NTHREADS * ROUNDS);

	plain_counter = 0;
	pthread_spin_init(&counter_spin, PTHREAD_PROCESS_PRIVATE);
	run_all(add_spin);
	check_long("4 x 100000 under a spin lock", plain_counter, NTHREADS * ROUNDS);
	pthread_spin_destroy(&counter_spin);

	plain_counter = 0;
	sem_init(&counter_sem, 0, 1);
	run_all(add_sem);
	check_long("4 x 100000 under a semaphore (P/V)", plain_counter, NTHREADS * ROUNDS);
	sem_destroy(&counter_sem);
}

/* --- mutex types ---------------------------------------------------------- */

static pthread_mutex_t shared_m;

static void *try_from_other_thread(void *arg)
{
	(void)arg;
	long r = pthread_mutex_trylock(&shared_m);
	if (r == 0)
		pthread_mutex_unlock(&shared_m);
	return (void *)r;
}

static void *unlock_from_other_thread(void *arg)
{
	(void)arg;
	return (void *)(long)pthread_mutex_unlock(&shared_m);
}

static long in_thread(void *(*fn)(void *))
{
	pthread_t t;
	void *r;

	pthread_create(&t, NULL, fn, NULL);
	pthread_join(t, &r);
	return (long)r;
}

static void mutex_types(void)
{
	pthread_mutexattr_t a;
	int type = -1;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_gettype(&a, &type);
	check_long("default mutex type", type, PTHREAD_MUTEX_DEFAULT);
	check_long("settype(bogus): EINVAL", pthread_mutexattr_settype(&a, 999), EINVAL);

	/* recursive: lock twice, others are kept out until the last unlock */
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&shared_m, &a);
	check_long("recursive: lock", pthread_mutex_lock(&shared_m), 0);
	check_long("recursive: lock again", pthread_mutex_lock(&shared_m), 0);
	check_long("recursive: trylock by the owner", pthread_mutex_trylock(&shared_m), 0);
	check_long("recursive: other thread's trylock is EBUSY", in_thread(try_from_other_thread), EBUSY);
	check_long("recursive: unlock by another thread: EPERM", in_thread(unlock_from_other_thread), EPERM);
	pthread_mutex_unlock(&shared_m);
	pthread_mutex_unlock(&shared_m);
	check_long("recursive: still held after 2 of 3 unlocks", in_thread(try_from_other_thread), EBUSY);
	check_long("recursive: destroy while locked: EBUSY", pthread_mutex_destroy(&shared_m), EBUSY);
	pthread_mutex_unlock(&shared_m);
	check_long("recursive: free after the last unlock", in_thread(try_from_other_thread), 0);
	check_long("recursive: destroy", pthread_mutex_destroy(&shared_m), 0);

	/* errorcheck: mistakes are reported instead of deadlocking */
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&shared_m, &a);
	check_long("errorcheck: unlock when unlocked: EPERM", pthread_mutex_unlock(&shared_m), EPERM);
	pthread_mutex_lock(&shared_m);
	check_long("errorcheck: relock: EDEADLK", pthread_mutex_lock(&shared_m), EDEADLK);
	check_long("errorcheck: unlock by another thread: EPERM", in_thread(unlock_from_other_thread), EPERM);
	check_long("errorcheck: unlock by the owner", pthread_mutex_unlock(&shared_m), 0);
	pthread_mutex_destroy(&shared_m);

	/* normal */
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_NORMAL);
	pthread_mutex_init(&shared_m, &a);
	pthread_mutex_lock(&shared_m);
	check_long("normal: trylock while held: EBUSY", pthread_mutex_trylock(&shared_m), EBUSY);
	pthread_mutex_unlock(&shared_m);
	check_long("normal: trylock when free", pthread_mutex_trylock(&shared_m), 0);
	pthread_mutex_unlock(&shared_m);
	pthread_mutex_destroy(&shared_m);
	check_long("lock a destroyed mutex: EINVAL", pthread_mutex_lock(&shared_m), EINVAL);
	pthread_mutexattr_destroy(&a);

	/* timedlock running out */
	pthread_mutex_init(&shared_m, NULL);
	pthread_mutex_lock(&shared_m);
	struct timespec when;
	clock_gettime(CLOCK_REALTIME, &when);
	when.tv_nsec += 20 * 1000000;
	if (when.tv_nsec >= 1000000000) {
		when.tv_sec++;
		when.tv_nsec -= 1000000000;
	}
	check_long("timedlock on a held mutex: ETIMEDOUT", pthread_mutex_timedlock(&shared_m, &when),
		   ETIMEDOUT);
	pthread_mutex_unlock(&shared_m);
	pthread_mutex_destroy(&shared_m);
}

/* --- condition variables ------------------------------------------------ */

static pthread_mutex_t cm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready, waiting, woken;

static void *wait_ready(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&cm);
	waiting++;
	while (!ready)
		pthread_cond_wait(&cv, &cm);
	woken++;
	pthread_mutex_unlock(&cm);
	return NULL;
}

/* A queue of ROUNDS tokens passed through one slot: the producer waits
 * for the slot to be empty, the consumer for it to be full. */
static int slot_full, slot_value;
static pthread_cond_t slot_changed = PTHREAD_COND_INITIALIZER;

static void *consume_slots(void *arg)
{
	long sum = 0;
	(void)arg;
	for (int i = 0; i < ROUNDS / 10; i++) {
		pthread_mutex_lock(&cm);
		while (!slot_full)
			pthread_cond_wait(&slot_changed, &cm);
		sum += slot_value;
		slot_full = 0;
		pthread_cond_signal(&slot_changed);
		pthread_mutex_unlock(&cm);
	}
	return (void *)sum;
}

static void conditions(void)
{
	pthread_t t[NTHREADS];

	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, wait_ready, NULL);
	for (;;) { /* until all are inside pthread_cond_wait */
		pthread_mutex_lock(&cm);
		int n = waiting;
		pthread_mutex_unlock(&cm);
		if (n == NTHREADS)
			break;
		usleep(1000);
	}
	pthread_mutex_lock(&cm);
	ready = 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&cm);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	check_long("broadcast woke every waiter", woken, NTHREADS);

	pthread_t c;
	void *sum;
	pthread_create(&c, NULL, consume_slots, NULL);
	for (int i = 1; i <= ROUNDS / 10; i++) {
		pthread_mutex_lock(&cm);
		while (slot_full)
			pthread_cond_wait(&slot_changed, &cm);
		slot_value = i;
		slot_full = 1;
		pthread_cond_signal(&slot_changed);
		pthread_mutex_unlock(&cm);
	}
	pthread_join(c, &sum);
	check_long("10000 hand-offs by signal, none lost", (long)sum,
		   (long)(ROUNDS / 10) * (ROUNDS / 10 + 1) / 2);

	/* a timed wait that nobody signals */
	struct timespec start, deadline, end;
	clock_gettime(CLOCK_REALTIME, &start);
	deadline = start;
	deadline.tv_nsec += 50 * 1000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&cm);
	int r = pthread_cond_timedwait(&cv, &cm, &deadline);
	int relocked = pthread_mutex_trylock(&cm) == EBUSY; /* we hold it again */
	pthread_mutex_unlock(&cm);
	clock_gettime(CLOCK_REALTIME, &end);
	check_long("cond_timedwait with nobody signalling: ETIMEDOUT", r, ETIMEDOUT);
	check("...and not before the deadline", end.tv_sec > deadline.tv_sec ||
	      (end.tv_sec == deadline.tv_sec && end.tv_nsec >= deadline.tv_nsec), "woke early");
	check("...holding the mutex again", relocked, "mutex not held");

	pthread_mutex_lock(&cm);
	deadline.tv_nsec = 2000000000L;
	check_long("cond_timedwait with a bad tv_nsec: EINVAL", pthread_cond_timedwait(&cv, &cm, &deadline),
		   EINVAL);
	pthread_mutex_unlock(&cm);
}

/* --- barriers -------------------------------------------------------------- */

#define BARRIER_ROUNDS 1000
static pthread_barrier_t barrier;
static atomic_int serial_count;
static atomic_int phase_errors;
static atomic_int arrivals[BARRIER_ROUNDS];

static void *barrier_worker(void *arg)
{
	(void)arg;
	for (int round = 0; round < BARRIER_ROUNDS; round++) {
		atomic_fetch_add(&arrivals[round], 1);
		int r = pthread_barrier_wait(&barrier);
		if (r == PTHREAD_BARRIER_SERIAL_THREAD)
			atomic_fetch_add(&serial_count, 1);
		else if (r != 0)
			atomic_fetch_add(&phase_errors, 1);
		/* nobody gets past the barrier before all have arrived */
		if (atomic_load(&arrivals[round]) != NTHREADS)
			atomic_fetch_add(&phase_errors, 1);
	}
	return NULL;
}

static void barriers(void)
{
	check_long("barrier_init(count 0): EINVAL", pthread_barrier_init(&barrier, NULL, 0), EINVAL);
	pthread_barrier_init(&barrier, NULL, NTHREADS);
	run_all(barrier_worker);
	check_long("1000 rounds: nobody passed early", atomic_load(&phase_errors), 0);
	check_long("PTHREAD_BARRIER_SERIAL_THREAD once per round", atomic_load(&serial_count),
		   BARRIER_ROUNDS);
	check_long("barrier_destroy", pthread_barrier_destroy(&barrier), 0);
}

/* --- read-write locks ------------------------------------------------------ */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_value;

static void *rw_worker(void *arg)
{
	long bad = 0;
	(void)arg;
	for (int i = 0; i < ROUNDS / 10; i++) {
		if (i % 4 == 0) {
			pthread_rwlock_wrlock(&rw);
			rw_value++;
			rw_value++; /* readers must never see it odd */
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			bad += rw_value & 1;
			pthread_rwlock_unlock(&rw);
		}
	}
	return (void *)bad;
}

static void rwlocks(void)
{
	pthread_t t[NTHREADS];
	long bad = 0;

	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, rw_worker, NULL);
	for (int i = 0; i < NTHREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	check_long("rwlock: writers exclusive", rw_value, 2L * NTHREADS * (ROUNDS / 40));
	check_long("rwlock: readers never saw a half-done write", bad, 0);
	pthread_rwlock_rdlock(&rw);
	check_long("rwlock: second reader gets in", pthread_rwlock_tryrdlock(&rw), 0);
	check_long("rwlock: writer kept out by readers", pthread_rwlock_trywrlock(&rw), EBUSY);
	pthread_rwlock_unlock(&rw);
	pthread_rwlock_unlock(&rw);
	check_long("rwlock: writer gets in when free", pthread_rwlock_trywrlock(&rw), 0);
	check_long("rwlock: reader kept out by a writer", pthread_rwlock_tryrdlock(&rw), EBUSY);
	pthread_rwlock_unlock(&rw);
}

int main(void)
{
	counters();
	mutex_types();
	conditions();
	barriers();
	rwlocks();
	return finish();
}
