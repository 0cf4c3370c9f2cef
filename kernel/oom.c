/*
 * oom.c: running out of memory. User memory may not take the last
 * USER_RESERVE_PAGES pages (page_alloc.h), so when it runs out the
 * kernel still has pages to work with. A system call that needs user
 * memory then fails with ENOMEM (mmap of shared memory, fork, exec,
 * write to a RAM file: ENOSPC); a page fault that finds no page cannot
 * fail that way, so the process that faulted is killed here with
 * SIGKILL, and its exit gives every page it held back (mm_put).
 *
 * Linux picks the largest process as the victim; here it is the one
 * whose fault found no page, which for a program that fills memory is
 * the same one, and needs no search.
 */
#include "kernel/mm.h"
#include "kernel/oom.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/signal.h"

void oom_kill_current(uint64_t addr)
{
	struct process *p = current->proc;
	if (__atomic_load_n(&p->group_exiting, __ATOMIC_RELAXED))
		return; /* already on its way out (another thread's fault said so) */
	uint64_t rss_kb = p->mm ? mm_resident_pages(p->mm) * 4 : 0;
	printk(KERN_ERR "Out of memory: Killed process %d (%s) rss:%lukB, no free page for its fault at %#lx\n",
	       p->pid, p->comm, (unsigned long)rss_kb, (unsigned long)addr);
	struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
	spin_lock(&tasklist_lock); /* signals are sent under it */
	send_signal_process(p, SIGKILL, &info);
	spin_unlock(&tasklist_lock);
}
