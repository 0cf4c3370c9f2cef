/*
 * ptrace.h: process tracing (ptrace.c), the mechanism under strace and
 * debuggers. A tracer (a process) traces threads (tasks). A traced
 * thread runs normally until something the tracer asked to see happens
 * -- a signal is about to be delivered, a system call starts or ends,
 * a fork or exec -- and then enters a *ptrace-stop*: it sleeps, and the
 * tracer's wait4 reports it as stopped (status 0x7f | sig << 8, with an
 * event number in bits 16-23). The tracer looks at and changes its
 * registers and memory, and resumes it with PTRACE_CONT, PTRACE_SYSCALL
 * (stop at the next system-call entry or exit) or PTRACE_SINGLESTEP
 * (stop after one instruction).
 *
 * All tracing state is guarded by tasklist_lock.
 */
#ifndef KERNEL_PTRACE_H
#define KERNEL_PTRACE_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/list.h"

/* requests (ptrace(2)) */
#define PTRACE_TRACEME 0
#define PTRACE_PEEKTEXT 1
#define PTRACE_PEEKDATA 2
#define PTRACE_PEEKUSER 3
#define PTRACE_POKETEXT 4
#define PTRACE_POKEDATA 5
#define PTRACE_POKEUSER 6
#define PTRACE_CONT 7
#define PTRACE_KILL 8
#define PTRACE_SINGLESTEP 9
#define PTRACE_GETREGS 12
#define PTRACE_SETREGS 13
#define PTRACE_ATTACH 16
#define PTRACE_DETACH 17
#define PTRACE_SYSCALL 24
#define PTRACE_SETOPTIONS 0x4200
#define PTRACE_GETEVENTMSG 0x4201
#define PTRACE_GETSIGINFO 0x4202
#define PTRACE_SEIZE 0x4206
#define PTRACE_INTERRUPT 0x4207

/* options */
#define PTRACE_O_TRACESYSGOOD 0x01
#define PTRACE_O_TRACEFORK 0x02
#define PTRACE_O_TRACEVFORK 0x04
#define PTRACE_O_TRACECLONE 0x08
#define PTRACE_O_TRACEEXEC 0x10
#define PTRACE_O_TRACEEXIT 0x40
#define PTRACE_O_EXITKILL 0x100000
#define PTRACE_O_MASK (0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x40 | 0x100000)

/* events (status >> 16) */
#define PTRACE_EVENT_FORK 1
#define PTRACE_EVENT_VFORK 2
#define PTRACE_EVENT_CLONE 3
#define PTRACE_EVENT_EXEC 4
#define PTRACE_EVENT_EXIT 6
#define PTRACE_EVENT_STOP 128

struct task;
struct process;
struct trap_frame;
struct ksiginfo;

/* A traced thread that ended, until its tracer's wait4 hears of it. */
struct ptrace_exit {
	int tid, pgid, status;
	struct list_head node;       /* in tracer->ptrace_exits */
};

/* Hooks called by the traced thread itself (current). */
void ptrace_syscall_enter(struct trap_frame *f);
void ptrace_syscall_exit(struct trap_frame *f);
/* A signal is about to be delivered: the tracer sees it first. Returns
 * the signal to deliver (0: none, the tracer suppressed it). */
int ptrace_signal(int sig, struct ksiginfo *info);
/* The default action of a stop signal, for a traced thread. */
void ptrace_group_stop(int sig);
/* clone made CHILD (a task of a new process or thread): attach it if the
 * options say so. Before the child runs. */
void ptrace_clone_attach(struct task *child, unsigned long clone_flags);
/* ...and after it runs: the parent's fork/vfork/clone event stop. */
void ptrace_clone_event(struct task *child, unsigned long clone_flags);
/* A new task's first step towards user mode (its initial stop). */
void ptrace_child_start(void);
/* exec succeeded (OLD_TID: the thread id before, Linux's event message). */
void ptrace_exec_event(int old_tid);
/* The thread is about to exit with STATUS (PTRACE_O_TRACEEXIT). */
void ptrace_exit_event(int status);
/* PTRACE_INTERRUPT or a seized child's first stop is due. */
void ptrace_interrupt_stop(void);

/* Caller holds tasklist_lock: */
/* T ends with STATUS: its tracer hears of it (unless wait4 on the
 * parent will report it anyway), and T leaves the tracer's list. */
void ptrace_task_gone(struct task *t, int status);
/* Tracer P exits: its tracees run free (or die: PTRACE_O_EXITKILL). */
void ptrace_tracer_gone(struct process *p);
/* wait4's share: a ptrace-stop or a traced thread's end that PID (wait4's
 * argument) matches. Returns the tid and sets *STATUS, or 0; *ANY is set
 * if a tracee matches at all. */
int ptrace_wait_report(struct process *tracer, int pid, int *status, bool *any);

#endif
