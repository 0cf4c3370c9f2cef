/*
 * signal.c: sending signals, and acting on them on the way back to user
 * mode (see signal.h for the story; the frame a handler runs on is
 * built by arch/x86_64/signal_frame.c).
 *
 * Locking: pending sets and the process tree are guarded by
 * tasklist_lock; signal actions by their sighand's lock; a thread's
 * blocked mask is changed only by the thread itself.
 */
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/session.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/sysproto.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "arch/x86_64/trap.h"

struct sighand *sighand_new(void)
{
	struct sighand *sh = kzalloc(sizeof *sh);
	if (!sh)
		return 0;
	spin_init(&sh->lock, "sighand");
	sh->refs = 1;
	return sh;
}

struct sighand *sighand_copy(struct sighand *src)
{
	struct sighand *sh = sighand_new();
	if (!sh)
		return 0;
	spin_lock(&src->lock);
	memcpy(sh->action, src->action, sizeof sh->action);
	spin_unlock(&src->lock);
	return sh;
}

void sighand_put(struct sighand *sh)
{
	if (sh && __atomic_sub_fetch(&sh->refs, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sh);
}

void sighand_exec_reset(struct sighand *sh)
{
	spin_lock(&sh->lock);
	for (int i = 0; i < NSIG; i++) {
		if (sh->action[i].handler != SIG_IGN)
			sh->action[i].handler = SIG_DFL;
		sh->action[i].flags = 0;
		sh->action[i].mask = 0;
		sh->action[i].restorer = 0;
	}
	spin_unlock(&sh->lock);
}

/* Default actions (signal(7)). */
static bool default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

static bool default_dumps_core(int sig)
{
	return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP || sig == SIGABRT || sig == SIGBUS ||
	       sig == SIGFPE || sig == SIGSEGV || sig == SIGXCPU || sig == SIGXFSZ || sig == SIGSYS;
}

static uint64_t handler_of(struct process *p, int sig)
{
	return p->sighand ? p->sighand->action[sig - 1].handler : SIG_DFL;
}

bool handler_is_default(struct process *p, int sig) { return handler_of(p, sig) == SIG_DFL; }

bool signal_ignored_or_blocked(struct task *t, int sig)
{
	return (t->blocked & sigbit(sig)) || handler_of(t->proc, sig) == SIG_IGN;
}

/* Would SIG do nothing at all if it arrived now? Then it is not queued. */
static bool ignored(struct process *p, int sig)
{
	uint64_t h = handler_of(p, sig);
	return h == SIG_IGN || (h == SIG_DFL && default_ignores(sig));
}

static void queue(struct sigpending *sp, int sig, const struct ksiginfo *info)
{
	if (sp->set & sigbit(sig))
		return; /* already pending: standard signals do not queue */
	sp->set |= sigbit(sig);
	sp->info[sig - 1] = *info;
}

/* Tell P's parent that P stopped or continued (CLD_STOPPED, CLD_CONTINUED),
 * unless it asked not to be told (SA_NOCLDSTOP). Caller holds tasklist_lock. */
static void notify_parent_stop(struct process *p, int code, int sig)
{
	struct process *parent = p->parent;
	if (!parent || parent->exited)
		return;
	wake_up_all(&parent->child_exit); /* wait4(WUNTRACED / WCONTINUED) */
	struct k_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];
	if (ka->flags & SA_NOCLDSTOP)
		return;
	struct ksiginfo info = { code, p->pid, sig, 0 };
	send_signal_process(parent, SIGCHLD, &info);
}

static void stop_cont_side_effects(struct process *p, int sig);

/* T should look at its signals soon: wake it, or interrupt its CPU. */
void signal_kick(struct task *t)
{
	wake_up_process(t); /* ends an interruptible sleep */
	sched_kick_cpu(t);
}

void send_signal_thread(struct task *t, int sig, const struct ksiginfo *info)
{
	struct process *p = t->proc;
	if (!p || p->exited)
		return;
	stop_cont_side_effects(p, sig);
	if (sig == SIGKILL) { /* cannot be caught, blocked or ignored */
		if (!p->group_exiting) {
			p->group_exiting = true;
			p->group_status = SIGKILL;
		}
		kill_other_threads(p, 0);
		return;
	}
	if (ignored(p, sig) && !(t->blocked & sigbit(sig)))
		return;
	queue(t->pending, sig, info);
	signal_kick(t); /* a blocked one too: it may be in sigtimedwait */
}

/* Job control's side effects happen when a signal is sent, whatever the
 * handler: SIGCONT continues a stopped process and cancels pending stops;
 * a stop signal cancels a pending SIGCONT. Caller holds tasklist_lock. */
static void stop_cont_side_effects(struct process *p, int sig)
{
	struct list_head *n;
	if (sig == SIGCONT) {
		uint64_t stops = sigbit(SIGSTOP) | sigbit(SIGTSTP) | sigbit(SIGTTIN) | sigbit(SIGTTOU);
		p->shared_pending->set &= ~stops;
		list_for_each(n, &p->threads)
			list_entry(n, struct task, thread_node)->pending->set &= ~stops;
		if (p->stopped) {
			p->stopped = false;
			p->stop_unreported = false;
			p->cont_unreported = true;
			wake_up_all(&p->stop_wait);
			notify_parent_stop(p, CLD_CONTINUED, SIGCONT);
		}
	} else if (is_stop_signal(sig)) {
		p->shared_pending->set &= ~sigbit(SIGCONT);
		list_for_each(n, &p->threads)
			list_entry(n, struct task, thread_node)->pending->set &= ~sigbit(SIGCONT);
	}
}

void send_signal_process(struct process *p, int sig, const struct ksiginfo *info)
{
	if (p->exited)
		return;
	stop_cont_side_effects(p, sig);
	if (sig == SIGKILL) {
		send_signal_thread(p->main_task, sig, info);
		return;
	}
	struct list_head *n;
	/* ignored by every thread? then it is simply dropped */
	bool anyone_blocks = false;
	list_for_each(n, &p->threads)
		anyone_blocks |= (list_entry(n, struct task, thread_node)->blocked & sigbit(sig)) != 0;
	if (ignored(p, sig) && !anyone_blocks)
		return;
	queue(p->shared_pending, sig, info);
	/* any thread not blocking it may take it: wake the first such (if
	 * all block it, wake them all: one may be in sigtimedwait) */
	bool woken = false;
	list_for_each(n, &p->threads) {
		struct task *t = list_entry(n, struct task, thread_node);
		if (!(t->blocked & sigbit(sig))) {
			signal_kick(t);
			woken = true;
			break;
		}
	}
	if (!woken)
		list_for_each(n, &p->threads)
			signal_kick(list_entry(n, struct task, thread_node));
}

void force_signal(int sig, const struct ksiginfo *info)
{
	struct task *t = current;
	struct process *p = t->proc;
	spin_lock(&p->sighand->lock);
	struct k_sigaction *ka = &p->sighand->action[sig - 1];
	/* a fault that cannot be handled (blocked or ignored) kills, as in Linux */
	if (ka->handler == SIG_IGN || (t->blocked & sigbit(sig)))
		ka->handler = SIG_DFL;
	spin_unlock(&p->sighand->lock);
	t->blocked &= ~sigbit(sig);
	spin_lock(&tasklist_lock);
	queue(t->pending, sig, info);
	spin_unlock(&tasklist_lock);
}

bool signal_pending(struct task *t)
{
	if (t->killed || t->ptrace_interrupt)
		return true;
	if (!t->pending)
		return false;
	uint64_t shared = t->proc && t->proc->shared_pending ? t->proc->shared_pending->set : 0;
	return ((t->pending->set | shared) & ~t->blocked) != 0;
}

/* Take the lowest-numbered pending signal of WANTED: thread's own first. */
static int dequeue_from(struct task *t, uint64_t wanted, struct ksiginfo *info)
{
	spin_lock(&tasklist_lock);
	struct sigpending *sps[2] = { t->pending, t->proc->shared_pending };
	int sig = 0;
	for (int k = 0; k < 2 && !sig; k++) {
		uint64_t ready = sps[k]->set & wanted;
		if (ready) {
			sig = __builtin_ctzll(ready) + 1;
			sps[k]->set &= ~sigbit(sig);
			*info = sps[k]->info[sig - 1];
		}
	}
	spin_unlock(&tasklist_lock);
	return sig;
}

static int dequeue_signal(struct task *t, struct ksiginfo *info) { return dequeue_from(t, ~t->blocked, info); }

void do_signal(struct trap_frame *f, bool from_syscall)
{
	struct task *t = current;
	struct process *p = t->proc;
	if (!p)
		return;
	long ret = from_syscall ? (long)f->rax : 0;
	/* ERESTARTSYS: restarted after a handler with SA_RESTART, or when no
	 * handler runs; ERESTARTNOHAND (pause): only when no handler runs */
	bool restartable = from_syscall && (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND);
	for (;;) {
		if (t->killed)
			do_exit(t->killed);
		struct ksiginfo info;
		int sig = dequeue_signal(t, &info);
		if (!sig)
			break;
		if (t->tracer && !(sig = ptrace_signal(sig, &info)))
			continue; /* the tracer suppressed it */
		spin_lock(&p->sighand->lock);
		struct k_sigaction ka = p->sighand->action[sig - 1];
		if (ka.handler > SIG_IGN && (ka.flags & SA_RESETHAND))
			p->sighand->action[sig - 1].handler = SIG_DFL;
		spin_unlock(&p->sighand->lock);
		if (ka.handler == SIG_IGN)
			continue;
		if (ka.handler == SIG_DFL) {
			if (default_ignores(sig))
				continue;
			if (is_stop_signal(sig) && t->tracer) { /* the tracer decides when it goes on */
				ptrace_group_stop(sig);
				continue;
			}
			if (is_stop_signal(sig)) { /* the default: the whole process stops */
				spin_lock(&tasklist_lock);
				/* a terminal's stop in an orphaned group would never be
				 * continued: POSIX discards it */
				bool discard = sig != SIGSTOP && pgrp_is_orphaned(p->pgid, 0);
				if (!p->stopped && !p->group_exiting && !discard) {
					p->stopped = true;
					p->stop_sig = sig;
					p->stop_unreported = true;
					p->cont_unreported = false;
					notify_parent_stop(p, CLD_STOPPED, sig);
					struct list_head *n;
					list_for_each(n, &p->threads) /* the others stop on their way out */
						sched_kick_cpu(list_entry(n, struct task, thread_node));
				}
				spin_unlock(&tasklist_lock);
				stop_wait_if_stopped();
				continue;
			}
			/* the default for the rest: the whole process ends,
			 * flagged "core dumped" only where RLIMIT_CORE would
			 * allow a core (none is written here) */
			bool core = default_dumps_core(sig) && rlimit(RLIMIT_CORE) > 0;
			do_exit_group(sig | (core ? 0x80 : 0));
		}
		/* a handler: decide about the interrupted call, then build the frame */
		if (restartable) {
			if ((ka.flags & SA_RESTART) && ret == -ERESTARTSYS) {
				f->rax = f->error;   /* the call's number, saved at entry */
				f->rip -= 2;         /* back onto the syscall / int $0x80 */
			} else {
				f->rax = (uint64_t)-EINTR;
			}
			restartable = false;
		}
		uint64_t old_mask = t->restore_blocked ? t->saved_blocked : t->blocked;
		t->restore_blocked = false;
		if (arch_setup_signal_frame(f, sig, &info, &ka, old_mask) != 0) {
			/* no room for the frame (bad stack): SIGSEGV, which kills */
			struct ksiginfo segv = { SI_KERNEL, 0, 0, 0 };
			force_signal(SIGSEGV, &segv);
			continue;
		}
		t->blocked |= ka.mask | (ka.flags & SA_NODEFER ? 0 : sigbit(sig));
		t->blocked &= ~UNBLOCKABLE;
		return; /* one handler per return to user mode; the rest come next time */
	}
	/* no handler ran: an interrupted call starts again, invisibly */
	if (restartable) {
		f->rax = f->error;
		f->rip -= 2;
	}
	if (t->restore_blocked) { /* sigsuspend woke without a handler */
		t->blocked = t->saved_blocked;
		t->restore_blocked = false;
	}
}

void stop_wait_if_stopped(void)
{
	struct process *p = current->proc;
	if (!p || !p->stopped)
		return;
	/* parked until SIGCONT (or killed: SIGKILL wakes stopped threads) */
	struct waiter w = { 0, { 0, 0 } };
	for (;;) {
		prepare_to_wait(&p->stop_wait, &w, TASK_INTERRUPTIBLE);
		if (!p->stopped || current->killed)
			break;
		schedule();
	}
	finish_wait(&p->stop_wait, &w);
}

bool notify_parent(struct process *p)
{
	struct process *parent = p->parent;
	if (!parent || parent->exited)
		return false;
	int status = p->group_exiting ? p->group_status : p->exit_status;
	struct ksiginfo info = { 0, p->pid, 0, 0 };
	if ((status & 0x7f) == 0) {
		info.code = CLD_EXITED;
		info.status = (status >> 8) & 0xff;
	} else {
		info.code = status & 0x80 ? CLD_DUMPED : CLD_KILLED;
		info.status = status & 0x7f;
	}
	int sig = p->exit_signal;
	bool autoreap = false;
	if (sig == SIGCHLD && parent->sighand) {
		struct k_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];
		autoreap = ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
	}
	if (sig > 0 && sig <= NSIG)
		send_signal_process(parent, sig, &info);
	return autoreap;
}

/* ---- system calls ---- */

long sys_rt_sigaction(int sig, const struct k_sigaction *uact, struct k_sigaction *uold, size_t size)
{
	if (size != 8)
		return -EINVAL; /* the kernel's sigset_t is 8 bytes */
	if (sig < 1 || sig > NSIG)
		return -EINVAL;
	struct k_sigaction act;
	if (uact && copy_from_user(&act, uact, sizeof act))
		return -EFAULT;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	struct sighand *sh = current->proc->sighand;
	spin_lock(&sh->lock);
	struct k_sigaction old = sh->action[sig - 1];
	if (uact) {
		act.mask &= ~UNBLOCKABLE;
		sh->action[sig - 1] = act;
	}
	spin_unlock(&sh->lock);
	if (uact && (act.handler == SIG_IGN || (act.handler == SIG_DFL && default_ignores(sig)))) {
		/* POSIX: setting SIG_IGN discards that signal if pending */
		spin_lock(&tasklist_lock);
		struct list_head *n;
		list_for_each(n, &current->proc->threads)
			list_entry(n, struct task, thread_node)->pending->set &= ~sigbit(sig);
		current->proc->shared_pending->set &= ~sigbit(sig);
		spin_unlock(&tasklist_lock);
	}
	if (uold && copy_to_user(uold, &old, sizeof old))
		return -EFAULT;
	return 0;
}

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

long sys_rt_sigprocmask(int how, const uint64_t *uset, uint64_t *uold, size_t size)
{
	if (size != 8)
		return -EINVAL;
	struct task *t = current;
	uint64_t old = t->blocked, set;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof set))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: t->blocked |= set; break;
		case SIG_UNBLOCK: t->blocked &= ~set; break;
		case SIG_SETMASK: t->blocked = set; break;
		default: return -EINVAL;
		}
		t->blocked &= ~UNBLOCKABLE;
	}
	if (uold && copy_to_user(uold, &old, sizeof old))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(uint64_t *uset, size_t size)
{
	if (size > 8)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	uint64_t set = (current->pending->set | current->proc->shared_pending->set) & current->blocked;
	spin_unlock(&tasklist_lock);
	return copy_to_user(uset, &set, size);
}

long sys_rt_sigsuspend(const uint64_t *umask, size_t size)
{
	if (size != 8)
		return -EINVAL;
	uint64_t mask;
	if (copy_from_user(&mask, umask, sizeof mask))
		return -EFAULT;
	struct task *t = current;
	t->saved_blocked = t->blocked;
	t->restore_blocked = true;
	t->blocked = mask & ~UNBLOCKABLE;
	/* sleep until a signal is pending; the handler's frame restores the
	 * old mask (do_signal), and the call always "fails" with EINTR */
	struct waiter w = { 0, { 0, 0 } };
	static struct wait_queue never = WAIT_QUEUE_INIT(never, "sigsuspend");
	for (;;) {
		prepare_to_wait(&never, &w, TASK_INTERRUPTIBLE);
		if (signal_pending(t))
			break;
		schedule();
	}
	finish_wait(&never, &w);
	return -EINTR;
}

/* sigwaitinfo/sigtimedwait: take a signal of SET (usually blocked) as
 * a value instead of running its handler. */
long sys_rt_sigtimedwait(const uint64_t *uset, void *uinfo, const void *utimeout, size_t size)
{
	if (size != 8)
		return -EINVAL;
	uint64_t set;
	if (copy_from_user(&set, uset, sizeof set))
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	uint64_t deadline = 0;
	if (utimeout) {
		struct { int64_t sec, nsec; } ts;
		if (copy_from_user(&ts, utimeout, sizeof ts))
			return -EFAULT;
		if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
			return -EINVAL;
		deadline = clock_monotonic_ns() + (uint64_t)ts.sec * 1000000000ull + (uint64_t)ts.nsec + 1;
	}
	struct task *t = current;
	struct ksiginfo info;
	struct waiter w = { 0, { 0, 0 } };
	int sig;
	for (;;) {
		prepare_to_wait(timer_wait_queue(), &w, TASK_INTERRUPTIBLE);
		if ((sig = dequeue_from(t, set, &info)) != 0)
			break;
		if (signal_pending(t) || (deadline && clock_monotonic_ns() >= deadline)) {
			finish_wait(timer_wait_queue(), &w);
			return signal_pending(t) ? -EINTR : -EAGAIN;
		}
		/* a signal of SET that arrives wakes us (send_signal); so does the tick */
		schedule();
	}
	finish_wait(timer_wait_queue(), &w);
	if (uinfo) {
		struct {
			int32_t signo, errno_, code, pad;
			int32_t pid, uid, status, pad2;
			char rest[96];
		} si;
		memset(&si, 0, sizeof si);
		si.signo = sig;
		si.code = info.code;
		si.pid = info.pid;
		si.status = info.status;
		if (copy_to_user(uinfo, &si, sizeof si))
			return -EFAULT;
	}
	return sig;
}

long sys_pause(void)
{
	struct waiter w = { 0, { 0, 0 } };
	static struct wait_queue never = WAIT_QUEUE_INIT(never, "pause");
	for (;;) {
		prepare_to_wait(&never, &w, TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	finish_wait(&never, &w);
	return -ERESTARTNOHAND; /* EINTR after a handler; else it sleeps on */
}

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048

struct linux_stack {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};

long sys_sigaltstack(const struct linux_stack *uss, struct linux_stack *uold)
{
	struct task *t = current;
	struct linux_stack old = { t->altstack_sp, t->altstack_size ? 0 : SS_DISABLE, 0, t->altstack_size };
	uint64_t sp = t->uregs->rsp;
	if (t->altstack_size && sp > t->altstack_sp && sp <= t->altstack_sp + t->altstack_size)
		old.flags = SS_ONSTACK;
	if (uss) {
		struct linux_stack ss;
		if (copy_from_user(&ss, uss, sizeof ss))
			return -EFAULT;
		if (old.flags == SS_ONSTACK)
			return -EPERM; /* cannot change it while running on it */
		if (ss.flags & ~SS_DISABLE)
			return -EINVAL;
		if (ss.flags & SS_DISABLE) {
			t->altstack_sp = t->altstack_size = 0;
		} else {
			if (ss.size < MINSIGSTKSZ)
				return -ENOMEM;
			t->altstack_sp = ss.sp;
			t->altstack_size = ss.size;
		}
	}
	if (uold && copy_to_user(uold, &old, sizeof old))
		return -EFAULT;
	return 0;
}

long sys_rt_sigreturn(void)
{
	struct task *t = current;
	uint64_t mask;
	if (arch_restore_signal_frame(t->uregs, &mask) != 0) {
		struct ksiginfo segv = { SI_KERNEL, 0, 0, 0 };
		force_signal(SIGSEGV, &segv); /* a frame we cannot read */
		return 0;
	}
	t->blocked = mask & ~UNBLOCKABLE;
	return (long)t->uregs->rax; /* the interrupted context's rax, restored */
}

/* ---- timers: alarm and setitimer(ITIMER_REAL) ---- */

struct linux_itimerval {
	int64_t interval_sec, interval_usec, value_sec, value_usec;
};

static void get_itimer(struct process *p, struct linux_itimerval *v)
{
	uint64_t now = clock_monotonic_ns();
	uint64_t left = p->itimer_deadline > now ? p->itimer_deadline - now : (p->itimer_deadline ? 1000 : 0);
	v->value_sec = (int64_t)(left / 1000000000ull);
	v->value_usec = (int64_t)(left % 1000000000ull / 1000);
	v->interval_sec = (int64_t)(p->itimer_interval / 1000000000ull);
	v->interval_usec = (int64_t)(p->itimer_interval % 1000000000ull / 1000);
}

long sys_setitimer(int which, const struct linux_itimerval *unew, struct linux_itimerval *uold)
{
	if (which != 0)
		return -EINVAL; /* ITIMER_REAL only (VIRTUAL and PROF: not here) */
	struct linux_itimerval nv = { 0, 0, 0, 0 }, ov;
	if (unew && copy_from_user(&nv, unew, sizeof nv))
		return -EFAULT;
	if (nv.value_usec < 0 || nv.value_usec >= 1000000 || nv.interval_usec < 0 || nv.interval_usec >= 1000000 ||
	    nv.value_sec < 0 || nv.interval_sec < 0)
		return -EINVAL;
	struct process *p = current->proc;
	spin_lock(&tasklist_lock);
	get_itimer(p, &ov);
	if (unew) {
		uint64_t value = (uint64_t)nv.value_sec * 1000000000ull + (uint64_t)nv.value_usec * 1000;
		p->itimer_deadline = value ? clock_monotonic_ns() + value : 0;
		p->itimer_interval = (uint64_t)nv.interval_sec * 1000000000ull + (uint64_t)nv.interval_usec * 1000;
	}
	spin_unlock(&tasklist_lock);
	if (uold && copy_to_user(uold, &ov, sizeof ov))
		return -EFAULT;
	return 0;
}

long sys_getitimer(int which, struct linux_itimerval *uv)
{
	if (which != 0)
		return -EINVAL;
	struct linux_itimerval v;
	spin_lock(&tasklist_lock);
	get_itimer(current->proc, &v);
	spin_unlock(&tasklist_lock);
	return copy_to_user(uv, &v, sizeof v);
}

long sys_alarm(unsigned seconds)
{
	struct process *p = current->proc;
	spin_lock(&tasklist_lock);
	uint64_t now = clock_monotonic_ns();
	long left = p->itimer_deadline > now ? (long)((p->itimer_deadline - now + 999999999) / 1000000000ull) : 0;
	p->itimer_deadline = seconds ? now + (uint64_t)seconds * 1000000000ull : 0;
	p->itimer_interval = 0;
	spin_unlock(&tasklist_lock);
	return left;
}

/* Every tick on CPU 0: expired real-time timers send SIGALRM. */
void itimer_tick(void)
{
	uint64_t now = clock_monotonic_ns();
	if (!spin_trylock(&tasklist_lock))
		return; /* busy: try again next tick */
	struct list_head *n;
	list_for_each(n, &all_processes) {
		struct process *p = list_entry(n, struct process, all_node);
		if (!p->itimer_deadline || now < p->itimer_deadline || p->exited)
			continue;
		p->itimer_deadline = p->itimer_interval ? now + p->itimer_interval : 0;
		struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
		send_signal_process(p, SIGALRM, &info);
	}
	spin_unlock(&tasklist_lock);
}
