/* err.c: BSD error reporting: "prog: message: strerror(errno)" on
 * stderr (err/warn), without the strerror part (errx/warnx); the err
 * forms then exit. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(const char *fmt, va_list ap, int with_errno)
{
	int saved = errno;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (fmt) {
		vfprintf(stderr, fmt, ap);
		if (with_errno)
			fputs(": ", stderr);
	}
	if (with_errno)
		fputs(strerror(saved), stderr);
	fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap) { report(fmt, ap, 1); }
void vwarnx(const char *fmt, va_list ap) { report(fmt, ap, 0); }

_Noreturn void verr(int status, const char *fmt, va_list ap)
{
	report(fmt, ap, 1);
	exit(status);
}

_Noreturn void verrx(int status, const char *fmt, va_list ap)
{
	report(fmt, ap, 0);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

_Noreturn void err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(status, fmt, ap);
}

_Noreturn void errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrx(status, fmt, ap);
}
