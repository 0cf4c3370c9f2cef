/*
 * pty.c: pseudo-terminals. Opening /dev/ptmx makes a new pair: the file
 * returned is the master; /dev/pts/N is the slave, a terminal like the
 * console with the same line discipline and job control (tty.c). What
 * the master writes is "typed" on the slave's keyboard; what programs
 * write to the slave (and the echo) the master reads. Terminal
 * emulators, ssh and script(1) are built on this; here it lets a test
 * program drive a terminal -- type ^C or ^Z, watch the echo, make a
 * session -- exactly as it would on Linux.
 *
 * A new pair's slave is locked until unlockpt() (TIOCSPTLCK); ptsname()
 * finds N with TIOCGPTN. When the master closes, the slave hangs up:
 * its session leader gets SIGHUP and SIGCONT, reads return 0 and writes
 * EIO. When the slave's last user goes, the master's reads fail with
 * EIO. The pair is freed when both sides are closed.
 *
 * Locking: ptys_lock guards the table and each pair's open counts; a
 * pair's out_lock its output buffer (taken with the tty's lock held:
 * echo).
 */
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/poll.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/tty.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"
#include "kernel/vsprintf.h"

#define NR_PTYS 64
#define PTY_OUT_SIZE 8192
#define PTS_MAJOR 136

struct pty {
	struct tty tty;            /* the slave's terminal */
	char name[16];             /* "pts/N" */
	struct spinlock out_lock;
	char out[PTY_OUT_SIZE];    /* slave output the master has not read */
	size_t out_head, out_count;
	struct wait_queue master_wait; /* master readers; slave writers wanting room */
	/* guarded by ptys_lock */
	bool master_open;
	int slave_users;           /* open slave files and /dev/tty users */
	bool slave_opened;         /* ever: until then the master's reads wait */
	bool locked;               /* slave opens fail until unlockpt */
};

static struct spinlock ptys_lock = SPINLOCK_INIT("ptys");
static struct pty *ptys[NR_PTYS];

static struct pty *pty_of(struct tty *t) { return t->driver_data; }

/* The slave's output (tty.c calls this, maybe with the tty's lock held):
 * into the buffer the master reads; bytes beyond its room are dropped
 * (slave writes wait for room first, see pty_wait_room). */
static void pty_output(struct tty *t, const char *s, size_t n)
{
	struct pty *p = pty_of(t);
	spin_lock(&p->out_lock);
	for (size_t i = 0; i < n && p->out_count < PTY_OUT_SIZE; i++)
		p->out[(p->out_head + p->out_count++) % PTY_OUT_SIZE] = s[i];
	spin_unlock(&p->out_lock);
	wake_up_all(&p->master_wait);
}

static size_t out_room(struct pty *p)
{
	spin_lock(&p->out_lock);
	size_t room = PTY_OUT_SIZE - p->out_count;
	spin_unlock(&p->out_lock);
	return room;
}

static int pty_wait_room(struct tty *t, size_t n)
{
	struct pty *p = pty_of(t);
	if (wait_event_killable(&p->master_wait, out_room(p) >= n || !p->master_open))
		return -ERESTARTSYS;
	return p->master_open ? 0 : -EIO;
}

static void pty_free(struct pty *p)
{
	char path[32];
	snprintf(path, sizeof path, "/dev/%s", p->name);
	vfs_unlink(vfs_root, path, false);
	spin_lock(&tasklist_lock);
	detach_session(&p->tty); /* nobody's controlling terminal any more */
	spin_unlock(&tasklist_lock);
	spin_lock(&ptys_lock);
	ptys[p->tty.index] = 0;
	spin_unlock(&ptys_lock);
	kfree(p);
}

/* One user of the slave fewer; the last of both sides frees the pair. */
static void slave_put(struct tty *t)
{
	struct pty *p = pty_of(t);
	spin_lock(&ptys_lock);
	bool last = --p->slave_users == 0;
	bool gone = last && !p->master_open;
	spin_unlock(&ptys_lock);
	if (last)
		wake_up_all(&p->master_wait); /* the master's reads: EIO */
	if (gone)
		pty_free(p);
}

static void slave_get(struct tty *t)
{
	struct pty *p = pty_of(t);
	spin_lock(&ptys_lock);
	p->slave_users++;
	spin_unlock(&ptys_lock);
}

/* ---- the master (/dev/ptmx) ---- */

static int ptmx_open(struct inode *inode, struct file *f)
{
	struct pty *p = kzalloc(sizeof *p);
	if (!p)
		return -ENOMEM;
	spin_lock(&ptys_lock);
	int index = -1;
	for (int i = 0; i < NR_PTYS && index < 0; i++)
		if (!ptys[i])
			index = i;
	if (index >= 0)
		ptys[index] = p;
	spin_unlock(&ptys_lock);
	if (index < 0) {
		kfree(p);
		return -ENOSPC; /* as Linux when /proc/sys/kernel/pty/max is reached */
	}
	snprintf(p->name, sizeof p->name, "pts/%d", index);
	tty_init(&p->tty, p->name, PTS_MAJOR << 8 | (unsigned)index);
	p->tty.index = (unsigned)index;
	p->tty.output = pty_output;
	p->tty.wait_room = pty_wait_room;
	p->tty.get = slave_get;
	p->tty.put = slave_put;
	p->tty.driver_data = p;
	spin_init(&p->out_lock, "pty_out");
	wait_queue_init(&p->master_wait, "pty_master");
	p->master_open = true;
	p->locked = true;
	char path[32];
	snprintf(path, sizeof path, "/dev/%s", p->name);
	int err = vfs_mknod(vfs_root, path, S_IFCHR | 0620, &pts_fops, p->tty.rdev);
	if (err) {
		spin_lock(&ptys_lock);
		ptys[index] = 0;
		spin_unlock(&ptys_lock);
		kfree(p);
		return err;
	}
	f->private = p;
	return 0;
}

static long ptmx_read(struct file *f, void *kbuf, size_t n, uint64_t *pos)
{
	struct pty *p = f->private;
	for (;;) {
		spin_lock(&p->out_lock);
		size_t got = 0;
		while (got < n && p->out_count) {
			((char *)kbuf)[got++] = p->out[p->out_head];
			p->out_head = (p->out_head + 1) % PTY_OUT_SIZE;
			p->out_count--;
		}
		spin_unlock(&p->out_lock);
		if (got) {
			wake_up_all(&p->master_wait); /* room for slave writers */
			return (long)got;
		}
		if (p->slave_opened && p->slave_users == 0)
			return -EIO; /* the slave side is closed: as Linux */
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_killable(&p->master_wait,
					out_room(p) < PTY_OUT_SIZE || (p->slave_opened && p->slave_users == 0)))
			return -ERESTARTSYS;
	}
}

static long ptmx_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos)
{
	struct pty *p = f->private;
	for (size_t i = 0; i < n; i++)
		tty_input(&p->tty, ((const char *)kbuf)[i]);
	return (long)n;
}

static long ptmx_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
	struct pty *p = f->private;
	switch (cmd) {
	case TIOCGPTN: {
		unsigned index = p->tty.index;
		return copy_to_user((void *)arg, &index, sizeof index);
	}
	case TIOCSPTLCK: {
		int lock;
		if (copy_from_user(&lock, (void *)arg, sizeof lock))
			return -EFAULT;
		spin_lock(&ptys_lock);
		p->locked = lock != 0;
		spin_unlock(&ptys_lock);
		return 0;
	}
	case FIONREAD: {
		spin_lock(&p->out_lock);
		int count = (int)p->out_count;
		spin_unlock(&p->out_lock);
		return copy_to_user((void *)arg, &count, sizeof count);
	}
	case TCGETS:     /* (isatty() on a master is true, as on Linux) */
	case TIOCGWINSZ:
	case TIOCSWINSZ: { /* the window size is the slave's: the emulator sets it */
		struct file slave = { .private = &p->tty };
		return tty_ioctl(&slave, cmd, arg);
	}
	}
	return -ENOTTY;
}

static void ptmx_release(struct file *f)
{
	struct pty *p = f->private;
	tty_hangup(&p->tty); /* the session leader hears SIGHUP */
	spin_lock(&ptys_lock);
	p->master_open = false;
	bool gone = p->slave_users == 0;
	spin_unlock(&ptys_lock);
	wake_up_all(&p->master_wait); /* slave writers waiting for room: EIO */
	if (gone)
		pty_free(p);
}

static unsigned ptmx_poll(struct file *f, struct poll_table *pt)
{
	struct pty *p = f->private;
	poll_wait(pt, &p->master_wait);
	unsigned mask = POLLOUT | POLLWRNORM;
	if (out_room(p) < PTY_OUT_SIZE)
		mask |= POLLIN | POLLRDNORM;
	if (p->slave_opened && p->slave_users == 0)
		mask |= POLLHUP; /* the slave side is closed */
	return mask;
}

const struct file_ops ptmx_fops = {
	.poll = ptmx_poll,
	.open = ptmx_open,
	.read = ptmx_read,
	.write = ptmx_write,
	.ioctl = ptmx_ioctl,
	.release = ptmx_release,
};

/* ---- the slave (/dev/pts/N) ---- */

static int pts_open(struct inode *inode, struct file *f)
{
	unsigned index = inode->rdev & 0xff;
	spin_lock(&ptys_lock);
	struct pty *p = index < NR_PTYS ? ptys[index] : 0;
	int err = !p ? -ENXIO : (p->locked || !p->master_open) ? -EIO : 0;
	if (!err) {
		p->slave_users++;
		p->slave_opened = true;
	}
	spin_unlock(&ptys_lock);
	if (err)
		return err;
	f->private = &p->tty;
	tty_open_acquire(&p->tty, f->flags);
	return 0;
}

static void pts_release(struct file *f) { slave_put(f->private); }

const struct file_ops pts_fops = {
	.poll = tty_poll,
	.open = pts_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.release = pts_release,
};
