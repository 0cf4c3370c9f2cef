/* signal.h: signals with Linux's numbers and structures
 * (src/signal/). sigset_t is the kernel's 64-bit set (signal N is bit
 * N-1), wrapped in a struct so it cannot be confused with an integer. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <bits/time.h>
#include <bits/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT 6
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
#define SIGPOLL SIGIO
#define SIGPWR 30
#define SIGSYS 31
#define SIGUNUSED SIGSYS
/* 32 and 33 are kept free for a threads library, as on Linux */
#define SIGRTMIN 34
#define SIGRTMAX 64
#define NSIG 65
#define _NSIG NSIG

typedef struct {
	unsigned long __bits;
} sigset_t;

typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

#define SIG_ERR ((sighandler_t)-1)
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)

/* sigprocmask how */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK SA_NODEFER
#define SA_ONESHOT SA_RESETHAND

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* The kernel's 128-byte siginfo: three ints, then a union whose
 * member depends on the signal (its offsets are the kernel's). */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int __pad[28];
		struct { /* kill(), sigqueue(), SIGCHLD */
			pid_t __pid;
			uid_t __uid;
			union {
				union sigval __value; /* sigqueue */
				struct {
					int __status; /* SIGCHLD */
					long __utime, __stime;
				} __chld;
			} __u;
		} __proc;
		struct { /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			void *__addr;
		} __fault;
		struct { /* SIGPOLL */
			long __band;
			int __fd;
		} __poll;
		struct { /* POSIX timers */
			int __tid;
			int __overrun;
			union sigval __value;
		} __timer;
	} __fields;
} siginfo_t;

#define si_pid __fields.__proc.__pid
#define si_uid __fields.__proc.__uid
#define si_value __fields.__proc.__u.__value
#define si_int si_value.sival_int
#define si_ptr si_value.sival_ptr
#define si_status __fields.__proc.__u.__chld.__status
#define si_utime __fields.__proc.__u.__chld.__utime
#define si_stime __fields.__proc.__u.__chld.__stime
#define si_addr __fields.__fault.__addr
#define si_band __fields.__poll.__band
#define si_fd __fields.__poll.__fd
#define si_timerid __fields.__timer.__tid
#define si_overrun __fields.__timer.__overrun

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TIMER (-2)
#define SI_MESGQ (-3)
#define SI_ASYNCIO (-4)
#define SI_TKILL (-6)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define ILL_ILLOPC 1
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define TRAP_BRKPT 1
#define TRAP_TRACE 2

/* What user programs fill in; sigaction() converts it to the kernel's
 * own layout (handler, flags, restorer, mask). */
struct sigaction {
	union {
		void (*__handler)(int);
		void (*__action)(int, siginfo_t *, void *);
	} __u;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};
#define sa_handler __u.__handler
#define sa_sigaction __u.__action

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
int tgkill(pid_t tgid, pid_t tid, int sig); /* one thread of a process */
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict old);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigwait(const sigset_t *restrict set, int *restrict sig);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);
int siginterrupt(int sig, int flag);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

char *strsignal(int sig);
void psignal(int sig, const char *prefix);
void psiginfo(const siginfo_t *info, const char *prefix);

#endif
