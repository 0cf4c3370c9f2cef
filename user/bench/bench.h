/*
 * bench.h: what the benchmarks in user/bench share. Each benchmark
 * program measures a few things and prints one line per result:
 *
 *     BENCH <name> <value> <unit>
 *
 * the median of TRIALS timed runs, so one disturbed run does not move
 * it. The same programs are built for Linux and run there by
 * tools/bench.py (make bench), which puts both columns side by side.
 */
#ifndef USER_BENCH_H
#define USER_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#define TRIALS 5

static inline double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Run FN TRIALS times; each returns its own measurement. Print the median. */
static inline void bench(const char *name, const char *unit, double (*fn)(void))
{
	double v[TRIALS];

	for (int i = 0; i < TRIALS; i++)
		v[i] = fn();
	qsort(v, TRIALS, sizeof v[0], cmp_double);
	printf("BENCH %s %.3f %s\n", name, v[TRIALS / 2], unit);
	fflush(stdout);
}

/* Are we on the teaching kernel (some measurements exist only there)? */
static inline int on_teachos(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.release, "teachos") != NULL;
}

#endif
