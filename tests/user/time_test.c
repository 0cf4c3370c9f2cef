/*
 * time_test.c: clocks, sleeping, yielding and uname. No upper bounds on
 * how long anything takes: a loaded machine (or QEMU under TCG) may be
 * slow at any moment, so the checks are "never backwards" and "at least
 * roughly as long as asked".
 */
#define TEST_NAME "time"
#include "check.h"

#include <sched.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>

static long long ns_of(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static void test_monotonic(void)
{
	struct timespec prev, now;
	int i, backwards = 0, bad_nsec = 0;

	expect_ok("clock_gettime_monotonic",
		  clock_gettime(CLOCK_MONOTONIC, &prev));
	for (i = 0; i < 10000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ns_of(&now) < ns_of(&prev))
			backwards++;
		if (now.tv_nsec < 0 || now.tv_nsec >= 1000000000L)
			bad_nsec++;
		prev = now;
	}
	expect_eq("monotonic_never_goes_back", backwards, 0);
	expect_eq("monotonic_nsec_in_range", bad_nsec, 0);
	expect_errno("clock_gettime_bad_clock_einval",
		     clock_gettime((clockid_t)12345, &now), EINVAL);
}

static void test_realtime(void)
{
	struct timespec ts;
	struct timeval tv;
	const time_t jan_2020 = 1577836800;

	expect_ok("clock_gettime_realtime", clock_gettime(CLOCK_REALTIME, &ts));
	expect("realtime_after_2020", ts.tv_sec > jan_2020, "before 2020");
	expect_ok("gettimeofday", gettimeofday(&tv, NULL));
	expect("gettimeofday_after_2020", tv.tv_sec > jan_2020, "before 2020");
	expect("gettimeofday_usec_in_range",
	       tv.tv_usec >= 0 && tv.tv_usec < 1000000, "bad tv_usec");
	expect("time_after_2020", time(NULL) > jan_2020, "before 2020");
}

static void test_nanosleep(void)
{
	struct timespec req = { 0, 50 * 1000000L }, t0, t1;
	struct timespec bad = { 0, 1000000000L }, neg = { -1, 0 };
	long long slept_ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_ok("nanosleep_50ms", nanosleep(&req, NULL));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	slept_ms = (ns_of(&t1) - ns_of(&t0)) / 1000000;
	/* "Roughly": allow for a clock that ticks every 10 ms. */
	if (slept_ms >= 40)
		pass("nanosleep_slept_at_least_about_50ms");
	else
		fail("nanosleep_slept_at_least_about_50ms", "slept %lld ms",
		     slept_ms);
	expect_errno("nanosleep_nsec_1e9_einval", nanosleep(&bad, NULL),
		     EINVAL);
	expect_errno("nanosleep_negative_einval", nanosleep(&neg, NULL),
		     EINVAL);
}

static void test_yield(void)
{
	int i, bad = 0;

	for (i = 0; i < 100; i++)
		bad += sched_yield() != 0;
	expect_eq("sched_yield_returns_0", bad, 0);
}

static void test_uname(void)
{
	struct utsname u;

	expect_ok("uname", uname(&u));
	expect("uname_sysname", u.sysname[0] != '\0', "empty");
	expect("uname_nodename", u.nodename[0] != '\0', "empty");
	expect("uname_release", u.release[0] != '\0', "empty");
	expect("uname_version", u.version[0] != '\0', "empty");
	expect("uname_machine_x86_64", strcmp(u.machine, "x86_64") == 0,
	       u.machine);
}

int main(void)
{
	test_monotonic();
	test_realtime();
	test_nanosleep();
	test_yield();
	test_uname();
	return check_summary();
}
