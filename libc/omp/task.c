/* task.c: `#pragma omp task`, done in the simplest way the OpenMP
 * specification allows: every task runs at once, in the thread that
 * creates it ("undeferred"), so taskwait and taskgroup have nothing to
 * wait for. Programs get the right results, but tasks do not run in
 * parallel; and a task that waits for a later sibling task would wait
 * forever. Not supported: taskloop, detach events. */
#include <stdint.h>
#include <stdlib.h>

#include "omp_impl.h"

/* gcc passes the task's data as a block of ARG_SIZE bytes at DATA;
 * with CPYFN it must be built in memory of ours (firstprivate copies).
 * The arguments after FLAGS (depend, priority, detach) do not matter
 * when the task runs immediately. */
void GOMP_task(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *), long arg_size,
	       long arg_align, bool if_clause, unsigned flags, void **depend, int priority,
	       void *detach)
{
	(void)if_clause;
	(void)flags;
	(void)depend;
	(void)priority;
	(void)detach;
	if (!cpyfn) {
		fn(data);
		return;
	}
	char *raw = malloc((size_t)arg_size + (size_t)arg_align);
	if (!raw)
		abort();
	uintptr_t mask = (uintptr_t)(arg_align > 0 ? arg_align : 1) - 1;
	char *copy = (char *)(((uintptr_t)raw + mask) & ~mask);
	cpyfn(copy, data);
	fn(copy);
	free(raw);
}

void GOMP_taskwait(void) {}
void GOMP_taskyield(void) {}
void GOMP_taskgroup_start(void) {}
void GOMP_taskgroup_end(void) {}
