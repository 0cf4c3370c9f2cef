/*
 * exit.c: how processes end and are waited for.
 *
 * do_exit releases what the process holds (files, working directory,
 * memory), hands its children to init, records the wait status and
 * becomes a zombie; wait4 in the parent collects the status and frees
 * the rest (pid, task, process). Also kill(), which for now knows only
 * the default actions "terminate" and "ignore" (signal handlers, masks
 * and stopping come with the signals issue).
 */
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/mm.h"
#include "kernel/panic.h"
#include "kernel/pid.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/session.h"
#include "kernel/string.h"
#include "kernel/sysproto.h"
#include "kernel/tty.h"
#include "kernel/uaccess.h"
#include "kernel/futex.h"
#include "kernel/vfs.h"

#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8
#define WALL_FLAGS 0xe0000000u /* __WNOTHREAD, __WALL, __WCLONE */

struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist");
struct list_head all_processes = LIST_HEAD_INIT(all_processes);
struct process *init_process;

struct process *process_find(int pid)
{
	struct list_head *n;
	list_for_each(n, &all_processes) {
		struct process *p = list_entry(n, struct process, all_node);
		if (p->pid == pid)
			return p;
	}
	return 0;
}

struct task *task_find(int tid)
{
	struct list_head *n, *m;
	list_for_each(n, &all_processes) {
		struct process *p = list_entry(n, struct process, all_node);
		if (p->exited)
			continue;
		list_for_each(m, &p->threads) {
			struct task *t = list_entry(m, struct task, thread_node);
			if (t->tid == tid)
				return t;
		}
	}
	return 0;
}

void kill_other_threads(struct process *p, struct task *except)
{
	struct list_head *n;
	list_for_each(n, &p->threads) {
		struct task *t = list_entry(n, struct task, thread_node);
		if (t == except)
			continue;
		if (!t->killed)
			t->killed = 9; /* SIGKILL: it ends on its way back to user mode */
		wake_up_process(t);  /* from a killable sleep */
		sched_kick_cpu(t);   /* or from user mode on another CPU */
	}
}

/* CLONE_CHILD_CLEARTID: tell a joining thread we are gone. */
static void clear_child_tid(struct task *t)
{
	if (!t->clear_child_tid || !t->mm)
		return;
	int zero = 0;
	if (copy_to_user(t->clear_child_tid, &zero, sizeof zero) == 0)
		futex_wake_address(t->clear_child_tid, 1);
}

/* The last thread of P is leaving: P itself ends with STATUS. */
static void exit_process(struct process *p, struct task *t, int status)
{
	struct files *files = p->files;
	struct fs_info *fs = p->fs;
	struct mm *mm = p->mm;
	struct inode *exe = p->exe;
	spin_lock(&tasklist_lock);
	p->files = 0;
	p->fs = 0;
	p->mm = 0;
	p->exe = 0;
	spin_unlock(&tasklist_lock);
	inode_put(exe);
	files_put(files);
	fs_info_put(fs);
	t->mm = 0;
	arch_switch_mm(0); /* off the page tables we are about to free */
	mm_put(mm);
	vfork_release(p);

	spin_lock(&tasklist_lock);
	bool orphan_zombies = false;
	struct list_head *n, *tmp;
	list_for_each_safe(n, tmp, &p->children) {
		struct process *c = list_entry(n, struct process, sibling);
		list_del(&c->sibling);
		c->parent = init_process;
		list_add_tail(&c->sibling, &init_process->children);
		orphan_zombies |= c->exited;
		pgrp_check_orphaned(c, p); /* a child's job may have lost its shell */
	}
	pgrp_check_orphaned(p, p);
	if (p->pid == p->sid)
		tty_session_leader_exit(p); /* the terminal hangs up on the session */
	p->exit_status = p->group_exiting ? p->group_status : status;
	ptrace_task_gone(t, p->exit_status); /* its tracer hears of it */
	ptrace_tracer_gone(p);               /* its tracees run free */
	p->exit_ticks_user = t->ticks_user;
	p->exit_ticks_system = t->ticks_system;
	/* this task ends with the process: the group leader's task is freed
	 * by the reaper (its tid is the pid); another thread's after it has
	 * switched away. Decided now: once `exited` is set and the lock
	 * dropped, P may be freed at any moment. */
	if (t == p->main_task) {
		t->state = TASK_ZOMBIE;
	} else {
		pid_free(t->tid);
		t->state = TASK_DEAD;
	}
	p->exited = true;
	struct process *parent = p->parent;
	if (notify_parent(p)) {
		/* the parent ignores SIGCHLD (or SA_NOCLDWAIT): no zombie; the
		 * process is freed with this task, once it has switched away */
		list_del(&p->sibling);
		list_del(&p->all_node);
		if (t == p->main_task) {
			p->main_task = 0;
			t->state = TASK_DEAD;
		}
		t->release_process = p;
	}
	/* wake while the lock keeps the parent from being reaped itself */
	wake_up_all(&parent->child_exit);
	if (orphan_zombies)
		wake_up_all(&init_process->child_exit);
	spin_unlock(&tasklist_lock);
}

void do_exit(int status)
{
	struct task *t = current;
	struct process *p = t->proc;
	if (!t->killed)
		ptrace_exit_event(status); /* PTRACE_O_TRACEEXIT */
	clear_child_tid(t);

	spin_lock(&tasklist_lock);
	list_del(&t->thread_node);
	bool last = --p->nthreads == 0;
	if (!last) {
		ptrace_task_gone(t, p->group_exiting ? p->group_status : status);
		/* Another thread carries on. The group leader's task stays (as a
		 * zombie) until the process is reaped: its tid is the pid. */
		if (t->mm) /* drop this thread's use of the address space */
			__atomic_sub_fetch(&t->mm->users, 1, __ATOMIC_RELAXED);
		if (t == p->main_task) {
			t->state = TASK_ZOMBIE;
		} else {
			pid_free(t->tid);
			t->state = TASK_DEAD; /* freed once switched away from */
		}
		wake_up_all(&p->thread_exit);
		spin_unlock(&tasklist_lock);
		t->mm = 0;
		arch_switch_mm(0);
		schedule();
		panic("do_exit: a dead thread was scheduled");
	}
	spin_unlock(&tasklist_lock);

	if (p == init_process)
		panic("init (pid 1) exited with wait status %#x", p->group_exiting ? p->group_status : status);
	exit_process(p, t, status); /* P may be gone after this: do not touch it */
	schedule();
	panic("do_exit: a zombie was scheduled");
}

void do_exit_group(int status)
{
	struct process *p = current->proc;
	spin_lock(&tasklist_lock);
	if (!p->group_exiting) {
		p->group_exiting = true;
		p->group_status = status;
	}
	kill_other_threads(p, current);
	spin_unlock(&tasklist_lock);
	do_exit(status);
}

long sys_exit(int code) { do_exit(W_EXITCODE(code, 0)); }           /* this thread */
long sys_exit_group(int code) { do_exit_group(W_EXITCODE(code, 0)); } /* all of them */

void user_fault(int sig, int code, const char *what, uint64_t addr, uint64_t ip, uint64_t sp, uint64_t error)
{
	struct process *p = current->proc;
	if ((handler_is_default(p, sig) || (current->blocked & sigbit(sig))) && !current->tracer) {
		/* it will end the process: say so, as Linux does */
		if (sig == SIGSEGV && code != SI_KERNEL)
			printk(KERN_INFO "%s[%d]: %s at %lx ip %016lx sp %016lx error %lx\n", p->comm, p->pid,
			       what, (unsigned long)addr, (unsigned long)ip, (unsigned long)sp,
			       (unsigned long)error);
		else
			printk(KERN_INFO "traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n", p->comm, p->pid, what,
			       (unsigned long)ip, (unsigned long)sp, (unsigned long)error);
	}
	struct ksiginfo info = { code, 0, 0, addr };
	force_signal(sig, &info);
}

#define WNOTHREAD 0x20000000
#define WALL      0x40000000
#define WCLONE    0x80000000u

static bool matches(struct process *c, int pid, struct process *me, int options)
{
	/* "clone children" (exit signal other than SIGCHLD) are waited for
	 * only with __WCLONE, ordinary ones only without; __WALL: both */
	bool clone_child = c->exit_signal != 17;
	if (!(options & WALL) && clone_child != !!(options & (int)WCLONE))
		return false;
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	if (pid == 0)
		return c->pgid == me->pgid;
	return c->pgid == -pid;
}

void release_process(struct process *p)
{
	if (p->main_task) /* the leader, a zombie since it exited first */
		task_free(p->main_task);
	pid_free(p->pid);
	process_free(p);
}

/* Free a reaped zombie. It is off the process lists already. */
static void release_zombie(struct process *c)
{
	struct task *t = c->main_task;
	task_free(t); /* waits until it has switched away for the last time */
	pid_free(c->pid);
	process_free(c);
}

long sys_wait4(int pid, int *ustatus, int options, void *rusage)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | (int)WALL_FLAGS))
		return -EINVAL;
	if (ustatus && !access_ok((uint64_t)ustatus, sizeof(int)))
		return -EFAULT;
	if (pid == -2147483647 - 1)
		return -ESRCH; /* Linux: -INT_MIN has no process group */
	struct process *me = current->proc;
	struct waiter w = { 0, { 0, 0 } };
	for (;;) {
		spin_lock(&tasklist_lock);
		bool have_child = false;
		struct process *zombie = 0;
		int changed_status = 0;
		/* first the threads we trace: ptrace-stops, ends of threads */
		int changed_pid = ptrace_wait_report(me, pid, &changed_status, &have_child);
		struct list_head *n;
		list_for_each(n, &me->children) {
			if (changed_pid)
				break;
			struct process *c = list_entry(n, struct process, sibling);
			if (!matches(c, pid, me, options))
				continue;
			have_child = true;
			if (c->exited) {
				zombie = c;
				break;
			}
			/* stopped or continued: reported once, the child stays */
			if ((options & WUNTRACED) && c->stop_unreported) {
				c->stop_unreported = false;
				changed_pid = c->pid;
				changed_status = c->stop_sig << 8 | 0x7f;
				break;
			}
			if ((options & WCONTINUED) && c->cont_unreported) {
				c->cont_unreported = false;
				changed_pid = c->pid;
				changed_status = 0xffff;
				break;
			}
		}
		if (changed_pid) {
			spin_unlock(&tasklist_lock);
			finish_wait(&me->child_exit, &w);
			if (ustatus && put_user(changed_status, ustatus))
				return -EFAULT;
			return changed_pid;
		}
		if (zombie) {
			list_del(&zombie->sibling);
			list_del(&zombie->all_node);
			spin_unlock(&tasklist_lock);
			finish_wait(&me->child_exit, &w);
			int status = zombie->exit_status, zpid = zombie->pid;
			release_zombie(zombie);
			if (ustatus && put_user(status, ustatus))
				return -EFAULT;
			if (rusage) {
				static const char zeros[144];
				if (copy_to_user(rusage, zeros, sizeof zeros))
					return -EFAULT;
			}
			return zpid;
		}
		if (!have_child || (options & WNOHANG) || signal_pending(current)) {
			spin_unlock(&tasklist_lock);
			finish_wait(&me->child_exit, &w);
			return !have_child ? -ECHILD : (options & WNOHANG) ? 0 : -ERESTARTSYS;
		}
		prepare_to_wait(&me->child_exit, &w, TASK_INTERRUPTIBLE);
		spin_unlock(&tasklist_lock);
		schedule();
	}
}


long sys_kill(int pid, int sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	struct process *me = current->proc;
	struct ksiginfo info = { SI_USER, me->pid, 0, 0 };
	long found = 0, denied = 0;
	spin_lock(&tasklist_lock);
	struct list_head *n;
	list_for_each(n, &all_processes) {
		struct process *p = list_entry(n, struct process, all_node);
		bool hit = pid > 0 ? p->pid == pid
			 : pid == 0 ? p->pgid == me->pgid
			 : pid == -1 ? p != init_process && p != me
			 : p->pgid == -pid;
		if (!hit || (p->exited && pid <= 0))
			continue;
		if (p == init_process && sig != 0 && pid != 1)
			continue; /* init only gets signals sent to it by pid */
		found++;
		if (!kill_permitted(p, sig)) {
			denied++; /* another user's process */
			continue;
		}
		if (sig == 0)
			continue; /* only: does it exist? */
		/* init gets only the signals it has handlers for, as on Linux */
		if (p == init_process && handler_is_default(p, sig))
			continue;
		send_signal_process(p, sig, &info);
	}
	spin_unlock(&tasklist_lock);
	if (!found)
		return -ESRCH;
	return denied == found ? -EPERM : 0;
}

long sys_tgkill(int tgid, int tid, int sig)
{
	if (sig < 0 || sig > NSIG || tid <= 0 || (tgid <= 0 && tgid != -1))
		return -EINVAL;
	struct ksiginfo info = { SI_TKILL, current->proc->pid, 0, 0 };
	spin_lock(&tasklist_lock);
	struct task *target = 0;
	struct list_head *n, *m;
	list_for_each(n, &all_processes) {
		struct process *p = list_entry(n, struct process, all_node);
		if (p->exited || (tgid != -1 && p->pid != tgid))
			continue;
		list_for_each(m, &p->threads) {
			struct task *t = list_entry(m, struct task, thread_node);
			if (t->tid == tid)
				target = t;
		}
	}
	long err = 0;
	if (!target)
		err = -ESRCH;
	else if (!kill_permitted(target->proc, sig))
		err = -EPERM;
	else if (sig && !(target->proc == init_process && handler_is_default(target->proc, sig)))
		send_signal_thread(target, sig, &info);
	spin_unlock(&tasklist_lock);
	return err;
}

long sys_tkill(int tid, int sig) { return sys_tgkill(-1, tid, sig); }
