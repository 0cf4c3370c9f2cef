/*
 * gdt.h: segments and the task-state segment of each CPU.
 *
 * Selector layout (its order is what `syscall`/`sysret` require, STAR):
 *   0x08 kernel code   0x10 kernel data
 *   0x18 user code 32  0x20 user data (|3)  0x28 user code 64 (|3)
 *   0x30 TSS (16 bytes)
 */
#ifndef ARCH_X86_64_GDT_H
#define ARCH_X86_64_GDT_H

#include <stdint.h>

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS   0x23
#define USER_CS   0x2b
#define TSS_SEL   0x30

#define IST_DOUBLE_FAULT 1
#define IST_NMI          2

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];   /* rsp0: kernel stack on entry from ring 3 */
	uint64_t reserved1;
	uint64_t ist[7];   /* ist[0] is IST1 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct arch_cpu {
	uint64_t gdt[8];
	struct tss tss;
};

struct cpu;
/* Load this CPU's GDT and TSS (with fresh IST stacks) and reload segments. */
void gdt_init_cpu(struct cpu *c);

#endif
