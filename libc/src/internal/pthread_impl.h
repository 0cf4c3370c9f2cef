/* internal/pthread_impl.h: the thread control block (TCB), the one
 * structure every thread has, and how a thread finds its own.
 *
 * The x86-64 ABI reserves the FS segment base for the thread pointer:
 * each thread sets it once (arch_prctl(ARCH_SET_FS) for the main thread
 * in src/thread/tls.c, CLONE_SETTLS for the others in
 * src/thread/pthread_create.c) and the kernel switches it with the
 * thread. It points at the TCB, whose first word points at itself, so
 * `mov %fs:0, %rax` yields the TCB's address.
 *
 * The thread's `__thread` variables sit just below the TCB ("variant
 * II" of the ELF TLS layout, the one x86-64 uses), so the compiler
 * reaches each one at a fixed negative offset from the thread pointer,
 * `%fs:-offset`, known when the program is linked:
 *
 *   one thread's block (mmap'd by pthread_create, see there for the
 *   stack below it):
 *
 *      tp - tls_offset                tp = %fs base
 *      |                              |
 *      v                              v
 *      +--------------+---------+-----+--------------------------+
 *      | .tdata image | .tbss   | pad | struct pthread (the TCB)  |
 *      | (copied)     | (zeroed)|     | self | dtv | self | ...  |
 *      +--------------+---------+-----+--------------------------+
 *      <-------- tls_offset ---------> 0x00   0x08  0x10  0x28 = canary
 *
 * tls_offset is the TLS segment's size rounded up to its alignment:
 * exactly what the linker subtracted when it computed the offsets.
 *
 * The first fields have fixed offsets that compilers rely on: %fs:0 is
 * the thread pointer itself, and gcc's -fstack-protector reads its
 * canary from %fs:0x28. */
#ifndef _INTERNAL_PTHREAD_IMPL_H
#define _INTERNAL_PTHREAD_IMPL_H

#include <limits.h>
#include <pthread.h>
#include <stddef.h>

#include "internal/futex.h"

/* detach_state: who frees the thread's memory (see pthread_create.c) */
enum {
	DT_JOINABLE = 0, /* pthread_join will */
	DT_DETACHED = 1, /* the thread itself, on exit */
	DT_EXITING = 2,	 /* joinable and already on its way out */
};

struct pthread {
	/* --- ABI: fixed offsets (checked below) --- */
	struct pthread *self;	   /* 0x00: %fs:0 */
	void *dtv;		   /* 0x08: dynamic TLS vector: unused (static programs) */
	struct pthread *self2;	   /* 0x10: another self pointer, as glibc has */
	unsigned long reserved[2]; /* 0x18 */
	unsigned long stack_guard; /* 0x28: the -fstack-protector canary */
	unsigned long pointer_guard; /* 0x30 */

	/* --- ours --- */
	/* Written by the kernel: CLONE_PARENT_SETTID stores the new
	 * thread's id here before clone returns, and CLONE_CHILD_CLEARTID
	 * (set_tid_address for the main thread) makes the kernel store 0
	 * and FUTEX_WAKE it when the thread has exited. pthread_join sleeps
	 * on it. */
	volatile int tid;
	int errno_value; /* this thread's errno (__errno_location) */
	volatile int detach_state; /* DT_*; changed only with __cas */
	int is_main;

	void *(*start)(void *); /* what pthread_create was asked to run */
	void *arg;
	void *result; /* pthread_exit's argument, for pthread_join */

	void *map_base; /* the mmap holding guard, stack, TLS and TCB */
	size_t map_size; /* (NULL/0: main thread, or a caller's stack) */

	/* pthread_setspecific values; gen says which incarnation of the
	 * key they belong to (see pthread_key.c). */
	struct {
		void *value;
		unsigned gen;
	} specific[PTHREAD_KEYS_MAX];
	int specific_used; /* any value set: destructors may need to run */
};

_Static_assert(offsetof(struct pthread, self) == 0x00, "%fs:0 is the TCB");
_Static_assert(offsetof(struct pthread, stack_guard) == 0x28, "gcc reads %fs:0x28");

/* The calling thread's TCB. Not volatile: the thread pointer never
 * changes under a thread, so the compiler may reuse the value. */
static inline struct pthread *__pthread_self(void)
{
	struct pthread *self;

	__asm__("mov %%fs:0, %0" : "=r"(self));
	return self;
}

/* tls.c: the TLS segment of the program, and setting up a new block */
extern size_t __tls_offset; /* tp minus the start of the TLS block */
extern size_t __tls_align;  /* alignment the thread pointer needs */
size_t __tls_area_size(void); /* bytes for TLS block + TCB (+ align slack) */
/* Lays out TLS + TCB at the top of [MEM, MEM + SIZE) and returns the
 * new TCB (zeroed, self pointers set, TLS image copied). */
struct pthread *__tls_setup(void *mem, size_t size);

/* pthread_create.c */
extern volatile int __thread_count; /* live threads made by pthread_create, + 1 */

/* pthread_key.c: runs the destructors of the calling thread's values. */
void __pthread_key_run_destructors(void);

/* pthread_mutex.c, for pthread_cond.c: let go of a mutex the caller
 * holds (however deep its recursion) and take it back afterwards. */
int __mutex_release_for_wait(pthread_mutex_t *m, int *saved_count);
void __mutex_retake_after_wait(pthread_mutex_t *m, int saved_count);

/* arch/x86_64/unmapself.S: munmap(BASE, SIZE), then exit(0), without
 * touching the stack in between (the stack is inside BASE). */
_Noreturn void __unmap_and_exit(void *base, size_t size);

#endif
