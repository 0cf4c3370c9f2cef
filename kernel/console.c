/*
 * console.c: the console terminal -- /dev/console, and /dev/tty for
 * whoever has it as controlling terminal. Its keys come from the serial
 * line (uart.c) and the PS/2 keyboard (ps2kbd.c), both by interrupt;
 * its output goes to every registered console device (the UART and the
 * VGA text screen, printk.c). Everything in between -- line editing,
 * echo, ^C, job control -- is the generic terminal code in tty.c.
 */
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/tty.h"
#include "kernel/vfs.h"
#include "arch/x86_64/arch.h"

static struct tty console_tty;

static void console_output(struct tty *t, const char *s, size_t n)
{
	console_write(s, n);
}

static struct tty *the_console(void) { return &console_tty; }

void console_tty_init(void)
{
	tty_init(&console_tty, "console", 5 << 8 | 1);
	console_tty.output = console_output;
	console_tty.device_crlf = true; /* the UART driver adds the CRs */
}

void console_input_char(char c) { tty_input(the_console(), c); }

int console_trygetc(void) { return tty_trygetc(the_console()); }

int console_getc(void)
{
	int c;
	while ((c = console_trygetc()) < 0)
		arch_wait_for_interrupt();
	return c;
}

/* /dev/console: always the console. As on Linux, opening it never makes
 * it a controlling terminal (init opens it without wanting one); a
 * session leader asks with TIOCSCTTY. */
static int console_open(struct inode *inode, struct file *f)
{
	f->private = the_console();
	return 0;
}

const struct file_ops console_fops = {
	.poll = tty_poll,
	.open = console_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};

/* /dev/tty: the opener's controlling terminal, whichever it is. */
static int ctty_open(struct inode *inode, struct file *f)
{
	struct tty *t = tty_current_get();
	if (!t)
		return -ENXIO;
	f->private = t;
	return 0;
}

static void ctty_release(struct file *f) { tty_put(f->private); }

const struct file_ops ctty_fops = {
	.poll = tty_poll,
	.open = ctty_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.release = ctty_release,
};
