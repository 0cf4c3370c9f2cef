/*
 * acpi.c: walking RSDP -> RSDT/XSDT -> MADT (ACPI spec 6.x, sections 5.2.5,
 * 5.2.7, 5.2.8, 5.2.12). Every table's checksum is verified; a bad one is
 * reported and skipped.
 */
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/arch.h"
#include "kernel/bootinfo.h"
#include "kernel/printk.h"
#include "kernel/string.h"

struct rsdp {
	char signature[8];
	uint8_t checksum;
	char oem[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length; /* ACPI 2.0+ from here on */
	uint64_t xsdt;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} __attribute__((packed));

struct sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_revision, creator, creator_revision;
} __attribute__((packed));

struct madt_header {
	struct sdt_header h;
	uint32_t lapic_addr;
	uint32_t flags;
} __attribute__((packed));

struct madt_madt_entry {
	uint8_t type, length;
} __attribute__((packed));

struct madt_info madt;

static bool checksum_ok(const void *p, size_t len)
{
	uint8_t sum = 0;
	for (size_t i = 0; i < len; i++)
		sum += ((const uint8_t *)p)[i];
	return sum == 0;
}

/* A table header at PHYS if its length is sane and its checksum right. */
static const struct sdt_header *map_table(uint64_t phys)
{
	uint64_t mapped = boot_info.mem_top > (4ull << 30) ? boot_info.mem_top : (4ull << 30);
	if (!phys || phys + sizeof(struct sdt_header) > mapped) {
		printk(KERN_WARNING "acpi: table address %#lx outside the direct map; skipped\n", (unsigned long)phys);
		return 0;
	}
	const struct sdt_header *h = phys_to_virt(phys);
	if (h->length < sizeof *h || h->length > (1u << 20) || phys + h->length > mapped) {
		printk(KERN_WARNING "acpi: table at %#lx has implausible length %u; skipped\n",
		       (unsigned long)phys, h->length);
		return 0;
	}
	if (!checksum_ok(h, h->length)) {
		printk(KERN_WARNING "acpi: table %.4s at %#lx has a bad checksum; skipped\n",
		       h->signature, (unsigned long)phys);
		return 0;
	}
	return h;
}

static void add_cpu(struct madt_info *out, uint32_t apic_id, uint32_t flags)
{
	if (!(flags & 1))
		return; /* disabled (bit 1 would say "can be hot-plugged") */
	if (apic_id > 254) {
		printk(KERN_WARNING "acpi: CPU with APIC id %u needs x2APIC mode; skipped\n", apic_id);
		return;
	}
	if (out->ncpus == MAX_CPUS) {
		printk(KERN_WARNING "acpi: more than %d CPUs; APIC id %u skipped\n", MAX_CPUS, apic_id);
		return;
	}
	out->apic_ids[out->ncpus++] = apic_id;
}

static void parse_madt(struct madt_info *out, const struct madt_header *m)
{
	out->lapic_phys = m->lapic_addr;
	const uint8_t *p = (const uint8_t *)(m + 1), *end = (const uint8_t *)m + m->h.length;
	while (p + 2 <= end) {
		uint8_t type = p[0], len = p[1];
		if (len < 2 || p + len > end) {
			printk(KERN_WARNING "acpi: MADT entry type %u has bad length %u; rest skipped\n", type, len);
			break;
		}
		switch (type) {
		case 0: /* processor local APIC */
			if (len >= 8)
				add_cpu(out, p[3], *(const uint32_t *)(p + 4));
			break;
		case 1: /* I/O APIC */
			if (len >= 12 && out->nioapics < MAX_IOAPICS)
				out->ioapics[out->nioapics++] = (struct ioapic_info){
					p[2], *(const uint32_t *)(p + 4), *(const uint32_t *)(p + 8) };
			break;
		case 2: /* interrupt source override */
			if (len >= 10 && out->noverrides < MAX_IRQ_OVERRIDES)
				out->overrides[out->noverrides++] = (struct irq_override){
					p[3], *(const uint32_t *)(p + 4), *(const uint16_t *)(p + 8) };
			break;
		case 5: /* 64-bit local APIC address */
			if (len >= 12)
				out->lapic_phys = *(const uint64_t *)(p + 4);
			break;
		case 9: /* processor local x2APIC */
			if (len >= 16)
				add_cpu(out, *(const uint32_t *)(p + 4), *(const uint32_t *)(p + 8));
			break;
		}
		p += len;
	}
}

int acpi_parse_madt(struct madt_info *out, const void *table)
{
	const struct madt_header *m = table;
	memset(out, 0, sizeof *out);
	if (memcmp(m->h.signature, "APIC", 4) != 0 || m->h.length < sizeof *m ||
	    !checksum_ok(m, m->h.length))
		return -1;
	parse_madt(out, m);
	return 0;
}

static const struct madt_header *find_madt(void)
{
	const struct rsdp *r = (const struct rsdp *)boot_info.rsdp;
	if (!r)
		return 0;
	if (memcmp(r->signature, "RSD PTR ", 8) != 0 || !checksum_ok(r, 20)) {
		printk(KERN_WARNING "acpi: RSDP signature or checksum bad; ignoring ACPI\n");
		return 0;
	}
	bool use_xsdt = r->revision >= 2 && r->xsdt;
	if (use_xsdt && (r->length < sizeof *r || !checksum_ok(r, sizeof *r))) {
		printk(KERN_WARNING "acpi: RSDP extended checksum bad; using the RSDT\n");
		use_xsdt = false;
	}
	const struct sdt_header *root = map_table(use_xsdt ? r->xsdt : r->rsdt);
	if (!root)
		return 0;
	size_t width = use_xsdt ? 8 : 4;
	size_t n = (root->length - sizeof *root) / width;
	printk("acpi: ACPI %s, %s with %zu tables, OEM '%.6s'\n", r->revision >= 2 ? "2.0+" : "1.0",
	       use_xsdt ? "XSDT" : "RSDT", n, r->oem);
	const uint8_t *entries = (const uint8_t *)(root + 1);
	for (size_t i = 0; i < n; i++) {
		uint64_t phys = use_xsdt ? *(const uint64_t *)(entries + 8 * i) : *(const uint32_t *)(entries + 4 * i);
		const struct sdt_header *h = map_table(phys);
		if (h && memcmp(h->signature, "APIC", 4) == 0)
			return (const struct madt_header *)h;
	}
	return 0;
}

void acpi_init(void)
{
	const struct madt_header *m = find_madt();
	if (m)
		parse_madt(&madt, m);
	else
		printk(KERN_WARNING "acpi: no usable MADT; running on the boot CPU only\n");
	if (!madt.lapic_phys)
		madt.lapic_phys = 0xfee00000;
	if (madt.nioapics == 0) {
		printk(KERN_WARNING "acpi: no I/O APIC listed; assuming one at 0xfec00000\n");
		madt.ioapics[madt.nioapics++] = (struct ioapic_info){ 0, 0xfec00000, 0 };
	}
	printk("acpi: %u CPUs, %u I/O APICs, %u interrupt overrides, LAPIC at %#lx\n", madt.ncpus,
	       madt.nioapics, madt.noverrides, (unsigned long)madt.lapic_phys);
}
