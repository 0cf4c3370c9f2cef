/*
 * smp.h: running a function on other CPUs.
 *
 * Idle CPUs sit in cpu_idle_loop, halted until an interrupt; a call
 * posts the function in the target's struct cpu and wakes it with an
 * IPI. (The scheduler of a later issue replaces the idle loop with
 * threads; this is the minimal mechanism the self-tests need.)
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#include "kernel/cpu.h"

/* Run FN(ARG) on every online CPU, this one included; return when all
 * have finished. Only one caller at a time (boot and self-tests). */
void smp_call_all_wait(void (*fn)(void *), void *arg);
/* Post FN(ARG) to idle CPU C and return without waiting. */
void smp_call_on(struct cpu *c, void (*fn)(void *), void *arg);
/* The idle task's loop (sched.c): runs posted calls, runnable tasks, or halts. */
__attribute__((noreturn)) void cpu_idle_loop(void);
void smp_run_pending_work(struct cpu *c); /* interrupts off */
unsigned cpus_online(void);

#endif
