/*
 * kmalloc.h: the kernel heap for small objects.
 *
 * Requests up to 2 KiB come from per-size caches (16, 32, ... 2048 bytes)
 * carved out of whole pages; larger ones get whole pages. Memory is
 * reached through the direct map; nothing here sleeps.
 */
#ifndef KERNEL_KMALLOC_H
#define KERNEL_KMALLOC_H

#include <stddef.h>

void *kmalloc(size_t size);   /* NULL when memory is exhausted */
void *kzalloc(size_t size);   /* kmalloc, zero-filled */
void kfree(void *p);          /* NULL is fine */
size_t kmalloc_usable_size(const void *p);

#endif
