/*
 * thread_test.c: POSIX threads, built on clone and futex.
 *
 * A shared counter stays exact when four threads add 100 000 each under
 * every kind of protection (an atomic add, a mutex, a spin lock, a
 * semaphore used as a lock); pthread_join hands back each thread's
 * return or pthread_exit value; __thread variables and errno belong to
 * one thread each; exit_group ends every thread at once, even threads
 * spinning on other CPUs, while the main thread's own exit leaves the
 * others running; execve from a thread leaves one thread running the
 * new program under the old PID; detached threads run and clean up
 * alone; and creating threads until memory runs out ends cleanly, in
 * EAGAIN or ENOMEM (or, if a page fault finds no memory, a signal to
 * that process alone), never a hang. The risky parts run in a forked
 * child.
 */
#define _GNU_SOURCE
#define TEST_NAME "thread"
#include "check.h"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>

#define NTHREADS 4
#define NINCR 100000
#define MAX_THREADS_TRY 4096 /* "until memory runs out" stops here, */
#define THREAD_TOUCH (64 * 1024) /* each of those threads using this */

static const char *self; /* our own path, for the execve test */

static long gettid_now(void)
{
	return syscall(SYS_gettid);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* The CPUs we may run on, as a list; returns how many. */
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

/* Wait for PID for at most SECONDS; kill it if it is still there. */
static int wait_bounded(pid_t pid, int seconds)
{
	int status, waited_ms;

	for (waited_ms = 0; waited_ms < seconds * 1000; waited_ms += 10) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		sleep_ms(10);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/* ---- a shared counter under four kinds of protection ---- */

static atomic_long atomic_counter;
static long counter; /* guarded by whichever lock the test uses */
static pthread_mutex_t counter_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_spinlock_t counter_spin;
static sem_t counter_sem;

static void *add_atomic(void *arg)
{
	(void)arg;
	for (int i = 0; i < NINCR; i++)
		atomic_fetch_add(&atomic_counter, 1);
	return NULL;
}

static void *add_mutex(void *arg)
{
	(void)arg;
	for (int i = 0; i < NINCR; i++) {
		pthread_mutex_lock(&counter_mutex);
		counter++;
		pthread_mutex_unlock(&counter_mutex);
	}
	return NULL;
}

static void *add_spin(void *arg)
{
	(void)arg;
	for (int i = 0; i < NINCR; i++) {
		pthread_spin_lock(&counter_spin);
		counter++;
		pthread_spin_unlock(&counter_spin);
	}
	return NULL;
}

static void *add_sem(void *arg)
{
	(void)arg;
	for (int i = 0; i < NINCR; i++) {
		while (sem_wait(&counter_sem) != 0)
			; /* EINTR: try again */
		counter++;
		sem_post(&counter_sem);
	}
	return NULL;
}

/* Run FN in NTHREADS threads and wait for them; 0 if all went well. */
static int run_team(void *(*fn)(void *))
{
	pthread_t t[NTHREADS];
	int i, made = 0, err = 0;

	for (i = 0; i < NTHREADS; i++) {
		err = pthread_create(&t[i], NULL, fn, NULL);
		if (err != 0)
			break;
		made++;
	}
	for (i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	return err;
}

static void test_counters(void)
{
	const long want = (long)NTHREADS * NINCR;

	expect_eq("atomic_team_started", run_team(add_atomic), 0);
	expect_eq("atomic_increments_exact", atomic_load(&atomic_counter),
		  want);

	counter = 0;
	expect_eq("mutex_team_started", run_team(add_mutex), 0);
	expect_eq("mutex_increments_exact", counter, want);

	counter = 0;
	expect_eq("spin_init", pthread_spin_init(&counter_spin, 0), 0);
	expect_eq("spin_team_started", run_team(add_spin), 0);
	expect_eq("spin_increments_exact", counter, want);
	pthread_spin_destroy(&counter_spin);

	counter = 0;
	expect_ok("sem_init", sem_init(&counter_sem, 0, 1));
	expect_eq("sem_team_started", run_team(add_sem), 0);
	expect_eq("sem_increments_exact", counter, want);
	sem_destroy(&counter_sem);
}

/* ---- pthread_join's values, pthread_self ---- */

static pthread_t seen_self[NTHREADS];

static void *return_value(void *arg)
{
	long i = (long)arg;

	seen_self[i] = pthread_self();
	if (i % 2)
		pthread_exit((void *)(1000 + i)); /* does not return */
	return (void *)(10 * i + 1);
}

static void test_join_values(void)
{
	pthread_t t[NTHREADS];
	int i, created = 0, values_ok = 1, self_ok = 1;
	void *value;

	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, return_value, (void *)(long)i) == 0)
			created++;
	expect_eq("join_threads_created", created, NTHREADS);
	for (i = 0; i < created; i++) {
		value = NULL;
		if (pthread_join(t[i], &value) != 0)
			values_ok = 0;
		if ((long)value != (i % 2 ? 1000 + i : 10 * i + 1)) {
			fail("join_returns_value", "thread %d gave %ld", i,
			     (long)value);
			values_ok = -1;
		}
		if (!pthread_equal(seen_self[i], t[i]))
			self_ok = 0;
	}
	if (values_ok == 1)
		pass("join_returns_value");
	else if (values_ok == 0)
		fail("join_returns_value", "pthread_join failed");
	expect("pthread_self_matches_create", self_ok,
	       "pthread_self() in a thread differs from what create gave");
	expect("pthread_self_differs_from_main",
	       !pthread_equal(pthread_self(), t[0]), "equal");
}

/* ---- thread-local storage and errno ---- */

static __thread int tls_value = 42;
static pthread_barrier_t barrier;

struct tls_report {
	int initial;   /* tls_value when the thread started */
	int after;     /* after every thread wrote its own */
	int *address;  /* &tls_value in that thread */
	int err_want;  /* the errno this thread provoked */
	int err_after; /* its errno after the others provoked theirs */
};
static struct tls_report reports[NTHREADS];

/* Make a system call fail in a way particular to thread I. */
static int provoke_errno(int i, int pipe_fd)
{
	switch (i) {
	case 0:
		close(-1);
		return EBADF;
	case 1:
		open("", O_RDONLY);
		return ENOENT;
	case 2:
		open("/", O_WRONLY);
		return EISDIR;
	default:
		lseek(pipe_fd, 0, SEEK_SET);
		return ESPIPE;
	}
}

static int errno_pipe[2];

static void *tls_worker(void *arg)
{
	long i = (long)arg;
	struct tls_report *r = &reports[i];

	r->initial = tls_value;
	tls_value = 100 * (int)i;
	r->address = &tls_value;
	r->err_want = provoke_errno((int)i, errno_pipe[0]);
	pthread_barrier_wait(&barrier); /* all have written and failed */
	r->after = tls_value;
	r->err_after = errno;
	pthread_barrier_wait(&barrier); /* keep every thread alive so far */
	return NULL;
}

static void test_tls_and_errno(void)
{
	pthread_t t[NTHREADS];
	int i, j, created = 0, initial_ok = 1, own_ok = 1, distinct = 1;
	int errno_ok = 1;

	if (pipe(errno_pipe) != 0)
		die("pipe");
	pthread_barrier_init(&barrier, NULL, NTHREADS);
	tls_value = 7; /* the main thread's copy only */
	errno = 0;     /* and no thread's failure may show up here */
	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, tls_worker, (void *)(long)i) == 0)
			created++;
	expect_eq("tls_threads_created", created, NTHREADS);
	for (i = 0; i < created; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < created; i++) {
		if (reports[i].initial != 42)
			initial_ok = 0;
		if (reports[i].after != 100 * i)
			own_ok = 0;
		if (reports[i].address == &tls_value)
			distinct = 0;
		for (j = 0; j < i; j++)
			if (reports[i].address == reports[j].address)
				distinct = 0;
		if (reports[i].err_after != reports[i].err_want) {
			fail("errno_per_thread", "thread %d: errno %d, wanted %d",
			     i, reports[i].err_after, reports[i].err_want);
			errno_ok = 0;
		}
	}
	expect("tls_starts_from_initialiser", initial_ok,
	       "a new thread saw another thread's value");
	expect("tls_keeps_own_value", own_ok, "a thread's value changed");
	expect("tls_addresses_distinct", distinct, "two threads share one");
	expect_eq("tls_main_thread_unchanged", tls_value, 7);
	if (errno_ok)
		pass("errno_per_thread");
	expect_eq("errno_main_thread_untouched", errno, 0);
	pthread_barrier_destroy(&barrier);
	close(errno_pipe[0]);
	close(errno_pipe[1]);
}

/* ---- the stack size attribute ---- */

static void *use_big_stack(void *arg)
{
	volatile char buf[192 * 1024];

	buf[0] = 1;
	buf[sizeof(buf) - 1] = 2;
	(void)arg;
	return (void *)(long)(buf[0] + buf[sizeof(buf) - 1]);
}

static void test_stack_size(void)
{
	pthread_attr_t attr;
	pthread_t t;
	size_t size = 0;
	void *value = NULL;

	pthread_attr_init(&attr);
	expect_eq("attr_setstacksize", pthread_attr_setstacksize(&attr, 1 << 20),
		  0);
	pthread_attr_getstacksize(&attr, &size);
	expect_eq("attr_getstacksize", (long)size, 1 << 20);
	if (pthread_create(&t, &attr, use_big_stack, NULL) != 0) {
		fail("big_stack_thread_runs", "pthread_create failed");
	} else {
		pthread_join(t, &value);
		expect_eq("big_stack_thread_runs", (long)value, 3);
	}
	pthread_attr_destroy(&attr);
}

/* ---- detached threads ---- */

#define NDETACHED 64
static sem_t detached_done;
static atomic_int detached_ran;

static void *detached_worker(void *arg)
{
	(void)arg;
	atomic_fetch_add(&detached_ran, 1);
	sem_post(&detached_done);
	return NULL;
}

static void test_detached(void)
{
	pthread_attr_t attr;
	pthread_t t;
	int i, state = -1, created = 0;

	sem_init(&detached_done, 0, 0);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_getdetachstate(&attr, &state);
	expect_eq("attr_detachstate", state, PTHREAD_CREATE_DETACHED);
	/* Half detached from birth, half detached by pthread_detach. */
	for (i = 0; i < NDETACHED; i++) {
		if (i % 2 == 0) {
			if (pthread_create(&t, &attr, detached_worker, NULL) == 0)
				created++;
		} else if (pthread_create(&t, NULL, detached_worker, NULL) == 0) {
			created++;
			if (pthread_detach(t) != 0)
				fail("pthread_detach", "thread %d", i);
		}
	}
	expect_eq("detached_threads_created", created, NDETACHED);
	for (i = 0; i < created; i++)
		while (sem_wait(&detached_done) != 0)
			;
	expect_eq("detached_threads_all_ran", atomic_load(&detached_ran),
		  created);
	pthread_attr_destroy(&attr);
	sem_destroy(&detached_done);
}

/* ---- exit_group from a thread while others spin on every CPU ---- */

static atomic_int spinners_running;
static int nspinners;

static void *spin_forever(void *arg)
{
	volatile unsigned long n = 0;

	pin_to_cpu((int)(long)arg);
	atomic_fetch_add(&spinners_running, 1);
	for (;;)
		n++;
	return NULL;
}

static void *exit_whole_process(void *arg)
{
	(void)arg;
	while (atomic_load(&spinners_running) < nspinners)
		sched_yield();
	_exit(37); /* exit_group: every thread, the spinners included */
	return NULL;
}

static int exit_group_child(void)
{
	int cpus[64], ncpus = allowed_cpus(cpus, 64), i;
	pthread_t t;

	if (ncpus == 0)
		cpus[ncpus++] = 0;
	nspinners = ncpus + 1; /* one more than there are CPUs */
	for (i = 0; i < nspinners; i++)
		if (pthread_create(&t, NULL, spin_forever,
				   (void *)(long)cpus[i % ncpus]) != 0)
			return 90;
	if (pthread_create(&t, NULL, exit_whole_process, NULL) != 0)
		return 91;
	for (;;)
		pause();
}

/* The main thread leaves with pthread_exit; the other thread carries
 * on, reports through a pipe, and the process ends when it does. */
static int leader_pipe[2];

static void *outlive_main(void *arg)
{
	(void)arg;
	sleep_ms(50); /* let the main thread exit first */
	write(leader_pipe[1], "!", 1);
	return NULL;
}

static int main_thread_exits_child(void)
{
	pthread_t t;

	close(leader_pipe[0]);
	if (pthread_create(&t, NULL, outlive_main, NULL) != 0)
		return 90;
	pthread_exit(NULL);
}

static void test_exit_group(void)
{
	int status;
	char c = 0;

	status = status_of_child(exit_group_child);
	expect("exit_group_from_thread_ends_all",
	       WIFEXITED(status) && WEXITSTATUS(status) == 37,
	       "the process did not exit with the thread's status 37");

	if (pipe(leader_pipe) != 0)
		die("pipe");
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(main_thread_exits_child());
	close(leader_pipe[1]);
	expect_eq("main_thread_exit_leaves_others",
		  read(leader_pipe[0], &c, 1), 1);
	status = wait_bounded(pid, 30);
	expect("process_ends_with_last_thread",
	       status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "no exit status 0 after the last thread ended");
	close(leader_pipe[0]);
}

/* ---- execve from a thread ---- */

static void *exec_from_thread(void *arg)
{
	char pid[32];
	char *argv[] = { (char *)self, "--exec-child", pid, NULL };

	(void)arg;
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	execv(self, argv);
	_exit(92);
	return NULL;
}

static int exec_thread_child(void)
{
	int cpus[64], ncpus = allowed_cpus(cpus, 64), i;
	pthread_t t;

	if (ncpus == 0)
		cpus[ncpus++] = 0;
	nspinners = ncpus;
	for (i = 0; i < nspinners; i++)
		if (pthread_create(&t, NULL, spin_forever,
				   (void *)(long)cpus[i]) != 0)
			return 90;
	while (atomic_load(&spinners_running) < nspinners)
		sched_yield();
	if (pthread_create(&t, NULL, exec_from_thread, NULL) != 0)
		return 91;
	for (;;)
		pause();
}

/*
 * The program the thread above executes (this one, with
 * --exec-child PID): it must have the old PID, be the only thread
 * (its TID is its PID) and, where /proc shows threads, see one.
 */
static int exec_child_main(const char *old_pid)
{
	DIR *d;
	struct dirent *e;
	int tasks = 0;

	if (getpid() != atoi(old_pid))
		return 2;
	if (gettid_now() != getpid())
		return 3;
	d = opendir("/proc/self/task");
	if (d) {
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				tasks++;
		closedir(d);
		if (tasks != 1)
			return 4;
	}
	return 0;
}

static void test_exec_from_thread(void)
{
	int status;
	pid_t pid;

	atomic_store(&spinners_running, 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(exec_thread_child());
	status = wait_bounded(pid, 60);
	if (status == -1)
		fail("exec_from_thread", "the process never ended "
		     "(old threads still alive?)");
	else if (!WIFEXITED(status))
		fail("exec_from_thread", "killed by signal %d",
		     WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	else if (WEXITSTATUS(status) == 2)
		fail("exec_from_thread", "the new program has another PID");
	else if (WEXITSTATUS(status) == 3)
		fail("exec_from_thread", "the new program's TID is not its PID");
	else if (WEXITSTATUS(status) == 4)
		fail("exec_from_thread", "/proc/self/task lists other threads");
	else
		expect_eq("exec_from_thread", WEXITSTATUS(status), 0);
}

/* ---- more threads than memory allows ---- */

static sem_t release;

/* A thread that holds on to THREAD_TOUCH bytes of memory until told. */
static void *wait_for_release(void *arg)
{
	volatile char use[THREAD_TOUCH];

	for (size_t i = 0; i < sizeof(use); i += 4096)
		use[i] = 1;
	(void)arg;
	while (sem_wait(&release) != 0)
		;
	return (void *)(long)use[0];
}

/*
 * Create threads until pthread_create fails or MAX_THREADS_TRY exist;
 * report the count and the error through FD. In the 256 MiB of the
 * test machine memory runs out after two or three thousand; a Linux
 * host usually has room for all of them (about 300 MiB).
 */
static int many_threads_child(int fd)
{
	static pthread_t t[MAX_THREADS_TRY];
	int n, err = 0, joined = 0;
	pthread_attr_t attr;

	sem_init(&release, 0, 0);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 2 * THREAD_TOUCH);
	for (n = 0; n < MAX_THREADS_TRY; n++) {
		err = pthread_create(&t[n], &attr, wait_for_release, NULL);
		if (err != 0)
			break;
	}
	for (int i = 0; i < n; i++)
		sem_post(&release);
	for (int i = 0; i < n; i++)
		if (pthread_join(t[i], NULL) == 0)
			joined++;
	int report[3] = { n, err, joined };
	write(fd, report, sizeof(report));
	return 0;
}

/*
 * Memory can run out in two places: in pthread_create (no room for
 * another stack or kernel task: EAGAIN or ENOMEM), or later, when a
 * page of a mapping made earlier is first touched and no free page is
 * left: then the kernel may only end the process with a signal
 * (SIGSEGV or SIGBUS; Linux's out-of-memory killer sends SIGKILL).
 * Either is a clean failure; a hang, or any other error, is not. Then
 * everything must have been given back: threads work again.
 */
static void test_too_many_threads(void)
{
	int p[2], report[3] = { -1, -1, -1 }, status, clean;
	pid_t pid;

	if (pipe(p) != 0)
		die("pipe");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(many_threads_child(p[1]));
	}
	close(p[1]);
	status = wait_bounded(pid, 120); /* the report fits in the pipe */
	read(p[0], report, sizeof(report));
	close(p[0]);
	if (status == -1) {
		fail("many_threads_fail_cleanly", "hung (killed after 120 s)");
	} else if (WIFSIGNALED(status)) {
		printf("# memory ran out on a page fault: signal %d\n",
		       WTERMSIG(status));
		expect("many_threads_fail_cleanly",
		       WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGBUS ||
			       WTERMSIG(status) == SIGKILL,
		       "killed by an unexpected signal");
	} else {
		printf("# created %d threads before stopping (error %d)\n",
		       report[0], report[1]);
		clean = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
			report[0] > 0 &&
			(report[1] == 0 || report[1] == EAGAIN ||
			 report[1] == ENOMEM) &&
			report[2] == report[0];
		expect("many_threads_fail_cleanly", clean,
		       "not EAGAIN/ENOMEM, or some threads could not be joined");
	}
	expect_eq("threads_work_after_exhaustion", run_team(add_atomic), 0);
}

static const char *absolute_self(const char *argv0)
{
	static char path[4096];
	char cwd[2048];

	if (strchr(argv0, '/') == NULL)
		return "/test/thread_test"; /* where the image installs us */
	if (argv0[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return argv0;
	snprintf(path, sizeof(path), "%s/%s", cwd, argv0);
	return path;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--exec-child") == 0)
		return exec_child_main(argv[2]);
	self = absolute_self(argv[0]);

	test_counters();
	test_join_values();
	test_tls_and_errno();
	test_stack_size();
	test_detached();
	test_exit_group();
	test_exec_from_thread();
	test_too_many_threads();
	return check_summary();
}
