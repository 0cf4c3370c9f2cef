/*
 * ksyms.h: code address -> function name, for backtraces and %pS.
 * The table is generated at link time by tools/ksyms.py.
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stddef.h>
#include <stdint.h>

/* Name of the function containing ADDR (NULL if none); *OFFSET and
 * *SIZE (either may be NULL) get ADDR's offset into it and its size. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset, uintptr_t *size);
/* Write "name+0xoff/0xsize" (or "0x...") into BUF; returns length. */
size_t ksym_format(char *buf, size_t size, uintptr_t addr);
/* Address of function NAME, or 0. */
uintptr_t ksym_address(const char *name);

#endif
