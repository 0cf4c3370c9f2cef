/* wait.c: collecting children that ended or stopped. Everything is
 * wait4 underneath except waitid, its own system call. */
#include <sys/resource.h>
#include <sys/wait.h>

#include "internal/syscall.h"

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	return (pid_t)__syscall_ret(__sc4(wait4, pid, status, options, usage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, 0);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, 0);
}

pid_t wait3(int *status, int options, struct rusage *usage)
{
	return wait4(-1, status, options, usage);
}

int waitid(idtype_t type, id_t id, siginfo_t *info, int options)
{
	return (int)__syscall_ret(__sc5(waitid, type, id, info, options, 0));
}
