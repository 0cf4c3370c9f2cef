/* machine.c: questions about the machine rather than the process:
 * uname, host name, sysinfo, processor counts, reboot. */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "internal/syscall.h"

int uname(struct utsname *buf)
{
	return (int)__syscall_ret(__sc1(uname, buf));
}

int gethostname(char *name, size_t len)
{
	struct utsname u;

	if (uname(&u) < 0)
		return -1;
	size_t n = strlen(u.nodename);
	if (n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, u.nodename, n + 1);
	return 0;
}

int sysinfo(struct sysinfo *info)
{
	return (int)__syscall_ret(__sc1(sysinfo, info));
}

/* The CPUs this process may run on, which is what a program wants when
 * it decides how many threads to start. */
int get_nprocs(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof set, &set) < 0)
		return 1;
	int n = CPU_COUNT(&set);
	return n > 0 ? n : 1;
}

int get_nprocs_conf(void)
{
	return get_nprocs();
}

/* The kernel insists on two magic numbers before it reboots, so a
 * stray call with a wild argument cannot take the machine down. */
int reboot(int howto)
{
	return (int)__syscall_ret(__sc4(reboot, LINUX_REBOOT_MAGIC1,
					LINUX_REBOOT_MAGIC2, howto, 0));
}
