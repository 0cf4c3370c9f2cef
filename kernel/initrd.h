/*
 * initrd.h: unpacking the initial root file system (a cpio archive in
 * the "newc" format, loaded by GRUB as a multiboot2 module) into ramfs.
 */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include <stddef.h>

/* Unpack the archive at DATA into the root: files unpacked, or -errno. */
int initrd_unpack(const void *data, size_t size);
void initrd_load(void); /* every module GRUB gave us */

#endif
