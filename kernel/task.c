/*
 * task.c: creating and freeing tasks, and kernel threads. fork.c builds
 * user tasks on top of task_alloc; exit.c ends them.
 */
#include "kernel/task.h"
#include "kernel/process.h"
#include "kernel/signal.h"
#include "kernel/kmalloc.h"
#include "kernel/panic.h"
#include "kernel/pid.h"
#include "kernel/sched.h"
#include "kernel/string.h"

struct task *task_alloc(const char *name)
{
	struct task *t = kzalloc(sizeof *t);
	if (!t)
		return 0;
	t->pending = kzalloc(sizeof *t->pending);
	t->kstack_top = t->pending ? arch_kstack_alloc() : 0;
	if (!t->kstack_top) {
		kfree(t->pending);
		kfree(t);
		return 0;
	}
	/* the top of every kernel stack is kept for user registers */
	t->uregs = (struct trap_frame *)(t->kstack_top - ARCH_TRAP_FRAME_SIZE);
	strlcpy(t->comm, name, sizeof t->comm);
	list_init(&t->run_node);
	list_init(&t->thread_node);
	list_init(&t->ptrace_node);
	t->state = TASK_UNINTERRUPTIBLE; /* not runnable until sched_start_task */
	t->cpus_allowed = ~0ull;         /* any CPU */
	t->migrate_to = -1;
	arch_fpu_init_state(t->fpu);
	return t;
}

void task_free(struct task *t)
{
	/* the task must be off every CPU before its stack goes */
	while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
		arch_cpu_relax();
	arch_kstack_free(t->kstack_top);
	kfree(t->pending);
	struct process *orphan = t->release_process;
	kfree(t);
	if (orphan) /* a process nobody waits for (SIGCHLD ignored): free it too */
		release_process(orphan);
}

struct task *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct task *t = task_alloc(name);
	if (!t)
		return 0;
	t->tid = pid_alloc();
	if (t->tid < 0) {
		task_free(t);
		return 0;
	}
	arch_prepare_kthread(t, fn, arg);
	sched_start_task(t);
	return t;
}

void kthread_exit(void)
{
	arch_irq_disable();
	struct task *me = current;
	if (me->tid > 0)
		pid_free(me->tid);
	me->state = TASK_DEAD; /* sched_finish_switch frees it */
	schedule();
	panic("kthread_exit: a dead task was scheduled");
}
