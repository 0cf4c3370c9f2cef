/* printk_test.c: self-tests of the log buffer, %pS and the symbol table. */
#include <stdbool.h>
#include "kernel/ksyms.h"
#include "kernel/param.h"
#include "kernel/kmalloc.h"
#include "kernel/printk.h"
#include "kernel/selftest.h"
#include "kernel/string.h"
#include "kernel/vsprintf.h"

static bool contains(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

KTEST(printk_ring_buffer)
{
	printk(KERN_DEBUG "selftest: marker %d-%s\n", 4711, "kept");
	char *buf = kmalloc(LOG_BUF_SIZE);
	CHECK(buf, "kmalloc failed");
	size_t n = log_buf_read(buf, LOG_BUF_SIZE);
	bool found = contains(buf, n, "selftest: marker 4711-kept");
	bool level = false; /* "<7>[seconds.micros] selftest: marker" */
	for (size_t i = 0; i + 3 < n && !level; i++)
		if (memcmp(buf + i, "<7>[", 4) == 0) {
			size_t j = i + 4;
			while (j < n && buf[j] != ']')
				j++;
			level = j + 2 < n && buf[j - 7] == '.' && memcmp(buf + j + 2, "selftest: marker", 16) == 0;
		}
	kfree(buf);
	CHECK(found, "message not in the log buffer");
	CHECK(level, "message level and time not recorded as <7>[seconds.micros]");
	return NULL;
}

KTEST(ksyms_lookup)
{
	uintptr_t off, size;
	const char *name = ksym_lookup((uintptr_t)kmalloc + 3, &off, &size);
	CHECK(name && strcmp(name, "kmalloc") == 0, "kmalloc+3 resolves to %s", name ? name : "(none)");
	CHECK(off == 3 && size > 3, "offset %lu size %lu", (unsigned long)off, (unsigned long)size);
	CHECK(ksym_address("kfree") == (uintptr_t)kfree, "ksym_address(kfree) wrong");
	char buf[64];
	snprintf(buf, sizeof buf, "%pS", (void *)((uintptr_t)kfree + 1));
	CHECK(strncmp(buf, "kfree+0x1/0x", 12) == 0, "%%pS printed '%s'", buf);
	CHECK(ksym_lookup(0x1000, 0, 0) == 0, "a user address resolved to a symbol");
	return NULL;
}
