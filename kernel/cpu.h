/*
 * cpu.h: per-CPU data. Each CPU finds its own struct cpu through
 * this_cpu() (on x86-64 the GS base points at it); other CPUs may read
 * the fields marked "any CPU".
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/arch.h"
#include "kernel/list.h"
#include "kernel/param.h"
#include "kernel/spinlock.h"

struct task;

/* A CPU's queue of runnable tasks; the order is the policy's business. */
struct runqueue {
	struct spinlock lock;
	struct list_head queue;    /* of task.run_node, for the policy */
	unsigned nr_queued;        /* tasks in the queue (not the running one) */
};

struct cpu {
	struct cpu *self;          /* must stay first: this_cpu() reads it */
	uint64_t kernel_rsp;       /* offset 8: syscall entry's stack (current's top) */
	uint64_t user_rsp;         /* offset 16: scratch for syscall entry */
	struct task *current_task; /* offset 24: running task; owning CPU only */
	struct task *idle;         /* this CPU's idle task */
	struct task *prev;         /* task switched away from, for sched_finish_switch */
	volatile bool need_resched;/* set by the tick or a wake-up; owning CPU clears */
	struct runqueue rq;
	volatile uint64_t tlb_epoch; /* paging.c: kernel-stack frees flushed up to here */
	struct mm *active_mm;      /* address space loaded in CR3; owning CPU only */
	bool tlb_flush_pending;    /* tlb.c: a shootdown asks us to flush (atomic) */
	uint64_t tlb_flush_done;   /* tlb.c: flushes done for shootdowns (atomic) */
	unsigned id;               /* 0..ncpus-1, immutable once online */
	uint32_t apic_id;          /* hardware id, immutable */
	int irq_off_depth;         /* nesting of irq_push_off, owning CPU only */
	bool irq_was_on;           /* IF before the outermost push, owning CPU only */
	volatile bool online;      /* set once by the CPU itself; any CPU reads */
	volatile uint64_t ticks;   /* timer interrupts taken; any CPU reads */
	/* ticks spent in user mode, kernel mode and idle (/proc/stat), and
	 * context switches; written by this CPU only, any CPU reads */
	volatile uint64_t time_user, time_system, time_idle, nr_switches;
	uint64_t kstack_top;       /* this CPU's boot/idle stack */
	void (*volatile work_fn)(void *); /* smp_call_*: set by the caller, */
	void *volatile work_arg;   /* cleared by this CPU when started */
	volatile uint64_t work_done; /* count of finished calls; any CPU reads */
	struct arch_cpu arch;      /* GDT, TSS, IST stacks (arch/x86_64) */
};

extern struct cpu cpus[MAX_CPUS];
extern unsigned ncpus;             /* CPUs brought up: cpus[0..ncpus) */
extern unsigned ncpus_listed;      /* CPUs the firmware (MADT) listed */

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;
	__asm__ volatile("movq %%gs:0, %0" : "=r"(c));
	return c;
}

/* Nestable "interrupts off": the outermost pop restores the old state. */
void irq_push_off(void);
void irq_pop(void);

#endif
