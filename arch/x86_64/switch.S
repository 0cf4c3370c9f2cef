/*
 * switch.S: changing which task runs on this CPU.
 *
 * arch_switch_context(&prev->saved_rsp, next->saved_rsp) pushes the
 * registers the C calling convention says a callee must preserve, saves
 * rsp in prev, loads next's rsp and pops next's registers. Its `ret`
 * then returns into wherever next called arch_switch_context from -- or,
 * for a task that never ran, into task_first_run below (see
 * arch_prepare_kthread in process_arch.c for that stack's layout).
 */
    .text
    .global arch_switch_context
arch_switch_context:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret

/* First run of a task: r12 = function, r13 = its argument. */
    .global task_first_run
task_first_run:
    call sched_finish_switch
    sti
    movq %r13, %rdi
    xorl %ebp, %ebp          /* end of the backtrace chain */
    call *%r12
    call kthread_exit        /* the function returned: the thread ends */
1:  hlt
    jmp 1b

    .section .note.GNU-stack, "", @progbits
