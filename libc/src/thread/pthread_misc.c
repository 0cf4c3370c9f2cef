/* pthread_misc.c: the small pthread calls that each wrap one system
 * call: signals to one thread (tgkill), the signal mask, CPU affinity,
 * and cancellation state (there is no cancellation; see pthread.h). */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include "internal/pthread_impl.h"
#include "internal/syscall.h"

/* Raw result of a system call as a pthread-style error number. */
static int error_of(long raw)
{
	return raw < 0 ? (int)-raw : 0;
}

/* tgkill names the thread group too, so a thread id that was reused by
 * another process cannot receive the signal by mistake. */
int pthread_kill(pthread_t thread, int sig)
{
	struct pthread *t = (struct pthread *)thread;
	int tid = t ? __load(&t->tid) : 0;

	if (tid == 0)
		return ESRCH; /* already exited */
	return error_of(__sc3(tgkill, __sc0(getpid), tid, sig));
}

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return error_of(__sc4(rt_sigprocmask, how, set, old, sizeof(sigset_t)));
}

pid_t pthread_gettid_np(pthread_t thread)
{
	return ((struct pthread *)thread)->tid;
}

/* The affinity calls take a thread id; 0 would mean "the caller". */
int pthread_setaffinity_np(pthread_t thread, size_t size, const cpu_set_t *set)
{
	int tid = ((struct pthread *)thread)->tid;

	if (tid == 0)
		return ESRCH;
	return error_of(__sc3(sched_setaffinity, tid, size, set));
}

int pthread_getaffinity_np(pthread_t thread, size_t size, cpu_set_t *set)
{
	int tid = ((struct pthread *)thread)->tid;

	if (tid == 0)
		return ESRCH;
	long r = __sc3(sched_getaffinity, tid, size, set);
	if (r < 0)
		return (int)-r;
	/* the kernel fills only as many bytes as it has CPUs for */
	for (size_t i = (size_t)r; i < size; i++)
		((unsigned char *)set)[i] = 0;
	return 0;
}

/* Threads cannot be cancelled here, so the state is only remembered
 * for programs that save and restore it. */
int pthread_setcancelstate(int state, int *old)
{
	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (old)
		*old = PTHREAD_CANCEL_ENABLE;
	return 0;
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
	return (int)__syscall_ret(__sc3(tgkill, tgid, tid, sig));
}
