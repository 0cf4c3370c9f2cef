/* thread_test.c: the life of POSIX threads: create and join (with
 * return values), attributes, detached threads, thread-local storage
 * and errno per thread, thread-specific data with destructors,
 * pthread_once, signals to one thread, the guard page below a thread's
 * stack, a caller-supplied stack, and the main thread leaving with
 * pthread_exit while another carries on. */
#define _GNU_SOURCE /* gettid, pthread_attr_setstack */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define NTHREADS 4

/* --- create, join, return values --------------------------------------- */

static void *return_square(void *arg)
{
	long n = (long)arg;
	return (void *)(n * n);
}

static void *return_self(void *arg)
{
	(void)arg;
	return (void *)pthread_self();
}

static void join_values(void)
{
	pthread_t t[NTHREADS];
	int ok = 1;

	for (long i = 0; i < NTHREADS; i++)
		ok &= pthread_create(&t[i], NULL, return_square, (void *)(i + 3)) == 0;
	check("pthread_create x4", ok, "a create failed");
	for (long i = 0; i < NTHREADS; i++) {
		void *r = NULL;
		int e = pthread_join(t[i], &r);
		ok &= e == 0 && (long)r == (i + 3) * (i + 3);
	}
	check("pthread_join returns each thread's value", ok, "wrong value or error");

	pthread_t u;
	void *r;
	pthread_create(&u, NULL, return_self, NULL);
	pthread_join(u, &r);
	check("pthread_self in the thread == the id create gave", pthread_equal((pthread_t)r, u), "differ");
	check("pthread_equal(self, self)", pthread_equal(pthread_self(), pthread_self()), "no");
	check("pthread_equal(main, thread) is 0", !pthread_equal(pthread_self(), u), "equal");
	check_long("join yourself: EDEADLK", pthread_join(pthread_self(), NULL), EDEADLK);
}

/* --- pthread_exit from a nested call ----------------------------------- */

static void leave_deep(int depth)
{
	if (depth == 0)
		pthread_exit((void *)77);
	leave_deep(depth - 1);
}

static void *exit_early(void *arg)
{
	(void)arg;
	leave_deep(5);
	return (void *)1; /* not reached */
}

static void exit_value(void)
{
	pthread_t t;
	void *r = NULL;

	pthread_create(&t, NULL, exit_early, NULL);
	pthread_join(t, &r);
	check_long("pthread_exit value reaches join", (long)r, 77);
}

/* --- attributes --------------------------------------------------------- */

static void *stack_user(void *arg)
{
	volatile char buf[200 * 1024]; /* needs more than a small default */
	buf[0] = 1;
	buf[sizeof buf - 1] = (char)(long)arg;
	return (void *)(long)(buf[0] + buf[sizeof buf - 1]);
}

static void attributes(void)
{
	pthread_attr_t a;
	size_t size = 0;
	int state = -1;

	check_long("attr_init", pthread_attr_init(&a), 0);
	pthread_attr_getdetachstate(&a, &state);
	check_long("default detach state is joinable", state, PTHREAD_CREATE_JOINABLE);
	check_long("setdetachstate(bogus): EINVAL", pthread_attr_setdetachstate(&a, 12345), EINVAL);
	check_long("setstacksize below PTHREAD_STACK_MIN: EINVAL",
		   pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN - 1), EINVAL);
	check_long("setstacksize(1 MiB)", pthread_attr_setstacksize(&a, 1 << 20), 0);
	pthread_attr_getstacksize(&a, &size);
	check_long("getstacksize", (long)size, 1 << 20);

	pthread_t t;
	void *r = NULL;
	int e = pthread_create(&t, &a, stack_user, (void *)5);
	check_long("create with a 1 MiB stack", e, 0);
	if (e == 0)
		pthread_join(t, &r);
	check_long("thread used 200 KiB of stack", (long)r, 6);
	pthread_attr_destroy(&a);

	/* a stack of our own: the thread's TLS and control block come out
	 * of it too, so make it roomy */
	size_t len = 1 << 20;
	void *stack = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pthread_attr_init(&a);
	check_long("setstack", pthread_attr_setstack(&a, stack, len), 0);
	r = NULL;
	e = pthread_create(&t, &a, stack_user, (void *)9);
	if (e == 0)
		pthread_join(t, &r);
	check("thread on a caller's stack", e == 0 && (long)r == 10, "e=%d r=%ld", e, (long)r);
	pthread_attr_destroy(&a);
	munmap(stack, len);
}

/* --- detached threads ---------------------------------------------------- */

static atomic_int detached_done;

static void *detached_worker(void *arg)
{
	(void)arg;
	atomic_fetch_add(&detached_done, 1);
	return NULL;
}

static void *detach_self(void *arg)
{
	pthread_detach(pthread_self());
	return detached_worker(arg);
}

static void wait_for(atomic_int *counter, int want)
{
	for (int i = 0; i < 20000 && atomic_load(counter) < want; i++)
		usleep(500);
}

static void detached(void)
{
	pthread_attr_t a;
	int ok = 1;

	/* Many more threads than would fit if their stacks were never
	 * freed would show a leak as a failing create. 3 ways to detach. */
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < 300; i++) {
		pthread_t t;
		int e;
		if (i % 3 == 0) {
			e = pthread_create(&t, &a, detached_worker, NULL);
		} else if (i % 3 == 1) {
			e = pthread_create(&t, NULL, detached_worker, NULL);
			if (e == 0)
				e = pthread_detach(t);
		} else {
			e = pthread_create(&t, NULL, detach_self, NULL);
		}
		ok &= e == 0;
		if (i % 50 == 49)
			wait_for(&detached_done, i + 1);
	}
	pthread_attr_destroy(&a);
	wait_for(&detached_done, 300);
	check("300 detached threads created", ok, "a create or detach failed");
	check_long("all detached threads ran", atomic_load(&detached_done), 300);
}

/* --- TLS and errno ------------------------------------------------------ */

static __thread int tls_initialised = 1234;	/* .tdata */
static __thread long tls_zero;			/* .tbss */
static __thread char tls_array[64] = "template";
static _Thread_local double tls_aligned __attribute__((aligned(64))) = 2.5;

static long *tls_address[NTHREADS];

static void *tls_worker(void *arg)
{
	long id = (long)arg;
	tls_address[id] = &tls_zero;
	int ok = tls_initialised == 1234 && tls_zero == 0 && strcmp(tls_array, "template") == 0 &&
		 tls_aligned == 2.5 && ((uintptr_t)&tls_aligned & 63) == 0;

	tls_initialised += (int)id;
	tls_zero = id * 1000;
	tls_array[0] = (char)('a' + id);
	errno = (int)(100 + id);
	usleep(20000); /* let the others write theirs */
	ok = ok && tls_initialised == 1234 + id && tls_zero == id * 1000 &&
	     tls_array[0] == 'a' + id && errno == 100 + id;
	return (void *)(long)ok;
}

static void tls(void)
{
	pthread_t t[NTHREADS];
	long ok = 1;

	errno = 0;
	tls_initialised = 1;
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, tls_worker, (void *)i);
	for (int i = 0; i < NTHREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		ok &= (long)r;
	}
	check("__thread values: initial copy per thread, distinct afterwards", ok, "a thread saw another's value");
	check("main thread's TLS untouched", tls_initialised == 1 && tls_zero == 0 && tls_array[0] == 't',
	      "tls_initialised=%d", tls_initialised);
	check_long("errno is per thread (main's still 0)", errno, 0);
	int distinct = 1;
	for (int i = 0; i < NTHREADS; i++)
		for (int j = 0; j < i; j++)
			distinct &= tls_address[i] != tls_address[j] && tls_address[i] != &tls_zero;
	check("each thread's __thread variable has its own address", distinct, "shared");
}

/* --- keys ----------------------------------------------------------------- */

static pthread_key_t key;
static atomic_int destructor_calls;
static atomic_long destructor_sum;

static void destructor(void *value)
{
	atomic_fetch_add(&destructor_calls, 1);
	atomic_fetch_add(&destructor_sum, (long)value);
}

static void *key_worker(void *arg)
{
	int ok = pthread_getspecific(key) == NULL;
	pthread_setspecific(key, arg);
	ok &= pthread_getspecific(key) == arg;
	return (void *)(long)ok;
}

static void keys(void)
{
	pthread_t t[NTHREADS];
	long ok = 1;

	check_long("key_create", pthread_key_create(&key, destructor), 0);
	pthread_setspecific(key, (void *)1000);
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, key_worker, (void *)(i + 1));
	for (int i = 0; i < NTHREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		ok &= (long)r;
	}
	check("each thread sees only its own value", ok, "no");
	check("main's value unchanged", pthread_getspecific(key) == (void *)1000, "changed");
	check_long("destructor ran once per exiting thread", atomic_load(&destructor_calls), NTHREADS);
	check_long("destructors got each thread's value", atomic_load(&destructor_sum), 1 + 2 + 3 + 4);
	check_long("key_delete", pthread_key_delete(key), 0);

	pthread_key_t k2;
	pthread_key_create(&k2, NULL);
	check("a new key starts NULL", pthread_getspecific(k2) == NULL, "got %p", pthread_getspecific(k2));
	pthread_key_delete(k2);
}

/* --- once ----------------------------------------------------------------- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int once_runs;

static void init_once(void)
{
	usleep(10000); /* long enough for the others to arrive and wait */
	atomic_fetch_add(&once_runs, 1);
}

static void *once_worker(void *arg)
{
	(void)arg;
	pthread_once(&once, init_once);
	return (void *)(long)atomic_load(&once_runs); /* must be 1 already */
}

static void once_test(void)
{
	pthread_t t[NTHREADS];
	long ok = 1;

	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, once_worker, NULL);
	for (int i = 0; i < NTHREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		ok &= (long)r == 1;
	}
	check_long("pthread_once ran the function once", atomic_load(&once_runs), 1);
	check("every caller returned after it had finished", ok, "one returned early");
}

/* --- signals to one thread ------------------------------------------------ */

static volatile pid_t handler_tid;

static void note_tid(int sig)
{
	(void)sig;
	handler_tid = gettid();
}

static void *raiser(void *arg)
{
	(void)arg;
	raise(SIGUSR1); /* handled in this thread, before raise returns */
	return (void *)(long)(handler_tid == gettid());
}

static atomic_int sleeper_ready;

static void *sleeper(void *arg)
{
	(void)arg;
	atomic_store(&sleeper_ready, 1);
	while (handler_tid != gettid())
		usleep(1000);
	return NULL;
}

static void signals(void)
{
	pthread_t t;
	void *r = NULL;

	signal(SIGUSR1, note_tid);
	pthread_create(&t, NULL, raiser, NULL);
	pthread_join(t, &r);
	check("raise() in a thread runs the handler in that thread", (long)r == 1, "in tid %d",
	      (int)handler_tid);

	pthread_create(&t, NULL, sleeper, NULL);
	while (!atomic_load(&sleeper_ready))
		usleep(1000);
	check_long("pthread_kill", pthread_kill(t, SIGUSR1), 0);
	pthread_join(t, NULL); /* returns only if the handler ran there */
	check("pthread_kill reached the thread it named", 1, "");
	signal(SIGUSR1, SIG_DFL);
}

/* --- the guard page ------------------------------------------------------- */

/* 1 KiB per call, a million calls deep: far past a 64 KiB stack. */
static int recurse(volatile char *prev, long depth)
{
	volatile char frame[1024];
	frame[0] = prev ? prev[0] + 1 : 0;
	if (depth == 0)
		return frame[0];
	return recurse(frame, depth - 1) + frame[10];
}

static void *overflow(void *arg)
{
	(void)arg;
	return (void *)(long)recurse(NULL, 1000000);
}

static void guard_page(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		pthread_attr_t a;
		pthread_t t;
		pthread_attr_init(&a);
		pthread_attr_setstacksize(&a, 64 * 1024);
		pthread_create(&t, &a, overflow, NULL);
		pthread_join(t, NULL);
		_exit(0);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	check("stack overflow in a thread: SIGSEGV (guard page)", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "status 0x%x", st);
}

/* --- the main thread leaves first ---------------------------------------- */

static int exit_pipe[2];

static void *outlive_main(void *arg)
{
	(void)arg;
	usleep(50000); /* main has called pthread_exit by now */
	write(exit_pipe[1], "late", 4);
	return NULL;
}

static void say_bye(void)
{
	write(exit_pipe[1], "+atexit", 7);
}

static void main_pthread_exit(void)
{
	char buf[32] = "";
	pipe(exit_pipe);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		pthread_t t;
		atexit(say_bye);
		pthread_create(&t, NULL, outlive_main, NULL);
		pthread_exit(NULL); /* the process lives on in T */
	}
	close(exit_pipe[1]);
	ssize_t n, got = 0;
	while ((n = read(exit_pipe[0], buf + got, sizeof buf - 1 - (size_t)got)) > 0)
		got += n;
	close(exit_pipe[0]);
	int st = -1;
	waitpid(pid, &st, 0);
	check_str("after main's pthread_exit the other thread ran, then exit handlers", buf, "late+atexit");
	check("the last thread's exit is exit(0)", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
}

int main(void)
{
	join_values();
	exit_value();
	attributes();
	detached();
	tls();
	keys();
	once_test();
	signals();
	guard_page();
	main_pthread_exit();
	return finish();
}
