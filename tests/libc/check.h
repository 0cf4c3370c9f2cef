/* check.h: the small test framework shared by the tests in tests/libc.
 *
 * Every check prints one line, "PASS name" or "FAIL name: why", and a
 * test program exits 0 only if all its checks passed (return
 * finish() from main). Only ISO C and POSIX are used here, because
 * these programs are built twice, against this project's libc and
 * against the host's, and must pass with both. */
#ifndef CHECK_H
#define CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int check_failures;

/* Reports NAME as passed if OK, else as failed with a printf-style
 * reason. Output is flushed at once so that it survives a crash and
 * does not get duplicated by fork(). */
static inline void check(const char *name, int ok, const char *why, ...)
{
	if (ok) {
		printf("PASS %s\n", name);
	} else {
		va_list ap;
		check_failures++;
		printf("FAIL %s: ", name);
		va_start(ap, why);
		vprintf(why, ap);
		va_end(ap);
		printf("\n");
	}
	fflush(stdout);
}

#define CHECK(name, cond) check(name, (cond), "%s is false", #cond)

static inline void check_str(const char *name, const char *got, const char *want)
{
	if (!got)
		check(name, 0, "got NULL, want \"%s\"", want);
	else
		check(name, strcmp(got, want) == 0, "got \"%s\", want \"%s\"", got, want);
}

static inline void check_long(const char *name, long got, long want)
{
	check(name, got == want, "got %ld, want %ld", got, want);
}

static inline int finish(void)
{
	fflush(stdout);
	return check_failures ? 1 : 0;
}

/* A scratch path unique to this process: $TMPDIR (or /tmp)/NAME.PID */
static inline const char *scratch(char *buf, size_t size, const char *name)
{
	const char *dir = getenv("TMPDIR");

	snprintf(buf, size, "%s/%s.%ld", dir && *dir ? dir : "/tmp", name, (long)getpid());
	return buf;
}

#endif
