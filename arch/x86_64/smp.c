/*
 * smp.c: starting the application processors (APs).
 *
 * For each enabled processor the MADT lists, the boot CPU copies the
 * trampoline (trampoline.S) below 1 MiB, gives it a page table, a stack
 * and the AP's struct cpu, and sends INIT, then two STARTUP IPIs
 * (Intel SDM vol. 3, 8.4.4). The AP comes up through real and protected
 * mode into ap_entry here; a CPU that has not said "online" within
 * AP_START_TIMEOUT_MS is reported and skipped.
 */
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/paging.h"
#include "kernel/cmdline.h"
#include "kernel/cpu.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/vsprintf.h"
#include "kernel/string.h"
#include "kernel/time.h"

KERNEL_PARAM("smp_phantom_apic_id", "also try to start a CPU with this APIC id, which does "
				    "not exist (shows the no-answer path)");

extern const char __trampoline_start[], __trampoline_end[];
extern uint64_t tr_cr3, tr_stack, tr_entry, tr_cpu;

/* Page tables for the trip through the trampoline: the kernel half of
 * kernel_pml4 plus an identity map of the first 2 MiB, where the
 * trampoline runs when paging comes on. Below 4 GiB (in .bss), as a
 * 32-bit CR3 load needs. */
static uint64_t tr_pml4[512] __attribute__((aligned(4096)));
static uint64_t tr_pdpt[512] __attribute__((aligned(4096)));
static uint64_t tr_pd[512] __attribute__((aligned(4096)));

static void *tramp_var(const void *sym)
{
	return (char *)phys_to_virt(TRAMPOLINE_PHYS) + ((const char *)sym - __trampoline_start);
}

static __attribute__((noreturn)) void ap_entry(struct cpu *c)
{
	write_cr3(virt_to_phys(kernel_pml4));
	write_cr4(read_cr4() | (1 << 7)); /* PGE */
	arch_cpu_setup(c);
	lapic_init_cpu();
	char idle_name[16];
	snprintf(idle_name, sizeof idle_name, "swapper/%u", c->id);
	sched_init_cpu(c, idle_name);
	lapic_timer_start();
	printk("cpu %u: online (APIC id %u)\n", c->id, c->apic_id);
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	cpu_idle_loop();
}

static bool start_ap(struct cpu *c)
{
	uint64_t stack = kstack_alloc(KSTACK_SIZE);
	if (!stack) {
		printk(KERN_ERR "smp: no memory for CPU %u's stack; skipped\n", c->id);
		return false;
	}
	c->kstack_top = stack;
	memcpy(phys_to_virt(TRAMPOLINE_PHYS), __trampoline_start, __trampoline_end - __trampoline_start);
	memcpy(&tr_pml4[256], &kernel_pml4[256], 256 * sizeof(uint64_t));
	*(uint64_t *)tramp_var(&tr_cr3) = virt_to_phys(tr_pml4);
	*(uint64_t *)tramp_var(&tr_stack) = stack;
	*(uint64_t *)tramp_var(&tr_entry) = (uint64_t)ap_entry;
	*(uint64_t *)tramp_var(&tr_cpu) = (uint64_t)c;

	lapic_send_init(c->apic_id);
	mdelay(10);
	for (int i = 0; i < 2 && !c->online; i++) {
		lapic_send_startup(c->apic_id, TRAMPOLINE_PHYS >> 12);
		udelay(200);
	}
	uint64_t deadline = clock_monotonic_ns() + AP_START_TIMEOUT_MS * 1000000ull;
	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE)) {
		if (clock_monotonic_ns() > deadline) {
			printk(KERN_ERR "smp: CPU %u (APIC id %u) did not answer the startup IPI; skipped\n",
			       c->id, c->apic_id);
			/* INIT again, so a CPU that is merely slow cannot wake up
			 * later on a struct cpu and trampoline given to the next one */
			lapic_send_init(c->apic_id);
			mdelay(10);
			return false;
		}
		arch_cpu_relax();
	}
	return true;
}

void arch_start_other_cpus(void)
{
	struct cpu *bsp = this_cpu();
	tr_pml4[0] = virt_to_phys(tr_pdpt) | PTE_P | PTE_W;
	tr_pdpt[0] = virt_to_phys(tr_pd) | PTE_P | PTE_W;
	tr_pd[0] = 0 | PTE_P | PTE_W | PTE_PS;

	if (cmdline_has("smp_phantom_apic_id") && madt.ncpus < MAX_CPUS)
		madt.apic_ids[madt.ncpus++] = (uint32_t)cmdline_get_u64("smp_phantom_apic_id", 0xfe);

	unsigned n = 1;
	ncpus_listed = madt.ncpus ? madt.ncpus : 1;
	for (unsigned i = 0; i < madt.ncpus; i++) {
		if (madt.apic_ids[i] == bsp->apic_id)
			continue;
		struct cpu *c = &cpus[n];
		c->id = n;
		c->apic_id = madt.apic_ids[i];
		ncpus = n + 1; /* visible before it runs, for smp_call_* */
		if (start_ap(c))
			n++;
		else
			memset(c, 0, sizeof *c);
	}
	ncpus = n;
}
