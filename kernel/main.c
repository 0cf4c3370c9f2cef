/*
 * main.c: kernel_main, where C begins on the boot CPU (boot.S calls it
 * in long mode on the boot stack). It brings the machine up in order:
 * console, boot information, memory, traps, interrupts and timer, the
 * other CPUs, the file tree (ramfs, /dev, /proc, the initrd); then runs
 * the self-tests (option `test`) or starts init, pid 1 (process.c), and
 * becomes the boot CPU's idle task. docs/boot.md walks through it.
 */
#include "kernel/bootinfo.h"
#include "kernel/console.h"
#include "kernel/dev.h"
#include "kernel/initrd.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/vfs.h"
#include "kernel/cmdline.h"
#include "kernel/cpu.h"
#include "kernel/crash.h"
#include "kernel/ksyms.h"
#include "kernel/monitor.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/selftest.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/vsprintf.h"

extern char boot_stack_top[];
void procfs_init(void);

void kernel_main(uint32_t magic, uint32_t info_phys)
{
	struct cpu *bsp = &cpus[0];
	arch_early_init(bsp);
	vsprintf_symbol_hook = ksym_format;
	printk("\nkernel: booting (multiboot2 magic %#x, info at %#x)\n", magic, info_phys);

	multiboot2_parse(magic, info_phys);
	cmdline_init(boot_info.cmdline);
	printk_init();
	console_tty_init(); /* before any key can arrive */
	arch_screen_init();
	printk("kernel: loaded by %s, command line '%s'\n", boot_info.loader_name, cmdline_raw());
	cmdline_report_unknown();

	page_alloc_init();
	arch_mm_init();
	arch_cpu_setup(bsp);
	bsp->kstack_top = (uint64_t)boot_stack_top;
	sched_init_cpu(bsp, "swapper/0");
	arch_interrupts_init();
	bsp->online = true;
	printk("cpu 0: online (APIC id %u, boot CPU)\n", bsp->apic_id);
	arch_start_other_cpus();
	printk("smp: %u of %u CPUs online\n", cpus_online(), ncpus_listed);
	arch_vdso_init();
	printk("kernel: up %lu ms after entering kernel_main, %zu KiB free\n",
	       (unsigned long)(clock_monotonic_ns() / 1000000), page_alloc_free_count() * 4);

	vfs_init();
	dev_init();
	procfs_init();
	initrd_load();

	crash_if_asked();
	if (cmdline_has("test")) {
		int failed = run_selftests(cmdline_get("test"));
		arch_exit_emulator(failed ? EXIT_CODE_FAILURE : EXIT_CODE_SUCCESS);
	}
	start_init();
	cpu_idle_loop(); /* the boot CPU's part from now on: run tasks */
}
