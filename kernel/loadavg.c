/*
 * loadavg.c: load averages. Every 5 seconds CPU 0 counts the tasks that
 * are running or queued to run on any CPU (n) and folds the count into
 * three exponentially-decaying averages:
 *
 *     load = load * e + n * (1 - e),   e = exp(-5 s / period)
 *
 * for periods of 1, 5 and 15 minutes, in fixed point with 11 bits of
 * fraction (FIXED_1 = 2048 is 1.0). After a minute of one busy task the
 * 1-minute average has moved 1 - 1/e = 63% of the way to 1.00.
 *
 * Linux also counts tasks in uninterruptible sleep (disk waits); here
 * only runnable tasks count.
 */
#include "kernel/cpu.h"
#include "kernel/loadavg.h"

uint64_t avenrun[3]; /* written by CPU 0's tick only; readers take a snapshot */

static uint64_t next_sample = LOAD_FREQ;

unsigned nr_running(void)
{
	unsigned n = 0;
	for (unsigned i = 0; i < ncpus; i++) {
		struct cpu *c = &cpus[i];
		if (!c->online)
			continue;
		n += c->rq.nr_queued;
		if (c->current_task && c->current_task != c->idle)
			n++;
	}
	return n;
}

uint64_t calc_load(uint64_t load, uint64_t e, uint64_t active)
{
	uint64_t v = load * e + active * (FIXED_1 - e);
	return (v + FIXED_1 / 2) >> FSHIFT;
}

void loadavg_tick(void)
{
	struct cpu *c = this_cpu();
	if (c->ticks < next_sample)
		return;
	next_sample = c->ticks + LOAD_FREQ;
	uint64_t active = (uint64_t)nr_running() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}
