/*
 * fork.c: creating a process as a copy of the caller. The child gets a
 * copy-on-write duplicate of the address space (mm_fork), a copy of the
 * descriptor table whose entries share the parent's open files, the same
 * working directory, and the caller's registers with rax = 0 so that the
 * same `syscall` instruction "returns twice". fork, vfork and clone all
 * come here: clone's flags say what the new task shares with its creator
 * -- CLONE_THREAD makes it a thread of the same process, with its own
 * tid; without it a new process is made, sharing the address space,
 * descriptor table or working directory only if CLONE_VM, CLONE_FILES or
 * CLONE_FS ask for it. See docs/threads.md.
 */
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/kmalloc.h"
#include "kernel/mm.h"
#include "kernel/pid.h"
#include "kernel/process.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/syscall.h"
#include "kernel/sysproto.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"
#include "arch/x86_64/trap.h"

#define SIGCHLD 17

#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | \
			 CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | \
			 CLONE_UNTRACED | CLONE_CHILD_SETTID)

struct process *process_alloc(const char *name)
{
	struct process *p = kzalloc(sizeof *p);
	if (!p)
		return 0;
	strlcpy(p->comm, name, sizeof p->comm);
	p->start_time = clock_monotonic_ns();
	list_init(&p->children);
	list_init(&p->sibling);
	list_init(&p->all_node);
	list_init(&p->threads);
	list_init(&p->ptraced);
	list_init(&p->ptrace_exits);
	wait_queue_init(&p->vfork_wait, "vfork");
	wait_queue_init(&p->child_exit, "child_exit");
	wait_queue_init(&p->thread_exit, "thread_exit");
	wait_queue_init(&p->stop_wait, "stop_wait");
	rlimit_defaults(p->rlim);
	return p;
}

void process_free(struct process *p)
{
	sighand_put(p->sighand);
	kfree(p->shared_pending);
	kfree(p->cmdline);
	kfree(p->environ);
	kfree(p);
}

/* Linux's rules for which flags need which (clone(2), ERRORS). */
static long check_flags(unsigned long flags)
{
	if (flags & ~(unsigned long)CLONE_SUPPORTED)
		return -EINVAL; /* namespaces, ptrace...: not here */
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	return 0;
}

/* A new thread in the current process. */
static long new_thread(unsigned long flags, struct task *t)
{
	struct process *p = current->proc;
	t->proc = p;
	t->mm = p->mm;
	__atomic_add_fetch(&p->mm->users, 1, __ATOMIC_RELAXED);
	spin_lock(&tasklist_lock);
	if (p->group_exiting) { /* the process is going away: no new threads */
		spin_unlock(&tasklist_lock);
		mm_put(p->mm);
		return -EAGAIN;
	}
	list_add_tail(&t->thread_node, &p->threads);
	p->nthreads++;
	spin_unlock(&tasklist_lock);
	return 0;
}

/* A new process: copies or shares what FLAGS say. */
static long new_process(unsigned long flags, struct task *t, struct process **out)
{
	struct process *parent = current->proc;
	struct process *p = process_alloc(parent->comm);
	if (!p)
		return -ENOMEM;
	p->shared_pending = kzalloc(sizeof *p->shared_pending);
	if (flags & CLONE_SIGHAND) {
		p->sighand = parent->sighand;
		__atomic_add_fetch(&p->sighand->refs, 1, __ATOMIC_RELAXED);
	} else {
		p->sighand = sighand_copy(parent->sighand);
	}
	if (!p->shared_pending || !p->sighand) {
		process_free(p);
		return -ENOMEM;
	}
	p->pid = t->tid;
	p->main_task = t;
	t->proc = p;
	p->exit_signal = (int)(flags & CSIGNAL);
	p->nthreads = 1;
	long err = -ENOMEM;
	if (flags & CLONE_VM) {
		p->mm = parent->mm;
		__atomic_add_fetch(&p->mm->users, 1, __ATOMIC_RELAXED);
	} else if (!(p->mm = mm_fork(parent->mm))) {
		goto fail;
	}
	if (flags & CLONE_FILES) {
		p->files = parent->files;
		__atomic_add_fetch(&p->files->refs, 1, __ATOMIC_RELAXED);
	} else if (!(p->files = files_dup(parent->files))) {
		goto fail;
	}
	if (flags & CLONE_FS) {
		p->fs = parent->fs;
		__atomic_add_fetch(&p->fs->refs, 1, __ATOMIC_RELAXED);
	} else if (!(p->fs = fs_info_copy(parent->fs))) {
		goto fail;
	}
	if (parent->cmdline && (p->cmdline = kmalloc(parent->cmdline_len)) != 0) {
		memcpy(p->cmdline, parent->cmdline, parent->cmdline_len);
		p->cmdline_len = parent->cmdline_len;
	}
	/* identities and limits are inherited (under tasklist_lock: prlimit
	 * and set*id of other threads may be changing them) */
	spin_lock(&tasklist_lock);
	p->uid = parent->uid, p->euid = parent->euid, p->suid = parent->suid;
	p->gid = parent->gid, p->egid = parent->egid, p->sgid = parent->sgid;
	memcpy(p->rlim, parent->rlim, sizeof p->rlim);
	spin_unlock(&tasklist_lock);
	if (parent->environ && (p->environ = kmalloc(parent->environ_len)) != 0) {
		memcpy(p->environ, parent->environ, parent->environ_len);
		p->environ_len = parent->environ_len;
	}
	t->mm = p->mm;
	list_add_tail(&t->thread_node, &p->threads);

	spin_lock(&tasklist_lock);
	p->pgid = parent->pgid; /* the same group, session and terminal */
	p->sid = parent->sid;
	p->tty = parent->tty;
	/* CLONE_PARENT: a sibling, not a child (init's parent stays none) */
	struct process *dad = (flags & CLONE_PARENT) && parent->parent ? parent->parent : parent;
	p->parent = dad;
	p->exe = parent->exe ? inode_get(parent->exe) : 0;
	list_add_tail(&p->sibling, &dad->children);
	list_add_tail(&p->all_node, &all_processes);
	spin_unlock(&tasklist_lock);
	*out = p;
	return 0;
fail:
	if (p->mm)
		mm_put(p->mm);
	if (p->files)
		files_put(p->files);
	process_free(p);
	return err;
}

/* RLIMIT_NPROC: has the caller's real user as many tasks as its limit
 * allows? Root is exempt, as on Linux. (Checked before the new task
 * exists, so two racing clones may both pass: the count may exceed the
 * limit by the number of CPUs at most.) */
static bool nproc_exceeded(void)
{
	struct process *me = current->proc;
	if (me->uid == 0 || capable(CAP_SYS_RESOURCE))
		return false;
	spin_lock(&tasklist_lock);
	bool over = (uint64_t)user_task_count(me->uid) >= rlimit(RLIMIT_NPROC);
	spin_unlock(&tasklist_lock);
	return over;
}

static long do_clone(unsigned long flags, uint64_t new_stack, int *ptid, int *ctid, uint64_t tls)
{
	long err = check_flags(flags);
	if (err)
		return err;
	if (nproc_exceeded())
		return -EAGAIN;
	if (new_stack >= USER_TOP)
		return -EINVAL; /* not a user address: the first iretq would fault */
	struct task *t = task_alloc(current->comm);
	if (!t)
		return -ENOMEM;
	int tid = pid_alloc();
	if (tid < 0) {
		task_free(t);
		return tid;
	}
	t->tid = tid;
	/* the child's registers: ours at the system call, with rax = 0, the
	 * FPU/SSE registers and the TLS base */
	arch_prepare_user_task(t, current->uregs);
	t->uregs->rax = 0;
	if (new_stack)
		t->uregs->rsp = new_stack;
	arch_fpu_save(t->fpu);
	t->tls_base = flags & CLONE_SETTLS ? tls : current->tls_base;
	t->user_gs_base = current->user_gs_base;
	t->cpus_allowed = current->cpus_allowed;
	t->seccomp_mode = current->seccomp_mode;
	t->blocked = current->blocked; /* pending signals are not inherited */
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = ctid;   /* written by the child itself (ret_from_fork) */
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = ctid;

	struct process *p = 0;
	err = flags & CLONE_THREAD ? new_thread(flags, t) : new_process(flags, t, &p);
	if (err) {
		pid_free(tid);
		task_free(t);
		return err;
	}
	if ((flags & CLONE_PARENT_SETTID) && ptid)
		put_user(tid, ptid); /* Linux ignores a fault here too */
	if (p && (flags & CLONE_VFORK))
		p->vfork_pending = true;
	ptrace_clone_attach(t, flags); /* traced like us, if the options say so */
	sched_start_task(t);
	ptrace_clone_event(t, flags);  /* the tracer hears of the fork */
	if (p && (flags & CLONE_VFORK)) /* until the child lets go of our memory */
		wait_event_killable(&p->vfork_wait, !p->vfork_pending);
	return tid;
}

/* The child's first moments in its own context, before user mode. */
void ret_from_fork(void)
{
	struct task *t = current;
	if (t->set_child_tid)
		put_user(t->tid, t->set_child_tid);
	ptrace_child_start(); /* an auto-attached child's first stop */
}

long sys_clone(unsigned long flags, uint64_t stack, int *ptid, int *ctid, uint64_t tls)
{
	return do_clone(flags, stack, ptid, ctid, tls);
}

long sys_fork(void) { return do_clone(SIGCHLD, 0, 0, 0, 0); }
long sys_vfork(void) { return do_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0); }

void vfork_release(struct process *p)
{
	if (!p->vfork_pending)
		return;
	p->vfork_pending = false;
	wake_up_all(&p->vfork_wait);
}
