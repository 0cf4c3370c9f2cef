/* crash.c: the crash= option (see crash.h). Each kind is its own
 * function so the backtrace names it. */
#include <stdint.h>
#include "kernel/crash.h"
#include "kernel/cmdline.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/semaphore.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"

KERNEL_PARAM("crash", "fault on purpose after boot: panic, pagefault, stack-overflow, divide, "
		      "invalid-opcode, gpf, spinlock-recursion, spinlock-unowned, spinlock-watchdog, "
		      "sleep-in-spinlock");

static __attribute__((noinline)) void crash_panic(void) { panic("crash=panic requested"); }

static __attribute__((noinline)) void crash_pagefault(void)
{
	*(volatile uint64_t *)0xdead000 = 42;
}

#pragma GCC diagnostic ignored "-Winfinite-recursion" /* that is the point */
static __attribute__((noinline)) uint64_t crash_stack_overflow(uint64_t depth)
{
	volatile char pad[256];
	pad[0] = (char)depth;
	return crash_stack_overflow(depth + 1) + pad[0];
}

static __attribute__((noinline)) void crash_stack(void) { crash_stack_overflow(0); }

static __attribute__((noinline)) void crash_divide(void)
{
	/* in assembly: a C division by a known zero may be optimized away */
	uint32_t zero = 0, quotient;
	__asm__ volatile("divl %2" : "=a"(quotient) : "a"(1), "r"(zero), "d"(0));
	printk("%u\n", quotient);
}

static __attribute__((noinline)) void crash_invalid_opcode(void) { __asm__ volatile("ud2"); }

static __attribute__((noinline)) void crash_gpf(void)
{
	*(volatile uint64_t *)0x8000000000000000ull = 1; /* non-canonical */
}

static struct spinlock crash_lock = SPINLOCK_INIT("crash_lock");

static __attribute__((noinline)) void crash_spinlock_recursion(void)
{
	spin_lock(&crash_lock);
	spin_lock(&crash_lock);
}

static __attribute__((noinline)) void crash_spinlock_unowned(void) { spin_unlock(&crash_lock); }

static void hold_crash_lock(void *arg)
{
	spin_lock(&crash_lock);
	*(volatile int *)arg = 1; /* ... and never release it */
}

/* Another CPU holds the lock forever; the watchdog must name it. */
static __attribute__((noinline)) void crash_spinlock_watchdog(void)
{
	if (ncpus < 2) {
		printk(KERN_ERR "crash: spinlock-watchdog needs a second CPU\n");
		return;
	}
	volatile int taken = 0;
	smp_call_on(&cpus[1], hold_crash_lock, (void *)&taken);
	while (!taken)
		arch_cpu_relax();
	spin_lock(&crash_lock);
}

/* Sleeping with a spinlock held: schedule() must refuse. */
static __attribute__((noinline)) void crash_sleep_in_spinlock(void)
{
	static struct semaphore never;
	sema_init(&never, 0, "crash_never");
	spin_lock(&crash_lock);
	down(&never);
}

static const struct {
	const char *name;
	void (*fn)(void);
} kinds[] = {
	{ "panic", crash_panic },
	{ "pagefault", crash_pagefault },
	{ "stack-overflow", crash_stack },
	{ "divide", crash_divide },
	{ "invalid-opcode", crash_invalid_opcode },
	{ "gpf", crash_gpf },
	{ "spinlock-recursion", crash_spinlock_recursion },
	{ "spinlock-unowned", crash_spinlock_unowned },
	{ "spinlock-watchdog", crash_spinlock_watchdog },
	{ "sleep-in-spinlock", crash_sleep_in_spinlock },
};

void crash_if_asked(void)
{
	const char *kind = cmdline_get("crash");
	if (!kind)
		return;
	for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i].name) == 0) {
			printk("crash: %s, as the command line asked\n", kind);
			kinds[i].fn();
			printk(KERN_ERR "crash: %s did not crash\n", kind);
			return;
		}
	printk(KERN_WARNING "crash: unknown kind '%s'\n", kind);
}
