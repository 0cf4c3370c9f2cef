/*
 * printk.c: formatting a message, keeping it in the log ring buffer and
 * writing it to the consoles. One lock serialises whole messages so
 * lines from different CPUs do not interleave.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include "kernel/printk.h"
#include "kernel/vsprintf.h"
#include "kernel/cmdline.h"
#include "kernel/param.h"
#include "kernel/string.h"
#include "arch/x86_64/arch.h"

int console_loglevel = 7; /* print everything but KERN_DEBUG */
KERNEL_PARAM("loglevel", "console shows messages below this level (0-8; default 7)");

static struct console *consoles;
static char log_buf[LOG_BUF_SIZE];
static uint64_t log_head; /* total bytes ever written; guarded by log_lock */

/* A bare test-and-set lock: printk must not depend on spinlock.c,
 * whose debug checks themselves print. */
static atomic_int log_lock;
static volatile bool panic_mode;

static bool log_lock_acquire(void)
{
	bool irq = arch_irq_save();
	while (atomic_exchange_explicit(&log_lock, 1, memory_order_acquire)) {
		if (panic_mode)
			return irq; /* panicking: write anyway */
		arch_cpu_relax();
	}
	return irq;
}

static void log_lock_release(bool irq)
{
	atomic_store_explicit(&log_lock, 0, memory_order_release);
	arch_irq_restore(irq);
}

void printk_panic_mode(void) { panic_mode = true; }

void register_console(struct console *con)
{
	bool irq = log_lock_acquire();
	con->next = consoles;
	consoles = con;
	log_lock_release(irq);
	/* replay what was logged before this console existed */
	char chunk[256];
	uint64_t start = log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0;
	bool shown = true; /* the current message's level is shown */
	for (uint64_t pos = start; pos < log_head;) {
		size_t n = 0;
		while (n < sizeof chunk && pos < log_head) {
			char c = log_buf[pos++ % LOG_BUF_SIZE];
			if (c == '\001') { /* a level marker starts each message */
				shown = log_buf[pos++ % LOG_BUF_SIZE] - '0' < console_loglevel;
				continue;
			}
			if (shown)
				chunk[n++] = c;
		}
		con->write(chunk, n);
	}
}

void console_write(const char *s, size_t n)
{
	bool irq = log_lock_acquire();
	for (struct console *c = consoles; c; c = c->next)
		c->write(s, n);
	log_lock_release(irq);
}

size_t log_buf_read(char *buf, size_t len)
{
	bool irq = log_lock_acquire();
	uint64_t start = log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0;
	size_t n = 0;
	for (uint64_t pos = start; pos < log_head && n < len; pos++)
		buf[n++] = log_buf[pos % LOG_BUF_SIZE];
	log_lock_release(irq);
	return n;
}

int vprintk(const char *fmt, va_list ap)
{
	char msg[512];
	int level = LOGLEVEL_DEFAULT;
	if (fmt[0] == '\001' && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	if (n >= (int)sizeof msg)
		n = sizeof msg - 1;

	bool irq = log_lock_acquire();
	log_buf[log_head++ % LOG_BUF_SIZE] = '\001';
	log_buf[log_head++ % LOG_BUF_SIZE] = (char)('0' + level);
	for (int i = 0; i < n; i++)
		log_buf[log_head++ % LOG_BUF_SIZE] = msg[i];
	if (level < console_loglevel)
		for (struct console *c = consoles; c; c = c->next)
			c->write(msg, n);
	log_lock_release(irq);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void printk_init(void)
{
	const char *v = cmdline_get("loglevel");
	if (v)
		console_loglevel = (int)strtoul(v, 0, 10);
}
