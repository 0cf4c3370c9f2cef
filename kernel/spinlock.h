/*
 * spinlock.h: busy-waiting locks for short critical sections.
 *
 * Holding a spinlock keeps interrupts off on this CPU (so an interrupt
 * handler cannot deadlock against the code it interrupted). Locks nest;
 * interrupts come back on when the last one is released.
 *
 * A ticket lock: each CPU that wants the lock takes the next number
 * (ticket_next) and waits until ticket_owner reaches it, so waiters get
 * the lock in the order they came and none can be passed over for ever
 * by others that keep taking and releasing it.
 * Debug checks (always on): taking a lock this CPU already holds panics,
 * releasing one held by another CPU panics, and spinning for more than
 * SPIN_WATCHDOG_NS panics naming the holder and where it took the lock.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct spinlock {
	atomic_uint locked;     /* 0 free, 1 held (for checks and debuggers) */
	int cpu;                /* holder's cpu id, -1 when free */
	const char *name;       /* for messages; immutable */
	uintptr_t pc;           /* holder's call site (return address) */
	atomic_uint ticket_next;  /* the number the next comer takes */
	atomic_uint ticket_owner; /* the number whose turn it is */
};

#define SPINLOCK_INIT(lockname) { 0, -1, (lockname), 0, 0, 0 }

void spin_init(struct spinlock *lock, const char *name);
void spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock);
bool spin_trylock(struct spinlock *lock);
bool spin_held_by_me(const struct spinlock *lock);

#endif
