/*
 * futex.h: the kernel half of user-space locks. A futex is an aligned
 * 32-bit word in user memory; threads that find a lock taken sleep on
 * the word's address (FUTEX_WAIT, which first checks the word still has
 * the value they saw) and the unlocker wakes them (FUTEX_WAKE). Every
 * pthread mutex, condition variable, semaphore and join in libc is built
 * on this one system call. See docs/synchronization.md.
 */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include <stdint.h>

/* Wake up to N waiters on the current process's futex at UADDR. */
int futex_wake_address(int *uaddr, int n);

#endif
