/*
 * arch.h: the one header through which kernel/ reaches the hardware.
 * Everything here has a meaning on any CPU; arch/x86_64 implements it.
 */
#ifndef ARCH_H
#define ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/layout.h"
#include "arch/x86_64/gdt.h" /* struct arch_cpu, embedded in struct cpu */

/* Interrupt flag. arch_irq_save returns whether interrupts were on. */
static inline bool arch_irq_save(void)
{
	uint64_t f;
	__asm__ volatile("pushfq; popq %0; cli" : "=r"(f)::"memory");
	return (f >> 9) & 1;
}
static inline void arch_irq_restore(bool on)
{
	if (on)
		__asm__ volatile("sti" ::: "memory");
}
static inline bool arch_irq_enabled(void)
{
	uint64_t f;
	__asm__ volatile("pushfq; popq %0" : "=r"(f));
	return (f >> 9) & 1;
}
static inline void arch_irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void arch_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void arch_cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
/* Sleep until the next interrupt (enables interrupts atomically first). */
static inline void arch_wait_for_interrupt(void) { __asm__ volatile("sti; hlt" ::: "memory"); }

/* Physical <-> direct-map virtual addresses. */
static inline void *phys_to_virt(uint64_t pa) { return (void *)(pa + DIRECT_MAP_BASE); }
static inline uint64_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;
	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DIRECT_MAP_BASE;
}

struct cpu;
struct trap_frame;

/* Boot steps, in the order kernel_main calls them (arch/x86_64/setup.c). */
void arch_early_init(struct cpu *bsp);  /* per-CPU pointer, serial console */
void arch_screen_init(void);            /* screen console, after boot_info */
void arch_mm_init(void);                /* final kernel page tables */
void arch_cpu_setup(struct cpu *c);     /* GDT/TSS/IDT/LAPIC of the calling CPU */
void arch_interrupts_init(void);        /* ACPI, APICs, timer, device IRQs (BSP) */
void arch_start_other_cpus(void);       /* SMP bring-up; fills ncpus */
void arch_send_wakeup(struct cpu *c);   /* interrupt C out of its idle halt */

/* Stop this CPU for good (interrupts off). */
__attribute__((noreturn)) void arch_halt_forever(void);
/* Ask the other CPUs to stop (panic path; must work with locks held). */
void arch_stop_other_cpus(void);
/* Leave QEMU through its isa-debug-exit port (exit status CODE*2+1);
 * halts if the device is absent. */
__attribute__((noreturn)) void arch_exit_emulator(int code);
/* Registers of an interrupted context, or (FRAME NULL) of the caller. */
void arch_dump_registers(const struct trap_frame *frame);
/* The frame pointer and instruction pointer stored in FRAME. */
uint64_t arch_frame_rbp(const struct trap_frame *frame);
uint64_t arch_frame_rip(const struct trap_frame *frame);
uint64_t arch_frame_rsp(const struct trap_frame *frame);
/* Is this kernel address mapped (safe to read)? */
bool arch_kernel_addr_mapped(uint64_t va);

#endif
