/*
 * vdso_test.c: self-tests of the vDSO's mappings (arch/x86_64/vdso.c,
 * mm_add_special in kernel/mm.c): exec's mapping of [vvar] and [vdso],
 * their rights, what MADV_DONTNEED, fork and exit do to their frames,
 * and the vvar page's clock data.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/vdso/vvar.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/page_alloc.h"
#include "kernel/selftest.h"
#include "kernel/string.h"
#include "kernel/time.h"

static bool mapped(struct mm *mm, uint64_t va, uint64_t *pa, bool *writable)
{
	return arch_pt_lookup(mm->pt_root, va, pa, writable, 0);
}

KTEST(vdso_special_mappings)
{
	struct mm *mm = mm_create();
	CHECK(mm, "mm_create failed");
	uint64_t top = mm->mmap_next;
	long base = arch_setup_additional_pages(mm);
	uint64_t VDSO_BASE = (uint64_t)base, VVAR_BASE = VDSO_BASE - PAGE_SIZE;
	CHECK(base > 0 && VVAR_BASE < top && VDSO_BASE + PAGE_SIZE <= top && mm->mmap_next == VVAR_BASE,
	      "vDSO at %#lx, vvar at %#lx, mmap_next %#lx, mmap area top %#lx", (unsigned long)base,
	      (unsigned long)VVAR_BASE, (unsigned long)mm->mmap_next, (unsigned long)top);
	uint64_t text, data, pa;
	bool w = true;
	CHECK(mapped(mm, VDSO_BASE, &text, &w) && !w, "[vdso] not mapped read-only");
	CHECK(mapped(mm, VVAR_BASE, &data, &w) && !w, "[vvar] not mapped read-only");
	CHECK(memcmp(phys_to_virt(text), "\177ELF", 4) == 0, "[vdso] does not start with an ELF header");
	uint32_t refs = page_refcount(text);
	CHECK(refs >= 2, "[vdso] frame has %u references (kernel + mapping expected)", refs);

	CHECK(mm_mprotect(mm, VVAR_BASE, PAGE_SIZE, PROT_READ | PROT_WRITE) == -EACCES, "[vvar] made writable");
	CHECK(mm_mprotect(mm, VDSO_BASE, PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC) == -EACCES,
	      "[vdso] made writable");
	CHECK(mm_fault(mm, VVAR_BASE, true, false) == -EFAULT, "a write to [vvar] was allowed");

	/* dropped by MADV_DONTNEED, the next touch maps the same frame again */
	CHECK(mm_discard(mm, VVAR_BASE, PAGE_SIZE) == 0, "mm_discard failed");
	CHECK(!mapped(mm, VVAR_BASE, 0, 0), "[vvar] still mapped after discard");
	CHECK(mm_fault(mm, VVAR_BASE, false, false) == 0, "read fault on [vvar] failed");
	CHECK(mapped(mm, VVAR_BASE, &pa, 0) && pa == data, "[vvar] came back as another frame");

	/* fork shares the frames; exit gives back only the mappings' references */
	struct mm *child = mm_fork(mm);
	CHECK(child, "mm_fork failed");
	CHECK(mapped(child, VDSO_BASE, &pa, 0) && pa == text, "the child's [vdso] is another frame");
	CHECK(page_refcount(text) == refs + 1, "fork: %u references, expected %u", page_refcount(text), refs + 1);
	mm_put(child);
	mm_put(mm);
	CHECK(page_refcount(text) == refs - 1, "after both exits %u references, expected %u", page_refcount(text),
	      refs - 1);
	return NULL;
}

KTEST(vdso_vvar_clock)
{
	struct mm *mm = mm_create();
	CHECK(mm, "mm_create failed");
	long base = arch_setup_additional_pages(mm);
	CHECK(base > 0, "no vDSO");
	uint64_t data;
	CHECK(mapped(mm, (uint64_t)base - PAGE_SIZE, &data, 0), "[vvar] not mapped");
	const struct vdso_data *d = phys_to_virt(data);
	uint64_t coarse = d->coarse_mono_ns, now = clock_monotonic_ns();
	bool ok = d->clock_mode == VCLOCK_TSC && d->mult != 0 && d->shift == 32 &&
		  d->realtime_offset_ns == clock_realtime_offset_ns() && coarse <= now;
	mm_put(mm);
	CHECK(ok, "vvar: mode %u mult %lu shift %u coarse %lu now %lu", d->clock_mode, (unsigned long)d->mult,
	      d->shift, (unsigned long)coarse, (unsigned long)now);
	return NULL;
}
