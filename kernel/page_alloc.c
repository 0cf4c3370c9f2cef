/*
 * page_alloc.c: a buddy allocator over the usable physical memory.
 *
 * A free block of 2^k pages starts at a page number that is a multiple
 * of 2^k; its "buddy" is the block whose number differs in bit k. Freeing
 * a block merges it with its buddy while the buddy is free and of the
 * same order, so fragmentation heals by itself.
 *
 * The struct page array (one per frame up to the highest usable address)
 * is carved out of the first usable range big enough to hold it.
 */
#include <stdbool.h>
#include "kernel/page_alloc.h"
#include "kernel/bootinfo.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "arch/x86_64/arch.h"

static struct spinlock zone_lock = SPINLOCK_INIT("page_alloc");
static struct page *free_lists[MAX_ORDER + 1]; /* guarded by zone_lock */
static size_t nfree;                           /* guarded by zone_lock */
static size_t nmanaged;
static struct page *pages;                     /* immutable after init */
static uint64_t npages;

extern char __kernel_phys_start[], __kernel_phys_end[];

struct page *phys_to_page(uint64_t phys)
{
	uint64_t pfn = phys / PAGE_SIZE;
	return pfn < npages ? &pages[pfn] : 0;
}

uint64_t page_to_phys(const struct page *pg) { return (uint64_t)(pg - pages) * PAGE_SIZE; }

static void list_push(struct page *pg, unsigned order)
{
	pg->flags = PG_FREE;
	pg->order = order;
	pg->prev = 0;
	pg->next = free_lists[order];
	if (pg->next)
		pg->next->prev = pg;
	free_lists[order] = pg;
}

static void list_remove(struct page *pg, unsigned order)
{
	if (pg->prev)
		pg->prev->next = pg->next;
	else
		free_lists[order] = pg->next;
	if (pg->next)
		pg->next->prev = pg->prev;
	pg->flags = 0;
	pg->next = pg->prev = 0;
}

/* Caller holds zone_lock. */
static void free_block_locked(uint64_t pfn, unsigned order)
{
	while (order < MAX_ORDER) {
		uint64_t buddy = pfn ^ (1ull << order);
		if (buddy >= npages)
			break;
		struct page *b = &pages[buddy];
		if (!(b->flags & PG_FREE) || b->order != order)
			break;
		list_remove(b, order);
		pfn &= ~(1ull << order);
		order++;
	}
	list_push(&pages[pfn], order);
}

uint64_t alloc_pages(unsigned order)
{
	if (order > MAX_ORDER)
		return 0;
	spin_lock(&zone_lock);
	unsigned k = order;
	while (k <= MAX_ORDER && !free_lists[k])
		k++;
	if (k > MAX_ORDER) {
		spin_unlock(&zone_lock);
		return 0;
	}
	struct page *pg = free_lists[k];
	list_remove(pg, k);
	uint64_t pfn = (uint64_t)(pg - pages);
	while (k > order) { /* split: give back the upper halves */
		k--;
		list_push(&pages[pfn + (1ull << k)], k);
	}
	nfree -= 1ull << order;
	pg->refcount = 1;
	spin_unlock(&zone_lock);
	return pfn * PAGE_SIZE;
}

uint64_t alloc_user_page(void)
{
	/* a soft limit: two CPUs may both pass the check, and the reserve
	 * is there to absorb exactly that */
	if (__atomic_load_n(&nfree, __ATOMIC_RELAXED) <= USER_RESERVE_PAGES)
		return 0;
	return alloc_page();
}

void page_get(uint64_t phys) { __atomic_add_fetch(&phys_to_page(phys)->refcount, 1, __ATOMIC_RELAXED); }

void page_put(uint64_t phys)
{
	struct page *pg = phys_to_page(phys);
	uint32_t left = __atomic_sub_fetch(&pg->refcount, 1, __ATOMIC_ACQ_REL);
	if (left == 0) {
		pg->refcount = 1; /* free_pages expects an allocated page */
		free_pages(phys & ~(uint64_t)(PAGE_SIZE - 1), 0);
	} else if (left > 0x7fffffff) {
		panic("page_put: refcount underflow on %#lx", (unsigned long)phys);
	}
}

uint32_t page_refcount(uint64_t phys) { return __atomic_load_n(&phys_to_page(phys)->refcount, __ATOMIC_RELAXED); }

void *alloc_page_zeroed(void)
{
	uint64_t pa = alloc_page();
	if (!pa)
		return 0;
	void *va = phys_to_virt(pa);
	memset(va, 0, PAGE_SIZE);
	return va;
}

void free_pages(uint64_t phys, unsigned order)
{
	uint64_t pfn = phys / PAGE_SIZE;
	if (phys % PAGE_SIZE || pfn >= npages || (pfn & ((1ull << order) - 1)))
		panic("free_pages: bad address %#lx order %u", (unsigned long)phys, order);
	struct page *pg = &pages[pfn];
	if (pg->flags & (PG_FREE | PG_RESERVED))
		panic("free_pages: %#lx is %s", (unsigned long)phys,
		      pg->flags & PG_FREE ? "already free (double free)" : "reserved");
	spin_lock(&zone_lock);
	pg->refcount = 0;
	pg->slab_class = 0;
	free_block_locked(pfn, order);
	nfree += 1ull << order;
	spin_unlock(&zone_lock);
}

size_t page_alloc_free_count(void) { return nfree; }
size_t page_alloc_total_count(void) { return nmanaged; }

/* ---- building the allocator ---- */

#define MAX_RESERVED (MAX_MODULES + 8)
static struct mem_range reserved[MAX_RESERVED];
static int nreserved;

static void reserve(uint64_t start, uint64_t end)
{
	if (nreserved < MAX_RESERVED)
		reserved[nreserved++] = (struct mem_range){ start & ~(uint64_t)(PAGE_SIZE - 1), end };
}

static bool is_reserved(uint64_t start, uint64_t end)
{
	for (int i = 0; i < nreserved; i++)
		if (start < reserved[i].end && reserved[i].start < end)
			return true;
	return false;
}

/* Physical memory for the struct page array: the first usable, not
 * reserved, stretch below 4 GiB (the boot page tables map only that). */
static uint64_t find_array_space(uint64_t bytes)
{
	for (int i = 0; i < boot_info.nusable; i++) {
		const struct mem_range *r = &boot_info.usable[i];
		for (uint64_t s = r->start; s + bytes <= r->end && s + bytes <= (4ull << 30); s += PAGE_SIZE)
			if (!is_reserved(s, s + bytes))
				return s;
	}
	return 0;
}

void page_alloc_init(void)
{
	reserve(0, 0x100000); /* real-mode IVT, BIOS data, AP trampoline, VGA */
	reserve((uint64_t)__kernel_phys_start, (uint64_t)__kernel_phys_end);
	reserve(boot_info.info_start, boot_info.info_end);
	for (int i = 0; i < boot_info.nmodules; i++)
		reserve(boot_info.modules[i].start, boot_info.modules[i].end);

	npages = boot_info.mem_top / PAGE_SIZE;
	uint64_t bytes = (npages * sizeof(struct page) + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t array = find_array_space(bytes);
	if (!array)
		panic("page_alloc: no room for %lu page descriptors", (unsigned long)npages);
	reserve(array, array + bytes);
	pages = phys_to_virt(array);
	memset(pages, 0, bytes);
	for (uint64_t i = 0; i < npages; i++)
		pages[i].flags = PG_RESERVED;

	spin_lock(&zone_lock);
	for (int i = 0; i < boot_info.nusable; i++) {
		const struct mem_range *r = &boot_info.usable[i];
		for (uint64_t pa = r->start; pa < r->end; pa += PAGE_SIZE) {
			if (is_reserved(pa, pa + PAGE_SIZE))
				continue;
			pages[pa / PAGE_SIZE].flags = 0;
			free_block_locked(pa / PAGE_SIZE, 0);
			nfree++;
			nmanaged++;
		}
	}
	spin_unlock(&zone_lock);
	printk("page_alloc: %zu MiB usable, %zu pages free, descriptors at %#lx (%lu KiB)\n",
	       nmanaged * PAGE_SIZE >> 20, nfree, (unsigned long)array, (unsigned long)(bytes >> 10));
}
