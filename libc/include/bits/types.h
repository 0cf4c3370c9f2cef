/* bits/types.h: every scalar type name of the C library, defined once.
 *
 * All public headers include this file instead of each defining the
 * types it needs: simpler to read, and a typedef repeated with the same
 * type is legal C11 anyway. The sizes are those of Linux on x86-64
 * (LP64), so that structures shared with the kernel (struct stat,
 * struct timespec, ...) have the kernel's layout. */
#ifndef _BITS_TYPES_H
#define _BITS_TYPES_H

typedef unsigned long size_t;
typedef long ssize_t;
typedef long ptrdiff_t;
typedef long intptr_t;
typedef unsigned long uintptr_t;
typedef int wchar_t;
typedef unsigned int wint_t;

/* process and file-system identities */
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int id_t;
typedef unsigned int mode_t;
typedef long off_t;
typedef long off64_t;
typedef long loff_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;
typedef int key_t;

/* time */
typedef long time_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef long clock_t;
typedef int clockid_t;
typedef void *timer_t;

/* threads: a pthread_t is the address of the thread's control block
 * (src/internal/pthread_impl.h), held in an integer as on Linux */
typedef unsigned long pthread_t;
typedef unsigned int pthread_key_t;
typedef int pthread_once_t;
typedef volatile int pthread_spinlock_t;

#endif
