/*
 * loadavg_test.c: the load-average arithmetic. One busy task for a
 * minute (12 samples, 5 s apart) moves the 1-minute average 1 - 1/e of
 * the way from 0 to 1 (0.63), the 5-minute one 1 - e^(-1/5) (0.18) and
 * the 15-minute one 1 - e^(-1/15) (0.06); with the task gone the
 * averages fall back the same way.
 */
#include "kernel/loadavg.h"
#include "kernel/selftest.h"

/* LOAD in hundredths, rounded, as /proc/loadavg prints it */
static unsigned hundredths(uint64_t load) { return (unsigned)((load * 100 + FIXED_1 / 2) >> FSHIFT); }

KTEST(loadavg_one_busy_minute)
{
	uint64_t l1 = 0, l5 = 0, l15 = 0;
	for (int i = 0; i < 12; i++) {
		l1 = calc_load(l1, EXP_1, FIXED_1);
		l5 = calc_load(l5, EXP_5, FIXED_1);
		l15 = calc_load(l15, EXP_15, FIXED_1);
	}
	CHECK(hundredths(l1) >= 62 && hundredths(l1) <= 64, "1-minute load %u/100, expected 0.63", hundredths(l1));
	CHECK(hundredths(l5) >= 17 && hundredths(l5) <= 19, "5-minute load %u/100, expected 0.18", hundredths(l5));
	CHECK(hundredths(l15) >= 5 && hundredths(l15) <= 7, "15-minute load %u/100, expected 0.06", hundredths(l15));
	for (int i = 0; i < 12; i++)
		l1 = calc_load(l1, EXP_1, 0);
	CHECK(hundredths(l1) >= 22 && hundredths(l1) <= 24, "idle minute after: %u/100, expected 0.23",
	      hundredths(l1));
	return NULL;
}

KTEST(loadavg_steady_state)
{
	uint64_t l1 = 0;
	for (int i = 0; i < 200; i++) /* long enough: the average equals the load */
		l1 = calc_load(l1, EXP_1, 3 * FIXED_1);
	CHECK(hundredths(l1) >= 299 && hundredths(l1) <= 300, "3 busy tasks for long: %u/100", hundredths(l1));
	return NULL;
}
