/* microtask.S: __omp_call_microtask(fn, gtid, btid, argc, args), for
 * clang's OpenMP interface (kmpc.c).
 *
 * clang outlines a parallel region into a function taking two thread-id
 * pointers and then one pointer per shared variable, however many there
 * are: fn(gtid, btid, args[0], args[1], ... args[argc-1]). C cannot
 * make a call with a number of arguments known only at run time, so
 * we build it here by hand, following the x86-64 calling convention:
 *
 *     rdi gtid, rsi btid, rdx args[0], rcx args[1], r8 args[2],
 *     r9 args[3], and args[4..] on the stack, args[4] lowest,
 *     with rsp 16-byte aligned at the call.
 *
 * In:  rdi fn, rsi gtid, rdx btid, ecx argc, r8 args. */

	.text
	.globl __omp_call_microtask
	.type __omp_call_microtask, @function
__omp_call_microtask:
	push %rbp
	mov %rsp, %rbp		/* rsp is now 16-aligned */
	push %r12
	push %r13		/* aligned again */
	mov %rdi, %r12		/* fn */
	mov %r8, %r13		/* args */
	movslq %ecx, %rcx	/* argc */

	/* stack arguments: argc - 4 of them, pushed last first */
	mov %rcx, %rax
	sub $4, %rax
	jle 2f
	test $1, %rax		/* an odd count would misalign the call */
	jz 1f
	sub $8, %rsp
1:	pushq -8(%r13,%rcx,8)	/* args[argc - 1], then downwards */
	dec %rcx
	cmp $4, %rcx
	jg 1b

2:	mov %rsi, %rdi		/* gtid */
	mov %rdx, %rsi		/* btid */
	mov 0(%r13), %rdx	/* the first four shared-variable pointers; */
	mov 8(%r13), %rcx	/* reading past a shorter args[] is harmless: */
	mov 16(%r13), %r8	/* kmpc.c always passes at least 4 slots */
	mov 24(%r13), %r9
	xor %eax, %eax		/* no vector registers used (varargs rule) */
	call *%r12

	lea -16(%rbp), %rsp
	pop %r13
	pop %r12
	pop %rbp
	ret
	.size __omp_call_microtask, . - __omp_call_microtask

	.section .note.GNU-stack, "", @progbits
