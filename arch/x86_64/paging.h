/*
 * paging.h: x86-64 four-level page tables for the kernel's half.
 *
 *   virtual address: | PML4 9 | PDPT 9 | PD 9 | PT 9 | offset 12 |
 *
 * paging_init builds the final kernel tables (direct map, image with
 * W^X, no low identity map); every later address space shares their
 * upper half.
 */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_P    (1ull << 0)
#define PTE_W    (1ull << 1)
#define PTE_U    (1ull << 2)
#define PTE_PWT  (1ull << 3)
#define PTE_PCD  (1ull << 4)
#define PTE_A    (1ull << 5)
#define PTE_D    (1ull << 6)
#define PTE_PS   (1ull << 7)   /* 2 MiB / 1 GiB page */
#define PTE_G    (1ull << 8)
#define PTE_NX   (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

extern uint64_t kernel_pml4[512];

void paging_init(void);
/* Map one 4 KiB page in the kernel tables; false if out of memory. */
bool kmap_page(uint64_t va, uint64_t pa, uint64_t flags);
void kunmap_page(uint64_t va);
/* The leaf entry mapping VA (4K or large), or 0 if unmapped. */
uint64_t kernel_lookup(uint64_t va);
bool kernel_addr_mapped(uint64_t va);
/* Map device memory uncached; returns its kernel virtual address. */
void *ioremap(uint64_t phys, uint64_t size);
/* A kernel stack of SIZE bytes with an unmapped guard page below it:
 * returns the address just above the top (the initial rsp), 0 on failure. */
uint64_t kstack_alloc(uint64_t size);
void kstack_free(uint64_t top, uint64_t size);
/* Each timer tick: flush this CPU's TLB if kernel stacks were freed. */
void paging_tick(void);
/* If VA lies in a kernel stack's guard page, the stack's top, else 0. */
uint64_t kstack_guard_owner(uint64_t va);

#endif
