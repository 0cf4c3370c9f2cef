/*
 * rlimit_test.c: resource limits as Linux has them. Soft and hard
 * limits and their errors; RLIMIT_NOFILE (the exact number of opens
 * before "Too many open files", dup2/F_DUPFD beyond it, raising it);
 * inheritance across fork and exec; prlimit on another process;
 * RLIMIT_STACK (a stack of just under 8 MiB works, just over dies of
 * SIGSEGV; a lowered limit stops growth sooner); RLIMIT_NPROC for an
 * unprivileged user (root is exempt); RLIMIT_AS and RLIMIT_DATA
 * (ENOMEM); RLIMIT_CPU (SIGXCPU, then SIGKILL); RLIMIT_CORE 0 means no
 * "core dumped" flag. Everything that changes
 * a limit for good, or gives up root, happens in a child.
 *
 * Run as root (the test runner is): the unprivileged checks switch to
 * an otherwise unused uid in a child first.
 */
#define _GNU_SOURCE
#define TEST_NAME "rlimit"
#include "check.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>

#define NOBODY 54321 /* a uid no other process uses */
#define MiB (1024ul * 1024)

static const char *self;

/* Run FN in a child; its exit status (wait status) comes back. */
static int in_child(int (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

/* Exit code 0 from FN's child, or fail CHECK with what came back. */
static void expect_child_ok(const char *check, int (*fn)(void))
{
	int status = in_child(fn);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		pass(check);
	else if (WIFEXITED(status))
		fail(check, "child failed step %d", WEXITSTATUS(status));
	else
		fail(check, "child killed by signal %d", WTERMSIG(status));
}

/* Descriptors open below LIMIT. */
static int open_fds(int limit)
{
	int n = 0;
	for (int fd = 0; fd < limit; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			n++;
	return n;
}

static void test_defaults(void)
{
	struct rlimit r;
	int ok = 1;
	for (int i = 0; i < RLIM_NLIMITS; i++)
		if (getrlimit(i, &r) != 0 || r.rlim_cur > r.rlim_max)
			ok = 0;
	expect("every_soft_limit_within_hard", ok, "a soft limit above its hard limit");
	getrlimit(RLIMIT_STACK, &r);
	if (r.rlim_cur == 8 * MiB)
		pass("stack_default_8MiB");
	else
		fail("stack_default_8MiB", "soft stack limit %lu", (unsigned long)r.rlim_cur);
}

/* Lower the NOFILE soft limit to LIMIT and open /dev/null until it
 * fails: exactly LIMIT - (already open) must succeed, then EMFILE. */
static void count_opens(const char *check, rlim_t limit)
{
	struct rlimit old, r;
	getrlimit(RLIMIT_NOFILE, &old);
	r.rlim_cur = limit;
	r.rlim_max = old.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &r) != 0) {
		fail(check, "setrlimit(%lu): %s", (unsigned long)limit, strerror(errno));
		return;
	}
	int already = open_fds((int)limit), n = 0, fd, err = 0;
	static int fds[4096];
	while (n < 4096 && (fd = open("/dev/null", O_RDONLY)) >= 0)
		fds[n++] = fd;
	err = errno;
	int highest = n ? fds[n - 1] : -1;
	for (int i = 0; i < n; i++)
		close(fds[i]);
	setrlimit(RLIMIT_NOFILE, &old);
	if (n == (int)limit - already && err == EMFILE && highest == (int)limit - 1 &&
	    strcmp(strerror(err), "Too many open files") == 0)
		pass(check);
	else
		fail(check, "%d opens (expected %d), last fd %d, then \"%s\"", n, (int)limit - already,
		     highest, strerror(err));
}

static void test_nofile_dup(void)
{
	struct rlimit old, r;
	getrlimit(RLIMIT_NOFILE, &old);
	r.rlim_cur = 64;
	r.rlim_max = old.rlim_max;
	setrlimit(RLIMIT_NOFILE, &r);
	errno = 0;
	expect_errno("dup2_at_limit_EBADF", dup2(0, 64), EBADF);
	expect_errno("dup3_beyond_limit_EBADF", dup3(0, 100, 0), EBADF);
	expect_errno("F_DUPFD_at_limit_EINVAL", fcntl(0, F_DUPFD, 64), EINVAL);
	int fd = fcntl(0, F_DUPFD, 63);
	expect("F_DUPFD_below_limit", fd == 63, "F_DUPFD 63 did not give 63");
	int fd2 = dup2(0, 62);
	expect("dup2_below_limit", fd2 == 62, "dup2 to 62 failed");
	close(fd);
	close(fd2);
	/* fill every descriptor but one: pipe needs two and must leave the
	 * free one free */
	static int fds[64];
	int n = 0;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		fds[n++] = fd;
	close(fds[--n]);
	int p[2];
	expect_errno("pipe_needing_two_EMFILE", pipe(p), EMFILE);
	fd = open("/dev/null", O_RDONLY);
	expect("pipe_left_the_free_slot", fd >= 0, "the one free descriptor was lost");
	expect_errno("dup_when_full_EMFILE", dup(0), EMFILE);
	if (fd >= 0)
		close(fd);
	for (int i = 0; i < n; i++)
		close(fds[i]);
	setrlimit(RLIMIT_NOFILE, &old);
}

static void test_nofile(void)
{
	count_opens("nofile_1024_exact", 1024);
	count_opens("nofile_64_exact", 64);
	struct rlimit r;
	getrlimit(RLIMIT_NOFILE, &r);
	if (r.rlim_max >= 2048)
		count_opens("nofile_raised_2048", 2048); /* past the first table size */
	else
		fail("nofile_raised_2048", "hard limit only %lu", (unsigned long)r.rlim_max);
	test_nofile_dup();
}

static void test_errors(void)
{
	struct rlimit r, old;
	getrlimit(RLIMIT_NOFILE, &old);
	r.rlim_cur = old.rlim_max;
	r.rlim_max = old.rlim_max - 1;
	expect_errno("soft_above_hard_EINVAL", setrlimit(RLIMIT_NOFILE, &r), EINVAL);
	expect_errno("get_bad_resource_EINVAL", getrlimit(99, &r), EINVAL);
	expect_errno("set_bad_resource_EINVAL", setrlimit(99, &old), EINVAL);
	void *bad = (void *)16;
	expect_errno("get_bad_pointer_EFAULT", getrlimit(RLIMIT_NOFILE, bad), EFAULT);
	expect_errno("raw_getrlimit_null_EFAULT", syscall(SYS_getrlimit, RLIMIT_NOFILE, NULL), EFAULT);
	expect_errno("set_bad_pointer_EFAULT", setrlimit(RLIMIT_NOFILE, bad), EFAULT);
	expect_errno("prlimit_bad_old_EFAULT", prlimit(0, RLIMIT_NOFILE, NULL, bad), EFAULT);
	expect_errno("prlimit_no_such_pid_ESRCH", prlimit(INT_MAX, RLIMIT_NOFILE, NULL, &r), ESRCH);
	getrlimit(RLIMIT_NOFILE, &r);
	expect("failed_calls_changed_nothing", r.rlim_cur == old.rlim_cur && r.rlim_max == old.rlim_max,
	       "the limit moved");
	struct rlimit via_prlimit;
	prlimit(getpid(), RLIMIT_NOFILE, NULL, &via_prlimit);
	expect("prlimit_self_reads_same", via_prlimit.rlim_cur == r.rlim_cur &&
	       via_prlimit.rlim_max == r.rlim_max, "prlimit(getpid()) differs from getrlimit");
}

/* Does this process hold CAP_SYS_RESOURCE? Root does, unless (on Linux,
 * in a container) /proc/self/status says its capabilities lack it. */
static bool has_sys_resource(void)
{
	if (geteuid() != 0)
		return false;
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long caps = ~0ull;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "CapEff:", 7) == 0)
			caps = strtoull(line + 7, NULL, 16);
	if (f)
		fclose(f);
	return (caps >> 24) & 1;
}

/* The soft/hard rules, in a privileged child and an unprivileged one. */
static int privileged_may_raise_hard(void)
{
	struct rlimit r = { 64, 64 };
	if (setrlimit(RLIMIT_NOFILE, &r))
		return 1;
	r.rlim_max = 128;
	if (has_sys_resource() ? setrlimit(RLIMIT_NOFILE, &r) != 0
			       : setrlimit(RLIMIT_NOFILE, &r) != -1 || errno != EPERM)
		return 2; /* only the privileged may raise the hard limit */
	return 0;
}

static int become_nobody(void)
{
	if (geteuid() != 0)
		return 0; /* already unprivileged */
	if (setgid(NOBODY) || setuid(NOBODY))
		return -1;
	return getuid() == NOBODY && geteuid() == NOBODY ? 0 : -1;
}

static int user_soft_hard(void)
{
	struct rlimit r = { 64, 64 };
	if (become_nobody())
		return 1;
	if (setrlimit(RLIMIT_NOFILE, &r))
		return 2; /* lowering both is allowed */
	r.rlim_max = 65;
	if (setrlimit(RLIMIT_NOFILE, &r) != -1 || errno != EPERM)
		return 3; /* raising the hard limit is not */
	r.rlim_cur = 32;
	r.rlim_max = 64;
	if (setrlimit(RLIMIT_NOFILE, &r))
		return 4; /* soft down */
	r.rlim_cur = 64;
	if (setrlimit(RLIMIT_NOFILE, &r))
		return 5; /* and up to the hard limit again */
	if (setuid(0) != -1 || errno != EPERM)
		return 6; /* no way back to root */
	if (kill(getppid(), 0) != -1 || errno != EPERM)
		return 7; /* nor signals to root's processes */
	struct rlimit pr;
	if (prlimit(getppid(), RLIMIT_NOFILE, NULL, &pr) != -1 || errno != EPERM)
		return 8; /* nor another user's limits */
	return 0;
}

/* Inheritance: fork keeps the limit; so does exec (the program re-runs
 * itself with "--report", which exits with its NOFILE soft limit). */
static int inherit_fork_exec(void)
{
	struct rlimit r;
	getrlimit(RLIMIT_NOFILE, &r);
	r.rlim_cur = 77;
	if (setrlimit(RLIMIT_NOFILE, &r))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit c;
		getrlimit(RLIMIT_NOFILE, &c);
		_exit(c.rlim_cur == 77 ? 0 : 2);
	}
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 2;
	pid = fork();
	if (pid == 0) {
		execl(self, self, "--report", (char *)NULL);
		_exit(3);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 77)
		return 4;
	return 0;
}

/* prlimit on another process: set a child's limit, the child sees it. */
static void test_prlimit_other(void)
{
	int go[2], back[2];
	if (pipe(go) || pipe(back)) {
		fail("prlimit_other_process", "pipe: %s", strerror(errno));
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		read(go[0], &c, 1);
		struct rlimit r;
		getrlimit(RLIMIT_NOFILE, &r);
		_exit((int)r.rlim_cur);
	}
	struct rlimit r, old;
	getrlimit(RLIMIT_NOFILE, &r);
	r.rlim_cur = 42;
	int rc = prlimit(pid, RLIMIT_NOFILE, &r, &old);
	write(go[1], "x", 1);
	int status;
	waitpid(pid, &status, 0);
	if (rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 42)
		pass("prlimit_other_process");
	else
		fail("prlimit_other_process", "prlimit %d (%s), child status %#x", rc, strerror(errno),
		     status);
	close(go[0]);
	close(go[1]);
	close(back[0]);
	close(back[1]);
}

/* Stack growth: recurse with 16 KiB frames until WANT bytes of stack
 * below TOP are in use. */
static char *stack_top;

static size_t __attribute__((noinline)) grow(size_t want)
{
	volatile char frame[16384];
	frame[0] = 1;
	frame[sizeof frame - 1] = 1;
	size_t used = (size_t)(stack_top - (char *)frame);
	if (used < want)
		used = grow(want);
	return used + frame[0] - 1; /* keeps the call from being a tail call */
}

static size_t stack_want;

static int grow_stack(void)
{
	char here;
	stack_top = &here;
	return grow(stack_want) >= stack_want ? 0 : 1;
}

static int grow_stack_limited(void)
{
	struct rlimit r;
	getrlimit(RLIMIT_STACK, &r);
	r.rlim_cur = 1 * MiB;
	if (setrlimit(RLIMIT_STACK, &r))
		return 2;
	return grow_stack();
}

static void expect_stack(const char *check, int (*fn)(void), size_t want, bool dies)
{
	stack_want = want;
	int status = in_child(fn);
	bool died = WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
	bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (dies ? died : ok)
		pass(check);
	else
		fail(check, "%zu KiB of stack: wait status %#x, expected %s", want / 1024, status,
		     dies ? "death by SIGSEGV" : "exit 0");
}

/* The guard gap: a readable page 2 MiB below the stack pointer stops
 * the stack 1 MiB above it (growing 1.5 MiB dies); a PROT_NONE page
 * there does not (it is a guard itself). */
static int guard_prot;
static size_t guard_grow;

static int grow_near_mapping(void)
{
	char here;
	uintptr_t page = ((uintptr_t)&here - 2 * MiB) & ~(uintptr_t)4095;
	void *p = mmap((void *)page, 4096, guard_prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		       0);
	if (p != (void *)page)
		return 3;
	stack_want = guard_grow;
	return grow_stack();
}

static void expect_guard(const char *check, int prot, size_t grow, bool dies)
{
	guard_prot = prot;
	guard_grow = grow;
	expect_stack(check, grow_near_mapping, grow, dies);
}

static void test_stack(void)
{
	expect_guard("guard_gap_keeps_1MiB_from_mapping", PROT_READ, 1536 * 1024, true);
	expect_guard("guard_gap_allows_512KiB", PROT_READ, 512 * 1024, false);
	expect_guard("guard_gap_ignores_PROT_NONE", PROT_NONE, 1536 * 1024, false);
	expect_stack("stack_just_under_8MiB_grows", grow_stack, 8 * MiB - 256 * 1024, false);
	expect_stack("stack_just_over_8MiB_SIGSEGV", grow_stack, 8 * MiB + 256 * 1024, true);
	expect_stack("stack_limit_1MiB_allows_512KiB", grow_stack_limited, 512 * 1024, false);
	expect_stack("stack_limit_1MiB_stops_2MiB", grow_stack_limited, 2 * MiB, true);
}

/* RLIMIT_NPROC: an unprivileged user with a limit of 3 tasks, one of
 * them itself, gets exactly two more; the third fork fails EAGAIN. */
static int nproc_user(void)
{
	struct rlimit r = { 3, 3 };
	if (setrlimit(RLIMIT_NPROC, &r) || become_nobody())
		return 100;
	int hold[2];
	if (pipe(hold))
		return 101;
	int made = 0, err = 0;
	for (int i = 0; i < 6; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			char c;
			close(hold[1]);
			read(hold[0], &c, 1); /* until the parent lets go */
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		made++;
	}
	close(hold[1]);
	while (wait(NULL) > 0)
		;
	if (err != EAGAIN)
		return 102;
	return made; /* 2 expected */
}

/* Threads count too: with a limit of 2 tasks, one thread may start, a
 * second may not (pthread_create returns EAGAIN). */
static int hold_fd = -1;
static void *thread_hold(void *arg)
{
	char c;
	(void)arg;
	read(hold_fd, &c, 1);
	return NULL;
}

static int nproc_threads(void)
{
	struct rlimit r = { 2, 2 };
	int hold[2];
	pthread_t a, b;
	if (pipe(hold) || setrlimit(RLIMIT_NPROC, &r) || become_nobody())
		return 100;
	hold_fd = hold[0];
	if (pthread_create(&a, NULL, thread_hold, NULL) != 0)
		return 101;
	int err = pthread_create(&b, NULL, thread_hold, NULL);
	close(hold[1]);
	pthread_join(a, NULL);
	if (err == 0)
		pthread_join(b, NULL);
	return err == EAGAIN ? 0 : 102;
}

static int nproc_root_exempt(void)
{
	struct rlimit r = { 1, 1 };
	if (setrlimit(RLIMIT_NPROC, &r))
		return 1;
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return 2;
	waitpid(pid, NULL, 0);
	return 0;
}

static void test_nproc(void)
{
	int status = in_child(nproc_user);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		pass("nproc_user_EAGAIN_after_2");
	else
		fail("nproc_user_EAGAIN_after_2", "child status %#x (exit code = forks made; 10x = step)",
		     status);
	expect_child_ok("nproc_counts_threads", nproc_threads);
	if (geteuid() == 0)
		expect_child_ok("nproc_root_exempt", nproc_root_exempt);
	else
		fail("nproc_root_exempt", "not run as root");
}

/* RLIMIT_AS: with 64 MiB of address space a 128 MiB mapping, a 128 MiB
 * malloc and a 128 MiB brk fail; small ones work, and so does a 40 MiB
 * MAP_FIXED mapping that replaces one of the same size. */
static int as_limit(void)
{
	struct rlimit r = { 64 * MiB, RLIM_INFINITY };
	if (setrlimit(RLIMIT_AS, &r))
		return 1;
	void *p = mmap(NULL, 128 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED || errno != ENOMEM)
		return 2;
	p = mmap(NULL, 1 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 3;
	if (malloc(128 * MiB) != NULL)
		return 4;
	if (sbrk(128 * MiB) != (void *)-1 || errno != ENOMEM)
		return 5;
	/* MAP_FIXED over an existing mapping counts only what it adds */
	char *big = mmap(NULL, 40 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big == MAP_FAILED)
		return 6;
	if (mmap(big, 40 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		 0) != big)
		return 7;
	return 0;
}

/* RLIMIT_DATA: private writable memory (and brk) is limited; a
 * read-only mapping is not data. */
static int data_limit(void)
{
	struct rlimit r = { 16 * MiB, RLIM_INFINITY };
	if (setrlimit(RLIMIT_DATA, &r))
		return 1;
	void *p = mmap(NULL, 64 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED || errno != ENOMEM)
		return 2;
	p = mmap(NULL, 64 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 3;
	if (sbrk(64 * MiB) != (void *)-1 || errno != ENOMEM)
		return 4;
	if (sbrk(4096) == (void *)-1)
		return 5;
	return 0;
}

/* RLIMIT_CPU: a busy loop with 1 s soft and 3 s hard gets SIGXCPU
 * every CPU second (the handler reports it through a pipe), then SIGKILL. Without a handler,
 * SIGXCPU itself ends it. */
static volatile sig_atomic_t xcpu_pipe = -1; /* read by the handler */
static void on_xcpu(int sig)
{
	(void)sig;
	write(xcpu_pipe, "x", 1);
}

static void burn(void)
{
	for (volatile unsigned long i = 0;; i++)
		;
}

static void test_cpu(void)
{
	int p[2];
	pipe(p);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		xcpu_pipe = p[1];
		signal(SIGXCPU, on_xcpu);
		struct rlimit r = { 1, 3 };
		setrlimit(RLIMIT_CPU, &r);
		burn();
	}
	close(p[1]);
	int status;
	waitpid(pid, &status, 0);
	char buf[16];
	int n = (int)read(p[0], buf, sizeof buf);
	close(p[0]);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && n == 2)
		pass("cpu_SIGXCPU_then_SIGKILL");
	else
		fail("cpu_SIGXCPU_then_SIGKILL", "wait status %#x, %d SIGXCPU seen", status, n);

	pid = fork();
	if (pid == 0) {
		struct rlimit r = { 1, RLIM_INFINITY };
		setrlimit(RLIMIT_CPU, &r);
		burn();
	}
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
		pass("cpu_default_SIGXCPU_kills");
	else
		fail("cpu_default_SIGXCPU_kills", "wait status %#x", status);
}

/* RLIMIT_CORE 0 (the default): death by SIGSEGV without "core dumped". */
static void test_core(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit r;
		getrlimit(RLIMIT_CORE, &r);
		r.rlim_cur = 0;
		setrlimit(RLIMIT_CORE, &r);
		raise(SIGSEGV);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV && !WCOREDUMP(status))
		pass("core_limit_0_no_core_flag");
	else
		fail("core_limit_0_no_core_flag", "wait status %#x", status);
}

static const char *absolute_self(const char *argv0)
{
	static char path[4096];
	char cwd[2048];
	if (strchr(argv0, '/') == NULL)
		return "/test/rlimit_test";
	if (argv0[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
		return argv0;
	snprintf(path, sizeof path, "%s/%s", cwd, argv0);
	return path;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--report") == 0) {
		struct rlimit r;
		getrlimit(RLIMIT_NOFILE, &r);
		return (int)r.rlim_cur;
	}
	self = absolute_self(argv[0]);
	test_defaults();
	test_nofile();
	test_errors();
	expect_child_ok("raising_hard_needs_privilege", privileged_may_raise_hard);
	expect_child_ok("user_soft_hard_rules", user_soft_hard);
	expect_child_ok("inherited_across_fork_and_exec", inherit_fork_exec);
	test_prlimit_other();
	test_stack();
	test_nproc();
	expect_child_ok("as_limit_ENOMEM", as_limit);
	expect_child_ok("data_limit_ENOMEM", data_limit);
	test_cpu();
	test_core();
	return check_summary();
}
