/* internal/libc.h: state shared between parts of this libc that user
 * programs do not see: start-up data, exit hooks, the lock stubs that
 * become real locks when threads arrive. */
#ifndef _INTERNAL_LIBC_H
#define _INTERNAL_LIBC_H

#include <stddef.h>

/* Set by __libc_start (src/crt/start.c) from the process start-up
 * stack before main runs. */
extern unsigned long *__auxv;	/* AT_* type/value pairs, AT_NULL ends */
extern char **__environ_initial; /* envp as the kernel passed it */
extern int __libc_argc;
extern char **__libc_argv;

/* Called by exit() after the atexit handlers: flushes every FILE. */
void __stdio_exit(void);

/* Page size from the auxiliary vector (AT_PAGESZ), 4096 if absent. */
size_t __page_size(void);

/* Single-threaded for now: the threads work turns these into a futex
 * lock. Every place that touches global mutable state calls them, so
 * that change is local. */
static inline void __libc_lock(int *lock) { (void)lock; }
static inline void __libc_unlock(int *lock) { (void)lock; }

#endif
