/*
 * smp_test.c: self-tests that involve every CPU: all came online, the
 * spinlock keeps a shared counter exact, every CPU's timer ticks, and
 * the clock never goes backwards on any CPU.
 */
#include <stdint.h>
#include "kernel/cpu.h"
#include "kernel/selftest.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"

KTEST(smp_all_online)
{
	CHECK(ncpus >= 1, "no CPUs");
	for (unsigned i = 0; i < ncpus; i++)
		CHECK(cpus[i].online, "CPU %u (APIC id %u) is not online", i, cpus[i].apic_id);
	for (unsigned i = 0; i < ncpus; i++)
		for (unsigned j = i + 1; j < ncpus; j++)
			CHECK(cpus[i].apic_id != cpus[j].apic_id, "CPUs %u and %u share APIC id %u", i, j,
			      cpus[i].apic_id);
	return NULL;
}

#define INCREMENTS 100000
static struct spinlock counter_lock = SPINLOCK_INIT("selftest_counter");
static uint64_t counter;           /* guarded by counter_lock */
static volatile unsigned ran_on[MAX_CPUS];

static void add_under_lock(void *arg)
{
	for (int i = 0; i < INCREMENTS; i++) {
		spin_lock(&counter_lock);
		/* a plain read-modify-write: exact only if the lock excludes */
		uint64_t v = counter;
		__asm__ volatile("" ::: "memory");
		counter = v + 1;
		spin_unlock(&counter_lock);
	}
	ran_on[this_cpu()->id]++;
}

KTEST(spinlock_counter)
{
	counter = 0;
	for (unsigned i = 0; i < ncpus; i++)
		ran_on[i] = 0;
	smp_call_all_wait(add_under_lock, 0);
	for (unsigned i = 0; i < ncpus; i++)
		CHECK(ran_on[i] == 1, "CPU %u ran the increment loop %u times", i, ran_on[i]);
	CHECK(counter == (uint64_t)ncpus * INCREMENTS, "counter is %lu, expected %lu (%u CPUs x %d)",
	      (unsigned long)counter, (unsigned long)ncpus * INCREMENTS, ncpus, INCREMENTS);
	CHECK(counter_lock.cpu == -1 && !atomic_load(&counter_lock.locked), "lock left held");
	return NULL;
}

static void check_irqs_restored(void *arg)
{
	volatile int *bad = arg;
	struct spinlock a = SPINLOCK_INIT("nest_a"), b = SPINLOCK_INIT("nest_b");
	bool before = arch_irq_enabled();
	spin_lock(&a);
	spin_lock(&b);
	if (arch_irq_enabled())
		*bad = 1;
	spin_unlock(&b);
	if (arch_irq_enabled()) /* still inside a */
		*bad = 2;
	spin_unlock(&a);
	if (arch_irq_enabled() != before)
		*bad = 3;
}

KTEST(spinlock_irq_nesting)
{
	volatile int bad = 0;
	smp_call_all_wait(check_irqs_restored, (void *)&bad);
	CHECK(bad != 1, "interrupts on while holding two spinlocks");
	CHECK(bad != 2, "interrupts on after releasing only the inner lock");
	CHECK(bad != 3, "interrupt state not restored after the outer lock");
	struct spinlock t = SPINLOCK_INIT("try");
	CHECK(spin_trylock(&t), "trylock of a free lock failed");
	CHECK(spin_held_by_me(&t), "trylock did not record the owner");
	spin_unlock(&t);
	return NULL;
}

KTEST(timer_ticks_every_cpu)
{
	uint64_t before[MAX_CPUS];
	for (unsigned i = 0; i < ncpus; i++)
		before[i] = cpus[i].ticks;
	/* wait (with interrupts on) until every CPU has ticked 3 times; no
	 * time limit here: a CPU that never ticks makes the harness time out */
	for (unsigned i = 0; i < ncpus; i++)
		while (cpus[i].ticks < before[i] + 3)
			arch_wait_for_interrupt();
	for (unsigned i = 0; i < ncpus; i++)
		CHECK(cpus[i].ticks >= before[i] + 3, "CPU %u did not tick", i);
	return NULL;
}

static volatile int clock_backwards;

static void clock_monotonic_loop(void *arg)
{
	uint64_t last = clock_monotonic_ns();
	for (int i = 0; i < 10000; i++) {
		uint64_t now = clock_monotonic_ns();
		if (now < last)
			clock_backwards = 1;
		last = now;
	}
}

KTEST(clock_monotonic)
{
	uint64_t t0 = clock_monotonic_ns();
	CHECK(t0 > 0, "clock not running");
	clock_backwards = 0;
	smp_call_all_wait(clock_monotonic_loop, 0);
	CHECK(!clock_backwards, "clock_monotonic_ns went backwards on some CPU");
	return NULL;
}
