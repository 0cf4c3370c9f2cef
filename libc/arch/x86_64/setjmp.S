/* setjmp.S: setjmp/longjmp and their signal-mask variants.
 *
 * setjmp saves exactly what a called function must preserve in the
 * x86-64 calling convention (rbx, rbp, r12-r15), plus the caller's
 * stack pointer and return address; everything else the compiler
 * already assumes is lost across a call. longjmp puts them back and
 * "returns from setjmp" a second time, with VAL (1 if VAL is 0).
 *
 * jmp_buf layout (see <setjmp.h>): rbx rbp r12 r13 r14 r15 rsp rip */

	.text
	.globl setjmp, _setjmp, longjmp, _longjmp, sigsetjmp
	.type setjmp, @function
	.type _setjmp, @function
	.type longjmp, @function
	.type _longjmp, @function
	.type sigsetjmp, @function

setjmp:
_setjmp:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rdx	/* rsp as it will be after our ret */
	mov %rdx, 48(%rdi)
	mov (%rsp), %rdx	/* our return address */
	mov %rdx, 56(%rdi)
	xor %eax, %eax
	ret
	.size setjmp, . - setjmp

longjmp:
_longjmp:
	mov %esi, %eax
	test %eax, %eax		/* longjmp(env, 0) must still return 1 */
	jnz 1f
	inc %eax
1:	mov 0(%rdi), %rbx
	mov 8(%rdi), %rbp
	mov 16(%rdi), %r12
	mov 24(%rdi), %r13
	mov 32(%rdi), %r14
	mov 40(%rdi), %r15
	mov 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, . - longjmp

/* sigsetjmp(env, savemask): the registers exactly as setjmp, then a
 * tail call (jmp, not call: the caller's frame must stay the one that
 * was saved) to C code that records the signal mask and returns 0.
 * siglongjmp is plain C (src/signal/sigjmp.c). */
sigsetjmp:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rdx
	mov %rdx, 48(%rdi)
	mov (%rsp), %rdx
	mov %rdx, 56(%rdi)
	jmp __sigsetjmp_save
	.size sigsetjmp, . - sigsetjmp

	.section .note.GNU-stack, "", @progbits
