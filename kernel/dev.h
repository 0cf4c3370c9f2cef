/* dev.h: creating /dev and its device nodes (dev.c). */
#ifndef KERNEL_DEV_H
#define KERNEL_DEV_H

void dev_init(void);

struct file_ops;
extern const struct file_ops ptmx_fops; /* /dev/ptmx: a new pseudo-terminal (pty.c) */
extern const struct file_ops pts_fops;  /* /dev/pts/N: its slave side */

#endif
