/*
 * ioapic.c: the I/O APIC (82093AA datasheet): an index register at +0,
 * a data window at +0x10; redirection entry n at registers 0x10 + 2n.
 * Also masks the legacy 8259 PICs, which the I/O APIC replaces.
 */
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/trap.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"

struct ioapic {
	volatile uint32_t *regs;
	uint32_t gsi_base, nlines;
};

static struct ioapic ioapics[MAX_IOAPICS];
static unsigned nioapics;
static struct spinlock ioapic_lock = SPINLOCK_INIT("ioapic");

static uint32_t ioapic_read(struct ioapic *io, uint32_t reg)
{
	io->regs[0] = reg;
	return io->regs[4];
}

static void ioapic_write(struct ioapic *io, uint32_t reg, uint32_t v)
{
	io->regs[0] = reg;
	io->regs[4] = v;
}

static void pic_disable(void)
{
	/* remap to VEC_PIC_BASE so a spurious IRQ is not taken for an
	 * exception, then mask every line */
	outb(0x20, 0x11), outb(0xa0, 0x11);
	outb(0x21, VEC_PIC_BASE), outb(0xa1, VEC_PIC_BASE + 8);
	outb(0x21, 4), outb(0xa1, 2);
	outb(0x21, 1), outb(0xa1, 1);
	outb(0x21, 0xff), outb(0xa1, 0xff);
}

void ioapic_init(void)
{
	pic_disable();
	for (unsigned i = 0; i < madt.nioapics; i++) {
		struct ioapic *io = &ioapics[nioapics++];
		io->regs = ioremap(madt.ioapics[i].phys, PAGE_SIZE);
		io->gsi_base = madt.ioapics[i].gsi_base;
		io->nlines = ((ioapic_read(io, 1) >> 16) & 0xff) + 1;
		for (uint32_t n = 0; n < io->nlines; n++)
			ioapic_write(io, 0x10 + 2 * n, 1u << 16); /* masked */
		printk("ioapic: id %u at %#lx, GSIs %u-%u\n", madt.ioapics[i].id,
		       (unsigned long)madt.ioapics[i].phys, io->gsi_base, io->gsi_base + io->nlines - 1);
	}
}

void ioapic_route_isa_irq(unsigned isa_irq, uint8_t vector, uint32_t dest)
{
	uint32_t gsi = isa_irq;
	uint16_t flags = 0;
	for (unsigned i = 0; i < madt.noverrides; i++)
		if (madt.overrides[i].isa_irq == isa_irq) {
			gsi = madt.overrides[i].gsi;
			flags = madt.overrides[i].flags;
		}
	/* ISA defaults: active high, edge triggered */
	bool active_low = (flags & 3) == 3;
	bool level = ((flags >> 2) & 3) == 3;
	for (unsigned i = 0; i < nioapics; i++) {
		struct ioapic *io = &ioapics[i];
		if (gsi < io->gsi_base || gsi >= io->gsi_base + io->nlines)
			continue;
		uint32_t n = gsi - io->gsi_base;
		uint32_t low = vector | (active_low ? 1u << 13 : 0) | (level ? 1u << 15 : 0);
		spin_lock(&ioapic_lock);
		ioapic_write(io, 0x11 + 2 * n, dest << 24);
		ioapic_write(io, 0x10 + 2 * n, low);
		spin_unlock(&ioapic_lock);
		return;
	}
	printk(KERN_WARNING "ioapic: no I/O APIC handles GSI %u (ISA IRQ %u)\n", gsi, isa_irq);
}
