/* sys/types.h: the POSIX type names (pid_t, off_t, ssize_t, ...), all
 * defined in bits/types.h with Linux's x86-64 sizes. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <bits/pthread_types.h>
#include <bits/types.h>
#include <stddef.h>
#include <stdint.h>

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef uint8_t u_int8_t;
typedef uint16_t u_int16_t;
typedef uint32_t u_int32_t;
typedef uint64_t u_int64_t;

#endif
