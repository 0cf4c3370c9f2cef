/*
 * loadavg.h: the load averages of /proc/loadavg and uptime(1): the
 * number of runnable tasks, averaged over 1, 5 and 15 minutes.
 */
#ifndef KERNEL_LOADAVG_H
#define KERNEL_LOADAVG_H

#include <stdint.h>
#include "kernel/param.h"

#define FSHIFT  11                 /* load averages are fixed point, 11 bits of fraction */
#define FIXED_1 (1 << FSHIFT)      /* 1.0 */
#define LOAD_FREQ (5 * HZ + 1)     /* sampled every 5 s (and a tick, as Linux) */

/* exp(-5 s / 1 min), exp(-5 s / 5 min), exp(-5 s / 15 min) in fixed point */
#define EXP_1  1884
#define EXP_5  2014
#define EXP_15 2037

/* [0]: 1 minute, [1]: 5 minutes, [2]: 15 minutes; fixed point */
extern uint64_t avenrun[3];

/* One sample: LOAD * E + ACTIVE * (1 - E), rounded; all fixed point. */
uint64_t calc_load(uint64_t load, uint64_t e, uint64_t active);
/* Tasks running or waiting for a CPU right now. */
unsigned nr_running(void);
/* Every timer tick on CPU 0: sample every LOAD_FREQ ticks. */
void loadavg_tick(void);

#endif
