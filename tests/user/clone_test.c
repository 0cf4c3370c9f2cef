/*
 * clone_test.c: the clone system call, one flag at a time, through the
 * libc clone() wrapper (glibc's signature: fn, stack, flags, arg, then
 * ptid, tls, ctid).
 *
 * A process and a thread are the same kind of task; the flags say what
 * the new task shares with its creator: CLONE_VM memory, CLONE_FS the
 * current directory and umask, CLONE_FILES the descriptor table,
 * CLONE_SIGHAND the signal handlers, CLONE_THREAD the PID (a thread
 * group), CLONE_SETTLS a new %fs base. The *_SETTID and CHILD_CLEARTID
 * flags write and clear the new TID (what pthread_join waits on),
 * CLONE_VFORK suspends the caller until the child exits or execs,
 * CLONE_PARENT makes the child a sibling, and the low byte is the
 * signal the parent gets when the child ends (not SIGCHLD: only
 * __WCLONE or __WALL waits see it). Invalid combinations give EINVAL,
 * and a thread whose stack is unmapped dies with SIGSEGV, taking its
 * whole process with it.
 */
#define _GNU_SOURCE
#define TEST_NAME "clone"
#include "check.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>

#ifndef ARCH_GET_FS
#define ARCH_GET_FS 0x1003
#endif
#ifndef FUTEX_WAIT
#define FUTEX_WAIT 0
#endif
#ifndef __WALL
#define __WALL 0x40000000
#endif
#ifndef __WCLONE
#define __WCLONE 0x80000000
#endif

/* What pthread_create asks for, give or take CLONE_SYSVSEM. */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
		      CLONE_THREAD)

#define STACK_SIZE (64 * 1024)
static char stack[STACK_SIZE] __attribute__((aligned(64)));
#define STACK_TOP ((void *)(stack + STACK_SIZE))

static const char *self; /* our own path, for the vfork + exec check */

/* Children report here; with CLONE_VM the parent sees it, else not. */
static struct {
	volatile int value;
	volatile long pid, tid, ctid_seen;
	volatile uintptr_t local_address;
	volatile unsigned long fs_base;
	volatile int go;
} shared;

/*
 * A system call made directly, for children that run with a %fs base
 * of their own, where even errno would be somebody else's memory.
 */
static long raw_syscall2(long n, long a, long b)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
	return ret;
}

static void raw_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	raw_syscall2(SYS_nanosleep, (long)&ts, 0);
}

static long futex_wait(volatile int *addr, int val, long timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000,
			       (timeout_ms % 1000) * 1000000L };

	return syscall(SYS_futex, addr, FUTEX_WAIT, val, &ts, NULL, 0);
}

/*
 * Wait until the thread that clears *CTID at exit (CLONE_CHILD_CLEARTID)
 * is gone. Returns 1 if a FUTEX_WAIT on the word was woken, 0 if the
 * word was already 0 whenever we looked, -1 if a 10-second wait timed
 * out (the word was cleared without a wake-up, or never cleared).
 */
static int wait_cleartid(volatile int *ctid)
{
	int v, woken = 0;

	while ((v = __atomic_load_n(ctid, __ATOMIC_ACQUIRE)) != 0) {
		if (futex_wait(ctid, v, 10000) == 0)
			woken = 1;
		else if (errno == ETIMEDOUT)
			return -1;
	}
	return woken;
}

/* Reap every child left; the ECHILD checks need there to be none. */
static void reap_all(void)
{
	while (waitpid(-1, NULL, __WALL) > 0)
		;
}

/* ---- a process: no sharing, exit signal SIGCHLD ---- */

static int child_returns_42(void *arg)
{
	volatile char here;

	(void)arg;
	shared.value = 1;
	shared.local_address = (uintptr_t)&here;
	return 42;
}

static void test_process(void)
{
	int status = 0;
	pid_t pid;

	shared.value = 0;
	pid = clone(child_returns_42, STACK_TOP, SIGCHLD, NULL);
	expect("clone_process_created", pid > 0, "clone failed");
	expect_eq("clone_process_waitpid", waitpid(pid, &status, 0), pid);
	expect("clone_process_exit_status_42",
	       WIFEXITED(status) && WEXITSTATUS(status) == 42,
	       "not exited with 42");
	expect_eq("no_clone_vm_memory_is_copied", shared.value, 0);
}

/* ---- CLONE_VM, and the stack we gave ---- */

static void test_vm(void)
{
	int status = 0;
	pid_t pid;

	shared.value = 0;
	shared.local_address = 0;
	pid = clone(child_returns_42, STACK_TOP, CLONE_VM | SIGCHLD, NULL);
	waitpid(pid, &status, 0);
	expect("clone_vm_child_exited",
	       pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 42,
	       "clone or wait failed");
	expect_eq("clone_vm_shares_memory", shared.value, 1);
	expect("child_runs_on_given_stack",
	       shared.local_address >= (uintptr_t)stack &&
		       shared.local_address < (uintptr_t)STACK_TOP,
	       "the child's local variable is outside the stack we gave");
}

/* ---- CLONE_FS: current directory and umask ---- */

static int child_chdir_umask(void *arg)
{
	(void)arg;
	if (chdir("sub") != 0)
		return 1;
	umask(077);
	return 0;
}

static int cwd_ends_with_sub(void)
{
	char cwd[512];
	size_t n;

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return 0;
	n = strlen(cwd);
	return n >= 4 && strcmp(cwd + n - 4, "/sub") == 0;
}

static void test_fs(void)
{
	int status;
	mode_t old;
	pid_t pid;

	if (mkdir("sub", 0755) != 0)
		die("mkdir sub");
	old = umask(022);
	pid = clone(child_chdir_umask, STACK_TOP, CLONE_FS | SIGCHLD, NULL);
	waitpid(pid, &status, 0);
	expect("clone_fs_shares_cwd", cwd_ends_with_sub(),
	       "the child's chdir did not move us");
	expect_eq("clone_fs_shares_umask", umask(022), 077);
	if (chdir(test_dir) != 0)
		die("chdir back");

	pid = clone(child_chdir_umask, STACK_TOP, SIGCHLD, NULL);
	waitpid(pid, &status, 0);
	expect("no_clone_fs_own_cwd", !cwd_ends_with_sub(),
	       "the child's chdir moved us");
	expect_eq("no_clone_fs_own_umask", umask(old), 022);
}

/* ---- CLONE_FILES: the descriptor table ---- */

static int child_opens_file(void *arg)
{
	(void)arg;
	return open("file", O_RDONLY); /* the exit status is the fd */
}

static void test_files(void)
{
	struct stat want, got;
	int status, fd;
	pid_t pid;

	fd = open("file", O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || fstat(fd, &want) != 0)
		die("create file");
	close(fd);

	pid = clone(child_opens_file, STACK_TOP, CLONE_FILES | SIGCHLD, NULL);
	waitpid(pid, &status, 0);
	fd = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	expect("clone_files_shares_table",
	       fd > 2 && fstat(fd, &got) == 0 && got.st_ino == want.st_ino,
	       "the fd the child opened is not open here");
	if (fd > 2)
		close(fd);

	pid = clone(child_opens_file, STACK_TOP, SIGCHLD, NULL);
	waitpid(pid, &status, 0);
	fd = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	expect("no_clone_files_own_table",
	       fd > 2 && fcntl(fd, F_GETFD) == -1 && errno == EBADF,
	       "the child's fd is open here too");
}

/* ---- CLONE_SIGHAND: the handler table ---- */

static void on_usr1(int sig)
{
	(void)sig;
}

static int child_sets_handler(void *arg)
{
	struct sigaction sa;

	(void)arg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	return sigaction(SIGUSR1, &sa, NULL) == 0 ? 0 : 1;
}

static int usr1_handler_is_ours(void)
{
	struct sigaction sa;

	sigaction(SIGUSR1, NULL, &sa);
	return sa.sa_handler == on_usr1;
}

static void test_sighand(void)
{
	struct sigaction dfl;
	int status;
	pid_t pid;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	if (sigaction(SIGUSR1, &dfl, NULL) != 0 && errno == ENOSYS) {
		printf("# clone_sighand: skipped, no sigaction (ENOSYS)\n");
		return;
	}

	pid = clone(child_sets_handler, STACK_TOP,
		    CLONE_VM | CLONE_SIGHAND | SIGCHLD, NULL);
	waitpid(pid, &status, 0);
	expect("clone_sighand_shares_handlers", usr1_handler_is_ours(),
	       "the child's sigaction did not reach us");
	sigaction(SIGUSR1, &dfl, NULL);

	pid = clone(child_sets_handler, STACK_TOP, CLONE_VM | SIGCHLD, NULL);
	waitpid(pid, &status, 0);
	expect("no_clone_sighand_own_handlers", !usr1_handler_is_ours(),
	       "the child's sigaction changed ours");
	sigaction(SIGUSR1, &dfl, NULL);
}

/* ---- invalid combinations ---- */

static int child_exits_at_once(void *arg)
{
	(void)arg;
	return 0;
}

/* Must fail with EINVAL; reap the task should it wrongly exist. */
static void expect_clone_einval(const char *check, int flags)
{
	long r = clone(child_exits_at_once, STACK_TOP, flags, NULL);
	int err = errno;

	if (r > 0) {
		/* wrongly created: a thread must end before the stack is reused */
		raw_sleep_ms(100);
		waitpid(r, NULL, __WALL);
	}
	errno = err;
	expect_errno(check, r, EINVAL);
}

static void test_invalid(void)
{
	expect_clone_einval("sighand_without_vm_einval",
			    CLONE_SIGHAND | SIGCHLD);
	expect_clone_einval("thread_without_sighand_einval",
			    CLONE_VM | CLONE_THREAD);
	expect_clone_einval("fs_with_newns_einval", CLONE_FS | CLONE_NEWNS |
			    SIGCHLD);
	expect_errno("wrapper_null_stack_einval",
		     clone(child_exits_at_once, NULL, SIGCHLD, NULL), EINVAL);
	expect_errno("wrapper_null_fn_einval",
		     clone(NULL, STACK_TOP, SIGCHLD, NULL), EINVAL);
}

/* ---- CLONE_THREAD and the TID flags ---- */

static volatile int ptid_word, ctid_word;

static int thread_reports(void *arg)
{
	(void)arg;
	shared.pid = getpid();
	shared.tid = syscall(SYS_gettid);
	shared.ctid_seen = ctid_word; /* CLONE_CHILD_SETTID wrote it */
	while (!shared.go)
		raw_syscall2(SYS_sched_yield, 0, 0);
	raw_sleep_ms(20); /* so that the parent is asleep on ctid_word */
	return 0;
}

static void test_thread(void)
{
	int status, woken;
	long tid;

	memset((void *)&shared, 0, sizeof(shared));
	ptid_word = -1;
	ctid_word = -1;
	tid = clone(thread_reports, STACK_TOP,
		    THREAD_FLAGS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
			    CLONE_CHILD_CLEARTID,
		    NULL, &ptid_word, NULL, &ctid_word);
	if (tid <= 0) {
		fail("clone_thread_created", "errno %d", errno);
		return;
	}
	pass("clone_thread_created");
	/* written into our memory before clone returned */
	expect_eq("parent_settid_written", ptid_word, tid);
	shared.go = 1;
	woken = wait_cleartid(&ctid_word);
	expect("child_cleartid_cleared_and_woken", woken >= 0,
	       "the exit cleared the TID but no futex wake came");
	expect_eq("child_settid_written", shared.ctid_seen, tid);
	expect_eq("thread_same_pid", shared.pid, getpid());
	expect_eq("thread_own_tid", shared.tid, tid);
	expect("thread_tid_not_ours", shared.tid != syscall(SYS_gettid),
	       "thread has our TID");
	/* a thread is not a child: there is nothing to wait for */
	expect_errno("waitpid_does_not_see_threads",
		     waitpid(-1, &status, WNOHANG | __WALL), ECHILD);
}

/* ---- CLONE_SETTLS ---- */

static unsigned long fake_tls[64] __attribute__((aligned(64)));

#if defined(__has_attribute)
#if __has_attribute(no_stack_protector)
__attribute__((no_stack_protector))
#endif
#endif
static int thread_reads_fs(void *arg)
{
	unsigned long fs = 0;

	(void)arg;
	/* no libc here: with another %fs base, errno is not ours */
	raw_syscall2(SYS_arch_prctl, ARCH_GET_FS, (long)&fs);
	shared.fs_base = fs;
	return 0;
}

static void test_settls(void)
{
	unsigned long mine = 0;
	long tid;

	syscall(SYS_arch_prctl, ARCH_GET_FS, &mine);
	fake_tls[0] = (unsigned long)fake_tls; /* a TCB points to itself */
	shared.fs_base = 0;
	ctid_word = -1;
	tid = clone(thread_reads_fs, STACK_TOP,
		    THREAD_FLAGS | CLONE_SETTLS | CLONE_PARENT_SETTID |
			    CLONE_CHILD_CLEARTID,
		    NULL, &ctid_word, fake_tls, &ctid_word);
	if (tid > 0)
		wait_cleartid(&ctid_word);
	expect_eq("settls_sets_child_fs_base", (long)shared.fs_base,
		  (long)fake_tls);
	unsigned long after = 0;
	syscall(SYS_arch_prctl, ARCH_GET_FS, &after);
	expect_eq("settls_leaves_parent_fs_base", (long)after, (long)mine);
}

/* ---- CLONE_VFORK ---- */

static int child_sleeps_then_marks(void *arg)
{
	(void)arg;
	raw_sleep_ms(50);
	shared.value = 5;
	return 0;
}

static int vfork_exec_pipe[2];

static int child_execs(void *arg)
{
	char fd[16];
	char *argv[] = { (char *)self, "--vfork-exec", fd, NULL };

	(void)arg;
	snprintf(fd, sizeof(fd), "%d", vfork_exec_pipe[0]);
	execv(self, argv);
	return 99;
}

/* The program child_execs runs: exit 7 once a byte arrives on FD, or
 * 8 if none comes within 10 s (the parent was never let go). */
static int vfork_exec_helper(const char *fd_text)
{
	int fd = atoi(fd_text), i;
	char c;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	for (i = 0; i < 1000; i++) {
		if (read(fd, &c, 1) == 1)
			return 7;
		raw_sleep_ms(10);
	}
	return 8;
}

static void test_vfork(void)
{
	int status = 0;
	pid_t pid;

	shared.value = 0;
	pid = clone(child_sleeps_then_marks, STACK_TOP,
		    CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
	/* we run again only after the child has exited */
	expect_eq("vfork_parent_waits_for_exit", shared.value, 5);
	waitpid(pid, &status, 0);

	if (pipe(vfork_exec_pipe) != 0)
		die("pipe");
	fflush(stdout);
	pid = clone(child_execs, STACK_TOP, CLONE_VFORK | SIGCHLD, NULL);
	/* we run again once it has exec'd; only then can it read */
	write(vfork_exec_pipe[1], "x", 1);
	waitpid(pid, &status, 0);
	expect("vfork_parent_resumes_at_exec",
	       WIFEXITED(status) && WEXITSTATUS(status) == 7,
	       WIFEXITED(status) && WEXITSTATUS(status) == 8
		       ? "the parent stayed suspended after the exec"
		       : "the exec'd child failed");
	close(vfork_exec_pipe[0]);
	close(vfork_exec_pipe[1]);
}

/* ---- CLONE_PARENT ---- */

static int parent_pipe[2], ppid_pipe[2];

/* Its own pipe: the middle's write and this one may come in either order. */
static int child_reports_ppid(void *arg)
{
	long ppid = getppid();

	(void)arg;
	write(ppid_pipe[1], &ppid, sizeof(ppid));
	return 5;
}

/* Runs in a forked middle process: clone a sibling of ourselves. */
static int middle_process(void)
{
	long pid = clone(child_reports_ppid, STACK_TOP, CLONE_PARENT | SIGCHLD,
			 NULL);

	write(parent_pipe[1], &pid, sizeof(pid));
	return 0;
}

static void test_parent(void)
{
	long sibling = -1, ppid = -1;
	int status = 0;

	if (pipe(parent_pipe) != 0 || pipe(ppid_pipe) != 0)
		die("pipe");
	status = status_of_child(middle_process);
	close(parent_pipe[1]);
	close(ppid_pipe[1]);
	expect("clone_parent_middle_ok", WIFEXITED(status), "middle died");
	read(parent_pipe[0], &sibling, sizeof(sibling));
	read(ppid_pipe[0], &ppid, sizeof(ppid));
	close(parent_pipe[0]);
	close(ppid_pipe[0]);
	expect_eq("clone_parent_child_ppid_is_ours", ppid, getpid());
	expect_eq("clone_parent_we_reap_it", waitpid(sibling, &status, 0),
		  sibling);
	expect("clone_parent_exit_status",
	       WIFEXITED(status) && WEXITSTATUS(status) == 5, "not 5");
}

/* ---- the exit signal in the low byte ---- */

static void test_exit_signal(void)
{
	sigset_t usr1, old, pending;
	int status = 0, sig;
	pid_t pid;

	/* 0: no signal, and an ordinary wait does not see the child */
	pid = clone(child_returns_42, STACK_TOP, 0, NULL);
	expect("exit_signal_0_created", pid > 0, "clone failed");
	expect_errno("exit_signal_0_not_waitable",
		     waitpid(pid, &status, WNOHANG), ECHILD);
	expect_eq("exit_signal_0_wclone_reaps",
		  waitpid(pid, &status, __WCLONE), pid);
	expect_eq("exit_signal_0_status", WEXITSTATUS(status), 42);

	pid = clone(child_returns_42, STACK_TOP, 0, NULL);
	expect_eq("exit_signal_0_wall_reaps", waitpid(pid, &status, __WALL),
		  pid);

	/* SIGCHLD children are invisible to __WCLONE */
	pid = clone(child_returns_42, STACK_TOP, SIGCHLD, NULL);
	expect_errno("wclone_ignores_sigchld_child",
		     waitpid(pid, &status, __WCLONE), ECHILD);
	waitpid(pid, &status, 0);

	/* SIGUSR1 in the low byte: that is what the parent receives
	 * (blocked, or it would end us) */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &usr1, &old) != 0) {
		printf("# exit_signal_usr1: skipped, no sigprocmask (%s)\n",
		       strerror(errno));
		return;
	}
	pid = clone(child_returns_42, STACK_TOP, SIGUSR1, NULL);
	expect_eq("exit_signal_usr1_wclone_reaps",
		  waitpid(pid, &status, __WCLONE), pid);
	sigpending(&pending);
	expect("exit_signal_usr1_delivered", sigismember(&pending, SIGUSR1),
	       "SIGUSR1 is not pending after the child's exit");
	if (sigismember(&pending, SIGUSR1))
		sigwait(&usr1, &sig); /* take it, so that unblocking is safe */
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* ---- a thread with an unmapped stack ---- */

/*
 * clone(THREAD_FLAGS) straight through the system call, because the
 * wrapper would itself write onto the new stack. The child's first
 * instruction pushes onto that stack and must fault. (A NULL stack is
 * no such test: to the system call it means "keep the caller's stack
 * pointer", and the wrappers refuse it with EINVAL, checked above.)
 */
static long clone_with_stack(long flags, void *stack_top)
{
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "push %%rax\n\t" /* child: faults on the bad stack */
			 "mov $60, %%eax\n\t" /* (not reached) exit(0) */
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(ret)
			 : "a"(SYS_clone), "D"(flags), "S"(stack_top), "d"(0),
			   "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static int bad_stack_thread(void)
{
	struct rlimit no_core = { 0, 0 };
	char *area;
	int i;

	setrlimit(RLIMIT_CORE, &no_core);
	area = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED)
		return 90;
	munmap(area, 2 * 4096);
	if (clone_with_stack(THREAD_FLAGS, area + 4096) <= 0)
		return 91;
	for (i = 0; i < 1000; i++) /* 10 s for the SIGSEGV to end us */
		raw_sleep_ms(10);
	return 0;
}

static void test_bad_stack(void)
{
	int status = status_of_child(bad_stack_thread);

	expect("thread_with_unmapped_stack_segv",
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       WIFEXITED(status) ? "the process exited normally"
				 : "killed by another signal");
}

static const char *absolute_self(const char *argv0)
{
	static char path[4096];
	char cwd[2048];

	if (strchr(argv0, '/') == NULL)
		return "/test/clone_test"; /* where the image installs us */
	if (argv0[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return argv0;
	snprintf(path, sizeof(path), "%s/%s", cwd, argv0);
	return path;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--vfork-exec") == 0)
		return vfork_exec_helper(argv[2]);
	self = absolute_self(argv[0]);

	enter_test_dir();
	test_process();
	test_vm();
	test_fs();
	test_files();
	test_sighand();
	test_invalid();
	reap_all();
	test_thread();
	test_settls();
	test_vfork();
	test_parent();
	test_exit_signal();
	test_bad_stack();
	leave_test_dir();
	return check_summary();
}
