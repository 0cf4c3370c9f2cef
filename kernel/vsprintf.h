/*
 * vsprintf.h: formatted output into a buffer. Conversions: %d %i %u %x
 * %X %o %c %s %p %%, with flags '-' '0' ' ' '+' '#', a width and
 * precision (numbers or '*'), and the size modifiers hh h l ll z t j.
 * %pS prints a code address as function+0xoffset/0xsize when a symbol
 * hook is installed (the kernel installs ksyms), else as %p.
 * Freestanding: the same file builds for the host unit tests.
 */
#ifndef KERNEL_VSPRINTF_H
#define KERNEL_VSPRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Like C's: returns the length the full output would have had. */
#include <stdint.h>
extern size_t (*vsprintf_symbol_hook)(char *buf, size_t size, uintptr_t addr);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
