/*
 * tlb.c: keeping other CPUs' TLBs in step with a shared address space.
 *
 * Each CPU caches translations of the address space it runs. When the
 * threads of one process run on several CPUs and one of them unmaps or
 * write-protects memory, the others must drop their cached copies
 * before the memory is reused: a TLB shootdown. The changer sends an IPI
 * to every other CPU that has the address space loaded (struct mm's
 * cpu_mask, kept by arch_switch_mm) and waits until each has flushed.
 * A process with one thread has only the current CPU in its mask, so it
 * pays nothing.
 *
 * The waiting CPU keeps answering requests aimed at itself, so two CPUs
 * shooting at each other at once cannot deadlock, even with interrupts off.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/trap.h"
#include "kernel/cpu.h"
#include "kernel/mm.h"

static void flush_local(void)
{
	struct cpu *c = this_cpu();
	if (__atomic_exchange_n(&c->tlb_flush_pending, false, __ATOMIC_ACQ_REL)) {
		write_cr3(read_cr3()); /* drops every non-global translation */
		__atomic_add_fetch(&c->tlb_flush_done, 1, __ATOMIC_RELEASE);
	}
}

static void tlb_ipi(struct trap_frame *f) { flush_local(); }

void arch_poll_ipi_work(void)
{
	if (__atomic_load_n(&this_cpu()->tlb_flush_pending, __ATOMIC_RELAXED))
		flush_local();
}

void tlb_init(void) { irq_register(VEC_TLB, tlb_ipi); }

void arch_tlb_shootdown(struct mm *mm)
{
	struct cpu *me = this_cpu();
	uint64_t mask = __atomic_load_n(&mm->cpu_mask, __ATOMIC_ACQUIRE) & ~(1ull << me->id);
	if (!mask)
		return; /* only this CPU runs it: its own flush was done already */
	uint64_t done_before[MAX_CPUS];
	for (unsigned i = 0; i < ncpus; i++) {
		if (!(mask >> i & 1))
			continue;
		done_before[i] = __atomic_load_n(&cpus[i].tlb_flush_done, __ATOMIC_ACQUIRE);
		__atomic_store_n(&cpus[i].tlb_flush_pending, true, __ATOMIC_RELEASE);
		lapic_send_ipi(cpus[i].apic_id, VEC_TLB);
	}
	for (unsigned i = 0; i < ncpus; i++) {
		if (!(mask >> i & 1))
			continue;
		/* done when it flushed, or the flag was already taken by a
		 * flush that started after our request was posted */
		while (__atomic_load_n(&cpus[i].tlb_flush_done, __ATOMIC_ACQUIRE) == done_before[i] &&
		       __atomic_load_n(&cpus[i].tlb_flush_pending, __ATOMIC_ACQUIRE)) {
			flush_local(); /* answer requests aimed at us meanwhile */
			arch_cpu_relax();
		}
	}
}
