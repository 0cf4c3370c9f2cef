/*
 * create_time_demo [N]: how long it takes to make a thread, and a
 * process.
 *
 * Lecture point: a thread shares its creator's address space, files
 * and signal handlers, so creating one is little more than a new task
 * and a stack. fork must also copy the process: its page tables (the
 * pages themselves are shared copy-on-write), file table and the rest,
 * and the exit and wait at the end undo all that. So threads are much
 * cheaper to create than processes.
 *
 * What it does: N times (default 200) pthread_create + pthread_join of a
 * thread that returns at once; then N times fork + waitpid of a child
 * that exits at once.
 *
 * What to look for: the time per thread is several times smaller than
 * the time per process; the last line gives the ratio.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *nothing(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200, i;
	double start, thread_us, process_us;
	pthread_t t;
	pid_t pid;

	if (n < 1)
		n = 1;
	start = now();
	for (i = 0; i < n; i++) {
		if (pthread_create(&t, NULL, nothing, NULL) != 0) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
		pthread_join(t, NULL);
	}
	thread_us = (now() - start) * 1e6 / n;

	start = now();
	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
	process_us = (now() - start) * 1e6 / n;

	printf("%d x pthread_create + pthread_join: %8.1f us each\n", n,
	       thread_us);
	printf("%d x fork + waitpid:                %8.1f us each\n", n,
	       process_us);
	printf("a process costs %.1f times as much as a thread\n",
	       process_us / thread_us);
	return 0;
}
