/*
 * signal_thread_test.c: signals and threads. A process-directed signal
 * goes to a thread that does not block it; pthread_kill reaches exactly
 * the thread named; a signal interrupts the one thread that takes it in
 * a blocking read; a fatal signal ends every thread, a stop stops every
 * thread (on several CPUs) and SIGCONT starts them all again.
 */
#define _GNU_SOURCE
#define TEST_NAME "signal_thread"
#include "check.h"

#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }

static volatile pid_t handled_by;
static volatile int handled_count;
static void on_usr1(int sig)
{
	(void)sig;
	handled_by = gettid_();
	__atomic_add_fetch(&handled_count, 1, __ATOMIC_SEQ_CST);
}

static pthread_barrier_t ready;
static volatile int stop_threads;
static volatile pid_t taker_tid;

/* Blocks nothing: the one thread a process-directed SIGUSR1 may go to. */
static void *taker(void *arg)
{
	(void)arg;
	sigset_t none;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	taker_tid = gettid_();
	pthread_barrier_wait(&ready);
	while (!stop_threads)
		usleep(1000);
	return NULL;
}

static void process_directed(void)
{
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL); /* main blocks; new threads inherit */
	pthread_barrier_init(&ready, NULL, 2);
	pthread_t t;
	pthread_create(&t, NULL, taker, NULL);
	pthread_barrier_wait(&ready);
	handled_by = 0;
	kill(getpid(), SIGUSR1);
	for (int i = 0; i < 2000 && !handled_by; i++)
		usleep(1000);
	expect("process_signal_to_unblocking_thread", handled_by == taker_tid,
	       "SIGUSR1 was not handled by the only thread not blocking it");
	stop_threads = 1;
	pthread_join(t, NULL);
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	pthread_barrier_destroy(&ready);
}

static void *waiter(void *arg)
{
	(void)arg;
	taker_tid = gettid_();
	pthread_barrier_wait(&ready);
	while (!stop_threads)
		usleep(1000);
	return NULL;
}

static void thread_directed(void)
{
	stop_threads = 0;
	pthread_barrier_init(&ready, NULL, 2);
	pthread_t t;
	pthread_create(&t, NULL, waiter, NULL);
	pthread_barrier_wait(&ready);
	handled_by = 0;
	pthread_kill(t, SIGUSR1);
	for (int i = 0; i < 2000 && !handled_by; i++)
		usleep(1000);
	expect("pthread_kill_reaches_that_thread", handled_by == taker_tid,
	       "the handler did not run on the thread pthread_kill named");
	handled_by = 0;
	pthread_kill(pthread_self(), SIGUSR1);
	expect("pthread_kill_self", handled_by == gettid_(), "pthread_kill(self) did not run the handler here");
	stop_threads = 1;
	pthread_join(t, NULL);
	pthread_barrier_destroy(&ready);
}

static int pipe_fds[2];
static volatile long read_result;
static volatile int read_errno;

static void *reader(void *arg)
{
	(void)arg;
	sigset_t none;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	pthread_barrier_wait(&ready);
	char c;
	read_result = read(pipe_fds[0], &c, 1);
	read_errno = errno;
	return NULL;
}

static void interrupts_the_reader(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1; /* no SA_RESTART: the read fails with EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	pipe(pipe_fds);
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);
	pthread_barrier_init(&ready, NULL, 2);
	pthread_t t;
	pthread_create(&t, NULL, reader, NULL);
	pthread_barrier_wait(&ready);
	usleep(100000); /* in read() now */
	kill(getpid(), SIGUSR1);
	pthread_join(t, NULL);
	expect("blocked_read_in_thread_eintr", read_result == -1 && read_errno == EINTR,
	       "the reading thread was not interrupted with EINTR");
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	pthread_barrier_destroy(&ready);
}

/* ---- a child with busy threads on several CPUs ---- */

#define SPINNERS 4
static volatile unsigned long *counters; /* shared with the parent */

static void *spin(void *arg)
{
	volatile unsigned long *c = &counters[(long)arg];
	for (;;)
		(*c)++;
	return NULL;
}

static pid_t start_spinners(void)
{
	pid_t c = fork();
	if (c == 0) {
		pthread_t t;
		for (long i = 1; i < SPINNERS; i++)
			pthread_create(&t, NULL, spin, (void *)i);
		spin((void *)0);
	}
	return c;
}

static unsigned long total(void)
{
	unsigned long s = 0;
	for (int i = 0; i < SPINNERS; i++)
		s += counters[i];
	return s;
}

static int all_moving(unsigned long *before)
{
	for (int i = 0; i < SPINNERS; i++)
		before[i] = counters[i];
	usleep(300000);
	int moving = 0;
	for (int i = 0; i < SPINNERS; i++)
		moving += counters[i] != before[i];
	return moving == SPINNERS;
}

static void whole_process(void)
{
	counters = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counters == MAP_FAILED) {
		fail("shared_counters", "mmap: %s", strerror(errno));
		return;
	}
	unsigned long before[SPINNERS];
	pid_t c = start_spinners();
	usleep(200000);
	int tries = 0;
	while (!all_moving(before) && ++tries < 20)
		;
	expect("all_threads_running", tries < 20, "not every thread of the child made progress");

	kill(c, SIGSTOP);
	int st;
	waitpid(c, &st, WUNTRACED);
	expect("stop_reported", WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "no stop from waitpid");
	usleep(100000);
	unsigned long a = total();
	usleep(300000);
	expect("stop_stops_every_thread", total() == a, "counters moved while the process was stopped");

	kill(c, SIGCONT);
	tries = 0;
	while (!all_moving(before) && ++tries < 20)
		;
	expect("cont_restarts_every_thread", tries < 20, "not every thread ran again after SIGCONT");

	kill(c, SIGTERM);
	waitpid(c, &st, 0);
	expect("fatal_signal_ends_all_threads", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	       "the multi-threaded child did not die of SIGTERM");
	a = total();
	usleep(200000);
	expect("no_thread_survives", total() == a, "a counter moved after the process died");
	munmap((void *)counters, 4096);
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	process_directed();
	thread_directed();
	interrupts_the_reader();
	whole_process();
	return check_summary();
}
