/* semaphore_test.c: POSIX semaphores. The bounded buffer of the lecture
 * (4 producers, 4 consumers, "empty" and "full" semaphores and a mutex)
 * losing and duplicating nothing; sem_trywait, sem_timedwait,
 * sem_getvalue; a process-shared semaphore in shared memory across
 * fork; named semaphores (sem_open, sem_close, sem_unlink), also in the
 * no-file-mappings fallback of this project's libc. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* --- the bounded buffer ------------------------------------------------- */

#define PRODUCERS 4
#define CONSUMERS 4
#define ITEMS_EACH 25000 /* 100 000 items in all */
#define SLOTS 16

static int buffer[SLOTS];
static int in, out;
static sem_t empty_slots, full_slots;
static pthread_mutex_t buffer_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char seen[PRODUCERS * ITEMS_EACH];
static atomic_int duplicates;

static void *producer(void *arg)
{
	int first = (int)(long)arg * ITEMS_EACH;

	for (int i = 0; i < ITEMS_EACH; i++) {
		sem_wait(&empty_slots);
		pthread_mutex_lock(&buffer_lock);
		buffer[in] = first + i;
		in = (in + 1) % SLOTS;
		pthread_mutex_unlock(&buffer_lock);
		sem_post(&full_slots);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	long count = 0;
	(void)arg;
	for (;;) {
		sem_wait(&full_slots);
		pthread_mutex_lock(&buffer_lock);
		int item = buffer[out];
		out = (out + 1) % SLOTS;
		pthread_mutex_unlock(&buffer_lock);
		sem_post(&empty_slots);
		if (item < 0) /* the end marker, one per consumer */
			return (void *)count;
		if (seen[item]++)
			atomic_fetch_add(&duplicates, 1);
		count++;
	}
}

static void bounded_buffer(void)
{
	pthread_t p[PRODUCERS], c[CONSUMERS];
	long consumed = 0;

	sem_init(&empty_slots, 0, SLOTS);
	sem_init(&full_slots, 0, 0);
	for (long i = 0; i < CONSUMERS; i++)
		pthread_create(&c[i], NULL, consumer, NULL);
	for (long i = 0; i < PRODUCERS; i++)
		pthread_create(&p[i], NULL, producer, (void *)i);
	for (int i = 0; i < PRODUCERS; i++)
		pthread_join(p[i], NULL);
	for (int i = 0; i < CONSUMERS; i++) { /* one end marker each */
		sem_wait(&empty_slots);
		pthread_mutex_lock(&buffer_lock);
		buffer[in] = -1;
		in = (in + 1) % SLOTS;
		pthread_mutex_unlock(&buffer_lock);
		sem_post(&full_slots);
	}
	for (int i = 0; i < CONSUMERS; i++) {
		void *n;
		pthread_join(c[i], &n);
		consumed += (long)n;
	}
	int missing = 0;
	for (int i = 0; i < PRODUCERS * ITEMS_EACH; i++)
		missing += !seen[i];
	check_long("bounded buffer 4x4: items consumed", consumed, PRODUCERS * ITEMS_EACH);
	check_long("bounded buffer: none lost", missing, 0);
	check_long("bounded buffer: none twice", atomic_load(&duplicates), 0);
	int v = -1;
	sem_getvalue(&empty_slots, &v);
	check_long("all slots empty again", v, SLOTS);
	sem_destroy(&empty_slots);
	sem_destroy(&full_slots);
}

/* --- single operations --------------------------------------------------- */

static struct timespec in_ms(int ms)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += ms * 1000000L;
	while (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

static sem_t later;

static void *post_later(void *arg)
{
	(void)arg;
	usleep(20000);
	sem_post(&later);
	return NULL;
}

static void operations(void)
{
	sem_t s;
	int v = -1;

	errno = 0;
	int r0 = sem_init(&s, 0, (unsigned)SEM_VALUE_MAX + 1);
	check("sem_init above SEM_VALUE_MAX: EINVAL", r0 == -1 && errno == EINVAL, "r=%d errno=%d", r0, errno);
	check_long("sem_init(2)", sem_init(&s, 0, 2), 0);
	sem_getvalue(&s, &v);
	check_long("sem_getvalue", v, 2);
	check_long("trywait takes a unit", sem_trywait(&s), 0);
	check_long("trywait takes the last", sem_trywait(&s), 0);
	errno = 0;
	check("trywait on 0: EAGAIN", sem_trywait(&s) == -1 && errno == EAGAIN, "errno %d", errno);

	struct timespec deadline = in_ms(30);
	errno = 0;
	int r = sem_timedwait(&s, &deadline);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	check("timedwait on 0: ETIMEDOUT", r == -1 && errno == ETIMEDOUT, "r=%d errno=%d", r, errno);
	check("...not before the deadline", now.tv_sec > deadline.tv_sec ||
	      (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec), "early");
	sem_post(&s);
	deadline = in_ms(30);
	check_long("timedwait with a unit there", sem_timedwait(&s, &deadline), 0);
	sem_destroy(&s);

	pthread_t t;
	sem_init(&later, 0, 0);
	pthread_create(&t, NULL, post_later, NULL);
	deadline = in_ms(5000);
	check_long("timedwait woken by a post from another thread", sem_timedwait(&later, &deadline), 0);
	pthread_join(t, NULL);
	sem_destroy(&later);
}

/* --- between processes --------------------------------------------------- */

struct shared {
	sem_t sem;
	long counter;
};

static void process_shared(void)
{
	struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t kids[2];

	check_long("sem_init(pshared)", sem_init(&sh->sem, 1, 1), 0);
	sh->counter = 0;
	fflush(stdout);
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			for (int i = 0; i < 20000; i++) {
				sem_wait(&sh->sem);
				sh->counter++;
				sem_post(&sh->sem);
			}
			_exit(0);
		}
	}
	for (int k = 0; k < 2; k++)
		waitpid(kids[k], NULL, 0);
	check_long("2 processes x 20000 under a pshared semaphore", sh->counter, 40000);
	sem_destroy(&sh->sem);
	munmap(sh, sizeof *sh);
}

/* --- named semaphores ------------------------------------------------------ */

static void named(const char *how)
{
	char name[64], label[128];

	snprintf(name, sizeof name, "/libc-test-%ld", (long)getpid());
	sem_unlink(name); /* in case a crashed run left it */

#define LABEL(text) (snprintf(label, sizeof label, "%s: %s", how, text), label)
	errno = 0;
	check(LABEL("sem_open of a missing name: ENOENT"), sem_open(name, 0) == SEM_FAILED && errno == ENOENT,
	      "errno %d", errno);
	sem_t *a = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
	check(LABEL("sem_open O_CREAT|O_EXCL"), a != SEM_FAILED, "errno %d", errno);
	if (a == SEM_FAILED)
		return;
	errno = 0;
	check(LABEL("again with O_EXCL: EEXIST"), sem_open(name, O_CREAT | O_EXCL, 0600, 0) == SEM_FAILED &&
	      errno == EEXIST, "errno %d", errno);
	sem_t *b = sem_open(name, 0);
	check(LABEL("a second open reaches the same semaphore"), b != SEM_FAILED, "errno %d", errno);
	sem_post(a);
	int v = -1;
	if (b != SEM_FAILED)
		sem_getvalue(b, &v);
	check_long(LABEL("a post through one is seen through the other"), v, 1);

	/* a child posts; we wait */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		sem_t *c = sem_open(name, 0);
		if (c == SEM_FAILED)
			_exit(1);
		for (int i = 0; i < 5; i++)
			sem_post(c);
		sem_close(c);
		_exit(0);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	check(LABEL("child opened the name and posted"), WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	int got = 0;
	while (sem_trywait(a) == 0)
		got++;
	check_long(LABEL("units from us and the child"), got, 6);

	check_long(LABEL("sem_close"), sem_close(b), 0);
	check_long(LABEL("sem_unlink"), sem_unlink(name), 0);
	sem_post(a); /* still usable until closed */
	check_long(LABEL("unlinked but open: still works"), sem_trywait(a), 0);
	check_long(LABEL("sem_close the last"), sem_close(a), 0);
	errno = 0;
	check(LABEL("unlinked name is gone: ENOENT"), sem_open(name, 0) == SEM_FAILED && errno == ENOENT,
	      "errno %d", errno);
	errno = 0;
	check(LABEL("sem_unlink of a missing name: ENOENT"), sem_unlink(name) == -1 && errno == ENOENT,
	      "errno %d", errno);
#undef LABEL
}

/* This project's libc can be told to use its no-file-mappings fallback
 * for named semaphores (what its kernel needs today); glibc has no such
 * switch, and the weak reference is then NULL. */
extern int __sem_open_no_files __attribute__((weak));

int main(void)
{
	bounded_buffer();
	operations();
	process_shared();
	named("files");
	if (&__sem_open_no_files) {
		__sem_open_no_files = 1;
		named("fallback table");
	}
	return finish();
}
