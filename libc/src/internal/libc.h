/* internal/libc.h: state shared between parts of this libc that user
 * programs do not see: start-up data, exit hooks, and the lock that
 * guards each piece of global state (malloc's heap, the environment,
 * the atexit table, the list of streams). */
#ifndef _INTERNAL_LIBC_H
#define _INTERNAL_LIBC_H

#include <stddef.h>

#include "internal/lock.h"

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

/* The lock around a piece of global state: a futex lock (lock.h),
 * private to the process. Not recursive, and not async-signal-safe:
 * a signal handler must not call malloc or stdio, as POSIX says. */
static inline void __libc_lock(int *lock) { __futex_lock(lock, FUTEX_PRIVATE); }
static inline void __libc_unlock(int *lock) { __futex_unlock(lock, FUTEX_PRIVATE); }

/* Thread start-up and the pieces of other files that threads need
 * (src/thread/). */
void __init_tls(void);		       /* tls.c: the main thread's TCB */
void __fork_prepare(void);	       /* atfork.c: around fork() */
void __fork_parent(void);
void __fork_child(void);
void __malloc_lock_all(void);	       /* malloc.c, for fork */
void __malloc_unlock_all(void);
void __stdio_lock_all(void);	       /* file.c, for fork */
void __stdio_unlock_all(void);
void __stdio_reset_locks(void);

#endif
