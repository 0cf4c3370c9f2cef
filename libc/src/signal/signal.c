/* signal.c: sending signals, the signal mask, and waiting for signals
 * (kill, raise, sigprocmask, sigsuspend, pause, alarm ...). */
#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include "internal/syscall.h"

int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(__sc2(kill, pid, sig));
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

/* C says raise() signals the calling thread, not just any thread of
 * the process, so it names both the process and the thread (tgkill).
 * The thread id comes from the kernel, not the thread control block:
 * a vfork child shares its parent's. */
int raise(int sig)
{
	return (int)__syscall_ret(__sc3(tgkill, __sc0(getpid), __sc0(gettid), sig));
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return (int)__syscall_ret(__sc4(rt_sigprocmask, how, set, old, sizeof(sigset_t)));
}

int sigpending(sigset_t *set)
{
	return (int)__syscall_ret(__sc2(rt_sigpending, set, sizeof(sigset_t)));
}

/* Atomically replaces the mask and sleeps until a handler has run;
 * always "fails" with EINTR. */
int sigsuspend(const sigset_t *mask)
{
	return (int)__syscall_ret(__sc2(rt_sigsuspend, mask, sizeof(sigset_t)));
}

/* Takes one pending signal of SET without running its handler. */
int sigwait(const sigset_t *restrict set, int *restrict sig)
{
	long r = __sc4(rt_sigtimedwait, set, 0, 0, sizeof(sigset_t));

	if (r < 0)
		return (int)-r; /* POSIX: the error number, errno untouched */
	*sig = (int)r;
	return 0;
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	return (int)__syscall_ret(__sc2(sigaltstack, ss, old));
}

int pause(void)
{
	return (int)__syscall_ret(__sc0(pause));
}

unsigned alarm(unsigned seconds)
{
	return (unsigned)__sc1(alarm, seconds);
}

int getitimer(int which, struct itimerval *value)
{
	return (int)__syscall_ret(__sc2(getitimer, which, value));
}

int setitimer(int which, const struct itimerval *restrict value,
	      struct itimerval *restrict old)
{
	return (int)__syscall_ret(__sc3(setitimer, which, value, old));
}
