/*
 * reentrancy_demo: thread-safe is not the same as reentrant.
 *
 * Lecture point: increment_count() guarded by a lock is thread-safe:
 * four threads calling it 100 000 times each get the exact total,
 * because the lock lets one thread in at a time. It is not reentrant:
 * if the thread that is inside it, holding the lock, enters it again
 * (a signal handler interrupts it and calls it, or it calls itself),
 * the second entry waits for a lock that its own thread holds, and so
 * waits forever: a deadlock with one thread. The version built on
 * atomic_fetch_add holds no lock, so it is thread-safe and reentrant
 * too: it can be interrupted anywhere and called again.
 *
 * So as not to hang for real, the locked version here uses an
 * error-checking mutex, which answers EDEADLK when its owner locks it
 * again, and the signal handler only tries the lock (EBUSY) where an
 * ordinary increment_count() would block for ever.
 *
 * What to look for: both totals exact (400000); then, re-entered from a
 * signal handler, the locked version reports EBUSY (it would deadlock)
 * while the atomic one counts; re-entered by recursion, the lock
 * reports EDEADLK.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define NTHREADS 4
#define NINCR 100000

static pthread_mutex_t lock;
static long count; /* guarded by lock */
static atomic_long atomic_count;

/* How the demo re-enters increment_count() while it holds the lock. */
enum reenter { NOT_AGAIN, BY_SIGNAL, BY_RECURSION };

/* Thread-safe, not reentrant. */
static int increment_count(enum reenter how)
{
	int err = pthread_mutex_lock(&lock);

	if (err != 0)
		return err; /* EDEADLK: this thread is already inside */
	count++;
	if (how == BY_SIGNAL)
		raise(SIGUSR1); /* a signal arrives just now */
	if (how == BY_RECURSION)
		err = increment_count(NOT_AGAIN);
	pthread_mutex_unlock(&lock);
	return err;
}

/* Thread-safe and reentrant. */
static void increment_count_atomic(void)
{
	atomic_fetch_add(&atomic_count, 1);
}

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < NINCR; i++) {
		increment_count(NOT_AGAIN);
		increment_count_atomic();
	}
	return NULL;
}

/* What the handler found; printed later (printf is not for handlers). */
static volatile int handler_trylock;
static volatile long handler_atomic_before, handler_atomic_after;

static void on_signal(int sig)
{
	(void)sig;
	/* increment_count() would call pthread_mutex_lock here and never
	 * return: the lock's owner is the code we interrupted. */
	handler_trylock = pthread_mutex_trylock(&lock);
	if (handler_trylock == 0)
		pthread_mutex_unlock(&lock);
	handler_atomic_before = atomic_load(&atomic_count);
	increment_count_atomic();
	handler_atomic_after = atomic_load(&atomic_count);
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t t[NTHREADS];
	int i, err;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&lock, &attr);

	for (i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	printf("thread-safe: %d threads x %d increments\n", NTHREADS, NINCR);
	printf("  with the lock:    %ld\n", count);
	printf("  with atomic add:  %ld\n", atomic_load(&atomic_count));

	printf("re-entered from a signal handler, in the middle of the "
	       "locked increment:\n");
	if (signal(SIGUSR1, on_signal) == SIG_ERR) {
		printf("  (skipped: no signal handlers here: %s)\n",
		       strerror(errno));
	} else {
		increment_count(BY_SIGNAL);
		printf("  lock:   %s (a plain lock call would wait forever)\n",
		       handler_trylock == EBUSY
			       ? "EBUSY, held by the interrupted code"
			       : strerror(handler_trylock));
		printf("  atomic: %ld -> %ld, fine\n", handler_atomic_before,
		       handler_atomic_after);
	}

	printf("re-entered by recursion:\n");
	err = increment_count(BY_RECURSION);
	printf("  lock:   %s\n", err == EDEADLK
		       ? "EDEADLK, the thread already holds it: a plain mutex "
			 "would deadlock"
		       : strerror(err));
	pthread_mutex_destroy(&lock);
	return 0;
}
