/* cmdline.c: splitting the command line and looking options up. */
#include "kernel/cmdline.h"
#include "kernel/param.h"
#include "kernel/printk.h"
#include "kernel/string.h"

#define MAX_WORDS 64

static char raw_copy[CMDLINE_MAX];
static char words[CMDLINE_MAX];
static const char *keys[MAX_WORDS], *values[MAX_WORDS];
static int nwords;
static const char *init_args[CMDLINE_INIT_ARGS];
static int ninit_args;

extern const struct kernel_param __kparam_start[], __kparam_end[];

KERNEL_PARAM("test", "run the kernel self-tests, then leave QEMU with the result");

void cmdline_init(const char *raw)
{
	if (!raw)
		raw = "";
	if (strlcpy(raw_copy, raw, sizeof raw_copy) >= sizeof raw_copy)
		printk(KERN_WARNING "cmdline: longer than %d bytes, truncated\n", CMDLINE_MAX - 1);
	strlcpy(words, raw_copy, sizeof words);
	nwords = 0;
	ninit_args = 0;
	bool after_dashes = false;
	char *p = words;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			*p++ = 0;
		if (!*p)
			break;
		if (after_dashes) { /* everything after "--" belongs to init */
			char *w = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
			if (*p)
				*p++ = 0;
			if (ninit_args < CMDLINE_INIT_ARGS)
				init_args[ninit_args++] = w;
			continue;
		}
		if (p[0] == '-' && p[1] == '-' && (p[2] == 0 || p[2] == ' ' || p[2] == '\t')) {
			after_dashes = true;
			p += 2;
			continue;
		}
		if (nwords == MAX_WORDS) {
			printk(KERN_WARNING "cmdline: more than %d words, rest ignored\n", MAX_WORDS);
			break;
		}
		keys[nwords] = p;
		values[nwords] = "";
		bool seen_eq = false;
		for (; *p && *p != ' ' && *p != '\t'; p++) {
			if (*p == '=' && !seen_eq) {
				*p = 0;
				values[nwords] = p + 1;
				seen_eq = true;
			}
		}
		/* GRUB may pass the kernel's own path first: not an option */
		if (keys[nwords][0] != '/')
			nwords++;
	}
}

const char *cmdline_raw(void) { return raw_copy; }
int cmdline_init_argc(void) { return ninit_args; }
const char *cmdline_init_arg(int i) { return i < ninit_args ? init_args[i] : 0; }

const char *cmdline_get(const char *key)
{
	const char *v = 0;
	for (int i = 0; i < nwords; i++) /* the last one given wins */
		if (strcmp(keys[i], key) == 0)
			v = values[i];
	return v;
}

bool cmdline_has(const char *key) { return cmdline_get(key) != 0; }

uint64_t cmdline_get_u64(const char *key, uint64_t default_value)
{
	const char *v = cmdline_get(key);
	char *end;
	if (!v || !*v)
		return default_value;
	uint64_t n = strtoul(v, &end, 0);
	if (*end) {
		printk(KERN_WARNING "cmdline: %s=%s is not a number, using %lu\n", key, v,
		       (unsigned long)default_value);
		return default_value;
	}
	return n;
}

int cmdline_report_unknown(void)
{
	int unknown = 0;
	for (int i = 0; i < nwords; i++) {
		if (strcmp(keys[i], "--") == 0)
			continue;
		bool known = false;
		for (const struct kernel_param *p = __kparam_start; p < __kparam_end; p++)
			if (strcmp(p->name, keys[i]) == 0)
				known = true;
		if (!known) {
			printk(KERN_WARNING "cmdline: unknown option '%s' ignored\n", keys[i]);
			unknown++;
		}
	}
	if (unknown) {
		printk(KERN_WARNING "cmdline: known options:\n");
		for (const struct kernel_param *p = __kparam_start; p < __kparam_end; p++)
			printk(KERN_WARNING "  %-20s %s\n", p->name, p->help);
	}
	return unknown;
}
