/* setjmp.h: non-local jumps (libc/arch/x86_64/setjmp.S).
 *
 * jmp_buf holds what the callee must preserve in the x86-64 calling
 * convention, in this order:
 *     0 rbx   1 rbp   2 r12   3 r13   4 r14   5 r15   6 rsp   7 rip
 * sigjmp_buf adds whether the signal mask was saved, and the mask. */
#ifndef _SETJMP_H
#define _SETJMP_H

typedef unsigned long jmp_buf[8];

typedef struct {
	unsigned long __regs[8];
	unsigned long __mask_saved;
	unsigned long __mask;
} sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((__returns_twice__));
_Noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((__returns_twice__));
_Noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((__returns_twice__));
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
