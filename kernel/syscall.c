/*
 * syscall.c: dispatching system calls. Each subsystem's file defines its
 * sys_* functions; this table connects numbers to them. A number with no
 * entry returns -ENOSYS and is logged once.
 */
#include "kernel/syscall.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/ptrace.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/sysproto.h"
#include "arch/x86_64/trap.h"

/* Every sys_* takes at most six integer or pointer arguments, which the
 * x86-64 calling convention passes in registers whatever their C types;
 * the detour through void (*)(void) says the cast is on purpose. */
#define ENTRY(name) [SYS_##name] = (syscall_fn)(void (*)(void))sys_##name

static const syscall_fn table[NR_SYSCALLS] = {
	ENTRY(read), ENTRY(write), ENTRY(open), ENTRY(close), ENTRY(stat), ENTRY(fstat),
	ENTRY(lstat), ENTRY(poll), ENTRY(lseek), ENTRY(mmap), ENTRY(mprotect), ENTRY(munmap), ENTRY(brk),
	ENTRY(ioctl), ENTRY(pread64), ENTRY(pwrite64), ENTRY(readv), ENTRY(writev), ENTRY(access), ENTRY(select), ENTRY(pselect6), ENTRY(ppoll),
	ENTRY(pipe), ENTRY(sched_yield), ENTRY(msync), ENTRY(madvise), ENTRY(dup), ENTRY(dup2), ENTRY(nanosleep),
	ENTRY(getpid), ENTRY(clone), ENTRY(fork), ENTRY(vfork), ENTRY(execve), ENTRY(exit),
	ENTRY(wait4), ENTRY(kill), ENTRY(uname), ENTRY(fcntl), ENTRY(ftruncate), ENTRY(getcwd),
	ENTRY(chdir), ENTRY(fchdir), ENTRY(rename), ENTRY(mkdir), ENTRY(rmdir), ENTRY(creat),
	ENTRY(unlink), ENTRY(link), ENTRY(symlink), ENTRY(readlink), ENTRY(chmod), ENTRY(umask),
	ENTRY(gettimeofday), ENTRY(getuid), ENTRY(getgid), ENTRY(geteuid), ENTRY(getegid),
	ENTRY(setpgid), ENTRY(getppid), ENTRY(getpgrp), ENTRY(setsid), ENTRY(getpgid), ENTRY(getsid),
	ENTRY(arch_prctl), ENTRY(reboot), ENTRY(gettid), ENTRY(time), ENTRY(sched_getaffinity),
	ENTRY(getdents64), ENTRY(set_tid_address), ENTRY(clock_gettime), ENTRY(clock_getres),
	ENTRY(clock_nanosleep), ENTRY(exit_group), ENTRY(openat), ENTRY(mkdirat), ENTRY(newfstatat),
	ENTRY(unlinkat), ENTRY(renameat), ENTRY(linkat), ENTRY(symlinkat), ENTRY(readlinkat), ENTRY(fchmodat),
	ENTRY(faccessat), ENTRY(dup3), ENTRY(sync), ENTRY(utimensat), ENTRY(futex), ENTRY(tkill),
	ENTRY(tgkill), ENTRY(sched_setaffinity), ENTRY(rt_sigaction), ENTRY(rt_sigprocmask),
	ENTRY(rt_sigreturn), ENTRY(pause), ENTRY(ptrace), ENTRY(getitimer), ENTRY(alarm), ENTRY(setitimer),
	ENTRY(rt_sigpending), ENTRY(rt_sigsuspend), ENTRY(sigaltstack), ENTRY(rt_sigtimedwait), ENTRY(pipe2), ENTRY(getcpu), ENTRY(getrandom),
	/* cred.c, resource.c */
	ENTRY(setuid), ENTRY(setgid), ENTRY(setreuid), ENTRY(setregid), ENTRY(setresuid),
	ENTRY(getresuid), ENTRY(setresgid), ENTRY(getresgid), ENTRY(getrlimit), ENTRY(setrlimit),
	ENTRY(prlimit64),
	ENTRY(seccomp), ENTRY(syslog),
};

/* seccomp(2): only strict mode, where any call but read, write, exit and
 * rt_sigreturn kills the thread with SIGKILL (filters are not offered). */
#define SECCOMP_SET_MODE_STRICT 0
#define SECCOMP_MODE_STRICT 1

long sys_seccomp(unsigned op, unsigned flags, void *args)
{
	if (op != SECCOMP_SET_MODE_STRICT || flags || args)
		return -EINVAL;
	current->seccomp_mode = SECCOMP_MODE_STRICT;
	return 0;
}

static bool seccomp_strict_allows(uint64_t nr)
{
	return nr == SYS_read || nr == SYS_write || nr == SYS_exit || nr == SYS_rt_sigreturn;
}

static uint64_t logged[(NR_SYSCALLS + 63) / 64 + 1];

void syscall_return_work(struct trap_frame *f, bool from_syscall)
{
	if (this_cpu()->need_resched)
		schedule_preempt();
	if (signal_pending(current)) /* acted on before user mode runs again */
		do_signal(f, from_syscall);
	if (current->ptrace_interrupt)
		ptrace_interrupt_stop(); /* PTRACE_INTERRUPT */
	stop_wait_if_stopped(); /* another thread stopped the process */
	if (current->killed)    /* SIGKILL while stopped */
		do_exit(current->killed);
}

void syscall_dispatch(struct trap_frame *f)
{
	arch_irq_enable();
	uint64_t nr = f->rax;
	f->error = nr; /* kept for restarting the call after a signal (signal.c) */
	if (current->tracer) {
		ptrace_syscall_enter(f); /* the tracer may change the call */
		nr = f->error;
	}
	if (current->seccomp_mode && !seccomp_strict_allows(nr))
		do_exit(SIGKILL); /* as Linux: the thread dies, killed by SIGKILL */
	long ret;
	if (current->tracer && nr == (uint64_t)-1) {
		ret = (long)f->rax; /* the tracer cancelled the call */
	} else if (nr < NR_SYSCALLS && table[nr]) {
		ret = table[nr]((long)f->rdi, (long)f->rsi, (long)f->rdx, (long)f->r10, (long)f->r8,
				(long)f->r9);
	} else {
		uint64_t slot = nr < NR_SYSCALLS ? nr : NR_SYSCALLS;
		if (!(__atomic_fetch_or(&logged[slot / 64], 1ull << (slot % 64), __ATOMIC_RELAXED) &
		      (1ull << (slot % 64))))
			printk(KERN_NOTICE "%s[%d]: unknown system call %lu (returning ENOSYS)\n",
			       current->comm, current->tid, (unsigned long)nr);
		ret = -ENOSYS;
	}
	f->rax = (uint64_t)ret;
	if (current->tracer)
		ptrace_syscall_exit(f);
	syscall_return_work(f, nr != SYS_rt_sigreturn);
}
