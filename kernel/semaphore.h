/*
 * semaphore.h: the kernel's sleeping locks.
 *
 * A counting semaphore: down() takes one unit, sleeping while there is
 * none; up() gives one back and wakes a sleeper. A mutex is a semaphore
 * of one unit that remembers its owner, so unlocking someone else's
 * mutex, or locking one you hold, is caught at once.
 *
 * Use these (not spinlocks) when the wait may be long or the holder may
 * sleep; they must not be taken with a spinlock held or in an interrupt
 * handler. See docs/synchronization.md for which lock to use when.
 */
#ifndef KERNEL_SEMAPHORE_H
#define KERNEL_SEMAPHORE_H

#include <stdint.h>
#include "kernel/spinlock.h"
#include "kernel/wait.h"

struct semaphore {
	struct spinlock lock;    /* guards count */
	int count;               /* units available */
	struct wait_queue wait;  /* tasks in down() */
};

void sema_init(struct semaphore *s, int count, const char *name);
void down(struct semaphore *s);
/* 0 if a unit was taken, -ETIMEDOUT if none came within NS nanoseconds. */
int down_timeout(struct semaphore *s, uint64_t ns);
int down_trylock(struct semaphore *s); /* 0 if taken, -EAGAIN if not */
void up(struct semaphore *s);

struct mutex {
	struct semaphore sem;
	struct task *owner;      /* holder, for the checks; NULL when free */
	const char *name;
};

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);

#endif
