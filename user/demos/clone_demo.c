/*
 * clone_demo: a process and a thread come from the same system call.
 *
 * Lecture point: clone(fn, stack, flags, arg) starts a new task that
 * runs fn(arg) on the stack we hand it; the flags say what it shares
 * with us. With nothing but SIGCHLD (the signal we get when it ends)
 * it shares nothing: it is a new process, exactly what fork makes, with
 * its own PID and its own copy of memory, and fn's return value becomes
 * its exit status. With CLONE_VM | CLONE_FS | CLONE_FILES |
 * CLONE_SIGHAND | CLONE_THREAD it shares memory, files and signal
 * handlers and joins our thread group: it is a thread, with our PID and
 * its own TID. We wait for a thread the way pthread_join does:
 * CLONE_CHILD_CLEARTID makes the kernel zero a word and wake a futex on
 * it when the thread ends.
 *
 * What to look for: the process child has a new PID, its change to x
 * does not reach us, and waitpid reports exit status 42. The thread
 * prints our PID with a TID of its own, and its change to x is ours.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (64 * 1024)
static char stack[STACK_SIZE] __attribute__((aligned(16)));

static int x = 1;

static int as_process(void *arg)
{
	(void)arg;
	x = 100;
	printf("  child process: pid %d, tid %ld, sets x = %d\n", (int)getpid(),
	       syscall(SYS_gettid), x);
	fflush(stdout);
	return 42;
}

static int as_thread(void *arg)
{
	(void)arg;
	x = 200;
	printf("  thread:        pid %d, tid %ld, sets x = %d\n", (int)getpid(),
	       syscall(SYS_gettid), x);
	fflush(stdout);
	return 0;
}

int main(void)
{
	volatile int tid_word;
	int status, v;
	pid_t pid;

	printf("parent: pid %d, tid %ld, x = %d\n", (int)getpid(),
	       syscall(SYS_gettid), x);
	fflush(stdout); /* else the child process prints our buffer too */

	printf("clone(SIGCHLD): a process\n");
	fflush(stdout);
	pid = clone(as_process, stack + STACK_SIZE, SIGCHLD, NULL);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	waitpid(pid, &status, 0);
	printf("  parent: waitpid(%d) says exit status %d; our x is still %d\n",
	       (int)pid, WEXITSTATUS(status), x);

	printf("clone(CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
	       "CLONE_THREAD|...): a thread\n");
	fflush(stdout);
	pid = clone(as_thread, stack + STACK_SIZE,
		    CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			    CLONE_THREAD | CLONE_PARENT_SETTID |
			    CLONE_CHILD_CLEARTID,
		    NULL, &tid_word, NULL, &tid_word);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	/* what pthread_join does: sleep until the kernel clears the word */
	while ((v = tid_word) != 0)
		syscall(SYS_futex, &tid_word, 0 /* FUTEX_WAIT */, v, NULL, NULL,
			0);
	printf("  parent: thread %d has ended; our x is now %d\n", (int)pid,
	       x);
	return 0;
}
