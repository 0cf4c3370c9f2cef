/*
 * dev.c: the character devices in /dev: console and tty (console.c),
 * null and zero. Device numbers are Linux's (major 1 mem, 5 tty).
 * /dev/shm is a RAM file system of its own (ramfs_mount) for POSIX
 * shared memory: shm_open makes its files there.
 */
#include "kernel/console.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/vfs.h"

static long null_read(struct file *f, void *kbuf, size_t n, uint64_t *pos) { return 0; }
static long null_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos) { return (long)n; }

static long zero_read(struct file *f, void *kbuf, size_t n, uint64_t *pos)
{
	memset(kbuf, 0, n);
	return (long)n;
}

static const struct file_ops null_fops = { .read = null_read, .write = null_write, .seekable = true };
static const struct file_ops zero_fops = { .read = zero_read, .write = null_write, .seekable = true };

#define MKDEV(major, minor) ((major) << 8 | (minor))

void dev_init(void)
{
	static const struct {
		const char *path;
		const struct file_ops *fops;
		uint32_t rdev, perm;
	} nodes[] = {
		{ "/dev/null", &null_fops, MKDEV(1, 3), 0666 },
		{ "/dev/zero", &zero_fops, MKDEV(1, 5), 0666 },
		{ "/dev/tty", &ctty_fops, MKDEV(5, 0), 0666 },
		{ "/dev/console", &console_fops, MKDEV(5, 1), 0600 },
		{ "/dev/ptmx", &ptmx_fops, MKDEV(5, 2), 0666 },
	};
	vfs_mkdir(vfs_root, "/dev", 0755);
	vfs_mkdir(vfs_root, "/dev/pts", 0755);
	for (unsigned i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
		int err = vfs_mknod(vfs_root, nodes[i].path, S_IFCHR | nodes[i].perm, nodes[i].fops, nodes[i].rdev);
		if (err && err != -EEXIST)
			printk(KERN_ERR "dev: cannot create %s (error %d)\n", nodes[i].path, err);
	}
	/* sticky and writable by all, as on Linux: anyone may create, only
	 * the owner may remove */
	int err = ramfs_mount("/dev/shm", 01777);
	if (err)
		printk(KERN_ERR "dev: cannot mount /dev/shm (error %d)\n", err);
}
