/*
 * vm.c: user page tables (the lower half of each address space's PML4).
 * kernel/mm.c decides what should be mapped; this file knows the x86-64
 * entry format. Copy-on-write pages are read-only entries with the
 * software bit PTE_COW set: a write fault on one copies the frame (or,
 * for the last reference, just makes it writable again).
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/page_alloc.h"
#include "kernel/string.h"

#define PTE_COW (1ull << 9)       /* software: shared, copy on write */
#define PTE_PROTNONE (1ull << 10) /* software: a page kept but made inaccessible
                                   * (PROT_NONE): not present to the CPU */
#define PTE_HAS_PAGE(e) ((e) & (PTE_P | PTE_PROTNONE))

static unsigned idx(uint64_t va, int level) { return (va >> (12 + 9 * level)) & 511; }
static uint64_t *table_of(uint64_t entry) { return phys_to_virt(entry & PTE_ADDR); }

static uint64_t prot_bits(uint32_t prot)
{
	if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return PTE_PROTNONE;
	uint64_t bits = PTE_P | PTE_U;
	if (prot & PROT_WRITE)
		bits |= PTE_W;
	if (!(prot & PROT_EXEC))
		bits |= PTE_NX;
	return bits;
}

uint64_t arch_pt_create(void)
{
	uint64_t *pml4 = alloc_page_zeroed();
	if (!pml4)
		return 0;
	memcpy(&pml4[256], &kernel_pml4[256], 256 * sizeof(uint64_t));
	return virt_to_phys(pml4);
}

/* The level-0 entry for VA, creating tables if CREATE; NULL otherwise. */
static uint64_t *walk(uint64_t root, uint64_t va, bool create)
{
	uint64_t *table = phys_to_virt(root);
	for (int level = 3; level > 0; level--) {
		uint64_t *e = &table[idx(va, level)];
		if (!(*e & PTE_P)) {
			if (!create)
				return 0;
			void *t = alloc_page_zeroed();
			if (!t)
				return 0;
			/* user bit on the upper levels; the leaf decides */
			*e = virt_to_phys(t) | PTE_P | PTE_W | PTE_U;
		}
		table = table_of(*e);
	}
	return &table[idx(va, 0)];
}

static void flush(uint64_t root, uint64_t va)
{
	if ((read_cr3() & PTE_ADDR) == root)
		invlpg(va);
}

int arch_pt_map(uint64_t root, uint64_t va, uint64_t pa, uint32_t prot)
{
	uint64_t *pte = walk(root, va, true);
	if (!pte)
		return -ENOMEM;
	uint64_t old = *pte;
	*pte = pa | prot_bits(prot);
	if (PTE_HAS_PAGE(old)) {
		page_put(old & PTE_ADDR);
		flush(root, va);
	}
	return 0;
}

/* Map PA read-only and copy-on-write whatever PROT says: the first page of
 * a file shown by a MAP_PRIVATE mapping, until the first write copies it. */
int arch_pt_map_cow(uint64_t root, uint64_t va, uint64_t pa, uint32_t prot)
{
	int err = arch_pt_map(root, va, pa, prot);
	if (err)
		return err;
	uint64_t *pte = walk(root, va, false);
	*pte = (*pte & ~PTE_W) | PTE_COW;
	flush(root, va);
	return 0;
}

bool arch_pt_lookup(uint64_t root, uint64_t va, uint64_t *pa, bool *writable, bool *cow)
{
	uint64_t *pte = walk(root, va, false);
	if (!pte || !PTE_HAS_PAGE(*pte))
		return false;
	if (pa)
		*pa = *pte & PTE_ADDR;
	if (writable)
		*writable = *pte & PTE_W;
	if (cow)
		*cow = *pte & PTE_COW;
	return true;
}

/* The faulting CPU wrote to a copy-on-write page now its own (or copied). */
void arch_pt_make_writable(uint64_t root, uint64_t va, uint64_t new_pa)
{
	uint64_t *pte = walk(root, va, false);
	if (!pte)
		return;
	*pte = (new_pa | (*pte & ~PTE_ADDR) | PTE_W) & ~PTE_COW;
	flush(root, va);
}

/* Visit every present leaf entry in [start, end). */
static void for_each_pte(uint64_t root, uint64_t start, uint64_t end,
			 void (*fn)(uint64_t *pte, uint64_t va, void *arg), void *arg)
{
	uint64_t *pml4 = phys_to_virt(root);
	for (uint64_t va = start; va < end;) {
		uint64_t e4 = pml4[idx(va, 3)];
		if (!(e4 & PTE_P)) {
			va = (va & ~((1ull << 39) - 1)) + (1ull << 39);
			continue;
		}
		uint64_t e3 = table_of(e4)[idx(va, 2)];
		if (!(e3 & PTE_P)) {
			va = (va & ~((1ull << 30) - 1)) + (1ull << 30);
			continue;
		}
		uint64_t e2 = table_of(e3)[idx(va, 1)];
		if (!(e2 & PTE_P)) {
			va = (va & ~((1ull << 21) - 1)) + (1ull << 21);
			continue;
		}
		uint64_t *pte = &table_of(e2)[idx(va, 0)];
		if (PTE_HAS_PAGE(*pte))
			fn(pte, va, arg);
		va += PAGE_SIZE;
	}
}

/* Frames unmapped but not yet freed: other CPUs running the same address
 * space may still have them in their TLBs until the shootdown. */
struct unmap_batch {
	struct mm *mm;
	int n;
	uint64_t frames[32];
};

static void release_frames(struct unmap_batch *b)
{
	arch_tlb_shootdown(b->mm);
	for (int i = 0; i < b->n; i++)
		page_put(b->frames[i]);
	b->n = 0;
}

static void unmap_one(uint64_t *pte, uint64_t va, void *arg)
{
	struct unmap_batch *b = arg;
	b->frames[b->n++] = *pte & PTE_ADDR;
	*pte = 0;
	flush(b->mm->pt_root, va);
	if (b->n == (int)(sizeof b->frames / sizeof b->frames[0]))
		release_frames(b);
}

void arch_pt_unmap_range(struct mm *mm, uint64_t start, uint64_t end)
{
	struct unmap_batch b;
	b.mm = mm;
	b.n = 0;
	for_each_pte(mm->pt_root, start, end, unmap_one, &b);
	if (b.n)
		release_frames(&b);
}

struct protect_arg {
	uint64_t root;
	uint32_t prot;
};

static void protect_one(uint64_t *pte, uint64_t va, void *p)
{
	struct protect_arg *a = p;
	uint64_t keep = *pte & (PTE_ADDR | PTE_COW | PTE_A | PTE_D);
	uint64_t bits = prot_bits(a->prot);
	if (keep & PTE_COW)
		bits &= ~PTE_W; /* still shared: the write fault will copy */
	*pte = keep | bits;
	flush(a->root, va);
}

void arch_pt_protect_range(uint64_t root, uint64_t start, uint64_t end, uint32_t prot)
{
	struct protect_arg a = { root, prot };
	for_each_pte(root, start, end, protect_one, &a);
}

struct cow_arg {
	uint64_t src_root, dst_root;
	int err;
};

static void share_one(uint64_t *pte, uint64_t va, void *p)
{
	struct cow_arg *a = p;
	if (a->err)
		return;
	uint64_t *dst = walk(a->dst_root, va, true);
	if (!dst) {
		a->err = -ENOMEM;
		return;
	}
	/* every shared page is copy-on-write, even a read-only one, since
	 * mprotect may make its region writable later */
	if ((*pte & (PTE_W | PTE_COW)) != PTE_COW) {
		*pte = (*pte & ~PTE_W) | PTE_COW;
		flush(a->src_root, va);
	}
	page_get(*pte & PTE_ADDR);
	*dst = *pte;
}

int arch_pt_copy_cow(uint64_t dst_root, uint64_t src_root, uint64_t start, uint64_t end)
{
	struct cow_arg a = { src_root, dst_root, 0 };
	for_each_pte(src_root, start, end, share_one, &a);
	return a.err;
}

static void share_writable_one(uint64_t *pte, uint64_t va, void *p)
{
	struct cow_arg *a = p;
	if (a->err)
		return;
	uint64_t *dst = walk(a->dst_root, va, true);
	if (!dst) {
		a->err = -ENOMEM;
		return;
	}
	page_get(*pte & PTE_ADDR);
	*dst = *pte; /* the same frame, writable in both: a MAP_SHARED region */
}

int arch_pt_copy_shared(uint64_t dst_root, uint64_t src_root, uint64_t start, uint64_t end)
{
	struct cow_arg a = { src_root, dst_root, 0 };
	for_each_pte(src_root, start, end, share_writable_one, &a);
	return a.err;
}

static void count_one(uint64_t *pte, uint64_t va, void *n) { ++*(uint64_t *)n; }

uint64_t arch_pt_count(uint64_t root, uint64_t start, uint64_t end)
{
	uint64_t n = 0;
	for_each_pte(root, start, end, count_one, &n);
	return n;
}

/* Free the page-table pages of the user half (mappings already gone). */
void arch_pt_destroy(uint64_t root)
{
	uint64_t *pml4 = phys_to_virt(root);
	for (int i = 0; i < 256; i++) {
		if (!(pml4[i] & PTE_P))
			continue;
		uint64_t *pdpt = table_of(pml4[i]);
		for (int j = 0; j < 512; j++) {
			if (!(pdpt[j] & PTE_P))
				continue;
			uint64_t *pd = table_of(pdpt[j]);
			for (int k = 0; k < 512; k++)
				if (pd[k] & PTE_P)
					free_page(pd[k] & PTE_ADDR);
			free_page(pdpt[j] & PTE_ADDR);
		}
		free_page(pml4[i] & PTE_ADDR);
	}
	free_page(root);
}
