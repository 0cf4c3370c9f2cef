/*
 * mm.h: a process's address space: its page tables and the list of
 * regions (struct vma) that say what may be mapped where. Pages are
 * allocated when first touched (mm_fault); fork shares private pages
 * copy-on-write and MAP_SHARED ones as they are. File-backed regions map
 * the file system's own pages (see struct vma). docs/memory.md tells
 * the whole story.
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

#define MAP_TYPE      0x0f  /* MAP_SHARED, MAP_PRIVATE or MAP_SHARED_VALIDATE */
#define MAP_SHARED_VALIDATE 0x03

/* msync flags */
#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC       4

#define VM_GROWSDOWN 1  /* the stack: faults just below extend it */
#define VM_SHARED    2  /* MAP_SHARED: writes go to the file's pages, fork shares them */
#define VM_MAYWRITE  4  /* mprotect may add PROT_WRITE (not for a MAP_SHARED
                         * mapping of a file opened read-only) */
#define VM_ANONFILE  8  /* MAP_SHARED|MAP_ANONYMOUS: FILE is an unnamed RAM
                         * file made for this mapping (Linux names it
                         * "/dev/zero (deleted)" in /proc/PID/maps) */

/* Pages the kernel owns and maps into processes as they are (the vDSO
 * and its vvar page). The kernel keeps a reference to every frame for
 * good, so unmapping never frees one; a region made from them lacks
 * VM_MAYWRITE, so it cannot be made writable (mprotect: EACCES). */
struct special_mapping {
	const char *name;        /* "[vdso]": what /proc/PID/maps shows */
	const uint64_t *frames;  /* physical addresses, one per page */
	unsigned npages;
};

/*
 * A region of an address space: [start, end) with one protection.
 *
 *   anonymous (file == NULL): pages are zero-filled on first touch, and
 *     private: fork shares them copy-on-write.
 *   file-backed (file != NULL): page i of the region shows page
 *     pgoff + i of the file. The file system's pages are the page cache
 *     (inode_ops.get_page): a MAP_SHARED region maps them themselves, so
 *     every mapping and read()/write() see the same bytes; a MAP_PRIVATE
 *     region maps them read-only copy-on-write, and its first write to a
 *     page copies it. A touch beyond the file's last page is SIGBUS.
 *     A MAP_SHARED|MAP_ANONYMOUS region is backed the same way by an
 *     unnamed file (VM_ANONFILE), so fork's children find the same pages.
 *
 * Split regions (partial munmap/mprotect) each hold their own reference
 * to FILE, with PGOFF moved along.
 *   special (special != NULL): the kernel's pages above, no file.
 */

struct vma {
	uint64_t start, end;     /* [start, end), page aligned */
	uint32_t prot;           /* PROT_* */
	uint32_t flags;          /* VM_* */
	struct file *file;       /* what is mapped (a reference), or NULL: anonymous.
	                          * file->inode names it (for /proc/PID/maps) */
	uint64_t pgoff;          /* file page shown at START */
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

struct file;

/* Lock order: mm->lock, then vfs_lock (a fault on a file-backed region
 * asks the file system for its page under both). */
struct mm *mm_create(void);          /* empty user half, kernel half shared */
struct mm *mm_fork(struct mm *parent); /* copy-on-write duplicate */
void mm_put(struct mm *mm);          /* drop a user; frees at the last */
/* Add a region (no pages yet). -ENOMEM, -EINVAL. */
int mm_add_vma(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, uint32_t flags);
/* Map SM's pages at START with PROT (no PROT_WRITE). -EEXIST if taken. */
int mm_add_special(struct mm *mm, uint64_t start, uint32_t prot, const struct special_mapping *sm);
/* Handle a page fault at ADDR. 0 when fixed; -EFAULT when the access is
 * not allowed (the caller raises SIGSEGV or fails a copy); -ENXIO when
 * ADDR lies in a file mapping beyond the file's end (SIGBUS); -ENOMEM
 * when no page is left (the out-of-memory killer, oom.c). */
int mm_fault(struct mm *mm, uint64_t addr, bool write, bool exec);
/* Copy LEN bytes into user memory of MM at VA, allocating pages (exec). */
int mm_copy_in(struct mm *mm, uint64_t va, const void *src, uint64_t len);
long mm_brk(struct mm *mm, uint64_t new_brk);
/* Map LEN bytes; FILE (the caller keeps its own reference) from page
 * PGOFF, or NULL for anonymous memory. The address, or -errno. */
long mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, int prot, int flags, struct file *file,
	     uint64_t pgoff);
int mm_munmap(struct mm *mm, uint64_t addr, uint64_t len);
/* Drop the pages of [addr, addr+len) but keep the regions (MADV_DONTNEED):
 * anonymous private memory reads zeros again, file mappings the file. */
int mm_discard(struct mm *mm, uint64_t addr, uint64_t len);
int mm_mprotect(struct mm *mm, uint64_t addr, uint64_t len, int prot);
/* msync: check the range; the mapped pages are the file's own, so
 * there is nothing to write back. */
int mm_msync(struct mm *mm, uint64_t addr, uint64_t len, int flags);
/* If ADDR lies in a MAP_SHARED region, its physical address (futex keys). */
bool mm_shared_phys(struct mm *mm, uint64_t addr, uint64_t *phys);
/* Where exec starts the mmap area: below the room that the stack limit
 * STACK_LIMIT asks for (at least STACK_GAP_MIN, at most up to
 * MMAP_BASE), as Linux's mmap_base. */
uint64_t mm_mmap_base(uint64_t stack_limit);
/* Resident pages (for /proc and tests). */
uint64_t mm_resident_pages(struct mm *mm);

#endif
