/*
 * semaphore_test.c: self-tests of the sleeping locks: a semaphore used
 * as a bounded buffer by kernel threads on every CPU, down_timeout
 * expiring, and a mutex keeping a read-modify-write exact.
 */
#include "kernel/cpu.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/selftest.h"
#include "kernel/semaphore.h"
#include "kernel/time.h"

#define SLOTS 4
#define ITEMS 2000
#define PRODUCERS 3

static struct semaphore empty, full;
static struct mutex buf_lock;
static int buffer[SLOTS], head, tail;
static volatile int consumed_sum, consumed_count, producers_done;
static struct wait_queue done_wq = WAIT_QUEUE_INIT(done_wq, "sem_test_done");

static void producer(void *arg)
{
	int base = (int)(uintptr_t)arg * ITEMS;
	for (int i = 1; i <= ITEMS; i++) {
		down(&empty);
		mutex_lock(&buf_lock);
		buffer[head++ % SLOTS] = base + i;
		mutex_unlock(&buf_lock);
		up(&full);
	}
	__atomic_add_fetch(&producers_done, 1, __ATOMIC_RELEASE);
	wake_up_all(&done_wq);
}

static void consumer(void *arg)
{
	for (int i = 0; i < PRODUCERS * ITEMS; i++) {
		down(&full);
		mutex_lock(&buf_lock);
		int v = buffer[tail++ % SLOTS];
		mutex_unlock(&buf_lock);
		up(&empty);
		consumed_sum += v;
		consumed_count++;
	}
	wake_up_all(&done_wq);
}

KTEST(semaphore_bounded_buffer)
{
	sema_init(&empty, SLOTS, "sem_test_empty");
	sema_init(&full, 0, "sem_test_full");
	mutex_init(&buf_lock, "sem_test_buf");
	head = tail = consumed_sum = consumed_count = producers_done = 0;
	CHECK(kthread_create("consumer", consumer, 0), "kthread_create failed");
	for (int p = 0; p < PRODUCERS; p++)
		CHECK(kthread_create("producer", producer, (void *)(uintptr_t)p), "kthread_create failed");
	wait_event(&done_wq, consumed_count == PRODUCERS * ITEMS && producers_done == PRODUCERS);
	int want = 0;
	for (int p = 0; p < PRODUCERS; p++)
		for (int i = 1; i <= ITEMS; i++)
			want += p * ITEMS + i;
	CHECK(consumed_sum == want, "items lost or duplicated: sum %d, expected %d", consumed_sum, want);
	CHECK(empty.count == SLOTS && full.count == 0, "counts end at %d/%d", empty.count, full.count);
	return NULL;
}

KTEST(semaphore_down_timeout)
{
	struct semaphore s;
	sema_init(&s, 1, "sem_test_timeout");
	CHECK(down_timeout(&s, 1000000) == 0, "a free unit was not taken");
	uint64_t t0 = clock_monotonic_ns();
	CHECK(down_timeout(&s, 20000000) == -ETIMEDOUT, "down_timeout on an empty semaphore succeeded");
	CHECK(clock_monotonic_ns() - t0 >= 20000000, "down_timeout gave up before its time");
	CHECK(down_trylock(&s) == -EAGAIN, "down_trylock took a unit that is not there");
	up(&s);
	CHECK(down_trylock(&s) == 0, "down_trylock missed a unit");
	return NULL;
}
