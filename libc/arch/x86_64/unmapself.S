/* unmapself.S: __unmap_and_exit(base, size), the last instructions of a
 * detached thread (src/thread/pthread_create.c).
 *
 * A detached thread must free its own stack, but no C function can
 * unmap the stack it is running on: the moment munmap returns, its
 * return address and locals are gone. These instructions need no
 * stack: munmap the whole block (guard page, stack, TLS, TCB), then
 * call exit for this thread, all in registers. The caller has blocked
 * every signal (a handler would need the stack) and cleared its
 * CLONE_CHILD_CLEARTID address (the kernel must not write a tid into
 * memory that may belong to someone else by the time it exits). */

#define SYS_munmap 11
#define SYS_exit 60

	.text
	.globl __unmap_and_exit
	.type __unmap_and_exit, @function
__unmap_and_exit:
	mov $SYS_munmap, %eax	/* rdi = base, rsi = size: already in place */
	syscall
	xor %edi, %edi		/* exit(0): just this thread */
1:	mov $SYS_exit, %eax
	syscall
	jmp 1b
	.size __unmap_and_exit, . - __unmap_and_exit

	.section .note.GNU-stack, "", @progbits
