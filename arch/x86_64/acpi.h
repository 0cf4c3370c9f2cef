/*
 * acpi.h: what the kernel takes from the ACPI tables: the MADT's list of
 * processors, I/O APICs and ISA interrupt overrides.
 */
#ifndef ARCH_X86_64_ACPI_H
#define ARCH_X86_64_ACPI_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/param.h"

struct ioapic_info {
	uint8_t id;
	uint64_t phys;
	uint32_t gsi_base;
};

struct irq_override {
	uint8_t isa_irq;
	uint32_t gsi;
	uint16_t flags; /* MPS INTI flags: polarity bits 0-1, trigger bits 2-3 */
};

struct madt_info {
	uint64_t lapic_phys;
	uint32_t apic_ids[MAX_CPUS]; /* enabled processors, BSP included */
	unsigned ncpus;
	struct ioapic_info ioapics[MAX_IOAPICS];
	unsigned nioapics;
	struct irq_override overrides[MAX_IRQ_OVERRIDES];
	unsigned noverrides;
};

extern struct madt_info madt;

/* Find the tables from the RSDP GRUB handed over and read the MADT.
 * Without usable tables, falls back to one CPU and the PC defaults. */
void acpi_init(void);
/* Check TABLE's signature and checksum and parse it as a MADT into OUT;
 * -1 if it is not a valid MADT. (acpi_init uses the same parser.) */
int acpi_parse_madt(struct madt_info *out, const void *table);

#endif
