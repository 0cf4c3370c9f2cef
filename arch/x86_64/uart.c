/*
 * uart.c: the 16550 UART on COM1 (0x3f8), 115200 baud 8N1.
 * Output is polled (it must work in a panic, with interrupts off); input
 * arrives by interrupt (ISA IRQ 4) once uart_enable_irq has run, and goes
 * to the console input buffer.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/trap.h"
#include "kernel/console.h"
#include "kernel/printk.h"

#define COM1 0x3f8
enum { THR = 0, RBR = 0, DLL = 0, IER = 1, DLM = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5 };
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define COM1_IRQ 4

static int present;

static void uart_putc(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + LSR) & LSR_THR_EMPTY); i++)
		__asm__ volatile("pause");
	outb(COM1 + THR, (uint8_t)c);
}

static void uart_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

static struct console uart_console = { .name = "ttyS0", .write = uart_write };

void uart_init(void)
{
	outb(COM1 + IER, 0);
	outb(COM1 + LCR, 0x80);              /* divisor latch */
	outb(COM1 + DLL, 1), outb(COM1 + DLM, 0); /* 115200 */
	outb(COM1 + LCR, 0x03);              /* 8N1 */
	outb(COM1 + FCR, 0xc7);              /* FIFOs on, cleared, 14-byte trigger */
	outb(COM1 + MCR, 0x0b);              /* DTR, RTS, OUT2 (IRQ line enable) */
	/* loopback check: a missing UART reads back 0xff */
	present = inb(COM1 + LSR) != 0xff;
	if (present)
		register_console(&uart_console);
}

static void uart_irq(struct trap_frame *f)
{
	while (inb(COM1 + LSR) & LSR_DATA_READY) {
		char c = (char)inb(COM1 + RBR);
		console_input_char(c); /* the line discipline maps CR (ICRNL) */
	}
}

void uart_enable_irq(void)
{
	if (!present)
		return;
	irq_register(VEC_IRQ_BASE + COM1_IRQ, uart_irq);
	ioapic_route_isa_irq(COM1_IRQ, VEC_IRQ_BASE + COM1_IRQ, lapic_id());
	outb(COM1 + IER, 0x01); /* received-data interrupt */
	printk("uart: COM1 input by interrupt (ISA IRQ %d -> vector %#x)\n", COM1_IRQ,
	       VEC_IRQ_BASE + COM1_IRQ);
}
