/* sigaction.c: installing signal handlers.
 *
 * The kernel's rt_sigaction takes its own structure, which differs from
 * POSIX's struct sigaction in field order and needs a restorer: the
 * code the handler "returns" to, which must call rt_sigreturn
 * (__restore_rt in arch/x86_64/sigreturn.S). x86-64 Linux has no
 * default restorer, so every handler we install carries ours. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "internal/syscall.h"

/* The kernel's layout (struct kernel_sigaction / sigaction on x86-64). */
struct k_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

void __restore_rt(void);

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict old)
{
	struct k_sigaction kact, kold;

	if (act) {
		kact.handler = (void *)act->sa_handler;
		kact.flags = (unsigned)act->sa_flags | SA_RESTORER;
		kact.restorer = __restore_rt;
		kact.mask = act->sa_mask.__bits;
	}
	long r = __sc4(rt_sigaction, sig, act ? &kact : 0, old ? &kold : 0,
		       sizeof(sigset_t));
	if (__syscall_ret(r) < 0)
		return -1;
	if (old) {
		memset(old, 0, sizeof *old);
		old->sa_handler = (void (*)(int))kold.handler;
		old->sa_flags = (int)kold.flags;
		old->sa_restorer = kold.restorer;
		old->sa_mask.__bits = kold.mask;
	}
	return 0;
}

/* BSD semantics, like the usual Linux C library: the handler stays
 * installed and interrupted system calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act, old;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

/* FLAG != 0: system calls interrupted by SIG fail with EINTR. */
int siginterrupt(int sig, int flag)
{
	struct sigaction act;

	if (sigaction(sig, NULL, &act) < 0)
		return -1;
	if (flag)
		act.sa_flags &= ~SA_RESTART;
	else
		act.sa_flags |= SA_RESTART;
	return sigaction(sig, &act, NULL);
}
