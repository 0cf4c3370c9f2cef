/*
 * resource.h: resource limits (getrlimit, setrlimit, prlimit64). Each
 * process has one soft and one hard limit per resource, Linux's RLIMIT_*
 * numbers and defaults; fork copies them, exec keeps them. The soft
 * limit is what the kernel enforces; a process may move it anywhere up
 * to the hard limit, and lower the hard limit, but only a privileged
 * process (effective uid 0) may raise a hard limit. Where each limit is
 * enforced is listed in resource.c; see docs/processes.md.
 */
#ifndef KERNEL_RESOURCE_H
#define KERNEL_RESOURCE_H

#include <stdint.h>

#define RLIMIT_CPU        0   /* CPU seconds: SIGXCPU at soft, SIGKILL at hard */
#define RLIMIT_FSIZE      1   /* largest file, bytes (stored and reported) */
#define RLIMIT_DATA       2   /* private writable memory and brk, bytes */
#define RLIMIT_STACK      3   /* main thread's stack, bytes */
#define RLIMIT_CORE       4   /* core file size (stored and reported) */
#define RLIMIT_RSS        5   /* (stored and reported) */
#define RLIMIT_NPROC      6   /* tasks per real user id */
#define RLIMIT_NOFILE     7   /* one more than the highest descriptor */
#define RLIMIT_MEMLOCK    8   /* (stored and reported) */
#define RLIMIT_AS         9   /* address space, bytes */
#define RLIMIT_LOCKS      10  /* (stored and reported) */
#define RLIMIT_SIGPENDING 11  /* (stored and reported) */
#define RLIMIT_MSGQUEUE   12  /* (stored and reported) */
#define RLIMIT_NICE       13  /* (stored and reported) */
#define RLIMIT_RTPRIO     14  /* (stored and reported) */
#define RLIMIT_RTTIME     15  /* (stored and reported) */
#define RLIM_NLIMITS      16

#define RLIM_INFINITY     (~0ull)

#define NR_OPEN           (1024 * 1024) /* fs.nr_open: the largest RLIMIT_NOFILE */
#define RLIMIT_STACK_DEFAULT (8ull << 20) /* 8 MiB, as Linux */
#define MLOCK_LIMIT       (8ull << 20)  /* RLIMIT_MEMLOCK default */
#define MQ_BYTES_MAX      819200        /* RLIMIT_MSGQUEUE default */

struct process;
struct task;

/* struct rlimit of the ABI (also prlimit64's struct rlimit64 on x86-64) */
struct rlimit {
	uint64_t rlim_cur;   /* soft limit */
	uint64_t rlim_max;   /* hard limit */
};

/* Fill LIM with the limits of a freshly booted system (init's). */
void rlimit_defaults(struct rlimit *lim);
/* The calling process's soft limit for RESOURCE (RLIM_INFINITY for a
 * kernel thread). Lock-free: a limit is one aligned 64-bit word. */
uint64_t rlimit(int resource);
/* Every timer tick, for the task that was running: RLIMIT_CPU. Runs in
 * the interrupt handler. */
void rlimit_cpu_tick(struct task *t);

#endif
