/*
 * mm.c: address spaces: regions, demand paging, copy-on-write, brk and
 * anonymous mmap. The page-table format is the architecture's
 * (arch/x86_64/vm.c); the rules about what may be mapped live here.
 */
#include "kernel/mm.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/resource.h"
#include "kernel/string.h"
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

/* Caller holds mm->lock. */
static int add_vma_locked(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, uint32_t flags)
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
	insert_sorted(mm, v);
	return 0;
}

int mm_add_vma(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot, uint32_t flags)
{
	spin_lock(&mm->lock);
	int err = add_vma_locked(mm, start, end, prot, flags);
	spin_unlock(&mm->lock);
	return err;
}

static int unmap_locked(struct mm *mm, uint64_t start, uint64_t end);

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
	spin_lock(&mm->lock);
	int err = add_vma_locked(mm, start, end, prot, 0);
	struct vma *v = err ? 0 : find_vma(mm, start);
	if (v) {
		v->special = sm;
		v->special_base = start;
	}
	for (uint64_t va = start; v && !err && va < end; va += PAGE_SIZE)
		err = map_special_page(mm, v, va);
	if (err && v)
		unmap_locked(mm, start, end);
	spin_unlock(&mm->lock);
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
		err = add_vma_locked(mm, v->start, v->end, v->prot, v->flags);
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
		kfree(v);
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
	uint64_t copy = alloc_page();
	if (!copy)
		return -ENOMEM;
	memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
	arch_pt_make_writable(mm->pt_root, va, copy);
	arch_tlb_shootdown(mm); /* other threads must read the new copy too */
	page_put(pa); /* our reference to the shared frame */
	return 0;
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
	uint64_t page = alloc_page();
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
			uint64_t page = v ? alloc_page() : 0;
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
	v->end = addr;
	list_add(&hi->node, &v->node);
	return 0;
}

/* Remove [start, end) from the regions and the page tables. Caller holds the lock. */
static int unmap_locked(struct mm *mm, uint64_t start, uint64_t end)
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
			kfree(v);
		}
	}
	arch_pt_unmap_range(mm, start, end);
	return 0;
}

int mm_munmap(struct mm *mm, uint64_t addr, uint64_t len)
{
	if (addr % PAGE_SIZE || len == 0 || addr >= USER_TOP || len > USER_TOP - addr)
		return -EINVAL;
	spin_lock(&mm->lock);
	int err = unmap_locked(mm, addr, page_up(addr + len));
	spin_unlock(&mm->lock);
	return err;
}

long mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, int prot, int flags)
{
	if (!len || len > USER_TOP)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV; /* file mappings come with a later issue */
	if (((flags & MAP_SHARED) != 0) == ((flags & MAP_PRIVATE) != 0))
		return -EINVAL;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && addr % PAGE_SIZE)
		return -EINVAL;
	len = page_up(len);
	spin_lock(&mm->lock);
	long result;
	/* RLIMIT_AS, RLIMIT_DATA; MAP_FIXED frees what it replaces */
	uint64_t grows = flags & MAP_FIXED ? len - mapped_bytes(mm, addr, addr + len) : len;
	if (!may_expand_vm(mm, grows, (uint32_t)prot, flags & MAP_SHARED ? VM_SHARED : 0)) {
		result = -ENOMEM;
		goto out;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr < USER_MIN || addr + len > USER_TOP) {
			result = -ENOMEM;
			goto out;
		}
		if ((flags & MAP_FIXED_NOREPLACE) && !range_free(mm, addr, addr + len)) {
			result = -EEXIST;
			goto out;
		}
		unmap_locked(mm, addr, addr + len);
	} else {
		/* take the hint if that range is free, else search downwards */
		addr = page_down(addr);
		if (!addr || addr < USER_MIN || addr + len > USER_TOP || !range_free(mm, addr, addr + len)) {
			addr = mm->mmap_next - len;
			while (addr >= USER_MIN && !range_free(mm, addr, addr + len))
				addr -= PAGE_SIZE;
			if (addr < USER_MIN) {
				result = -ENOMEM;
				goto out;
			}
			mm->mmap_next = addr;
		}
	}
	uint32_t vflags = flags & MAP_SHARED ? VM_SHARED : 0;
	int err = add_vma_locked(mm, addr, addr + len, (uint32_t)prot, vflags);
	/* Shared anonymous memory gets its pages now: every process that
	 * inherits the region must find the same frames, so none may be
	 * allocated later by one of them alone. */
	for (uint64_t va = addr; !err && vflags && va < addr + len; va += PAGE_SIZE) {
		uint64_t page = alloc_page();
		if (!page)
			err = -ENOMEM;
		else if ((err = arch_pt_map(mm->pt_root, va, page, (uint32_t)prot)) != 0)
			free_page(page);
		else
			memset(phys_to_virt(page), 0, PAGE_SIZE);
	}
	if (err && vflags && err != -EEXIST)
		unmap_locked(mm, addr, addr + len);
	result = err ? err : (long)addr;
out:
	spin_unlock(&mm->lock);
	return result;
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
	for (uint64_t a = addr; a < end && !err; a += PAGE_SIZE) {
		struct vma *v = find_vma(mm, a);
		if (!v)
			err = -ENOMEM;
		else if (v->special && (prot & PROT_WRITE))
			err = -EACCES; /* the kernel's pages, shared by every process */
	}
	if (!err)
		err = split_at(mm, addr);
	if (!err)
		err = split_at(mm, end);
	if (!err) {
		struct list_head *p;
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
	int err = 0;
	for (uint64_t a = addr; a < end && !err; a += PAGE_SIZE)
		if (!find_vma(mm, a))
			err = -ENOMEM; /* Linux: part of the range is not mapped */
	struct list_head *p;
	list_for_each(p, &mm->vmas) {
		struct vma *v = list_entry(p, struct vma, node);
		uint64_t s = v->start > addr ? v->start : addr, e = v->end < end ? v->end : end;
		/* private pages go (the next touch reads zeros); shared ones
		 * keep their contents for the other processes */
		if (!err && s < e && !(v->flags & VM_SHARED))
			arch_pt_unmap_range(mm, s, e);
	}
	spin_unlock(&mm->lock);
	return err;
}

long mm_brk(struct mm *mm, uint64_t new_brk)
{
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
		else if (add_vma_locked(mm, old_end, new_end, PROT_READ | PROT_WRITE, 0)) {
			spin_unlock(&mm->lock);
			return (long)old;
		}
	} else if (new_end < old_end) {
		unmap_locked(mm, new_end, old_end);
	}
	mm->brk = new_brk;
	spin_unlock(&mm->lock);
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
