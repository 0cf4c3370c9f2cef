/*
 * kmalloc.c: size-class caches over the page allocator.
 *
 * Each class keeps a free list of equal-sized objects. An empty list is
 * refilled with one fresh page cut into objects; the page's struct page
 * records the class, so kfree needs no header in front of the object.
 */
#include <stdint.h>
#include "kernel/kmalloc.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "arch/x86_64/arch.h"

#define NCLASSES 8 /* 16 << 0 .. 16 << 7 = 2048 */
#define MIN_SHIFT 4

struct free_object {
	struct free_object *next;
};

struct size_class {
	struct spinlock lock;
	struct free_object *free; /* guarded by lock */
};

static struct size_class classes[NCLASSES] = {
	{ SPINLOCK_INIT("kmalloc-16"), 0 },   { SPINLOCK_INIT("kmalloc-32"), 0 },
	{ SPINLOCK_INIT("kmalloc-64"), 0 },   { SPINLOCK_INIT("kmalloc-128"), 0 },
	{ SPINLOCK_INIT("kmalloc-256"), 0 },  { SPINLOCK_INIT("kmalloc-512"), 0 },
	{ SPINLOCK_INIT("kmalloc-1024"), 0 }, { SPINLOCK_INIT("kmalloc-2048"), 0 },
};

static size_t class_size(int c) { return (size_t)1 << (c + MIN_SHIFT); }

static int size_to_class(size_t size)
{
	for (int c = 0; c < NCLASSES; c++)
		if (size <= class_size(c))
			return c;
	return -1;
}

/* Caller holds the class lock. */
static int refill(int c)
{
	uint64_t pa = alloc_page();
	if (!pa)
		return -1;
	struct page *pg = phys_to_page(pa);
	pg->flags = PG_SLAB;
	pg->slab_class = (uint16_t)(c + 1);
	char *base = phys_to_virt(pa);
	for (size_t off = 0; off + class_size(c) <= PAGE_SIZE; off += class_size(c)) {
		struct free_object *o = (struct free_object *)(base + off);
		o->next = classes[c].free;
		classes[c].free = o;
	}
	return 0;
}

static void *kmalloc_large(size_t size)
{
	unsigned order = 0;
	while (((size_t)PAGE_SIZE << order) < size)
		order++;
	uint64_t pa = alloc_pages(order);
	if (!pa)
		return 0;
	struct page *pg = phys_to_page(pa);
	pg->flags = PG_LARGE;
	pg->order = (uint8_t)order;
	return phys_to_virt(pa);
}

void *kmalloc(size_t size)
{
	if (size == 0)
		size = 1;
	int c = size_to_class(size);
	if (c < 0)
		return kmalloc_large(size);
	struct size_class *sc = &classes[c];
	spin_lock(&sc->lock);
	if (!sc->free && refill(c) < 0) {
		spin_unlock(&sc->lock);
		return 0;
	}
	struct free_object *o = sc->free;
	sc->free = o->next;
	spin_unlock(&sc->lock);
	return o;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

static struct page *object_page(const void *p)
{
	uint64_t va = (uint64_t)p;
	struct page *pg = va >= DIRECT_MAP_BASE && va < KERNEL_VMA ? phys_to_page(virt_to_phys(p)) : 0;
	if (!pg || !(pg->flags & (PG_SLAB | PG_LARGE)))
		panic("kfree: %p was not returned by kmalloc", p);
	return pg;
}

size_t kmalloc_usable_size(const void *p)
{
	struct page *pg = object_page(p);
	if (pg->flags & PG_LARGE)
		return (size_t)PAGE_SIZE << pg->order;
	return class_size(pg->slab_class - 1);
}

void kfree(void *p)
{
	if (!p)
		return;
	struct page *pg = object_page(p);
	if (pg->flags & PG_LARGE) {
		if ((uint64_t)p % PAGE_SIZE)
			panic("kfree: %p is inside a large block", p);
		pg->flags = 0;
		free_pages(virt_to_phys(p), pg->order);
		return;
	}
	int c = pg->slab_class - 1;
	if ((uint64_t)p % class_size(c))
		panic("kfree: %p is not the start of a %zu-byte object", p, class_size(c));
	struct size_class *sc = &classes[c];
	struct free_object *o = p;
	spin_lock(&sc->lock);
	o->next = sc->free;
	sc->free = o;
	spin_unlock(&sc->lock);
}
