/* resource.c: resource limits (RLIMIT_*), usage accounting and
 * scheduling priority. */
#include <sys/resource.h>
#include <sys/times.h>

#include "internal/syscall.h"

int getrlimit(int resource, struct rlimit *rl)
{
	return (int)__syscall_ret(__sc2(getrlimit, resource, rl));
}

int setrlimit(int resource, const struct rlimit *rl)
{
	return (int)__syscall_ret(__sc2(setrlimit, resource, rl));
}

/* Reads and/or sets another process's limit in one call. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit,
	    struct rlimit *old_limit)
{
	return (int)__syscall_ret(__sc4(prlimit64, pid, resource, new_limit, old_limit));
}

int getrusage(int who, struct rusage *usage)
{
	return (int)__syscall_ret(__sc2(getrusage, who, usage));
}

/* The kernel returns 20 - nice (1..40) so that no valid result looks
 * like an error; convert back to -20..19. */
int getpriority(int which, id_t who)
{
	long r = __syscall_ret(__sc2(getpriority, which, who));

	return r < 0 ? -1 : 20 - (int)r;
}

int setpriority(int which, id_t who, int prio)
{
	return (int)__syscall_ret(__sc3(setpriority, which, who, prio));
}

clock_t times(struct tms *buf)
{
	return (clock_t)__syscall_ret(__sc1(times, buf));
}
