/*
 * tsc.c: the monotonic clock, from the time-stamp counter.
 * lapic.c measures the TSC rate against the PIT at boot; until then the
 * clock reads 0. It counts from the kernel's first C instruction.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/time.h"

static uint64_t tsc_at_boot;  /* TSC at kernel entry; immutable */
static uint64_t ns_per_tsc_32; /* nanoseconds per TSC tick, << 32 */
uint64_t tsc_hz;               /* measured rate (cpuinfo.c); set once at boot */

void tsc_mark_boot(void) { tsc_at_boot = rdtsc(); }

void tsc_set_rate(uint64_t hz)
{
	if (!hz)
		hz = 1;
	tsc_hz = hz;
	ns_per_tsc_32 = (uint64_t)(((unsigned __int128)1000000000 << 32) / hz);
}

uint64_t clock_monotonic_ns(void)
{
	if (!ns_per_tsc_32)
		return 0;
	uint64_t delta = rdtsc() - tsc_at_boot;
	return (uint64_t)(((unsigned __int128)delta * ns_per_tsc_32) >> 32) + 1;
}

void ndelay_busy(uint64_t ns)
{
	uint64_t end = clock_monotonic_ns() + ns;
	while (clock_monotonic_ns() < end)
		__asm__ volatile("pause");
}

/* The clock's formula for the vDSO, which computes it in user space:
 * ns = 1 + ((tsc - *base) * *mult >> 32); *mult is 0 before calibration. */
void tsc_clock_params(uint64_t *base, uint64_t *mult)
{
	*base = tsc_at_boot;
	*mult = ns_per_tsc_32;
}
