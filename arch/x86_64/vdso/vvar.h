/*
 * vvar.h: the layout of the vvar page, the one page of kernel data that
 * every process can read (never write) just below its vDSO. The kernel
 * writes it (arch/x86_64/vdso.c); the vDSO's functions (vclock.c) read
 * it. Both sides include this header, so it must stay plain C with
 * fixed-size types.
 *
 * Writers bump `seq` to an odd number, change the fields, then bump it
 * to even again. A reader takes `seq` (waiting while it is odd), reads
 * what it needs and starts over if `seq` changed in between:
 *
 *   do { s = seq (even); copy fields; } while (seq != s);
 */
#ifndef ARCH_X86_64_VDSO_VVAR_H
#define ARCH_X86_64_VDSO_VVAR_H

#include <stdint.h>

#define VCLOCK_NONE 0   /* no usable TSC: every call is the system call */
#define VCLOCK_TSC  1   /* the clocks below are read with RDTSC */

#define VGETCPU_NONE   0 /* getcpu makes the system call */
#define VGETCPU_RDTSCP 1 /* IA32_TSC_AUX holds (node << 12) | cpu, read by RDTSCP */
#define VGETCPU_RDPID  2 /* ... or by RDPID, which is cheaper */

struct vdso_data {
	uint32_t seq;             /* odd while the kernel is writing */
	uint32_t clock_mode;      /* VCLOCK_* */
	uint32_t getcpu_mode;     /* VGETCPU_*; set once at boot */
	uint32_t shift;           /* see mult */
	/* CLOCK_MONOTONIC in ns = mono_base_ns + ((tsc - tsc_base) * mult >> shift),
	 * with a 128-bit product, exactly as the kernel's clock_monotonic_ns() */
	uint64_t tsc_base;
	uint64_t mult;
	uint64_t mono_base_ns;
	/* CLOCK_REALTIME = CLOCK_MONOTONIC + realtime_offset_ns */
	uint64_t realtime_offset_ns;
	/* CLOCK_MONOTONIC at the last timer tick of CPU 0 (the _COARSE clocks) */
	uint64_t coarse_mono_ns;
	uint64_t coarse_resolution_ns; /* 1/HZ */
};

#endif
