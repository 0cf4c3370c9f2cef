/* ksyms.c: searching the link-time symbol table (see tools/ksyms.py). */
#include "kernel/ksyms.h"
#include "kernel/string.h"
#include "kernel/vsprintf.h"

extern const uint64_t ksym_count;
extern const uint64_t ksym_addrs[];
extern const uint32_t ksym_offsets[];
extern const char ksym_strings[];
extern const char __text_end[];

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset, uintptr_t *size)
{
	if (ksym_count == 0 || addr < ksym_addrs[0] || addr >= (uintptr_t)__text_end)
		return 0;
	/* binary search: the last symbol at or below addr */
	uint64_t lo = 0, hi = ksym_count;
	while (hi - lo > 1) {
		uint64_t mid = (lo + hi) / 2;
		if (ksym_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	uintptr_t end = lo + 1 < ksym_count ? ksym_addrs[lo + 1] : (uintptr_t)__text_end;
	if (offset)
		*offset = addr - ksym_addrs[lo];
	if (size)
		*size = end - ksym_addrs[lo];
	return ksym_strings + ksym_offsets[lo];
}

size_t ksym_format(char *buf, size_t size, uintptr_t addr)
{
	uintptr_t off, len;
	const char *name = ksym_lookup(addr, &off, &len);
	if (!name)
		return snprintf(buf, size, "0x%lx", (unsigned long)addr);
	return snprintf(buf, size, "%s+0x%lx/0x%lx", name, (unsigned long)off, (unsigned long)len);
}

uintptr_t ksym_address(const char *name)
{
	for (uint64_t i = 0; i < ksym_count; i++)
		if (strcmp(ksym_strings + ksym_offsets[i], name) == 0)
			return ksym_addrs[i];
	return 0;
}
