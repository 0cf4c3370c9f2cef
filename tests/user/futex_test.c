/*
 * futex_test.c: the futex system call, on which user-space locks,
 * condition variables, semaphores and pthread_join are built.
 *
 * FUTEX_WAIT sleeps only if the word still holds the expected value
 * (else EAGAIN), so a wake between "I saw it busy" and "I sleep" is
 * never lost: two threads on different CPUs pass a turn back and forth
 * 100 000 times (fewer under slow emulation: see run_pingpong).
 * Timeouts: relative for FUTEX_WAIT (ETIMEDOUT), an absolute
 * CLOCK_MONOTONIC time for FUTEX_WAIT_BITSET; a signal ends a
 * wait with EINTR; FUTEX_WAKE_BITSET wakes only waiters whose bitset
 * overlaps; a misaligned word is EINVAL and an unmapped one EFAULT.
 * FUTEX_PRIVATE_FLAG promises that the word is not shared with another
 * process; without it a futex in shared memory works across processes.
 */
#define _GNU_SOURCE
#define TEST_NAME "futex"
#include "check.h"

#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

/* The operations, as in <linux/futex.h>. */
#ifndef FUTEX_WAIT
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_BITSET_MATCH_ANY 0xffffffff
#endif

#define ROUNDS 100000 /* ping-pong rounds, time allowing: see below */

static long futex(atomic_int *addr, int op, int val,
		  const struct timespec *ts, unsigned bitset)
{
	return syscall(SYS_futex, addr, op, val, ts, NULL, bitset);
}

static struct timespec ms_timespec(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	return ts;
}

static void sleep_ms(long ms)
{
	struct timespec ts = ms_timespec(ms);

	nanosleep(&ts, NULL);
}

static int allowed_cpus(int *cpus, int max)
{
	cpu_set_t set;
	int cpu, n = 0;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 0;
	for (cpu = 0; cpu < CPU_SETSIZE && n < max; cpu++)
		if (CPU_ISSET(cpu, &set))
			cpus[n++] = cpu;
	return n;
}

static void pin_to_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* ---- ping-pong: whose turn it is lives in one word ---- */

#define PING 0 /* values of the word: ping's move, */
#define PONG 1 /* pong's move, */
#define STOP 2 /* or the game is over */

struct pingpong {
	atomic_int turn;  /* PING, PONG or STOP */
	int private_flag; /* 0 or FUTEX_PRIVATE_FLAG */
	int cpu[2];       /* where each side is pinned, -1: anywhere */
	int timeouts[2];  /* 10-second waits that expired: lost wake-ups */
};

/* Sleep until the word is no longer NOT_MINE; return what it became. */
static int wait_turn(struct pingpong *pp, int me, int not_mine)
{
	struct timespec ten_s = { 10, 0 };
	int seen;

	while ((seen = atomic_load(&pp->turn)) == not_mine)
		if (futex(&pp->turn, FUTEX_WAIT | pp->private_flag, seen,
			  &ten_s, 0) == -1 &&
		    errno == ETIMEDOUT)
			pp->timeouts[me]++;
	return seen;
}

static void hand_over(struct pingpong *pp, int value)
{
	atomic_store(&pp->turn, value);
	futex(&pp->turn, FUTEX_WAKE | pp->private_flag, 1, NULL, 0);
}

static void *pong(void *arg)
{
	struct pingpong *pp = arg;

	if (pp->cpu[1] >= 0)
		pin_to_cpu(pp->cpu[1]);
	while (wait_turn(pp, 1, PING) != STOP)
		hand_over(pp, PING);
	return NULL;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Pass the turn back and forth MAX_ROUNDS times, each side on its own
 * CPU when there are two. Under slow emulation that could take minutes,
 * so the game also ends once BUDGET_S seconds have passed (but never
 * before MIN_ROUNDS): on Linux or with KVM all the rounds are played.
 */
#define MIN_ROUNDS 1000

static void run_pingpong(const char *name, int private_flag, int max_rounds,
			 double budget_s)
{
	struct pingpong pp = { .private_flag = private_flag, .cpu = { -1, -1 } };
	int cpus[2], n = allowed_cpus(cpus, 2), rounds;
	double start = seconds_now();
	char check[64];
	cpu_set_t mask;
	pthread_t t;

	sched_getaffinity(0, sizeof(mask), &mask);
	if (n == 2) {
		pp.cpu[0] = cpus[0];
		pp.cpu[1] = cpus[1];
		pin_to_cpu(cpus[0]);
	}
	atomic_store(&pp.turn, PING);
	if (pthread_create(&t, NULL, pong, &pp) != 0)
		die("pthread_create");
	for (rounds = 0; rounds < max_rounds; rounds++) {
		if (rounds >= MIN_ROUNDS && rounds % 100 == 0 &&
		    seconds_now() - start > budget_s)
			break;
		wait_turn(&pp, 0, PONG);
		hand_over(&pp, PONG);
	}
	wait_turn(&pp, 0, PONG); /* pong's last move */
	hand_over(&pp, STOP);
	pthread_join(t, NULL);
	printf("# %s: %d rounds on CPUs %d and %d in %.1f s\n", name, rounds,
	       pp.cpu[0], pp.cpu[1], seconds_now() - start);
	snprintf(check, sizeof(check), "%s_no_lost_wakeup", name);
	expect_eq(check, pp.timeouts[0] + pp.timeouts[1], 0);
	snprintf(check, sizeof(check), "%s_ends_on_stop", name);
	expect_eq(check, atomic_load(&pp.turn), STOP);

	sched_setaffinity(0, sizeof(mask), &mask); /* unpinned again */
}

/* ---- value mismatch, timeouts, EINTR ---- */

static atomic_int word;

static void on_alarm(int sig)
{
	(void)sig;
}

static void test_wait_errors(void)
{
	struct timespec ts = ms_timespec(20), before, after;
	struct sigaction sa;
	struct itimerval every_20ms = { { 0, 20000 }, { 0, 20000 } };
	struct itimerval off = { { 0, 0 }, { 0, 0 } };

	atomic_store(&word, 1);
	expect_errno("wait_value_mismatch_eagain",
		     futex(&word, FUTEX_WAIT, 2, NULL, 0), EAGAIN);
	expect_errno("wait_private_mismatch_eagain",
		     futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, NULL, 0),
		     EAGAIN);

	clock_gettime(CLOCK_MONOTONIC, &before);
	expect_errno("wait_relative_timeout_etimedout",
		     futex(&word, FUTEX_WAIT, 1, &ts, 0), ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &after);
	expect("wait_timeout_not_early",
	       (after.tv_sec - before.tv_sec) * 1000000000L +
			       (after.tv_nsec - before.tv_nsec) >= 20000000L,
	       "returned before 20 ms had passed");
	expect_errno("wait_private_timeout_etimedout",
		     futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, &ts, 0),
		     ETIMEDOUT);
	ts.tv_nsec = 1000000000L; /* not a valid timespec */
	expect_errno("wait_bad_timespec_einval",
		     futex(&word, FUTEX_WAIT, 1, &ts, 0), EINVAL);

	expect_eq("wake_nobody_returns_0", futex(&word, FUTEX_WAKE, 1, NULL, 0),
		  0);
	expect_eq("wake_private_nobody_returns_0",
		  futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, INT_MAX, NULL,
			0),
		  0);

	/* A signal with a handler ends the wait. The timer repeats, so
	 * one is bound to arrive while we sleep. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	if (sigaction(SIGALRM, &sa, NULL) != 0) {
		printf("# wait_interrupted: skipped, no sigaction (%s)\n",
		       strerror(errno));
		return;
	}
	setitimer(ITIMER_REAL, &every_20ms, NULL);
	ts = ms_timespec(10000);
	expect_errno("wait_interrupted_eintr",
		     futex(&word, FUTEX_WAIT, 1, &ts, 0), EINTR);
	setitimer(ITIMER_REAL, &off, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGALRM, &sa, NULL);
}

static void add_ms(struct timespec *ts, long ms)
{
	ts->tv_nsec += (ms % 1000) * 1000000L;
	ts->tv_sec += ms / 1000 + ts->tv_nsec / 1000000000L;
	ts->tv_nsec %= 1000000000L;
}

static void test_bitset_timeout(void)
{
	struct timespec deadline, now;

	atomic_store(&word, 1);
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	add_ms(&deadline, 30);
	expect_errno("wait_bitset_absolute_monotonic_etimedout",
		     futex(&word, FUTEX_WAIT_BITSET, 1, &deadline,
			   FUTEX_BITSET_MATCH_ANY),
		     ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &now);
	expect("wait_bitset_not_before_deadline",
	       now.tv_sec > deadline.tv_sec ||
		       (now.tv_sec == deadline.tv_sec &&
			now.tv_nsec >= deadline.tv_nsec),
	       "returned before the deadline");

	/* a deadline already past: no sleep at all */
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	expect_errno("wait_bitset_past_deadline_etimedout",
		     futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 1,
			   &deadline, FUTEX_BITSET_MATCH_ANY),
		     ETIMEDOUT);
	expect_errno("wait_bitset_zero_einval",
		     futex(&word, FUTEX_WAIT_BITSET, 1, &deadline, 0), EINVAL);
	expect_errno("wait_bitset_mismatch_eagain",
		     futex(&word, FUTEX_WAIT_BITSET, 2, &deadline,
			   FUTEX_BITSET_MATCH_ANY),
		     EAGAIN);
}

/* ---- FUTEX_WAKE_BITSET wakes only overlapping bitsets ---- */

static atomic_int bitset_word;
static atomic_int waiting[2], woke[2];

static void *bitset_waiter(void *arg)
{
	long i = (long)arg; /* waits with bitset 1 << i */
	struct timespec deadline;
	long r;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	add_ms(&deadline, 30000); /* a guard against hanging, no more */
	atomic_store(&waiting[i], 1);
	do
		r = futex(&bitset_word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG,
			  0, &deadline, 1u << i);
	while (r == -1 && errno == EINTR);
	atomic_store(&woke[i], r == 0 ? 1 : -1);
	return NULL;
}

/* Wake with BITSET until one waiter is woken (it may not be asleep yet);
 * returns the largest count one wake reported, 0 if none in 10 s. */
static long wake_one_with(unsigned bitset)
{
	long r, most = 0;
	int tries;

	for (tries = 0; tries < 10000 && most == 0; tries++) {
		r = futex(&bitset_word, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG,
			  INT_MAX, NULL, bitset);
		if (r > most)
			most = r;
		if (most == 0)
			sleep_ms(1);
	}
	return most;
}

static void test_wake_bitset(void)
{
	pthread_t t[2];
	long i;

	atomic_store(&bitset_word, 0);
	for (i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, bitset_waiter, (void *)i) != 0)
			die("pthread_create");
	while (!atomic_load(&waiting[0]) || !atomic_load(&waiting[1]))
		sched_yield();
	sleep_ms(20); /* most likely both asleep now; the checks allow not */

	expect_eq("wake_bitset_wakes_only_match", wake_one_with(1u << 1), 1);
	pthread_join(t[1], NULL);
	expect_eq("wake_bitset_matching_waiter_woken", atomic_load(&woke[1]), 1);
	expect_eq("wake_bitset_other_still_asleep", atomic_load(&woke[0]), 0);
	expect_eq("wake_bitset_no_second_match",
		  futex(&bitset_word, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG,
			INT_MAX, NULL, 1u << 1),
		  0);
	expect_eq("wake_bitset_then_other", wake_one_with(0x5), 1);
	pthread_join(t[0], NULL);
	expect_eq("wake_bitset_other_woken", atomic_load(&woke[0]), 1);
}

/* ---- bad addresses ---- */

static void test_bad_addresses(void)
{
	static atomic_int pair[2];
	char *misaligned = (char *)pair + 1;
	struct timespec ts = ms_timespec(10);
	void *unmapped;

	expect_errno("wait_misaligned_einval",
		     syscall(SYS_futex, misaligned, FUTEX_WAIT, 0, &ts, NULL, 0),
		     EINVAL);
	expect_errno("wake_misaligned_einval",
		     syscall(SYS_futex, misaligned, FUTEX_WAKE, 1, NULL, NULL,
			     0),
		     EINVAL);
	expect_errno("wait_private_misaligned_einval",
		     syscall(SYS_futex, misaligned,
			     FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ts, NULL, 0),
		     EINVAL);

	unmapped = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (unmapped == MAP_FAILED)
		die("mmap");
	munmap(unmapped, 4096);
	expect_errno("wait_unmapped_efault",
		     syscall(SYS_futex, unmapped, FUTEX_WAIT, 0, &ts, NULL, 0),
		     EFAULT);
	expect_errno("wait_private_unmapped_efault",
		     syscall(SYS_futex, unmapped,
			     FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ts, NULL, 0),
		     EFAULT);
	expect_errno("wait_null_efault",
		     syscall(SYS_futex, NULL, FUTEX_WAIT, 0, &ts, NULL, 0),
		     EFAULT);
	expect_errno("wait_bad_timeout_pointer_efault",
		     syscall(SYS_futex, &pair[0], FUTEX_WAIT, 0, unmapped, NULL,
			     0),
		     EFAULT);
}

/* ---- a shared (not private) futex between two processes ---- */

static void test_shared_between_processes(void)
{
	atomic_int *shared_word;
	struct timespec ts = ms_timespec(10000);
	pid_t pid;
	int status = 0;
	long r;

	shared_word = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared_word == MAP_FAILED)
		die("mmap shared");
	atomic_store(shared_word, 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* sleep until the parent stores 1 and wakes us */
		while (atomic_load(shared_word) == 0) {
			r = futex(shared_word, FUTEX_WAIT, 0, &ts, 0);
			if (r == -1 && errno == ETIMEDOUT)
				_exit(1);
		}
		_exit(0);
	}
	sleep_ms(20); /* likely asleep by now; correct either way */
	atomic_store(shared_word, 1);
	futex(shared_word, FUTEX_WAKE, 1, NULL, 0);
	waitpid(pid, &status, 0);
	expect("shared_futex_wakes_other_process",
	       WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the other process was not woken (timed out)");
	munmap(shared_word, 4096);
}

int main(void)
{
	test_wait_errors();
	test_bitset_timeout();
	test_bad_addresses();
	test_wake_bitset();
	run_pingpong("pingpong", 0, ROUNDS, 5.0);
	run_pingpong("pingpong_private", FUTEX_PRIVATE_FLAG, ROUNDS / 10, 1.0);
	test_shared_between_processes();
	return check_summary();
}
