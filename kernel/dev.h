/* dev.h: creating /dev and its device nodes (dev.c). */
#ifndef KERNEL_DEV_H
#define KERNEL_DEV_H

void dev_init(void);

#endif
