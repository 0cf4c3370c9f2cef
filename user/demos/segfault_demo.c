/*
 * segfault_demo: a bad memory access becomes a signal, SIGSEGV.
 *
 * Lecture point: the program writes through a NULL pointer. The CPU
 * raises a page fault; since the address is in no mapping of the
 * process, the kernel does not fix anything up but sends the process
 * SIGSEGV. Nobody handles it, so its default action runs: the process is
 * killed, "with a core dump" (the flag in the wait status; no file is
 * written). The kernel logs one line about the fault, like Linux:
 *
 *     segfault_demo[42]: segfault at 0 ip 0000000000401234 sp ... error 6
 *
 * (at 0: the address; ip: the faulting instruction; error 6: a write
 * from user mode to a page that is not present). The shell, which waits
 * for the program, sees WIFSIGNALED with WTERMSIG = SIGSEGV and reports
 *
 *     Segmentation fault
 *
 * and $? is 139 (128 + 11). After `ulimit -c unlimited` the wait status
 * also has the core flag and the shell adds " (core dumped)" (no core
 * file is written).
 */
#include <stdio.h>

int main(void)
{
	volatile int *p = NULL;

	printf("writing to address %p...\n", (void *)p);
	fflush(stdout);
	*p = 42;
	printf("not reached\n");
	return 0;
}
