/*
 * vclock.c: the vDSO's functions: clock_gettime, gettimeofday, time and
 * getcpu without entering the kernel. This file is not part of the
 * kernel: it is compiled position-independent into a tiny shared object
 * (vdso.lds), which the kernel maps into every process next to the vvar
 * page it keeps up to date (vvar.h, arch/x86_64/vdso.c). Whatever cannot
 * be answered from the vvar page becomes the real system call.
 *
 * Nothing here may need a relocation: the vvar page is reached
 * PC-relative (a hidden symbol the linker script places one page below
 * the image), and there are no global variables of our own.
 */
#include <stdint.h>
#include "arch/x86_64/vdso/vvar.h"

/* Linux's ABI: struct timespec, struct timeval, clock ids, numbers */
struct vdso_timespec { int64_t tv_sec; int64_t tv_nsec; };
struct vdso_timeval { int64_t tv_sec; int64_t tv_usec; };
struct vdso_timezone { int tz_minuteswest; int tz_dsttime; };

#define CLOCK_REALTIME         0
#define CLOCK_MONOTONIC        1
#define CLOCK_MONOTONIC_RAW    4
#define CLOCK_REALTIME_COARSE  5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME         7

#define NR_gettimeofday  96
#define NR_time          201
#define NR_clock_gettime 228
#define NR_getcpu        309

#define NSEC_PER_SEC 1000000000ull

extern const volatile struct vdso_data vvar_data __attribute__((visibility("hidden")));

static long sys2(long nr, long a, long b)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return ret;
}

static long sys3(long nr, long a, long b, long c)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return ret;
}

static inline void barrier(void) { __asm__ volatile("" ::: "memory"); }

/* Wait for an even sequence number (no update in progress). Loads are
 * not reordered with other loads on x86, so a compiler barrier is all
 * the fence a reader needs. */
static inline uint32_t read_begin(void)
{
	uint32_t s;
	while ((s = vvar_data.seq) & 1)
		__asm__ volatile("pause");
	barrier();
	return s;
}

static inline int read_retry(uint32_t s)
{
	barrier();
	return vvar_data.seq != s;
}

/* LFENCE keeps RDTSC from running ahead of earlier instructions, so a
 * reading taken after another one is never older than it. */
static inline uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

/* Nanoseconds on CLOCK (monotonic or realtime, fine or coarse); 0 if the
 * vvar page cannot answer. */
static int read_clock(int clock, uint64_t *ns)
{
	uint32_t s;
	uint64_t v;
	do {
		s = read_begin();
		if (vvar_data.clock_mode != VCLOCK_TSC)
			return 0;
		switch (clock) {
		case CLOCK_REALTIME_COARSE:
		case CLOCK_MONOTONIC_COARSE:
			v = vvar_data.coarse_mono_ns;
			break;
		default: {
			uint64_t delta = rdtsc_ordered() - vvar_data.tsc_base;
			v = vvar_data.mono_base_ns +
			    (uint64_t)(((unsigned __int128)delta * vvar_data.mult) >> vvar_data.shift);
		}
		}
		if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)
			v += vvar_data.realtime_offset_ns;
	} while (read_retry(s));
	*ns = v;
	return 1;
}

static int vclock_supported(int clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_REALTIME_COARSE ||
	       clock == CLOCK_MONOTONIC_COARSE || clock == CLOCK_MONOTONIC_RAW || clock == CLOCK_BOOTTIME;
}

int __vdso_clock_gettime(int clock, struct vdso_timespec *ts)
{
	uint64_t ns;
	if (!vclock_supported(clock) || !read_clock(clock, &ns))
		return (int)sys2(NR_clock_gettime, clock, (long)ts);
	ts->tv_sec = (int64_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (int64_t)(ns % NSEC_PER_SEC);
	return 0;
}

int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	uint64_t ns;
	if (!read_clock(CLOCK_REALTIME, &ns))
		return (int)sys2(NR_gettimeofday, (long)tv, (long)tz);
	if (tv) {
		tv->tv_sec = (int64_t)(ns / NSEC_PER_SEC);
		tv->tv_usec = (int64_t)(ns % NSEC_PER_SEC / 1000);
	}
	if (tz) { /* the kernel keeps no time zone: UTC */
		tz->tz_minuteswest = 0;
		tz->tz_dsttime = 0;
	}
	return 0;
}

long __vdso_time(long *t)
{
	uint64_t ns;
	if (!read_clock(CLOCK_REALTIME, &ns))
		return sys2(NR_time, (long)t, 0);
	long sec = (long)(ns / NSEC_PER_SEC);
	if (t)
		*t = sec;
	return sec;
}

long __vdso_getcpu(unsigned *cpu, unsigned *node, void *cache)
{
	uint64_t aux;
	uint32_t lo, hi;
	switch (vvar_data.getcpu_mode) {
	case VGETCPU_RDPID:
		__asm__ volatile("rdpid %0" : "=r"(aux));
		break;
	case VGETCPU_RDTSCP:
		__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
		aux = (uint32_t)aux;
		break;
	default:
		return sys3(NR_getcpu, (long)cpu, (long)node, (long)cache);
	}
	if (cpu)
		*cpu = (unsigned)(aux & 0xfff);
	if (node)
		*node = (unsigned)(aux >> 12);
	return 0;
}

/* The names without the prefix, as Linux's vDSO exports them too. */
int clock_gettime(int, struct vdso_timespec *) __attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct vdso_timeval *, struct vdso_timezone *) __attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
long getcpu(unsigned *, unsigned *, void *) __attribute__((weak, alias("__vdso_getcpu")));
