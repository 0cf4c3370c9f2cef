/*
 * crash.h: deliberate kernel faults, for seeing (and testing) what a
 * panic reports. Kernel option crash=KIND, KIND one of: panic,
 * pagefault, stack-overflow, divide, invalid-opcode, gpf,
 * spinlock-recursion, spinlock-unowned, spinlock-watchdog (needs 2 CPUs;
 * the report comes after SPIN_WATCHDOG_NS), sleep-in-spinlock.
 */
#ifndef KERNEL_CRASH_H
#define KERNEL_CRASH_H

void crash_if_asked(void);

#endif
