/*
 * lapic.h: the local APIC of each CPU (xAPIC, memory-mapped): its timer,
 * end-of-interrupt, and inter-processor interrupts.
 */
#ifndef ARCH_X86_64_LAPIC_H
#define ARCH_X86_64_LAPIC_H

#include <stdint.h>

void lapic_map(uint64_t phys);          /* once, on the BSP */
void lapic_init_cpu(void);              /* enable this CPU's LAPIC */
uint32_t lapic_id(void);
void lapic_eoi(void);
/* Send vector V to the CPU with APIC id DEST. */
void lapic_send_ipi(uint32_t dest, uint8_t vector);
void lapic_send_nmi_all_but_self(void);
void lapic_send_init(uint32_t dest);
void lapic_send_startup(uint32_t dest, uint8_t page);
/* Measure the timer rate against the PIT (BSP, once), then start the
 * periodic tick on this CPU. */
void lapic_timer_calibrate(void);
void lapic_timer_start(void);
extern uint64_t lapic_timer_hz;

#endif
