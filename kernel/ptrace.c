/*
 * ptrace.c: tracing (see ptrace.h), the ptrace system call and the stops
 * it makes.
 *
 * The tracee's side: when something its tracer wants to see happens, the
 * traced thread calls ptrace_stop() itself, with the wait status the
 * tracer should see. ptrace_stop records it (task->ptrace_status), wakes
 * the tracer's wait4 and sends it SIGCHLD (CLD_TRAPPED), then sleeps
 * until the tracer resumes it (or SIGKILL, or the tracer goes away). The
 * places that call it:
 *
 *   syscall_dispatch      system-call entry and exit (PTRACE_SYSCALL),
 *                         SIGTRAP, or SIGTRAP | 0x80 with TRACESYSGOOD
 *   do_signal             a signal about to be delivered: the tracer may
 *                         let it through, change it or suppress it
 *   do_clone, exec, exit  the fork/vfork/clone, exec and exit events
 *
 * The tracer's side: sys_ptrace() works only on a thread it traces that
 * is in a ptrace-stop (ESRCH otherwise), reading and writing its saved
 * user registers (arch/x86_64/ptrace_regs.c) and memory (through its
 * address space, access_remote), then setting how it should go on and
 * waking it. wait4 asks ptrace_wait_report() about stops and ends of
 * traced threads.
 */
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/mm.h"
#include "kernel/process.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/sysproto.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "arch/x86_64/arch.h"
#include "arch/x86_64/trap.h"


/* traced threads sleep here in a ptrace-stop; every resume wakes all */
static struct wait_queue ptrace_wait = WAIT_QUEUE_INIT(ptrace_wait, "ptrace");

/* ---- the tracee's side ---- */

/* Stop for the tracer with wait status STATUS; returns the signal it
 * resumed us with (0: none). Called by the traced thread itself. */
static int ptrace_stop(int status)
{
	struct task *t = current;
	spin_lock(&tasklist_lock);
	struct process *tracer = t->tracer;
	if (!tracer || t->killed) {
		spin_unlock(&tasklist_lock);
		return 0;
	}
	t->ptrace_status = status;
	t->ptrace_unreported = true;
	t->ptrace_resume_sig = 0;
	wake_up_all(&tracer->child_exit);
	struct ksiginfo info = { CLD_TRAPPED, t->tid, (status >> 8) & 0xff, 0 };
	send_signal_process(tracer, SIGCHLD, &info);
	spin_unlock(&tasklist_lock);

	struct waiter w = { 0, { 0, 0 } };
	for (;;) {
		prepare_to_wait(&ptrace_wait, &w, TASK_INTERRUPTIBLE);
		if (!t->ptrace_status || t->killed)
			break;
		schedule();
	}
	finish_wait(&ptrace_wait, &w);
	spin_lock(&tasklist_lock);
	t->ptrace_status = 0;
	int sig = t->ptrace_resume_sig;
	spin_unlock(&tasklist_lock);
	return sig;
}

static bool tracing_syscalls(void) { return current->tracer && current->ptrace_mode == PTRACE_SYSCALL; }

static int syscall_trap(void)
{
	return SIGTRAP | (current->ptrace_options & PTRACE_O_TRACESYSGOOD ? 0x80 : 0);
}

void ptrace_syscall_enter(struct trap_frame *f)
{
	if (!tracing_syscalls())
		return;
	current->ptrace_info = (struct ksiginfo){ SIGTRAP, 0, 0, 0 };
	current->ptrace_sig = SIGTRAP;
	f->rax = (uint64_t)-ENOSYS; /* what the tracer sees in rax at entry, as Linux */
	int sig = ptrace_stop(syscall_trap() << 8 | 0x7f);
	if (sig) /* a signal given at a system-call stop is sent, as Linux */
		force_signal(sig, &(struct ksiginfo){ SI_USER, 0, 0, 0 });
}

void ptrace_syscall_exit(struct trap_frame *f)
{
	if (!tracing_syscalls())
		return;
	current->ptrace_info = (struct ksiginfo){ SIGTRAP, 0, 0, 0 };
	current->ptrace_sig = SIGTRAP;
	int sig = ptrace_stop(syscall_trap() << 8 | 0x7f);
	if (sig)
		force_signal(sig, &(struct ksiginfo){ SI_USER, 0, 0, 0 });
}

int ptrace_signal(int sig, struct ksiginfo *info)
{
	struct task *t = current;
	if (!t->tracer || sig == SIGKILL)
		return sig;
	t->ptrace_sig = sig;
	t->ptrace_info = *info;
	int now = ptrace_stop(sig << 8 | 0x7f);
	if (now && now != sig) { /* the tracer changed it */
		spin_lock(&tasklist_lock);
		struct process *tracer = t->tracer;
		*info = (struct ksiginfo){ SI_USER, tracer ? tracer->pid : 0, 0, 0 };
		spin_unlock(&tasklist_lock);
	}
	return now;
}

void ptrace_group_stop(int sig)
{
	/* the stop is the tracer's to end: it resumes us, or not */
	ptrace_stop(sig << 8 | 0x7f);
}

static int event_stop(int event, uint64_t msg)
{
	current->ptrace_msg = msg;
	current->ptrace_sig = SIGTRAP;
	current->ptrace_info = (struct ksiginfo){ SI_USER, 0, 0, 0 };
	return ptrace_stop((SIGTRAP | event << 8) << 8 | 0x7f);
}

/* Which event a clone with FLAGS is, and the option that reports it. */
static int clone_event(unsigned long flags, unsigned *option)
{
	if (flags & CLONE_VFORK) {
		*option = PTRACE_O_TRACEVFORK;
		return PTRACE_EVENT_VFORK;
	}
	if ((flags & CSIGNAL) == SIGCHLD && !(flags & (CLONE_VM | CLONE_THREAD))) {
		*option = PTRACE_O_TRACEFORK;
		return PTRACE_EVENT_FORK;
	}
	*option = PTRACE_O_TRACECLONE;
	return PTRACE_EVENT_CLONE;
}

void ptrace_clone_attach(struct task *child, unsigned long flags)
{
	struct task *t = current;
	unsigned option;
	clone_event(flags, &option);
	spin_lock(&tasklist_lock);
	if (t->tracer && (t->ptrace_options & option)) {
		child->tracer = t->tracer;
		child->ptrace_options = t->ptrace_options;
		child->ptrace_seized = t->ptrace_seized;
		child->ptrace_mode = PTRACE_CONT;
		child->ptrace_start_stop = true; /* stops before its first instruction */
		list_add_tail(&child->ptrace_node, &t->tracer->ptraced);
	}
	spin_unlock(&tasklist_lock);
}

void ptrace_clone_event(struct task *child, unsigned long flags)
{
	unsigned option;
	int event = clone_event(flags, &option);
	if (current->tracer && (current->ptrace_options & option))
		event_stop(event, (uint64_t)child->tid);
}

void ptrace_child_start(void)
{
	struct task *t = current;
	if (!t->ptrace_start_stop)
		return;
	t->ptrace_start_stop = false;
	/* an auto-attached child starts in a stop: SIGSTOP, or for a seized
	 * tracer PTRACE_EVENT_STOP */
	int sig;
	if (t->ptrace_seized) {
		sig = event_stop(PTRACE_EVENT_STOP, 0);
	} else {
		t->ptrace_sig = SIGSTOP;
		t->ptrace_info = (struct ksiginfo){ SI_USER, 0, 0, 0 };
		sig = ptrace_stop(SIGSTOP << 8 | 0x7f);
	}
	if (sig)
		force_signal(sig, &(struct ksiginfo){ SI_USER, 0, 0, 0 });
}

void ptrace_exec_event(int old_tid)
{
	struct task *t = current;
	if (!t->tracer)
		return;
	if (t->ptrace_options & PTRACE_O_TRACEEXEC)
		event_stop(PTRACE_EVENT_EXEC, (uint64_t)old_tid);
	else if (!t->ptrace_seized) /* the classic SIGTRAP after exec */
		force_signal(SIGTRAP, &(struct ksiginfo){ SI_USER, 0, 0, 0 });
}

void ptrace_exit_event(int status)
{
	if (current->tracer && (current->ptrace_options & PTRACE_O_TRACEEXIT))
		event_stop(PTRACE_EVENT_EXIT, (uint64_t)status);
}

void ptrace_interrupt_stop(void)
{
	struct task *t = current;
	if (t->ptrace_start_stop) {
		ptrace_child_start();
		return;
	}
	if (!t->ptrace_interrupt)
		return;
	t->ptrace_interrupt = false;
	int sig = event_stop(PTRACE_EVENT_STOP, 0);
	if (sig)
		force_signal(sig, &(struct ksiginfo){ SI_USER, 0, 0, 0 });
}

/* ---- bookkeeping, under tasklist_lock ---- */

static void detach(struct task *t)
{
	list_del(&t->ptrace_node);
	t->tracer = 0;
	t->ptrace_options = 0;
	t->ptrace_seized = false;
	t->ptrace_start_stop = t->ptrace_interrupt = false;
	if (t->uregs)
		arch_set_single_step(t, false);
	t->ptrace_status = 0; /* out of a ptrace-stop, if in one */
}

void ptrace_task_gone(struct task *t, int status)
{
	struct process *tracer = t->tracer;
	if (!tracer)
		return;
	/* the parent's wait4 reports a process's end anyway: the tracer
	 * needs a record only of threads and of processes it did not make */
	bool parent_reports = t == t->proc->main_task && t->proc->parent == tracer;
	detach(t);
	if (!parent_reports) {
		struct ptrace_exit *e = kmalloc(sizeof *e);
		if (e) { /* (out of memory: the tracer just does not hear of it) */
			e->tid = t->tid;
			e->pgid = t->proc->pgid;
			e->status = status;
			list_add_tail(&e->node, &tracer->ptrace_exits);
		}
	}
	wake_up_all(&tracer->child_exit);
}

void ptrace_tracer_gone(struct process *p)
{
	while (!list_empty(&p->ptraced)) {
		struct task *t = list_entry(p->ptraced.next, struct task, ptrace_node);
		bool kill = t->ptrace_options & PTRACE_O_EXITKILL;
		detach(t);
		if (kill)
			send_signal_process(t->proc, SIGKILL, &(struct ksiginfo){ SI_KERNEL, 0, 0, 0 });
	}
	while (!list_empty(&p->ptrace_exits)) {
		struct ptrace_exit *e = list_entry(p->ptrace_exits.next, struct ptrace_exit, node);
		list_del(&e->node);
		kfree(e);
	}
	wake_up_all(&ptrace_wait);
}

static bool wait_matches(int pid, int tid, int pgid, struct process *tracer)
{
	return pid > 0 ? tid == pid : pid == -1 ? true : pid == 0 ? pgid == tracer->pgid : pgid == -pid;
}

int ptrace_wait_report(struct process *tracer, int pid, int *status, bool *any)
{
	struct list_head *n;
	list_for_each(n, &tracer->ptraced) {
		struct task *t = list_entry(n, struct task, ptrace_node);
		if (!wait_matches(pid, t->tid, t->proc->pgid, tracer))
			continue;
		*any = true;
		if (t->ptrace_status && t->ptrace_unreported) {
			t->ptrace_unreported = false;
			*status = t->ptrace_status;
			return t->tid;
		}
	}
	list_for_each(n, &tracer->ptrace_exits) {
		struct ptrace_exit *e = list_entry(n, struct ptrace_exit, node);
		if (!wait_matches(pid, e->tid, e->pgid, tracer))
			continue;
		int tid = e->tid;
		*status = e->status;
		*any = true;
		list_del(&e->node);
		kfree(e);
		return tid;
	}
	return 0;
}

/* ---- the tracer's side ---- */

/* Linux's rule (ptrace(2), "Ptrace access mode checking"): the target's
 * real, effective and saved uids (and gids) all equal our real uid (gid),
 * or we may trace anyone (CAP_SYS_PTRACE: root). tasklist_lock held. */
static bool may_trace(const struct process *p)
{
	const struct process *me = current->proc;
	if (capable(CAP_SYS_PTRACE))
		return true;
	return p->uid == me->uid && p->euid == me->uid && p->suid == me->uid && p->gid == me->gid &&
	       p->egid == me->gid && p->sgid == me->gid;
}

static long attach(int tid, bool seize, unsigned long options)
{
	struct process *me = current->proc;
	if (seize && (options & ~(unsigned long)PTRACE_O_MASK))
		return -EINVAL;
	spin_lock(&tasklist_lock);
	struct task *t = task_find(tid);
	long r = 0;
	if (!t)
		r = -ESRCH;
	else if (t->proc == me || t->proc == init_process || t->tracer)
		r = -EPERM; /* itself, init, or traced already */
	else if (!may_trace(t->proc))
		r = -EPERM;
	else {
		t->tracer = me;
		t->ptrace_seized = seize;
		t->ptrace_options = seize ? (unsigned)options : 0;
		t->ptrace_mode = PTRACE_CONT;
		list_add_tail(&t->ptrace_node, &me->ptraced);
		if (!seize) /* PTRACE_ATTACH stops it with SIGSTOP */
			send_signal_thread(t, SIGSTOP, &(struct ksiginfo){ SI_USER, me->pid, 0, 0 });
	}
	spin_unlock(&tasklist_lock);
	return r;
}

static long traceme(void)
{
	struct task *t = current;
	spin_lock(&tasklist_lock);
	struct process *parent = t->proc->parent;
	long r = 0;
	if (t->tracer || !parent || parent == init_process)
		r = -EPERM;
	else {
		t->tracer = parent;
		t->ptrace_mode = PTRACE_CONT;
		list_add_tail(&t->ptrace_node, &parent->ptraced);
	}
	spin_unlock(&tasklist_lock);
	return r;
}

/* Copy LEN bytes between the kernel and address ADDR of MM, working in
 * MM as if it were ours for the moment (its page tables loaded, its
 * fault handling). */
static long access_remote(struct mm *mm, uint64_t addr, void *buf, size_t len, bool write)
{
	struct task *me = current;
	struct mm *own = me->mm;
	me->mm = mm;
	arch_switch_mm(mm);
	long r = write ? copy_to_user((void *)addr, buf, len) : copy_from_user(buf, (const void *)addr, len);
	me->mm = own;
	arch_switch_mm(own);
	return r;
}

/* struct user: the registers first; u_debugreg at 848..911 (read as 0) */
#define USER_SIZE 912

static long resume(struct task *t, long request, unsigned long sig)
{
	if (sig >= NSIG)
		return -EIO;
	t->ptrace_mode = (int)request;
	arch_set_single_step(t, request == PTRACE_SINGLESTEP);
	t->ptrace_resume_sig = (int)sig;
	t->ptrace_status = 0;
	wake_up_all(&ptrace_wait);
	return 0;
}

long sys_ptrace(long request, int pid, unsigned long addr, unsigned long data)
{
	switch (request) {
	case PTRACE_TRACEME:
		return traceme();
	case PTRACE_ATTACH:
		return attach(pid, false, 0);
	case PTRACE_SEIZE:
		if (addr)
			return -EIO;
		return attach(pid, true, data);
	}
	uint64_t word = 0, regs[USER_REGS_WORDS];
	uint8_t siginfo[128];
	if (request == PTRACE_SETREGS && copy_from_user(regs, (const void *)data, sizeof regs))
		return -EFAULT;
	/* everything about the tracee is read or set under tasklist_lock:
	 * it may be killed and freed once the lock is dropped; user memory
	 * is copied after (copying may fault and sleep) */
	struct process *me = current->proc;
	struct mm *mm = 0;
	void *out = 0;
	size_t out_len = 0;
	spin_lock(&tasklist_lock);
	struct task *t = task_find(pid);
	bool ours = t && t->tracer == me;
	bool stopped = ours && t->ptrace_status != 0;
	long r = 0;
	if (!ours) {
		r = -ESRCH;
	} else if (request == PTRACE_INTERRUPT) {
		if (!t->ptrace_seized)
			r = -EIO;
		else if (!stopped) {
			t->ptrace_interrupt = true; /* counts as a pending signal */
			signal_kick(t);
		}
	} else if (request == PTRACE_KILL) {
		send_signal_process(t->proc, SIGKILL, &(struct ksiginfo){ SI_USER, me->pid, 0, 0 });
	} else if (!stopped) {
		r = -ESRCH; /* the rest need it in a ptrace-stop */
	} else {
		switch (request) {
		case PTRACE_DETACH:
			if (data >= NSIG)
				r = -EIO;
			else {
				detach(t);
				t->ptrace_resume_sig = (int)data;
				wake_up_all(&ptrace_wait);
			}
			break;
		case PTRACE_CONT:
		case PTRACE_SYSCALL:
		case PTRACE_SINGLESTEP:
			r = resume(t, request, data);
			break;
		case PTRACE_SETOPTIONS:
			if (data & ~(unsigned long)PTRACE_O_MASK)
				r = -EINVAL;
			else
				t->ptrace_options = (unsigned)data;
			break;
		case PTRACE_PEEKTEXT:
		case PTRACE_PEEKDATA:
		case PTRACE_POKETEXT:
		case PTRACE_POKEDATA:
			if ((mm = t->proc->mm) != 0) /* kept while we look */
				__atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
			else
				r = -ESRCH;
			break;
		case PTRACE_PEEKUSER:
			if (addr & 7 || addr >= USER_SIZE) {
				r = -EIO;
				break;
			}
			arch_get_user_regs(t, regs);
			word = addr < sizeof regs ? regs[addr / 8] : 0; /* debug registers: 0 */
			out = &word, out_len = sizeof word;
			break;
		case PTRACE_POKEUSER:
			if (addr & 7 || addr >= sizeof regs) {
				r = -EIO;
				break;
			}
			arch_get_user_regs(t, regs);
			regs[addr / 8] = data;
			r = arch_set_user_regs(t, regs);
			break;
		case PTRACE_GETREGS:
			arch_get_user_regs(t, regs);
			out = regs, out_len = sizeof regs;
			break;
		case PTRACE_SETREGS:
			r = arch_set_user_regs(t, regs);
			break;
		case PTRACE_GETEVENTMSG:
			word = t->ptrace_msg;
			out = &word, out_len = sizeof word;
			break;
		case PTRACE_GETSIGINFO:
			if (!t->ptrace_sig) {
				r = -EINVAL;
				break;
			}
			arch_fill_siginfo(siginfo, t->ptrace_sig, &t->ptrace_info);
			out = siginfo, out_len = sizeof siginfo;
			break;
		default:
			r = -EIO;
		}
	}
	spin_unlock(&tasklist_lock);
	if (mm) {
		bool poke = request == PTRACE_POKETEXT || request == PTRACE_POKEDATA;
		word = data;
		r = access_remote(mm, addr, &word, sizeof word, poke) ? -EIO : 0;
		mm_put(mm);
		if (!r && !poke) /* the raw call stores a peeked word at DATA */
			out = &word, out_len = sizeof word;
	}
	if (!r && out)
		r = copy_to_user((void *)data, out, out_len);
	return r;
}
