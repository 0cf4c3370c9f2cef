/*
 * fork.c: creating a process as a copy of the caller. The child gets a
 * copy-on-write duplicate of the address space (mm_fork), a copy of the
 * descriptor table whose entries share the parent's open files, the same
 * working directory, and the caller's registers with rax = 0 so that the
 * same `syscall` instruction "returns twice". fork, vfork and clone all
 * come here (threads, CLONE_VM and friends, arrive with a later issue).
 */
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/kmalloc.h"
#include "kernel/mm.h"
#include "kernel/pid.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/sysproto.h"
#include "kernel/vfs.h"
#include "arch/x86_64/trap.h"

#define CSIGNAL 0xff            /* exit signal in the low byte */
#define CLONE_VM 0x100          /* share the address space */
#define CLONE_VFORK 0x4000      /* the parent waits until the child execs or exits */
#define SIGCHLD 17

struct process *process_alloc(const char *name)
{
	struct process *p = kzalloc(sizeof *p);
	if (!p)
		return 0;
	strlcpy(p->comm, name, sizeof p->comm);
	list_init(&p->children);
	list_init(&p->sibling);
	list_init(&p->all_node);
	list_init(&p->threads);
	wait_queue_init(&p->vfork_wait, "vfork");
	wait_queue_init(&p->child_exit, "child_exit");
	p->umask = 022;
	return p;
}

void process_free(struct process *p)
{
	kfree(p->cmdline);
	kfree(p);
}

static long do_fork(unsigned long flags, uint64_t new_stack)
{
	struct process *parent = current->proc;
	long err = -ENOMEM;
	struct process *p = process_alloc(parent->comm);
	struct task *t = task_alloc(parent->comm);
	if (!p || !t)
		goto fail;
	int pid = pid_alloc();
	if (pid < 0) {
		err = pid;
		goto fail;
	}
	p->pid = t->tid = pid;
	p->main_task = t;
	t->proc = p;
	if (flags & CLONE_VM) {
		p->mm = parent->mm;
		__atomic_add_fetch(&p->mm->users, 1, __ATOMIC_RELAXED);
	} else if (!(p->mm = mm_fork(parent->mm))) {
		goto fail_pid;
	}
	if (!(p->files = files_dup(parent->files)))
		goto fail_mm;
	if (parent->cmdline && (p->cmdline = kmalloc(parent->cmdline_len)) != 0) {
		memcpy(p->cmdline, parent->cmdline, parent->cmdline_len);
		p->cmdline_len = parent->cmdline_len;
	}
	p->cwd = inode_get(parent->cwd);
	p->umask = parent->umask;
	p->pgid = parent->pgid;
	p->sid = parent->sid;
	t->mm = p->mm;
	list_add_tail(&t->thread_node, &p->threads);

	/* the child's registers: the parent's at the system call, rax = 0,
	 * including the FPU/SSE registers and the TLS base */
	arch_prepare_user_task(t, current->uregs);
	arch_fpu_save(t->fpu);
	t->tls_base = current->tls_base;
	t->uregs->rax = 0;
	if (new_stack)
		t->uregs->rsp = new_stack;

	spin_lock(&tasklist_lock);
	p->parent = parent;
	list_add_tail(&p->sibling, &parent->children);
	list_add_tail(&p->all_node, &all_processes);
	spin_unlock(&tasklist_lock);
	if (flags & CLONE_VFORK)
		p->vfork_pending = true;
	sched_start_task(t);
	if (flags & CLONE_VFORK) /* until the child lets go of our memory */
		wait_event_killable(&p->vfork_wait, !p->vfork_pending);
	return pid;

fail_mm:
	mm_put(p->mm);
fail_pid:
	pid_free(pid);
fail:
	if (t)
		task_free(t);
	if (p)
		process_free(p);
	return err;
}

long sys_clone(unsigned long flags, uint64_t stack, int *ptid, int *ctid, uint64_t tls)
{
	/* the process-creating forms: an exit signal, optionally a shared
	 * address space and vfork's wait (threads come with a later issue) */
	if (flags & ~(unsigned long)(CSIGNAL | CLONE_VM | CLONE_VFORK))
		return -EINVAL;
	return do_fork(flags, stack);
}

long sys_fork(void) { return do_fork(SIGCHLD, 0); }
long sys_vfork(void) { return do_fork(CLONE_VM | CLONE_VFORK | SIGCHLD, 0); }

void vfork_release(struct process *p)
{
	if (!p->vfork_pending)
		return;
	p->vfork_pending = false;
	wake_up_all(&p->vfork_wait);
}
