/*
 * cred.c: user and group identities. A process has a real id (who
 * started it: RLIMIT_NPROC counts by it), an effective id (what
 * permission checks look at: 0 is root, which may do anything) and a
 * saved id (an effective id it may return to). fork copies all six,
 * exec sets the saved ids to the effective ones (there are no
 * set-user-id files to change the effective ones), and the set*id calls
 * below change them with Linux's rules: root may set any value, anyone
 * else only values among its own real, effective and saved ids.
 * Changes happen under tasklist_lock, so that another process checking
 * permissions (kill, prlimit) sees a consistent set.
 */
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/sysproto.h"
#include "kernel/uaccess.h"

#define NO_ID ((uint32_t)-1) /* "leave unchanged" in set*id calls */

static struct process *me(void) { return current->proc; }

bool capable(int cap)
{
	(void)cap; /* root holds every capability, nobody else any */
	return current->proc && current->proc->euid == 0;
}

bool kill_permitted(const struct process *p, int sig)
{
	const struct process *s = me();
	if (sig == SIGCONT && p->sid == s->sid)
		return true; /* job control works across users in a session */
	return capable(CAP_KILL) || s->euid == p->suid || s->euid == p->uid || s->uid == p->suid ||
	       s->uid == p->uid;
}

int user_task_count(uint32_t uid)
{
	int n = 0;
	struct list_head *l;
	list_for_each(l, &all_processes) {
		struct process *p = list_entry(l, struct process, all_node);
		if (p->uid == uid)
			n += p->nthreads > 0 ? p->nthreads : 1; /* a zombie counts until reaped */
	}
	return n;
}

long sys_getuid(void) { return me()->uid; }
long sys_geteuid(void) { return me()->euid; }
long sys_getgid(void) { return me()->gid; }
long sys_getegid(void) { return me()->egid; }

/* Is ID one of R, E, S (what an unprivileged process may switch to)? */
static bool one_of(uint32_t id, uint32_t r, uint32_t e, uint32_t s)
{
	return id == r || id == e || id == s;
}

/* The three ids of one kind (user or group) of the caller, copied out
 * and back so that the rules below are written once for both kinds.
 * Caller holds tasklist_lock. */
static void ids_load(uint32_t *v, bool group)
{
	struct process *p = me();
	v[0] = group ? p->gid : p->uid;
	v[1] = group ? p->egid : p->euid;
	v[2] = group ? p->sgid : p->suid;
}

static void ids_store(const uint32_t *v, bool group)
{
	struct process *p = me();
	*(group ? &p->gid : &p->uid) = v[0];
	*(group ? &p->egid : &p->euid) = v[1];
	*(group ? &p->sgid : &p->suid) = v[2];
}

/* setresuid and setresgid: WANT is the new real, effective and saved
 * id, NO_ID for "unchanged". */
static long set_res(bool group, const uint32_t *want)
{
	uint32_t id[3];
	spin_lock(&tasklist_lock);
	ids_load(id, group);
	bool may = capable(group ? CAP_SETGID : CAP_SETUID);
	for (int i = 0; i < 3; i++)
		if (want[i] != NO_ID && !may && !one_of(want[i], id[0], id[1], id[2])) {
			spin_unlock(&tasklist_lock);
			return -EPERM;
		}
	for (int i = 0; i < 3; i++)
		if (want[i] != NO_ID)
			id[i] = want[i];
	ids_store(id, group);
	spin_unlock(&tasklist_lock);
	return 0;
}

/* setuid and setgid: root sets all three, others only the effective id,
 * to their real or saved one. */
static long set_one(bool group, uint32_t want)
{
	if (want == NO_ID)
		return -EINVAL;
	uint32_t id[3];
	spin_lock(&tasklist_lock);
	ids_load(id, group);
	long r = 0;
	if (capable(group ? CAP_SETGID : CAP_SETUID))
		id[0] = id[1] = id[2] = want;
	else if (want == id[0] || want == id[2])
		id[1] = want;
	else
		r = -EPERM;
	ids_store(id, group);
	spin_unlock(&tasklist_lock);
	return r;
}

/* setreuid and setregid: the real id may become the effective one (or
 * stay); the effective one any of the three. The saved id follows the
 * new effective id when the real id is set, or the effective id is set
 * to something other than the old real id. */
static long set_re(bool group, uint32_t r, uint32_t e)
{
	uint32_t id[3];
	spin_lock(&tasklist_lock);
	ids_load(id, group);
	bool may = capable(group ? CAP_SETGID : CAP_SETUID);
	long err = 0;
	if (r != NO_ID && !may && r != id[0] && r != id[1])
		err = -EPERM;
	if (e != NO_ID && !may && !one_of(e, id[0], id[1], id[2]))
		err = -EPERM;
	if (!err) {
		uint32_t old_r = id[0];
		if (r != NO_ID)
			id[0] = r;
		if (e != NO_ID)
			id[1] = e;
		if (r != NO_ID || (e != NO_ID && e != old_r))
			id[2] = id[1];
		ids_store(id, group);
	}
	spin_unlock(&tasklist_lock);
	return err;
}

long sys_setuid(uint32_t uid) { return set_one(false, uid); }
long sys_setgid(uint32_t gid) { return set_one(true, gid); }
long sys_setreuid(uint32_t r, uint32_t e) { return set_re(false, r, e); }
long sys_setregid(uint32_t r, uint32_t e) { return set_re(true, r, e); }

long sys_setresuid(uint32_t r, uint32_t e, uint32_t s)
{
	uint32_t want[3] = { r, e, s };
	return set_res(false, want);
}

long sys_setresgid(uint32_t r, uint32_t e, uint32_t s)
{
	uint32_t want[3] = { r, e, s };
	return set_res(true, want);
}

static long get_res(bool group, uint32_t *r, uint32_t *e, uint32_t *s)
{
	uint32_t v[3];
	spin_lock(&tasklist_lock);
	ids_load(v, group);
	spin_unlock(&tasklist_lock);
	if (put_user(v[0], r) || put_user(v[1], e) || put_user(v[2], s))
		return -EFAULT;
	return 0;
}

long sys_getresuid(uint32_t *r, uint32_t *e, uint32_t *s) { return get_res(false, r, e, s); }
long sys_getresgid(uint32_t *r, uint32_t *e, uint32_t *s) { return get_res(true, r, e, s); }
