/* sched.c: giving up the CPU, and which CPUs a thread may run on. */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "internal/syscall.h"
#include "internal/vdso.h"

int sched_yield(void)
{
	return (int)__syscall_ret(__sc0(sched_yield));
}

/* The kernel copies only as many bytes as it has CPUs (and returns
 * that count); clear the rest so CPU_ISSET is well defined. */
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	long r = __syscall_ret(__sc3(sched_getaffinity, pid, size, set));

	if (r < 0)
		return -1;
	if ((size_t)r < size)
		memset((char *)set + r, 0, size - (size_t)r);
	return 0;
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
	return (int)__syscall_ret(__sc3(sched_setaffinity, pid, size, set));
}

int sched_getcpu(void)
{
	unsigned cpu;

	if (__vdso.getcpu) {
		if (__syscall_ret(__vdso.getcpu(&cpu, 0, 0)) < 0)
			return -1;
		return (int)cpu;
	}
	if (__syscall_ret(__sc3(getcpu, &cpu, 0, 0)) < 0)
		return -1;
	return (int)cpu;
}

int sched_get_priority_max(int policy)
{
	return (int)__syscall_ret(__sc1(sched_get_priority_max, policy));
}

int sched_get_priority_min(int policy)
{
	return (int)__syscall_ret(__sc1(sched_get_priority_min, policy));
}

/* Number of bits set in the first SIZE bytes of SET (CPU_COUNT).
 * x & (x - 1) clears the lowest set bit; count how often that works.
 * (__builtin_popcount would need libgcc on CPUs without popcnt.) */
int __sched_cpucount(size_t size, const cpu_set_t *set)
{
	int n = 0;

	for (size_t i = 0; i < size / sizeof(unsigned long); i++)
		for (unsigned long x = set->__bits[i]; x; x &= x - 1)
			n++;
	return n;
}
