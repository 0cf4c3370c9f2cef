/* threadexit_test.c: how a process with several threads ends. exit()
 * (exit_group) from one thread while the others spin ends them all;
 * so does _exit(); returning from main ends the threads still running;
 * execve from a thread replaces the whole process image (the other
 * threads vanish: this program runs itself as a helper that exits
 * with 5); fork from a thread gives a child with just that
 * thread, whose stdio and malloc still work. Each case runs in a child
 * process, so a hang or crash shows as that child's status. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define SPINNERS 3

static atomic_int spinning;

static void *spin_forever(void *arg)
{
	(void)arg;
	atomic_fetch_add(&spinning, 1);
	for (;;)
		__asm__ volatile("" ::: "memory");
	return NULL;
}

static void start_spinners(void)
{
	for (int i = 0; i < SPINNERS; i++) {
		pthread_t t;
		pthread_create(&t, NULL, spin_forever, NULL);
	}
	while (atomic_load(&spinning) < SPINNERS)
		usleep(1000);
}

/* Runs BODY in a child process, with a watchdog: a child that does not
 * end within 10 seconds is killed, and its status shows SIGKILL. */
static int in_child(void (*body)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		alarm(10);
		body();
		_exit(99); /* body should not return */
	}
	int st = -1;
	waitpid(pid, &st, 0);
	return st;
}

static void *call_exit(void *arg)
{
	(void)arg;
	exit(7);
}

static void exit_from_thread(void)
{
	start_spinners();
	pthread_t t;
	pthread_create(&t, NULL, call_exit, NULL);
	pthread_join(t, NULL);
	_exit(98); /* not reached: exit(7) ended every thread */
}

static void *call_underscore_exit(void *arg)
{
	(void)arg;
	_exit(8);
}

static void underscore_exit_from_thread(void)
{
	start_spinners();
	pthread_t t;
	pthread_create(&t, NULL, call_underscore_exit, NULL);
	for (;;)
		pause();
}

static void return_from_main_with_threads(void)
{
	start_spinners();
	exit(9); /* what returning from main does */
}

static char *self_path;

static void *exec_helper(void *arg)
{
	(void)arg;
	char *argv[] = {self_path, "exec-helper", NULL};
	execv(self_path, argv);
	_exit(97); /* exec failed */
}

static void exec_from_thread(void)
{
	start_spinners();
	pthread_t t;
	pthread_create(&t, NULL, exec_helper, NULL);
	for (;;)
		pause();
}

static void *fork_in_thread(void *arg)
{
	(void)arg;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		/* only this thread exists here; the library's locks work */
		char *p = malloc(1000);
		int n = snprintf(p, 1000, "%d", 12345);
		FILE *f = fopen("/dev/null", "w");
		int ok = p && n == 5 && f && fprintf(f, "child\n") == 6;
		if (f)
			fclose(f);
		free(p);
		_exit(ok ? 11 : 12);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	return (void *)(long)st;
}

static void *malloc_churn(void *arg)
{
	(void)arg;
	for (;;)
		free(malloc(64));
	return NULL;
}

static void fork_from_thread(void)
{
	pthread_t churn, t;
	void *st;

	pthread_create(&churn, NULL, malloc_churn, NULL); /* the malloc lock is busy */
	pthread_create(&t, NULL, fork_in_thread, NULL);
	pthread_join(t, &st);
	int status = (int)(long)st;
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 13);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-helper") == 0)
		return 5; /* the image a thread exec'd: no threads here */
	self_path = argv[0];

	int st = in_child(exit_from_thread);
	check("exit(7) in a thread while 3 others spin ends the process with 7",
	      WIFEXITED(st) && WEXITSTATUS(st) == 7, "status 0x%x", st);

	st = in_child(underscore_exit_from_thread);
	check("_exit(8) in a thread ends all threads", WIFEXITED(st) && WEXITSTATUS(st) == 8,
	      "status 0x%x", st);

	st = in_child(return_from_main_with_threads);
	check("exit from main with threads spinning", WIFEXITED(st) && WEXITSTATUS(st) == 9,
	      "status 0x%x", st);

	st = in_child(exec_from_thread);
	check("execve from a thread replaces the whole process (helper's status 5)",
	      WIFEXITED(st) && WEXITSTATUS(st) == 5, "status 0x%x", st);

	st = in_child(fork_from_thread);
	check("fork from a thread while another mallocs: child's malloc and stdio work",
	      WIFEXITED(st) && WEXITSTATUS(st) == 11, "status 0x%x", st);
	return finish();
}
