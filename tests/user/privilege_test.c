/*
 * privilege_test.c: ring 3 really is ring 3. Each privileged act below
 * is tried in a child, which must die of SIGSEGV (the CPU raises a
 * general-protection or page fault; the kernel turns it into the
 * signal) while the system carries on. Also: an unknown system call
 * number gets ENOSYS. x86-64 only, like the kernel.
 */
#define TEST_NAME "privilege"
#include "check.h"

#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static void do_cli(void) { __asm__ volatile("cli"); }
static void do_hlt(void) { __asm__ volatile("hlt"); }
static void read_cr3(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
}
static void write_msr(void) { __asm__ volatile("wrmsr" ::"c"(0xc0000080), "a"(0), "d"(0)); }
static void touch_kernel(void) { (void)*(volatile uint64_t *)0xffffffff80100000ull; }
static void touch_direct_map(void) { *(volatile uint64_t *)0xffff800000100000ull = 1; }
static void jump_to_kernel(void) { ((void (*)(void))0xffffffff80100000ull)(); }

static void must_segv(const char *name, void (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		fn();
		_exit(0); /* survived: wrong */
	}
	int status = 0;
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
		pass(name);
	else
		fail(name, "child ended with status %#x, expected death by SIGSEGV", status);
}

int main(void)
{
	must_segv("cli_killed", do_cli);
	must_segv("hlt_killed", do_hlt);
	must_segv("read_cr3_killed", read_cr3);
	must_segv("wrmsr_killed", write_msr);
	must_segv("read_kernel_image_killed", touch_kernel);
	must_segv("write_direct_map_killed", touch_direct_map);
	must_segv("execute_kernel_code_killed", jump_to_kernel);
	expect("still_running_after_all_that", getpid() > 0, "");
	errno = 0;
	expect_errno("unknown_syscall_enosys", syscall(4000), ENOSYS);

	/* int $0x80 enters the same table on this kernel (on Linux it is the
	 * 32-bit ABI, with other numbers, so only checked here) */
	struct utsname u;
	uname(&u);
	if (strstr(u.release, "teachos")) {
		long r;
		__asm__ volatile("int $0x80" : "=a"(r) : "a"(SYS_getpid) : "memory");
		expect("int80_getpid", r == getpid(), "int $0x80 getpid returned something else");
	}
	return check_summary();
}
