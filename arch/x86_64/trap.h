/*
 * trap.h: interrupts and exceptions.
 *
 * Every vector enters through a stub in isr.S that saves the registers
 * as a struct trap_frame on the current kernel stack and calls
 * trap_dispatch(). Layout, from the stack pointer upwards:
 *
 *      +--------------------+  <- rsp when trap_dispatch is called
 *      | r15 ... r8         |
 *      | rbp rdi rsi rdx    |  pushed by isr.S
 *      | rcx rbx rax        |
 *      | vector, error code |  (a 0 error code where the CPU pushes none)
 *      +--------------------+
 *      | rip cs rflags      |  pushed by the CPU
 *      | rsp ss             |
 *      +--------------------+
 */
#ifndef ARCH_X86_64_TRAP_H
#define ARCH_X86_64_TRAP_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Vectors */
#define VEC_PIC_BASE    0xe0   /* the legacy PIC, remapped and masked */
#define VEC_IRQ_BASE    0x20   /* ISA IRQ n arrives at 0x20 + n via the IOAPIC */
#define VEC_INT80       0x80   /* int $0x80: the second system-call entry */
#define VEC_SYSCALL     0x100  /* not a vector: marks frames syscall_entry.S makes */

/* Did F come in through a system call (either entry)? Then f->error
 * holds the call's number (Linux's orig_rax). */
static inline bool trap_frame_is_syscall(const struct trap_frame *f)
{
	return f->vector == VEC_SYSCALL || f->vector == VEC_INT80;
}
#define VEC_TIMER       0xf0
#define VEC_WAKEUP      0xf1   /* "look at your work queue" IPI */
#define VEC_TLB         0xf2   /* TLB shootdown IPI (tlb.c) */
#define VEC_SPURIOUS    0xff

typedef void (*irq_handler_t)(struct trap_frame *f);

void idt_init(void);      /* build the IDT once (BSP) */
void idt_load(void);      /* load it on this CPU */
void irq_register(unsigned vector, irq_handler_t fn);
void trap_dispatch(struct trap_frame *f);
void dump_trap_frame(const struct trap_frame *f);

#endif
