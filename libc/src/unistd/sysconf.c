/* sysconf.c: run-time values of system limits and options (sysconf,
 * pathconf, getpagesize). */
#include <errno.h>
#include <limits.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "internal/libc.h"

/* A soft resource limit, or FALLBACK when it cannot be read or is
 * unlimited. */
static long limit_of(int resource, long fallback)
{
	struct rlimit rl;

	if (getrlimit(resource, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return fallback;
	return (long)rl.rlim_cur;
}

/* Linux lets argv + envp use a quarter of the stack limit, at least
 * 128 KiB. */
static long arg_max(void)
{
	long quarter = limit_of(RLIMIT_STACK, 8 << 20) / 4;

	return quarter > 131072 ? quarter : 131072;
}

static long phys_pages(int available)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		return -1;
	unsigned long bytes = (available ? si.freeram : si.totalram) * si.mem_unit;
	return (long)(bytes / __page_size());
}

static long clock_ticks(void)
{
	unsigned long hz = getauxval(AT_CLKTCK);

	return hz ? (long)hz : 100;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_ARG_MAX: return arg_max();
	case _SC_CHILD_MAX: return limit_of(RLIMIT_NPROC, -1);
	case _SC_CLK_TCK: return clock_ticks();
	case _SC_NGROUPS_MAX: return NGROUPS_MAX;
	case _SC_OPEN_MAX: return limit_of(RLIMIT_NOFILE, -1);
	case _SC_STREAM_MAX: return limit_of(RLIMIT_NOFILE, -1);
	case _SC_TZNAME_MAX: return 6;
	case _SC_JOB_CONTROL: return 1;
	case _SC_SAVED_IDS: return 1;
	case _SC_VERSION: return _POSIX_VERSION;
	case _SC_PAGESIZE: return (long)__page_size();
	case _SC_RTSIG_MAX: return RTSIG_MAX;
	case _SC_SEM_NSEMS_MAX: return -1;
	case _SC_SEM_VALUE_MAX: return INT_MAX;
	case _SC_SIGQUEUE_MAX: return limit_of(RLIMIT_SIGPENDING, -1);
	case _SC_LINE_MAX: return LINE_MAX;
	case _SC_IOV_MAX: return IOV_MAX;
	case _SC_THREADS: return _POSIX_VERSION;
	case _SC_GETPW_R_SIZE_MAX: return -1;
	case _SC_LOGIN_NAME_MAX: return LOGIN_NAME_MAX;
	case _SC_TTY_NAME_MAX: return TTY_NAME_MAX;
	case _SC_THREAD_KEYS_MAX: return PTHREAD_KEYS_MAX;
	case _SC_THREAD_STACK_MIN: return PTHREAD_STACK_MIN;
	case _SC_THREAD_THREADS_MAX: return -1;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN: return get_nprocs();
	case _SC_PHYS_PAGES: return phys_pages(0);
	case _SC_AVPHYS_PAGES: return phys_pages(1);
	case _SC_MONOTONIC_CLOCK: return _POSIX_VERSION;
	case _SC_HOST_NAME_MAX: return HOST_NAME_MAX;
	case _SC_SYMLOOP_MAX: return SYMLOOP_MAX;
	}
	errno = EINVAL;
	return -1;
}

int getpagesize(void)
{
	return (int)__page_size();
}

long fpathconf(int fd, int name)
{
	(void)fd;
	switch (name) {
	case _PC_LINK_MAX: return 127;
	case _PC_MAX_CANON: return 255;
	case _PC_MAX_INPUT: return 255;
	case _PC_NAME_MAX: return NAME_MAX;
	case _PC_PATH_MAX: return PATH_MAX;
	case _PC_PIPE_BUF: return PIPE_BUF;
	}
	errno = EINVAL;
	return -1;
}

long pathconf(const char *path, int name)
{
	(void)path;
	return fpathconf(-1, name);
}
