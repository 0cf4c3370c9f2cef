/* sigset.c: signal sets. Signal N is bit N-1 of the kernel's 64-bit
 * mask. */
#include <errno.h>
#include <signal.h>

static int valid(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

static unsigned long bit(int sig)
{
	return 1UL << (sig - 1);
}

int sigemptyset(sigset_t *set)
{
	set->__bits = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	set->__bits = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	set->__bits |= bit(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	set->__bits &= ~bit(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	return (set->__bits & bit(sig)) != 0;
}
