/* internal/futex.h: the futex system call and the atomic operations
 * every lock in this library is built from.
 *
 * A futex ("fast user-space mutex") is just an int in memory. Threads
 * change it with atomic instructions and only call the kernel when they
 * must sleep or wake someone:
 *
 *     FUTEX_WAIT(addr, val)  sleep, but only if *addr still equals val
 *                            (the kernel checks and sleeps atomically,
 *                            so a wake-up between our check and the
 *                            sleep cannot be lost); EAGAIN if it differs
 *     FUTEX_WAKE(addr, n)    wake up to n threads sleeping on addr
 *
 * FUTEX_PRIVATE_FLAG tells the kernel the word is not shared with other
 * processes, so it may key its wait queue on (address space, address).
 * Objects that may live in shared memory between processes (pshared
 * mutexes, semaphores) use the plain operations.
 *
 * Every waiter here re-checks its condition after waking: the kernel
 * (like Linux) may wake a futex waiter spuriously, and a wake-up can be
 * meant for someone else. */
#ifndef _INTERNAL_FUTEX_H
#define _INTERNAL_FUTEX_H

#include <time.h>

#include "internal/syscall.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128

/* The flag word for a process-private or a shared object. */
#define FUTEX_PRIVATE FUTEX_PRIVATE_FLAG
#define FUTEX_SHARED 0

/* Sleeps while *ADDR == VAL, at most REL (relative; NULL: forever).
 * Returns 0 or -EAGAIN, -ETIMEDOUT, -EINTR. */
static inline long __futex_wait(volatile int *addr, int val,
				const struct timespec *rel, int priv)
{
	return __syscall4(SYS_futex, (long)addr, FUTEX_WAIT | priv, val, (long)rel);
}

/* Wakes up to N threads sleeping on ADDR. */
static inline long __futex_wake(volatile int *addr, int n, int priv)
{
	return __syscall3(SYS_futex, (long)addr, FUTEX_WAKE | priv, n);
}

/* Sleeps while *ADDR == VAL until the absolute time ABSTIME on clock
 * CLOCK (NULL: no limit). Returns 0 (woken, or the value differed),
 * ETIMEDOUT, EINTR or EINVAL (a malformed ABSTIME), as positive
 * numbers. Defined in src/thread/lock.c. */
int __futex_wait_until(volatile int *addr, int val, clockid_t clock,
		       const struct timespec *abstime, int priv);

/* --- atomics ----------------------------------------------------------
 * Thin names for the compiler's __atomic builtins (gcc and clang both
 * have them). All sequentially consistent: the simplest ordering to
 * reason about, and on x86-64 every locked instruction is a full
 * barrier anyway. */

/* If *P == EXPECTED, stores DESIRED. Returns the value *P had. */
static inline int __cas(volatile int *p, int expected, int desired)
{
	__atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return expected;
}

static inline int __swap(volatile int *p, int v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

static inline int __fetch_add(volatile int *p, int v)
{
	return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}

static inline int __load(volatile const int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static inline void __store(volatile int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* The "pause" instruction in a spin loop: tells the CPU we are spinning
 * (saves power, and lets the other hyper-thread run). */
static inline void __spin_pause(void)
{
	__asm__ volatile("pause" ::: "memory");
}

#endif
