/*
 * session.c: process groups and sessions -- the system calls setpgid,
 * getpgid, getpgrp, setsid and getsid, and the rules that connect them
 * to job control: orphaned process groups (see session.h). The
 * controlling terminal's side (foreground group, SIGHUP when the session
 * leader exits) is in tty.c.
 */
#include "kernel/errno.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/session.h"
#include "kernel/signal.h"
#include "kernel/sysproto.h"
#include "kernel/tty.h"

static struct process *me(void) { return current->proc; }

#define for_each_process(p)                                                        \
	for (struct list_head *n_ = all_processes.next;                            \
	     n_ != &all_processes && ((p) = list_entry(n_, struct process, all_node)); \
	     n_ = n_->next)

void kill_pgrp(int pgid, int sig, const struct ksiginfo *info)
{
	struct process *p;
	for_each_process(p) {
		if (p->pgid != pgid || p->exited)
			continue;
		if (p == init_process && handler_is_default(p, sig))
			continue; /* init gets only what it handles */
		send_signal_process(p, sig, info);
	}
}

bool pgrp_in_session(int pgid, int sid)
{
	struct process *p;
	for_each_process(p)
		if (p->pgid == pgid && p->sid == sid && !p->exited)
			return true;
	return false;
}

bool pgrp_is_orphaned(int pgid, struct process *ignore)
{
	struct process *p;
	for_each_process(p) {
		if (p->pgid != pgid || p == ignore || p->exited)
			continue;
		struct process *parent = p->parent;
		if (!parent || parent == init_process || parent == ignore)
			continue;
		if (parent->pgid != pgid && parent->sid == p->sid)
			return false; /* a parent (a shell) in this session can still continue it */
	}
	return true;
}

static bool pgrp_has_stopped(int pgid)
{
	struct process *p;
	for_each_process(p)
		if (p->pgid == pgid && !p->exited && p->stopped)
			return true;
	return false;
}

void pgrp_check_orphaned(struct process *member, struct process *leaving)
{
	struct process *link = member == leaving ? leaving->parent : leaving;
	if (!link || link->pgid == member->pgid || link->sid != member->sid)
		return; /* LEAVING was not what tied the group to its session */
	if (!pgrp_is_orphaned(member->pgid, leaving) || !pgrp_has_stopped(member->pgid))
		return;
	struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
	kill_pgrp(member->pgid, SIGHUP, &info);
	kill_pgrp(member->pgid, SIGCONT, &info);
}

/* ---- the system calls ---- */

long sys_getpgrp(void) { return me()->pgid; }

long sys_getpgid(int pid)
{
	if (pid == 0)
		return me()->pgid;
	spin_lock(&tasklist_lock);
	struct process *p = process_find(pid);
	long r = p ? p->pgid : -ESRCH;
	spin_unlock(&tasklist_lock);
	return r;
}

long sys_getsid(int pid)
{
	if (pid == 0)
		return me()->sid;
	spin_lock(&tasklist_lock);
	struct process *p = process_find(pid);
	long r = p ? p->sid : -ESRCH;
	spin_unlock(&tasklist_lock);
	return r;
}

/*
 * setpgid(pid, pgid), setpgid(2)'s rules: PID (0: the caller) must be the
 * caller or one of its children (else ESRCH); a child must be in the
 * caller's session (EPERM) and must not have called execve yet (EACCES);
 * a session leader cannot move (EPERM); PGID (0: PID itself) must be PID
 * or an existing group of the same session (EPERM).
 */
long sys_setpgid(int pid, int pgid)
{
	if (pgid < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	struct process *self = me();
	struct process *p = pid == 0 ? self : process_find(pid);
	long r = 0;
	if (!p || (p != self && p->parent != self))
		r = -ESRCH;
	else if (p != self && p->sid != self->sid)
		r = -EPERM;
	else if (p != self && p->did_exec)
		r = -EACCES;
	else if (p->pid == p->sid)
		r = -EPERM;
	else {
		if (pgid == 0)
			pgid = p->pid;
		if (pgid != p->pid && !pgrp_in_session(pgid, self->sid))
			r = -EPERM;
		else
			p->pgid = pgid;
	}
	spin_unlock(&tasklist_lock);
	return r;
}

/* setsid: a new session and group, both numbered after the caller, with
 * no controlling terminal. A group leader may not (EPERM): its group's
 * members would end up in another session than their leader. */
long sys_setsid(void)
{
	spin_lock(&tasklist_lock);
	struct process *self = me();
	long r = self->pid;
	struct process *p;
	for_each_process(p)
		if (p->pgid == self->pid)
			r = -EPERM;
	if (r > 0) {
		self->sid = self->pgid = self->pid;
		self->tty = 0;
	}
	spin_unlock(&tasklist_lock);
	return r;
}
