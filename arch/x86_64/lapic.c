/*
 * lapic.c: the local APIC (Intel SDM vol. 3, chapter 11), in xAPIC mode
 * through its memory-mapped registers, and the PIT channel 2 used once
 * at boot as a known clock to measure the LAPIC timer and the TSC.
 */
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/trap.h"
#include "kernel/cpu.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/time.h"

enum {
	LAPIC_ID = 0x20,
	LAPIC_TPR = 0x80,
	LAPIC_EOI = 0xb0,
	LAPIC_SVR = 0xf0,
	LAPIC_ICR_LOW = 0x300,
	LAPIC_ICR_HIGH = 0x310,
	LAPIC_LVT_TIMER = 0x320,
	LAPIC_LVT_LINT0 = 0x350,
	LAPIC_LVT_LINT1 = 0x360,
	LAPIC_LVT_ERROR = 0x370,
	LAPIC_TIMER_INIT = 0x380,
	LAPIC_TIMER_CUR = 0x390,
	LAPIC_TIMER_DIV = 0x3e0,
};

#define ICR_DELIVERY_PENDING (1u << 12)
#define LVT_MASKED (1u << 16)
#define TIMER_PERIODIC (1u << 17)

static volatile uint32_t *lapic;
uint64_t lapic_timer_hz;     /* timer counts per second at divide-by-16 */
void tsc_set_rate(uint64_t tsc_hz); /* tsc.c */

static uint32_t rd(unsigned reg) { return lapic[reg / 4]; }
static void wr(unsigned reg, uint32_t v) { lapic[reg / 4] = v; }

void lapic_map(uint64_t phys) { lapic = ioremap(phys, PAGE_SIZE); }

uint32_t lapic_id(void) { return rd(LAPIC_ID) >> 24; }

void lapic_eoi(void) { wr(LAPIC_EOI, 0); }

void lapic_init_cpu(void)
{
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | (1 << 11)); /* global enable */
	wr(LAPIC_TPR, 0);
	wr(LAPIC_LVT_TIMER, LVT_MASKED);
	wr(LAPIC_LVT_ERROR, LVT_MASKED);
	wr(LAPIC_SVR, 0x100 | VEC_SPURIOUS); /* software enable */
}

static void icr_wait(void)
{
	for (int i = 0; i < 1000000 && (rd(LAPIC_ICR_LOW) & ICR_DELIVERY_PENDING); i++)
		arch_cpu_relax();
}

static void icr_send(uint32_t dest, uint32_t low)
{
	bool irq = arch_irq_save();
	icr_wait();
	wr(LAPIC_ICR_HIGH, dest << 24);
	wr(LAPIC_ICR_LOW, low);
	icr_wait();
	arch_irq_restore(irq);
}

void lapic_send_ipi(uint32_t dest, uint8_t vector) { icr_send(dest, vector); }
void lapic_send_init(uint32_t dest) { icr_send(dest, 0x4500); }
void lapic_send_startup(uint32_t dest, uint8_t page) { icr_send(dest, 0x4600 | page); }

void lapic_send_nmi_all_but_self(void)
{
	if (!lapic)
		return;
	wr(LAPIC_ICR_HIGH, 0);
	wr(LAPIC_ICR_LOW, 0xc0000 | 0x400 | 0x4000); /* all-but-self, NMI, assert */
}

/* PIT channel 2 counts down 1193182 Hz; its output (port 0x61 bit 5)
 * rises when it reaches zero. */
#define PIT_HZ 1193182
#define CALIBRATE_MS 20

void lapic_timer_calibrate(void)
{
	uint16_t count = PIT_HZ * CALIBRATE_MS / 1000;
	uint8_t gate = inb(0x61);
	outb(0x61, (gate & ~0x02) | 0x01); /* speaker off, gate on */
	outb(0x43, 0xb0);                  /* channel 2, lo/hi byte, mode 0 */
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	gate = inb(0x61) & ~0x01;
	wr(LAPIC_TIMER_DIV, 0x3); /* divide by 16 */
	outb(0x61, gate);         /* restart the count: gate low ... */
	outb(0x61, gate | 1);     /* ... then high */
	uint64_t tsc0 = rdtsc();
	wr(LAPIC_TIMER_INIT, 0xffffffff);
	while (!(inb(0x61) & 0x20))
		;
	uint32_t elapsed = 0xffffffff - rd(LAPIC_TIMER_CUR);
	uint64_t tsc1 = rdtsc();
	wr(LAPIC_TIMER_INIT, 0);
	lapic_timer_hz = (uint64_t)elapsed * 1000 / CALIBRATE_MS;
	tsc_set_rate((tsc1 - tsc0) * 1000 / CALIBRATE_MS);
	printk("timer: LAPIC timer %lu kHz (/16), TSC %lu MHz, measured against the PIT over %d ms\n",
	       (unsigned long)(lapic_timer_hz / 1000), (unsigned long)((tsc1 - tsc0) / CALIBRATE_MS / 1000),
	       CALIBRATE_MS);
}

void lapic_timer_start(void)
{
	wr(LAPIC_TIMER_DIV, 0x3);
	wr(LAPIC_LVT_TIMER, TIMER_PERIODIC | VEC_TIMER);
	wr(LAPIC_TIMER_INIT, (uint32_t)(lapic_timer_hz / HZ));
}
