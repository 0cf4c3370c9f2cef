/*
 * spin_vs_sem_demo [MS]: waiting by spinning vs waiting asleep.
 *
 * Lecture point: a thread that must wait for another can spin (test a
 * lock over and over: pthread_spin_lock) or sleep (sem_wait on a
 * semaphore: the kernel takes it off the CPU until a sem_post wakes
 * it). Both wait the same time, but the spinner burns a CPU all the
 * while, which another thread could have used; the sleeper costs
 * almost nothing. Spinning pays only for waits shorter than two
 * context switches, which is why spinlocks guard only short critical
 * sections.
 *
 * What it does: two waiter threads start together. One spins on a
 * spinlock the main thread holds, the other sleeps on a semaphore the
 * main thread has not posted. The main thread sleeps MS milliseconds
 * (default 1000), then unlocks the one and posts the other. Each
 * waiter measures the wall time it waited and the CPU time it used
 * meanwhile (clock_gettime with CLOCK_THREAD_CPUTIME_ID: the CPU time
 * of the calling thread alone).
 *
 * What to look for: both waited about MS ms; the spinner used about as
 * much CPU time as it waited (less if it had to share its CPU), the
 * sleeper about zero.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_spinlock_t spin;
static sem_t sem;

struct waited {
	double wall, cpu; /* seconds */
};

static double seconds(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *spin_waiter(void *arg)
{
	struct waited *w = arg;
	double wall = seconds(CLOCK_MONOTONIC);
	double cpu = seconds(CLOCK_THREAD_CPUTIME_ID);

	pthread_spin_lock(&spin); /* spins until main unlocks */
	pthread_spin_unlock(&spin);
	w->cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - cpu;
	w->wall = seconds(CLOCK_MONOTONIC) - wall;
	return NULL;
}

static void *sem_waiter(void *arg)
{
	struct waited *w = arg;
	double wall = seconds(CLOCK_MONOTONIC);
	double cpu = seconds(CLOCK_THREAD_CPUTIME_ID);

	while (sem_wait(&sem) != 0) /* sleeps until main posts */
		;
	w->cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - cpu;
	w->wall = seconds(CLOCK_MONOTONIC) - wall;
	return NULL;
}

int main(int argc, char **argv)
{
	long ms = argc > 1 ? atol(argv[1]) : 1000;
	struct timespec nap = { ms / 1000, (ms % 1000) * 1000000L };
	struct waited spinner = { 0, 0 }, sleeper = { 0, 0 };
	pthread_t s, t;

	pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
	sem_init(&sem, 0, 0);
	pthread_spin_lock(&spin);
	pthread_create(&s, NULL, spin_waiter, &spinner);
	pthread_create(&t, NULL, sem_waiter, &sleeper);

	nanosleep(&nap, NULL);
	pthread_spin_unlock(&spin);
	sem_post(&sem);
	pthread_join(s, NULL);
	pthread_join(t, NULL);

	printf("spinlock waiter:   waited %6.3f s, CPU time used %6.3f s\n",
	       spinner.wall, spinner.cpu);
	printf("semaphore waiter:  waited %6.3f s, CPU time used %6.3f s\n",
	       sleeper.wall, sleeper.cpu);
	return 0;
}
