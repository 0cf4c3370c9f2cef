/*
 * page_alloc.h: the physical page allocator (a buddy allocator).
 *
 * Physical memory is handed out in blocks of 2^order pages, order 0..
 * MAX_ORDER. Every page frame has a struct page describing it; kmalloc
 * and (later) copy-on-write keep their per-frame data there.
 */
#ifndef KERNEL_PAGE_ALLOC_H
#define KERNEL_PAGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include "arch/x86_64/layout.h"

#define MAX_ORDER 10 /* largest block: 4 MiB */

enum page_flags {
	PG_RESERVED = 1, /* never handed out: kernel image, firmware, holes */
	PG_FREE = 2,     /* head of a free block on a buddy list */
	PG_SLAB = 4,     /* carved into kmalloc objects */
	PG_LARGE = 8,    /* head of a multi-page kmalloc block */
};

struct page {
	struct page *next, *prev; /* free list links, guarded by the zone lock */
	uint32_t refcount;        /* users of an allocated frame */
	uint8_t flags;            /* enum page_flags */
	uint8_t order;            /* block order when PG_FREE or PG_LARGE */
	uint16_t slab_class;      /* kmalloc size class when PG_SLAB */
};

/* Build the allocator from boot_info's usable ranges, keeping out the
 * kernel image, the boot modules, the boot information and the first MiB. */
void page_alloc_init(void);
/* A block of 2^ORDER pages (contents undefined): its physical address,
 * or 0 if there is none. */
uint64_t alloc_pages(unsigned order);
static inline uint64_t alloc_page(void) { return alloc_pages(0); }
/* A zero-filled page, reached through the direct map. */
void *alloc_page_zeroed(void);
void free_pages(uint64_t phys, unsigned order);

/* Pages that user memory (anonymous pages, copy-on-write copies, file
 * data) may never take: the kernel's own allocations (page tables,
 * kmalloc, the exit of an out-of-memory victim) still find pages when
 * user memory has run out. 1 MiB, like a small min_free_kbytes. */
#define USER_RESERVE_PAGES 256
/* A page for user memory (contents undefined), or 0 when only the
 * reserve is left: the caller returns ENOMEM or kills (oom.c). */
uint64_t alloc_user_page(void);
static inline void free_page(uint64_t phys) { free_pages(phys, 0); }

/* Reference counts of shared frames (copy-on-write): page_put frees
 * the page when the last reference goes. */
void page_get(uint64_t phys);
void page_put(uint64_t phys);
uint32_t page_refcount(uint64_t phys);

struct page *phys_to_page(uint64_t phys);
uint64_t page_to_phys(const struct page *pg);

size_t page_alloc_free_count(void);   /* free pages now */
size_t page_alloc_total_count(void);  /* pages the allocator manages */

#endif
