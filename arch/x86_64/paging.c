/*
 * paging.c: the kernel's page tables.
 *
 * Final layout (see layout.h): all physical memory (at least the first
 * 4 GiB) mapped at DIRECT_MAP_BASE with 2 MiB pages, read-write, never
 * executable; the kernel image at KERNEL_VMA with 4 KiB pages so each
 * section gets its own rights: .text read-only + executable, .rodata
 * read-only, .data/.bss read-write + NX. Nothing is both writable and
 * executable. The boot stack's guard page is left unmapped.
 */
#include "arch/x86_64/paging.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/arch.h"
#include "kernel/bootinfo.h"
#include "kernel/cpu.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"

/* Kernel stacks: fixed 64 KiB slots, the lowest page of each a guard. */
#define KSTACK_SLOT   (64 * 1024)
#define KSTACK_SLOTS  16384
#define KSTACK_PREMAPPED 1024ull /* 32 page-table pages */

uint64_t kernel_pml4[512] __attribute__((aligned(4096)));
static struct spinlock kpt_lock = SPINLOCK_INIT("kernel_page_tables");

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[], boot_stack_guard[];

static unsigned idx(uint64_t va, int level) { return (va >> (12 + 9 * level)) & 511; }

/* The next-level table under *ENTRY, allocated if CREATE. Caller holds kpt_lock. */
static uint64_t *next_table(uint64_t *entry, bool create)
{
	if (!(*entry & PTE_P)) {
		if (!create)
			return 0;
		void *t = alloc_page_zeroed();
		if (!t)
			return 0;
		*entry = virt_to_phys(t) | PTE_P | PTE_W;
	}
	if (*entry & PTE_PS)
		return 0;
	return phys_to_virt(*entry & PTE_ADDR);
}

/* The PTE for VA at LEVEL (0 = 4K, 1 = 2M), creating tables on the way. */
static uint64_t *walk(uint64_t va, int level, bool create)
{
	uint64_t *table = kernel_pml4;
	for (int l = 3; l > level; l--) {
		table = next_table(&table[idx(va, l)], create);
		if (!table)
			return 0;
	}
	return &table[idx(va, level)];
}

bool kmap_page(uint64_t va, uint64_t pa, uint64_t flags)
{
	spin_lock(&kpt_lock);
	uint64_t *pte = walk(va, 0, true);
	if (pte)
		*pte = (pa & PTE_ADDR) | flags | PTE_P;
	spin_unlock(&kpt_lock);
	invlpg(va);
	return pte != 0;
}

void kunmap_page(uint64_t va)
{
	spin_lock(&kpt_lock);
	uint64_t *pte = walk(va, 0, false);
	if (pte)
		*pte = 0;
	spin_unlock(&kpt_lock);
	invlpg(va);
}

uint64_t kernel_lookup(uint64_t va)
{
	uint64_t *table = kernel_pml4;
	for (int l = 3; l >= 0; l--) {
		uint64_t e = table[idx(va, l)];
		if (!(e & PTE_P))
			return 0;
		if (l == 0 || (e & PTE_PS))
			return e;
		table = phys_to_virt(e & PTE_ADDR);
	}
	return 0;
}

bool kernel_addr_mapped(uint64_t va) { return kernel_lookup(va) != 0; }

static void map_range_2m(uint64_t va, uint64_t pa, uint64_t end, uint64_t flags)
{
	for (; pa < end; pa += 0x200000, va += 0x200000) {
		uint64_t *pde = walk(va, 1, true);
		if (!pde)
			panic("paging: out of memory building the direct map");
		*pde = pa | flags | PTE_P | PTE_PS;
	}
}

static void map_image(const char *start, const char *end, uint64_t flags)
{
	for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += PAGE_SIZE) {
		if (va == (uint64_t)boot_stack_guard)
			continue;
		uint64_t *pte = walk(va, 0, true);
		if (!pte)
			panic("paging: out of memory mapping the kernel image");
		*pte = (va - KERNEL_VMA) | flags | PTE_P;
	}
}

void paging_init(void)
{
	/* Called with the boot tables still live; build the new ones aside. */
	uint64_t top = boot_info.mem_top > (4ull << 30) ? boot_info.mem_top : (4ull << 30);
	top = (top + 0x1fffff) & ~0x1fffffull;
	spin_lock(&kpt_lock);
	map_range_2m(DIRECT_MAP_BASE, 0, top, PTE_W | PTE_G | PTE_NX);
	map_image(__text_start, __text_end, PTE_G);
	map_image(__rodata_start, __rodata_end, PTE_G | PTE_NX);
	map_image(__data_start, __data_end, PTE_W | PTE_G | PTE_NX);
	/* Pre-create every kernel-half PML4 entry, so that address spaces
	 * made later can copy the kernel half once and stay in sync. */
	for (int i = 256; i < 512; i++)
		if (!next_table(&kernel_pml4[i], true))
			panic("paging: out of memory");
	/* Page tables for the first KSTACK_PREMAPPED stack slots, made once:
	 * creating and ending processes then costs no page-table pages, so a
	 * fork/exit loop gives back exactly the memory it took. */
	for (uint64_t va = KSTACK_AREA_BASE; va < KSTACK_AREA_BASE + KSTACK_PREMAPPED * KSTACK_SLOT;
	     va += 0x200000)
		if (!walk(va, 0, true))
			panic("paging: out of memory");
	spin_unlock(&kpt_lock);

	write_cr4(read_cr4() | (1 << 7)); /* PGE: global kernel pages */
	write_cr3(virt_to_phys(kernel_pml4));
	printk("paging: direct map of %lu MiB, kernel text %lu KiB RX, rodata %lu KiB R, data %lu KiB RW\n",
	       (unsigned long)(top >> 20), (unsigned long)((__text_end - __text_start) >> 10),
	       (unsigned long)((__rodata_end - __rodata_start) >> 10),
	       (unsigned long)((__data_end - __data_start) >> 10));
}

void *ioremap(uint64_t phys, uint64_t size)
{
	uint64_t start = phys & ~(uint64_t)(PAGE_SIZE - 1);
	for (uint64_t pa = start; pa < phys + size; pa += PAGE_SIZE)
		if (!kmap_page(MMIO_BASE + pa, pa, PTE_W | PTE_PCD | PTE_PWT | PTE_G | PTE_NX))
			panic("ioremap: out of memory");
	return (void *)(MMIO_BASE + phys);
}

/*
 * A freed stack's virtual slot may still be cached in other CPUs' TLBs
 * (kernel mappings are global). Rather than interrupting every CPU at
 * each free, each CPU flushes its TLB on its next timer tick when frees
 * are pending (paging_tick), and a slot is reused only once every CPU
 * has flushed since it was freed.
 */
static uint64_t next_slot;               /* guarded by kpt_lock */
static struct {
	uint32_t slot;
	uint64_t epoch;                  /* free_epoch when freed */
} free_slots[KSTACK_SLOTS];             /* oldest first; guarded by kpt_lock */
static uint32_t nfree_slots;             /* guarded by kpt_lock */
static volatile uint64_t free_epoch;     /* bumped by every free */

void paging_tick(void)
{
	struct cpu *c = this_cpu();
	uint64_t e = free_epoch;
	if (c->tlb_epoch != e) {
		write_cr4(read_cr4() & ~(1ull << 7)); /* toggling PGE flushes global entries too */
		write_cr4(read_cr4() | (1ull << 7));
		c->tlb_epoch = e;
	}
}

/* Has every online CPU flushed since EPOCH? */
static bool flushed_everywhere(uint64_t epoch)
{
	for (unsigned i = 0; i < ncpus; i++)
		if (cpus[i].online && cpus[i].tlb_epoch < epoch)
			return false;
	return true;
}

/* A reusable slot, or KSTACK_SLOTS. Caller holds kpt_lock. */
static uint64_t take_slot(void)
{
	if (nfree_slots && flushed_everywhere(free_slots[0].epoch)) {
		uint64_t slot = free_slots[0].slot;
		memmove(&free_slots[0], &free_slots[1], --nfree_slots * sizeof free_slots[0]);
		return slot;
	}
	return next_slot < KSTACK_SLOTS ? next_slot++ : KSTACK_SLOTS;
}

uint64_t kstack_alloc(uint64_t size)
{
	if (size > KSTACK_SLOT - PAGE_SIZE)
		return 0;
	spin_lock(&kpt_lock);
	uint64_t slot = take_slot();
	spin_unlock(&kpt_lock);
	if (slot == KSTACK_SLOTS)
		return 0;
	uint64_t top = KSTACK_AREA_BASE + (slot + 1) * KSTACK_SLOT;
	for (uint64_t va = top - size; va < top; va += PAGE_SIZE) {
		uint64_t pa = alloc_page();
		if (!pa || !kmap_page(va, pa, PTE_W | PTE_G | PTE_NX)) {
			if (pa)
				free_page(pa);
			kstack_free(top, va - (top - size)); /* what was mapped so far */
			return 0;
		}
	}
	return top;
}

void kstack_free(uint64_t top, uint64_t size)
{
	for (uint64_t va = top - size; va < top; va += PAGE_SIZE) {
		uint64_t e = kernel_lookup(va);
		if (e) {
			kunmap_page(va);
			free_page(e & PTE_ADDR);
		}
	}
	spin_lock(&kpt_lock);
	uint64_t epoch = __atomic_add_fetch(&free_epoch, 1, __ATOMIC_RELAXED);
	free_slots[nfree_slots].slot = (uint32_t)((top - KSTACK_AREA_BASE) / KSTACK_SLOT - 1);
	free_slots[nfree_slots++].epoch = epoch;
	spin_unlock(&kpt_lock);
}

uint64_t kstack_guard_owner(uint64_t va)
{
	if (va >= (uint64_t)boot_stack_guard && va < (uint64_t)boot_stack_guard + PAGE_SIZE)
		return (uint64_t)boot_stack_guard + PAGE_SIZE + KSTACK_SIZE;
	if (va < KSTACK_AREA_BASE || va >= KSTACK_AREA_BASE + (uint64_t)KSTACK_SLOTS * KSTACK_SLOT)
		return 0;
	uint64_t top = KSTACK_AREA_BASE + ((va - KSTACK_AREA_BASE) / KSTACK_SLOT + 1) * KSTACK_SLOT;
	return kernel_addr_mapped(va) ? 0 : top;
}
