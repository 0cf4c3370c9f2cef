/*
 * cpuinfo.c: the text of /proc/cpuinfo, one block per CPU in the format
 * of Linux on x86 (procfs.c asks for each block). What the processor is
 * comes from the CPUID instruction; its clock from the TSC rate lapic.c
 * measured at boot. All CPUs of a machine here are alike (QEMU gives
 * every vCPU the same model), so CPUID is asked on the reading CPU and
 * only the APIC ids differ per block.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "kernel/cpu.h"
#include "kernel/string.h"
#include "kernel/vsprintf.h"

extern uint64_t tsc_hz; /* tsc.c */

/* CPUID feature bits and the names Linux gives them, in Linux's order:
 * leaf 1 EDX, leaf 0x80000001 EDX, leaf 1 ECX, leaf 0x80000001 ECX,
 * leaf 7 EBX. Bits without a name here are left out. */
struct feature_word {
	uint32_t leaf;
	char reg;                 /* 'b', 'c' or 'd' */
	const char *names[32];
};

static const struct feature_word features[] = {
	{ 1, 'd', { "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", 0, "sep",
		    "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", 0, "dts", "acpi", "mmx",
		    "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe" } },
	{ 0x80000001, 'd', { [11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext",
			     [25] = "fxsr_opt", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
			     [30] = "3dnowext", [31] = "3dnow" } },
	{ 1, 'c', { "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2",
		    "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", 0, "pcid", "dca", "sse4_1",
		    "sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", 0, "avx",
		    "f16c", "rdrand", "hypervisor" } },
	{ 0x80000001, 'c', { "lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a",
			     "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", 0,
			     "lwp", "fma4", "tce", 0, "nodeid_msr", 0, "tbm", "topoext" } },
	{ 7, 'b', { [0] = "fsgsbase", [1] = "tsc_adjust", [3] = "bmi1", [4] = "hle", [5] = "avx2",
		    [7] = "smep", [8] = "bmi2", [9] = "erms", [10] = "invpcid", [11] = "rtm",
		    [16] = "avx512f", [17] = "avx512dq", [18] = "rdseed", [19] = "adx", [20] = "smap",
		    [23] = "clflushopt", [24] = "clwb", [29] = "sha_ni" } },
};

struct out {
	char *buf;
	unsigned long size, len;
};

__attribute__((format(printf, 2, 3))) static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	unsigned long room = o->len < o->size ? o->size - o->len : 0;
	int n = vsnprintf(o->buf + (o->len < o->size ? o->len : o->size), room, fmt, ap);
	va_end(ap);
	o->len += (unsigned long)n;
}

static uint32_t max_leaf(uint32_t base)
{
	uint32_t a, b, c, d;
	cpuid(base, 0, &a, &b, &c, &d);
	return a;
}

static void put_flags(struct out *o)
{
	uint32_t top = max_leaf(0), top_ext = max_leaf(0x80000000);
	put(o, "flags\t\t:");
	for (unsigned w = 0; w < sizeof features / sizeof features[0]; w++) {
		const struct feature_word *f = &features[w];
		if (f->leaf >= 0x80000000 ? f->leaf > top_ext : f->leaf > top)
			continue;
		uint32_t r[4];
		cpuid(f->leaf, 0, &r[0], &r[1], &r[2], &r[3]);
		uint32_t bits = f->reg == 'b' ? r[1] : f->reg == 'c' ? r[2] : r[3];
		for (int i = 0; i < 32; i++)
			if ((bits >> i & 1) && f->names[i])
				put(o, " %s", f->names[i]);
	}
	put(o, "\n");
}

long arch_cpuinfo(unsigned cpu, char *buf, unsigned long size)
{
	struct out o = { buf, size, 0 };
	uint32_t a, b, c, d;
	char vendor[13];
	cpuid(0, 0, &a, &b, &c, &d);
	uint32_t level = a;
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = 0;

	cpuid(1, 0, &a, &b, &c, &d);
	unsigned family = a >> 8 & 0xf, model = a >> 4 & 0xf, stepping = a & 0xf;
	if (family == 0xf)
		family += a >> 20 & 0xff;
	if (family >= 6)
		model += (a >> 16 & 0xf) << 4;
	unsigned clflush = (b >> 8 & 0xff) * 8;

	char name[49] = "unknown";
	uint32_t top_ext = max_leaf(0x80000000);
	if (top_ext >= 0x80000004) {
		uint32_t *w = (uint32_t *)name;
		for (uint32_t leaf = 0; leaf < 3; leaf++)
			cpuid(0x80000002 + leaf, 0, &w[leaf * 4], &w[leaf * 4 + 1], &w[leaf * 4 + 2],
			      &w[leaf * 4 + 3]);
		name[48] = 0;
	}
	const char *model_name = name;
	while (*model_name == ' ')
		model_name++;
	unsigned phys_bits = 36, virt_bits = 48;
	if (top_ext >= 0x80000008) {
		cpuid(0x80000008, 0, &a, &b, &c, &d);
		phys_bits = a & 0xff;
		virt_bits = a >> 8 & 0xff;
	}
	uint64_t khz = tsc_hz / 1000;

	put(&o, "processor\t: %u\n", cpu);
	put(&o, "vendor_id\t: %s\n", vendor);
	put(&o, "cpu family\t: %u\n", family);
	put(&o, "model\t\t: %u\n", model);
	put(&o, "model name\t: %s\n", model_name);
	put(&o, "stepping\t: %u\n", stepping);
	put(&o, "cpu MHz\t\t: %lu.%03lu\n", (unsigned long)(khz / 1000), (unsigned long)(khz % 1000));
	put(&o, "physical id\t: 0\n");
	put(&o, "siblings\t: %u\n", ncpus);
	put(&o, "core id\t\t: %u\n", cpu);
	put(&o, "cpu cores\t: %u\n", ncpus);
	put(&o, "apicid\t\t: %u\n", cpus[cpu].apic_id);
	put(&o, "initial apicid\t: %u\n", cpus[cpu].apic_id);
	put(&o, "fpu\t\t: yes\n");
	put(&o, "fpu_exception\t: yes\n");
	put(&o, "cpuid level\t: %u\n", level);
	put(&o, "wp\t\t: yes\n");
	put_flags(&o);
	/* Linux's bogomips on a TSC machine: twice the clock in MHz */
	put(&o, "bogomips\t: %lu.%02lu\n", (unsigned long)(khz * 2 / 1000),
	    (unsigned long)(khz * 2 % 1000 / 10));
	put(&o, "clflush size\t: %u\n", clflush);
	put(&o, "cache_alignment\t: %u\n", clflush);
	put(&o, "address sizes\t: %u bits physical, %u bits virtual\n", phys_bits, virt_bits);
	put(&o, "power management:\n\n");
	return (long)o.len;
}
