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
/* /proc/cpuinfo's block for CPU number CPU into BUF: its length */
long arch_cpuinfo(unsigned cpu, char *buf, unsigned long size);

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
/* ---- tasks (process_arch.c, switch.S) ---- */
#define ARCH_TRAP_FRAME_SIZE (22 * 8) /* sizeof(struct trap_frame) */
struct task;
struct mm;
void arch_switch_context(uint64_t *save_rsp, uint64_t new_rsp);
void arch_prepare_kthread(struct task *t, void (*fn)(void *), void *arg);
/* Give T a copy of REGS as its user registers, ready to return to ring 3. */
void arch_prepare_user_task(struct task *t, const struct trap_frame *regs);
void arch_init_user_regs(struct trap_frame *f, uint64_t entry, uint64_t stack);
/* Leave for user mode with the current task's registers (never returns). */
__attribute__((noreturn)) void arch_enter_user(void);
void arch_switch_mm(struct mm *mm);           /* NULL: kernel tables only */
/* Make every other CPU that has MM loaded drop its cached translations
 * (tlb.c); call after changing MM's page tables, without mm->lock held. */
void arch_tlb_shootdown(struct mm *mm);
/* Do cross-CPU work requested of this CPU (TLB flushes) while it spins
 * with interrupts off. */
void arch_poll_ipi_work(void);
void arch_set_kernel_stack(uint64_t top);
void arch_switch_tls(struct task *prev, struct task *next);
/* exec: the calling task starts with no TLS base and a clean FPU. */
void arch_reset_user_state(struct task *t);
long arch_prctl_tls(int code, uint64_t addr);
void arch_fpu_save(uint8_t *area);
void arch_fpu_restore(const uint8_t *area);
void arch_fpu_init_state(uint8_t *area);
uint64_t arch_kstack_alloc(void);
void arch_kstack_free(uint64_t top);
__attribute__((noreturn)) void arch_power_off(void);
__attribute__((noreturn)) void arch_restart(void);

/* ---- user page tables (vm.c) ---- */
uint64_t arch_pt_create(void);
void arch_pt_destroy(uint64_t root);
int arch_pt_map(uint64_t root, uint64_t va, uint64_t pa, uint32_t prot);
int arch_pt_map_cow(uint64_t root, uint64_t va, uint64_t pa, uint32_t prot);
bool arch_pt_lookup(uint64_t root, uint64_t va, uint64_t *pa, bool *writable, bool *cow);
void arch_pt_make_writable(uint64_t root, uint64_t va, uint64_t new_pa);
/* Unmap and release the pages of [start, end) (other CPUs' TLBs included). */
void arch_pt_unmap_range(struct mm *mm, uint64_t start, uint64_t end);
void arch_pt_protect_range(uint64_t root, uint64_t start, uint64_t end, uint32_t prot);
int arch_pt_copy_cow(uint64_t dst_root, uint64_t src_root, uint64_t start, uint64_t end);
int arch_pt_copy_shared(uint64_t dst_root, uint64_t src_root, uint64_t start, uint64_t end);
uint64_t arch_pt_count(uint64_t root, uint64_t start, uint64_t end);

/* ---- user memory access (uaccess.S): bytes NOT copied / -1 ---- */
uint64_t arch_copy_user(void *dst, const void *src, uint64_t n);
uint64_t arch_clear_user(void *dst, uint64_t n);
long arch_strncpy_user(char *dst, const char *src, uint64_t max);

/* ---- signal frames (signal_frame.c) ---- */
struct ksiginfo;
struct k_sigaction;
/* Push a handler's frame on the user stack and point F at the handler:
 * 0, or -1 if the frame cannot be written. */
int arch_setup_signal_frame(struct trap_frame *f, int sig, const struct ksiginfo *info,
			    const struct k_sigaction *ka, uint64_t old_mask);
/* Linux's 128-byte siginfo_t for SIG into OUT (signal frames, ptrace). */
void arch_fill_siginfo(void *out, int sig, const struct ksiginfo *info);
/* ptrace: a stopped thread's user registers as Linux's struct
 * user_regs_struct (27 words), and back (sanitized: -EIO for a rip or
 * segment base outside user space); single-stepping on or off. */
#define USER_REGS_WORDS 27
void arch_get_user_regs(struct task *t, uint64_t *regs);
int arch_set_user_regs(struct task *t, const uint64_t *regs);
void arch_set_single_step(struct task *t, bool on);
/* rt_sigreturn: restore F from the frame (sanitized); the saved mask in *MASK. */
int arch_restore_signal_frame(struct trap_frame *f, uint64_t *mask);

/* ---- the vDSO (vdso.c, vdso/) ---- */
void arch_vdso_init(void);       /* after the clocks and the other CPUs are up */
void arch_vdso_update(void);     /* the clocks changed, or a tick passed (CPU 0) */
uint64_t vdso_coarse_ns(void);   /* CLOCK_MONOTONIC at the last tick, as the vDSO sees it */
/* exec: map [vvar] and [vdso] into MM; the vDSO's address (AT_SYSINFO_EHDR),
 * 0 when the program leaves no room for it, or -errno. */
long arch_setup_additional_pages(struct mm *mm);

/* Is this kernel address mapped (safe to read)? */
bool arch_kernel_addr_mapped(uint64_t va);

#endif
