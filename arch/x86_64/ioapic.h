/*
 * ioapic.h: routing device interrupt lines (ISA IRQs) to CPUs.
 */
#ifndef ARCH_X86_64_IOAPIC_H
#define ARCH_X86_64_IOAPIC_H

#include <stdint.h>

void ioapic_init(void);
/* Deliver ISA IRQ (after the MADT's overrides) as VECTOR to APIC id DEST. */
void ioapic_route_isa_irq(unsigned isa_irq, uint8_t vector, uint32_t dest);

#endif
