/*
 * uaccess.h: the only way the kernel touches user memory. Every pointer
 * a system call receives goes through one of these: the range is checked
 * to lie in user space, pages not yet present are faulted in, and an
 * access the process may not make returns -EFAULT instead of crashing.
 * With SMAP on, user memory is reachable only inside these functions.
 * Do not call them holding a spinlock (they may fault pages in).
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool access_ok(uint64_t uaddr, size_t n);
/* 0, or -EFAULT if any byte could not be copied. */
long copy_from_user(void *dst, const void *usrc, size_t n);
long copy_to_user(void *udst, const void *src, size_t n);
long clear_user(void *udst, size_t n);
/* Copy a NUL-terminated string of at most MAX-1 chars: its length, or
 * -EFAULT, or -ENAMETOOLONG when no NUL comes within MAX bytes. */
long strncpy_from_user(char *dst, const char *usrc, size_t max);

#define get_user(kvar, uptr) copy_from_user(&(kvar), (uptr), sizeof(kvar))
#define put_user(kval, uptr) ({ __typeof__(*(uptr)) __v = (kval); copy_to_user((uptr), &__v, sizeof __v); })

#endif
