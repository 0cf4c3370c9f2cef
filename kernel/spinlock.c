/*
 * spinlock.c: spinlocks with owner tracking, and the nestable
 * "interrupts off" counter they rely on.
 */
#include "kernel/spinlock.h"
#include "kernel/cpu.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/time.h"

void irq_push_off(void)
{
	bool was_on = arch_irq_save();
	struct cpu *c = this_cpu();
	if (c->irq_off_depth++ == 0)
		c->irq_was_on = was_on;
}

void irq_pop(void)
{
	struct cpu *c = this_cpu();
	if (arch_irq_enabled())
		panic("irq_pop: interrupts are on");
	if (c->irq_off_depth <= 0)
		panic("irq_pop: not pushed");
	if (--c->irq_off_depth == 0 && c->irq_was_on)
		arch_irq_enable();
}

void spin_init(struct spinlock *lock, const char *name)
{
	atomic_store(&lock->locked, 0);
	atomic_store(&lock->ticket_next, 0);
	atomic_store(&lock->ticket_owner, 0);
	lock->cpu = -1;
	lock->name = name;
	lock->pc = 0;
}

bool spin_held_by_me(const struct spinlock *lock)
{
	return atomic_load(&lock->locked) && lock->cpu == (int)this_cpu()->id;
}

static void spin_watchdog(struct spinlock *lock, uintptr_t pc)
{
	panic("spinlock '%s': CPU %u spun too long at %pS; held by CPU %d, taken at %pS",
	      lock->name, this_cpu()->id, (void *)pc, lock->cpu, (void *)lock->pc);
}

static void spin_acquired(struct spinlock *lock, uintptr_t pc)
{
	lock->cpu = (int)this_cpu()->id;
	lock->pc = pc;
}

void spin_lock(struct spinlock *lock)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);
	irq_push_off();
	if (spin_held_by_me(lock))
		panic("spinlock '%s': recursive acquire on CPU %u at %pS (first taken at %pS)",
		      lock->name, this_cpu()->id, (void *)pc, (void *)lock->pc);

	uint64_t start = 0, spins = 0;
	unsigned ticket = atomic_fetch_add_explicit(&lock->ticket_next, 1, memory_order_relaxed);
	while (atomic_load_explicit(&lock->ticket_owner, memory_order_acquire) != ticket) {
		arch_cpu_relax();
		/* interrupts are off: answer a TLB shootdown aimed at us,
		 * or the holder may wait for us while we wait for it */
		arch_poll_ipi_work();
		if ((++spins & 0xffff) == 0) {
			uint64_t now = clock_monotonic_ns();
			if (!now) { /* clock not calibrated yet: count */
				if (spins > (1ull << 32))
					spin_watchdog(lock, pc);
			} else if (!start) {
				start = now;
			} else if (now - start > SPIN_WATCHDOG_NS) {
				spin_watchdog(lock, pc);
			}
		}
	}
	atomic_store_explicit(&lock->locked, 1, memory_order_relaxed);
	spin_acquired(lock, pc);
}

bool spin_trylock(struct spinlock *lock)
{
	irq_push_off();
	/* free when the next ticket is the one being served: take it then */
	unsigned owner = atomic_load_explicit(&lock->ticket_owner, memory_order_acquire);
	unsigned expected = owner;
	if (!atomic_compare_exchange_strong_explicit(&lock->ticket_next, &expected, owner + 1,
						     memory_order_acquire, memory_order_relaxed)) {
		irq_pop();
		return false;
	}
	atomic_store_explicit(&lock->locked, 1, memory_order_relaxed);
	spin_acquired(lock, (uintptr_t)__builtin_return_address(0));
	return true;
}

void spin_unlock(struct spinlock *lock)
{
	if (!spin_held_by_me(lock))
		panic("spinlock '%s': released by CPU %u at %pS but held by CPU %d",
		      lock->name, this_cpu()->id, __builtin_return_address(0), lock->cpu);
	lock->cpu = -1;
	lock->pc = 0;
	atomic_store_explicit(&lock->locked, 0, memory_order_relaxed);
	atomic_fetch_add_explicit(&lock->ticket_owner, 1, memory_order_release); /* the next one's turn */
	irq_pop();
}
