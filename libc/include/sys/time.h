/* sys/time.h: wall-clock time in microseconds (gettimeofday) and the
 * interval timers (src/time/). */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <bits/time.h>
#include <bits/types.h>
#include <sys/select.h>

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

int gettimeofday(struct timeval *restrict tv, void *restrict tz);
int settimeofday(const struct timeval *tv, const struct timezone *tz);
int getitimer(int which, struct itimerval *value);
int setitimer(int which, const struct itimerval *restrict value,
	      struct itimerval *restrict old);
int utimes(const char *path, const struct timeval times[2]);

#define timerisset(t) ((t)->tv_sec || (t)->tv_usec)
#define timerclear(t) ((t)->tv_sec = (t)->tv_usec = 0)
#define timercmp(a, b, op)                                              \
	((a)->tv_sec == (b)->tv_sec ? (a)->tv_usec op (b)->tv_usec      \
				    : (a)->tv_sec op (b)->tv_sec)
#define timeradd(a, b, res)                                             \
	do {                                                            \
		(res)->tv_sec = (a)->tv_sec + (b)->tv_sec;              \
		(res)->tv_usec = (a)->tv_usec + (b)->tv_usec;           \
		if ((res)->tv_usec >= 1000000) {                        \
			(res)->tv_sec++;                                \
			(res)->tv_usec -= 1000000;                      \
		}                                                       \
	} while (0)
#define timersub(a, b, res)                                             \
	do {                                                            \
		(res)->tv_sec = (a)->tv_sec - (b)->tv_sec;              \
		(res)->tv_usec = (a)->tv_usec - (b)->tv_usec;           \
		if ((res)->tv_usec < 0) {                               \
			(res)->tv_sec--;                                \
			(res)->tv_usec += 1000000;                      \
		}                                                       \
	} while (0)

#endif
