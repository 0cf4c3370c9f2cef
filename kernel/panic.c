/*
 * panic.c: the last words of a kernel that cannot go on.
 *
 * The first CPU to panic stops the others with an NMI, takes over the
 * console, prints the message, its registers and a backtrace made by
 * following the frame-pointer chain (every kernel function saves rbp),
 * then halts, or under the `test` option leaves QEMU with a failure code
 * so the test harness sees it at once.
 */
#include <stdatomic.h>
#include "kernel/panic.h"
#include "kernel/cmdline.h"
#include "kernel/cpu.h"
#include "kernel/ksyms.h"
#include "kernel/printk.h"
#include "kernel/selftest.h"
#include "kernel/vsprintf.h"

volatile bool panicking;
static atomic_int panic_cpu = -1;

#define MAX_BACKTRACE 24

static bool frame_readable(uint64_t rbp)
{
	return (rbp & 7) == 0 && arch_kernel_addr_mapped(rbp) &&
	       arch_kernel_addr_mapped(rbp + 8);
}

/* Print the call chain starting in the function that owns frame RBP and
 * is at RIP with stack pointer RSP (RIP 0: start from RBP's return
 * address). Every frame is checked to be mapped before it is read. */
static void backtrace(uint64_t rip, uint64_t rsp, uint64_t rbp)
{
	printk(KERN_EMERG "Call trace:\n");
	if (rip)
		printk(KERN_EMERG "  [<%016lx>] %pS\n", (unsigned long)rip, (void *)rip);
	/* Stopped in a function's first instructions (or a leaf function
	 * that keeps no frame)? Then its caller is only on the stack top. */
	uintptr_t off;
	if (rip && rsp && ksym_lookup(rip, &off, 0) && off < 4 && frame_readable(rsp)) {
		uint64_t ret = *(uint64_t *)rsp;
		if (ksym_lookup(ret, 0, 0))
			printk(KERN_EMERG "  [<%016lx>] %pS (from the stack top)\n", (unsigned long)ret, (void *)ret);
	}
	uint64_t last = 0;
	unsigned repeats = 0;
	/* depth bounds the lines printed, steps the walk (a corrupt chain may loop) */
	for (int depth = 0, steps = 0; depth < MAX_BACKTRACE && steps < 4096; steps++) {
		if (!rbp || rbp < DIRECT_MAP_BASE || !frame_readable(rbp))
			break;
		uint64_t next = ((uint64_t *)rbp)[0], ret = ((uint64_t *)rbp)[1];
		if (!ret)
			break;
		if (ret == last) { /* deep recursion: say so once */
			repeats++;
		} else {
			if (repeats)
				printk(KERN_EMERG "  ... the line above repeats %u more times\n", repeats);
			repeats = 0;
			printk(KERN_EMERG "  [<%016lx>] %pS\n", (unsigned long)ret, (void *)ret);
			depth++;
		}
		last = ret;
		if (next == rbp)
			break;
		rbp = next;
	}
	if (repeats)
		printk(KERN_EMERG "  ... the line above repeats %u more times\n", repeats);
}

static __attribute__((noreturn)) void do_panic(struct trap_frame *frame, const char *fmt, va_list ap)
{
	arch_irq_disable();
	int me = (int)this_cpu()->id, expected = -1;
	if (!atomic_compare_exchange_strong(&panic_cpu, &expected, me)) {
		if (expected != me)
			arch_halt_forever(); /* another CPU is already reporting */
		printk_panic_mode();
		printk(KERN_EMERG "\nPANIC while panicking on CPU %d; stopping\n", me);
		arch_exit_emulator(EXIT_CODE_FAILURE);
	}
	panicking = true;
	arch_stop_other_cpus();
	printk_panic_mode();

	char msg[256];
	vsnprintf(msg, sizeof msg, fmt, ap);
	printk(KERN_EMERG "\n---[ kernel panic on CPU %d ]---\n", me);
	printk(KERN_EMERG "PANIC: %s\n", msg);
	arch_dump_registers(frame);
	if (frame)
		backtrace(arch_frame_rip(frame), arch_frame_rsp(frame), arch_frame_rbp(frame));
	else
		backtrace(0, 0, (uint64_t)__builtin_frame_address(0));
	printk(KERN_EMERG "---[ end kernel panic ]---\n");
	if (cmdline_has("test"))
		arch_exit_emulator(EXIT_CODE_FAILURE);
	arch_halt_forever();
}

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	do_panic(0, fmt, ap);
}

void panic_frame(struct trap_frame *frame, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	do_panic(frame, fmt, ap);
}
