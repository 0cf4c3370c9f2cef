/*
 * poll.c: waiting for several descriptors at once -- poll, ppoll, select
 * and pselect6, all on one loop (do_poll).
 *
 * Each kind of file says how ready it is through file_ops.poll, which
 * returns POLL* bits and, given a poll table, also puts the caller on
 * the wait queues whose wake-ups may change its answer (poll_wait). A
 * file without a poll operation (a regular file, /dev/null) is always
 * ready. The loop:
 *
 *   1. ask every file, registering on its queues (first time only);
 *   2. if any is ready, or the time is up, or a signal is pending: done;
 *   3. mark the task asleep, ask every file again (a wake-up between 1
 *      and 3 is not lost: it either shows in the answer or makes the
 *      task runnable again), and sleep until some queue wakes it.
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
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/uapi.h"
#include "kernel/vfs.h"

#define POLL_MAX_FDS 4096

void poll_wait(struct poll_table *pt, struct wait_queue *wq)
{
	if (!pt || pt->used == pt->size)
		return;
	struct poll_entry *e = &pt->entries[pt->used++];
	e->wq = wq;
	e->w = (struct waiter){ 0, { 0, 0 } };
	spin_lock(&wq->lock);
	e->w.task = current; /* on the queue, but the task's state is ours to set */
	list_add_tail(&e->w.node, &wq->waiters);
	spin_unlock(&wq->lock);
}

struct kpollfd {
	int fd;
	short events, revents;
};

/* What FD's file says, as poll reports it; registers on its queues with PT. */
static short poll_one(struct files *files, struct kpollfd *p, struct poll_table *pt)
{
	if (p->fd < 0)
		return 0;
	struct file *f = fd_get(files, p->fd);
	if (!f)
		return POLLNVAL;
	unsigned mask = f->ops && f->ops->poll ? f->ops->poll(f, pt)
					       : POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
	file_put(f);
	return (short)(mask & ((unsigned)p->events | POLLERR | POLLHUP | POLLNVAL));
}

static int scan(struct files *files, struct kpollfd *fds, size_t n, struct poll_table *pt)
{
	int ready = 0;
	for (size_t i = 0; i < n; i++) {
		fds[i].revents = poll_one(files, &fds[i], pt);
		ready += fds[i].revents != 0;
	}
	return ready;
}

/* DEADLINE: monotonic ns, 0 = at once, UINT64_MAX = no limit. The count
 * of ready descriptors, or -EINTR (poll is never restarted, as Linux). */
static long do_poll(struct kpollfd *fds, size_t n, uint64_t deadline)
{
	struct files *files = current->proc->files;
	struct poll_table table = { 0, 0, 0 };
	if (deadline && n) { /* we may sleep: room for one queue per file */
		table.size = (int)n;
		if (!(table.entries = kmalloc(n * sizeof *table.entries)))
			return -ENOMEM;
	}
	struct waiter tick = { 0, { 0, 0 } };
	bool timed = deadline && deadline != UINT64_MAX;
	long ready = scan(files, fds, n, &table); /* 1. ask, registering */
	while (!ready && deadline) {
		if (timed) /* each timer tick wakes us to look at the clock */
			prepare_to_wait(timer_wait_queue(), &tick, TASK_INTERRUPTIBLE);
		current->state = TASK_INTERRUPTIBLE;
		__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the state before the answers */
		if ((ready = scan(files, fds, n, 0)) != 0)
			break;
		if (signal_pending(current)) {
			ready = -EINTR;
			break;
		}
		if (timed && clock_monotonic_ns() >= deadline)
			break;
		schedule();
	}
	current->state = TASK_RUNNING;
	finish_wait(timer_wait_queue(), &tick);
	for (int i = 0; i < table.used; i++)
		finish_wait(table.entries[i].wq, &table.entries[i].w);
	kfree(table.entries);
	return ready;
}

static uint64_t deadline_after_ns(uint64_t ns)
{
	return ns == 0 ? 0 : clock_monotonic_ns() + ns;
}

/* Swap in a temporary signal mask (ppoll, pselect); restored by the
 * signal delivery that interrupts the call, or by restore_mask. */
static int set_temp_mask(const uint64_t *umask, size_t size)
{
	if (!umask)
		return 0;
	uint64_t mask;
	if (size != 8)
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof mask))
		return -EFAULT;
	struct task *t = current;
	t->saved_blocked = t->blocked;
	t->restore_blocked = true;
	t->blocked = mask & ~UNBLOCKABLE;
	return 0;
}

static void restore_mask(long ret)
{
	struct task *t = current;
	if (t->restore_blocked && ret != -EINTR) { /* no signal will restore it */
		t->blocked = t->saved_blocked;
		t->restore_blocked = false;
	}
}

static long poll_user(struct pollfd_user *ufds, size_t n, uint64_t deadline)
{
	if (n > POLL_MAX_FDS)
		return -EINVAL;
	struct kpollfd *fds = n ? kmalloc(n * sizeof *fds) : 0;
	if (n && !fds)
		return -ENOMEM;
	long r = copy_from_user(fds, ufds, n * sizeof *fds);
	if (r == 0)
		r = do_poll(fds, n, deadline);
	if (r >= 0) {
		for (size_t i = 0; i < n; i++) /* only revents is written back */
			if (copy_to_user(&ufds[i].revents, &fds[i].revents, sizeof(short))) {
				r = -EFAULT;
				break;
			}
	}
	kfree(fds);
	return r;
}

long sys_poll(struct pollfd_user *ufds, unsigned long n, int timeout_ms)
{
	uint64_t deadline = timeout_ms < 0 ? UINT64_MAX : deadline_after_ns((uint64_t)timeout_ms * 1000000);
	return poll_user(ufds, n, deadline);
}

long sys_ppoll(struct pollfd_user *ufds, unsigned long n, const struct linux_timespec *uts,
	       const uint64_t *umask, size_t masksize)
{
	uint64_t deadline = UINT64_MAX, ns;
	if (uts) {
		int err = timespec_from_user(uts, &ns);
		if (err)
			return err;
		deadline = deadline_after_ns(ns);
	}
	int err = set_temp_mask(umask, masksize);
	if (err)
		return err;
	long r = poll_user(ufds, n, deadline);
	restore_mask(r);
	return r;
}

/* ---- select: the same, with bit sets ---- */

#define FDSET_WORDS(nfds) (((size_t)(nfds) + 63) / 64)

static long do_select(int nfds, uint64_t *urd, uint64_t *uwr, uint64_t *uex, uint64_t deadline)
{
	if (nfds < 0 || nfds > POLL_MAX_FDS)
		return -EINVAL;
	size_t words = FDSET_WORDS(nfds);
	uint64_t sets[3][POLL_MAX_FDS / 64];
	uint64_t *user[3] = { urd, uwr, uex };
	for (int k = 0; k < 3; k++) {
		memset(sets[k], 0, words * 8);
		if (user[k] && copy_from_user(sets[k], user[k], words * 8))
			return -EFAULT;
	}
	size_t n = 0;
	for (int fd = 0; fd < nfds; fd++)
		for (int k = 0; k < 3; k++)
			if (sets[k][fd / 64] >> (fd % 64) & 1) {
				n++;
				break;
			}
	struct kpollfd *fds = n ? kmalloc(n * sizeof *fds) : 0;
	if (n && !fds)
		return -ENOMEM;
	size_t i = 0;
	for (int fd = 0; fd < nfds; fd++) {
		short ev = 0;
		if (sets[0][fd / 64] >> (fd % 64) & 1)
			ev |= POLLIN | POLLRDNORM | POLLHUP | POLLERR;
		if (sets[1][fd / 64] >> (fd % 64) & 1)
			ev |= POLLOUT | POLLWRNORM | POLLERR;
		if (sets[2][fd / 64] >> (fd % 64) & 1)
			ev |= POLLPRI;
		if (ev)
			fds[i++] = (struct kpollfd){ fd, ev, 0 };
	}
	long r = do_poll(fds, n, deadline);
	if (r >= 0) {
		for (i = 0; i < n; i++)
			if (fds[i].revents & POLLNVAL) {
				kfree(fds);
				return -EBADF;
			}
		for (int k = 0; k < 3; k++)
			memset(sets[k], 0, words * 8);
		r = 0;
		for (i = 0; i < n; i++) {
			int fd = fds[i].fd;
			short re = fds[i].revents, ev = fds[i].events;
			bool hit[3] = { (ev & POLLIN) && (re & (POLLIN | POLLRDNORM | POLLHUP | POLLERR)),
					(ev & POLLOUT) && (re & (POLLOUT | POLLWRNORM | POLLERR)),
					(ev & POLLPRI) && (re & POLLPRI) };
			for (int k = 0; k < 3; k++)
				if (hit[k]) {
					sets[k][fd / 64] |= 1ull << (fd % 64);
					r++;
				}
		}
		for (int k = 0; k < 3 && r >= 0; k++)
			if (user[k] && copy_to_user(user[k], sets[k], words * 8))
				r = -EFAULT;
	}
	kfree(fds);
	return r;
}

long sys_select(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, struct linux_timeval *utv)
{
	uint64_t deadline = UINT64_MAX;
	if (utv) {
		struct linux_timeval tv;
		if (copy_from_user(&tv, utv, sizeof tv))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		deadline = deadline_after_ns((uint64_t)tv.tv_sec * 1000000000ull + (uint64_t)tv.tv_usec * 1000);
	}
	long r = do_select(nfds, rd, wr, ex, deadline);
	if (utv && r >= 0) { /* Linux writes back the time left */
		uint64_t now = clock_monotonic_ns(), left = deadline > now && deadline ? deadline - now : 0;
		struct linux_timeval tv = { (int64_t)(left / 1000000000ull), (int64_t)(left % 1000000000ull / 1000) };
		copy_to_user(utv, &tv, sizeof tv);
	}
	return r;
}

long sys_pselect6(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, const struct linux_timespec *uts,
		  const uint64_t *umask_pair)
{
	uint64_t deadline = UINT64_MAX, ns;
	if (uts) {
		int err = timespec_from_user(uts, &ns);
		if (err)
			return err;
		deadline = deadline_after_ns(ns);
	}
	uint64_t pair[2] = { 0, 0 }; /* { sigset pointer, its size } */
	if (umask_pair && copy_from_user(pair, umask_pair, sizeof pair))
		return -EFAULT;
	int err = set_temp_mask((const uint64_t *)pair[0], pair[1]);
	if (err)
		return err;
	long r = do_select(nfds, rd, wr, ex, deadline);
	restore_mask(r);
	return r;
}
