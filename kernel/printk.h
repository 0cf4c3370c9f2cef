/*
 * printk.h: the kernel's log. Messages go to every registered console
 * (serial, screen) if their level is below console_loglevel, and always
 * into a ring buffer that dmesg will read.
 *
 *   printk(KERN_ERR "pmm: %zu pages lost\n", n);
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stddef.h>
#include <stdarg.h>

#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"
#define LOGLEVEL_DEFAULT 6   /* for messages without a level: KERN_INFO */

struct console {
	const char *name;
	void (*write)(const char *s, size_t n);
	struct console *next;
};

void register_console(struct console *con);
/* Write to every console, unlogged (terminal output, echo). */
void console_write(const char *s, size_t n);
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);
/* Copy out the newest retained log records that fit into LEN bytes, as
 * syslog(2) shows them (`<6>[    0.123456] text`); returns bytes. */
size_t log_buf_read(char *buf, size_t len);
/* After a panic: take the console without waiting for its lock. */
void printk_panic_mode(void);
/* Apply the loglevel= option (after cmdline_init). */
void printk_init(void);

extern int console_loglevel;

#endif
