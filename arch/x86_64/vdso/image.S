/*
 * image.S: the linked vDSO (vdso.so, built by the Makefile from vclock.c
 * and vdso.lds) as bytes inside the kernel image. arch/x86_64/vdso.c
 * copies them into pages of their own at boot and maps those into every
 * process.
 */
	.section .rodata
	.balign 4096
	.globl vdso_image_start, vdso_image_end
vdso_image_start:
	.incbin "vdso.so"
vdso_image_end:
	.section .note.GNU-stack, "", @progbits
