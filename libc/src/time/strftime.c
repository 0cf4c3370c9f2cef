/* strftime.c: formatting a broken-down time, "C" locale only. Each
 * conversion appends to a bounded output; if the result (with its NUL)
 * does not fit, strftime returns 0 as the standard says. */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const day_names[7] = {"Sunday", "Monday", "Tuesday", "Wednesday",
					 "Thursday", "Friday", "Saturday"};
static const char *const month_names[12] = {"January", "February", "March", "April",
					    "May", "June", "July", "August",
					    "September", "October", "November", "December"};

struct out {
	char *s;
	size_t max;
	size_t len;
	int overflow;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n >= o->max) {
		o->overflow = 1;
		return;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* VALUE right-aligned in WIDTH columns, padded with PAD ('0' or ' '). */
static void put_num(struct out *o, long value, int width, char pad)
{
	char buf[32];
	int n = pad == '0' ? snprintf(buf, sizeof buf, "%0*ld", width, value)
			   : snprintf(buf, sizeof buf, "%*ld", width, value);
	put(o, buf, (size_t)n);
}

/* Weekday (0 = Sunday) of 31 December of YEAR. */
static int dec31_weekday(long year)
{
	return (int)((year + year / 4 - year / 100 + year / 400) % 7);
}

/* A year has 53 ISO weeks when it ends on a Thursday, or when the year
 * before ended on a Wednesday (so this one started on a Thursday). */
static int weeks_in_year(long year)
{
	return 52 + (dec31_weekday(year) == 4 || dec31_weekday(year - 1) == 3);
}

/* ISO 8601 week numbering: weeks start on Monday and week 1 is the one
 * containing the year's first Thursday. Sets *ISO_YEAR, which differs
 * from the calendar year for a few days around New Year. */
static int iso_week(const struct tm *tm, long *iso_year)
{
	long year = 1900L + tm->tm_year;
	int monday_based = (tm->tm_wday + 6) % 7;
	int week = (tm->tm_yday - monday_based + 10) / 7;

	if (week < 1) {
		year--;
		week = weeks_in_year(year);
	} else if (week > weeks_in_year(year)) {
		year++;
		week = 1;
	}
	*iso_year = year;
	return week;
}

static size_t format(struct out *o, const char *fmt, const struct tm *tm);

static void convert(struct out *o, char c, const struct tm *tm)
{
	int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
	long year = 1900L + tm->tm_year, iso_year;
	int wday = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
	int mon = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;

	switch (c) {
	case 'a': put(o, day_names[wday], 3); break;
	case 'A': put_str(o, day_names[wday]); break;
	case 'b':
	case 'h': put(o, month_names[mon], 3); break;
	case 'B': put_str(o, month_names[mon]); break;
	case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
	case 'C': put_num(o, year / 100, 2, '0'); break;
	case 'd': put_num(o, tm->tm_mday, 2, '0'); break;
	case 'D': format(o, "%m/%d/%y", tm); break;
	case 'e': put_num(o, tm->tm_mday, 2, ' '); break;
	case 'F': format(o, "%Y-%m-%d", tm); break;
	case 'g': put_num(o, (iso_week(tm, &iso_year), iso_year % 100), 2, '0'); break;
	case 'G': put_num(o, (iso_week(tm, &iso_year), iso_year), 1, '0'); break;
	case 'H': put_num(o, tm->tm_hour, 2, '0'); break;
	case 'I': put_num(o, hour12, 2, '0'); break;
	case 'j': put_num(o, tm->tm_yday + 1, 3, '0'); break;
	case 'k': put_num(o, tm->tm_hour, 2, ' '); break;
	case 'l': put_num(o, hour12, 2, ' '); break;
	case 'm': put_num(o, tm->tm_mon + 1, 2, '0'); break;
	case 'M': put_num(o, tm->tm_min, 2, '0'); break;
	case 'n': put(o, "\n", 1); break;
	case 'p': put_str(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
	case 'P': put_str(o, tm->tm_hour < 12 ? "am" : "pm"); break;
	case 'r': format(o, "%I:%M:%S %p", tm); break;
	case 'R': format(o, "%H:%M", tm); break;
	case 's': {
		struct tm copy = *tm;
		put_num(o, (long)timegm(&copy), 1, '0');
		break;
	}
	case 'S': put_num(o, tm->tm_sec, 2, '0'); break;
	case 't': put(o, "\t", 1); break;
	case 'T': format(o, "%H:%M:%S", tm); break;
	case 'u': put_num(o, wday ? wday : 7, 1, '0'); break;
	case 'U': put_num(o, (tm->tm_yday + 7 - wday) / 7, 2, '0'); break;
	case 'V': put_num(o, iso_week(tm, &iso_year), 2, '0'); break;
	case 'w': put_num(o, wday, 1, '0'); break;
	case 'W': put_num(o, (tm->tm_yday + 7 - (wday + 6) % 7) / 7, 2, '0'); break;
	case 'x': format(o, "%m/%d/%y", tm); break;
	case 'X': format(o, "%H:%M:%S", tm); break;
	case 'y': put_num(o, (year % 100 + 100) % 100, 2, '0'); break;
	case 'Y': put_num(o, year, 1, '0'); break;
	case 'z': put_str(o, "+0000"); break;
	case 'Z': put_str(o, tm->tm_zone ? tm->tm_zone : "UTC"); break;
	case '%': put(o, "%", 1); break;
	default: /* unknown: copy it through so the mistake is visible */
		put(o, "%", 1);
		put(o, &c, 1);
	}
}

static size_t format(struct out *o, const char *fmt, const struct tm *tm)
{
	for (; *fmt && !o->overflow; fmt++) {
		if (*fmt != '%') {
			put(o, fmt, 1);
			continue;
		}
		fmt++;
		if (*fmt == 'E' || *fmt == 'O') /* locale modifiers: none here */
			fmt++;
		if (!*fmt)
			break;
		convert(o, *fmt, tm);
	}
	return o->len;
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm)
{
	struct out o = {s, max, 0, 0};

	if (max == 0)
		return 0;
	format(&o, fmt, tm);
	if (o.overflow) {
		s[0] = '\0';
		return 0;
	}
	s[o.len] = '\0';
	return o.len;
}
