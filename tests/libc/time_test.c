/* time_test.c: clocks (clock_gettime, gettimeofday, time, clock),
 * sleeping, and calendar conversion and formatting in UTC. */
#include <errno.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

#include "check.h"

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void clocks(void)
{
	struct timespec a, b;
	int ok = 1;

	check_long("clock_gettime MONOTONIC", clock_gettime(CLOCK_MONOTONIC, &a), 0);
	for (int i = 0; i < 10000 && ok; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		ok = ns(&b) >= ns(&a) && b.tv_nsec >= 0 && b.tv_nsec < 1000000000;
		a = b;
	}
	check("CLOCK_MONOTONIC never goes backwards", ok, "went backwards");

	struct timespec rt;
	struct timeval tv;
	check_long("clock_gettime REALTIME", clock_gettime(CLOCK_REALTIME, &rt), 0);
	time_t t = time(NULL);
	check("time() agrees with CLOCK_REALTIME", t >= rt.tv_sec && t - rt.tv_sec < 5,
	      "time %ld realtime %ld", (long)t, (long)rt.tv_sec);
	check("time() after 2020", t > 1577836800, "t=%ld", (long)t);
	check_long("gettimeofday", gettimeofday(&tv, NULL), 0);
	check("gettimeofday agrees", tv.tv_sec >= rt.tv_sec && tv.tv_sec - rt.tv_sec < 5 &&
		  tv.tv_usec >= 0 && tv.tv_usec < 1000000, "tv_sec %ld", (long)tv.tv_sec);
	time_t t2;
	check("time(&t) stores too", time(&t2) == t2, "mismatch");

	struct timespec cpu;
	check_long("clock_gettime PROCESS_CPUTIME", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu), 0);
	check("clock()", clock() != (clock_t)-1, "clock failed");
	errno = 0;
	check("clock_gettime bad clock: EINVAL", clock_gettime(12345, &a) == -1 && errno == EINVAL,
	      "errno=%d", errno);
}

static void sleeping(void)
{
	struct timespec before, after, req = {0, 20 * 1000000};

	clock_gettime(CLOCK_MONOTONIC, &before);
	check_long("nanosleep 20 ms", nanosleep(&req, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &after);
	check("nanosleep does not return early", ns(&after) - ns(&before) >= 20 * 1000000LL,
	      "slept %lld ns", ns(&after) - ns(&before));

	clock_gettime(CLOCK_MONOTONIC, &before);
	struct timespec until = before;
	until.tv_nsec += 10 * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	check_long("clock_nanosleep TIMER_ABSTIME", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
								    &until, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &after);
	check("clock_nanosleep absolute reached", ns(&after) >= ns(&until), "too early");
	check_long("usleep", usleep(1000), 0);
	check_long("sleep(0)", sleep(0), 0);
	req.tv_nsec = 1000000000;
	errno = 0;
	check("nanosleep bad nsec: EINVAL", nanosleep(&req, NULL) == -1 && errno == EINVAL,
	      "errno=%d", errno);
}

static void calendar(void)
{
	struct tm tm;
	char buf[128];
	time_t t = 0;

	gmtime_r(&t, &tm);
	check("gmtime_r epoch", tm.tm_year == 70 && tm.tm_mon == 0 && tm.tm_mday == 1 &&
		  tm.tm_hour == 0 && tm.tm_wday == 4 && tm.tm_yday == 0, "wrong fields");
	t = 1700000000;
	gmtime_r(&t, &tm);
	check("gmtime_r 1700000000", tm.tm_year == 123 && tm.tm_mon == 10 && tm.tm_mday == 14 &&
		  tm.tm_hour == 22 && tm.tm_min == 13 && tm.tm_sec == 20 && tm.tm_wday == 2 &&
		  tm.tm_yday == 317, "%d-%d-%d %d:%d:%d wday %d yday %d", tm.tm_year, tm.tm_mon,
	      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_wday, tm.tm_yday);
	t = 951782400; /* a leap day */
	gmtime_r(&t, &tm);
	check("gmtime_r 2000-02-29", tm.tm_year == 100 && tm.tm_mon == 1 && tm.tm_mday == 29 &&
		  tm.tm_yday == 59, "%d-%d-%d", tm.tm_year, tm.tm_mon, tm.tm_mday);
	t = -86400;
	gmtime_r(&t, &tm);
	check("gmtime_r before the epoch", tm.tm_year == 69 && tm.tm_mon == 11 && tm.tm_mday == 31 &&
		  tm.tm_wday == 3, "%d-%d-%d", tm.tm_year, tm.tm_mon, tm.tm_mday);
	t = 4102444800; /* 2100-01-01: 2100 is not a leap year */
	gmtime_r(&t, &tm);
	check("gmtime_r 2100-01-01", tm.tm_year == 200 && tm.tm_mon == 0 && tm.tm_mday == 1,
	      "%d-%d-%d", tm.tm_year, tm.tm_mon, tm.tm_mday);

	/* local time is UTC when TZ says so */
	setenv("TZ", "UTC", 1);
	tzset();
	t = 1700000000;
	localtime_r(&t, &tm);
	check("localtime_r with TZ=UTC", tm.tm_hour == 22 && tm.tm_mday == 14, "hour %d", tm.tm_hour);
	check_long("mktime round trip", (long)mktime(&tm), 1700000000);
	tm.tm_mon = 13; /* February of the next year */
	tm.tm_mday = 30; /* which has no 30th: March 1st/2nd */
	time_t norm = mktime(&tm);
	check("mktime normalises", tm.tm_year == 124 && tm.tm_mon == 2 && tm.tm_mday == 1 &&
		  norm == 1709331200, "%d-%d-%d t=%ld", tm.tm_year, tm.tm_mon, tm.tm_mday, (long)norm);

	t = 1700000000;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
	check_str("strftime date and time", buf, "2023-11-14 22:13:20");
	strftime(buf, sizeof buf, "%a %A %b %B %d %e %j %y %C", &tm);
	check_str("strftime names", buf, "Tue Tuesday Nov November 14 14 318 23 20");
	strftime(buf, sizeof buf, "%I %p %M%%%n%u %w %U %W %V %G %D %F %T %R", &tm);
	check_str("strftime more", buf, "10 PM 13%\n2 2 46 46 46 2023 11/14/23 2023-11-14 22:13:20 22:13");
	t = 1609459200; /* 2021-01-01, a Friday in ISO week 53 of 2020 */
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%V %G %g %U %W", &tm);
	check_str("strftime ISO week across new year", buf, "53 2020 20 00 00");
	check_long("strftime too small returns 0", (long)strftime(buf, 5, "%Y-%m-%d", &tm), 0);
	check_str("asctime", asctime(&tm), "Fri Jan  1 00:00:00 2021\n");
	check_str("ctime (UTC)", ctime(&t), "Fri Jan  1 00:00:00 2021\n");
	check("difftime", difftime(10, 4) == 6.0, "wrong");
}

int main(void)
{
	clocks();
	sleeping();
	calendar();
	return finish();
}
