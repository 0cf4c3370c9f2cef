/*
 * task.h: the kernel's unit of execution. One struct task per thread:
 * kernel threads have no address space (mm == NULL); user threads belong
 * to a process (struct process, process.h) and run in its mm.
 *
 *   kernel stack of a task (KSTACK_SIZE, guard page below):
 *
 *     kstack_top -> +----------------------+
 *                   | struct trap_frame    |  user registers, saved on
 *                   |  (user tasks only)   |  every entry from ring 3
 *                   +----------------------+
 *                   | ... kernel frames    |
 *     saved_rsp  -> | callee-saved regs    |  pushed by switch.S while
 *                   +----------------------+  the task is switched out
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/list.h"
#include "kernel/signal.h"

#define TASK_COMM_LEN 16

enum task_state {
	TASK_RUNNING = 0,         /* running or on a run queue */
	TASK_INTERRUPTIBLE = 1,   /* asleep; signals may wake it (later issue) */
	TASK_UNINTERRUPTIBLE = 2, /* asleep until its event */
	TASK_ZOMBIE = 16,         /* exited; waits for its parent to reap it */
	TASK_DEAD = 32,           /* exited kernel thread; freed after switching away */
};

struct process;
struct mm;
struct trap_frame;

struct task {
	uint64_t saved_rsp;       /* switch.S: kernel rsp while switched out */
	uint64_t kstack_top;      /* immutable */
	int tid;                  /* immutable; shares the PID number space */
	volatile int state;       /* enum task_state; written under the task's rq lock
	                           * or by the task itself before schedule() */
	int cpu;                  /* run queue it is on / CPU running it; changes under rq lock */
	bool on_rq;               /* queued or running; guarded by the rq lock */
	volatile bool on_cpu;     /* its registers are live on some CPU */
	struct list_head run_node;/* in the scheduling policy's queue */
	unsigned slice_left;      /* timer ticks left of its quantum (policy's) */
	uint64_t ticks_user, ticks_system; /* time accounting, in ticks */
	uint64_t nvcsw, nivcsw;   /* switches away: asleep / preempted or yielding;
	                           * written only by its own CPU in schedule() */
	volatile int killed;      /* set when the thread must die (a fatal
	                           * signal, exit_group, exec): acted on when
	                           * returning to user mode; sleeps end early */
	uint64_t blocked;         /* signal mask; only the thread itself changes it */
	uint64_t saved_blocked;   /* sigsuspend's mask to restore after a handler */
	bool restore_blocked;     /* saved_blocked is valid */
	struct sigpending *pending; /* thread-directed signals; guarded by tasklist_lock */
	uint64_t altstack_sp, altstack_size; /* sigaltstack; 0 size: none */
	int altstack_flags;
	int seccomp_mode;         /* SECCOMP_MODE_STRICT: only read, write, exit and
	                           * rt_sigreturn; inherited by fork/clone, kept by exec */
	struct process *release_process; /* freed with this task: an auto-reaped
	                                  * process's last (leader) task */
	char comm[TASK_COMM_LEN]; /* name for ps and messages */

	struct process *proc;     /* NULL for kernel threads; immutable */
	struct mm *mm;            /* address space; NULL for kernel threads */
	struct trap_frame *uregs; /* user registers (top of the kernel stack) */
	struct list_head thread_node; /* in proc->threads, under proc lock */

	uint64_t tls_base;        /* FS base (arch_prctl ARCH_SET_FS), per thread */
	uint64_t user_gs_base;    /* user GS base (ARCH_SET_GS), per thread */
	uint64_t cpus_allowed;    /* affinity: bit n = may run on CPU n */
	int migrate_to;           /* CPU to move to after switching away, or -1 */
	int *set_child_tid;       /* CLONE_CHILD_SETTID: tid stored here at start */
	int *clear_child_tid;     /* CLONE_CHILD_CLEARTID / set_tid_address:
	                           * zeroed and futex-woken at exit */
	/* ptrace (ptrace.c); guarded by tasklist_lock */
	struct process *tracer;   /* the tracing process, or 0 */
	struct list_head ptrace_node; /* in tracer->ptraced */
	unsigned ptrace_options;  /* PTRACE_O_* */
	bool ptrace_seized;       /* PTRACE_SEIZE (not ATTACH/TRACEME) */
	bool ptrace_start_stop;   /* auto-attached: stops before its first instruction */
	volatile bool ptrace_interrupt; /* PTRACE_INTERRUPT: stop soon */
	int ptrace_mode;          /* how the tracer resumed it: PTRACE_CONT, _SYSCALL, _SINGLESTEP */
	volatile int ptrace_status; /* in a ptrace-stop: the wait status; else 0 */
	bool ptrace_unreported;   /* that stop not yet returned by wait4 */
	int ptrace_resume_sig;    /* the signal the tracer resumed it with */
	uint64_t ptrace_msg;      /* PTRACE_GETEVENTMSG */
	int ptrace_sig;           /* the stop's signal and its info (PTRACE_GETSIGINFO) */
	struct ksiginfo ptrace_info;
	uint8_t fpu[512] __attribute__((aligned(16))); /* FXSAVE area */
};

/* A new kernel thread running FN(ARG), already runnable. NULL if out of memory. */
struct task *kthread_create(const char *name, void (*fn)(void *), void *arg);
/* Allocate a task with a kernel stack, not yet runnable (fork, kthreads). */
struct task *task_alloc(const char *name);
void task_free(struct task *t);
/* End the calling kernel thread. */
__attribute__((noreturn)) void kthread_exit(void);

#endif
