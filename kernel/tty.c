/*
 * tty.c: the line discipline and job control shared by every terminal
 * (the console and pseudo-terminals).
 *
 * Input: a driver calls tty_input() for each typed character (from an
 * interrupt handler, or from a pty master's write). In canonical mode
 * (ICANON, the default) characters collect in t->line, where the user
 * edits them -- erase (backspace), ^U kills the line, ^W a word -- and
 * only a finished line (Enter, or ^D) moves to t->ready, where read()
 * finds it. In non-canonical ("raw") mode every character goes to
 * t->ready at once and VMIN/VTIME decide when a read returns. With ISIG
 * the characters VINTR (^C), VQUIT (^\) and VSUSP (^Z) do not become
 * input: they send SIGINT, SIGQUIT or SIGTSTP to the foreground process
 * group. With ECHO each key is shown (control keys as ^X with ECHOCTL).
 *
 * Job control: a terminal can be the controlling terminal of one
 * session (t->session), and one process group of that session is in
 * the foreground (t->fg_pgrp). A process of a background group that
 * reads from its controlling terminal gets SIGTTIN (which stops it); one
 * that writes while TOSTOP is set, or changes the settings, gets
 * SIGTTOU. If it ignores or blocks the signal, reads fail with EIO and
 * writes go ahead; in an orphaned group (no shell left to continue it)
 * both fail with EIO instead of stopping forever.
 */
#include "kernel/tty.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/poll.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/session.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"

void tty_init(struct tty *t, const char *name, uint32_t rdev)
{
	memset(t, 0, sizeof *t);
	t->name = name;
	t->rdev = rdev;
	spin_init(&t->lock, "tty");
	wait_queue_init(&t->read_wait, "tty_read");
	/* Linux's defaults for a new terminal (stty sane) */
	t->termios.c_iflag = ICRNL; /* (no IXON: ^S/^Q flow control is not implemented) */
	t->termios.c_oflag = OPOST | ONLCR;
	t->termios.c_cflag = 0x04bf; /* B38400 | CS8 | CREAD | HUPCL */
	t->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	static const uint8_t cc[19] = {
		[VINTR] = 3, [VQUIT] = 28, [VERASE] = 127, [VKILL] = 21, [VEOF] = 4,
		[VTIME] = 0, [VMIN] = 1, [VSTART] = 17, [VSTOP] = 19, [VSUSP] = 26,
		[VREPRINT] = 18, [VDISCARD] = 15, [VWERASE] = 23, [VLNEXT] = 22,
	};
	memcpy(t->termios.c_cc, cc, sizeof cc);
	t->winsize = (struct linux_winsize){ 25, 80, 0, 0 };
}

/* ---- output ---- */

/* Hand N bytes to the driver, turning "\n" into "\r\n" under OPOST|ONLCR
 * (unless the device does that itself). */
static void put_output(struct tty *t, const char *s, size_t n)
{
	uint32_t oflag = t->termios.c_oflag;
	if (t->device_crlf || (oflag & (OPOST | ONLCR)) != (OPOST | ONLCR)) {
		t->output(t, s, n);
		return;
	}
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			t->output(t, s + start, i - start);
			t->output(t, "\r\n", 2);
			start = i + 1;
		}
	}
	t->output(t, s + start, n - start);
}

/* Echo one input character (caller holds t->lock). */
static void echo_char(struct tty *t, char c)
{
	uint32_t lflag = t->termios.c_lflag;
	if (!(lflag & ECHO))
		return;
	unsigned char u = (unsigned char)c;
	if ((lflag & ECHOCTL) && (u < 32 || u == 127) && c != '\n' && c != '\t') {
		char ctl[2] = { '^', u == 127 ? '?' : (char)(u + 64) };
		put_output(t, ctl, 2);
	} else {
		put_output(t, &c, 1);
	}
}

static void echo_str(struct tty *t, const char *s)
{
	if (t->termios.c_lflag & ECHO)
		put_output(t, s, strlen(s));
}

/* ---- input ---- */

/* Caller holds t->lock. */
static void make_ready(struct tty *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n && t->ready_count < TTY_BUF_SIZE; i++)
		t->ready[(t->ready_head + t->ready_count++) % TTY_BUF_SIZE] = s[i];
}

static void erase_chars(struct tty *t, size_t n)
{
	for (; n && t->line_len; n--) {
		t->line_len--;
		if (t->termios.c_lflag & ECHOE)
			echo_str(t, "\b \b");
	}
}

static void flush_input(struct tty *t)
{
	t->line_len = t->ready_count = 0;
	t->eofs = 0;
}

/* SIG to every process of T's foreground group (init only if it has a
 * handler). May run in an interrupt handler. */
static void signal_foreground(struct tty *t, int sig)
{
	struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
	spin_lock(&tasklist_lock);
	if (t->fg_pgrp > 0)
		kill_pgrp(t->fg_pgrp, sig, &info);
	spin_unlock(&tasklist_lock);
}

void tty_input(struct tty *t, char c)
{
	spin_lock(&t->lock);
	struct linux_termios *tm = &t->termios;
	if (c == '\r' && (tm->c_iflag & IGNCR)) {
		spin_unlock(&t->lock);
		return;
	}
	if (c == '\r' && (tm->c_iflag & ICRNL))
		c = '\n';
	else if (c == '\n' && (tm->c_iflag & INLCR))
		c = '\r';
	int sig = 0;
	if ((tm->c_lflag & ISIG) && c) { /* a c_cc of 0 disables that key */
		if (c == (char)tm->c_cc[VINTR])
			sig = SIGINT;
		else if (c == (char)tm->c_cc[VQUIT])
			sig = SIGQUIT;
		else if (c == (char)tm->c_cc[VSUSP])
			sig = SIGTSTP;
	}
	if (sig) {
		if (!(tm->c_lflag & NOFLSH))
			flush_input(t); /* what was typed is thrown away */
		echo_char(t, c);
		echo_str(t, "\n");
		spin_unlock(&t->lock);
		signal_foreground(t, sig);
		wake_up_all(&t->read_wait);
		return;
	}
	if (!(tm->c_lflag & ICANON)) {
		make_ready(t, &c, 1);
		echo_char(t, c);
	} else if (c == (char)tm->c_cc[VERASE] || c == '\b') {
		erase_chars(t, 1);
	} else if (c == (char)tm->c_cc[VKILL]) {
		erase_chars(t, t->line_len);
	} else if (c == (char)tm->c_cc[VWERASE]) {
		while (t->line_len && t->line[t->line_len - 1] == ' ')
			erase_chars(t, 1);
		while (t->line_len && t->line[t->line_len - 1] != ' ')
			erase_chars(t, 1);
	} else if (c == (char)tm->c_cc[VEOF]) {
		if (t->line_len == 0)
			t->eofs++;
		make_ready(t, t->line, t->line_len);
		t->line_len = 0;
	} else if (c == '\n') {
		if (tm->c_lflag & (ECHO | ECHONL))
			put_output(t, "\n", 1);
		if (t->line_len < TTY_LINE_MAX)
			t->line[t->line_len++] = c;
		make_ready(t, t->line, t->line_len);
		t->line_len = 0;
	} else if (t->line_len < TTY_LINE_MAX - 1) {
		t->line[t->line_len++] = c;
		echo_char(t, c);
	}
	spin_unlock(&t->lock);
	wake_up_all(&t->read_wait);
}

int tty_trygetc(struct tty *t)
{
	int c = -1;
	spin_lock(&t->lock);
	if (t->ready_count) {
		c = (unsigned char)t->ready[t->ready_head];
		t->ready_head = (t->ready_head + 1) % TTY_BUF_SIZE;
		t->ready_count--;
	}
	spin_unlock(&t->lock);
	return c;
}

void tty_hangup(struct tty *t)
{
	struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
	spin_lock(&tasklist_lock);
	if (t->session) {
		struct process *leader = process_find(t->session);
		if (leader && !leader->exited) {
			send_signal_process(leader, SIGHUP, &info);
			send_signal_process(leader, SIGCONT, &info);
		}
		detach_session(t);
	}
	spin_unlock(&tasklist_lock);
	spin_lock(&t->lock);
	t->hung_up = true;
	spin_unlock(&t->lock);
	wake_up_all(&t->read_wait);
}

/* ---- job control ---- */

/* May the current process use T now? 0: yes. A background process of
 * T's session gets SIG (SIGTTIN for reads, SIGTTOU for writes and
 * settings) sent to its group and -ERESTARTSYS: it stops, and when
 * continued the call starts again. -EIO when it cannot be stopped. */
static int job_control(struct tty *t, int sig)
{
	struct process *p = current->proc;
	int r = 0;
	spin_lock(&tasklist_lock);
	if (p->tty == t && t->fg_pgrp && p->pgid != t->fg_pgrp) {
		if (signal_ignored_or_blocked(current, sig))
			r = sig == SIGTTIN ? -EIO : 0;
		else if (pgrp_is_orphaned(p->pgid, 0))
			r = -EIO;
		else {
			struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
			kill_pgrp(p->pgid, sig, &info);
			r = -ERESTARTSYS;
		}
	}
	spin_unlock(&tasklist_lock);
	return r;
}

/* Take what a read may take now into KBUF (caller holds t->lock). */
static size_t take_input(struct tty *t, char *kbuf, size_t n)
{
	bool canon = t->termios.c_lflag & ICANON;
	size_t got = 0;
	while (got < n && t->ready_count) {
		char c = t->ready[t->ready_head];
		t->ready_head = (t->ready_head + 1) % TTY_BUF_SIZE;
		t->ready_count--;
		kbuf[got++] = c;
		if (canon && c == '\n')
			break; /* one line per read */
	}
	return got;
}

/*
 * When may a read return? Canonical: a line (or end of file) is ready.
 * Non-canonical, by VMIN and VTIME (tenths of a second), as termios(3):
 *   MIN > 0, TIME = 0: MIN bytes are ready (or the caller wants fewer);
 *   MIN = 0, TIME = 0: at once, with whatever is there (maybe nothing);
 *   MIN = 0, TIME > 0: a byte is ready, or TIME has passed since the call;
 *   MIN > 0, TIME > 0: MIN bytes, or TIME has passed since the last byte
 *                      arrived (only once a first byte is there).
 */
long tty_read(struct file *f, void *kbuf, size_t n, uint64_t *pos)
{
	struct tty *t = f->private;
	int err = job_control(t, SIGTTIN);
	if (err)
		return err;
	uint64_t deadline = 0;
	size_t seen = (size_t)-1; /* ready_count when the deadline was set */
	struct waiter w = { 0, { 0, 0 } }, tick = { 0, { 0, 0 } };
	long ret;
	for (;;) {
		prepare_to_wait(&t->read_wait, &w, TASK_INTERRUPTIBLE);
		spin_lock(&t->lock);
		struct linux_termios *tm = &t->termios;
		size_t vmin = tm->c_cc[VMIN], avail = t->ready_count;
		uint64_t vtime_ns = (uint64_t)tm->c_cc[VTIME] * 100000000ull;
		uint64_t now = clock_monotonic_ns();
		bool done;
		if (tm->c_lflag & ICANON) {
			done = avail || t->eofs;
		} else if (vtime_ns == 0) {
			done = avail >= (vmin < n ? vmin : n);
		} else {
			if (vmin == 0 ? !deadline : avail && avail != seen) {
				deadline = now + vtime_ns; /* from the call, or from the last byte */
				seen = avail;
			}
			done = avail >= (vmin ? (vmin < n ? vmin : n) : 1) || (deadline && now >= deadline);
		}
		if (done || t->hung_up) {
			ret = (long)take_input(t, kbuf, n);
			if (ret == 0 && t->eofs && (tm->c_lflag & ICANON))
				t->eofs--; /* this read reports end of file */
			spin_unlock(&t->lock);
			break;
		}
		spin_unlock(&t->lock);
		if (f->flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		if (deadline) /* each timer tick wakes us to look at the clock */
			prepare_to_wait(timer_wait_queue(), &tick, TASK_INTERRUPTIBLE);
		schedule();
	}
	finish_wait(&t->read_wait, &w);
	if (deadline)
		finish_wait(timer_wait_queue(), &tick);
	return ret;
}

unsigned tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *t = f->private;
	poll_wait(pt, &t->read_wait);
	spin_lock(&t->lock);
	unsigned mask = POLLOUT | POLLWRNORM;
	if (t->ready_count || (t->eofs && (t->termios.c_lflag & ICANON)))
		mask |= POLLIN | POLLRDNORM;
	if (t->hung_up)
		mask = POLLIN | POLLRDNORM | POLLHUP; /* reads give 0, writes EIO */
	spin_unlock(&t->lock);
	return mask;
}

long tty_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos)
{
	struct tty *t = f->private;
	if (t->termios.c_lflag & TOSTOP) {
		int err = job_control(t, SIGTTOU);
		if (err)
			return err;
	}
	size_t done = 0;
	while (done < n) {
		size_t chunk = n - done < 512 ? n - done : 512;
		int err = t->hung_up ? -EIO : t->wait_room ? t->wait_room(t, 2 * chunk) : 0;
		if (err) /* room for the chunk even if ONLCR doubles it */
			return done ? (long)done : err;
		put_output(t, (const char *)kbuf + done, chunk);
		done += chunk;
	}
	return (long)n;
}

/* ---- sessions and the controlling terminal ---- */

void detach_session(struct tty *t)
{
	struct list_head *n;
	list_for_each(n, &all_processes) {
		struct process *q = list_entry(n, struct process, all_node);
		if (q->tty == t)
			q->tty = 0;
	}
	t->session = 0;
	t->fg_pgrp = 0;
}

/* The session's terminal hangs up on it: SIGHUP, then SIGCONT (a stopped
 * job must run to see its SIGHUP), to the foreground group. */
static void hangup_session(struct tty *t)
{
	struct ksiginfo info = { SI_KERNEL, 0, 0, 0 };
	if (t->fg_pgrp > 0) {
		kill_pgrp(t->fg_pgrp, SIGHUP, &info);
		kill_pgrp(t->fg_pgrp, SIGCONT, &info);
	}
	detach_session(t);
}

void tty_session_leader_exit(struct process *leader)
{
	struct tty *t = leader->tty;
	if (t && t->session == leader->sid)
		hangup_session(t);
	leader->tty = 0;
}

void tty_open_acquire(struct tty *t, int flags)
{
	struct process *p = current->proc;
	if (flags & O_NOCTTY)
		return;
	spin_lock(&tasklist_lock);
	if (p->pid == p->sid && !p->tty && !t->session) {
		p->tty = t;
		t->session = p->sid;
		t->fg_pgrp = p->pgid;
	}
	spin_unlock(&tasklist_lock);
}

struct tty *tty_current_get(void)
{
	spin_lock(&tasklist_lock);
	struct tty *t = current->proc->tty;
	if (t && t->get)
		t->get(t);
	spin_unlock(&tasklist_lock);
	return t;
}

void tty_put(struct tty *t)
{
	if (t && t->put)
		t->put(t);
}

/* TIOCSCTTY: the calling session leader makes T its controlling terminal.
 * With ARG 1 a privileged caller may take it from another session. */
static long set_ctty(struct tty *t, unsigned long arg)
{
	struct process *p = current->proc;
	long r = 0;
	spin_lock(&tasklist_lock);
	if (p->tty == t && t->session == p->sid)
		r = 0; /* already */
	else if (p->pid != p->sid || p->tty)
		r = -EPERM;
	else if (t->session && (arg != 1 || !capable(CAP_SYS_ADMIN)))
		r = -EPERM;
	else {
		if (t->session)
			detach_session(t); /* taken from its session by root */
		p->tty = t;
		t->session = p->sid;
		t->fg_pgrp = p->pgid;
	}
	spin_unlock(&tasklist_lock);
	return r;
}

/* TIOCNOTTY: give up the controlling terminal; a session leader's
 * whole session loses it (with SIGHUP to the foreground group). */
static long drop_ctty(struct tty *t)
{
	struct process *p = current->proc;
	long r = 0;
	spin_lock(&tasklist_lock);
	if (p->tty != t)
		r = -ENOTTY;
	else if (p->pid == p->sid)
		hangup_session(t);
	else
		p->tty = 0;
	spin_unlock(&tasklist_lock);
	return r;
}

/* TIOCSPGRP: move process group PGRP of the caller's session to the
 * foreground. */
static long set_fg_pgrp(struct tty *t, unsigned long arg)
{
	int pgrp;
	if (copy_from_user(&pgrp, (void *)arg, sizeof pgrp))
		return -EFAULT;
	struct process *p = current->proc;
	long r = 0;
	spin_lock(&tasklist_lock);
	if (p->tty != t || t->session != p->sid)
		r = -ENOTTY;
	else if (pgrp < 0)
		r = -EINVAL;
	else if (!pgrp_in_session(pgrp, p->sid))
		r = -EPERM;
	else
		t->fg_pgrp = pgrp;
	spin_unlock(&tasklist_lock);
	return r;
}

/* TIOCGPGRP and TIOCGSID answer only for the caller's own terminal. */
static long get_ctty_id(struct tty *t, unsigned long arg, bool sid)
{
	struct process *p = current->proc;
	spin_lock(&tasklist_lock);
	int v = sid ? t->session : t->fg_pgrp;
	bool mine = p->tty == t;
	spin_unlock(&tasklist_lock);
	if (!mine)
		return -ENOTTY;
	if (v == 0)
		return sid ? -ENOTTY : copy_to_user((void *)arg, &(int){ 0x7fffffff }, sizeof v);
	return copy_to_user((void *)arg, &v, sizeof v);
}

static long set_termios(struct tty *t, unsigned long cmd, unsigned long arg)
{
	struct linux_termios tm;
	if (copy_from_user(&tm, (void *)arg, sizeof tm))
		return -EFAULT;
	int err = job_control(t, SIGTTOU);
	if (err)
		return err;
	spin_lock(&t->lock);
	if ((t->termios.c_lflag & ICANON) && !(tm.c_lflag & ICANON) && t->line_len) {
		make_ready(t, t->line, t->line_len); /* a half-typed line becomes input */
		t->line_len = 0;
	}
	t->termios = tm;
	if (cmd == TCSETSF)
		flush_input(t);
	spin_unlock(&t->lock);
	wake_up_all(&t->read_wait); /* VMIN/VTIME may have changed */
	return 0;
}

long tty_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
	struct tty *t = f->private;
	switch (cmd) {
	case TCGETS:
		return copy_to_user((void *)arg, &t->termios, sizeof t->termios);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(t, cmd, arg);
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, &t->winsize, sizeof t->winsize);
	case TIOCSWINSZ: {
		struct linux_winsize ws;
		if (copy_from_user(&ws, (void *)arg, sizeof ws))
			return -EFAULT;
		bool changed = memcmp(&ws, &t->winsize, sizeof ws) != 0;
		t->winsize = ws;
		if (changed)
			signal_foreground(t, SIGWINCH);
		return 0;
	}
	case TIOCGPGRP:
		return get_ctty_id(t, arg, false);
	case TIOCGSID:
		return get_ctty_id(t, arg, true);
	case TIOCSPGRP: {
		int err = job_control(t, SIGTTOU);
		return err ? err : set_fg_pgrp(t, arg);
	}
	case TIOCSCTTY:
		return set_ctty(t, arg);
	case TIOCNOTTY:
		return drop_ctty(t);
	case FIONREAD: {
		spin_lock(&t->lock);
		int count = (int)t->ready_count;
		spin_unlock(&t->lock);
		return copy_to_user((void *)arg, &count, sizeof count);
	}
	case TIOCOUTQ:
		return copy_to_user((void *)arg, &(int){ 0 }, sizeof(int)); /* output is never queued */
	case FIONBIO: {
		int on;
		if (copy_from_user(&on, (void *)arg, sizeof on))
			return -EFAULT;
		if (on)
			__atomic_or_fetch(&f->flags, O_NONBLOCK, __ATOMIC_RELAXED);
		else
			__atomic_and_fetch(&f->flags, ~O_NONBLOCK, __ATOMIC_RELAXED);
		return 0;
	}
	}
	return -ENOTTY;
}
