/*
 * console.c: the console terminal (/dev/console, /dev/tty): its line
 * discipline and the device's file operations.
 *
 * Keys arrive from interrupt handlers (console_input_char). In canonical
 * mode (ICANON, the default) they are collected into a line that the
 * user can edit -- backspace, ^U erases the line, ^W a word -- and only
 * a finished line (Enter, or ^D) becomes readable; with ECHO each key is
 * echoed. In raw mode every key is readable at once. Readers sleep on a
 * wait queue until there is something to read.
 */
#include <stdbool.h>
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "kernel/uapi.h"
#include "kernel/vfs.h"
#include "kernel/wait.h"
#include "arch/x86_64/arch.h"

#define LINE_MAX 1024
#define READY_SIZE 4096

static struct {
	struct spinlock lock;
	struct linux_termios termios;
	struct linux_winsize winsize;
	char line[LINE_MAX];      /* the line being edited */
	size_t line_len;
	char ready[READY_SIZE];   /* input readers may take */
	size_t ready_head, ready_count;
	unsigned eofs;            /* ^D on an empty line: pending end-of-file reads */
	int fg_pgrp;              /* foreground process group: gets ^C and ^\ */
	struct wait_queue wait;
} tty = {
	.lock = SPINLOCK_INIT("tty"),
	.termios = {
		.c_iflag = ICRNL,
		.c_oflag = OPOST | ONLCR,
		.c_cflag = 0x00bf, /* B38400 | CS8 | CREAD */
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK,
		.c_cc = { [VINTR] = 3, [VQUIT] = 28, [VERASE] = 127, [VKILL] = 21, [VEOF] = 4,
			  [VTIME] = 0, [VMIN] = 1, [VWERASE] = 23 },
	},
	.winsize = { 25, 80, 0, 0 },
	.fg_pgrp = 1, /* init's group, until a shell says otherwise (TIOCSPGRP) */
	.wait = WAIT_QUEUE_INIT(tty.wait, "tty_wait"),
};

static void echo(const char *s, size_t n)
{
	if (tty.termios.c_lflag & ECHO)
		console_write(s, n);
}

/* Caller holds tty.lock. */
static void make_ready(const char *s, size_t n)
{
	for (size_t i = 0; i < n && tty.ready_count < READY_SIZE; i++)
		tty.ready[(tty.ready_head + tty.ready_count++) % READY_SIZE] = s[i];
}

static void erase_chars(size_t n)
{
	for (; n && tty.line_len; n--) {
		tty.line_len--;
		echo("\b \b", 3);
	}
}

/* ^C and ^\: a signal to every process of the foreground group (init
 * only if it handles it). Called from the interrupt handler. */
static void signal_foreground(int sig)
{
	struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
	spin_lock(&tasklist_lock);
	struct list_head *n;
	list_for_each(n, &all_processes) {
		struct process *p = list_entry(n, struct process, all_node);
		if (p->pgid != tty.fg_pgrp || p->exited)
			continue;
		if (p == init_process && handler_is_default(p, sig))
			continue;
		send_signal_process(p, sig, &info);
	}
	spin_unlock(&tasklist_lock);
}

void console_input_char(char c)
{
	spin_lock(&tty.lock);
	struct linux_termios *t = &tty.termios;
	if (c == '\r' && (t->c_iflag & ICRNL))
		c = '\n';
	int sig = 0;
	if ((t->c_lflag & ISIG) && (c == (char)t->c_cc[VINTR] || c == (char)t->c_cc[VQUIT])) {
		sig = c == (char)t->c_cc[VINTR] ? SIGINT : SIGQUIT;
		tty.line_len = 0; /* the line being typed is thrown away */
		echo(sig == SIGINT ? "^C\n" : "^\\\n", 3);
		spin_unlock(&tty.lock);
		signal_foreground(sig);
		wake_up_all(&tty.wait);
		return;
	}
	if (!(t->c_lflag & ICANON)) {
		make_ready(&c, 1);
		echo(&c, 1);
	} else if (c == (char)t->c_cc[VERASE] || c == '\b') {
		erase_chars(1);
	} else if (c == (char)t->c_cc[VKILL]) {
		erase_chars(tty.line_len);
	} else if (c == (char)t->c_cc[VWERASE]) {
		while (tty.line_len && tty.line[tty.line_len - 1] == ' ')
			erase_chars(1);
		while (tty.line_len && tty.line[tty.line_len - 1] != ' ')
			erase_chars(1);
	} else if (c == (char)t->c_cc[VEOF]) {
		if (tty.line_len == 0)
			tty.eofs++;
		make_ready(tty.line, tty.line_len);
		tty.line_len = 0;
	} else if (c == '\n') {
		echo("\n", 1);
		if (tty.line_len < LINE_MAX)
			tty.line[tty.line_len++] = c;
		make_ready(tty.line, tty.line_len);
		tty.line_len = 0;
	} else if (tty.line_len < LINE_MAX - 1) {
		tty.line[tty.line_len++] = c;
		echo(&c, 1);
	}
	spin_unlock(&tty.lock);
	wake_up_all(&tty.wait);
}

int console_trygetc(void)
{
	int c = -1;
	spin_lock(&tty.lock);
	if (tty.ready_count) {
		c = (unsigned char)tty.ready[tty.ready_head];
		tty.ready_head = (tty.ready_head + 1) % READY_SIZE;
		tty.ready_count--;
	}
	spin_unlock(&tty.lock);
	return c;
}

int console_getc(void)
{
	int c;
	while ((c = console_trygetc()) < 0)
		arch_wait_for_interrupt();
	return c;
}

/* ---- the device ---- */

static long tty_read(struct file *f, void *kbuf, size_t n, uint64_t *pos)
{
	if (f->flags & O_NONBLOCK) {
		if (!tty.ready_count && !tty.eofs)
			return -EAGAIN;
	} else {
		if (wait_event_killable(&tty.wait, tty.ready_count > 0 || tty.eofs > 0))
			return -ERESTARTSYS;
	}
	spin_lock(&tty.lock);
	size_t got = 0;
	bool canon = tty.termios.c_lflag & ICANON;
	while (got < n && tty.ready_count) {
		char c = tty.ready[tty.ready_head];
		tty.ready_head = (tty.ready_head + 1) % READY_SIZE;
		tty.ready_count--;
		((char *)kbuf)[got++] = c;
		if (canon && c == '\n')
			break; /* one line per read */
	}
	if (got == 0 && tty.eofs)
		tty.eofs--; /* this read reports end of file */
	spin_unlock(&tty.lock);
	return (long)got;
}

static long tty_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos)
{
	console_write(kbuf, n);
	return (long)n;
}

static long tty_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
	switch (cmd) {
	case TCGETS:
		return copy_to_user((void *)arg, &tty.termios, sizeof tty.termios);
	case TCSETS:
	case TCSETSW:
	case TCSETSF: {
		struct linux_termios t;
		if (copy_from_user(&t, (void *)arg, sizeof t))
			return -EFAULT;
		spin_lock(&tty.lock);
		tty.termios = t;
		if (cmd == TCSETSF)
			tty.ready_count = tty.line_len = 0;
		spin_unlock(&tty.lock);
		return 0;
	}
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, &tty.winsize, sizeof tty.winsize);
	case TIOCSWINSZ:
		return copy_from_user(&tty.winsize, (void *)arg, sizeof tty.winsize);
	case TIOCGPGRP:
		return copy_to_user((void *)arg, &tty.fg_pgrp, sizeof tty.fg_pgrp);
	case TIOCSPGRP: {
		int pgrp;
		if (copy_from_user(&pgrp, (void *)arg, sizeof pgrp))
			return -EFAULT;
		if (pgrp <= 0)
			return -EINVAL;
		tty.fg_pgrp = pgrp;
		return 0;
	}
	}
	return -ENOTTY;
}

const struct file_ops console_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};
