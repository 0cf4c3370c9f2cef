/* exit.c: ending a process. exit() runs what the program registered
 * (atexit handlers, newest first, then destructors), flushes every
 * stdio stream and asks the kernel to end all threads (exit_group).
 * _exit()/_Exit() skip the first two steps. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal/libc.h"
#include "internal/syscall.h"

/* POSIX asks for at least 32; a fixed table keeps exit() free of
 * malloc. */
#define ATEXIT_SLOTS 64

static void (*handlers[ATEXIT_SLOTS])(void);
static int nhandlers;
static int atexit_lock;

extern void (*__fini_array_start[])(void) __attribute__((weak, visibility("hidden")));
extern void (*__fini_array_end[])(void) __attribute__((weak, visibility("hidden")));

int atexit(void (*fn)(void))
{
	int ret = -1;

	__libc_lock(&atexit_lock);
	if (nhandlers < ATEXIT_SLOTS) {
		handlers[nhandlers++] = fn;
		ret = 0;
	}
	__libc_unlock(&atexit_lock);
	return ret;
}

/* A handler may itself call atexit(); taking one entry at a time from
 * the top runs such late registrations too. */
static void run_atexit_handlers(void)
{
	while (nhandlers > 0) {
		void (*fn)(void) = handlers[--nhandlers];
		fn();
	}
}

/* Destructors run in the reverse order of the constructors. */
static void run_destructors(void)
{
	size_t n = (size_t)(__fini_array_end - __fini_array_start);

	while (n-- > 0)
		__fini_array_start[n]();
}

/* Two threads calling exit at once must not both run the handlers: the
 * first one takes this lock and never gives it back; a second caller
 * waits here until the first one's exit_group ends it too. */
static int exit_lock;

_Noreturn void exit(int status)
{
	__libc_lock(&exit_lock);
	run_atexit_handlers();
	run_destructors();
	__stdio_exit();
	_exit(status);
}

_Noreturn void _exit(int status)
{
	for (;;) {
		__syscall1(SYS_exit_group, status);
		/* Not reached; SYS_exit covers a kernel without exit_group. */
		__syscall1(SYS_exit, status);
	}
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

/* Raise SIGABRT; if a handler returns or it is ignored, force the
 * default action; if even that does not end us, exit with 127. */
_Noreturn void abort(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(getpid(), SIGABRT);

	signal(SIGABRT, SIG_DFL);
	kill(getpid(), SIGABRT);
	_exit(127);
}

_Noreturn void __assert_fail(const char *expr, const char *file, int line,
			     const char *func)
{
	fprintf(stderr, "%s: %s:%d: %s: Assertion `%s' failed.\n",
		program_invocation_short_name, file, line, func, expr);
	abort();
}
