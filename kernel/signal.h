/*
 * signal.h: signals, Linux's numbers and flags.
 *
 * A signal is sent to a thread (tgkill, a fault) or to a process (kill:
 * any of its threads that does not block it will do). It waits in a
 * pending set until the target returns to user mode; then do_signal
 * runs its action: ignore it, the default (end the process, perhaps
 * with the core flag), or a handler, for which a frame with the saved
 * registers is pushed on the user stack (arch_setup_signal_frame) and
 * rt_sigreturn later restores them. See docs/signals.md.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/spinlock.h"

#define NSIG 64
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000u

#define SIG_DFL 0
#define SIG_IGN 1

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* Returned by interrupted system calls: becomes EINTR, or the call is
 * restarted if the handler has SA_RESTART (or no handler runs). Never
 * seen by user space. */
#define ERESTARTSYS 512
#define ERESTARTNOHAND 514

static inline uint64_t sigbit(int sig) { return 1ull << (sig - 1); }
#define UNBLOCKABLE (sigbit(SIGKILL) | sigbit(SIGSTOP))

/* The kernel's struct sigaction (rt_sigaction(2), x86-64 layout). */
struct k_sigaction {
	uint64_t handler;       /* SIG_DFL, SIG_IGN or a function */
	uint64_t flags;         /* SA_* */
	uint64_t restorer;      /* returns through rt_sigreturn (libc's) */
	uint64_t mask;          /* also blocked while the handler runs */
};

/* Signal actions, shared by the threads of a process (CLONE_SIGHAND). */
struct sighand {
	struct spinlock lock;
	int refs;
	struct k_sigaction action[NSIG];
};

/* What the kernel keeps of a pending signal's siginfo. */
struct ksiginfo {
	int32_t code;   /* si_code */
	int32_t pid;    /* sender, or the child for SIGCHLD */
	int32_t status; /* SIGCHLD: exit code or signal */
	uint64_t addr;  /* faults: the address */
};

struct sigpending {
	uint64_t set;                   /* bit sig-1: pending */
	struct ksiginfo info[NSIG];     /* for each pending signal (no queueing) */
};

struct task;
struct process;
struct trap_frame;

struct sighand *sighand_new(void);
struct sighand *sighand_copy(struct sighand *src);
void sighand_put(struct sighand *sh);
/* exec: handled signals go back to their default; ignored stay ignored. */
void sighand_exec_reset(struct sighand *sh);

/* Send SIG to one thread / to a process. Caller holds tasklist_lock. */
void send_signal_thread(struct task *t, int sig, const struct ksiginfo *info);
void send_signal_process(struct process *p, int sig, const struct ksiginfo *info);
/* A fault in the current thread: delivered even if blocked or ignored. */
void force_signal(int sig, const struct ksiginfo *info);
/* Does T have a signal to act on (so its sleep should end)? */
bool signal_pending(struct task *t);
/* T should look at its signals soon: wake it, or interrupt its CPU. */
void signal_kick(struct task *t);
bool handler_is_default(struct process *p, int sig);
/* Job control's test (tty.c): does T block SIG, or its process ignore it? */
bool signal_ignored_or_blocked(struct task *t, int sig);
/* On the way to user mode: act on pending signals. RET is the system
 * call's result (or 0 after an interrupt), so an interrupted call can be
 * restarted or turned into EINTR. */
void do_signal(struct trap_frame *f, bool from_syscall);
/* The parent of exiting process P learns of it: SIGCHLD (or the exit
 * signal P chose), unless the parent ignores it. Returns true if the
 * parent wants no zombie (SIG_IGN or SA_NOCLDWAIT on SIGCHLD).
 * Caller holds tasklist_lock. */
bool notify_parent(struct process *p);
/* If P is stopped, park the calling thread until it is continued (or
 * killed). Called on the way to user mode. */
void stop_wait_if_stopped(void);
static inline bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

#endif
