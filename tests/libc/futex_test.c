/* futex_test.c: the kernel primitives under the thread library, used
 * directly: futex ping-pong between two threads (100 000 rounds, no
 * wake-up may be lost), futex errors (EAGAIN, ETIMEDOUT), and the
 * clone() wrapper making a thread by hand (same PID, own TID, the
 * CLONE_CHILD_CLEARTID word cleared and woken at its exit) and a
 * process (exit status through waitpid). */
#define _GNU_SOURCE /* clone, gettid, syscall */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* <linux/futex.h> numbers (this file must build against both libcs
 * without kernel headers) */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128

static long futex(atomic_int *addr, int op, int val, const struct timespec *timeout)
{
	return syscall(SYS_futex, addr, op, val, timeout, NULL, 0);
}

/* --- ping-pong ---------------------------------------------------------- */

/* turn: 0 = ping's move, 1 = pong's. Each side waits while it is not
 * its turn, flips the word and wakes the other. A lost wake-up would
 * leave both asleep forever (the run's time limit catches that). */
static atomic_int turn;

static int rounds_wanted;

static void *pong(void *arg)
{
	int op = (int)(long)arg;
	for (int i = 0; i < rounds_wanted; i++) {
		while (atomic_load(&turn) != 1)
			futex(&turn, FUTEX_WAIT | op, 0, NULL);
		atomic_store(&turn, 0);
		futex(&turn, FUTEX_WAKE | op, 1, NULL);
	}
	return NULL;
}

static void ping_pong(int op, int n, const char *name)
{
	pthread_t t;
	int rounds = 0;

	rounds_wanted = n;
	atomic_store(&turn, 0);
	pthread_create(&t, NULL, pong, (void *)(long)op);
	for (int i = 0; i < n; i++) {
		atomic_store(&turn, 1);
		futex(&turn, FUTEX_WAKE | op, 1, NULL);
		while (atomic_load(&turn) != 0)
			futex(&turn, FUTEX_WAIT | op, 1, NULL);
		rounds++;
	}
	pthread_join(t, NULL);
	check_long(name, rounds, n);
}

/* --- errors ---------------------------------------------------------------- */

static void futex_errors(void)
{
	atomic_int word = 5;
	struct timespec short_wait = {0, 10 * 1000000};

	errno = 0;
	check("FUTEX_WAIT on a changed value: EAGAIN",
	      futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 4, NULL) == -1 && errno == EAGAIN,
	      "errno %d", errno);
	errno = 0;
	check("FUTEX_WAIT with a timeout: ETIMEDOUT",
	      futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 5, &short_wait) == -1 && errno == ETIMEDOUT,
	      "errno %d", errno);
	check_long("FUTEX_WAKE with nobody waiting wakes 0",
		   futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, INT_MAX, NULL), 0);

	/* WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline */
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_nsec += 10 * 1000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	errno = 0;
	long r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 5, &deadline, NULL,
			 0xffffffff);
	check("FUTEX_WAIT_BITSET with an absolute deadline: ETIMEDOUT", r == -1 && errno == ETIMEDOUT,
	      "r=%ld errno %d", r, errno);
}

/* --- clone by hand -------------------------------------------------------- */

static pid_t child_pid, child_tid;
static volatile int child_ran;

static int thread_body(void *arg)
{
	child_pid = getpid();
	child_tid = gettid();
	child_ran = *(int *)arg;
	return 0;
}

static int process_body(void *arg)
{
	(void)arg;
	return 42; /* the process's exit status */
}

static void clone_by_hand(void)
{
	size_t size = 256 * 1024;
	char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* the kernel stores the tid here (PARENT_SETTID), then clears it and
	 * wakes it when the thread exits (CHILD_CLEARTID) */
	static atomic_int ctid;
	int arg = 7;
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
		    CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;

	int tid = clone(thread_body, stack + size, flags, &arg, &ctid, NULL, &ctid);
	check("clone(CLONE_THREAD...) returns a thread id", tid > 0, "errno %d", errno);
	int t;
	while ((t = atomic_load(&ctid)) != 0)
		futex(&ctid, FUTEX_WAIT, t, NULL); /* shared op: as the kernel's wake */
	check_long("the thread ran (CLONE_VM: we see its write)", child_ran, 7);
	check_long("thread: same PID", child_pid, getpid());
	check("thread: its own TID", child_tid == tid && child_tid != gettid(), "tid %d, child saw %d",
	      tid, child_tid);

	fflush(stdout);
	pid_t pid = clone(process_body, stack + size, SIGCHLD, NULL);
	int st = -1;
	waitpid(pid, &st, 0);
	check("clone(SIGCHLD) as a process: exit status 42 via waitpid",
	      pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 42, "pid %d status 0x%x", pid, st);
	munmap(stack, size);
}

int main(void)
{
	ping_pong(FUTEX_PRIVATE_FLAG, 100000, "futex ping-pong 100000 rounds (FUTEX_PRIVATE_FLAG)");
	ping_pong(0, 10000, "futex ping-pong 10000 rounds (shared futex ops)");
	futex_errors();
	clone_by_hand();
	return finish();
}
