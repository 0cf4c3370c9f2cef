/* stddef.h: the basic types and macros every C program may use
 * (size_t, ptrdiff_t, NULL, offsetof). x86-64 is LP64: long and
 * pointers are 64 bits, int is 32. */
#ifndef _STDDEF_H
#define _STDDEF_H

#include <bits/types.h>

#define NULL ((void *)0)
#define offsetof(type, member) __builtin_offsetof(type, member)

/* The most strictly aligned scalar type (16 bytes on x86-64). */
typedef struct {
	long long __ll __attribute__((__aligned__(__alignof__(long long))));
	long double __ld __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;

#endif
