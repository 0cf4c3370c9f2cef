/*
 * check.h: the tiny reporting library shared by the user test programs.
 *
 * Each test program defines TEST_NAME (e.g. "files") before including
 * this file, then calls the check functions below. Every check prints
 * exactly one line:
 *
 *     PASS files/append_goes_to_end
 *     FAIL files/append_goes_to_end: offset 3, expected 10
 *
 * and the program ends with `return check_summary();`, which exits 0 only
 * if every check passed. The same lines come out on Linux (make
 * test-linux) and on our kernel (the test runner in /sbin/init), so the
 * harness can compare them.
 *
 * Output is flushed after every line: the tests fork, and an unflushed
 * stdio buffer would otherwise be printed twice (once by each process).
 */
#ifndef TESTS_USER_CHECK_H
#define TESTS_USER_CHECK_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef TEST_NAME
#error "define TEST_NAME before including check.h"
#endif

static int check_failed_count;
static int check_passed_count;

/* Record a passed check. */
static inline void pass(const char *check)
{
	printf("PASS %s/%s\n", TEST_NAME, check);
	fflush(stdout);
	check_passed_count++;
}

/* Record a failed check with a printf-style reason. */
static inline void fail(const char *check, const char *why, ...)
{
	va_list ap;

	printf("FAIL %s/%s: ", TEST_NAME, check);
	va_start(ap, why);
	vprintf(why, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	check_failed_count++;
}

/* Pass if COND is true, otherwise fail saying WHAT went wrong. */
static inline void expect(const char *check, int cond, const char *what)
{
	if (cond)
		pass(check);
	else
		fail(check, "%s", what);
}

/*
 * Pass if a system call returned -1 with errno WANT. RET is whatever the
 * call returned, cast to long. Read this as: "this call must fail with".
 */
static inline void expect_errno(const char *check, long ret, int want)
{
	int got = errno;

	if (ret != -1)
		fail(check, "returned %ld, expected -1 with errno %d (%s)", ret,
		     want, strerror(want));
	else if (got != want)
		fail(check, "errno %d (%s), expected %d (%s)", got,
		     strerror(got), want, strerror(want));
	else
		pass(check);
}

/* Pass if a system call succeeded (returned something other than -1). */
static inline void expect_ok(const char *check, long ret)
{
	if (ret == -1)
		fail(check, "failed with errno %d (%s)", errno,
		     strerror(errno));
	else
		pass(check);
}

/* Pass if GOT == WANT (both longs), printing both values otherwise. */
static inline void expect_eq(const char *check, long got, long want)
{
	if (got == want)
		pass(check);
	else
		fail(check, "got %ld, expected %ld", got, want);
}

/* Stop the whole test program: used when a setup step fails. */
static inline void die(const char *what)
{
	printf("FAIL %s/setup: %s: %s\n", TEST_NAME, what, strerror(errno));
	fflush(stdout);
	exit(1);
}

/*
 * Every test works in its own fresh directory /tmp/<test>.<pid>, so tests
 * can run in parallel and leave nothing behind. enter_test_dir() creates
 * it and makes it the current directory; leave_test_dir() removes it.
 */
static char test_dir[128];

static inline void enter_test_dir(void)
{
	snprintf(test_dir, sizeof(test_dir), "/tmp/%s.%d", TEST_NAME,
		 (int)getpid());
	if (mkdir(test_dir, 0755) != 0)
		die("mkdir test directory");
	if (chdir(test_dir) != 0)
		die("chdir test directory");
}

/*
 * Remove PATH and, if it is a directory, everything below it. It walks
 * by changing into each directory, so no path buffer can overflow.
 */
static inline void remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode) || chdir(path) != 0) {
		unlink(path);
		return;
	}
	d = opendir(".");
	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			remove_tree(e->d_name);
	}
	if (d)
		closedir(d);
	if (chdir("..") == 0)
		rmdir(path);
}

static inline void leave_test_dir(void)
{
	if (chdir("/") == 0)
		remove_tree(test_dir); /* test_dir is absolute: fine from "/" */
}

/*
 * Run FN in a child process and return the child's wait status, or -1 if
 * fork or waitpid failed. The child exits with FN's return value, so a
 * check that might crash (a segfault we expect, say) cannot take the
 * test program down with it.
 */
static inline int status_of_child(int (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn());
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* Print nothing more, and exit 0 only if every check passed. */
static inline int check_summary(void)
{
	return check_failed_count == 0 ? 0 : 1;
}

#endif /* TESTS_USER_CHECK_H */
