/*
 * bootinfo.h: what the boot loader told us, in the kernel's own terms.
 * multiboot2.c fills it from GRUB's tags; every later subsystem reads it.
 * All addresses are physical.
 */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include <stdint.h>
#include "kernel/param.h"

struct mem_range {
	uint64_t start, end; /* [start, end) */
};

struct boot_module {
	uint64_t start, end;
	const char *cmdline;
};

enum fb_type { FB_NONE, FB_RGB, FB_EGA_TEXT };

struct boot_info {
	const char *cmdline;          /* "" if GRUB gave none */
	const char *loader_name;
	struct mem_range usable[MAX_MEM_REGIONS];
	int nusable;
	uint64_t mem_top;             /* end of the highest usable byte */
	struct boot_module modules[MAX_MODULES];
	int nmodules;
	uint64_t info_start, info_end;/* the multiboot2 structure itself */
	uint64_t rsdp;                /* kernel-virtual address of the RSDP copy, or 0 */
	int rsdp_version;             /* 1 (ACPI 1.0) or 2 */
	struct {
		enum fb_type type;
		uint64_t addr;
		uint32_t pitch, width, height;
		uint8_t bpp;
	} fb;
};

extern struct boot_info boot_info;

/* Parse the multiboot2 information at physical INFO_PHYS. Bad or
 * missing tags are reported, one line each, and skipped. */
void multiboot2_parse(uint32_t magic, uint64_t info_phys);
/* The same into BI, from the structure at INFO_VA (self-tests feed it
 * hand-made, broken ones). */
void multiboot2_parse_into(struct boot_info *bi, uint32_t magic, const void *info_va, uint64_t info_phys);

#endif
