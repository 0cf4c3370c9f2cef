/*
 * affinity_test.c: which CPUs a thread may run on.
 *
 * sched_getaffinity returns the set of CPUs we may use; after
 * sched_setaffinity to a single CPU we are running there by the time
 * the call returns (getcpu and sched_getcpu say so) and we stay there,
 * however often we yield. The mask belongs to one thread and is passed
 * on to threads and processes created later. An empty mask, or one
 * naming only CPUs that do not exist, is EINVAL; a PID that does not
 * exist is ESRCH.
 */
#define _GNU_SOURCE
#define TEST_NAME "affinity"
#include "check.h"

#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>

#define YIELDS 1000

static int nallowed;
static int allowed[CPU_SETSIZE];
static cpu_set_t original;

/* The CPU we are on, as the getcpu system call tells it. */
static int getcpu_now(void)
{
	unsigned cpu = ~0u, node = ~0u;

	if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0)
		return -1;
	return (int)cpu;
}

static int set_only(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static void test_getaffinity(void)
{
	cpu_set_t set;
	long bytes;
	int cpu;

	expect_ok("getaffinity", sched_getaffinity(0, sizeof(original),
						    &original));
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &original))
			allowed[nallowed++] = cpu;
	expect("getaffinity_has_a_cpu", nallowed >= 1, "empty set");
	expect("getaffinity_within_online",
	       nallowed <= sysconf(_SC_NPROCESSORS_CONF),
	       "more CPUs than the system has");
	expect_eq("getaffinity_count_macro", CPU_COUNT(&original), nallowed);
	printf("# %d CPUs allowed, running on %d\n", nallowed, getcpu_now());

	/* the system call itself returns how many bytes it wrote */
	bytes = syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);
	expect("raw_getaffinity_returns_size",
	       bytes > 0 && bytes % sizeof(long) == 0 &&
		       bytes <= (long)sizeof(set),
	       "not a positive multiple of sizeof(long)");
	expect_errno("raw_getaffinity_odd_size_einval",
		     syscall(SYS_sched_getaffinity, 0, 4, &set), EINVAL);
}

/* Move to each CPU in turn: we must be there when the call returns. */
static void test_move_to_each_cpu(void)
{
	cpu_set_t got;
	int i, ok_set = 1, ok_getcpu = 1, ok_sched = 1, ok_mask = 1;

	for (i = 0; i < nallowed; i++) {
		int cpu = allowed[i];

		if (set_only(cpu) != 0) {
			ok_set = 0;
			continue;
		}
		if (getcpu_now() != cpu) {
			fail("getcpu_reports_new_cpu", "on %d, pinned to %d",
			     getcpu_now(), cpu);
			ok_getcpu = 0;
		}
		if (sched_getcpu() != cpu) {
			fail("sched_getcpu_reports_new_cpu",
			     "on %d, pinned to %d", sched_getcpu(), cpu);
			ok_sched = 0;
		}
		if (sched_getaffinity(0, sizeof(got), &got) != 0 ||
		    CPU_COUNT(&got) != 1 || !CPU_ISSET(cpu, &got))
			ok_mask = 0;
	}
	expect("setaffinity_each_cpu", ok_set, "sched_setaffinity failed");
	if (ok_getcpu)
		pass("getcpu_reports_new_cpu");
	if (ok_sched)
		pass("sched_getcpu_reports_new_cpu");
	expect("getaffinity_returns_new_set", ok_mask,
	       "the mask read back is not the one CPU set");
	sched_setaffinity(0, sizeof(original), &original);
}

/* A busy thread pinned to one CPU never finds itself anywhere else. */
struct pinned {
	int cpu;
	int moved;    /* yields after which we were elsewhere */
	int inherited; /* the thread's mask was its creator's */
};

static void *busy_pinned(void *arg)
{
	struct pinned *p = arg;
	cpu_set_t mine;
	volatile long spin;

	sched_getaffinity(0, sizeof(mine), &mine);
	p->inherited = CPU_COUNT(&mine) == 1 && CPU_ISSET(allowed[0], &mine);
	if (set_only(p->cpu) != 0) {
		p->moved = -1;
		return NULL;
	}
	for (int i = 0; i < YIELDS; i++) {
		for (spin = 0; spin < 1000; spin++)
			;
		sched_yield();
		if (getcpu_now() != p->cpu)
			p->moved++;
	}
	return NULL;
}

static void test_pinned_thread(void)
{
	struct pinned p = { .cpu = allowed[nallowed - 1] };
	cpu_set_t after;
	pthread_t t;

	/* the thread starts with our mask: just the first CPU */
	set_only(allowed[0]);
	if (pthread_create(&t, NULL, busy_pinned, &p) != 0)
		die("pthread_create");
	pthread_join(t, NULL);
	expect("thread_inherits_mask", p.inherited,
	       "a new thread did not start with its creator's mask");
	expect_eq("pinned_thread_stays_on_cpu", p.moved, 0);
	/* the thread's setaffinity changed its own mask, not ours */
	sched_getaffinity(0, sizeof(after), &after);
	expect("mask_is_per_thread",
	       CPU_COUNT(&after) == 1 && CPU_ISSET(allowed[0], &after),
	       "the thread's sched_setaffinity changed the caller's mask");
	sched_setaffinity(0, sizeof(original), &original);
}

/* fork copies the mask */
static int child_checks_mask(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 2;
	return CPU_COUNT(&set) == 1 && CPU_ISSET(allowed[nallowed - 1], &set)
		       ? 0 : 1;
}

static void test_fork_inherits(void)
{
	int status;

	set_only(allowed[nallowed - 1]);
	status = status_of_child(child_checks_mask);
	expect("fork_inherits_mask", WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0, "the child's mask differs");
	sched_setaffinity(0, sizeof(original), &original);
}

static void test_errors(void)
{
	cpu_set_t set, now;

	CPU_ZERO(&set);
	expect_errno("empty_mask_einval",
		     sched_setaffinity(0, sizeof(set), &set), EINVAL);
	CPU_SET(CPU_SETSIZE - 1, &set); /* a CPU no machine here has */
	expect_errno("only_missing_cpu_einval",
		     sched_setaffinity(0, sizeof(set), &set), EINVAL);
	sched_getaffinity(0, sizeof(now), &now);
	expect("failed_set_leaves_mask", CPU_EQUAL(&now, &original),
	       "a failed sched_setaffinity changed the mask");
	expect_errno("no_such_pid_esrch",
		     sched_setaffinity(0x3fffffff, sizeof(original), &original),
		     ESRCH);
	expect_errno("getaffinity_no_such_pid_esrch",
		     sched_getaffinity(0x3fffffff, sizeof(now), &now), ESRCH);
}

int main(void)
{
	test_getaffinity();
	test_move_to_each_cpu();
	test_pinned_thread();
	test_fork_inherits();
	test_errors();
	sched_setaffinity(0, sizeof(original), &original);
	return check_summary();
}
