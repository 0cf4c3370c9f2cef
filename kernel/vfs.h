/*
 * vfs.h: the virtual file system: inodes, the directory tree, open files.
 *
 *   process --files--> struct files (descriptor table, fd -> struct file)
 *   struct file: an open file: offset, flags, reference count (shared by
 *                dup and fork), ops of its inode's kind
 *   struct inode: a file, directory, symlink, device or pipe; reference
 *                counted; its file system's ops do the work
 *
 * One file system holds the tree (ramfs.c, filled from the initrd);
 * procfs.c is mounted on /proc. Names are resolved by vfs_lookup
 * following symlinks (at most 40, then ELOOP). All tree changes and ramfs
 * data copies happen under vfs_lock (a spinlock: nothing in a file system
 * sleeps; devices and pipes that wait do so outside it).
 */
#ifndef KERNEL_VFS_H
#define KERNEL_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kernel/list.h"
#include "kernel/semaphore.h"
#include "kernel/spinlock.h"

#define PATH_MAX 4096
#define NAME_MAX 255

/* mode bits (Linux's) */
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)

/* open flags (Linux's) */
#define O_ACCMODE   3
#define O_RDONLY    0
#define O_WRONLY    1
#define O_RDWR      2
#define O_CREAT     0100
#define O_EXCL      0200
#define O_NOCTTY    0400
#define O_TRUNC     01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000
#define O_CLOEXEC   02000000
#define O_PATH      010000000

/* directory entry types for getdents64 */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

struct inode;
struct file;

#define UNLINK_DIR 1
#define UNLINK_MOVE 2

struct dir_entry_out {
	uint64_t ino;
	unsigned char type;
	char name[NAME_MAX + 1];
};

/* What a file system does with its inodes. Called with vfs_lock held,
 * except get_page. */
struct inode_ops {
	int (*lookup)(struct inode *dir, const char *name, struct inode **out);
	int (*create)(struct inode *dir, const char *name, uint32_t mode, struct inode **out);
	int (*link)(struct inode *dir, const char *name, struct inode *target);
	/* remove NAME; FLAGS: UNLINK_DIR (rmdir), UNLINK_MOVE (rename: drop
	 * just the entry, whatever the directory holds) */
	int (*unlink)(struct inode *dir, const char *name, int flags);
	/* entry number *POS of DIR into OUT; 1 if one, 0 at the end */
	int (*readdir)(struct inode *dir, uint64_t *pos, struct dir_entry_out *out);
	int (*truncate)(struct inode *inode, uint64_t size);
	/* read/write file data (not devices): bytes, or -errno */
	long (*read)(struct inode *inode, void *buf, size_t n, uint64_t off);
	long (*write)(struct inode *inode, const void *buf, size_t n, uint64_t off);
	void (*destroy)(struct inode *inode); /* last reference gone, no links left */
	/* a symlink whose target is made when asked (/proc/self, /proc/PID/fd/N):
	 * the target into BUF (SIZE bytes, NUL-terminated): its length, or
	 * -errno. Symlinks without it keep their target in inode.symlink. */
	long (*readlink)(struct inode *inode, char *buf, size_t size);
	/* The frame holding page INDEX of a regular file, made (zero-filled)
	 * where the file has a hole, with a reference for the caller
	 * (page_put). These frames are the file's data itself, so a
	 * MAP_SHARED mapping (mm.c) and read()/write() see the same bytes.
	 * NULL: the file system's files cannot be mapped (mmap: ENODEV).
	 * -ENOMEM when no page is left. Called WITHOUT vfs_lock (from a
	 * page fault, under mm->lock): the file system locks what it needs. */
	int (*get_page)(struct inode *inode, uint64_t index, uint64_t *phys);
};

/* What an open file does. Called WITHOUT vfs_lock; may sleep. */
struct poll_table;

struct file_ops {
	int (*open)(struct inode *inode, struct file *f);
	long (*read)(struct file *f, void *kbuf, size_t n, uint64_t *pos);
	long (*write)(struct file *f, const void *kbuf, size_t n, uint64_t *pos);
	long (*ioctl)(struct file *f, unsigned long cmd, unsigned long arg);
	/* readiness for poll/select (poll.h); none: always ready */
	unsigned (*poll)(struct file *f, struct poll_table *pt);
	void (*release)(struct file *f);
	bool seekable;
};

struct inode {
	uint64_t ino;
	uint32_t mode;             /* type and permission bits */
	uint32_t nlink;
	uint64_t size;
	uint32_t rdev;             /* devices: major << 8 | minor */
	int refs;                  /* references from files, cwd, lookups; atomic */
	uint64_t atime, mtime, ctime; /* seconds since the epoch */
	const struct inode_ops *ops;
	const struct file_ops *fops;
	struct inode *parent;      /* directories: for ".."; other files: the
	                            * directory holding their name, or NULL */
	struct inode *mounted;     /* a file system's root mounted here */
	void *fs_data;             /* the file system's own (ramfs: pages/entries) */
	char *symlink;             /* target of a symlink */
};

struct file {
	struct inode *inode;
	const struct file_ops *ops;
	uint64_t pos;              /* guarded by pos_lock */
	struct mutex pos_lock;     /* one read/write at a time moves the offset
	                            * (threads and forked processes share files) */
	int flags;                 /* O_* status flags (F_SETFL: word-sized store) */
	int refs;                  /* descriptors and forks sharing it; atomic */
	void *private;             /* the file's kind's own (pipe end, snapshot...) */
};

extern struct spinlock vfs_lock;
extern struct inode *vfs_root;

void vfs_init(void);
struct inode *inode_new(uint32_t mode, const struct inode_ops *ops, const struct file_ops *fops);
struct inode *inode_get(struct inode *inode);
void inode_put(struct inode *inode);
/* Free INODE if it has neither references nor links. Caller holds vfs_lock. */
void inode_maybe_destroy(struct inode *inode);

/* Resolve PATH (relative to CWD) to a referenced inode in *OUT.
 * FOLLOW: follow a symlink in the last component. */
int vfs_lookup(struct inode *cwd, const char *path, bool follow, struct inode **out);
/* Resolve all but the last component: the parent directory (referenced)
 * and the last name (a pointer into a copy in NAME, NAME_MAX+1 bytes). */
int vfs_lookup_parent(struct inode *cwd, const char *path, struct inode **dir, char *name);
/* Open (and maybe create) PATH: a new struct file, or -errno. */
int vfs_open(struct inode *cwd, const char *path, int flags, uint32_t mode, struct file **out);
struct file *file_new(struct inode *inode, int flags);
struct file *file_get(struct file *f);
void file_put(struct file *f);
int vfs_mkdir(struct inode *cwd, const char *path, uint32_t mode);
int vfs_unlink(struct inode *cwd, const char *path, bool dir);
int vfs_rename(struct inode *cwd, const char *from, const char *to);
int vfs_symlink(struct inode *cwd, const char *target, const char *path);
/* A new name TO (from NDIR) for the file FROM (from ODIR); FOLLOW: if
 * FROM is a symlink, link its target. EEXIST, EPERM for a directory. */
int vfs_link(struct inode *odir, const char *from, struct inode *ndir, const char *to, bool follow);
int vfs_mknod(struct inode *cwd, const char *path, uint32_t mode, const struct file_ops *fops, uint32_t rdev);
/* Absolute path of directory DIR into BUF: length, or -errno. */
long vfs_path_of(struct inode *dir, char *buf, size_t size);
/* The same for any inode that has a name in the tree (a file's name is
 * found in its parent directory). Caller holds vfs_lock. -ENOENT for a
 * removed file or one that never had a name (a pipe). */
long vfs_name_of_locked(struct inode *inode, char *buf, size_t size);
/* The target of symlink INODE into BUF (NUL-terminated, truncated to
 * SIZE-1): its full length, or -EINVAL if INODE is not a symlink.
 * Caller holds vfs_lock. */
long vfs_readlink_locked(struct inode *inode, char *buf, size_t size);
long vfs_read_inode(struct inode *inode, void *buf, size_t n, uint64_t off);
long vfs_write_inode(struct inode *inode, const void *buf, size_t n, uint64_t off);
uint64_t vfs_now(void);    /* seconds since the epoch, for timestamps */

/* ramfs.c */
struct inode *ramfs_new_root(void);
/* An unnamed regular file (no links), referenced: the memory behind a
 * MAP_SHARED|MAP_ANONYMOUS mapping. */
struct inode *ramfs_new_unlinked(void);
/* Mount a new, empty ramfs on directory PATH (made if missing) with
 * permissions MODE: /dev/shm. 0 or -errno. */
int ramfs_mount(const char *path, uint32_t mode);
extern const struct inode_ops ramfs_ops;
extern const struct file_ops ramfs_file_ops;

#endif
