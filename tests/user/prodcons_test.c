/*
 * prodcons_test.c: the bounded buffer, with 4 producers and 4 consumers.
 *
 * Two counting semaphores count the free and the filled slots, a mutex
 * guards the indices: producers sem_wait(free), put, sem_post(filled);
 * consumers the reverse. Every item must come out exactly once: none
 * lost, none duplicated, none invented. Each item has a unique number;
 * the consumers mark a seen[] array and sum what they take. When the
 * producers are done, one "stop" item per consumer ends them.
 * Also: sem_trywait on an empty semaphore is EAGAIN, sem_timedwait
 * times out with ETIMEDOUT, and sem_getvalue reports the count.
 */
#define TEST_NAME "prodcons"
#include "check.h"

#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#define NPRODUCERS 4
#define NCONSUMERS 4
#define PER_PRODUCER 10000
#define NITEMS (NPRODUCERS * PER_PRODUCER)
#define SLOTS 8
#define STOP (-1)

static int buffer[SLOTS];
static int put_at, take_at; /* guarded by buffer_lock */
static pthread_mutex_t buffer_lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t free_slots, filled_slots;

static unsigned char seen[NITEMS]; /* guarded by tally_lock */
static long long consumed_sum;     /* guarded by tally_lock */
static long consumed_count, bogus; /* guarded by tally_lock */
static pthread_mutex_t tally_lock = PTHREAD_MUTEX_INITIALIZER;

static void sem_wait_retry(sem_t *s)
{
	while (sem_wait(s) != 0)
		; /* EINTR */
}

static void put(int item)
{
	sem_wait_retry(&free_slots);
	pthread_mutex_lock(&buffer_lock);
	buffer[put_at] = item;
	put_at = (put_at + 1) % SLOTS;
	pthread_mutex_unlock(&buffer_lock);
	sem_post(&filled_slots);
}

static int take(void)
{
	int item;

	sem_wait_retry(&filled_slots);
	pthread_mutex_lock(&buffer_lock);
	item = buffer[take_at];
	take_at = (take_at + 1) % SLOTS;
	pthread_mutex_unlock(&buffer_lock);
	sem_post(&free_slots);
	return item;
}

static void *producer(void *arg)
{
	int p = (int)(long)arg;

	for (int i = 0; i < PER_PRODUCER; i++)
		put(p * PER_PRODUCER + i);
	return NULL;
}

static void *consumer(void *arg)
{
	long mine = 0;
	int item;

	(void)arg;
	while ((item = take()) != STOP) {
		pthread_mutex_lock(&tally_lock);
		if (item < 0 || item >= NITEMS)
			bogus++;
		else
			seen[item]++;
		consumed_sum += item;
		consumed_count++;
		pthread_mutex_unlock(&tally_lock);
		mine++;
	}
	return (void *)mine;
}

static void test_bounded_buffer(void)
{
	pthread_t prod[NPRODUCERS], cons[NCONSUMERS];
	long per_consumer_total = 0, missing = 0, twice = 0;
	int i, value = -1;
	void *got;

	expect_ok("sem_init_free", sem_init(&free_slots, 0, SLOTS));
	expect_ok("sem_init_filled", sem_init(&filled_slots, 0, 0));
	for (i = 0; i < NCONSUMERS; i++)
		if (pthread_create(&cons[i], NULL, consumer, NULL) != 0)
			die("pthread_create consumer");
	for (i = 0; i < NPRODUCERS; i++)
		if (pthread_create(&prod[i], NULL, producer, (void *)(long)i) != 0)
			die("pthread_create producer");
	for (i = 0; i < NPRODUCERS; i++)
		pthread_join(prod[i], NULL);
	for (i = 0; i < NCONSUMERS; i++)
		put(STOP);
	for (i = 0; i < NCONSUMERS; i++) {
		pthread_join(cons[i], &got);
		per_consumer_total += (long)got;
	}

	for (i = 0; i < NITEMS; i++) {
		if (seen[i] == 0)
			missing++;
		else if (seen[i] > 1)
			twice++;
	}
	expect_eq("no_item_lost", missing, 0);
	expect_eq("no_item_duplicated", twice, 0);
	expect_eq("no_item_invented", bogus, 0);
	expect_eq("count_consumed", consumed_count, NITEMS);
	expect_eq("consumers_report_same_count", per_consumer_total, NITEMS);
	expect_eq("checksum", consumed_sum,
		  (long long)NITEMS * (NITEMS - 1) / 2);
	sem_getvalue(&free_slots, &value);
	expect_eq("buffer_empty_at_end_free", value, SLOTS);
	sem_getvalue(&filled_slots, &value);
	expect_eq("buffer_empty_at_end_filled", value, 0);
	sem_destroy(&free_slots);
	sem_destroy(&filled_slots);
}

static void test_sem_calls(void)
{
	struct timespec deadline;
	sem_t s;
	int value = -1;

	sem_init(&s, 0, 0);
	expect_errno("trywait_empty_eagain", sem_trywait(&s), EAGAIN);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_nsec += 20000000L; /* 20 ms from now */
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	expect_errno("timedwait_times_out", sem_timedwait(&s, &deadline),
		     ETIMEDOUT);
	sem_post(&s);
	sem_post(&s);
	sem_getvalue(&s, &value);
	expect_eq("getvalue_after_two_posts", value, 2);
	expect_ok("trywait_nonempty", sem_trywait(&s));
	sem_getvalue(&s, &value);
	expect_eq("getvalue_after_trywait", value, 1);
	sem_destroy(&s);
}

int main(void)
{
	test_sem_calls();
	test_bounded_buffer();
	return check_summary();
}
