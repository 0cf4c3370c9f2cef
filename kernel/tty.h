/*
 * tty.h: terminals. A struct tty is one terminal: its settings (termios,
 * window size), its line discipline's buffers, and its job-control
 * state (the session it controls and that session's foreground process
 * group). A driver owns the hardware side: it pushes typed characters
 * in with tty_input() and gives the tty a function that puts output on
 * the screen. Two drivers exist: the console (console.c: the serial
 * line and the PS/2 keyboard in, the UART and VGA screen out) and
 * pseudo-terminals (pty.c: a master file descriptor in and out).
 *
 * Locking: tty->lock (an interrupt-safe spinlock) guards the buffers and
 * termios; tty->session and tty->fg_pgrp, like process->tty, are
 * guarded by tasklist_lock. Never take tasklist_lock while holding
 * tty->lock.
 */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include "kernel/spinlock.h"
#include "kernel/uapi.h"
#include "kernel/wait.h"

#define TTY_LINE_MAX 1024
#define TTY_BUF_SIZE 4096

struct process;
struct file;

struct tty {
	const char *name;          /* "console", "pts/0": for ttyname and ps */
	unsigned index;            /* pts number (ptys) */
	uint32_t rdev;             /* device number: major << 8 | minor */
	struct spinlock lock;
	struct linux_termios termios;
	struct linux_winsize winsize;
	char line[TTY_LINE_MAX];   /* canonical mode: the line being edited */
	size_t line_len;
	char ready[TTY_BUF_SIZE];  /* input readers may take */
	size_t ready_head, ready_count;
	unsigned eofs;             /* ^D on an empty line: pending end-of-file reads */
	bool hung_up;              /* the other side is gone: reads give 0, writes EIO */
	struct wait_queue read_wait;
	/* the driver: show output bytes (after output processing) */
	void (*output)(struct tty *t, const char *s, size_t n);
	bool device_crlf;          /* the device itself turns "\n" into "\r\n" */
	/* optional: sleep until the device can take N more bytes (0), or
	 * fail (-ERESTARTSYS, -EIO); the console never needs to wait */
	int (*wait_room)(struct tty *t, size_t n);
	/* a driver whose terminals can go away counts the users it does not
	 * see open it (/dev/tty); 0 for the console, which stays */
	void (*get)(struct tty *t);
	void (*put)(struct tty *t);
	void *driver_data;
	/* job control, guarded by tasklist_lock */
	int session;               /* the session it is the controlling tty of, or 0 */
	int fg_pgrp;               /* that session's foreground process group, or 0 */
};

/* Set up T with Linux's default settings (canonical, echo, ISIG). */
void tty_init(struct tty *t, const char *name, uint32_t rdev);
/* A character typed on T's keyboard (may be called from an interrupt
 * handler): line editing, echo, ^C/^\/^Z to the foreground group. */
void tty_input(struct tty *t, char c);
/* Non-blocking: the next input character, or -1 (the kernel monitor). */
int tty_trygetc(struct tty *t);
/* The other side of T went away (a pty master closed): its session
 * leader gets SIGHUP and SIGCONT, the session loses T, reads return 0
 * and writes fail with EIO. */
void tty_hangup(struct tty *t);

/* File operations on a tty; the file's private field points at it. */
long tty_read(struct file *f, void *kbuf, size_t n, uint64_t *pos);
long tty_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos);
long tty_ioctl(struct file *f, unsigned long cmd, unsigned long arg);
struct poll_table;
unsigned tty_poll(struct file *f, struct poll_table *pt);
/* Opening T: a session leader without a controlling terminal that did
 * not say O_NOCTTY acquires it, as on Linux. */
void tty_open_acquire(struct tty *t, int flags);

/* A session leader is exiting: its terminal (if any) hangs up on the
 * session -- SIGHUP then SIGCONT to the foreground group -- and no
 * process of the session keeps it as controlling terminal. Caller holds
 * tasklist_lock. */
void tty_session_leader_exit(struct process *leader);
/* T stops being anyone's controlling terminal (a pty about to be freed).
 * Caller holds tasklist_lock. */
void detach_session(struct tty *t);
/* The controlling terminal of the current process, or 0 (/dev/tty);
 * held until tty_put. */
struct tty *tty_current_get(void);
void tty_put(struct tty *t);

#endif
