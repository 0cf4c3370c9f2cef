/*
 * process_test.c: the process life cycle. getpid/getppid/gettid, fork
 * returning twice, the wait status encoding, WNOHANG, ECHILD, zombies
 * staying until reaped, orphans being adopted, and a loop of 1000
 * fork/exit/wait (the kernel's test also compares free pages before and
 * after; here we check every child was reaped with the right status).
 */
#define TEST_NAME "process"
#include "check.h"

#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void test_ids(void)
{
	pid_t pid = getpid();

	expect("getpid_positive", pid > 0, "pid <= 0");
	expect("getppid_positive", getppid() > 0, "ppid <= 0");
	expect("getpid_not_ppid", pid != getppid(), "pid == ppid");
	/* In a single-threaded process the only thread's id is the pid. */
	expect_eq("gettid_is_pid_single_thread", syscall(SYS_gettid), pid);
}

/* The child tells the parent what fork returned to it through a pipe. */
static void test_fork_returns_twice(void)
{
	int p[2], status;
	pid_t child, seen[2] = { -1, -1 };
	pid_t parent = getpid();

	pipe(p);
	fflush(stdout);
	child = fork();
	if (child == 0) {
		seen[0] = 0;
		seen[1] = getppid();
		write(p[1], seen, sizeof(seen));
		_exit(0);
	}
	expect("fork_returns_child_pid_in_parent", child > 0, "not > 0");
	read(p[0], seen, sizeof(seen));
	expect_eq("fork_returns_0_in_child", seen[0], 0);
	expect_eq("child_ppid_is_parent", seen[1], parent);
	expect_eq("waitpid_returns_child", waitpid(child, &status, 0), child);
	close(p[0]);
	close(p[1]);
}

static void test_exit_status(void)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(42);
	waitpid(pid, &status, 0);
	expect("wifexited", WIFEXITED(status), "not WIFEXITED");
	expect_eq("wexitstatus_42", WEXITSTATUS(status), 42);
	expect("not_wifsignaled", !WIFSIGNALED(status), "WIFSIGNALED");
	expect_eq("raw_status_encoding", status, 42 << 8);

	pid = fork();
	if (pid == 0)
		_exit(256 + 7); /* only the low 8 bits survive */
	waitpid(pid, &status, 0);
	expect_eq("exit_status_low_8_bits", WEXITSTATUS(status), 7);
}

/* WNOHANG must not block: the child waits on a pipe we hold open. */
static void test_wnohang(void)
{
	int p[2], status;
	char c;
	pid_t pid;

	pipe(p);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);
		_exit(3);
	}
	close(p[0]);
	expect_eq("wnohang_running_child_returns_0",
		  waitpid(pid, &status, WNOHANG), 0);
	close(p[1]); /* child's read returns 0, it exits */
	expect_eq("wait_after_release", waitpid(pid, &status, 0), pid);
	expect_eq("wait_after_release_status", WEXITSTATUS(status), 3);
}

static void test_echild(void)
{
	int status;

	expect_errno("wait_no_children_echild", waitpid(-1, &status, 0),
		     ECHILD);
	expect_errno("wnohang_no_children_echild",
		     waitpid(-1, &status, WNOHANG), ECHILD);
	expect_errno("wait_for_non_child_echild", waitpid(1, &status, 0),
		     ECHILD);
}

/* A dead child stays (as a zombie) until waited for. */
static void test_zombie(void)
{
	int p[2], status;
	char c;
	pid_t pid;

	pipe(p);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(5); /* exit closes p[1]: the parent sees EOF */
	}
	close(p[1]);
	read(p[0], &c, 1);
	close(p[0]);
	/*
	 * EOF can come a moment before the exit completes; either way the
	 * child must still exist, since nobody has waited for it.
	 */
	sleep_ms(20);
	expect_ok("zombie_still_exists", kill(pid, 0));
	expect_eq("zombie_reaped", waitpid(pid, &status, 0), pid);
	expect_eq("zombie_status", WEXITSTATUS(status), 5);
	expect_errno("reaped_pid_gone_esrch", kill(pid, 0), ESRCH);
}

/*
 * The middle process forks a grandchild and exits. The grandchild waits
 * until its parent has changed and reports its new parent. On our kernel
 * that is init (1); on Linux it may be a "subreaper" such as a service
 * manager, so we only check that it changed, and print what it got.
 */
static void test_orphan(void)
{
	int p[2], i;
	pid_t middle, middle_pid = 0, new_parent = 0;

	pipe(p);
	fflush(stdout);
	middle = fork();
	if (middle == 0) {
		if (fork() == 0) {
			pid_t old = getppid();

			for (i = 0; i < 5000 && getppid() == old; i++)
				sleep_ms(2);
			pid_t now[2] = { old, getppid() };
			write(p[1], now, sizeof(now));
			_exit(0);
		}
		sleep_ms(50);
		_exit(0);
	}
	close(p[1]);
	waitpid(middle, NULL, 0);
	pid_t got[2] = { 0, 0 };
	if (read(p[0], got, sizeof(got)) == sizeof(got)) {
		middle_pid = got[0];
		new_parent = got[1];
	}
	close(p[0]);
	expect_eq("orphan_first_parent_was_middle", middle_pid, middle);
	if (new_parent != 0 && new_parent != middle)
		printf("# orphan adopted by pid %d\n", (int)new_parent);
	expect("orphan_reparented", new_parent != 0 && new_parent != middle,
	       "parent did not change");
}

/* Several children at once: waitpid(pid) picks exactly the one asked. */
static void test_wait_specific(void)
{
	pid_t pids[5];
	int i, status, ok = 1;

	fflush(stdout);
	for (i = 0; i < 5; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(10 + i);
	}
	for (i = 4; i >= 0; i--) {
		if (waitpid(pids[i], &status, 0) != pids[i] ||
		    WEXITSTATUS(status) != 10 + i)
			ok = 0;
	}
	expect("waitpid_specific_child", ok, "wrong child or status");
}

static void test_fork_loop(void)
{
	enum { N = 1000 };
	int i, status, reaped = 0, wrong = 0;
	pid_t pid;

	fflush(stdout);
	for (i = 0; i < N; i++) {
		pid = fork();
		if (pid == 0)
			_exit(i % 256);
		if (pid < 0)
			break;
		if (waitpid(pid, &status, 0) == pid) {
			reaped++;
			if (!WIFEXITED(status) ||
			    WEXITSTATUS(status) != i % 256)
				wrong++;
		}
	}
	expect_eq("fork_exit_wait_1000_reaped", reaped, N);
	expect_eq("fork_exit_wait_1000_statuses", wrong, 0);
	expect_errno("no_children_left", waitpid(-1, &status, WNOHANG),
		     ECHILD);
}

int main(void)
{
	test_ids();
	test_fork_returns_twice();
	test_exit_status();
	test_wnohang();
	test_echild();
	test_zombie();
	test_orphan();
	test_wait_specific();
	test_fork_loop();
	return check_summary();
}
