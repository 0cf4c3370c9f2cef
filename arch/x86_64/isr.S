/*
 * isr.S: the entry stubs for all 256 interrupt vectors.
 *
 * Each stub makes the stack look the same (an error code slot, then the
 * vector number), and jumps to trap_common, which saves the general
 * registers as a struct trap_frame (trap.h) and calls trap_dispatch.
 * Entries from ring 3 swap in the kernel's GS base on the way in and
 * the user's on the way out.
 */
#include "arch/x86_64/layout.h"

/* Vectors where the CPU pushes an error code itself */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

    .text
    .balign 16
trap_common:
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    testb $1, smap_enabled(%rip)  /* user memory closed again (SMAP) */
    jz 0f
    clac
0:  testb $3, 18*8(%rsp)          /* saved CS: from user mode? */
    jz 1f
    swapgs
1:  cld
    movq %rsp, %rdi
    /* a frame-pointer link so backtraces walk through the interrupt */
    pushq 17*8(%rsp)              /* interrupted rip */
    pushq %rbp
    movq %rsp, %rbp
    call trap_dispatch
    addq $16, %rsp
    /* rsp points at a struct trap_frame: restore it and return */
    .global trap_exit
trap_exit:
    cli
    testb $3, 18*8(%rsp)
    jz 2f
    swapgs
2:  popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    addq $16, %rsp                /* vector and error code */
    iretq

    .macro stub v
    .balign 16
isr_\v:
    .if !HAS_ERROR(\v)
    pushq $0
    .endif
    pushq $\v
    jmp trap_common
    .endm

    .altmacro
    .set v, 0
    .rept 256
    stub %v
    .set v, v + 1
    .endr

    .macro addr v
    .quad isr_\v
    .endm

    .section .rodata
    .balign 8
    .global isr_table
isr_table:
    .set v, 0
    .rept 256
    addr %v
    .set v, v + 1
    .endr

    .section .note.GNU-stack, "", @progbits
