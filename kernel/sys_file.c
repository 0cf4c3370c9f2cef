/*
 * sys_file.c: the file system calls. Each one checks its arguments the
 * way Linux does, moves data through a kernel buffer (so file systems
 * never touch user memory), and works on the calling process's
 * descriptor table and working directory.
 */
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/kmalloc.h"
#include "kernel/process.h"
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/sysproto.h"
#include "kernel/uaccess.h"
#include "kernel/uapi.h"
#include "kernel/vfs.h"

#define IO_CHUNK (64 * 1024)
#define MAX_RW_COUNT (0x7fffffff & ~4095ul) /* INT_MAX rounded down to a page */

static struct process *me(void) { return current->proc; }

/* Copy a user path into a kernel buffer of PATH_MAX bytes. */
static long get_path(const char *upath, char **out)
{
	if (!upath)
		return -EFAULT;
	char *buf = kmalloc(PATH_MAX);
	if (!buf)
		return -ENOMEM;
	long n = strncpy_from_user(buf, upath, PATH_MAX);
	if (n < 0) {
		kfree(buf);
		return n;
	}
	*out = buf;
	return 0;
}

/* The directory a *at() call's relative PATH starts from (referenced). */
static long start_dir(int dirfd, const char *path, struct inode **dir)
{
	if (path[0] == '/' || dirfd == AT_FDCWD) {
		*dir = cwd_get();
		return 0;
	}
	struct file *f = fd_get(me()->files, dirfd);
	if (!f)
		return -EBADF;
	long err = 0;
	if (!f->inode || !S_ISDIR(f->inode->mode))
		err = -ENOTDIR;
	else
		*dir = inode_get(f->inode);
	file_put(f);
	return err;
}

/* The inode PATH (a kernel copy) names, relative to DIRFD as the *at()
 * calls take it: referenced (inode_put it), or -errno. */
static long lookup_at(int dirfd, const char *path, bool follow, struct inode **out)
{
	struct inode *dir;
	long err = start_dir(dirfd, path, &dir);
	if (err)
		return err;
	err = vfs_lookup(dir, path, follow, out);
	inode_put(dir);
	return err;
}

long sys_openat(int dirfd, const char *upath, int flags, uint32_t mode)
{
	char *path;
	long err = get_path(upath, &path);
	if (err)
		return err;
	struct inode *dir;
	if ((err = start_dir(dirfd, path, &dir)) == 0) {
		struct file *f;
		err = vfs_open(dir, path, flags, mode & ~me()->fs->umask, &f);
		if (!err) {
			err = fd_install(me()->files, f, 0, flags & O_CLOEXEC);
			if (err < 0)
				file_put(f);
		}
		inode_put(dir);
	}
	kfree(path);
	return err;
}

long sys_open(const char *path, int flags, uint32_t mode) { return sys_openat(AT_FDCWD, path, flags, mode); }
long sys_creat(const char *path, uint32_t mode) { return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode); }
long sys_close(int fd) { return fd_close(me()->files, fd); }

static bool readable(struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY && !(f->flags & O_PATH); }
static bool writable(struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY && !(f->flags & O_PATH); }

/* Read up to N bytes into user UBUF at *POS (the file's offset if POS is NULL). */
static long do_read(struct file *f, char *ubuf, size_t n, uint64_t *pos)
{
	if (!readable(f))
		return -EBADF;
	if (!f->ops || !f->ops->read)
		return -EINVAL;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT; /* Linux's limit on one transfer */
	if (n == 0)
		return 0;
	if (!access_ok((uint64_t)ubuf, n))
		return -EFAULT;
	size_t chunk = n < IO_CHUNK ? n : IO_CHUNK;
	char *kbuf = kmalloc(chunk);
	if (!kbuf)
		return -ENOMEM;
	bool own_pos = !pos && f->ops->seekable; /* the file's offset: one at a time */
	if (own_pos)
		mutex_lock(&f->pos_lock);
	uint64_t p = pos ? *pos : f->pos;
	long total = 0;
	while ((size_t)total < n) {
		size_t want = n - total < chunk ? n - total : chunk;
		long r = f->ops->read(f, kbuf, want, &p);
		if (r <= 0) {
			if (total == 0)
				total = r;
			break;
		}
		if (copy_to_user(ubuf + total, kbuf, r)) {
			if (total == 0)
				total = -EFAULT;
			break;
		}
		total += r;
		if ((size_t)r < want)
			break; /* a pipe or terminal gave what it had */
	}
	if (pos)
		*pos = p;
	else if (own_pos) {
		f->pos = p;
		mutex_unlock(&f->pos_lock);
	}
	kfree(kbuf);
	return total;
}

static long do_write(struct file *f, const char *ubuf, size_t n, uint64_t *pos)
{
	if (!writable(f))
		return -EBADF;
	if (!f->ops || !f->ops->write)
		return -EINVAL;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	if (n == 0)
		return 0;
	if (!access_ok((uint64_t)ubuf, n))
		return -EFAULT;
	size_t chunk = n < IO_CHUNK ? n : IO_CHUNK;
	char *kbuf = kmalloc(chunk);
	if (!kbuf)
		return -ENOMEM;
	bool own_pos = !pos && f->ops->seekable;
	if (own_pos)
		mutex_lock(&f->pos_lock);
	uint64_t p = pos ? *pos : f->pos;
	long total = 0;
	while ((size_t)total < n) {
		size_t want = n - total < chunk ? n - total : chunk;
		if (copy_from_user(kbuf, ubuf + total, want)) {
			if (total == 0)
				total = -EFAULT;
			break;
		}
		long r = f->ops->write(f, kbuf, want, &p);
		if (r <= 0) {
			if (total == 0)
				total = r;
			break;
		}
		total += r;
		if ((size_t)r < want)
			break;
	}
	if (pos)
		*pos = p;
	else if (own_pos) {
		f->pos = p;
		mutex_unlock(&f->pos_lock);
	}
	kfree(kbuf);
	return total;
}

long sys_read(int fd, char *buf, size_t n)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r = do_read(f, buf, n, 0);
	file_put(f);
	return r;
}

long sys_write(int fd, const char *buf, size_t n)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r = do_write(f, buf, n, 0);
	file_put(f);
	return r;
}

static long positional(int fd, char *buf, size_t n, long off, bool write)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r;
	if (off < 0)
		r = -EINVAL;
	else if (!f->ops || !f->ops->seekable)
		r = -ESPIPE;
	else {
		uint64_t pos = (uint64_t)off;
		r = write ? do_write(f, buf, n, &pos) : do_read(f, buf, n, &pos);
	}
	file_put(f);
	return r;
}

long sys_pread64(int fd, char *buf, size_t n, long off) { return positional(fd, buf, n, off, false); }
long sys_pwrite64(int fd, const char *buf, size_t n, long off) { return positional(fd, (char *)buf, n, off, true); }

struct iovec {
	void *base;
	size_t len;
};

static long vectored(int fd, const struct iovec *uiov, int cnt, bool write)
{
	if (cnt < 0 || cnt > 1024)
		return -EINVAL;
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long total = 0;
	for (int i = 0; i < cnt; i++) {
		struct iovec v;
		if (copy_from_user(&v, &uiov[i], sizeof v)) {
			total = total ? total : -EFAULT;
			break;
		}
		if ((long)v.len < 0) {
			total = -EINVAL;
			break;
		}
		long r = write ? do_write(f, v.base, v.len, 0) : do_read(f, v.base, v.len, 0);
		if (r < 0) {
			total = total ? total : r;
			break;
		}
		total += r;
		if ((size_t)r < v.len)
			break;
	}
	file_put(f);
	return total;
}

long sys_readv(int fd, const void *iov, int cnt) { return vectored(fd, iov, cnt, false); }
long sys_writev(int fd, const void *iov, int cnt) { return vectored(fd, iov, cnt, true); }

long sys_lseek(int fd, long off, int whence)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r;
	if (!f->ops || !f->ops->seekable) {
		r = -ESPIPE;
	} else {
		mutex_lock(&f->pos_lock);
		long base = whence == 0 ? 0 : whence == 1 ? (long)f->pos : whence == 2 ? (long)f->inode->size : -1;
		if (base < 0 || (whence != 0 && whence != 1 && whence != 2))
			r = -EINVAL;
		else if (base + off < 0)
			r = -EINVAL;
		else
			r = (long)(f->pos = (uint64_t)(base + off));
		mutex_unlock(&f->pos_lock);
	}
	file_put(f);
	return r;
}

long sys_dup(int fd)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r = fd_install(me()->files, f, 0, false);
	if (r < 0)
		file_put(f);
	return r;
}

long sys_dup3(int fd, int newfd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (fd == newfd)
		return -EINVAL;
	return fd_dup_to(me()->files, fd, newfd, flags & O_CLOEXEC);
}

long sys_dup2(int fd, int newfd)
{
	if (fd == newfd) {
		struct file *f = fd_get(me()->files, fd);
		if (!f)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return fd_dup_to(me()->files, fd, newfd, false);
}

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

long sys_fcntl(int fd, int cmd, long arg)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0 || (uint64_t)arg >= rlimit(RLIMIT_NOFILE)) {
			r = -EINVAL;
			break;
		}
		r = fd_install(me()->files, file_get(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (r < 0)
			file_put(f);
		break;
	case F_GETFD:
		r = fd_get_cloexec(me()->files, fd) > 0 ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		r = fd_set_cloexec(me()->files, fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		r = f->flags;
		break;
	case F_SETFL: /* only these status flags may change, as in Linux */
		f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) | ((int)arg & (O_APPEND | O_NONBLOCK));
		r = 0;
		break;
	default:
		r = -EINVAL;
	}
	file_put(f);
	return r;
}

long sys_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r = f->ops && f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
	file_put(f);
	return r;
}

/* ---- stat ---- */

static void fill_stat(struct inode *i, struct linux_stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_dev = 1;
	st->st_ino = i->ino;
	/* pipes have no directory entry but count as one link, as in Linux */
	st->st_nlink = S_ISFIFO(i->mode) && !i->nlink ? 1 : i->nlink;
	st->st_mode = i->mode;
	st->st_rdev = i->rdev;
	st->st_size = (long)i->size;
	st->st_blksize = 4096;
	st->st_blocks = (long)((i->size + 511) / 512);
	st->st_atim.tv_sec = (long)i->atime;
	st->st_mtim.tv_sec = (long)i->mtime;
	st->st_ctim.tv_sec = (long)i->ctime;
}

static long stat_inode(struct inode *i, void *ubuf)
{
	struct linux_stat st;
	fill_stat(i, &st);
	return copy_to_user(ubuf, &st, sizeof st);
}

long sys_newfstatat(int dirfd, const char *upath, void *ubuf, int flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	char *path;
	long err = get_path(upath, &path);
	if (err)
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		kfree(path);
		return sys_fstat(dirfd, ubuf);
	}
	struct inode *i;
	if ((err = lookup_at(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), &i)) == 0) {
		err = stat_inode(i, ubuf);
		inode_put(i);
	}
	kfree(path);
	return err;
}

long sys_stat(const char *path, void *buf) { return sys_newfstatat(AT_FDCWD, path, buf, 0); }
long sys_lstat(const char *path, void *buf) { return sys_newfstatat(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW); }

long sys_fstat(int fd, void *ubuf)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r = stat_inode(f->inode, ubuf); /* every open file has an inode, pipes too */
	file_put(f);
	return r;
}

long sys_faccessat(int dirfd, const char *upath, int mode)
{
	if (mode & ~7)
		return -EINVAL;
	char *path;
	long err = get_path(upath, &path);
	if (err)
		return err;
	struct inode *i;
	if ((err = lookup_at(dirfd, path, true, &i)) == 0) {
		/* root may read and write anything; execute needs some x bit */
		if ((mode & 1) && !S_ISDIR(i->mode) && !(i->mode & 0111))
			err = -EACCES;
		inode_put(i);
	}
	kfree(path);
	return err;
}

long sys_access(const char *path, int mode) { return sys_faccessat(AT_FDCWD, path, mode); }

/* ---- directories ---- */

long sys_getdents64(int fd, void *ubuf, size_t size)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r = 0;
	if (!f->inode || !S_ISDIR(f->inode->mode)) {
		file_put(f);
		return -ENOTDIR;
	}
	char *kbuf = kmalloc(size < IO_CHUNK ? size : IO_CHUNK);
	size_t cap = size < IO_CHUNK ? size : IO_CHUNK, used = 0;
	struct dir_entry_out *e = kmalloc(sizeof *e);
	if (!kbuf || !e) {
		kfree(kbuf);
		kfree(e);
		file_put(f);
		return -ENOMEM;
	}
	mutex_lock(&f->pos_lock);
	for (;;) {
		uint64_t pos = f->pos;
		spin_lock(&vfs_lock);
		int got = f->inode->ops->readdir(f->inode, &pos, e);
		spin_unlock(&vfs_lock);
		if (got <= 0)
			break;
		size_t namelen = strlen(e->name);
		size_t reclen = (19 + namelen + 1 + 7) & ~(size_t)7;
		if (used + reclen > cap) {
			if (used == 0)
				r = -EINVAL; /* buffer too small for one entry */
			break;
		}
		struct linux_dirent64 *d = (struct linux_dirent64 *)(kbuf + used);
		d->d_ino = e->ino;
		d->d_off = (int64_t)pos;
		d->d_reclen = (uint16_t)reclen;
		d->d_type = e->type;
		memcpy(d->d_name, e->name, namelen + 1);
		used += reclen;
		f->pos = pos;
	}
	mutex_unlock(&f->pos_lock);
	if (r == 0 && used && copy_to_user(ubuf, kbuf, used))
		r = -EFAULT;
	else if (r == 0)
		r = (long)used;
	kfree(kbuf);
	kfree(e);
	file_put(f);
	return r;
}

long sys_mkdirat(int dirfd, const char *upath, uint32_t mode)
{
	char *path;
	long err = get_path(upath, &path);
	if (err)
		return err;
	struct inode *dir;
	if ((err = start_dir(dirfd, path, &dir)) == 0) {
		err = vfs_mkdir(dir, path, mode & ~me()->fs->umask & 07777);
		inode_put(dir);
	}
	kfree(path);
	return err;
}

long sys_mkdir(const char *path, uint32_t mode) { return sys_mkdirat(AT_FDCWD, path, mode); }

long sys_unlinkat(int dirfd, const char *upath, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	char *path;
	long err = get_path(upath, &path);
	if (err)
		return err;
	struct inode *dir;
	if ((err = start_dir(dirfd, path, &dir)) == 0) {
		err = vfs_unlink(dir, path, flags & AT_REMOVEDIR);
		inode_put(dir);
	}
	kfree(path);
	return err;
}

long sys_unlink(const char *path) { return sys_unlinkat(AT_FDCWD, path, 0); }
long sys_rmdir(const char *path) { return sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR); }

long sys_renameat(int olddirfd, const char *uold, int newdirfd, const char *unew)
{
	char *from, *to;
	long err = get_path(uold, &from);
	if (err)
		return err;
	if ((err = get_path(unew, &to)) != 0) {
		kfree(from);
		return err;
	}
	/* both relative to the working directory unless given dirfds */
	if ((olddirfd != AT_FDCWD && from[0] != '/') || (newdirfd != AT_FDCWD && to[0] != '/'))
		err = -EINVAL; /* renameat with real directory fds: not supported yet */
	else {
		struct inode *cwd = cwd_get();
		err = vfs_rename(cwd, from, to);
		inode_put(cwd);
	}
	kfree(from);
	kfree(to);
	return err;
}

long sys_linkat(int olddirfd, const char *uold, int newdirfd, const char *unew, int flags)
{
	if (flags & ~AT_SYMLINK_FOLLOW)
		return -EINVAL;
	char *from, *to;
	long err = get_path(uold, &from);
	if (err)
		return err;
	if ((err = get_path(unew, &to)) != 0) {
		kfree(from);
		return err;
	}
	struct inode *odir, *ndir;
	if ((err = start_dir(olddirfd, from, &odir)) == 0) {
		if ((err = start_dir(newdirfd, to, &ndir)) == 0) {
			err = vfs_link(odir, from, ndir, to, flags & AT_SYMLINK_FOLLOW);
			inode_put(ndir);
		}
		inode_put(odir);
	}
	kfree(from);
	kfree(to);
	return err;
}

long sys_link(const char *from, const char *to) { return sys_linkat(AT_FDCWD, from, AT_FDCWD, to, 0); }

long sys_rename(const char *from, const char *to) { return sys_renameat(AT_FDCWD, from, AT_FDCWD, to); }

long sys_symlinkat(const char *utarget, int dirfd, const char *upath)
{
	char *target, *path;
	long err = get_path(utarget, &target);
	if (err)
		return err;
	if ((err = get_path(upath, &path)) != 0) {
		kfree(target);
		return err;
	}
	struct inode *dir;
	if (!target[0])
		err = -ENOENT;
	else if ((err = start_dir(dirfd, path, &dir)) == 0) {
		err = vfs_symlink(dir, target, path);
		inode_put(dir);
	}
	kfree(target);
	kfree(path);
	return err;
}

long sys_symlink(const char *target, const char *path) { return sys_symlinkat(target, AT_FDCWD, path); }

long sys_readlinkat(int dirfd, const char *upath, char *ubuf, int size)
{
	if (size <= 0)
		return -EINVAL;
	char *path;
	long err = get_path(upath, &path);
	if (err)
		return err;
	struct inode *i;
	if ((err = lookup_at(dirfd, path, false, &i)) == 0) {
		/* read under vfs_lock: /proc's links are made as they are read */
		spin_lock(&vfs_lock);
		long len = vfs_readlink_locked(i, path, PATH_MAX);
		spin_unlock(&vfs_lock);
		if (len < 0)
			err = len;
		else {
			/* no NUL; a short buffer gets the first SIZE bytes */
			size_t n = (size_t)len < PATH_MAX ? (size_t)len : PATH_MAX - 1;
			n = n < (size_t)size ? n : (size_t)size;
			err = copy_to_user(ubuf, path, n) ? -EFAULT : (long)n;
		}
		inode_put(i);
	}
	kfree(path);
	return err;
}

long sys_readlink(const char *path, char *buf, int size) { return sys_readlinkat(AT_FDCWD, path, buf, size); }

long sys_fchmodat(int dirfd, const char *upath, uint32_t mode)
{
	char *path;
	long err = get_path(upath, &path);
	if (err)
		return err;
	struct inode *i;
	if ((err = lookup_at(dirfd, path, true, &i)) == 0) {
		i->mode = (i->mode & S_IFMT) | (mode & 07777);
		i->ctime = vfs_now();
		inode_put(i);
	}
	kfree(path);
	return err;
}

long sys_chmod(const char *path, uint32_t mode) { return sys_fchmodat(AT_FDCWD, path, mode); }

long sys_umask(uint32_t mask)
{
	struct fs_info *fs = me()->fs;
	spin_lock(&fs->lock);
	uint32_t old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}

/* Everything lives in memory: there is nothing to write back. */
long sys_sync(void) { return 0; }

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

long sys_utimensat(int dirfd, const char *upath, const void *utimes, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	struct linux_timespec ts[2];
	uint64_t now = vfs_now();
	if (utimes) {
		if (copy_from_user(ts, utimes, sizeof ts))
			return -EFAULT;
		for (int i = 0; i < 2; i++)
			if (ts[i].tv_nsec != UTIME_NOW && ts[i].tv_nsec != UTIME_OMIT &&
			    (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000))
				return -EINVAL;
	} else {
		ts[0].tv_nsec = ts[1].tv_nsec = UTIME_NOW;
	}
	struct inode *i;
	long err;
	if (!upath) { /* futimens(): the file open at DIRFD */
		struct file *f = fd_get(me()->files, dirfd);
		if (!f)
			return -EBADF;
		i = f->inode ? inode_get(f->inode) : 0;
		file_put(f);
		if (!i)
			return -EINVAL;
	} else {
		char *path;
		if ((err = get_path(upath, &path)) != 0)
			return err;
		err = lookup_at(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), &i);
		kfree(path);
		if (err)
			return err;
	}
	uint64_t *fields[2] = { &i->atime, &i->mtime };
	for (int k = 0; k < 2; k++)
		if (ts[k].tv_nsec == UTIME_NOW)
			*fields[k] = now;
		else if (ts[k].tv_nsec != UTIME_OMIT)
			*fields[k] = (uint64_t)ts[k].tv_sec;
	i->ctime = now;
	inode_put(i);
	return 0;
}

long sys_ftruncate(int fd, long length)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long r;
	if (length < 0)
		r = -EINVAL;
	else if (!f->inode || !S_ISREG(f->inode->mode) || !f->inode->ops->truncate)
		r = -EINVAL;
	else if (!writable(f))
		r = -EINVAL; /* Linux: EINVAL when not open for writing */
	else {
		spin_lock(&vfs_lock);
		r = f->inode->ops->truncate(f->inode, (uint64_t)length);
		spin_unlock(&vfs_lock);
	}
	file_put(f);
	return r;
}

/* Make DIR (a reference we hand over) the working directory. */
static void set_cwd(struct inode *dir)
{
	struct fs_info *fs = me()->fs;
	spin_lock(&fs->lock);
	struct inode *old = fs->cwd;
	fs->cwd = dir;
	spin_unlock(&fs->lock);
	inode_put(old);
}

long sys_chdir(const char *upath)
{
	char *path;
	long err = get_path(upath, &path);
	if (err)
		return err;
	struct inode *i, *cwd = cwd_get();
	err = vfs_lookup(cwd, path, true, &i);
	inode_put(cwd);
	if (!err) {
		if (!S_ISDIR(i->mode)) {
			inode_put(i);
			err = -ENOTDIR;
		} else {
			set_cwd(i);
		}
	}
	kfree(path);
	return err;
}

long sys_fchdir(int fd)
{
	struct file *f = fd_get(me()->files, fd);
	if (!f)
		return -EBADF;
	long err = 0;
	if (!f->inode || !S_ISDIR(f->inode->mode)) {
		err = -ENOTDIR;
	} else {
		set_cwd(inode_get(f->inode));
	}
	file_put(f);
	return err;
}

long sys_getcwd(char *ubuf, size_t size)
{
	char *buf = kmalloc(PATH_MAX);
	if (!buf)
		return -ENOMEM;
	struct inode *cwd = cwd_get();
	long n = vfs_path_of(cwd, buf, PATH_MAX);
	inode_put(cwd);
	if (n >= 0) {
		if ((size_t)n + 1 > size)
			n = -ERANGE;
		else if (copy_to_user(ubuf, buf, n + 1))
			n = -EFAULT;
		else
			n = n + 1; /* the system call returns the length with the NUL */
	}
	kfree(buf);
	return n;
}
