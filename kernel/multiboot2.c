/*
 * multiboot2.c: reading GRUB's boot information (the multiboot2 spec,
 * section 3.6): a size-prefixed list of 8-byte aligned tags. We keep what
 * the kernel needs in struct boot_info and check every length first, so
 * a malformed tag costs one message, not the boot.
 */
#include <stdbool.h>
#include "kernel/bootinfo.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "arch/x86_64/arch.h"

#define MB2_BOOTLOADER_MAGIC 0x36d76289

enum {
	TAG_END = 0,
	TAG_CMDLINE = 1,
	TAG_LOADER_NAME = 2,
	TAG_MODULE = 3,
	TAG_BASIC_MEMINFO = 4,
	TAG_MMAP = 6,
	TAG_FRAMEBUFFER = 8,
	TAG_ACPI_OLD = 14,
	TAG_ACPI_NEW = 15,
};

#define MMAP_AVAILABLE 1

struct tag {
	uint32_t type, size;
};

struct mmap_entry {
	uint64_t base, length;
	uint32_t type, reserved;
};

struct boot_info boot_info;

static const char *tag_string(const struct tag *t, uint32_t skip)
{
	const char *s = (const char *)t + sizeof *t + skip;
	size_t room = t->size - sizeof *t - skip;
	if (t->size < sizeof *t + skip + 1 || strnlen(s, room) == room) {
		printk(KERN_WARNING "multiboot2: tag %u has an unterminated string; ignored\n", t->type);
		return 0;
	}
	return s;
}

static void add_usable(struct boot_info *bi, uint64_t start, uint64_t end)
{
	/* only whole pages are useful */
	start = (start + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	end &= ~(uint64_t)(PAGE_SIZE - 1);
	if (end <= start)
		return;
	if (bi->nusable == MAX_MEM_REGIONS) {
		printk(KERN_WARNING "multiboot2: more than %d memory ranges; %#lx-%#lx unused\n",
		       MAX_MEM_REGIONS, (unsigned long)start, (unsigned long)end);
		return;
	}
	bi->usable[bi->nusable++] = (struct mem_range){ start, end };
	if (end > bi->mem_top)
		bi->mem_top = end;
}

static void parse_mmap(struct boot_info *bi, const struct tag *t)
{
	const uint8_t *p = (const uint8_t *)t;
	uint32_t entry_size = t->size >= 16 ? *(const uint32_t *)(p + 8) : 0;
	if (t->size < 16 || entry_size < sizeof(struct mmap_entry)) {
		printk(KERN_WARNING "multiboot2: memory map tag malformed (entry size %u); ignored\n",
		       entry_size);
		return;
	}
	for (uint32_t off = 16; off + entry_size <= t->size; off += entry_size) {
		const struct mmap_entry *e = (const void *)(p + off);
		if (e->type == MMAP_AVAILABLE)
			add_usable(bi, e->base, e->base + e->length);
	}
}

static void parse_module(struct boot_info *bi, const struct tag *t)
{
	if (t->size < 17) {
		printk(KERN_WARNING "multiboot2: module tag too short; ignored\n");
		return;
	}
	const uint32_t *w = (const uint32_t *)(t + 1);
	if (bi->nmodules == MAX_MODULES) {
		printk(KERN_WARNING "multiboot2: more than %d modules; rest ignored\n", MAX_MODULES);
		return;
	}
	if (w[1] < w[0]) {
		printk(KERN_WARNING "multiboot2: module ends before it starts; ignored\n");
		return;
	}
	const char *s = tag_string(t, 8);
	bi->modules[bi->nmodules++] = (struct boot_module){ w[0], w[1], s ? s : "" };
}

static void parse_framebuffer(struct boot_info *bi, const struct tag *t)
{
	const uint8_t *p = (const uint8_t *)t;
	if (t->size < 31) {
		printk(KERN_WARNING "multiboot2: framebuffer tag too short; ignored\n");
		return;
	}
	bi->fb.addr = *(const uint64_t *)(p + 8);
	bi->fb.pitch = *(const uint32_t *)(p + 16);
	bi->fb.width = *(const uint32_t *)(p + 20);
	bi->fb.height = *(const uint32_t *)(p + 24);
	bi->fb.bpp = p[28];
	bi->fb.type = p[29] == 2 ? FB_EGA_TEXT : p[29] == 1 ? FB_RGB : FB_NONE;
}

static void parse_acpi(struct boot_info *bi, const struct tag *t, int version)
{
	uint32_t need = version == 1 ? 20 : 36;
	if (t->size < sizeof *t + need) {
		printk(KERN_WARNING "multiboot2: ACPI RSDP tag too short; ignored\n");
		return;
	}
	if (bi->rsdp && bi->rsdp_version >= version)
		return; /* prefer the newer one whatever the tag order */
	bi->rsdp = (uint64_t)(t + 1);
	bi->rsdp_version = version;
}

void multiboot2_parse(uint32_t magic, uint64_t info_phys)
{
	multiboot2_parse_into(&boot_info, magic, phys_to_virt(info_phys), info_phys);
}

void multiboot2_parse_into(struct boot_info *bi, uint32_t magic, const void *info_va, uint64_t info_phys)
{
	memset(bi, 0, sizeof *bi);
	bi->cmdline = "";
	bi->loader_name = "unknown";
	if (magic != MB2_BOOTLOADER_MAGIC) {
		printk(KERN_ERR "multiboot2: bad magic %#x (not started by a multiboot2 loader?)\n", magic);
		return;
	}
	const uint8_t *info = info_va;
	uint32_t total = *(const uint32_t *)info;
	if (total < 16 || total > (1u << 24)) {
		printk(KERN_ERR "multiboot2: information size %u is implausible; ignored\n", total);
		return;
	}
	bi->info_start = info_phys;
	bi->info_end = info_phys + total;
	bool have_mmap = false, seen_end = false;
	uint32_t mem_upper_kib = 0;
	for (uint32_t off = 8; off + sizeof(struct tag) <= total;) {
		const struct tag *t = (const void *)(info + off);
		if (t->size < sizeof *t || off + t->size > total) {
			printk(KERN_WARNING "multiboot2: tag %u at offset %u has bad size %u; "
			       "rest of the list ignored\n", t->type, off, t->size);
			break;
		}
		switch (t->type) {
		case TAG_END:
			seen_end = true;
			break;
		case TAG_CMDLINE: {
			const char *s = tag_string(t, 0);
			if (s)
				bi->cmdline = s;
			break;
		}
		case TAG_LOADER_NAME: {
			const char *s = tag_string(t, 0);
			if (s)
				bi->loader_name = s;
			break;
		}
		case TAG_MODULE:
			parse_module(bi, t);
			break;
		case TAG_BASIC_MEMINFO:
			if (t->size >= 16)
				mem_upper_kib = ((const uint32_t *)(t + 1))[1];
			break;
		case TAG_MMAP:
			parse_mmap(bi, t);
			have_mmap = bi->nusable > 0;
			break;
		case TAG_FRAMEBUFFER:
			parse_framebuffer(bi, t);
			break;
		case TAG_ACPI_OLD:
			parse_acpi(bi, t, 1);
			break;
		case TAG_ACPI_NEW:
			parse_acpi(bi, t, 2);
			break;
		}
		if (seen_end)
			break;
		off += (t->size + 7) & ~7u;
	}
	if (!seen_end)
		printk(KERN_WARNING "multiboot2: no end tag\n");
	if (!have_mmap) {
		printk(KERN_WARNING "multiboot2: no memory map; using basic meminfo (%u KiB above 1 MiB)\n",
		       mem_upper_kib);
		add_usable(bi, 0x100000, 0x100000 + (uint64_t)mem_upper_kib * 1024);
	}
	if (!bi->rsdp)
		printk(KERN_WARNING "multiboot2: no ACPI RSDP tag\n");
}
