/*
 * session.h: process groups and sessions (session.c).
 *
 * Every process belongs to a process group (pgid) and every group to a
 * session (sid). A shell puts each job in its own group so that the
 * terminal's signals (^C, ^Z) reach exactly that job; a session is a
 * login: one terminal, the shell that leads it (the session leader, pid
 * == sid) and all its jobs. All of this is guarded by tasklist_lock.
 */
#ifndef KERNEL_SESSION_H
#define KERNEL_SESSION_H

#include <stdbool.h>

struct process;
struct ksiginfo;

/* SIG to every live process of group PGID. Caller holds tasklist_lock. */
void kill_pgrp(int pgid, int sig, const struct ksiginfo *info);
/* Does some process of session SID belong to group PGID? (tasklist_lock) */
bool pgrp_in_session(int pgid, int sid);
/* Is group PGID orphaned -- no member (other than IGNORE) has a parent in
 * another group of the same session, so no shell can continue it? A
 * group with no members counts as orphaned. Caller holds tasklist_lock. */
bool pgrp_is_orphaned(int pgid, struct process *ignore);
/* LEAVING is exiting (its children already moved to init). It may have
 * been what kept MEMBER's group -- its own group (MEMBER == LEAVING), or
 * a child's -- from being orphaned. If that group is orphaned now and
 * has a stopped member, nobody is left to continue it: every member
 * gets SIGHUP and then SIGCONT (POSIX). Caller holds tasklist_lock. */
void pgrp_check_orphaned(struct process *member, struct process *leaving);

#endif
