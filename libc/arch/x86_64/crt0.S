/* crt0.S: _start, the first instruction of every user program.
 *
 * The kernel enters here with nothing but the System V start-up stack
 * (no return address, rbp undefined):
 *
 *     higher addresses   strings, AT_RANDOM bytes ...
 *                        AT_NULL, 0
 *                        auxv pairs (type, value)  ...
 *                        NULL
 *                        envp[0] ...
 *                        NULL
 *                        argv[argc-1] ... argv[0]
 *     rsp -> (16-aligned) argc
 *
 * We hand that address to __libc_start (src/crt/start.c), which finds
 * argv, envp and auxv from it, runs main and exits. rdx would carry a
 * dynamic linker's exit hook; static programs have none, so it is
 * ignored. */

	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp		/* outermost frame: ends backtraces */
	mov %rsp, %rdi		/* __libc_start(sp) */
	and $-16, %rsp		/* the ABI wants rsp % 16 == 0 at a call */
	call __libc_start
	hlt			/* __libc_start never returns */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
