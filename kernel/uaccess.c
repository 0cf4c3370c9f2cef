/* uaccess.c: range checks around the arch's fault-tolerant copy routines. */
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "arch/x86_64/arch.h"

bool access_ok(uint64_t uaddr, size_t n)
{
	return uaddr < USER_TOP && n <= USER_TOP - uaddr;
}

long copy_from_user(void *dst, const void *usrc, size_t n)
{
	if (!access_ok((uint64_t)usrc, n))
		return -EFAULT;
	return arch_copy_user(dst, usrc, n) ? -EFAULT : 0;
}

long copy_to_user(void *udst, const void *src, size_t n)
{
	if (!access_ok((uint64_t)udst, n))
		return -EFAULT;
	return arch_copy_user(udst, src, n) ? -EFAULT : 0;
}

long clear_user(void *udst, size_t n)
{
	if (!access_ok((uint64_t)udst, n))
		return -EFAULT;
	return arch_clear_user(udst, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char *usrc, size_t max)
{
	if ((uint64_t)usrc >= USER_TOP)
		return -EFAULT;
	size_t room = USER_TOP - (uint64_t)usrc;
	long n = arch_strncpy_user(dst, usrc, max < room ? max : room);
	if (n < 0)
		return -EFAULT;
	if ((size_t)n == max)
		return -ENAMETOOLONG;
	if ((size_t)n == room)
		return -EFAULT; /* ran into the end of user space */
	return n;
}
