/*
 * process_bench.c: making processes and threads -- fork + exit + wait,
 * vfork + exit + wait, fork + exec of a tiny program + wait, and
 * pthread_create + join -- in microseconds per round.
 */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define ROUNDS 100

static double fork_exit_wait(void)
{
	double t0 = now_ns();

	for (int i = 0; i < ROUNDS; i++) {
		pid_t c = fork();
		if (c == 0)
			_exit(0);
		waitpid(c, NULL, 0);
	}
	return (now_ns() - t0) / ROUNDS / 1000;
}

static double vfork_exit_wait(void)
{
	double t0 = now_ns();

	for (int i = 0; i < ROUNDS; i++) {
		pid_t c = vfork();
		if (c == 0)
			_exit(0);
		waitpid(c, NULL, 0);
	}
	return (now_ns() - t0) / ROUNDS / 1000;
}

static double fork_exec_wait(void)
{
	double t0 = now_ns();

	for (int i = 0; i < ROUNDS / 4; i++) {
		pid_t c = fork();
		if (c == 0) {
			execlp("true", "true", (char *)0);
			_exit(127);
		}
		waitpid(c, NULL, 0);
	}
	return (now_ns() - t0) / (ROUNDS / 4) / 1000;
}

static void *nothing(void *arg) { return arg; }

static double thread_create_join(void)
{
	double t0 = now_ns();

	for (int i = 0; i < ROUNDS; i++) {
		pthread_t t;
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	return (now_ns() - t0) / ROUNDS / 1000;
}

int main(void)
{
	bench("fork_exit_wait", "us", fork_exit_wait);
	bench("vfork_exit_wait", "us", vfork_exit_wait);
	bench("fork_exec_wait", "us", fork_exec_wait);
	bench("pthread_create_join", "us", thread_create_join);
	return 0;
}
