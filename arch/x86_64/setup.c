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
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/time.h"

void uart_init(void);
void uart_enable_irq(void);
void ps2kbd_init(void);
void vga_init(void);
void tsc_mark_boot(void);
void vdso_init_cpu(struct cpu *c); /* vdso.c */

void fpu_init_cpu(void);
void rtc_init(void);
void syscall_entry(void);
void tlb_init(void);
uint8_t smap_enabled; /* uaccess.S: use stac/clac */

static void timer_interrupt(struct trap_frame *f)
{
	struct cpu *c = this_cpu();
	c->ticks++;
	if (c->current_task && c->current_task != c->idle) {
		if (f->cs & 3) {
			c->current_task->ticks_user++;
			c->time_user++;
		} else {
			c->current_task->ticks_system++;
			c->time_system++;
		}
		rlimit_cpu_tick(c->current_task);
	} else {
		c->time_idle++;
	}
	paging_tick();
	timer_tick();
	sched_tick();
}

/* syscall/sysret: where to enter, which segments, which flags to clear */
static void syscall_init_cpu(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | 1); /* SCE */
	/* STAR: kernel CS 0x08 (SS 0x10); sysret bases 0x18: SS 0x23, CS 0x2b */
	wrmsr(MSR_STAR, (uint64_t)0x18 << 48 | (uint64_t)KERNEL_CS << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* FMASK: clear IF, TF, DF, AC, NT, IOPL on entry */
	wrmsr(MSR_FMASK, 0x200 | 0x100 | 0x400 | 0x40000 | 0x4000 | 0x3000);
}

/* SMEP: the kernel never executes user pages; SMAP: never touches them
 * outside uaccess. Both only where the CPU has them (CPUID 7.0:EBX). */
static void protection_init_cpu(void)
{
	uint32_t a, b, c, d;
	cpuid(0, 0, &a, &b, &c, &d);
	if (a < 7)
		return;
	cpuid(7, 0, &a, &b, &c, &d);
	uint64_t cr4 = read_cr4();
	if (b & (1 << 7))
		cr4 |= 1ull << 20;
	if (b & (1 << 20)) {
		cr4 |= 1ull << 21;
		smap_enabled = 1;
	}
	write_cr4(cr4);
	if (this_cpu()->id == 0)
		printk("cpu: SMEP %s, SMAP %s\n", b & (1 << 7) ? "on" : "not available",
		       b & (1 << 20) ? "on" : "not available");
}
static void wakeup_ipi(struct trap_frame *f) {}

void arch_early_init(struct cpu *bsp)
{
	tsc_mark_boot();
	bsp->self = bsp;
	wrmsr(MSR_GS_BASE, (uint64_t)bsp);
	idt_init(); /* exceptions from here on panic with a report */
	idt_load();
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
	fpu_init_cpu();
	syscall_init_cpu();
	protection_init_cpu();
	vdso_init_cpu(c); /* TSC_AUX: the CPU number for the vDSO's getcpu */
}

void arch_interrupts_init(void)
{
	irq_register(VEC_TIMER, timer_interrupt);
	irq_register(VEC_WAKEUP, wakeup_ipi);
	tlb_init();
	acpi_init();
	lapic_map(madt.lapic_phys);
	lapic_init_cpu();
	this_cpu()->apic_id = lapic_id();
	ioapic_init();
	lapic_timer_calibrate();
	rtc_init();
	lapic_timer_start();
	arch_irq_enable();
	uart_enable_irq();
	ps2kbd_init();
}

void arch_send_wakeup(struct cpu *c) { lapic_send_ipi(c->apic_id, VEC_WAKEUP); }

void arch_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void arch_stop_other_cpus(void) { lapic_send_nmi_all_but_self(); }

/* ACPI soft-off. QEMU's PC (PIIX4) has PM1a_CNT at 0x604 and S5 as
 * sleep type 0: writing SLP_EN (bit 13) powers off. A machine without
 * it falls back to QEMU's debug exit, then to halting. */
void arch_power_off(void)
{
	arch_irq_disable();
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000); /* older QEMU (Bochs PM block) */
	arch_exit_emulator(0);
}

/* Reset through the keyboard controller (command 0xfe pulses the reset line). */
void arch_restart(void)
{
	arch_irq_disable();
	for (int i = 0; i < 100000 && (inb(0x64) & 2); i++)
		;
	outb(0x64, 0xfe);
	arch_halt_forever();
}

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
