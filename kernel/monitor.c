/* monitor.c: the kernel monitor (see monitor.h). */
#include "kernel/monitor.h"
#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/selftest.h"
#include "kernel/smp.h"
#include "kernel/string.h"
#include "kernel/time.h"

static void cmd_help(void);

static void cmd_cpus(void)
{
	for (unsigned i = 0; i < ncpus; i++)
		printk("cpu %u: APIC id %u, %s, %lu timer ticks\n", i, cpus[i].apic_id,
		       cpus[i].online ? "online" : "offline", (unsigned long)cpus[i].ticks);
}

static void cmd_mem(void)
{
	size_t total = page_alloc_total_count(), free = page_alloc_free_count();
	printk("memory: %zu KiB managed, %zu KiB free, %zu KiB in use\n", total * 4, free * 4,
	       (total - free) * 4);
	for (int i = 0; i < boot_info.nusable; i++)
		printk("  usable 0x%010lx-0x%010lx\n", (unsigned long)boot_info.usable[i].start,
		       (unsigned long)boot_info.usable[i].end);
}

static void cmd_uptime(void)
{
	uint64_t ms = clock_monotonic_ns() / 1000000;
	printk("up %lu.%03lu s\n", (unsigned long)(ms / 1000), (unsigned long)(ms % 1000));
}

static void cmd_dmesg(void)
{
	static char buf[LOG_BUF_SIZE];
	size_t n = log_buf_read(buf, sizeof buf);
	char line[256];
	size_t len = 0;
	/* as the dmesg command shows it: drop each line's "<level>" */
	for (size_t i = 0; i < n; i++) {
		if (len == 0 && buf[i] == '<') {
			while (i < n && buf[i] != '>')
				i++;
			continue;
		}
		line[len++] = buf[i];
		if (buf[i] == '\n' || len == sizeof line - 1) {
			line[len] = 0;
			printk("%s", line);
			len = 0;
		}
	}
}

static void cmd_cmdline(void) { printk("%s\n", cmdline_raw()); }

static void cmd_selftest(void) { run_selftests(0); }

static void cmd_halt(void)
{
	printk("halting; leaving QEMU\n");
	arch_exit_emulator(0);
}

static const struct {
	const char *name, *help;
	void (*fn)(void);
} commands[] = {
	{ "help", "this list", cmd_help },
	{ "cpus", "each CPU and its timer ticks", cmd_cpus },
	{ "mem", "physical memory", cmd_mem },
	{ "uptime", "time since boot", cmd_uptime },
	{ "dmesg", "the kernel log so far", cmd_dmesg },
	{ "cmdline", "the kernel command line", cmd_cmdline },
	{ "selftest", "run the kernel self-tests", cmd_selftest },
	{ "halt", "stop the machine (leaves QEMU)", cmd_halt },
};

static void cmd_help(void)
{
	for (unsigned i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printk("  %-10s %s\n", commands[i].name, commands[i].help);
}

static size_t read_line(char *buf, size_t size)
{
	size_t n = 0;
	for (;;) {
		/* the console's line discipline echoes and edits the line */
		int c = console_getc();
		if (c == '\n') {
			buf[n] = 0;
			return n;
		}
		if (c >= ' ' && n + 1 < size)
			buf[n++] = (char)c;
	}
}

void monitor_run(void)
{
	char line[128];
	printk("kernel monitor: type 'help' for commands (Ctrl-A X leaves QEMU)\n");
	for (;;) {
		printk("kmon> ");
		if (!read_line(line, sizeof line))
			continue;
		unsigned i;
		for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(line, commands[i].name) == 0) {
				commands[i].fn();
				break;
			}
		if (i == sizeof commands / sizeof commands[0])
			printk("%s: unknown command (try 'help')\n", line);
	}
}
