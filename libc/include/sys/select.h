/* sys/select.h: waiting on several file descriptors (select). */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <bits/time.h>
#include <bits/types.h>
#include <signal.h>

#define FD_SETSIZE 1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / 64];
} fd_set;

#define FD_ZERO(s) __builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s) ((s)->fds_bits[(fd) / 64] |= 1UL << ((fd) % 64))
#define FD_CLR(fd, s) ((s)->fds_bits[(fd) / 64] &= ~(1UL << ((fd) % 64)))
#define FD_ISSET(fd, s) (((s)->fds_bits[(fd) / 64] >> ((fd) % 64)) & 1)

int select(int nfds, fd_set *restrict rd, fd_set *restrict wr,
	   fd_set *restrict ex, struct timeval *restrict timeout);
int pselect(int nfds, fd_set *restrict rd, fd_set *restrict wr,
	    fd_set *restrict ex, const struct timespec *restrict timeout,
	    const sigset_t *restrict mask);

#endif
