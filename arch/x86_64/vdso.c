/*
 * vdso.c: the kernel's side of the vDSO. At boot the linked vDSO image
 * (vdso/image.S) is copied into pages of its own and a vvar page is set
 * up with what user space needs to read the clocks (vdso/vvar.h); exec
 * maps both into every new program (arch_setup_additional_pages: [vvar]
 * then [vdso], at the top of its mmap area, below the stack's room) and
 * announces the image with AT_SYSINFO_EHDR; fork copies the mappings
 * with the rest of the address space. The timer tick keeps the coarse
 * clocks in the vvar page current. The user side is vdso/vclock.c.
 *
 * getcpu in user space reads IA32_TSC_AUX, which every CPU sets to its
 * own number here (RDPID, or RDTSCP on CPUs without it).
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/vdso/vvar.h"
#include "kernel/cpu.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/param.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "kernel/time.h"

#define MSR_TSC_AUX 0xc0000103

extern const char vdso_image_start[], vdso_image_end[];
void tsc_clock_params(uint64_t *base, uint64_t *mult); /* tsc.c */

static uint64_t vdso_frames[VDSO_MAX_PAGES];
static uint64_t vvar_frame;
static struct special_mapping vdso_mapping = { "[vdso]", vdso_frames, 0 };
static struct special_mapping vvar_mapping = { "[vvar]", &vvar_frame, 1 };
static struct vdso_data *vvar; /* the vvar page through the direct map; NULL before init */
static struct spinlock vvar_lock = SPINLOCK_INIT("vvar"); /* serialises writers */

static int getcpu_mode(void)
{
	uint32_t a, b, c, d;
	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		if (c & (1u << 22))
			return VGETCPU_RDPID;
	}
	cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		if (d & (1u << 27))
			return VGETCPU_RDTSCP;
	}
	return VGETCPU_NONE;
}

void vdso_init_cpu(struct cpu *c)
{
	if (getcpu_mode() != VGETCPU_NONE)
		wrmsr(MSR_TSC_AUX, c->id); /* node 0 in bits 12 and up */
}

/* Rewrite every field from the kernel's clocks (seqcount write side). */
void arch_vdso_update(void)
{
	if (!vvar)
		return;
	uint64_t base, mult;
	tsc_clock_params(&base, &mult);
	spin_lock(&vvar_lock);
	__atomic_store_n(&vvar->seq, vvar->seq + 1, __ATOMIC_RELAXED); /* odd: readers wait */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	vvar->clock_mode = mult ? VCLOCK_TSC : VCLOCK_NONE;
	vvar->tsc_base = base;
	vvar->mult = mult;
	vvar->shift = 32;
	vvar->mono_base_ns = 1; /* clock_monotonic_ns() starts at 1 */
	vvar->realtime_offset_ns = clock_realtime_offset_ns();
	vvar->coarse_mono_ns = clock_monotonic_ns();
	vvar->coarse_resolution_ns = 1000000000ull / HZ;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&vvar->seq, vvar->seq + 1, __ATOMIC_RELAXED); /* even again */
	spin_unlock(&vvar_lock);
}

uint64_t vdso_coarse_ns(void)
{
	if (!vvar)
		return clock_monotonic_ns();
	return __atomic_load_n(&vvar->coarse_mono_ns, __ATOMIC_RELAXED);
}

void arch_vdso_init(void)
{
	size_t size = (size_t)((uintptr_t)vdso_image_end - (uintptr_t)vdso_image_start); /* two symbols, one blob */
	const struct elf64_ehdr *h = (const void *)vdso_image_start;
	unsigned npages = (unsigned)((size + PAGE_SIZE - 1) / PAGE_SIZE);
	if (size < sizeof *h || memcmp(h->ident, "\177ELF", 4) != 0 || h->type != ET_DYN || npages > VDSO_MAX_PAGES)
		panic("vdso: the built-in image is not a small ELF shared object (%zu bytes)", size);
	for (unsigned i = 0; i < npages; i++) {
		void *page = alloc_page_zeroed();
		if (!page)
			panic("vdso: out of memory");
		size_t n = size - i * PAGE_SIZE < PAGE_SIZE ? size - i * PAGE_SIZE : PAGE_SIZE;
		memcpy(page, vdso_image_start + i * PAGE_SIZE, n);
		vdso_frames[i] = virt_to_phys(page); /* this reference is never dropped */
	}
	vdso_mapping.npages = npages;
	void *page = alloc_page_zeroed();
	if (!page)
		panic("vdso: out of memory");
	vvar_frame = virt_to_phys(page);
	struct vdso_data *d = page;
	d->getcpu_mode = (uint32_t)getcpu_mode();
	vvar = d;
	arch_vdso_update();
	static const char *const getcpu_how[] = { "the system call", "RDTSCP", "RDPID" };
	printk("vdso: %u page%s and the vvar page, clocks from the TSC, getcpu by %s\n", npages,
	       npages == 1 ? "" : "s", getcpu_how[d->getcpu_mode]);
}

/* [vvar] then [vdso] at the top of the mmap area, just below the room
 * exec leaves for the stack (where Linux puts them too when it does not
 * randomize); later mmaps go below them. Called by exec on its new MM. */
long arch_setup_additional_pages(struct mm *mm)
{
	if (!vvar)
		return 0;
	uint64_t vvar_at = mm->mmap_next - (1 + (uint64_t)vdso_mapping.npages) * PAGE_SIZE;
	uint64_t vdso_at = vvar_at + PAGE_SIZE;
	int err = mm_add_special(mm, vvar_at, PROT_READ, &vvar_mapping);
	if (!err)
		err = mm_add_special(mm, vdso_at, PROT_READ | PROT_EXEC, &vdso_mapping);
	if (err == -EEXIST)
		return 0; /* the program itself sits there: it runs without a vDSO */
	if (err)
		return err;
	mm->mmap_next = vvar_at;
	return (long)vdso_at;
}
