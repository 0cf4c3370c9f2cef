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
	struct ksiginfo info = { SI_KERNEL, 0, 0, addr };
	if (__atomic_load_n(&p->group_exiting, __ATOMIC_RELAXED)) {
		force_signal(SIGKILL, &info); /* already dying: no second line */
		return;
	}
	uint64_t rss_kb = p->mm ? mm_resident_pages(p->mm) * 4 : 0;
	printk(KERN_ERR "Out of memory: Killed process %d (%s) rss:%lukB, no free page for its fault at %#lx\n",
	       p->pid, p->comm, (unsigned long)rss_kb, (unsigned long)addr);
	/* as a fatal fault does: this thread takes SIGKILL on its way out
	 * and ends the whole group (do_exit_group) */
	force_signal(SIGKILL, &info);
}
