/*
 * mm.c: address spaces: regions, demand paging, copy-on-write, brk and
 * mmap of anonymous memory and of files. The page-table format is the
 * architecture's (arch/x86_64/vm.c); the rules about what may be mapped
 * live here. File pages come from the file system (inode_ops.get_page,
 * ramfs.c); running out of pages ends in oom.c.
 */
#include "kernel/mm.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/resource.h"
#include "kernel/string.h"
#include "kernel/vfs.h"
#include "arch/x86_64/arch.h"

#define PAGE_MASK (~(uint64_t)(PAGE_SIZE - 1))
static uint64_t page_down(uint64_t a) { return a & PAGE_MASK; }
static uint64_t page_up(uint64_t a) { return (a + PAGE_SIZE - 1) & PAGE_MASK; }

struct mm *mm_create(void)
{
	struct mm *mm = kzalloc(sizeof *mm);
	if (!mm)
		return 0;
	mm->pt_root = arch_pt_create();
	if (!mm->pt_root) {
		kfree(mm);
		return 0;
	}
	spin_init(&mm->lock, "mm");
	list_init(&mm->vmas);
	mm->mmap_next = MMAP_BASE;
	mm->users = 1;
	return mm;
}

static struct vma *find_vma(struct mm *mm, uint64_t addr)
{
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		if (addr >= v->start && addr < v->end)
			return v;
	}
	return 0;
}

static bool range_free(struct mm *mm, uint64_t start, uint64_t end)
{
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		if (start < v->end && v->start < end)
			return false;
	}
	return true;
}

static void insert_sorted(struct mm *mm, struct vma *n)
{
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		if (list_entry(p, struct vma, node)->start > n->start)
			break;
	}
	list_add_tail(&n->node, p); /* before p: keeps the list sorted */
}

/* A region no longer in any list: drop its file reference. Not under
 * mm->lock: the last file_put takes vfs_lock, which comes first. */
static void vma_free(struct vma *v)
{
	if (v->file)
		file_put(v->file);
	kfree(v);
}

/* Free the regions unmap_locked collected, after mm->lock is released. */
static void free_dead(struct list_head *dead)
{
	struct list_head *p, *tmp;
	list_for_each_safe(p, tmp, dead) {
		list_del(p);
		vma_free(list_entry(p, struct vma, node));
	}
}

/* Add [start, end) showing FILE (referenced anew here) from page PGOFF.
 * Caller holds mm->lock. */
static int add_vma_locked(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, uint32_t flags,
			  struct file *file, uint64_t pgoff)
{
	if (start >= end || start % PAGE_SIZE || end % PAGE_SIZE || end > USER_TOP)
		return -EINVAL;
	if (!range_free(mm, start, end))
		return -EEXIST;
	struct vma *v = kzalloc(sizeof *v);
	if (!v)
		return -ENOMEM;
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags;
	v->file = file ? file_get(file) : 0;
	v->pgoff = pgoff;
	insert_sorted(mm, v);
	return 0;
}

int mm_add_vma(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, uint32_t flags)
{
	spin_lock(&mm->lock);
	int err = add_vma_locked(mm, start, end, prot, flags | VM_MAYWRITE, 0, 0);
	spin_unlock(&mm->lock);
	return err;
}

static int unmap_locked(struct mm *mm, uint64_t start, uint64_t end, struct list_head *dead);

/* Caller holds mm->lock; V is special and has no page at VA yet. */
static int map_special_page(struct mm *mm, struct vma *v, uint64_t va)
{
	uint64_t i = (va - v->special_base) / PAGE_SIZE;
	if (i >= v->special->npages)
		return -EFAULT;
	uint64_t frame = v->special->frames[i];
	page_get(frame); /* the mapping's own reference */
	int err = arch_pt_map(mm->pt_root, va, frame, v->prot);
	if (err)
		page_put(frame);
	return err;
}

int mm_add_special(struct mm *mm, uint64_t start, uint32_t prot, const struct special_mapping *sm)
{
	if (prot & PROT_WRITE)
		return -EINVAL;
	uint64_t end = start + (uint64_t)sm->npages * PAGE_SIZE;
	struct list_head dead = LIST_HEAD_INIT(dead);
	spin_lock(&mm->lock);
	int err = add_vma_locked(mm, start, end, prot, 0, 0, 0); /* no VM_MAYWRITE */
	struct vma *v = err ? 0 : find_vma(mm, start);
	if (v) {
		v->special = sm;
		v->special_base = start;
	}
	for (uint64_t va = start; v && !err && va < end; va += PAGE_SIZE)
		err = map_special_page(mm, v, va);
	if (err && v)
		unmap_locked(mm, start, end, &dead);
	spin_unlock(&mm->lock);
	free_dead(&dead);
	return err;
}

struct mm *mm_fork(struct mm *parent)
{
	struct mm *mm = mm_create();
	if (!mm)
		return 0;
	spin_lock(&parent->lock);
	struct list_head *p;
	int err = 0;
	list_for_each(p, &parent->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		err = add_vma_locked(mm, v->start, v->end, v->prot, v->flags, v->file, v->pgoff);
		if (!err && v->special) {
			struct vma *copy = find_vma(mm, v->start);
			copy->special = v->special;
			copy->special_base = v->special_base;
		}
		if (!err && (v->flags & VM_SHARED))
			err = arch_pt_copy_shared(mm->pt_root, parent->pt_root, v->start, v->end);
		else if (!err)
			err = arch_pt_copy_cow(mm->pt_root, parent->pt_root, v->start, v->end);
		if (err)
			break;
	}
	/* the parent's pages are read-only now: its other threads must
	 * not keep writing through cached writable translations */
	arch_tlb_shootdown(parent);
	mm->brk_start = parent->brk_start;
	mm->brk = parent->brk;
	mm->mmap_next = parent->mmap_next;
	mm->start_code = parent->start_code;
	mm->end_code = parent->end_code;
	mm->start_stack = parent->start_stack;
	spin_unlock(&parent->lock);
	if (err) {
		mm_put(mm);
		return 0;
	}
	return mm;
}

void mm_put(struct mm *mm)
{
	if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	struct list_head *p, *tmp;
	list_for_each_safe(p, tmp, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		arch_pt_unmap_range(mm, v->start, v->end);
		list_del(&v->node);
		vma_free(v);
	}
	arch_pt_destroy(mm->pt_root);
	kfree(mm);
}

/*
 * Resource limits (resource.c), checked with mm->lock held:
 * RLIMIT_AS bounds all regions together; RLIMIT_DATA the private
 * writable ones that are not the stack (Linux's "data" mappings, the
 * heap among them). Would adding LEN bytes with PROT and VFLAGS break
 * either? (Linux's may_expand_vm.)
 */
static bool is_data(uint32_t prot, uint32_t vflags)
{
	return (prot & PROT_WRITE) && !(vflags & (VM_SHARED | VM_GROWSDOWN));
}

static bool may_expand_vm(struct mm *mm, uint64_t len, uint32_t prot, uint32_t vflags)
{
	uint64_t total = 0, data = 0;
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		total += v->end - v->start;
		if (is_data(v->prot, v->flags))
			data += v->end - v->start;
	}
	if (total + len > rlimit(RLIMIT_AS))
		return false;
	return !is_data(prot, vflags) || data + len <= rlimit(RLIMIT_DATA);
}

/* Bytes of [start, end) that regions cover. Caller holds mm->lock. */
static uint64_t mapped_bytes(struct mm *mm, uint64_t start, uint64_t end)
{
	uint64_t n = 0;
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		uint64_t s = v->start > start ? v->start : start, e = v->end < end ? v->end : end;
		if (s < e)
			n += e - s;
	}
	return n;
}

/* May stack region S grow down to NEW_START? Its size may not pass
 * RLIMIT_STACK (read now, so lowering the limit stops further growth),
 * and no accessible region may lie within STACK_GUARD_GAP below it (a
 * PROT_NONE region is a guard itself, another stack grows away: both
 * may come closer, as on Linux). */
static bool stack_may_grow(struct mm *mm, struct vma *s, uint64_t new_start)
{
	if (s->end - new_start > rlimit(RLIMIT_STACK) || new_start < USER_MIN)
		return false;
	if (!range_free(mm, new_start, s->start))
		return false;
	uint64_t gap_start = new_start > STACK_GUARD_GAP ? new_start - STACK_GUARD_GAP : 0;
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		if (v->end > gap_start && v->start < new_start && v->prot != PROT_NONE &&
		    !(v->flags & VM_GROWSDOWN))
			return false;
	}
	return may_expand_vm(mm, s->start - new_start, s->prot, s->flags);
}

uint64_t mm_mmap_base(uint64_t stack_limit)
{
	uint64_t gap = stack_limit < STACK_GAP_MIN ? STACK_GAP_MIN : stack_limit;
	if (gap > USER_STACK_TOP - MMAP_BASE)
		gap = USER_STACK_TOP - MMAP_BASE; /* unlimited: ~1 TiB */
	return page_down(USER_STACK_TOP - gap);
}

/* A write to a copy-on-write page: copy it, unless we hold the last reference. */
static int break_cow(struct mm *mm, uint64_t va, uint64_t pa)
{
	if (page_refcount(pa) == 1) {
		arch_pt_make_writable(mm->pt_root, va, pa);
		return 0; /* other CPUs' read-only copies fault and see the change */
	}
	uint64_t copy = alloc_user_page();
	if (!copy)
		return -ENOMEM;
	memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
	arch_pt_make_writable(mm->pt_root, va, copy);
	arch_tlb_shootdown(mm); /* other threads must read the new copy too */
	page_put(pa); /* our reference to the shared frame */
	return 0;
}

/*
 * First touch of page VA in file-backed region V: ask the file for its
 * page. Shared: map that very page. Private: map it read-only and
 * copy-on-write (a write now copies at once). Beyond the file's last
 * page: -ENXIO, which the fault handler turns into SIGBUS, as Linux.
 * Caller holds mm->lock.
 */
static int file_fault(struct mm *mm, struct vma *v, uint64_t va, bool write)
{
	struct inode *inode = v->file->inode;
	uint64_t index = v->pgoff + (va - v->start) / PAGE_SIZE, pa;
	/* (get_page runs without vfs_lock, which comes before mm->lock) */
	int err = index < page_up(inode->size) / PAGE_SIZE ? inode->ops->get_page(inode, index, &pa) : -ENXIO;
	if (err)
		return err;
	/* from here on our reference to PA belongs to the page table */
	if (v->flags & VM_SHARED) {
		err = arch_pt_map(mm->pt_root, va, pa, v->prot);
	} else if (write) {
		uint64_t copy = alloc_user_page();
		if (!copy) {
			page_put(pa);
			return -ENOMEM;
		}
		memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
		page_put(pa);
		pa = copy;
		err = arch_pt_map(mm->pt_root, va, pa, v->prot);
	} else {
		err = arch_pt_map_cow(mm->pt_root, va, pa, v->prot);
	}
	if (err)
		page_put(pa);
	return err;
}

/* Caller holds mm->lock. */
static int fault_locked(struct mm *mm, uint64_t addr, bool write, bool exec)
{
	struct vma *v = find_vma(mm, addr);
	if (!v) {
		/* just below a stack region, within the stack limit: grow it */
		struct list_head *p;
		list_for_each(p, &mm->vmas) {
			struct vma *s = list_entry(p, struct vma, node);
			if ((s->flags & VM_GROWSDOWN) && addr < s->start &&
			    stack_may_grow(mm, s, page_down(addr))) {
				s->start = page_down(addr);
				v = s;
				break;
			}
		}
		if (!v)
			return -EFAULT;
	}
	if ((write && !(v->prot & PROT_WRITE)) || (exec && !(v->prot & PROT_EXEC)) ||
	    (!write && !exec && !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))))
		return -EFAULT;

	uint64_t va = page_down(addr), pa;
	bool writable, cow;
	if (arch_pt_lookup(mm->pt_root, va, &pa, &writable, &cow)) {
		if (write && !writable && cow)
			return break_cow(mm, va, pa);
		return 0; /* already fixed by another thread, or a spurious fault */
	}
	if (v->special) /* dropped by MADV_DONTNEED: the same frame again */
		return map_special_page(mm, v, va);
	if (v->file)
		return file_fault(mm, v, va, write);
	uint64_t page = alloc_user_page();
	if (!page)
		return -ENOMEM;
	memset(phys_to_virt(page), 0, PAGE_SIZE);
	int err = arch_pt_map(mm->pt_root, va, page, v->prot);
	if (err)
		free_page(page);
	return err;
}

int mm_fault(struct mm *mm, uint64_t addr, bool write, bool exec)
{
	if (addr >= USER_TOP)
		return -EFAULT;
	spin_lock(&mm->lock);
	int err = fault_locked(mm, addr, write, exec);
	spin_unlock(&mm->lock);
	return err;
}

int mm_copy_in(struct mm *mm, uint64_t va, const void *src, uint64_t len)
{
	const uint8_t *s = src;
	spin_lock(&mm->lock);
	while (len) {
		uint64_t page_va = page_down(va), off = va - page_va, pa;
		uint64_t n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
		int err = 0;
		if (!arch_pt_lookup(mm->pt_root, page_va, &pa, 0, 0)) {
			/* map it even in a read-only region: the kernel fills it */
			struct vma *v = find_vma(mm, page_va);
			uint64_t page = v ? alloc_user_page() : 0;
			if (!v)
				err = -EFAULT;
			else if (!page)
				err = -ENOMEM;
			else if ((err = arch_pt_map(mm->pt_root, page_va, page, v->prot)) != 0)
				free_page(page);
			else
				memset(phys_to_virt(page), 0, PAGE_SIZE);
			pa = page;
		}
		if (err) {
			spin_unlock(&mm->lock);
			return err;
		}
		if (s)
			memcpy((uint8_t *)phys_to_virt(pa) + off, s, n);
		va += n;
		len -= n;
		if (s)
			s += n;
	}
	spin_unlock(&mm->lock);
	return 0;
}

/* Make ADDR a region boundary: split the region that contains it
 * strictly inside. Caller holds the lock. */
static int split_at(struct mm *mm, uint64_t addr)
{
	struct vma *v = find_vma(mm, addr);
	if (!v || v->start == addr)
		return 0;
	struct vma *hi = kzalloc(sizeof *hi);
	if (!hi)
		return -ENOMEM;
	*hi = *v;
	hi->start = addr;
	if (hi->file) {
		file_get(hi->file);
		hi->pgoff += (addr - v->start) / PAGE_SIZE;
	}
	v->end = addr;
	list_add(&hi->node, &v->node);
	return 0;
}

/* Remove [start, end) from the regions and the page tables. The
 * removed regions go onto DEAD, for free_dead once the lock is
 * released. Caller holds the lock. */
static int unmap_locked(struct mm *mm, uint64_t start, uint64_t end, struct list_head *dead)
{
	int err = split_at(mm, start);
	if (!err)
		err = split_at(mm, end);
	if (err)
		return err;
	struct list_head *p, *tmp;
	list_for_each_safe(p, tmp, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		if (v->start >= start && v->end <= end) {
			list_del(&v->node);
			list_add(&v->node, dead);
		}
	}
	arch_pt_unmap_range(mm, start, end);
	return 0;
}

int mm_munmap(struct mm *mm, uint64_t addr, uint64_t len)
{
	if (addr % PAGE_SIZE || len == 0 || addr >= USER_TOP || len > USER_TOP - addr)
		return -EINVAL;
	struct list_head dead = LIST_HEAD_INIT(dead);
	spin_lock(&mm->lock);
	int err = unmap_locked(mm, addr, page_up(addr + len), &dead);
	spin_unlock(&mm->lock);
	free_dead(&dead);
	return err;
}

/* A free range of LEN bytes for a mapping without MAP_FIXED: the hint
 * ADDR if free, else the highest free one below the last placed. 0 if
 * none. Caller holds mm->lock. */
static uint64_t find_free(struct mm *mm, uint64_t addr, uint64_t len)
{
	addr = page_up(addr);
	if (addr >= USER_MIN && addr <= USER_TOP - len && range_free(mm, addr, addr + len))
		return addr;
	if (mm->mmap_next < USER_MIN + len)
		return 0;
	for (addr = mm->mmap_next - len; addr >= USER_MIN; addr -= PAGE_SIZE)
		if (range_free(mm, addr, addr + len)) {
			mm->mmap_next = addr;
			return addr;
		}
	return 0;
}

long mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, int prot, int flags, struct file *file,
	     uint64_t pgoff)
{
	int type = flags & MAP_TYPE;
	if (!len || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE))
		return -EINVAL;
	if (len > USER_TOP - USER_MIN)
		return -ENOMEM; /* Linux: more than the address space */
	len = page_up(len);
	if (file && pgoff + len / PAGE_SIZE < pgoff)
		return -EOVERFLOW;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && addr % PAGE_SIZE)
		return -EINVAL;
	uint32_t vflags = 0;
	struct inode *anon = 0;
	if (type != MAP_PRIVATE) {
		vflags |= VM_SHARED;
		if (!file) {
			/* shared anonymous memory: an unnamed file holds the
			 * pages, so fork's children find the same ones */
			anon = ramfs_new_unlinked();
			file = anon ? file_new(anon, O_RDWR) : 0;
			if (!file) {
				inode_put(anon);
				return -ENOMEM;
			}
			anon->size = len; /* no one else sees it yet: no lock */
			vflags |= VM_ANONFILE;
			pgoff = 0;
		}
	}
	if (!(vflags & VM_SHARED) || !file || (file->flags & O_ACCMODE) != O_RDONLY)
		vflags |= VM_MAYWRITE;

	struct list_head dead = LIST_HEAD_INIT(dead);
	spin_lock(&mm->lock);
	long result;
	/* RLIMIT_AS, RLIMIT_DATA; MAP_FIXED frees what it replaces */
	uint64_t grows = flags & MAP_FIXED ? len - mapped_bytes(mm, addr, addr + len) : len;
	if (!may_expand_vm(mm, grows, (uint32_t)prot, flags & MAP_SHARED ? VM_SHARED : 0)) {
		result = -ENOMEM;
		goto out;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr < USER_MIN || addr > USER_TOP - len) {
			result = -ENOMEM;
			goto out;
		}
		if ((flags & MAP_FIXED_NOREPLACE) && !range_free(mm, addr, addr + len)) {
			result = -EEXIST;
			goto out;
		}
		if ((result = unmap_locked(mm, addr, addr + len, &dead)) != 0)
			goto out;
	} else if (!(addr = find_free(mm, addr, len))) {
		result = -ENOMEM;
		goto out;
	}
	result = add_vma_locked(mm, addr, addr + len, (uint32_t)prot, vflags, file, pgoff);
	if (result == 0)
		result = (long)addr;
out:
	spin_unlock(&mm->lock);
	free_dead(&dead);
	if (anon)
		file_put(file); /* the region holds its own reference */
	return result;
}

/* Is every page of [start, end) in some region? Caller holds mm->lock. */
static bool range_mapped(struct mm *mm, uint64_t start, uint64_t end)
{
	struct list_head *p;
	uint64_t next = start; /* the regions are sorted: walk the gaps */
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		if (v->end <= next)
			continue;
		if (v->start > next)
			return false;
		next = v->end;
		if (next >= end)
			return true;
	}
	return next >= end;
}

int mm_mprotect(struct mm *mm, uint64_t addr, uint64_t len, int prot)
{
	if (addr % PAGE_SIZE || prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (addr >= USER_TOP || len > USER_TOP - addr)
		return -ENOMEM;
	uint64_t end = page_up(addr + len);
	spin_lock(&mm->lock);
	int err = 0;
	/* every page of the range must be mapped (Linux: ENOMEM otherwise) */
	if (!range_mapped(mm, addr, end))
		err = -ENOMEM;
	/* a MAP_SHARED mapping of a file opened read-only stays read-only */
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		if (!err && v->start < end && addr < v->end && (prot & PROT_WRITE) && !(v->flags & VM_MAYWRITE))
			err = -EACCES;
	}
	if (!err)
		err = split_at(mm, addr);
	if (!err)
		err = split_at(mm, end);
	if (!err) {
		list_for_each(p, &mm->vmas) {
			struct vma *v = list_entry(p, struct vma, node);
			if (v->start >= addr && v->end <= end)
				v->prot = (uint32_t)prot;
		}
		arch_pt_protect_range(mm->pt_root, addr, end, (uint32_t)prot);
		arch_tlb_shootdown(mm);
	}
	spin_unlock(&mm->lock);
	return err;
}

int mm_discard(struct mm *mm, uint64_t addr, uint64_t len)
{
	if (addr >= USER_TOP || len > USER_TOP - addr)
		return -EINVAL;
	uint64_t end = page_up(addr + len);
	spin_lock(&mm->lock);
	int err = range_mapped(mm, addr, end) ? 0 : -ENOMEM; /* Linux: part is not mapped */
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		uint64_t s = v->start > addr ? v->start : addr, e = v->end < end ? v->end : end;
		/* the page tables forget these pages: anonymous private ones
		 * are gone (the next touch reads zeros), a file mapping's next
		 * touch finds the file's page again (a private copy is lost) */
		if (!err && s < e)
			arch_pt_unmap_range(mm, s, e);
	}
	spin_unlock(&mm->lock);
	return err;
}

int mm_msync(struct mm *mm, uint64_t addr, uint64_t len, int flags)
{
	if (addr % PAGE_SIZE || flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	uint64_t end = page_up(addr + len);
	if (end < addr)
		return -ENOMEM;
	if (end == addr)
		return 0;
	spin_lock(&mm->lock);
	int err = range_mapped(mm, addr, end) ? 0 : -ENOMEM;
	spin_unlock(&mm->lock);
	return err; /* shared mappings write into the file's own pages */
}

long mm_brk(struct mm *mm, uint64_t new_brk)
{
	struct list_head dead = LIST_HEAD_INIT(dead);
	spin_lock(&mm->lock);
	uint64_t old = mm->brk;
	if (new_brk < mm->brk_start || new_brk >= MMAP_BASE - STACK_MAX) {
		spin_unlock(&mm->lock); /* Linux returns the unchanged break */
		return (long)old;
	}
	uint64_t old_end = page_up(old), new_end = page_up(new_brk);
	if (new_end > old_end) {
		if (!range_free(mm, old_end, new_end) ||
		    !may_expand_vm(mm, new_end - old_end, PROT_READ | PROT_WRITE, 0)) {
			spin_unlock(&mm->lock);
			return (long)old;
		}
		/* extend the heap region (or make it) */
		struct vma *v = old_end > mm->brk_start ? find_vma(mm, old_end - 1) : 0;
		if (v && v->end == old_end)
			v->end = new_end;
		else if (add_vma_locked(mm, old_end, new_end, PROT_READ | PROT_WRITE, VM_MAYWRITE, 0, 0)) {
			spin_unlock(&mm->lock);
			return (long)old;
		}
	} else if (new_end < old_end) {
		unmap_locked(mm, new_end, old_end, &dead);
	}
	mm->brk = new_brk;
	spin_unlock(&mm->lock);
	free_dead(&dead);
	return (long)new_brk;
}

bool mm_shared_phys(struct mm *mm, uint64_t addr, uint64_t *phys)
{
	spin_lock(&mm->lock);
	struct vma *v = find_vma(mm, addr);
	uint64_t pa;
	bool shared = v && (v->flags & VM_SHARED) && arch_pt_lookup(mm->pt_root, page_down(addr), &pa, 0, 0);
	if (shared)
		*phys = pa + addr % PAGE_SIZE;
	spin_unlock(&mm->lock);
	return shared;
}

uint64_t mm_resident_pages(struct mm *mm)
{
	spin_lock(&mm->lock);
	uint64_t n = arch_pt_count(mm->pt_root, 0, USER_TOP);
	spin_unlock(&mm->lock);
	return n;
}
