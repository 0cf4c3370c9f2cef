/*
 * prodcons_demo [N]: a producer and a consumer share a bounded buffer.
 *
 * Lecture point: two counting semaphores coordinate them. free_slots
 * starts at the buffer's size and counts the empty slots; full_slots
 * starts at 0 and counts the filled ones. The producer waits (P) on
 * free_slots before it puts an item and signals (V) full_slots after;
 * the consumer does the opposite. A mutex keeps the two from changing
 * the buffer's indices at the same time. Nobody busy-waits: a thread
 * that cannot go on sleeps inside sem_wait until the other one posts.
 *
 * What it does: the producer makes N items (default 10), the consumer
 * takes them more slowly (it naps 100 ms per item), and the buffer has
 * 3 slots.
 *
 * What to look for: the producer runs ahead and fills the buffer, then
 * says it must wait; from then on it puts one item each time the
 * consumer frees a slot. Items come out in the order they went in,
 * none lost or repeated, and the last line is the consumer's "done".
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SLOTS 3
#define DONE (-1)

static int buffer[SLOTS];
static int in, out, count; /* next slot to fill, to empty; items in
			     * the buffer. All guarded by lock, which
			     * also keeps the printed lines in order. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t free_slots, full_slots;
static int nitems = 10;

static void put(int item)
{
	if (sem_trywait(&free_slots) != 0) {
		printf("producer: buffer full, waiting\n");
		sem_wait(&free_slots); /* P: sleep until a slot is free */
	}
	pthread_mutex_lock(&lock);
	buffer[in] = item;
	in = (in + 1) % SLOTS;
	if (item != DONE)
		printf("producer: put item %2d    (%d in the buffer)\n", item,
		       ++count);
	pthread_mutex_unlock(&lock);
	sem_post(&full_slots); /* V: one more item to take */
}

static int take(void)
{
	int item;

	sem_wait(&full_slots); /* P: sleep until there is an item */
	pthread_mutex_lock(&lock);
	item = buffer[out];
	out = (out + 1) % SLOTS;
	if (item != DONE)
		printf("consumer: took item %2d   (%d in the buffer)\n", item,
		       --count);
	pthread_mutex_unlock(&lock);
	sem_post(&free_slots); /* V: one more free slot */
	return item;
}

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= nitems; i++)
		put(i);
	put(DONE);
	return NULL;
}

static void *consumer(void *arg)
{
	struct timespec nap = { 0, 100 * 1000000L };
	int item;

	(void)arg;
	while ((item = take()) != DONE)
		nanosleep(&nap, NULL); /* a slow consumer */
	printf("consumer: done\n");
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t p, c;

	if (argc > 1)
		nitems = atoi(argv[1]);
	sem_init(&free_slots, 0, SLOTS);
	sem_init(&full_slots, 0, 0);
	pthread_create(&c, NULL, consumer, NULL);
	pthread_create(&p, NULL, producer, NULL);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	sem_destroy(&free_slots);
	sem_destroy(&full_slots);
	return 0;
}
