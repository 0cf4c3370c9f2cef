/*
 * files.h: a process's descriptor table: small integers to open files.
 * fork copies the table (both then share each struct file and its
 * offset); threads created with CLONE_FILES share one table.
 */
#ifndef KERNEL_FILES_H
#define KERNEL_FILES_H

#include <stdbool.h>
#include "kernel/spinlock.h"
#include "kernel/vfs.h"

#define NR_OPEN_DEFAULT 1024  /* slots a new table starts with (= RLIMIT_NOFILE's
                               * soft default); it grows up to the limit */

struct files {
	struct spinlock lock;
	int refs;                   /* processes/threads sharing it; atomic */
	int max;                    /* slots in fd[] */
	struct file **fd;           /* guarded by lock */
	bool *cloexec;              /* guarded by lock */
};

struct files *files_new(void);
struct files *files_dup(struct files *src);
void files_put(struct files *files);
/* Install F at the lowest free descriptor >= MIN: the fd, or -EMFILE
 * when none is free below the caller's RLIMIT_NOFILE. */
int fd_install(struct files *files, struct file *f, int min, bool cloexec);
/* The file at FD with a reference (file_put it), or NULL. */
struct file *fd_get(struct files *files, int fd);
int fd_close(struct files *files, int fd);
/* Make NEWFD refer to FD's file (dup2/dup3); -EBADF if NEWFD is not
 * below RLIMIT_NOFILE. */
int fd_dup_to(struct files *files, int fd, int newfd, bool cloexec);
void files_close_on_exec(struct files *files);
int fd_get_cloexec(struct files *files, int fd);
int fd_set_cloexec(struct files *files, int fd, bool on);

#endif
