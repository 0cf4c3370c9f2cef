/*
 * trampoline.S: where an application processor starts.
 *
 * A startup IPI (SIPI) with vector 0x08 starts an AP in 16-bit real mode
 * at 0x0800:0000 = TRAMPOLINE_PHYS. smp.c copies this code there and fills
 * in tr_cr3, tr_stack, tr_entry and tr_cpu first. The AP goes 16-bit ->
 * 32-bit protected mode -> 64-bit long mode like the BSP did in boot.S,
 * then calls tr_entry(tr_cpu) on its own stack.
 *
 * The code runs at a different address from where it is linked, so every
 * address here is TRAMPOLINE_PHYS + (label - trampoline_start).
 */
#include "arch/x86_64/layout.h"

#define TR(x) (TRAMPOLINE_PHYS + ((x) - trampoline_start))

    .section .trampoline, "a"
    .code16
    .global trampoline_start
trampoline_start:
    cli
    cld
    movw %cs, %ax
    movw %ax, %ds
    lgdtl tr_gdt_ptr - trampoline_start
    movl %cr0, %eax
    orl $1, %eax
    movl %eax, %cr0
    ljmpl $0x08, $TR(tr_protected)

    .code32
tr_protected:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movl %cr4, %eax
    orl $(1 << 5), %eax             /* PAE */
    movl %eax, %cr4
    movl TR(tr_cr3), %eax
    movl %eax, %cr3
    movl $0xc0000080, %ecx          /* EFER: LME + NXE */
    rdmsr
    orl $((1 << 8) | (1 << 11)), %eax
    wrmsr
    movl %cr0, %eax
    orl $((1 << 31) | (1 << 16)), %eax  /* PG, WP */
    movl %eax, %cr0
    ljmpl $0x18, $TR(tr_long)

    .code64
tr_long:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movq TR(tr_stack), %rsp
    movq TR(tr_cpu), %rdi
    xorl %ebp, %ebp
    movq TR(tr_entry), %rax
    call *%rax
1:  cli
    hlt
    jmp 1b

    .balign 8
tr_gdt:
    .quad 0
    .quad 0x00cf9a000000ffff        /* 0x08: 32-bit code */
    .quad 0x00cf92000000ffff        /* 0x10: data */
    .quad 0x00af9a000000ffff        /* 0x18: 64-bit code */
tr_gdt_ptr:
    .word tr_gdt_ptr - tr_gdt - 1
    .long TR(tr_gdt)

    .balign 8
    .global tr_cr3, tr_stack, tr_entry, tr_cpu
tr_cr3:   .quad 0
tr_stack: .quad 0
tr_entry: .quad 0
tr_cpu:   .quad 0

    .section .note.GNU-stack, "", @progbits
