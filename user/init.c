/*
 * init.c: the first user program, PID 1. The kernel starts it from
 * /sbin/init; everything else on the system descends from it.
 *
 * It has two jobs:
 *   1. Run the shell on the console, and start a new one whenever it
 *      exits (so "exit" gives you a fresh shell, not a dead machine).
 *   2. Reap orphans. A process whose parent exits is given to PID 1,
 *      and only a wait by its parent frees its zombie; init's main loop
 *      is therefore a waitpid(-1, ...) that collects every child,
 *      adopted or not.
 *
 * Test mode, for the test harness: "init -t DIR" (or init started under
 * the name "testrunner", e.g. the /sbin/testrunner link, which means
 * "-t /test") runs every executable file in DIR in name order instead
 * of a shell, prints after each one
 *
 *     TESTPROG <name> status=<exit status, or "signal N">
 *
 * ("status=timeout" if it ran longer than TEST_TIMEOUT_S and was
 * killed), then "TESTRUN done <passed> <failed>" and powers the machine
 * off. Test programs print their own PASS/FAIL lines. Under the name
 * "benchrunner" it does the same with /bench (make bench).
 *
 * What to look for: "ps" shows init as PID 1 with PPID 0; run
 * orphan_demo and see its child adopted by PID 1.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHELL "/bin/sh"
#define MOTD "/etc/motd"
#define TEST_DIR "/test"
#define BENCH_DIR "/bench"   /* make bench: the same, with the benchmarks */
#ifndef TEST_TIMEOUT_S
#define TEST_TIMEOUT_S 300  /* a hung test is killed after this long */
#endif

/*
 * The kernel may start us with no open descriptors at all. Open the
 * console as 0 (stdin), then duplicate it to 1 and 2, but only for the
 * descriptors that are not already open.
 */
static void open_console(void)
{
	int fd;

	if (fcntl(0, F_GETFD) < 0 && errno == EBADF) {
		fd = open("/dev/console", O_RDWR);
		if (fd > 0) {   /* 0 was free, so we expect fd == 0 */
			dup2(fd, 0);
			close(fd);
		}
	}
	for (fd = 1; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF)
			dup2(0, fd);
}

static void set_environment(void)
{
	setenv("PATH", "/bin:/sbin:/usr/bin", 1);
	setenv("HOME", "/", 1);
	setenv("TERM", "linux", 0);
	chdir("/");
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * fork + exec PATH with ARGV; returns the child's PID or -1.
 *   LOGIN: the child first starts a new session (setsid) and makes the
 *     console its controlling terminal (TIOCSCTTY): it becomes a session
 *     leader, as a shell started by login is. Then ^C and ^Z reach its
 *     foreground job, and when it exits the kernel sends that job SIGHUP.
 *   JOB: the child gets a process group of its own, as a shell's job.
 */
enum spawn_mode { LOGIN, JOB };

static pid_t spawn(const char *path, char *const argv[], enum spawn_mode mode)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (mode == LOGIN && (setsid() < 0 || ioctl(0, TIOCSCTTY, 0) < 0))
			fprintf(stderr, "init: no controlling terminal for %s: %s\n",
				path, strerror(errno));
		if (mode == JOB)
			setpgid(0, 0);
		execv(path, argv);
		fprintf(stderr, "init: cannot run %s: %s\n", path,
			strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	else if (mode == JOB)
		setpgid(pid, pid); /* both sides, whichever runs first */
	return pid;
}

/*
 * Wait until process PID ends and return its status. Every other child
 * that ends meanwhile (an adopted orphan, usually) is reaped on the way:
 * that is what keeps zombies from piling up under init.
 */
static int wait_for(pid_t pid)
{
	int status;
	pid_t got;

	for (;;) {
		got = waitpid(-1, &status, 0);
		if (got == pid)
			return status;
		if (got < 0 && errno == ECHILD)
			return -1; /* it is gone already */
		/* got > 0: an orphan we just reaped; EINTR: try again */
	}
}

/* Copy the message of the day to the console, if there is one. */
static void print_motd(void)
{
	char buf[512];
	ssize_t n;
	int fd = open(MOTD, O_RDONLY);

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
}

/* Start the shell, wait for it, start it again. Never returns. */
static void run_shells(void)
{
	char *argv[] = { "sh", NULL };
	int status;
	pid_t pid;

	print_motd();
	for (;;) {
		pid = spawn(SHELL, argv, LOGIN);
		if (pid < 0) {
			sleep_ms(1000);
			continue;
		}
		status = wait_for(pid);
		if (WIFSIGNALED(status))
			printf("init: shell killed by signal %d, starting a "
			       "new one\n", WTERMSIG(status));
		else
			printf("init: shell exited (status %d), starting a "
			       "new one\n", WEXITSTATUS(status));
		fflush(stdout);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			sleep_ms(1000); /* it cannot start: do not spin */
	}
}

/* ---- test mode ---- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The executable regular files in DIR, sorted; *N gets the count. */
static char **list_programs(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char **names = NULL, path[4096];
	int cap = 0;

	*n = 0;
	if (!d) {
		printf("init: cannot open %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_name[0] == '.' || stat(path, &st) != 0 ||
		    !S_ISREG(st.st_mode) || !(st.st_mode & 0111))
			continue;
		if (*n == cap)
			names = realloc(names, (cap = cap ? cap * 2 : 32) *
					       sizeof(char *));
		names[(*n)++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof(char *), by_name);
	return names;
}

/*
 * Like wait_for(), but give up after TEST_TIMEOUT_S seconds: then kill
 * the test (SIGKILL) and return -2. We poll with WNOHANG rather than
 * use alarm(), so this works before the kernel has signals to offer.
 */
static int wait_with_timeout(pid_t pid)
{
	long waited_ms = 0;
	int status;
	pid_t got;

	for (;;) {
		got = waitpid(-1, &status, WNOHANG);
		if (got == pid)
			return status;
		if (got < 0 && errno == ECHILD)
			return -1;
		if (got > 0)
			continue; /* reaped an orphan; look again at once */
		if (waited_ms >= TEST_TIMEOUT_S * 1000L) {
			kill(pid, SIGKILL);
			wait_for(pid);
			return -2;
		}
		sleep_ms(5);
		waited_ms += 5;
	}
}

/* Run DIR/NAME with argv[0] = its full path; 1 if it exited with 0. */
static int run_test(const char *dir, const char *name)
{
	char path[4096];
	char *argv[] = { path, NULL };
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fflush(stdout);
	pid = spawn(path, argv, JOB);
	if (pid < 0) {
		printf("TESTPROG %s status=fork-failed\n", name);
		return 0;
	}
	status = wait_with_timeout(pid);
	if (status == -2)
		printf("TESTPROG %s status=timeout\n", name);
	else if (status == -1)
		printf("TESTPROG %s status=lost\n", name);
	else if (WIFSIGNALED(status))
		printf("TESTPROG %s status=signal %d\n", name,
		       WTERMSIG(status));
	else
		printf("TESTPROG %s status=%d\n", name, WEXITSTATUS(status));
	fflush(stdout);
	return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Power off; only PID 1 does, so trying this on a Linux host is safe. */
static void power_off(void)
{
	if (getpid() != 1)
		return;
	sync();
	reboot(RB_POWER_OFF);
	printf("init: reboot(RB_POWER_OFF): %s\n", strerror(errno));
	fflush(stdout);
	for (;;)
		wait_for(-1); /* nothing else to do but reap */
}

static int run_test_list(const char *dir)
{
	int n, i, passed = 0;
	char **names = list_programs(dir, &n);

	for (i = 0; i < n; i++)
		passed += run_test(dir, names[i]);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		; /* leftover orphans */
	printf("TESTRUN done %d %d\n", passed, n - passed);
	fflush(stdout);
	return n - passed == 0 ? 0 : 1;
}

/*
 * As PID 1, run the tests from a child that leads a session of its own
 * and starts each test as a job (its own process group), as a shell
 * would: then a test's process group is not orphaned (its parent is in
 * the same session, in another group), and job control -- a SIGTSTP
 * that stops, SIGTTIN -- behaves as it does for a program started from
 * a shell. init meanwhile reaps the orphans the tests leave.
 */
static int run_tests(const char *dir)
{
	pid_t runner;
	int status;

	if (getpid() != 1)
		return run_test_list(dir);
	runner = fork();
	if (runner == 0) {
		setsid();
		_exit(run_test_list(dir));
	}
	status = runner > 0 ? wait_for(runner) : -1;
	power_off();
	return status == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');

	base = base ? base + 1 : argv[0];
	open_console();
	set_environment();
	if (argc >= 3 && strcmp(argv[1], "-t") == 0)
		return run_tests(argv[2]);
	if (strcmp(base, "testrunner") == 0)
		return run_tests(argc >= 2 ? argv[1] : TEST_DIR);
	if (strcmp(base, "benchrunner") == 0)
		return run_tests(BENCH_DIR);
	run_shells();
	return 0;
}
