/*
 * wait.h: wait queues, the one way a task sleeps until something happens
 * (a child exits, a pipe gets data, a key is pressed...).
 *
 *   wait_event(&pipe->readers_wait, pipe_has_data(pipe));
 *   ...
 *   wake_up_all(&pipe->readers_wait);   // after adding data
 *
 * wait_event re-checks its condition after every wake-up, so spurious
 * wake-ups are harmless and no wake-up is lost: the task is on the queue
 * and marked asleep before it looks at the condition the last time.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "kernel/list.h"
#include "kernel/spinlock.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/task.h"

struct wait_queue {
	struct spinlock lock;
	struct list_head waiters;   /* of struct waiter.node, guarded by lock */
};

struct waiter {
	struct task *task;
	struct list_head node;
};

#define WAIT_QUEUE_INIT(wq, name) { SPINLOCK_INIT(name), LIST_HEAD_INIT((wq).waiters) }

void wait_queue_init(struct wait_queue *wq, const char *name);
/* Queue W (if not queued) and mark the current task asleep in STATE. */
void prepare_to_wait(struct wait_queue *wq, struct waiter *w, int state);
/* Leave the queue; the task is running again. */
void finish_wait(struct wait_queue *wq, struct waiter *w);
void wake_up_all(struct wait_queue *wq);
void wake_up_one(struct wait_queue *wq);

#define wait_event(wq, cond)                                                   \
	do {                                                                   \
		struct waiter __w = { 0, { 0, 0 } };                           \
		for (;;) {                                                     \
			prepare_to_wait((wq), &__w, TASK_UNINTERRUPTIBLE);     \
			if (cond)                                              \
				break;                                         \
			schedule();                                            \
		}                                                              \
		finish_wait((wq), &__w);                                       \
	} while (0)

/* The same, but a signal ends the wait: 0, or -EINTR (callers that may
 * be restarted return -ERESTARTSYS instead). */
#define wait_event_killable(wq, cond)                                          \
	({                                                                     \
		int __ret = 0;                                                 \
		struct waiter __w = { 0, { 0, 0 } };                           \
		for (;;) {                                                     \
			prepare_to_wait((wq), &__w, TASK_INTERRUPTIBLE);       \
			if (cond)                                              \
				break;                                         \
			if (signal_pending(this_cpu()->current_task)) {        \
				__ret = -4; /* EINTR */                        \
				break;                                         \
			}                                                      \
			schedule();                                            \
		}                                                              \
		finish_wait((wq), &__w);                                       \
		__ret;                                                         \
	})

#endif
