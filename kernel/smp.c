/* smp.c: the table of CPUs and running a function on other CPUs (their
 * idle tasks pick the call up: see cpu_idle_loop in sched.c). */
#include "kernel/smp.h"
#include "kernel/panic.h"

struct cpu cpus[MAX_CPUS];
unsigned ncpus = 1;
unsigned ncpus_listed = 1;

unsigned cpus_online(void)
{
	unsigned n = 0;
	for (unsigned i = 0; i < ncpus; i++)
		n += cpus[i].online;
	return n;
}

void smp_run_pending_work(struct cpu *c)
{
	void (*fn)(void *) = c->work_fn;
	if (!fn)
		return;
	void *arg = c->work_arg;
	c->work_fn = 0;
	arch_irq_enable();
	fn(arg);
	arch_irq_disable();
	__atomic_add_fetch(&c->work_done, 1, __ATOMIC_RELEASE);
}

void smp_call_on(struct cpu *c, void (*fn)(void *), void *arg)
{
	while (__atomic_load_n(&c->work_fn, __ATOMIC_ACQUIRE))
		arch_cpu_relax(); /* one call at a time per CPU */
	c->work_arg = arg;
	__atomic_store_n(&c->work_fn, fn, __ATOMIC_RELEASE);
	arch_send_wakeup(c);
}

void smp_call_all_wait(void (*fn)(void *), void *arg)
{
	struct cpu *me = this_cpu();
	uint64_t before[MAX_CPUS];
	for (unsigned i = 0; i < ncpus; i++) {
		struct cpu *c = &cpus[i];
		if (c == me || !c->online)
			continue;
		before[i] = c->work_done;
		c->work_arg = arg;
		__atomic_store_n(&c->work_fn, fn, __ATOMIC_RELEASE);
		arch_send_wakeup(c);
	}
	fn(arg);
	for (unsigned i = 0; i < ncpus; i++) {
		struct cpu *c = &cpus[i];
		if (c == me || !c->online)
			continue;
		while (__atomic_load_n(&c->work_done, __ATOMIC_ACQUIRE) == before[i])
			arch_cpu_relax();
	}
}
