/*
 * memory_test.c: self-tests of the physical page allocator, kmalloc and
 * the kernel page tables.
 */
#include <stdint.h>
#include "arch/x86_64/arch.h"
#include "arch/x86_64/paging.h"
#include "kernel/kmalloc.h"
#include "kernel/page_alloc.h"
#include "kernel/selftest.h"
#include "kernel/string.h"

extern char __text_start[], __rodata_start[], __data_start[], boot_stack_guard[];

KTEST(page_alloc_basic)
{
	size_t free0 = page_alloc_free_count();
	CHECK(free0 > 1000, "only %zu free pages at boot", free0);
	uint64_t a = alloc_page(), b = alloc_page();
	CHECK(a && b, "alloc_page failed with %zu pages free", free0);
	CHECK(a != b, "two allocations returned the same page %#lx", (unsigned long)a);
	CHECK(a % PAGE_SIZE == 0 && b % PAGE_SIZE == 0, "unaligned page");
	CHECK(a >= 0x100000 && b >= 0x100000, "handed out memory below 1 MiB (reserved)");
	CHECK(page_alloc_free_count() == free0 - 2, "free count %zu, expected %zu",
	      page_alloc_free_count(), free0 - 2);
	/* each page is ours alone: fill both, check neither was overwritten */
	memset(phys_to_virt(a), 0xaa, PAGE_SIZE);
	memset(phys_to_virt(b), 0x55, PAGE_SIZE);
	CHECK(((uint8_t *)phys_to_virt(a))[PAGE_SIZE - 1] == 0xaa, "pages overlap");
	free_page(a);
	free_page(b);
	CHECK(page_alloc_free_count() == free0, "free count not restored: %zu vs %zu",
	      page_alloc_free_count(), free0);
	return NULL;
}

KTEST(page_alloc_orders)
{
	size_t free0 = page_alloc_free_count();
	uint64_t blocks[MAX_ORDER + 1];
	for (unsigned order = 0; order <= MAX_ORDER; order++) {
		blocks[order] = alloc_pages(order);
		CHECK(blocks[order], "alloc_pages(%u) failed", order);
		uint64_t bytes = (uint64_t)PAGE_SIZE << order;
		CHECK(blocks[order] % bytes == 0, "order-%u block at %#lx not aligned to its size",
		      order, (unsigned long)blocks[order]);
		for (unsigned j = 0; j < order; j++) /* no overlap with smaller blocks */
			CHECK(blocks[j] + ((uint64_t)PAGE_SIZE << j) <= blocks[order] ||
				      blocks[order] + bytes <= blocks[j],
			      "order-%u and order-%u blocks overlap", j, order);
	}
	CHECK(alloc_pages(MAX_ORDER + 1) == 0, "order above MAX_ORDER succeeded");
	for (unsigned order = 0; order <= MAX_ORDER; order++)
		free_pages(blocks[order], order);
	CHECK(page_alloc_free_count() == free0, "free count %zu after freeing, was %zu",
	      page_alloc_free_count(), free0);
	/* buddies merged again: a max-order block is still available */
	uint64_t big = alloc_pages(MAX_ORDER);
	CHECK(big, "no order-%u block after freeing everything", MAX_ORDER);
	free_pages(big, MAX_ORDER);
	return NULL;
}

KTEST(page_alloc_exhaust)
{
	/* take every page, check the allocator says no, give all back */
	size_t free0 = page_alloc_free_count(), n = 0;
	uint64_t head = 0; /* a list threaded through the pages themselves */
	for (uint64_t pa; (pa = alloc_page()); n++) {
		*(uint64_t *)phys_to_virt(pa) = head;
		head = pa;
	}
	CHECK(page_alloc_free_count() == 0, "%zu pages left after exhaustion", page_alloc_free_count());
	CHECK(n == free0, "allocated %zu pages, but %zu were free", n, free0);
	while (head) {
		uint64_t next = *(uint64_t *)phys_to_virt(head);
		free_page(head);
		head = next;
	}
	CHECK(page_alloc_free_count() == free0, "free count %zu, expected %zu", page_alloc_free_count(), free0);
	return NULL;
}

KTEST(kmalloc_sizes)
{
	static const size_t sizes[] = { 1, 8, 16, 17, 100, 128, 500, 1024, 2000, 2048, 2049, 5000, 70000 };
	void *p[sizeof sizes / sizeof sizes[0]];
	for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		p[i] = kmalloc(sizes[i]);
		CHECK(p[i], "kmalloc(%zu) failed", sizes[i]);
		CHECK(kmalloc_usable_size(p[i]) >= sizes[i], "kmalloc(%zu) gave only %zu bytes", sizes[i],
		      kmalloc_usable_size(p[i]));
		CHECK((uintptr_t)p[i] % 16 == 0, "kmalloc(%zu) = %p not 16-byte aligned", sizes[i], p[i]);
		memset(p[i], (int)i + 1, sizes[i]);
	}
	for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		const uint8_t *b = p[i];
		for (size_t j = 0; j < sizes[i]; j++)
			CHECK(b[j] == i + 1, "kmalloc(%zu) block overwritten at byte %zu", sizes[i], j);
		kfree(p[i]);
	}
	kfree(NULL);
	return NULL;
}

KTEST(kmalloc_reuse)
{
	/* many objects of one class: distinct, and freed memory comes back */
	enum { N = 1000 };
	static void *objs[N];
	for (int i = 0; i < N; i++) {
		objs[i] = kzalloc(48);
		CHECK(objs[i], "kzalloc(48) #%d failed", i);
		CHECK(((uint64_t *)objs[i])[5] == 0, "kzalloc memory not zeroed");
		*(int *)objs[i] = i;
	}
	for (int i = 0; i < N; i++)
		CHECK(*(int *)objs[i] == i, "object %d overwritten (objects overlap)", i);
	size_t free_mid = page_alloc_free_count();
	for (int i = 0; i < N; i++)
		kfree(objs[i]);
	for (int i = 0; i < N; i++) {
		objs[i] = kmalloc(48);
		CHECK(objs[i], "kmalloc(48) #%d failed", i);
	}
	CHECK(page_alloc_free_count() == free_mid, "re-allocation took new pages (%zu -> %zu)",
	      free_mid, page_alloc_free_count());
	for (int i = 0; i < N; i++)
		kfree(objs[i]);
	return NULL;
}

KTEST(page_tables_wx)
{
	uint64_t text = kernel_lookup((uint64_t)__text_start);
	uint64_t ro = kernel_lookup((uint64_t)__rodata_start);
	uint64_t data = kernel_lookup((uint64_t)__data_start);
	uint64_t direct = kernel_lookup((uint64_t)phys_to_virt(0x200000));
	CHECK(text && !(text & PTE_W) && !(text & PTE_NX), "kernel text not read-only+executable (%#lx)",
	      (unsigned long)text);
	CHECK(ro && !(ro & PTE_W) && (ro & PTE_NX), "rodata not read-only+NX (%#lx)", (unsigned long)ro);
	CHECK(data && (data & PTE_W) && (data & PTE_NX), "data not writable+NX (%#lx)", (unsigned long)data);
	CHECK(direct && (direct & PTE_NX), "direct map is executable");
	CHECK(!kernel_lookup((uint64_t)boot_stack_guard), "boot stack guard page is mapped");
	CHECK(!kernel_lookup(0x100000), "low memory is still identity mapped");
	/* no page anywhere in the image is both writable and executable */
	extern char __kernel_end[];
	for (uint64_t va = KERNEL_VMA + 0x100000; va < (uint64_t)__kernel_end; va += PAGE_SIZE) {
		uint64_t e = kernel_lookup(va);
		CHECK(!(e & PTE_W) || (e & PTE_NX), "page %#lx is writable and executable", (unsigned long)va);
	}
	return NULL;
}

KTEST(page_tables_map_unmap)
{
	uint64_t va = MMIO_BASE + 0x7f0000000ull; /* an unused corner of the MMIO area */
	uint64_t pa = alloc_page();
	CHECK(pa, "alloc_page failed");
	CHECK(!kernel_addr_mapped(va), "test address already mapped");
	CHECK(kmap_page(va, pa, PTE_W | PTE_NX), "kmap_page failed");
	uint64_t e = kernel_lookup(va);
	CHECK((e & PTE_ADDR) == pa, "lookup gives %#lx, mapped %#lx", (unsigned long)(e & PTE_ADDR),
	      (unsigned long)pa);
	*(volatile uint64_t *)va = 0x1234567887654321ull;
	CHECK(*(uint64_t *)phys_to_virt(pa) == 0x1234567887654321ull, "write through new mapping not "
	      "visible through the direct map");
	kunmap_page(va);
	CHECK(!kernel_addr_mapped(va), "still mapped after kunmap_page");
	free_page(pa);
	return NULL;
}

KTEST(kstack_guard)
{
	uint64_t top = kstack_alloc(KSTACK_SIZE);
	CHECK(top, "kstack_alloc failed");
	CHECK(kernel_addr_mapped(top - 8) && kernel_addr_mapped(top - KSTACK_SIZE),
	      "stack pages not mapped");
	uint64_t guard = top - KSTACK_SIZE - 1;
	CHECK(!kernel_addr_mapped(guard), "no guard page below the stack");
	CHECK(kstack_guard_owner(guard) == top, "guard page not attributed to its stack");
	*(volatile uint64_t *)(top - 8) = 1; /* the stack itself is usable */
	return NULL;
}

KTEST(smep_smap_enabled)
{
	/* CPUID.(7,0):EBX bit 7 = SMEP, bit 20 = SMAP; CR4 bits 20 and 21 */
	uint32_t a, b, c, d;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
	uint64_t cr4;
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	CHECK(!(b & (1u << 7)) || (cr4 & (1ull << 20)), "CPU has SMEP but CR4.SMEP is off");
	CHECK(!(b & (1u << 20)) || (cr4 & (1ull << 21)), "CPU has SMAP but CR4.SMAP is off");
	return NULL;
}
