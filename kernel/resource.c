/*
 * resource.c: resource limits: the defaults, getrlimit/setrlimit/
 * prlimit64, and RLIMIT_CPU. The other limits are enforced where the
 * resource is handed out:
 *
 *   RLIMIT_NOFILE  files.c: fd_install (EMFILE), fd_dup_to (EBADF);
 *                  sys_file.c: fcntl F_DUPFD (EINVAL)
 *   RLIMIT_STACK   mm.c: how far the stack may grow (then SIGSEGV);
 *                  exec.c: the gap kept free for it below the top
 *   RLIMIT_AS      mm.c: mmap, brk and stack growth (ENOMEM)
 *   RLIMIT_DATA    mm.c: private writable mappings and brk (ENOMEM)
 *   RLIMIT_NPROC   fork.c: fork/clone (EAGAIN), not for root
 *   RLIMIT_CPU     here, from the timer tick: SIGXCPU, then SIGKILL
 *
 * The rest are kept and reported only.
 */
#include "kernel/resource.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "kernel/param.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sysproto.h"
#include "kernel/uaccess.h"

/* Linux sizes the process and pending-signal limits from memory: half
 * of max_threads, which is one thread per 32 pages (a 16 KiB kernel
 * stack taking at most an eighth of RAM), at least 20. */
static uint64_t tasks_limit(void)
{
	uint64_t max_threads = page_alloc_total_count() / 32;
	if (max_threads < 20)
		max_threads = 20;
	return max_threads / 2;
}

void rlimit_defaults(struct rlimit *lim)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		lim[i].rlim_cur = lim[i].rlim_max = RLIM_INFINITY;
	lim[RLIMIT_STACK].rlim_cur = RLIMIT_STACK_DEFAULT;
	lim[RLIMIT_CORE].rlim_cur = 0;
	lim[RLIMIT_NPROC].rlim_cur = lim[RLIMIT_NPROC].rlim_max = tasks_limit();
	lim[RLIMIT_NOFILE].rlim_cur = 1024;
	lim[RLIMIT_NOFILE].rlim_max = 4096;
	lim[RLIMIT_MEMLOCK].rlim_cur = lim[RLIMIT_MEMLOCK].rlim_max = MLOCK_LIMIT;
	lim[RLIMIT_SIGPENDING].rlim_cur = lim[RLIMIT_SIGPENDING].rlim_max = tasks_limit();
	lim[RLIMIT_MSGQUEUE].rlim_cur = lim[RLIMIT_MSGQUEUE].rlim_max = MQ_BYTES_MAX;
	lim[RLIMIT_NICE].rlim_cur = lim[RLIMIT_NICE].rlim_max = 0;
	lim[RLIMIT_RTPRIO].rlim_cur = lim[RLIMIT_RTPRIO].rlim_max = 0;
}

uint64_t rlimit(int resource)
{
	struct process *p = current->proc;
	if (!p)
		return RLIM_INFINITY;
	return __atomic_load_n(&p->rlim[resource].rlim_cur, __ATOMIC_RELAXED);
}

/* May the caller read and change P's limits? Its own, those of a
 * process whose user and group ids all equal its real ones, or any if
 * privileged (Linux's rule). Caller holds tasklist_lock. */
static bool prlimit_permitted(const struct process *p)
{
	const struct process *me = current->proc;
	if (p == me)
		return true;
	if (me->uid == p->uid && me->uid == p->euid && me->uid == p->suid && me->gid == p->gid &&
	    me->gid == p->egid && me->gid == p->sgid)
		return true;
	return capable(CAP_SYS_RESOURCE);
}

/* Read (OLD) and/or set (NEW) P's limit RESOURCE. Caller holds
 * tasklist_lock. */
static long do_prlimit(struct process *p, unsigned resource, const struct rlimit *new,
		       struct rlimit *old)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN)
		return -EPERM;
	struct rlimit *lim = &p->rlim[resource];
	if (new && new->rlim_max > lim->rlim_max && !capable(CAP_SYS_RESOURCE))
		return -EPERM; /* raising a hard limit takes privilege */
	if (old)
		*old = *lim;
	if (new) {
		__atomic_store_n(&lim->rlim_cur, new->rlim_cur, __ATOMIC_RELAXED);
		__atomic_store_n(&lim->rlim_max, new->rlim_max, __ATOMIC_RELAXED);
	}
	return 0;
}

/* The process with a thread whose id is TID. Caller holds tasklist_lock. */
static struct process *find_process_by_tid(int tid)
{
	struct list_head *n, *m;
	list_for_each(n, &all_processes) {
		struct process *p = list_entry(n, struct process, all_node);
		if (p->pid == tid)
			return p;
		list_for_each(m, &p->threads)
			if (list_entry(m, struct task, thread_node)->tid == tid)
				return p;
	}
	return 0;
}

long sys_prlimit64(int pid, unsigned resource, const struct rlimit *unew, struct rlimit *uold)
{
	struct rlimit new, old;
	if (unew && copy_from_user(&new, unew, sizeof new))
		return -EFAULT;
	spin_lock(&tasklist_lock);
	struct process *p = pid ? find_process_by_tid(pid) : current->proc;
	long err = 0;
	if (!p || (pid && p->exited))
		err = -ESRCH;
	else if (!prlimit_permitted(p))
		err = -EPERM;
	else
		err = do_prlimit(p, resource, unew ? &new : 0, uold ? &old : 0);
	spin_unlock(&tasklist_lock);
	if (!err && uold && copy_to_user(uold, &old, sizeof old))
		err = -EFAULT;
	return err;
}

long sys_getrlimit(unsigned resource, struct rlimit *ulim)
{
	struct rlimit lim;
	spin_lock(&tasklist_lock);
	long err = do_prlimit(current->proc, resource, 0, &lim);
	spin_unlock(&tasklist_lock);
	if (!err && copy_to_user(ulim, &lim, sizeof lim))
		err = -EFAULT; /* a null pointer included */
	return err;
}

long sys_setrlimit(unsigned resource, const struct rlimit *ulim)
{
	if (!ulim)
		return -EFAULT;
	return sys_prlimit64(0, resource, ulim, 0);
}

/* RLIMIT_CPU, as Linux: once the process (all its threads) has used the
 * soft limit's seconds it gets SIGXCPU, and the soft limit moves one
 * second on, so SIGXCPU repeats every CPU second; at the hard limit,
 * SIGKILL. Sending takes tasklist_lock; if another CPU holds it, the
 * next tick tries again. */
void rlimit_cpu_tick(struct task *t)
{
	struct process *p = t->proc;
	if (!p)
		return;
	uint64_t secs = __atomic_add_fetch(&p->cpu_ticks, 1, __ATOMIC_RELAXED) / HZ;
	if (secs < __atomic_load_n(&p->rlim[RLIMIT_CPU].rlim_cur, __ATOMIC_RELAXED))
		return; /* RLIM_INFINITY included: the common case ends here */
	if (!spin_trylock(&tasklist_lock))
		return;
	struct rlimit *lim = &p->rlim[RLIMIT_CPU];
	struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
	if (lim->rlim_max != RLIM_INFINITY && secs >= lim->rlim_max) {
		send_signal_process(p, SIGKILL, &info);
	} else if (secs >= lim->rlim_cur) {
		send_signal_process(p, SIGXCPU, &info);
		__atomic_store_n(&lim->rlim_cur, secs + 1, __ATOMIC_RELAXED);
	}
	spin_unlock(&tasklist_lock);
}
