/*
 * syscall_entry.S: the `syscall` instruction's way into the kernel.
 *
 * The CPU has put the user rip in rcx and rflags in r11, loaded the
 * kernel CS/SS from STAR and cleared IF (FMASK); rsp is still the
 * user's. We swap to the kernel GS (struct cpu), switch to this task's
 * kernel stack (cpu->kernel_rsp), save everything as a struct trap_frame
 * -- the same layout an interrupt produces, so fork, exec and (later)
 * signals treat both entries alike -- and call syscall_dispatch.
 * The way out is sysretq when the return address is a canonical user
 * one and rcx/r11 hold rip/rflags as sysretq will set them, else the
 * interrupt path's iretq.
 */
#define SYSCALL_VECTOR 0x100   /* marks a frame made by this entry (VEC_SYSCALL in trap.h) */

    .text
    .global syscall_entry
syscall_entry:
    swapgs
    movq %rsp, %gs:16           /* cpu->user_rsp */
    movq %gs:8, %rsp            /* cpu->kernel_rsp */
    pushq $0x23                 /* ss */
    pushq %gs:16                /* rsp */
    pushq %r11                  /* rflags */
    pushq $0x2b                 /* cs */
    pushq %rcx                  /* rip */
    pushq $0                    /* error code */
    pushq $SYSCALL_VECTOR
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
    movq %rsp, %rdi
    xorl %ebp, %ebp             /* backtraces stop at the user boundary */
    call syscall_dispatch
    cli
    /* sysret needs a canonical user rip: bits 63..47 all zero */
    movq 17*8(%rsp), %rcx
    shrq $47, %rcx
    jnz 1f
    /* sysret takes rip from rcx and rflags from r11: when the frame says
     * otherwise (a signal handler's frame, registers set by ptrace), only
     * iretq restores every register */
    movq 17*8(%rsp), %rcx
    cmpq 12*8(%rsp), %rcx
    jne 1f
    movq 19*8(%rsp), %rcx
    cmpq 4*8(%rsp), %rcx
    jne 1f
    popq %r15
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
    movq 16(%rsp), %rcx         /* rip */
    movq 32(%rsp), %r11         /* rflags */
    movq 40(%rsp), %rsp         /* user rsp */
    swapgs
    sysretq
1:  jmp trap_exit

/* A new user task's first run (see arch_prepare_user_task): rsp points
 * at its struct trap_frame. */
    .global user_first_run
user_first_run:
    call sched_finish_switch
    call ret_from_fork          /* CLONE_CHILD_SETTID, in the child's own context */
    jmp trap_exit

    .section .note.GNU-stack, "", @progbits
