/*
 * layout.h: the virtual address map, shared by C and assembly.
 *
 *   0x0000000000000000 .. 0x00007fffffffffff   user space (kernel/mm.h has its map)
 *   0xffff800000000000 .. +phys memory         direct map of all RAM (NX)
 *   0xffffc00000000000 .. 0xffffc07fffffffff   MMIO mappings (uncached)
 *   0xffffe00000000000 .. 0xffffe0003fffffff   kernel stacks: 16384 slots of
 *                                              64 KiB, the unused part of
 *                                              each (below the stack) unmapped
 *   0xffffffff80000000 .. +image size          kernel image (text RX,
 *                                              rodata R, data/bss RW)
 */
#ifndef ARCH_X86_64_LAYOUT_H
#define ARCH_X86_64_LAYOUT_H

#define KERNEL_VMA        0xffffffff80000000
#define DIRECT_MAP_BASE   0xffff800000000000
#define MMIO_BASE         0xffffc00000000000
#define KSTACK_AREA_BASE  0xffffe00000000000
#define PAGE_SIZE         4096
#define KSTACK_SIZE       (4 * PAGE_SIZE)   /* 16 KiB per kernel stack */
#define IST_STACK_SIZE    (2 * PAGE_SIZE)   /* double fault, NMI */
#define TRAMPOLINE_PHYS   0x8000            /* AP start-up code (< 1 MiB) */

#endif
