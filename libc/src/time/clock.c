/* clock.c: reading clocks and sleeping (time, clock_gettime,
 * gettimeofday, clock, nanosleep, sleep, usleep). Calendar arithmetic
 * is in calendar.c. The clocks are read through the kernel's vDSO when
 * it has the function (vdso.c), without a system call. */
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "internal/syscall.h"
#include "internal/vdso.h"

int clock_gettime(clockid_t id, struct timespec *ts)
{
	if (__vdso.clock_gettime)
		return (int)__syscall_ret(__vdso.clock_gettime(id, ts));
	return (int)__syscall_ret(__sc2(clock_gettime, id, ts));
}

int clock_settime(clockid_t id, const struct timespec *ts)
{
	return (int)__syscall_ret(__sc2(clock_settime, id, ts));
}

int clock_getres(clockid_t id, struct timespec *res)
{
	return (int)__syscall_ret(__sc2(clock_getres, id, res));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (__vdso.time)
		return __vdso.time(t);
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return (time_t)-1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int timespec_get(struct timespec *ts, int base)
{
	if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) < 0)
		return 0;
	return base;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	if (__vdso.gettimeofday)
		return (int)__syscall_ret(__vdso.gettimeofday(tv, tz));
	return (int)__syscall_ret(__sc2(gettimeofday, tv, tz));
}

int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
	return (int)__syscall_ret(__sc2(settimeofday, tv, tz));
}

double difftime(time_t end, time_t start)
{
	return (double)end - (double)start;
}

/* Processor time used by this process, in CLOCKS_PER_SEC units. */
clock_t clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return (clock_t)-1;
	return ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / (1000000000 / CLOCKS_PER_SEC);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__syscall_ret(__sc2(nanosleep, req, rem));
}

/* POSIX: returns the error number itself rather than setting errno. */
int clock_nanosleep(clockid_t id, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	long r = __sc4(clock_nanosleep, id, flags, req, rem);

	return r < 0 ? (int)-r : 0;
}

/* Returns the whole seconds left when a signal cut the sleep short. */
unsigned sleep(unsigned seconds)
{
	struct timespec req = {seconds, 0}, rem;

	if (nanosleep(&req, &rem) < 0)
		return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec req = {usec / 1000000, (long)(usec % 1000000) * 1000};

	return nanosleep(&req, NULL);
}

int utimes(const char *path, const struct timeval times[2])
{
	return (int)__syscall_ret(__sc2(utimes, path, times));
}
