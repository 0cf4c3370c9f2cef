/* sigreturn.S: __restore_rt, the signal "trampoline".
 *
 * When the kernel delivers a signal it builds a frame on the user stack
 * (saved registers, the old signal mask) and calls the handler with
 * its return address pointing here (SA_RESTORER in sigaction, see
 * src/signal/sigaction.c). When the handler returns, we ask the kernel
 * to restore that frame with rt_sigreturn: the interrupted code then
 * continues as if nothing had happened. There is no frame of our own,
 * so rsp must be exactly where the handler's ret left it. */

#define SYS_rt_sigreturn 15

	.text
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	mov $SYS_rt_sigreturn, %eax
	syscall
	hlt
	.size __restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
