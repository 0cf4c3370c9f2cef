/* calendar.c: seconds since the epoch <-> broken-down dates (gmtime,
 * timegm, mktime, asctime, ctime). There are no time zones: local time
 * is UTC.
 *
 * The date arithmetic counts in 400-year eras of the proleptic
 * Gregorian calendar, each exactly 146097 days, with years that start
 * on 1 March: then the leap day is the last day of a year and month
 * lengths follow a simple pattern (153 days every 5 months). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <time.h>

#define SECS_PER_DAY 86400L
#define DAYS_PER_ERA 146097L
/* days from 0000-03-01 to 1970-01-01 */
#define EPOCH_OFFSET 719468L

char *tzname[2] = {"UTC", "UTC"};
long timezone;
int daylight;

void tzset(void)
{
}

/* Floor division: rounds towards minus infinity, also for negatives. */
static long floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Day number (days since 1970-01-01) of YEAR-MONTH-DAY, MONTH 1..12. */
static long days_from_date(long year, int month, int day)
{
	if (month <= 2)
		year--; /* January and February belong to the previous March-year */
	long era = floor_div(year, 400);
	long year_of_era = year - era * 400;			  /* 0..399 */
	int march_month = month > 2 ? month - 3 : month + 9;	  /* 0..11 */
	long day_of_year = (153 * march_month + 2) / 5 + day - 1; /* 0..365 */
	long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
			  day_of_year;
	return era * DAYS_PER_ERA + day_of_era - EPOCH_OFFSET;
}

/* The inverse of days_from_date. */
static void date_from_days(long days, long *year, int *month, int *day)
{
	long z = days + EPOCH_OFFSET;
	long era = floor_div(z, DAYS_PER_ERA);
	long day_of_era = z - era * DAYS_PER_ERA; /* 0..146096 */
	/* Remove the leap days before this one to count 365-day years. */
	long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
			    day_of_era / 146096) / 365;
	long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 -
					 year_of_era / 100);
	int march_month = (int)((5 * day_of_year + 2) / 153);

	*day = (int)(day_of_year - (153 * march_month + 2) / 5 + 1);
	*month = march_month < 10 ? march_month + 3 : march_month - 9;
	*year = year_of_era + era * 400 + (*month <= 2);
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long days = floor_div(*t, SECS_PER_DAY);
	long secs = *t - days * SECS_PER_DAY;
	long year;
	int month, day;

	date_from_days(days, &year, &month, &day);
	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(year - 1900);
	tm->tm_mon = month - 1;
	tm->tm_mday = day;
	tm->tm_yday = (int)(days - days_from_date(year, 1, 1));
	tm->tm_wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "GMT";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	if (!gmtime_r(t, tm))
		return NULL;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *localtime(const time_t *t)
{
	static struct tm tm;

	return localtime_r(t, &tm);
}

/* Seconds since the epoch of TM, whose fields may be out of range
 * (tm_mon = 14, tm_mday = 0 ...): they carry over like a car's odometer.
 * TM is then rewritten normalised, with tm_wday and tm_yday. */
time_t timegm(struct tm *tm)
{
	long year = (long)tm->tm_year + 1900 + floor_div(tm->tm_mon, 12);
	int month = (int)(tm->tm_mon - floor_div(tm->tm_mon, 12) * 12); /* 0..11 */
	long days = days_from_date(year, month + 1, 1) + tm->tm_mday - 1;
	time_t t = days * SECS_PER_DAY + tm->tm_hour * 3600L + tm->tm_min * 60L +
		   tm->tm_sec;

	if (!gmtime_r(&t, tm))
		return (time_t)-1;
	return t;
}

time_t mktime(struct tm *tm)
{
	time_t t = timegm(tm);

	if (t != (time_t)-1)
		tm->tm_zone = "UTC";
	return t;
}

static const char day_abbr[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char month_abbr[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "Thu Jan  1 00:00:00 1970\n" into BUF (26 bytes). */
char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	const char *wd = tm->tm_wday >= 0 && tm->tm_wday < 7 ? day_abbr[tm->tm_wday] : "???";
	const char *mo = tm->tm_mon >= 0 && tm->tm_mon < 12 ? month_abbr[tm->tm_mon] : "???";

	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", wd, mo, tm->tm_mday,
		 tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[26];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	static char buf[26];

	return ctime_r(t, buf);
}
