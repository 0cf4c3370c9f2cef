/* sys/ptrace.h: process tracing (src/unistd/ptrace.c), Linux's request
 * numbers, options, events and stop layout.
 *
 * A tracer attaches (PTRACE_ATTACH, PTRACE_SEIZE, or the child asks with
 * PTRACE_TRACEME), then learns of its tracee's stops through wait4 and
 * restarts it with PTRACE_CONT / PTRACE_SYSCALL / PTRACE_SINGLESTEP. The
 * stop kinds, as wait4's status word shows them:
 *
 *     signal-delivery stop   WSTOPSIG(s) == the signal
 *     syscall stop           WSTOPSIG(s) == SIGTRAP | 0x80 (with
 *                            PTRACE_O_TRACESYSGOOD), once on entry and
 *                            once on exit
 *     event stop             s >> 8 == SIGTRAP | PTRACE_EVENT_x << 8
 *
 * As in glibc, ptrace(PTRACE_PEEK*, ...) returns the word read; -1 is
 * also a valid word, so clear errno first to tell it from an error. */
#ifndef _SYS_PTRACE_H
#define _SYS_PTRACE_H

#include <bits/types.h>

enum __ptrace_request {
	PTRACE_TRACEME = 0,
	PTRACE_PEEKTEXT = 1,
	PTRACE_PEEKDATA = 2,
	PTRACE_PEEKUSER = 3,
	PTRACE_POKETEXT = 4,
	PTRACE_POKEDATA = 5,
	PTRACE_POKEUSER = 6,
	PTRACE_CONT = 7,
	PTRACE_KILL = 8,
	PTRACE_SINGLESTEP = 9,
	PTRACE_GETREGS = 12,
	PTRACE_SETREGS = 13,
	PTRACE_GETFPREGS = 14,
	PTRACE_SETFPREGS = 15,
	PTRACE_ATTACH = 16,
	PTRACE_DETACH = 17,
	PTRACE_SYSCALL = 24,
	PTRACE_SETOPTIONS = 0x4200,
	PTRACE_GETEVENTMSG = 0x4201,
	PTRACE_GETSIGINFO = 0x4202,
	PTRACE_SETSIGINFO = 0x4203,
	PTRACE_SEIZE = 0x4206,
	PTRACE_INTERRUPT = 0x4207,
	PTRACE_LISTEN = 0x4208,
};
/* glibc also defines each request as a macro, so #ifdef works. */
#define PTRACE_TRACEME PTRACE_TRACEME
#define PTRACE_PEEKTEXT PTRACE_PEEKTEXT
#define PTRACE_PEEKDATA PTRACE_PEEKDATA
#define PTRACE_PEEKUSER PTRACE_PEEKUSER
#define PTRACE_POKETEXT PTRACE_POKETEXT
#define PTRACE_POKEDATA PTRACE_POKEDATA
#define PTRACE_POKEUSER PTRACE_POKEUSER
#define PTRACE_CONT PTRACE_CONT
#define PTRACE_KILL PTRACE_KILL
#define PTRACE_SINGLESTEP PTRACE_SINGLESTEP
#define PTRACE_GETREGS PTRACE_GETREGS
#define PTRACE_SETREGS PTRACE_SETREGS
#define PTRACE_GETFPREGS PTRACE_GETFPREGS
#define PTRACE_SETFPREGS PTRACE_SETFPREGS
#define PTRACE_ATTACH PTRACE_ATTACH
#define PTRACE_DETACH PTRACE_DETACH
#define PTRACE_SYSCALL PTRACE_SYSCALL
#define PTRACE_SETOPTIONS PTRACE_SETOPTIONS
#define PTRACE_GETEVENTMSG PTRACE_GETEVENTMSG
#define PTRACE_GETSIGINFO PTRACE_GETSIGINFO
#define PTRACE_SETSIGINFO PTRACE_SETSIGINFO
#define PTRACE_SEIZE PTRACE_SEIZE
#define PTRACE_INTERRUPT PTRACE_INTERRUPT
#define PTRACE_LISTEN PTRACE_LISTEN

/* PTRACE_SETOPTIONS bits */
#define PTRACE_O_TRACESYSGOOD 0x00000001
#define PTRACE_O_TRACEFORK 0x00000002
#define PTRACE_O_TRACEVFORK 0x00000004
#define PTRACE_O_TRACECLONE 0x00000008
#define PTRACE_O_TRACEEXEC 0x00000010
#define PTRACE_O_TRACEVFORKDONE 0x00000020
#define PTRACE_O_TRACEEXIT 0x00000040
#define PTRACE_O_TRACESECCOMP 0x00000080
#define PTRACE_O_EXITKILL 0x00100000
#define PTRACE_O_SUSPEND_SECCOMP 0x00200000
#define PTRACE_O_MASK 0x003000ff

/* Event stops: status >> 8 == SIGTRAP | (PTRACE_EVENT_x << 8) */
#define PTRACE_EVENT_FORK 1
#define PTRACE_EVENT_VFORK 2
#define PTRACE_EVENT_CLONE 3
#define PTRACE_EVENT_EXEC 4
#define PTRACE_EVENT_VFORK_DONE 5
#define PTRACE_EVENT_EXIT 6
#define PTRACE_EVENT_SECCOMP 7
#define PTRACE_EVENT_STOP 128

/* ptrace(request, pid, addr, data): the last two are optional. */
long ptrace(enum __ptrace_request request, ...);

#endif
