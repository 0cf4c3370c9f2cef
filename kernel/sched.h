/*
 * sched.h: the scheduler. Each CPU has a run queue; a replaceable policy
 * (struct sched_policy) decides the order, the core (sched.c) does the
 * switching, sleeping, waking and balancing.
 *
 * Sleeping, the race-free way:
 *     set current->state = TASK_UNINTERRUPTIBLE (wait.c does this under
 *     its queue lock), re-check the condition, then schedule().
 * A wake-up in between just sets the state back to TASK_RUNNING, and
 * schedule() then keeps the task runnable.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdbool.h>
#include "kernel/cpu.h"
#include "kernel/task.h"

#define current (this_cpu()->current_task)

/* The policy's four decisions. All are called with rq->lock held and
 * interrupts off; the running task is never in the policy's queue. */
struct sched_policy {
	const char *name;
	void (*enqueue)(struct runqueue *rq, struct task *t);   /* t became runnable */
	struct task *(*pick_next)(struct runqueue *rq);         /* remove and return next, or NULL */
	/* remove and return a task that may run on CPU (work stealing), or NULL */
	struct task *(*pick_for_cpu)(struct runqueue *rq, unsigned cpu);
	bool (*tick)(struct runqueue *rq, struct task *curr);   /* true: preempt curr */
};

extern const struct sched_policy *sched_policy;
extern const struct sched_policy sched_round_robin;

void sched_init_cpu(struct cpu *c, const char *idle_name); /* the caller becomes C's idle task */
void schedule(void);          /* give up the CPU (to sleep: set state first) */
void schedule_preempt(void);  /* the tick's switch: the task stays runnable */
/* Make T runnable if it sleeps (no effect otherwise). */
void wake_up_process(struct task *t);
/* Interrupt the CPU running T (if another), so T passes through the
 * kernel soon and notices a kill or a change of affinity. */
void sched_kick_cpu(struct task *t);
/* First start of a new task: pick a CPU for it and queue it there. */
void sched_start_task(struct task *t);
void sched_tick(void);                 /* timer interrupt, every CPU */
/* At the end of an interrupt: switch if the tick asked for it. */
void sched_preempt_point(bool interrupted_with_irqs_on);
/* Called by a new task on its first run (switch.S) to finish the switch. */
void sched_finish_switch(void);
unsigned sched_quantum_ticks(void);
static inline bool task_allowed_on(const struct task *t, unsigned cpu) { return t->cpus_allowed >> cpu & 1; }

#endif
