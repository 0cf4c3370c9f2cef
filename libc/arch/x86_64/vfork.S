/* vfork.S: vfork(), as clone(CLONE_VM | CLONE_VFORK | SIGCHLD).
 *
 * The child borrows the parent's memory, stack included, and the parent
 * sleeps until the child execs or exits. Written in assembly because a
 * C wrapper's return address sits on that shared stack: the child's
 * later calls would overwrite it before the parent returns through it.
 * So we keep the return address in a register (r9: the kernel saves
 * every register but rax, rcx and r11 across syscall) and push it back
 * afterwards, each on its own. */

#define SYS_clone 56
#define CLONE_VM 0x100
#define CLONE_VFORK 0x4000
#define SIGCHLD 17

	.text
	.globl vfork
	.type vfork, @function
vfork:
	pop %r9			/* return address, out of the shared stack */
	mov $SYS_clone, %eax
	mov $(CLONE_VM | CLONE_VFORK | SIGCHLD), %edi
	xor %esi, %esi		/* child stack 0: same rsp as the parent */
	xor %edx, %edx
	xor %r10d, %r10d
	xor %r8d, %r8d
	syscall
	push %r9
	cmp $-4095, %rax
	jae 1f
	ret
1:	mov %rax, %rdi		/* -errno: let C set errno and return -1 */
	jmp __syscall_ret
	.size vfork, . - vfork

	.section .note.GNU-stack, "", @progbits
