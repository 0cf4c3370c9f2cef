/*
 * boot.S: from GRUB to C.
 *
 * GRUB (multiboot2) enters _start32 in 32-bit protected mode, paging off,
 * with EAX = multiboot2 magic and EBX = physical address of the boot
 * information. We build temporary page tables, switch to long mode, jump
 * to the higher half and call kernel_main(magic, info). paging.c replaces
 * these tables with the final ones; docs/boot.md tells the whole story.
 *
 * Temporary mappings (2 MiB pages):
 *   0x0000000000000000 + [0, 4 GiB)  identity, so the next instruction
 *                                    after enabling paging still exists
 *   0xffff800000000000 + [0, 4 GiB)  the direct map
 *   0xffffffff80000000 + [0, 1 GiB)  the kernel image
 */
#include "arch/x86_64/layout.h"

#define MB2_MAGIC     0xe85250d6
#define MB2_ARCH_I386 0
#define MB2_HDR_LEN   (mb2_header_end - mb2_header)

    .section .multiboot2, "a"
    .balign 8
mb2_header:
    .long MB2_MAGIC
    .long MB2_ARCH_I386
    .long MB2_HDR_LEN
    .long -(MB2_MAGIC + MB2_ARCH_I386 + MB2_HDR_LEN)
    /* end tag */
    .balign 8
    .word 0, 0
    .long 8
mb2_header_end:

    .section .boot.text, "ax"
    .code32
    .global _start32
_start32:
    cli
    cld
    movl $boot32_stack_top, %esp
    movl %eax, boot_magic
    movl %ebx, boot_info_phys

    /* Long mode and NX must exist (CPUID 0x80000001: EDX bits 29, 20) */
    movl $0x80000000, %eax
    cpuid
    cmpl $0x80000001, %eax
    jb no_long_mode
    movl $0x80000001, %eax
    cpuid
    testl $(1 << 29), %edx
    jz no_long_mode
    testl $(1 << 20), %edx
    jz no_long_mode

    /* PD0..PD3: 2048 2 MiB pages covering the first 4 GiB */
    movl $boot_pd, %edi
    xorl %ecx, %ecx
1:  movl %ecx, %eax
    shll $21, %eax
    orl $0x83, %eax                 /* present, writable, 2 MiB page */
    movl %eax, (%edi,%ecx,8)
    movl %ecx, %eax
    shrl $11, %eax                  /* bits 32+ of the address */
    movl %eax, 4(%edi,%ecx,8)
    incl %ecx
    cmpl $2048, %ecx
    jb 1b

    /* PDPT for the low 4 GiB: four PDs */
    movl $boot_pdpt_low, %edi
    movl $boot_pd + 0x003, 0(%edi)
    movl $boot_pd + 0x1003, 8(%edi)
    movl $boot_pd + 0x2003, 16(%edi)
    movl $boot_pd + 0x3003, 24(%edi)
    /* PDPT for the top 2 GiB: entry 510 = first GiB */
    movl $boot_pdpt_high, %edi
    movl $boot_pd + 0x003, 510*8(%edi)

    movl $boot_pml4, %edi
    movl $boot_pdpt_low + 0x003, 0(%edi)           /* identity */
    movl $boot_pdpt_low + 0x003, 256*8(%edi)       /* direct map */
    movl $boot_pdpt_high + 0x003, 511*8(%edi)      /* kernel image */

    /* PAE on, CR3, EFER.LME + NXE, then paging on */
    movl %cr4, %eax
    orl $(1 << 5), %eax
    movl %eax, %cr4
    movl $boot_pml4, %eax
    movl %eax, %cr3
    movl $0xc0000080, %ecx
    rdmsr
    orl $((1 << 8) | (1 << 11)), %eax
    wrmsr
    movl %cr0, %eax
    orl $((1 << 31) | (1 << 16) | 1), %eax      /* PG, WP, PE */
    movl %eax, %cr0

    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode_entry

no_long_mode:
    /* say so on the VGA screen and the serial port, then stop */
    movl $no_lm_msg, %esi
    movl $0xb8000, %edi
2:  movb (%esi), %al
    testb %al, %al
    jz 3f
    movb %al, (%edi)
    movb $0x4f, 1(%edi)
    addl $2, %edi
    movw $0x3f8, %dx
    outb %al, %dx
    incl %esi
    jmp 2b
3:  hlt
    jmp 3b

    .code64
long_mode_entry:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    xorw %ax, %ax
    movw %ax, %fs
    movw %ax, %gs
    movabsq $_start64, %rax
    jmp *%rax

    .section .boot.data, "aw"
    .balign 8
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff        /* 0x08: 64-bit code, ring 0 */
    .quad 0x00cf92000000ffff        /* 0x10: data, ring 0 */
boot_gdt_ptr:
    .word boot_gdt_ptr - boot_gdt - 1
    .long boot_gdt
    .global boot_magic, boot_info_phys
boot_magic: .long 0
boot_info_phys: .long 0
no_lm_msg:
    .asciz "boot: this CPU has no 64-bit long mode or no NX bit; cannot continue\r\n"

    .balign 4096
boot_pml4:      .fill 512, 8, 0
boot_pdpt_low:  .fill 512, 8, 0
boot_pdpt_high: .fill 512, 8, 0
boot_pd:        .fill 2048, 8, 0
    .fill 1024, 1, 0
boot32_stack_top:

/* ---- higher half from here on ---- */
    .section .text.entry, "ax"
    .global _start64
_start64:
    .cfi_startproc
    .cfi_undefined rip      /* the outermost frame: backtraces end here */
    movabsq $boot_stack_top, %rsp
    /* the GDT above lives in low memory, which paging_init unmaps:
     * switch to a copy in the kernel image until gdt_init_cpu */
    lgdt gdt64_ptr(%rip)
    xorl %ebp, %ebp
    movl boot_magic, %edi
    movl boot_info_phys, %esi
    call kernel_main
4:  cli
    hlt
    jmp 4b
    .cfi_endproc

    .section .rodata
    .balign 8
gdt64:
    .quad 0
    .quad 0x00af9a000000ffff        /* 0x08: 64-bit code, ring 0 */
    .quad 0x00cf92000000ffff        /* 0x10: data, ring 0 */
gdt64_ptr:
    .word gdt64_ptr - gdt64 - 1
    .quad gdt64

    /* BSP boot stack: one unmapped guard page (paging.c) below 16 KiB */
    .section .bss.boot_stack, "aw", @nobits
    .balign 4096
    .global boot_stack_guard, boot_stack_top
boot_stack_guard:
    .skip 4096
    .skip KSTACK_SIZE
boot_stack_top:
