/*
 * pipe.c: pipes. A ring buffer of PIPE_SIZE bytes with a read end and a
 * write end, each a struct file. Readers sleep while it is empty and
 * writers while it is full; a read returns 0 (end of file) once every
 * write end is closed, a write with no read end left fails with EPIPE.
 * Writes of at most PIPE_BUF bytes are never interleaved with others.
 */
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/kmalloc.h"
#include "kernel/poll.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/sysproto.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"

#define PIPE_SIZE (64 * 1024) /* Linux's default capacity */
#define PIPE_BUF 4096         /* atomic write size (POSIX) */

struct pipe {
	struct spinlock lock;
	char *buf;
	size_t head, count;       /* guarded by lock */
	int readers, writers;     /* open ends; guarded by lock */
	struct wait_queue wait;   /* both sides sleep here */
};

/* Copy N bytes out of / into the ring at offset AT: at most two pieces. */
static void ring_out(const struct pipe *p, size_t at, char *dst, size_t n)
{
	size_t first = n < PIPE_SIZE - at ? n : PIPE_SIZE - at;
	memcpy(dst, p->buf + at, first);
	memcpy(dst + first, p->buf, n - first);
}

static void ring_in(struct pipe *p, size_t at, const char *src, size_t n)
{
	size_t first = n < PIPE_SIZE - at ? n : PIPE_SIZE - at;
	memcpy(p->buf + at, src, first);
	memcpy(p->buf, src + first, n - first);
}

static long pipe_read(struct file *f, void *kbuf, size_t n, uint64_t *pos)
{
	struct pipe *p = f->private;
	spin_lock(&p->lock);
	/* decided under the lock: another reader may have emptied the pipe
	 * between our wake-up and now */
	while (p->count == 0) {
		if (p->writers == 0) {
			spin_unlock(&p->lock);
			return 0; /* end of file */
		}
		spin_unlock(&p->lock);
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_killable(&p->wait, p->count > 0 || p->writers == 0))
			return -ERESTARTSYS; /* a signal: EINTR, or restarted (SA_RESTART) */
		spin_lock(&p->lock);
	}
	size_t got = n < p->count ? n : p->count;
	ring_out(p, p->head, kbuf, got);
	p->head = (p->head + got) % PIPE_SIZE;
	p->count -= got;
	spin_unlock(&p->lock);
	wake_up_all(&p->wait);
	return (long)got;
}

static long pipe_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos)
{
	struct pipe *p = f->private;
	size_t done = 0;
	while (done < n) {
		/* a small write waits for room for all of it: no interleaving */
		size_t need = n - done <= PIPE_BUF ? n - done : 1;
		spin_lock(&p->lock);
		if (p->readers == 0) {
			spin_unlock(&p->lock);
			if (!done) { /* SIGPIPE, which ends the writer unless handled or ignored */
				struct ksiginfo info = { SI_USER, current->proc->pid, 0, 0 };
				spin_lock(&tasklist_lock);
				send_signal_thread(current, SIGPIPE, &info);
				spin_unlock(&tasklist_lock);
			}
			return done ? (long)done : -EPIPE;
		}
		if (PIPE_SIZE - p->count < need) { /* re-checked under the lock */
			spin_unlock(&p->lock);
			if (f->flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			if (wait_event_killable(&p->wait, PIPE_SIZE - p->count >= need || p->readers == 0))
				return done ? (long)done : -ERESTARTSYS;
			continue;
		}
		size_t room = PIPE_SIZE - p->count, chunk = n - done < room ? n - done : room;
		ring_in(p, (p->head + p->count) % PIPE_SIZE, (const char *)kbuf + done, chunk);
		p->count += chunk;
		spin_unlock(&p->lock);
		done += chunk;
		wake_up_all(&p->wait);
	}
	return (long)done;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->private;
	spin_lock(&p->lock);
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	bool last = p->readers == 0 && p->writers == 0;
	spin_unlock(&p->lock);
	if (last) {
		kfree(p->buf);
		kfree(p);
	} else {
		wake_up_all(&p->wait); /* EOF for readers, EPIPE for writers */
	}
}

static unsigned pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->private;
	poll_wait(pt, &p->wait);
	spin_lock(&p->lock);
	unsigned mask = 0;
	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		if (p->count)
			mask |= POLLIN | POLLRDNORM;
		if (p->writers == 0)
			mask |= POLLHUP; /* and read() returns what is left, then 0 */
	} else {
		if (PIPE_SIZE - p->count >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			mask |= POLLERR;
	}
	spin_unlock(&p->lock);
	return mask;
}

static const struct file_ops pipe_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
};

long sys_pipe2(int *ufds, int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	struct pipe *p = kzalloc(sizeof *p);
	char *buf = kmalloc(PIPE_SIZE);
	struct inode *inode = inode_new(S_IFIFO | 0600, 0, &pipe_ops);
	struct file *rd = 0, *wr = 0;
	if (!p || !buf || !inode)
		goto nomem;
	spin_init(&p->lock, "pipe");
	wait_queue_init(&p->wait, "pipe_wait");
	p->buf = buf;
	p->readers = p->writers = 1;
	rd = file_new(inode_get(inode), O_RDONLY | (flags & O_NONBLOCK));
	if (!rd)
		goto nomem;
	wr = file_new(inode_get(inode), O_WRONLY | (flags & O_NONBLOCK));
	if (!wr) {
		p->writers = 0;
		file_put(rd); /* the last end: its release frees the pipe and inode */
		return -ENOMEM;
	}
	rd->private = wr->private = p;
	struct files *t = current->proc->files;
	int fds[2];
	fds[0] = fd_install(t, rd, 0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(t, wr, 0, flags & O_CLOEXEC);
	long err = fds[1] < 0 ? fds[1] : copy_to_user(ufds, fds, sizeof fds);
	if (err) {
		if (fds[0] >= 0)
			fd_close(t, fds[0]);
		else
			file_put(rd);
		if (fds[1] >= 0)
			fd_close(t, fds[1]);
		else
			file_put(wr);
	}
	return err;
nomem:
	kfree(p);
	kfree(buf);
	kfree(inode);
	return -ENOMEM;
}

long sys_pipe(int *fds) { return sys_pipe2(fds, 0); }
