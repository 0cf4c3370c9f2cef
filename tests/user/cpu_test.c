/*
 * cpu_test.c: every CPU runs user code. We ask the kernel how many CPUs
 * we may run on (sched_getaffinity), start that many busy children, and
 * each child records which CPUs it found itself on (getcpu). The union
 * over all children must cover every CPU. A scheduler that leaves a CPU
 * idle, or never moves work to it, fails this.
 *
 * It uses the raw system calls through syscall() so that it needs no
 * glibc extension (sched_getcpu, CPU_COUNT) from the C library.
 */
#define TEST_NAME "cpu"
#include "check.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>

enum { MAX_CPUS = 64, ROUNDS = 20 };

/* The CPUs we may run on, as a bitmask (bit N = CPU N). */
static uint64_t allowed_cpus(void)
{
	uint64_t mask[16] = { 0 }; /* room for 1024 CPUs; we use 64 */

	if (syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask) < 0)
		return 0;
	return mask[0];
}

static int count_bits(uint64_t m)
{
	int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* A busy child: spin for MS milliseconds noting each CPU it runs on. */
static void busy_child(int out_fd, long ms)
{
	uint64_t seen = 0;
	unsigned cpu;
	long long end = now_ms() + ms;
	volatile unsigned long spin;

	while (now_ms() < end) {
		if (syscall(SYS_getcpu, &cpu, NULL, NULL) == 0 && cpu < 64)
			seen |= 1ULL << cpu;
		for (spin = 0; spin < 10000; spin++)
			;
	}
	write(out_fd, &seen, sizeof(seen));
	_exit(0);
}

/* One round: N children for MS ms; returns the CPUs they were seen on. */
static uint64_t one_round(int n, long ms)
{
	uint64_t seen = 0, got;
	int p[2], i;

	if (pipe(p) != 0)
		die("pipe");
	fflush(stdout);
	for (i = 0; i < n; i++)
		if (fork() == 0)
			busy_child(p[1], ms);
	close(p[1]);
	while (read(p[0], &got, sizeof(got)) == sizeof(got))
		seen |= got;
	close(p[0]);
	while (waitpid(-1, NULL, 0) > 0)
		;
	return seen;
}

int main(void)
{
	uint64_t allowed = allowed_cpus(), seen = 0;
	int n = count_bits(allowed), round;

	expect("sched_getaffinity_counts_cpus", n > 0, "no CPUs");
	if (n == 0)
		return check_summary();
	for (round = 1; round <= ROUNDS && (seen & allowed) != allowed;
	     round++)
		seen |= one_round(n, 100L * round);
	printf("# %d CPUs allowed (mask %#llx), seen %#llx after %d rounds\n",
	       n, (unsigned long long)allowed, (unsigned long long)seen,
	       round - 1);
	if ((seen & allowed) == allowed)
		pass("every_cpu_ran_user_code");
	else
		fail("every_cpu_ran_user_code", "CPUs %#llx never seen",
		     (unsigned long long)(allowed & ~seen));
	return check_summary();
}
