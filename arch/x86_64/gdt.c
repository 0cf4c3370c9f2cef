/*
 * gdt.c: one GDT and TSS per CPU. The TSS matters for its IST stacks:
 * a double fault or NMI switches to a known-good stack even when the
 * current kernel stack has overflowed into its guard page.
 */
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/paging.h"
#include "kernel/cpu.h"
#include "kernel/panic.h"
#include "kernel/string.h"

static uint64_t segment(uint32_t flags_access) { return (uint64_t)flags_access << 40 | 0xffff | 0xfull << 48; }

void gdt_init_cpu(struct cpu *c)
{
	struct arch_cpu *a = &c->arch;
	memset(a, 0, sizeof *a);
	a->gdt[1] = segment(0xa09a); /* kernel code: L=1, P, DPL0, code */
	a->gdt[2] = segment(0xc092); /* kernel data */
	a->gdt[3] = segment(0xc0fa); /* user code 32 (unused) */
	a->gdt[4] = segment(0xc0f2); /* user data */
	a->gdt[5] = segment(0xa0fa); /* user code 64 */

	uint64_t df = kstack_alloc(IST_STACK_SIZE), nmi = kstack_alloc(IST_STACK_SIZE);
	if (!df || !nmi)
		panic("gdt: no memory for IST stacks of CPU %u", c->id);
	a->tss.ist[IST_DOUBLE_FAULT - 1] = df;
	a->tss.ist[IST_NMI - 1] = nmi;
	a->tss.iomap_base = sizeof a->tss; /* no I/O permission bitmap */

	uint64_t base = (uint64_t)&a->tss, limit = sizeof a->tss - 1;
	a->gdt[6] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ull << 40 |
		    ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	a->gdt[7] = base >> 32;

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) gdtr = { sizeof a->gdt - 1, (uint64_t)a->gdt };

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(gdtr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(TSS_SEL)
			 : "rax", "memory");
}
