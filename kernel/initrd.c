/*
 * initrd.c: the cpio "newc" reader. Each member is a 110-byte ASCII
 * header (magic 070701, then thirteen 8-digit hex fields), the name
 * (padded so header+name is a multiple of 4), then the data (padded to
 * 4). The member named TRAILER!!! ends the archive. Directories, regular
 * files and symlinks are created; anything malformed is reported and
 * unpacking stops there.
 */
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/vsprintf.h"
#include "kernel/kmalloc.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/vfs.h"
#include "arch/x86_64/arch.h"

#define HEADER 110

static bool hex8(const char *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return true;
}

static size_t pad4(size_t n) { return (n + 3) & ~(size_t)3; }

static int unpack_one(const char *name, uint32_t mode, const char *data, uint32_t size)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "/%s", name);
	if (S_ISDIR(mode)) {
		int err = vfs_mkdir(vfs_root, path, mode & 07777);
		return err == -EEXIST ? 0 : err;
	}
	if (S_ISLNK(mode)) {
		char *target = kmalloc(size + 1);
		if (!target)
			return -ENOMEM;
		memcpy(target, data, size);
		target[size] = 0;
		int err = vfs_symlink(vfs_root, target, path);
		kfree(target);
		return err;
	}
	if (!S_ISREG(mode))
		return 0; /* device nodes and the like: dev.c makes its own */
	struct file *f;
	int err = vfs_open(vfs_root, path, O_CREAT | O_WRONLY | O_TRUNC, mode & 07777, &f);
	if (err)
		return err;
	f->inode->mode = S_IFREG | (mode & 07777); /* no umask at unpack time */
	long n = vfs_write_inode(f->inode, data, size, 0);
	file_put(f);
	return n == (long)size ? 0 : n < 0 ? (int)n : -ENOSPC;
}

int initrd_unpack(const void *start, size_t size)
{
	const char *p = start, *end = p + size;
	int files = 0;
	while (p + HEADER <= end) {
		uint32_t f[13];
		if (memcmp(p, "070701", 6) != 0) {
			printk(KERN_ERR "initrd: bad cpio magic at offset %lu; stopping\n", (unsigned long)(p - (const char *)start));
			return -EINVAL;
		}
		for (int i = 0; i < 13; i++)
			if (!hex8(p + 6 + 8 * i, &f[i])) {
				printk(KERN_ERR "initrd: bad header field; stopping\n");
				return -EINVAL;
			}
		uint32_t mode = f[1], filesize = f[6], namesize = f[11];
		const char *name = p + HEADER;
		const char *data = (const char *)start + pad4((size_t)(name - (const char *)start) + namesize);
		if (namesize == 0 || name + namesize > end || name[namesize - 1] != 0 || data + filesize > end) {
			printk(KERN_ERR "initrd: member runs past the archive's end; stopping\n");
			return -EINVAL;
		}
		if (strcmp(name, "TRAILER!!!") == 0)
			return files;
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		if (strcmp(name, ".") != 0 && name[0]) {
			int err = unpack_one(name, mode, data, filesize);
			if (err)
				printk(KERN_WARNING "initrd: /%s: error %d\n", name, err);
			else
				files++;
		}
		p = (const char *)start + pad4((size_t)(data - (const char *)start) + filesize);
	}
	printk(KERN_WARNING "initrd: no TRAILER!!! member; archive truncated?\n");
	return files;
}

void initrd_load(void)
{
	for (int i = 0; i < boot_info.nmodules; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		int n = initrd_unpack(phys_to_virt(m->start), m->end - m->start);
		if (n >= 0)
			printk("initrd: %d entries from module '%s' (%lu KiB)\n", n, m->cmdline,
			       (unsigned long)((m->end - m->start) >> 10));
	}
}
