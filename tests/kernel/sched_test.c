/*
 * sched_test.c: self-tests of kernel threads, the scheduler, wait queues
 * and the pid allocator.
 */
#include "kernel/cpu.h"
#include "kernel/pid.h"
#include "kernel/sched.h"
#include "kernel/selftest.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/wait.h"

#define NTHREADS 8

static volatile int finished;
static volatile uint64_t ran_on_mask;
static struct wait_queue done_wait = WAIT_QUEUE_INIT(done_wait, "selftest_done");

static void spin_a_while(void *arg)
{
	/* busy for a few ticks without yielding: only preemption lets others run */
	uint64_t until = clock_monotonic_ns() + 30000000;
	while (clock_monotonic_ns() < until)
		__atomic_or_fetch(&ran_on_mask, 1ull << this_cpu()->id, __ATOMIC_RELAXED);
	__atomic_add_fetch(&finished, 1, __ATOMIC_RELEASE);
	wake_up_all(&done_wait);
}

KTEST(kthreads_run_and_exit)
{
	finished = 0;
	ran_on_mask = 0;
	for (int i = 0; i < NTHREADS; i++)
		CHECK(kthread_create("selftest", spin_a_while, 0), "kthread_create #%d failed", i);
	wait_event(&done_wait, finished == NTHREADS);
	CHECK(finished == NTHREADS, "%d of %d threads finished", finished, NTHREADS);
	/* more threads than CPUs, each busy: every CPU must have run some */
	for (unsigned c = 0; c < ncpus; c++)
		CHECK(ran_on_mask & (1ull << c), "CPU %u never ran a thread (mask %#lx)", c,
		      (unsigned long)ran_on_mask);
	return NULL;
}

static volatile int pong_count;
static struct wait_queue ping_wait = WAIT_QUEUE_INIT(ping_wait, "ping");
static volatile int turn; /* 0: main's turn, 1: the thread's */

static void ponger(void *arg)
{
	for (int i = 0; i < 100; i++) {
		wait_event(&ping_wait, turn == 1);
		pong_count++;
		turn = 0;
		wake_up_all(&ping_wait);
	}
}

KTEST(wait_queue_ping_pong)
{
	pong_count = 0;
	turn = 0;
	CHECK(kthread_create("ponger", ponger, 0), "kthread_create failed");
	for (int i = 0; i < 100; i++) {
		turn = 1;
		wake_up_all(&ping_wait);
		wait_event(&ping_wait, turn == 0);
	}
	CHECK(pong_count == 100, "pong_count %d, expected 100 (lost wake-up?)", pong_count);
	return NULL;
}

KTEST(sleep_wakes_up)
{
	uint64_t t0 = clock_monotonic_ns();
	CHECK(timer_sleep_ns(20000000) == 0, "sleep interrupted");
	uint64_t slept = clock_monotonic_ns() - t0;
	CHECK(slept >= 20000000, "woke after %lu ns, before the 20 ms deadline", (unsigned long)slept);
	return NULL;
}

KTEST(pid_alloc_wraps)
{
	int first = pid_alloc();
	CHECK(first > 0, "pid_alloc failed: %d", first);
	int second = pid_alloc();
	CHECK(second == first + 1, "ids not consecutive: %d then %d", first, second);
	pid_free(first);
	int third = pid_alloc();
	CHECK(third != first, "a just-freed id was reused at once (%d)", third);
	pid_free(second);
	pid_free(third);

	int old_max = pid_max_get();
	CHECK(pid_max_set(PID_WRAP_START) < 0 && pid_max_set(PID_MAX_LIMIT + 1) < 0, "bad pid_max accepted");
	CHECK(pid_max_set(PID_WRAP_START + 10) == 0, "pid_max_set failed");
	/* allocate up to pid_max, giving back only PID_WRAP_START + 3: the
	 * next id must wrap around to it, skipping the ids still in use */
	static int ids[PID_WRAP_START + 16];
	int n = 0, prev = 0, wrapped_to = -1;
	while (n < (int)(sizeof ids / sizeof ids[0])) {
		int id = pid_alloc();
		if (id < 0)
			break;
		if (id < prev) {
			wrapped_to = id;
			ids[n++] = id;
			break;
		}
		if (id == PID_WRAP_START + 3)
			pid_free(id);
		else
			ids[n++] = id;
		prev = id;
	}
	int exhausted = 0;
	if (wrapped_to >= 0) { /* now use up the rest: then EAGAIN */
		while (n < (int)(sizeof ids / sizeof ids[0]) && (ids[n] = pid_alloc()) > 0)
			n++;
		exhausted = n < (int)(sizeof ids / sizeof ids[0]) ? ids[n] : 0;
	}
	for (int i = 0; i < n; i++)
		pid_free(ids[i]);
	pid_max_set(old_max);
	CHECK(wrapped_to == PID_WRAP_START + 3, "after pid_max the next id was %d, not the free %d",
	      wrapped_to, PID_WRAP_START + 3);
	CHECK(exhausted == -11, "with every id in use pid_alloc gave %d, not -EAGAIN", exhausted);
	return NULL;
}
