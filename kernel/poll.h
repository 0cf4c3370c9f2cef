/*
 * poll.h: readiness of files for poll/select (poll.c). A file kind's
 * file_ops.poll returns POLL* bits for F now and, when PT is given,
 * calls poll_wait once with the wait queue whose wake-ups may change
 * that answer.
 */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include "kernel/wait.h"

/* Linux's bits (poll(2)) */
#define POLLIN     0x001
#define POLLPRI    0x002
#define POLLOUT    0x004
#define POLLERR    0x008
#define POLLHUP    0x010
#define POLLNVAL   0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100

struct poll_entry {
	struct wait_queue *wq;
	struct waiter w;
};

struct poll_table {
	struct poll_entry *entries;
	int used, size;
};

/* Wake the polling task when WQ is woken (a no-op when PT is 0). */
void poll_wait(struct poll_table *pt, struct wait_queue *wq);

struct pollfd_user { /* struct pollfd */
	int fd;
	short events, revents;
};

#endif
