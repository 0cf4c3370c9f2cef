/* selftest.c: running the KTEST functions and reporting each result. */
#include <stdarg.h>
#include <stdbool.h>
#include "kernel/selftest.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/vsprintf.h"

extern const struct ktest __ktest_start[], __ktest_end[];

const char *ktest_fail(const char *file, int line, const char *fmt, ...)
{
	static char msg[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n < (int)sizeof msg)
		snprintf(msg + n, sizeof msg - n, " (%s:%d)", file, line);
	return msg;
}

/* Is NAME in the comma-separated LIST? An empty list selects all. */
static bool selected(const char *list, const char *name)
{
	if (!list || !*list)
		return true;
	size_t len = strlen(name);
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && strncmp(p, name, n) == 0)
			return true;
		p += n + (comma ? 1 : 0);
	}
	return false;
}

int run_selftests(const char *only)
{
	int passed = 0, failed = 0, planned = 0;
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++)
		planned += selected(only, t->name);
	/* the harness checks that this many result lines follow */
	printk("selftest: running %d tests\n", planned);
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (!selected(only, t->name))
			continue;
		const char *why = t->fn();
		if (why) {
			printk("TEST %s FAIL: %s\n", t->name, why);
			failed++;
		} else {
			printk("TEST %s PASS\n", t->name);
			passed++;
		}
	}
	printk("selftest: %d passed, %d failed\n", passed, failed);
	return failed;
}
