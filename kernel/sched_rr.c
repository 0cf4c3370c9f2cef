/*
 * sched_rr.c: round robin, the default scheduling policy. One FIFO queue
 * per CPU; a task runs for a quantum of timer ticks, then goes to the
 * back. Replacing this file's struct (priorities, MLFQ...) changes the
 * policy without touching the switching code in sched.c.
 */
#include "kernel/sched.h"

static void rr_enqueue(struct runqueue *rq, struct task *t)
{
	if (t->slice_left == 0)
		t->slice_left = sched_quantum_ticks(); /* a fresh quantum at the back */
	list_add_tail(&t->run_node, &rq->queue);
}

static struct task *rr_pick_next(struct runqueue *rq)
{
	if (list_empty(&rq->queue))
		return 0;
	struct task *t = list_first_entry(&rq->queue, struct task, run_node);
	list_del(&t->run_node);
	return t;
}

static struct task *rr_pick_for_cpu(struct runqueue *rq, unsigned cpu)
{
	struct list_head *p;
	list_for_each(p, &rq->queue) { /* the one waiting longest that may move */
		struct task *t = list_entry(p, struct task, run_node);
		if (task_allowed_on(t, cpu)) {
			list_del(&t->run_node);
			return t;
		}
	}
	return 0;
}

static bool rr_tick(struct runqueue *rq, struct task *curr)
{
	if (curr->slice_left)
		curr->slice_left--;
	return curr->slice_left == 0 && !list_empty(&rq->queue);
}

const struct sched_policy sched_round_robin = {
	.name = "round-robin",
	.enqueue = rr_enqueue,
	.pick_next = rr_pick_next,
	.pick_for_cpu = rr_pick_for_cpu,
	.tick = rr_tick,
};
