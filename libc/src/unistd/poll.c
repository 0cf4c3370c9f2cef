/* poll.c: waiting for any of several descriptors to become ready. */
#include <poll.h>
#include <sys/select.h>

#include "internal/syscall.h"

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	return (int)__syscall_ret(__sc3(poll, fds, n, timeout_ms));
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout, const sigset_t *mask)
{
	struct timespec ts;

	if (timeout)
		ts = *timeout; /* the kernel may write the time left */
	return (int)__syscall_ret(__sc5(ppoll, fds, n, timeout ? &ts : 0, mask, sizeof(sigset_t)));
}

int select(int nfds, fd_set *restrict rd, fd_set *restrict wr,
	   fd_set *restrict ex, struct timeval *restrict timeout)
{
	return (int)__syscall_ret(__sc5(select, nfds, rd, wr, ex, timeout));
}

/* pselect6 takes the signal mask as a {pointer, size} pair. */
int pselect(int nfds, fd_set *restrict rd, fd_set *restrict wr,
	    fd_set *restrict ex, const struct timespec *restrict timeout,
	    const sigset_t *restrict mask)
{
	struct timespec ts;
	unsigned long masked[2] = {(unsigned long)mask, sizeof(sigset_t)};

	if (timeout)
		ts = *timeout; /* the kernel may write the time left */
	return (int)__syscall_ret(__sc6(pselect6, nfds, rd, wr, ex,
					timeout ? &ts : 0, mask ? masked : 0));
}
