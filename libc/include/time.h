/* time.h: clocks, sleeping and calendar time (src/time/). There are no
 * time zones: localtime() is gmtime(), TZ is ignored. */
#ifndef _TIME_H
#define _TIME_H

#include <bits/time.h>
#include <bits/types.h>
#include <stddef.h>

#define CLOCKS_PER_SEC 1000000L

/* Linux clock ids */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7

#define TIMER_ABSTIME 1
#define TIME_UTC 1

struct tm {
	int tm_sec;   /* 0..60 */
	int tm_min;   /* 0..59 */
	int tm_hour;  /* 0..23 */
	int tm_mday;  /* 1..31 */
	int tm_mon;   /* 0..11 */
	int tm_year;  /* years since 1900 */
	int tm_wday;  /* 0..6, Sunday = 0 */
	int tm_yday;  /* 0..365 */
	int tm_isdst; /* always 0 here */
	long tm_gmtoff;
	const char *tm_zone;
};

struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

time_t time(time_t *t);
double difftime(time_t end, time_t start);
clock_t clock(void);
int clock_gettime(clockid_t id, struct timespec *ts);
int clock_settime(clockid_t id, const struct timespec *ts);
int clock_getres(clockid_t id, struct timespec *res);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_nanosleep(clockid_t id, int flags, const struct timespec *req,
		    struct timespec *rem);
int timespec_get(struct timespec *ts, int base);

struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm);
void tzset(void);

extern char *tzname[2];
extern long timezone;
extern int daylight;

#endif
