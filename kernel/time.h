/*
 * time.h: the monotonic clock. Nanoseconds since boot, from the TSC
 * calibrated against the PIT at boot (0 until calibrated).
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>

uint64_t clock_monotonic_ns(void);
/* Busy-wait (for drivers that must pause briefly, e.g. AP start-up). */
void ndelay_busy(uint64_t ns);
static inline void mdelay(uint64_t ms) { ndelay_busy(ms * 1000000); }
static inline void udelay(uint64_t us) { ndelay_busy(us * 1000); }

/* timer.c */
uint64_t clock_realtime_ns(void);            /* since 1970 (CMOS RTC at boot) */
uint64_t clock_realtime_offset_ns(void);     /* CLOCK_REALTIME - CLOCK_MONOTONIC */
void clock_realtime_init(uint64_t rtc_epoch_seconds);
int timer_sleep_ns(uint64_t ns);             /* 0, or -EINTR if killed */
struct wait_queue *timer_wait_queue(void);   /* woken every tick (CPU 0) */
/* A struct timespec from user space as ns: -EFAULT, or -EINVAL if out of range. */
long timespec_from_user(const void *uts, uint64_t *ns);
void timer_tick(void);                       /* every timer interrupt */

#endif
