/*
 * timer.c: sleeping for a while, and the wall clock.
 *
 * Sleepers wait on one queue that the timer interrupt of CPU 0 wakes on
 * every tick; each re-checks its own deadline. Simple, and exact to one
 * tick (1/HZ s), which is what Linux gives a sleeper without high-
 * resolution timers too. (An assignment can replace this with a sorted
 * timer list.)
 *
 * The wall clock (CLOCK_REALTIME) is the CMOS real-time clock read once
 * at boot plus the monotonic clock since.
 */
#include "kernel/cpu.h"
#include "kernel/errno.h"
#include "kernel/loadavg.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/uapi.h"
#include "kernel/wait.h"
#include "arch/x86_64/arch.h"

static struct wait_queue sleepers = WAIT_QUEUE_INIT(sleepers, "sleepers");
static uint64_t boot_epoch_ns; /* realtime at monotonic 0; set once */

int timer_sleep_ns(uint64_t ns)
{
	uint64_t deadline = clock_monotonic_ns() + ns;
	return wait_event_killable(&sleepers, clock_monotonic_ns() >= deadline);
}

struct wait_queue *timer_wait_queue(void) { return &sleepers; }

long timespec_from_user(const void *uts, uint64_t *ns)
{
	struct linux_timespec ts;
	if (copy_from_user(&ts, uts, sizeof ts))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	*ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	return 0;
}

void itimer_tick(void); /* signal.c */

void timer_tick(void)
{
	if (this_cpu()->id != 0)
		return;
	arch_vdso_update(); /* the coarse clocks of the vDSO's data page */
	if (!list_empty(&sleepers.waiters))
		wake_up_all(&sleepers);
	itimer_tick(); /* alarm() and setitimer(ITIMER_REAL) */
	loadavg_tick(); /* every 5 s */
}

void clock_realtime_init(uint64_t rtc_epoch_seconds)
{
	boot_epoch_ns = rtc_epoch_seconds * 1000000000ull - clock_monotonic_ns();
	printk("time: wall clock from the RTC: %lu seconds since 1970\n", (unsigned long)rtc_epoch_seconds);
	arch_vdso_update();
}

uint64_t clock_realtime_ns(void) { return boot_epoch_ns + clock_monotonic_ns(); }

uint64_t clock_realtime_offset_ns(void) { return boot_epoch_ns; }
