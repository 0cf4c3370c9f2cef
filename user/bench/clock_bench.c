/*
 * clock_bench.c: reading the clock. clock_gettime through the C library
 * (which calls the vDSO: no mode switch) against the same call made as a
 * real system call, in nanoseconds per call.
 */
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define CALLS 20000

static double via_vdso(void)
{
	struct timespec ts;
	double t0 = now_ns();

	for (int i = 0; i < CALLS; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return (now_ns() - t0) / CALLS;
}

static double via_syscall(void)
{
	struct timespec ts;
	double t0 = now_ns();

	for (int i = 0; i < CALLS; i++)
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return (now_ns() - t0) / CALLS;
}

int main(void)
{
	bench("clock_gettime_vdso", "ns", via_vdso);
	bench("clock_gettime_syscall", "ns", via_syscall);
	return 0;
}
