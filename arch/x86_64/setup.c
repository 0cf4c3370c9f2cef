/*
 * setup.c: the x86-64 side of booting, called step by step from
 * kernel_main (kernel/main.c), and the small arch.h services the rest
 * of the kernel uses (halting, leaving QEMU, register dumps).
 */
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/trap.h"
#include "kernel/cpu.h"
#include "kernel/printk.h"

void uart_init(void);
void uart_enable_irq(void);
void vga_init(void);
void tsc_mark_boot(void);

static void timer_tick(struct trap_frame *f) { this_cpu()->ticks++; }
static void wakeup_ipi(struct trap_frame *f) {}

void arch_early_init(struct cpu *bsp)
{
	tsc_mark_boot();
	bsp->self = bsp;
	wrmsr(MSR_GS_BASE, (uint64_t)bsp);
	uart_init();
}

void arch_screen_init(void) { vga_init(); }

void arch_mm_init(void) { paging_init(); }

void arch_cpu_setup(struct cpu *c)
{
	c->self = c;
	wrmsr(MSR_GS_BASE, (uint64_t)c);
	gdt_init_cpu(c);
	idt_load();
}

void arch_interrupts_init(void)
{
	idt_init();
	idt_load();
	irq_register(VEC_TIMER, timer_tick);
	irq_register(VEC_WAKEUP, wakeup_ipi);
	acpi_init();
	lapic_map(madt.lapic_phys);
	lapic_init_cpu();
	this_cpu()->apic_id = lapic_id();
	ioapic_init();
	lapic_timer_calibrate();
	lapic_timer_start();
	arch_irq_enable();
	uart_enable_irq();
}

void arch_send_wakeup(struct cpu *c) { lapic_send_ipi(c->apic_id, VEC_WAKEUP); }

void arch_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void arch_stop_other_cpus(void) { lapic_send_nmi_all_but_self(); }

void arch_exit_emulator(int code)
{
	outl(0xf4, (uint32_t)code); /* QEMU's isa-debug-exit, if present */
	arch_halt_forever();
}

void arch_dump_registers(const struct trap_frame *frame)
{
	struct trap_frame here;
	if (!frame) {
		__asm__ volatile("movq %%rax, %0\n\tmovq %%rbx, %1\n\tmovq %%rcx, %2\n\t"
				 "movq %%rdx, %3\n\tmovq %%rsi, %4\n\tmovq %%rdi, %5"
				 : "=m"(here.rax), "=m"(here.rbx), "=m"(here.rcx), "=m"(here.rdx),
				   "=m"(here.rsi), "=m"(here.rdi));
		__asm__ volatile("movq %%r8, %0\n\tmovq %%r9, %1\n\tmovq %%r10, %2\n\tmovq %%r11, %3\n\t"
				 "movq %%r12, %4\n\tmovq %%r13, %5\n\tmovq %%r14, %6\n\tmovq %%r15, %7"
				 : "=m"(here.r8), "=m"(here.r9), "=m"(here.r10), "=m"(here.r11),
				   "=m"(here.r12), "=m"(here.r13), "=m"(here.r14), "=m"(here.r15));
		__asm__ volatile("movq %%rbp, %0\n\tmovq %%rsp, %1\n\tleaq 0(%%rip), %%rax\n\t"
				 "movq %%rax, %2"
				 : "=m"(here.rbp), "=m"(here.rsp), "=m"(here.rip)::"rax");
		here.cs = KERNEL_CS;
		here.ss = KERNEL_DS;
		here.rflags = read_rflags();
		frame = &here;
	}
	dump_trap_frame(frame);
}

uint64_t arch_frame_rbp(const struct trap_frame *f) { return f->rbp; }
uint64_t arch_frame_rip(const struct trap_frame *f) { return f->rip; }
uint64_t arch_frame_rsp(const struct trap_frame *f) { return f->rsp; }
bool arch_kernel_addr_mapped(uint64_t va) { return kernel_addr_mapped(va); }
