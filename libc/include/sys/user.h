/* sys/user.h: the x86-64 register set a tracer reads and writes with
 * PTRACE_GETREGS / PTRACE_SETREGS, in Linux's order (PTRACE_PEEKUSER
 * offsets into struct user start with these fields, 8 bytes each).
 *
 * At a system-call stop, orig_rax holds the call's number, rdi rsi rdx
 * r10 r8 r9 its arguments; at the exit stop rax holds the result. */
#ifndef _SYS_USER_H
#define _SYS_USER_H

struct user_regs_struct {
	unsigned long long r15;
	unsigned long long r14;
	unsigned long long r13;
	unsigned long long r12;
	unsigned long long rbp;
	unsigned long long rbx;
	unsigned long long r11;
	unsigned long long r10;
	unsigned long long r9;
	unsigned long long r8;
	unsigned long long rax;
	unsigned long long rcx;
	unsigned long long rdx;
	unsigned long long rsi;
	unsigned long long rdi;
	unsigned long long orig_rax;
	unsigned long long rip;
	unsigned long long cs;
	unsigned long long eflags;
	unsigned long long rsp;
	unsigned long long ss;
	unsigned long long fs_base;
	unsigned long long gs_base;
	unsigned long long ds;
	unsigned long long es;
	unsigned long long fs;
	unsigned long long gs;
};

#endif
