/* bits/pthread_types.h: the synchronisation objects of <pthread.h>, also
 * named by <sys/types.h> as POSIX asks. Their fields are private to
 * src/thread/ (the names start with __). Every object whose static
 * initializer is all zeros (PTHREAD_MUTEX_INITIALIZER,
 * PTHREAD_COND_INITIALIZER) is a ready-to-use default object, so zeros
 * must mean "default" in each of them. */
#ifndef _BITS_PTHREAD_TYPES_H
#define _BITS_PTHREAD_TYPES_H

#include <bits/types.h>

typedef struct {
	int __valid;	      /* set by pthread_attr_init, cleared by destroy */
	int __detach;	      /* PTHREAD_CREATE_JOINABLE or _DETACHED */
	size_t __stacksize;   /* 0: the default */
	size_t __guardsize;
	void *__stackaddr;    /* lowest address of a caller's stack, or NULL */
	int __scope;
	int __pad;
} pthread_attr_t;

/* __lock is a three-state futex word (src/internal/lock.h). */
typedef struct {
	volatile int __lock;
	int __type;	      /* PTHREAD_MUTEX_NORMAL ... ; __MUTEX_DESTROYED */
	volatile int __owner; /* tid of the holder (all types) */
	int __count;	      /* recursion depth of a recursive mutex */
	int __pshared;	      /* PTHREAD_PROCESS_SHARED: plain futex ops */
	int __pad[3];
} pthread_mutex_t;

typedef struct {
	int __type;
	int __pshared;
} pthread_mutexattr_t;

/* __seq counts signals and broadcasts: a waiter sleeps until it moves. */
typedef struct {
	volatile int __seq;
	int __clock;	      /* clock of timedwait: 0 is CLOCK_REALTIME */
	int __pshared;
	int __destroyed;
	int __pad[8];
} pthread_cond_t;

typedef struct {
	int __clock;
	int __pshared;
} pthread_condattr_t;

typedef struct {
	volatile int __lock;	 /* futex lock guarding the counts */
	unsigned __count;	 /* threads per round */
	volatile unsigned __arrived; /* threads waiting in this round */
	volatile int __round;	 /* futex word: changes when a round ends */
	int __pshared;
	int __pad[3];
} pthread_barrier_t;

typedef struct {
	int __pshared;
} pthread_barrierattr_t;

/* __state: number of readers, or -1 when a writer holds the lock. */
typedef struct {
	volatile int __lock;	     /* futex lock guarding the fields */
	volatile int __state;
	volatile int __waiters;	     /* threads sleeping on __seq */
	volatile int __seq;	     /* futex word: changes on every unlock */
	int __pshared;
	int __pad[3];
} pthread_rwlock_t;

typedef struct {
	int __pshared;
} pthread_rwlockattr_t;

#endif
