/* bits/time.h: struct timespec and struct timeval, shared by time.h,
 * sys/time.h, sys/stat.h, sys/select.h and others. Layouts are the
 * kernel's (two 64-bit fields each). */
#ifndef _BITS_TIME_H
#define _BITS_TIME_H

#include <bits/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec; /* 0 .. 999999999 */
};

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec; /* 0 .. 999999 */
};

#endif
