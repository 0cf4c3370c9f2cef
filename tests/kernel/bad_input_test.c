/*
 * bad_input_test.c: what the boot code does with broken input. The
 * multiboot2 parser, the MADT parser and the command line are fed
 * hand-made data; each must keep what is good, report what is not and
 * never read past the end.
 */
#include <stdint.h>
#include "arch/x86_64/acpi.h"
#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "kernel/kmalloc.h"
#include "kernel/selftest.h"
#include "kernel/string.h"

#define MB2_MAGIC 0x36d76289

/* A tiny multiboot2 information builder. */
struct mb2 {
	uint8_t buf[512];
	uint32_t len;
};

static void mb2_begin(struct mb2 *m)
{
	memset(m, 0, sizeof *m);
	m->len = 8;
}

static uint8_t *mb2_tag(struct mb2 *m, uint32_t type, uint32_t size)
{
	uint8_t *t = m->buf + m->len;
	((uint32_t *)t)[0] = type;
	((uint32_t *)t)[1] = size;
	m->len += (size + 7) & ~7u;
	return t;
}

static void mb2_end(struct mb2 *m)
{
	mb2_tag(m, 0, 8);
	((uint32_t *)m->buf)[0] = m->len;
}

static void mb2_mmap(struct mb2 *m, uint64_t base, uint64_t len)
{
	uint8_t *t = mb2_tag(m, 6, 16 + 24);
	((uint32_t *)t)[2] = 24; /* entry size */
	uint64_t *e = (uint64_t *)(t + 16);
	e[0] = base;
	e[1] = len;
	((uint32_t *)(t + 32))[0] = 1; /* available */
}

KTEST(multiboot2_good_tags)
{
	static struct mb2 m;
	static struct boot_info bi;
	mb2_begin(&m);
	uint8_t *c = mb2_tag(&m, 1, 8 + 10);
	memcpy(c + 8, "loglevel=3", 10); /* no terminator: must be refused */
	mb2_mmap(&m, 0x100000, 0x800000);
	c = mb2_tag(&m, 2, 8 + 5);
	memcpy(c + 8, "GRUB", 5);
	mb2_end(&m);
	multiboot2_parse_into(&bi, MB2_MAGIC, m.buf, 0);
	CHECK(bi.nusable == 1 && bi.usable[0].start == 0x100000 && bi.usable[0].end == 0x900000,
	      "memory map not parsed (%d ranges)", bi.nusable);
	CHECK(bi.mem_top == 0x900000, "mem_top %#lx", (unsigned long)bi.mem_top);
	CHECK(strcmp(bi.loader_name, "GRUB") == 0, "loader name '%s'", bi.loader_name);
	CHECK(strcmp(bi.cmdline, "") == 0, "unterminated command line accepted: '%s'", bi.cmdline);
	return NULL;
}

KTEST(multiboot2_bad_tags)
{
	static struct mb2 m;
	static struct boot_info bi;
	/* a tag whose size runs past the end: parsing stops, nothing read beyond */
	mb2_begin(&m);
	mb2_mmap(&m, 0x100000, 0x100000);
	uint8_t *t = mb2_tag(&m, 2, 16);
	mb2_end(&m);
	((uint32_t *)t)[1] = 4000; /* lie about the size */
	multiboot2_parse_into(&bi, MB2_MAGIC, m.buf, 0);
	CHECK(bi.nusable == 1, "good tag before the bad one lost");
	CHECK(strcmp(bi.loader_name, "unknown") == 0, "bad tag used");

	/* a memory map with an impossible entry size is ignored; the basic
	 * meminfo tag is the fallback */
	mb2_begin(&m);
	t = mb2_tag(&m, 6, 16 + 24);
	((uint32_t *)t)[2] = 3;
	t = mb2_tag(&m, 4, 16);
	((uint32_t *)t)[3] = 4096; /* mem_upper, KiB */
	mb2_end(&m);
	multiboot2_parse_into(&bi, MB2_MAGIC, m.buf, 0);
	CHECK(bi.nusable == 1 && bi.usable[0].end == 0x100000 + 4096 * 1024,
	      "fallback to basic meminfo failed (%d ranges)", bi.nusable);

	/* wrong magic: nothing parsed */
	multiboot2_parse_into(&bi, 0x2badb002, m.buf, 0);
	CHECK(bi.nusable == 0, "parsed despite the wrong magic");

	/* an implausible total size */
	((uint32_t *)m.buf)[0] = 4;
	multiboot2_parse_into(&bi, MB2_MAGIC, m.buf, 0);
	CHECK(bi.nusable == 0, "parsed a 4-byte structure");
	return NULL;
}

/* A MADT with a LAPIC entry, an I/O APIC and an override. */
static uint8_t *build_madt(size_t *len)
{
	static uint8_t t[44 + 8 + 8 + 12 + 10];
	memset(t, 0, sizeof t);
	memcpy(t, "APIC", 4);
	*(uint32_t *)(t + 4) = sizeof t;
	*(uint32_t *)(t + 36) = 0xfee00000;
	uint8_t *e = t + 44;
	e[0] = 0, e[1] = 8, e[3] = 0, *(uint32_t *)(e + 4) = 1;  /* CPU, APIC id 0, enabled */
	e += 8;
	e[0] = 0, e[1] = 8, e[3] = 7, *(uint32_t *)(e + 4) = 0;  /* CPU 7, disabled */
	e += 8;
	e[0] = 1, e[1] = 12, e[2] = 2, *(uint32_t *)(e + 4) = 0xfec00000; /* I/O APIC */
	e += 12;
	e[0] = 2, e[1] = 10, e[3] = 0, *(uint32_t *)(e + 4) = 2; /* IRQ0 -> GSI 2 */
	uint8_t sum = 0;
	for (size_t i = 0; i < sizeof t; i++)
		sum += t[i];
	t[9] = (uint8_t)-sum;
	*len = sizeof t;
	return t;
}

KTEST(acpi_madt_parse)
{
	static struct madt_info out;
	size_t len;
	uint8_t *t = build_madt(&len);
	CHECK(acpi_parse_madt(&out, t) == 0, "valid MADT refused");
	CHECK(out.ncpus == 1 && out.apic_ids[0] == 0, "%u CPUs (the disabled one must not count)", out.ncpus);
	CHECK(out.nioapics == 1 && out.ioapics[0].phys == 0xfec00000, "I/O APIC not found");
	CHECK(out.noverrides == 1 && out.overrides[0].gsi == 2, "override not found");

	t[20] ^= 1; /* corrupt: checksum now wrong */
	CHECK(acpi_parse_madt(&out, t) < 0, "MADT with a bad checksum accepted");
	t[20] ^= 1;

	/* an entry claiming to run past the table: parsing stops there */
	t[44 + 8 + 1] = 200;
	uint8_t sum = 0;
	t[9] = 0;
	for (size_t i = 0; i < len; i++)
		sum += t[i];
	t[9] = (uint8_t)-sum;
	CHECK(acpi_parse_madt(&out, t) == 0, "checksum fix-up failed");
	CHECK(out.ncpus == 1 && out.nioapics == 0, "entries after a bad one were used");
	return NULL;
}

KTEST(cmdline_parse)
{
	char saved[CMDLINE_MAX];
	strlcpy(saved, cmdline_raw(), sizeof saved);
	cmdline_init("/boot/kernel.elf test xq=20 xname=a=b xq=30 xflag xbad=12x");
	const char *name = cmdline_get("xname");
	bool path_skipped = !cmdline_has("/boot/kernel.elf");
	bool flag = cmdline_has("xflag") && strcmp(cmdline_get("xflag"), "") == 0;
	uint64_t q = cmdline_get_u64("xq", 10), bad = cmdline_get_u64("xbad", 7);
	uint64_t absent = cmdline_get_u64("absent", 5);
	int unknown = cmdline_report_unknown();
	cmdline_init(saved); /* put the real command line back */
	CHECK(path_skipped, "the kernel path was taken for an option");
	CHECK(name && strcmp(name, "a=b") == 0, "xname=a=b gave '%s'", name ? name : "(null)");
	CHECK(flag, "bare word not found");
	CHECK(q == 30, "last xq= should win, got %lu", (unsigned long)q);
	CHECK(bad == 7, "non-number accepted: %lu", (unsigned long)bad);
	CHECK(absent == 5, "absent option not defaulted");
	/* every word but `test` is undeclared: xq (twice), xname, xflag, xbad */
	CHECK(unknown == 5, "%d unknown options reported, expected 5", unknown);
	return NULL;
}
