/*
 * sigreturn_test.c: rt_sigreturn with a forged frame gains nothing.
 * A child builds a fake signal frame asking for the kernel's code
 * segment and I/O privilege (IOPL 3) and "returns" through it into code
 * that executes `cli`: with the frame sanitized, `cli` still faults and
 * the child dies of SIGSEGV. A frame with a non-canonical return address
 * also ends in SIGSEGV, and the system stays up. x86-64 only.
 */
#define TEST_NAME "sigreturn"
#include "check.h"

#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>

static uint64_t frame[128] __attribute__((aligned(64)));
static char stack2[16384] __attribute__((aligned(16)));

static void try_cli(void)
{
	__asm__ volatile("cli");
	_exit(0); /* got I/O privilege: must not happen */
}

/* Jump into rt_sigreturn with our fake frame (never returns). */
static void forge_and_return(uint64_t rip)
{
	memset(frame, 0, sizeof frame);
	uint64_t *mc = frame + 6; /* pretcode (8) + uc_flags, uc_link, uc_stack (40) */
	mc[15] = (uint64_t)(stack2 + sizeof stack2 - 8);   /* rsp */
	mc[16] = rip;                                        /* rip */
	mc[17] = 0x3202;                                     /* rflags: IOPL 3, IF */
	((uint16_t *)&mc[18])[0] = 0x08;                     /* cs: the kernel's */
	((uint16_t *)&mc[18])[3] = 0x10;                     /* ss: the kernel's */
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "movl %1, %%eax\n\t"
			 "syscall"
			 ::"r"((char *)frame + 8), "i"(SYS_rt_sigreturn)
			 : "memory");
	__builtin_unreachable();
}

static int run(uint64_t rip)
{
	pid_t pid = fork();
	if (pid == 0)
		forge_and_return(rip);
	int status = 0;
	waitpid(pid, &status, 0);
	return status;
}

int main(void)
{
	int status = run((uint64_t)try_cli);
	expect("forged_frame_no_privilege", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       "the forged frame was not sanitized (or the child died otherwise)");
	status = run(0x8000000000001000ull);
	expect("noncanonical_rip_sigsegv", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       "a non-canonical return address did not end in SIGSEGV");
	expect("system_still_up", getpid() > 0, "");
	return check_summary();
}
