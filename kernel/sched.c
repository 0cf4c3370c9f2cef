/*
 * sched.c: the scheduler core: switching between tasks, sleeping and
 * waking, the timer tick, and spreading work over the CPUs. The order in
 * which runnable tasks run is the policy's (sched_rr.c).
 *
 * Locking: each CPU's run queue has a spinlock. A task's `cpu`, `on_rq`
 * and its place in a queue change only under the lock of that queue.
 * schedule() holds the lock across the switch; the task switched to
 * releases it (sched_finish_switch), so no other CPU can pick a task up
 * before its registers are saved. Two run-queue locks are taken in
 * CPU-id order (work stealing).
 */
#include "kernel/sched.h"
#include "kernel/cmdline.h"
#include "kernel/smp.h"
#include "kernel/kmalloc.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/string.h"

const struct sched_policy *sched_policy = &sched_round_robin;

KERNEL_PARAM("quantum", "scheduler time slice in milliseconds (default 10)");
static unsigned quantum_ticks = 1; /* set from quantum= at boot */

unsigned sched_quantum_ticks(void) { return quantum_ticks; }

static void rq_enqueue(struct runqueue *rq, struct task *t)
{
	sched_policy->enqueue(rq, t);
	rq->nr_queued++;
}

static struct task *rq_pick(struct runqueue *rq)
{
	struct task *t = sched_policy->pick_next(rq);
	if (t)
		rq->nr_queued--;
	return t;
}

static struct task *rq_pick_for(struct runqueue *rq, unsigned cpu)
{
	struct task *t = sched_policy->pick_for_cpu(rq, cpu);
	if (t)
		rq->nr_queued--;
	return t;
}

/* The first online CPU T may run on (its affinity mask). */
static unsigned first_allowed_cpu(const struct task *t)
{
	for (unsigned i = 0; i < ncpus; i++)
		if (cpus[i].online && task_allowed_on(t, i))
			return i;
	return 0;
}

static void kick_cpu(struct cpu *c);

/* Queue T, which is runnable but on no run queue, on CPU's. */
static void enqueue_on(unsigned cpu, struct task *t)
{
	struct runqueue *rq = &cpus[cpu].rq;
	spin_lock(&rq->lock);
	if (t->on_rq)
		panic("sched: %s (tid %d) queued twice", t->comm, t->tid);
	t->cpu = (int)cpu;
	t->on_rq = true;
	rq_enqueue(rq, t);
	kick_cpu(&cpus[cpu]);
	spin_unlock(&rq->lock);
}

void sched_init_cpu(struct cpu *c, const char *idle_name)
{
	if (c->id == 0) {
		uint64_t ms = cmdline_get_u64("quantum", 10);
		quantum_ticks = ms * HZ / 1000 ? (unsigned)(ms * HZ / 1000) : 1;
	}
	spin_init(&c->rq.lock, "runqueue");
	list_init(&c->rq.queue);
	struct task *idle = kzalloc(sizeof *idle);
	if (!idle)
		panic("sched: no memory for CPU %u's idle task", c->id);
	strlcpy(idle->comm, idle_name, sizeof idle->comm);
	idle->state = TASK_RUNNING;
	idle->cpu = (int)c->id;
	idle->on_rq = true;
	idle->on_cpu = true;
	idle->kstack_top = c->kstack_top;
	idle->cpus_allowed = 1ull << c->id; /* an idle task never moves */
	idle->migrate_to = -1;
	list_init(&idle->run_node);
	c->idle = c->current_task = idle;
	arch_fpu_init_state(idle->fpu);
}

/* Runs on the new task right after a switch, with the rq lock held by
 * the CPU it now runs on. */
void sched_finish_switch(void)
{
	struct cpu *c = this_cpu();
	struct task *prev = c->prev;
	c->prev = 0;
	if (!prev) {
		spin_unlock(&c->rq.lock);
		return;
	}
	/* Read everything we need of PREV before clearing on_cpu: from then
	 * on a zombie may be reaped and freed by its parent on another CPU. */
	bool dead = prev->state == TASK_DEAD;
	int migrate = prev->migrate_to;
	prev->migrate_to = -1;
	__atomic_store_n(&prev->on_cpu, false, __ATOMIC_RELEASE);
	spin_unlock(&c->rq.lock);
	if (dead)
		task_free(prev);   /* a finished thread: nobody waits for it */
	else if (migrate >= 0)
		enqueue_on((unsigned)migrate, prev); /* runnable: nobody frees it */
}

static void switch_to(struct cpu *c, struct task *prev, struct task *next)
{
	c->nr_switches++;
	c->current_task = next;
	c->prev = prev;
	next->cpu = (int)c->id;
	next->on_cpu = true;
	arch_switch_mm(next->mm);
	arch_set_kernel_stack(next->kstack_top);
	arch_fpu_save(prev->fpu);
	arch_fpu_restore(next->fpu);
	arch_switch_tls(prev, next);
	arch_switch_context(&prev->saved_rsp, next->saved_rsp);
	/* back again, possibly on another CPU, with that CPU's rq lock held */
	sched_finish_switch();
}

/*
 * Pick the next task and switch to it. PREEMPTED: the current task did
 * not ask to stop (the tick did): it stays runnable even if marked
 * asleep, since it may be between "mark me asleep" and "check the
 * condition" of a wait, and taking it off the run queue there could lose
 * its wake-up. (A zombie stays off: it is done, whoever switched it.)
 */
static void __schedule(bool preempted)
{
	bool irq = arch_irq_save();
	struct cpu *c = this_cpu();
	struct task *prev = c->current_task;
	if (c->irq_off_depth)
		panic("schedule() with a spinlock held (irq_off_depth %d) from %pS", c->irq_off_depth,
		      __builtin_return_address(0));
	spin_lock(&c->rq.lock);
	if (prev != c->idle) {
		bool asleep = prev->state == TASK_INTERRUPTIBLE || prev->state == TASK_UNINTERRUPTIBLE;
		if (prev->state == TASK_RUNNING && !task_allowed_on(prev, c->id)) {
			/* its affinity no longer includes this CPU: it moves once
			 * its registers are saved (sched_finish_switch). Only a
			 * runnable task moves this way: one marked asleep stays
			 * here, since a wake-up may queue it elsewhere meanwhile;
			 * once it really sleeps, its wake-up picks an allowed CPU. */
			prev->on_rq = false;
			prev->migrate_to = (int)first_allowed_cpu(prev);
		} else if (prev->state == TASK_RUNNING || (preempted && asleep)) {
			rq_enqueue(&c->rq, prev); /* preempted or yielding: back of the line */
		} else {
			prev->on_rq = false;      /* going to sleep or exiting */
		}
	}
	struct task *next = rq_pick(&c->rq);
	if (!next)
		next = c->idle;
	c->need_resched = false;
	if (next != prev) {
		/* /proc/PID/status: a switch away is voluntary when the task
		 * goes to sleep, involuntary when preempted or yielding */
		if (!preempted && (prev->state == TASK_INTERRUPTIBLE || prev->state == TASK_UNINTERRUPTIBLE))
			prev->nvcsw++;
		else
			prev->nivcsw++;
		switch_to(c, prev, next); /* releases the lock on the other side */
	} else
		spin_unlock(&c->rq.lock);
	arch_irq_restore(irq);
}

void schedule(void) { __schedule(false); }
void schedule_preempt(void) { __schedule(true); }

/* Lock the run queue T is on; T cannot migrate while it is held. */
static struct runqueue *lock_task_rq(struct task *t)
{
	for (;;) {
		int cpu = t->cpu;
		struct runqueue *rq = &cpus[cpu].rq;
		spin_lock(&rq->lock);
		if (t->cpu == cpu)
			return rq;
		spin_unlock(&rq->lock);
	}
}

static void kick_cpu(struct cpu *c)
{
	if (c == this_cpu())
		c->need_resched = true;
	else if (c->current_task == c->idle)
		arch_send_wakeup(c);
}

void sched_kick_cpu(struct task *t)
{
	int cpu = t->cpu;
	if (t->on_cpu && cpu != (int)this_cpu()->id)
		arch_send_wakeup(&cpus[cpu]); /* it enters the kernel and looks */
}

/* If T's CPU is busy running something else, an idle CPU T may use
 * (it runs T at once instead of after the current task's quantum); -1
 * if T should stay where it was. Reads other CPUs' state without locks:
 * a wrong guess only costs a little balance. */
static int idle_cpu_for(const struct task *t)
{
	struct cpu *home = &cpus[t->cpu];
	if (home->current_task == home->idle && task_allowed_on(t, (unsigned)t->cpu))
		return -1;
	for (unsigned i = 0; i < ncpus; i++) {
		struct cpu *c = &cpus[i];
		if (c != home && c->online && c->idle && c->current_task == c->idle && !c->rq.nr_queued &&
		    task_allowed_on(t, i))
			return (int)i;
	}
	return -1;
}

void wake_up_process(struct task *t)
{
	struct runqueue *rq = lock_task_rq(t);
	if (t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		if (!t->on_rq) {
			int idle = idle_cpu_for(t);
			if (task_allowed_on(t, (unsigned)t->cpu) && idle < 0) {
				t->on_rq = true;
				rq_enqueue(rq, t);
				kick_cpu(&cpus[t->cpu]);
			} else { /* its CPU is busy (or no longer allowed): wake it
				  * where it can run at once. Already RUNNING, so
				  * another waker leaves it alone meanwhile. */
				spin_unlock(&rq->lock);
				enqueue_on(idle >= 0 ? (unsigned)idle : first_allowed_cpu(t), t);
				return;
			}
		}
	}
	spin_unlock(&rq->lock);
}

/* The CPU with the least work (queued + running) that T may use,
 * preferring this one. */
static struct cpu *least_loaded_cpu(const struct task *t)
{
	struct cpu *best = &cpus[first_allowed_cpu(t)];
	unsigned best_load = ~0u;
	for (unsigned i = 0; i < ncpus; i++) {
		struct cpu *c = &cpus[i];
		if (!c->online || !c->idle || !task_allowed_on(t, i))
			continue;
		unsigned load = c->rq.nr_queued + (c->current_task != c->idle);
		if (load < best_load || (load == best_load && c == this_cpu())) {
			best = c;
			best_load = load;
		}
	}
	return best;
}

void sched_start_task(struct task *t)
{
	t->state = TASK_RUNNING;
	enqueue_on(least_loaded_cpu(t)->id, t);
}

/* Take a queued task from the busiest other CPU that has at least MIN
 * waiting (1 for an idle CPU; 2 for a busy one evening out the load). */
static bool steal_work(struct cpu *me, unsigned min)
{
	struct cpu *busiest = 0;
	for (unsigned i = 0; i < ncpus; i++) {
		struct cpu *c = &cpus[i];
		if (c != me && c->online && c->idle && c->rq.nr_queued >= min &&
		    (!busiest || c->rq.nr_queued > busiest->rq.nr_queued))
			busiest = c;
	}
	if (!busiest)
		return false;
	struct runqueue *a = &me->rq, *b = &busiest->rq;
	if (me->id < busiest->id) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
	struct task *t = b->nr_queued >= min ? rq_pick_for(b, me->id) : 0;
	if (t) {
		t->cpu = (int)me->id;
		rq_enqueue(a, t);
	}
	spin_unlock(&b->lock);
	spin_unlock(&a->lock);
	return t != 0;
}

void sched_tick(void)
{
	struct cpu *c = this_cpu();
	struct task *t = c->current_task;
	if (!t)
		return; /* scheduler not set up on this CPU yet */
	if (t == c->idle) {
		if (c->rq.nr_queued)
			c->need_resched = true;
		return;
	}
	/* nothing waiting here but a pile elsewhere: take one (balancing) */
	if (c->rq.nr_queued == 0)
		steal_work(c, 2); /* it waits its turn behind the current task */
	spin_lock(&c->rq.lock);
	if (sched_policy->tick(&c->rq, t))
		c->need_resched = true;
	spin_unlock(&c->rq.lock);
}

void sched_preempt_point(bool interrupted_with_irqs_on)
{
	struct cpu *c = this_cpu();
	/* Interrupts were on, so no spinlock was held: switching is safe. */
	if (c->need_resched && interrupted_with_irqs_on && c->current_task != c->idle)
		schedule_preempt();
}

void cpu_idle_loop(void)
{
	struct cpu *c = this_cpu();
	for (;;) {
		/* check with interrupts off; "sti; hlt" then cannot miss a wake-up IPI */
		arch_irq_disable();
		if (c->work_fn) {
			smp_run_pending_work(c);
		} else if (c->rq.nr_queued || steal_work(c, 1)) {
			arch_irq_enable();
			schedule();
		} else {
			arch_wait_for_interrupt();
		}
	}
}
