/* ids.c: who a process is: process, thread, group and session ids, and
 * user/group identities. */
#include <unistd.h>

#include "internal/syscall.h"

/* These cannot fail, so their results need no errno check. */
pid_t getpid(void) { return (pid_t)__sc0(getpid); }
pid_t getppid(void) { return (pid_t)__sc0(getppid); }
pid_t gettid(void) { return (pid_t)__sc0(gettid); }
uid_t getuid(void) { return (uid_t)__sc0(getuid); }
uid_t geteuid(void) { return (uid_t)__sc0(geteuid); }
gid_t getgid(void) { return (gid_t)__sc0(getgid); }
gid_t getegid(void) { return (gid_t)__sc0(getegid); }
pid_t getpgrp(void) { return (pid_t)__sc0(getpgrp); }

int setuid(uid_t uid)
{
	return (int)__syscall_ret(__sc1(setuid, uid));
}

int setgid(gid_t gid)
{
	return (int)__syscall_ret(__sc1(setgid, gid));
}

/* Only the effective id changes (as glibc: setresuid with the others
 * left alone). */
int seteuid(uid_t euid)
{
	return (int)__syscall_ret(__sc3(setresuid, -1, euid, -1));
}

int setegid(gid_t egid)
{
	return (int)__syscall_ret(__sc3(setresgid, -1, egid, -1));
}

int setreuid(uid_t ruid, uid_t euid)
{
	return (int)__syscall_ret(__sc2(setreuid, ruid, euid));
}

int setregid(gid_t rgid, gid_t egid)
{
	return (int)__syscall_ret(__sc2(setregid, rgid, egid));
}

int setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	return (int)__syscall_ret(__sc3(setresuid, ruid, euid, suid));
}

int setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	return (int)__syscall_ret(__sc3(setresgid, rgid, egid, sgid));
}

int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid)
{
	return (int)__syscall_ret(__sc3(getresuid, ruid, euid, suid));
}

int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid)
{
	return (int)__syscall_ret(__sc3(getresgid, rgid, egid, sgid));
}

int getgroups(int size, gid_t list[])
{
	return (int)__syscall_ret(__sc2(getgroups, size, list));
}

pid_t setsid(void)
{
	return (pid_t)__syscall_ret(__sc0(setsid));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)__syscall_ret(__sc1(getsid, pid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__syscall_ret(__sc2(setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)__syscall_ret(__sc1(getpgid, pid));
}

int setpgrp(void)
{
	return setpgid(0, 0);
}
