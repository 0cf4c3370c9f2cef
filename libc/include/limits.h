/* limits.h: ranges of the integer types (LP64) and the Linux limits
 * POSIX asks for (PATH_MAX, NAME_MAX, PIPE_BUF, ...). */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT 8
#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN 0
#define CHAR_MAX UCHAR_MAX
#else
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#endif
#define MB_LEN_MAX 4
#define SHRT_MIN (-32768)
#define SHRT_MAX 32767
#define USHRT_MAX 65535
#define INT_MIN (-INT_MAX - 1)
#define INT_MAX 2147483647
#define UINT_MAX 4294967295U
#define LONG_MIN (-LONG_MAX - 1L)
#define LONG_MAX 9223372036854775807L
#define ULONG_MAX 18446744073709551615UL
#define LLONG_MIN (-LLONG_MAX - 1LL)
#define LLONG_MAX 9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL
#define SSIZE_MAX LONG_MAX
#define LONG_BIT 64
#define WORD_BIT 32

/* Linux's values */
#define PATH_MAX 4096
#define NAME_MAX 255
#define PIPE_BUF 4096
#define IOV_MAX 1024
#define HOST_NAME_MAX 64
#define LOGIN_NAME_MAX 256
#define TTY_NAME_MAX 32
#define NGROUPS_MAX 65536
#define LINE_MAX 2048
#define SYMLOOP_MAX 40
#define RTSIG_MAX 32
#define ATEXIT_MAX 32
#define NZERO 20
#define _POSIX_PATH_MAX 256
#define _POSIX_ARG_MAX 4096
#define _POSIX_OPEN_MAX 20

#endif
