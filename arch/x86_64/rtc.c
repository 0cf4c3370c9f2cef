/*
 * rtc.c: reading the CMOS real-time clock (MC146818) once at boot:
 * registers 0x00-0x09 through ports 0x70/0x71, BCD or binary per
 * status register B, 12- or 24-hour mode.
 */
#include <stdbool.h>
#include "arch/x86_64/cpu.h"
#include "kernel/time.h"

static uint8_t cmos(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static bool updating(void) { return cmos(0x0a) & 0x80; }

static uint8_t from_bcd(uint8_t v, bool bcd) { return bcd ? (uint8_t)((v >> 4) * 10 + (v & 15)) : v; }

/* Days from 1970-01-01 to Y-M-D (proleptic Gregorian). */
static uint64_t days_since_epoch(unsigned y, unsigned m, unsigned d)
{
	static const unsigned cum[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	uint64_t days = (uint64_t)(y - 1970) * 365;
	for (unsigned yy = 1972; yy < y; yy += 4) /* leap years before Y */
		days += (yy % 100 != 0 || yy % 400 == 0);
	days += cum[m - 1] + d - 1;
	if (m > 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		days++;
	return days;
}

void rtc_init(void)
{
	uint8_t s, mi, h, d, mo, y, s2;
	do { /* read twice until stable: the RTC may tick during a read */
		while (updating())
			;
		s = cmos(0), mi = cmos(2), h = cmos(4), d = cmos(7), mo = cmos(8), y = cmos(9);
		while (updating())
			;
		s2 = cmos(0);
	} while (s != s2);
	uint8_t b = cmos(0x0b);
	bool bcd = !(b & 4), pm = h & 0x80;
	h &= 0x7f;
	s = from_bcd(s, bcd), mi = from_bcd(mi, bcd), h = from_bcd(h, bcd);
	d = from_bcd(d, bcd), mo = from_bcd(mo, bcd), y = from_bcd(y, bcd);
	if (!(b & 2) && pm) /* 12-hour clock */
		h = (uint8_t)((h % 12) + 12);
	unsigned year = 2000u + y;
	if (mo < 1 || mo > 12 || d < 1 || d > 31) {
		clock_realtime_init(0);
		return;
	}
	clock_realtime_init(days_since_epoch(year, mo, d) * 86400 + h * 3600u + mi * 60u + s);
}
