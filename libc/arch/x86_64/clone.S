/* clone.S: clone(fn, stack, flags, arg, ptid, tls, ctid), the libc
 * interface to the clone system call, for creating threads.
 *
 * The child starts with rsp = STACK and nothing else on it, so
 * before the system call we place fn and arg on the new stack where
 * the child can pop them. The child then calls fn(arg) and passes its
 * return value to the exit system call (ending just that thread).
 *
 * Arguments: rdi fn, rsi stack, edx flags, rcx arg, r8 ptid, r9 tls,
 * 8(%rsp) ctid. System call: rdi flags, rsi stack, rdx ptid,
 * r10 ctid, r8 tls. */

#define SYS_clone 56
#define SYS_exit 60
#define EINVAL 22

	.text
	.globl clone
	.type clone, @function
clone:
	test %rdi, %rdi		/* no function or no stack: EINVAL */
	jz 2f
	test %rsi, %rsi
	jz 2f
	and $-16, %rsi		/* child's stack ABI-aligned */
	sub $16, %rsi
	mov %rcx, 8(%rsi)	/* arg */
	mov %rdi, 0(%rsi)	/* fn */

	mov %edx, %edi		/* flags */
	mov %r8, %rdx		/* ptid */
	mov %r9, %r8		/* tls */
	mov 8(%rsp), %r10	/* ctid */
	mov $SYS_clone, %eax
	syscall
	test %rax, %rax
	jz 1f			/* 0: we are the child */
	cmp $-4095, %rax
	jae 3f
	ret			/* parent: the new thread's id */

1:	xor %ebp, %ebp		/* child: outermost frame */
	pop %rax		/* fn */
	pop %rdi		/* arg; rsp is 16-aligned again */
	call *%rax
	mov %eax, %edi
	mov $SYS_exit, %eax
	syscall
	hlt

2:	mov $-EINVAL, %rax
3:	mov %rax, %rdi
	jmp __syscall_ret
	.size clone, . - clone

	.section .note.GNU-stack, "", @progbits
