/* wait.c: wait queues (see wait.h). */
#include "kernel/wait.h"
#include "kernel/sched.h"

void wait_queue_init(struct wait_queue *wq, const char *name)
{
	spin_init(&wq->lock, name);
	list_init(&wq->waiters);
}

void prepare_to_wait(struct wait_queue *wq, struct waiter *w, int state)
{
	spin_lock(&wq->lock);
	if (!w->task) {
		w->task = current;
		list_add_tail(&w->node, &wq->waiters);
	}
	current->state = state;
	spin_unlock(&wq->lock);
}

void finish_wait(struct wait_queue *wq, struct waiter *w)
{
	current->state = TASK_RUNNING;
	if (!w->task)
		return;
	spin_lock(&wq->lock);
	list_del(&w->node);
	spin_unlock(&wq->lock);
	w->task = 0;
}

static void wake(struct wait_queue *wq, bool all)
{
	spin_lock(&wq->lock);
	struct list_head *p;
	list_for_each(p, &wq->waiters) {
		wake_up_process(list_entry(p, struct waiter, node)->task);
		if (!all)
			break;
	}
	spin_unlock(&wq->lock);
}

void wake_up_all(struct wait_queue *wq) { wake(wq, true); }
void wake_up_one(struct wait_queue *wq) { wake(wq, false); }
