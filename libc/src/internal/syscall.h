/* internal/syscall.h: how this libc enters the kernel.
 *
 * x86-64 Linux convention, which the project's kernel follows:
 *
 *     rax  system-call number (SYS_* from <sys/syscall.h>)
 *     rdi rsi rdx r10 r8 r9   arguments 1..6 (r10, not rcx: the
 *                             `syscall` instruction overwrites rcx)
 *     rax  result: >= 0 success, -4095..-1 is -errno
 *     rcx, r11 are clobbered (return rip and rflags live there)
 *
 * __syscallN() return the raw result; POSIX wrappers pass it through
 * __syscall_ret(), which turns -errno into errno and -1. Wrappers that
 * need the raw value (fork, the brk dance, getdents) use it directly. */
#ifndef _INTERNAL_SYSCALL_H
#define _INTERNAL_SYSCALL_H

#include <sys/syscall.h>

static inline long __syscall0(long n)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall1(long n, long a1)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall2(long n, long a1, long a2)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall3(long n, long a1, long a2, long a3)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory");
	return ret;
}

/* r10, r8 and r9 have no constraint letter: bind them as register
 * variables. */
static inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall5(long n, long a1, long a2, long a3, long a4,
			      long a5)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall6(long n, long a1, long a2, long a3, long a4,
			      long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Sets errno from a raw result in -4095..-1 and returns -1; returns any
 * other value unchanged. Defined in src/errno/errno.c. */
long __syscall_ret(long raw);

/* The casts every wrapper would otherwise repeat. */
#define __sc0(n) __syscall0(SYS_##n)
#define __sc1(n, a) __syscall1(SYS_##n, (long)(a))
#define __sc2(n, a, b) __syscall2(SYS_##n, (long)(a), (long)(b))
#define __sc3(n, a, b, c) __syscall3(SYS_##n, (long)(a), (long)(b), (long)(c))
#define __sc4(n, a, b, c, d) \
	__syscall4(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d))
#define __sc5(n, a, b, c, d, e) \
	__syscall5(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define __sc6(n, a, b, c, d, e, f)                                          \
	__syscall6(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), \
		   (long)(f))

#endif
