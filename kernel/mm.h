/*
 * mm.h: a process's address space: its page tables and the list of
 * regions (struct vma) that say what may be mapped where. Pages are
 * allocated when first touched (mm_fault); fork shares them copy-on-write.
 *
 *   user virtual memory (x86-64, 47 bits):
 *
 *   0x00007ffffffff000  USER_STACK_TOP -+  stack, grows down on demand
 *                                        |  (up to RLIMIT_STACK below the top)
 *   [vvar] [vdso]                         the vDSO and its data page, mapped by exec at
 *                                         the top of the mmap area (arch/x86_64/vdso.c)
 *   0x00007f0000000000  MMAP_BASE  ------+  mmap regions, allocated downwards
 *          ...
 *   brk                                  heap (brk), grows up
 *   end of the ELF's last segment
 *   0x0000000000400000  usual ELF start  program text, data, bss
 *   0x0000000000000000  unmapped (NULL pointer traps)
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/list.h"
#include "kernel/spinlock.h"

#define USER_TOP        0x00007ffffffff000ull /* first address user space may not use */
#define USER_STACK_TOP  USER_TOP
#define STACK_MAX       (8ull << 20)          /* brk stays this far below MMAP_BASE */
#define STACK_GUARD_GAP (256ull * 4096)       /* kept free below a stack, as Linux */
#define STACK_GAP_MIN   (128ull << 20)        /* least room exec leaves for the stack */
#define MMAP_BASE       0x00007f0000000000ull
#define USER_MIN        0x10000ull            /* mmap_min_addr, as Linux */
#define VDSO_MAX_PAGES  8                     /* the vDSO's size limit (arch/x86_64/vdso.c) */

/* Linux's protection and mapping flags */
#define PROT_NONE  0
#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4
#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_FIXED_NOREPLACE 0x100000

#define VM_GROWSDOWN 1  /* the stack: faults just below extend it */
#define VM_SHARED    2  /* MAP_SHARED: fork shares the pages, not copies them */

/* Pages the kernel owns and maps into processes as they are (the vDSO
 * and its vvar page). The kernel keeps a reference to every frame for
 * good, so unmapping never frees one; a region made from them cannot be
 * made writable (mprotect: EACCES). */
struct special_mapping {
	const char *name;        /* "[vdso]": what /proc/PID/maps shows */
	const uint64_t *frames;  /* physical addresses, one per page */
	unsigned npages;
};

struct vma {
	uint64_t start, end;     /* [start, end), page aligned */
	uint32_t prot;           /* PROT_* */
	uint32_t flags;          /* VM_* */
	const struct special_mapping *special; /* NULL: ordinary memory */
	uint64_t special_base;   /* where special's first page is (kept by splits) */
	struct list_head node;   /* in mm->vmas, sorted by address */
};

struct mm {
	uint64_t pt_root;        /* physical address of the top page table; immutable */
	struct spinlock lock;    /* guards vmas, brk and the page tables' user half */
	struct list_head vmas;
	uint64_t brk_start, brk; /* heap: [brk_start, brk) */
	uint64_t mmap_next;      /* next place to try for mmap without a hint */
	uint64_t start_code, end_code, start_stack; /* for /proc */
	int users;               /* tasks using it (threads share it); atomic */
	uint64_t cpu_mask;       /* CPUs with it loaded in CR3 (arch_switch_mm); atomic */
};

struct mm *mm_create(void);          /* empty user half, kernel half shared */
struct mm *mm_fork(struct mm *parent); /* copy-on-write duplicate */
void mm_put(struct mm *mm);          /* drop a user; frees at the last */
/* Add a region (no pages yet). -ENOMEM, -EINVAL. */
int mm_add_vma(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, uint32_t flags);
/* Map SM's pages at START with PROT (no PROT_WRITE). -EEXIST if taken. */
int mm_add_special(struct mm *mm, uint64_t start, uint32_t prot, const struct special_mapping *sm);
/* Handle a page fault at ADDR. 0 when fixed, -EFAULT when the access is
 * not allowed (the caller raises SIGSEGV or fails a copy), -ENOMEM. */
int mm_fault(struct mm *mm, uint64_t addr, bool write, bool exec);
/* Copy LEN bytes into user memory of MM at VA, allocating pages (exec). */
int mm_copy_in(struct mm *mm, uint64_t va, const void *src, uint64_t len);
long mm_brk(struct mm *mm, uint64_t new_brk);
long mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, int prot, int flags);
int mm_munmap(struct mm *mm, uint64_t addr, uint64_t len);
/* Drop the pages of [addr, addr+len) but keep the regions (MADV_DONTNEED). */
int mm_discard(struct mm *mm, uint64_t addr, uint64_t len);
int mm_mprotect(struct mm *mm, uint64_t addr, uint64_t len, int prot);
/* If ADDR lies in a MAP_SHARED region, its physical address (futex keys). */
bool mm_shared_phys(struct mm *mm, uint64_t addr, uint64_t *phys);
/* Where exec starts the mmap area: below the room that the stack limit
 * STACK_LIMIT asks for (at least STACK_GAP_MIN, at most up to
 * MMAP_BASE), as Linux's mmap_base. */
uint64_t mm_mmap_base(uint64_t stack_limit);
/* Resident pages (for /proc and tests). */
uint64_t mm_resident_pages(struct mm *mm);

#endif
