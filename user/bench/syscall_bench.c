/*
 * syscall_bench.c: what a system call costs -- the mode switch and back
 * -- measured with getpid, the cheapest call there is: through the
 * `syscall` instruction and, on this kernel, through `int $0x80` (on
 * Linux that entry is the 32-bit ABI, so it is measured only here).
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

#define CALLS 20000

static double via_syscall(void)
{
	double t0 = now_ns();

	for (int i = 0; i < CALLS; i++)
		syscall(SYS_getpid);
	return (now_ns() - t0) / CALLS;
}

static double via_int80(void)
{
	double t0 = now_ns();

	for (int i = 0; i < CALLS; i++) {
		long ret;
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"((long)SYS_getpid) : "memory");
	}
	return (now_ns() - t0) / CALLS;
}

int main(void)
{
	bench("getpid_syscall", "ns", via_syscall);
	if (on_teachos())
		bench("getpid_int80", "ns", via_int80);
	return 0;
}
