/*
 * vfs.c: names to inodes, and the operations every file system shares:
 * open, mkdir, unlink, rename, symlink. The file system behind an inode
 * does the actual work through its inode_ops (see vfs.h).
 */
#include "kernel/vfs.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/time.h"

#define MAX_SYMLINKS 40

struct spinlock vfs_lock = SPINLOCK_INIT("vfs");
struct inode *vfs_root;
static uint64_t next_ino = 1;

uint64_t vfs_now(void) { return clock_realtime_ns() / 1000000000ull; }

struct inode *inode_new(uint32_t mode, const struct inode_ops *ops, const struct file_ops *fops)
{
	struct inode *i = kzalloc(sizeof *i);
	if (!i)
		return 0;
	i->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
	i->mode = mode;
	i->ops = ops;
	i->fops = fops;
	i->atime = i->mtime = i->ctime = vfs_now();
	return i;
}

struct inode *inode_get(struct inode *inode)
{
	__atomic_add_fetch(&inode->refs, 1, __ATOMIC_RELAXED);
	return inode;
}

/* Drop a reference taken during a walk; the inode stays in the tree.
 * Caller holds vfs_lock. */
static void unref_locked(struct inode *inode) { __atomic_sub_fetch(&inode->refs, 1, __ATOMIC_RELAXED); }

/* Free INODE if nothing refers to it any more. Caller holds vfs_lock. */
void inode_maybe_destroy(struct inode *inode)
{
	if (inode->refs == 0 && inode->nlink == 0) {
		if (inode->ops && inode->ops->destroy)
			inode->ops->destroy(inode);
		kfree(inode->symlink);
		kfree(inode);
	}
}

void inode_put(struct inode *inode)
{
	if (!inode)
		return;
	spin_lock(&vfs_lock);
	unref_locked(inode);
	inode_maybe_destroy(inode);
	spin_unlock(&vfs_lock);
}

void vfs_init(void)
{
	vfs_root = ramfs_new_root();
	if (!vfs_root)
		panic("vfs: no memory for the root directory");
	vfs_root->parent = vfs_root;
	inode_get(vfs_root);
}

/* ---- path walking (all under vfs_lock) ---- */

static struct inode *dotdot(struct inode *dir)
{
	struct inode *p = dir->parent ? dir->parent : dir;
	return p;
}

static int walk(struct inode *cwd, const char *path, bool follow_last, int depth,
		struct inode **parent_out, char *name_out, struct inode **out);

/* One component NAME in directory CUR: the (unreferenced) inode. */
static int step(struct inode *cur, const char *name, struct inode **next)
{
	if (!S_ISDIR(cur->mode))
		return -ENOTDIR;
	if (strcmp(name, ".") == 0) {
		*next = cur;
		return 0;
	}
	if (strcmp(name, "..") == 0) {
		*next = dotdot(cur);
		return 0;
	}
	struct inode *n;
	int err = cur->ops->lookup(cur, name, &n);
	if (err)
		return err;
	while (n->mounted)
		n = n->mounted;
	*next = n;
	return 0;
}

/* The inode symlink LINK (found in directory DIR) points to, referenced. */
static int follow_link(struct inode *dir, struct inode *link, int depth, struct inode **out)
{
	if (link->symlink || !link->ops->readlink)
		return walk(dir, link->symlink ? link->symlink : "", true, depth + 1, 0, 0, out);
	char *target = kmalloc(PATH_MAX);
	if (!target)
		return -ENOMEM;
	long n = link->ops->readlink(link, target, PATH_MAX);
	int err = n < 0 ? (int)n : walk(dir, target, true, depth + 1, 0, 0, out);
	kfree(target);
	return err;
}

long vfs_readlink_locked(struct inode *inode, char *buf, size_t size)
{
	if (!S_ISLNK(inode->mode))
		return -EINVAL;
	if (!inode->symlink && inode->ops && inode->ops->readlink)
		return inode->ops->readlink(inode, buf, size);
	const char *t = inode->symlink ? inode->symlink : "";
	return (long)strlcpy(buf, t, size);
}

/*
 * Resolve PATH. With PARENT_OUT set, stop before the last component and
 * return its directory (referenced) and name instead. Without, return
 * the inode itself (referenced) in OUT.
 */
static int walk(struct inode *cwd, const char *path, bool follow_last, int depth,
		struct inode **parent_out, char *name_out, struct inode **out)
{
	if (!*path)
		return -ENOENT;
	struct inode *cur = *path == '/' ? vfs_root : cwd;
	char name[NAME_MAX + 1];
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p) { /* ran out: the path named a directory ("/", "a/") */
			if (parent_out) {
				*parent_out = inode_get(cur);
				strlcpy(name_out, ".", NAME_MAX + 1);
				return 0;
			}
			*out = inode_get(cur);
			return 0;
		}
		size_t len = 0;
		while (p[len] && p[len] != '/')
			len++;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		memcpy(name, p, len);
		name[len] = 0;
		p += len;
		const char *rest = p;
		while (*rest == '/')
			rest++;
		bool last = !*rest;
		if (last && parent_out) {
			if (!S_ISDIR(cur->mode))
				return -ENOTDIR;
			*parent_out = inode_get(cur);
			strlcpy(name_out, name, NAME_MAX + 1);
			return 0;
		}
		struct inode *next;
		int err = step(cur, name, &next);
		if (err)
			return err;
		if (S_ISLNK(next->mode) && (!last || follow_last || *p == '/')) {
			if (depth >= MAX_SYMLINKS)
				return -ELOOP;
			struct inode *target;
			err = follow_link(cur, next, depth, &target);
			if (err)
				return err;
			unref_locked(target); /* we hold vfs_lock: no one can free it */
			next = target;
		}
		cur = next;
		if (last) {
			*out = inode_get(cur);
			return 0;
		}
	}
}

int vfs_lookup(struct inode *cwd, const char *path, bool follow, struct inode **out)
{
	spin_lock(&vfs_lock);
	int err = walk(cwd, path, follow, 0, 0, 0, out);
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_lookup_parent(struct inode *cwd, const char *path, struct inode **dir, char *name)
{
	spin_lock(&vfs_lock);
	int err = walk(cwd, path, true, 0, dir, name, 0);
	spin_unlock(&vfs_lock);
	return err;
}

/* ---- open files ---- */

struct file *file_new(struct inode *inode, int flags)
{
	struct file *f = kzalloc(sizeof *f);
	if (!f)
		return 0;
	f->inode = inode;
	f->ops = inode ? inode->fops : 0;
	f->flags = flags;
	f->refs = 1;
	mutex_init(&f->pos_lock, "file_pos");
	return f;
}

struct file *file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
	return f;
}

void file_put(struct file *f)
{
	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	inode_put(f->inode);
	kfree(f);
}

static bool is_dot(const char *name) { return !strcmp(name, ".") || !strcmp(name, ".."); }

int vfs_open(struct inode *cwd, const char *path, int flags, uint32_t mode, struct file **out)
{
	struct inode *inode = 0;
	int err;
	spin_lock(&vfs_lock);
	if (flags & O_CREAT) {
		struct inode *dir;
		char name[NAME_MAX + 1];
		err = walk(cwd, path, true, 0, &dir, name, 0);
		if (err)
			goto unlock;
		if (is_dot(name)) { /* "dir/" or "/" with O_CREAT */
			unref_locked(dir);
			err = -EISDIR;
			goto unlock;
		}
		err = step(dir, name, &inode);
		if (err == 0 && S_ISLNK(inode->mode) && !(flags & O_EXCL)) {
			/* create through a symlink: follow it */
			struct inode *t;
			err = follow_link(dir, inode, 0, &t);
			if (!err)
				unref_locked(t);
			inode = err ? 0 : t;
		}
		if (err == 0 && (flags & O_EXCL)) {
			err = -EEXIST;
		} else if (err == 0 && S_ISDIR(inode->mode)) {
			err = -EISDIR; /* O_CREAT never opens a directory */
		} else if (err == -ENOENT) {
			err = dir->ops->create(dir, name, S_IFREG | (mode & 07777), &inode);
		}
		unref_locked(dir);
		if (err)
			goto unlock;
		inode_get(inode);
	} else {
		err = walk(cwd, path, !(flags & O_NOFOLLOW), 0, 0, 0, &inode);
		if (err)
			goto unlock;
		if (S_ISLNK(inode->mode)) { /* O_NOFOLLOW on a symlink */
			unref_locked(inode);
			err = -ELOOP;
			goto unlock;
		}
	}
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		err = -ENOTDIR;
	else if (S_ISDIR(inode->mode) && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)))
		err = -EISDIR;
	else if ((flags & O_TRUNC) && S_ISREG(inode->mode) && (flags & O_ACCMODE) != O_RDONLY)
		err = inode->ops->truncate ? inode->ops->truncate(inode, 0) : -EINVAL;
	if (err) {
		unref_locked(inode);
		goto unlock;
	}
	spin_unlock(&vfs_lock);

	/* the open hook still sees O_NOCTTY (terminals); the file keeps it not */
	struct file *f = file_new(inode, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC));
	if (!f) {
		inode_put(inode);
		return -ENOMEM;
	}
	if (f->ops && f->ops->open && (err = f->ops->open(inode, f)) != 0) {
		f->ops = 0; /* no release for a file that never opened */
		file_put(f);
		return err;
	}
	f->flags &= ~O_NOCTTY;
	*out = f;
	return 0;
unlock:
	spin_unlock(&vfs_lock);
	return err;
}

/* ---- namespace changes ---- */

static int with_parent(struct inode *cwd, const char *path, struct inode **dir, char *name)
{
	int err = walk(cwd, path, true, 0, dir, name, 0);
	if (err)
		return err;
	if (is_dot(name)) {
		unref_locked((*dir));
		return -EEXIST; /* "mkdir /", "mkdir a/.." */
	}
	return 0;
}

int vfs_mkdir(struct inode *cwd, const char *path, uint32_t mode)
{
	struct inode *dir, *n;
	char name[NAME_MAX + 1];
	spin_lock(&vfs_lock);
	int err = with_parent(cwd, path, &dir, name);
	if (!err) {
		err = step(dir, name, &n) == 0 ? -EEXIST : dir->ops->create(dir, name, S_IFDIR | (mode & 07777), &n);
		unref_locked(dir);
	}
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_mknod(struct inode *cwd, const char *path, uint32_t mode, const struct file_ops *fops, uint32_t rdev)
{
	struct inode *dir, *n;
	char name[NAME_MAX + 1];
	spin_lock(&vfs_lock);
	int err = with_parent(cwd, path, &dir, name);
	if (!err) {
		err = dir->ops->create(dir, name, mode, &n);
		if (!err) {
			n->fops = fops;
			n->rdev = rdev;
		}
		unref_locked(dir);
	}
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_unlink(struct inode *cwd, const char *path, bool want_dir)
{
	struct inode *dir;
	char name[NAME_MAX + 1];
	spin_lock(&vfs_lock);
	int err = walk(cwd, path, true, 0, &dir, name, 0);
	if (!err) {
		if (!strcmp(name, "."))
			err = want_dir ? -EINVAL : -EISDIR;
		else if (!strcmp(name, ".."))
			err = want_dir ? -ENOTEMPTY : -EISDIR;
		else
			err = dir->ops->unlink(dir, name, want_dir ? UNLINK_DIR : 0);
		unref_locked(dir);
	}
	spin_unlock(&vfs_lock);
	return err;
}

static bool is_ancestor(struct inode *a, struct inode *b)
{
	for (struct inode *p = b;; p = p->parent) {
		if (p == a)
			return true;
		if (!p->parent || p->parent == p)
			return false;
	}
}

int vfs_rename(struct inode *cwd, const char *from, const char *to)
{
	struct inode *fdir, *tdir, *src, *dst;
	char fname[NAME_MAX + 1], tname[NAME_MAX + 1];
	spin_lock(&vfs_lock);
	int err = walk(cwd, from, true, 0, &fdir, fname, 0);
	if (err)
		goto out;
	err = walk(cwd, to, true, 0, &tdir, tname, 0);
	if (err)
		goto put_from;
	if (is_dot(fname) || is_dot(tname)) {
		err = -EBUSY;
		goto put_both;
	}
	if ((err = step(fdir, fname, &src)) != 0)
		goto put_both;
	if (fdir->ops != tdir->ops) {
		err = -EXDEV; /* before anything at the destination is touched */
		goto put_both;
	}
	if (S_ISDIR(src->mode) && is_ancestor(src, tdir)) {
		err = -EINVAL; /* into its own subtree */
		goto put_both;
	}
	if (step(tdir, tname, &dst) == 0) {
		if (dst == src)
			goto put_both; /* same file: nothing to do */
		if (S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
			err = -ENOTDIR;
		else if (!S_ISDIR(src->mode) && S_ISDIR(dst->mode))
			err = -EISDIR;
		else
			err = tdir->ops->unlink(tdir, tname, S_ISDIR(dst->mode) ? UNLINK_DIR : 0);
		if (err)
			goto put_both;
	}
	inode_get(src); /* keep it alive between unlink and link */
	err = tdir->ops->link(tdir, tname, src);
	if (!err)
		err = fdir->ops->unlink(fdir, fname, (S_ISDIR(src->mode) ? UNLINK_DIR : 0) | UNLINK_MOVE);
	if (!err && S_ISDIR(src->mode))
		src->parent = tdir;
	unref_locked(src);
put_both:
	unref_locked(tdir);
put_from:
	unref_locked(fdir);
out:
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_link(struct inode *odir, const char *from, struct inode *ndir, const char *to, bool follow)
{
	struct inode *src, *dir;
	char name[NAME_MAX + 1];
	spin_lock(&vfs_lock);
	int err = walk(odir, from, follow, 0, 0, 0, &src);
	if (err)
		goto out;
	if ((err = walk(ndir, to, true, 0, &dir, name, 0)) != 0)
		goto put_src;
	if (S_ISDIR(src->mode))
		err = -EPERM; /* no hard links to directories */
	else if (is_dot(name))
		err = -EEXIST;
	else if (dir->ops != src->ops || !dir->ops->link)
		err = -EXDEV;
	else if ((err = dir->ops->link(dir, name, src)) == 0)
		src->ctime = vfs_now();
	unref_locked(dir);
put_src:
	unref_locked(src);
out:
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_symlink(struct inode *cwd, const char *target, const char *path)
{
	struct inode *dir, *n;
	char name[NAME_MAX + 1];
	size_t len = strlen(target);
	char *copy = kmalloc(len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, len + 1);
	spin_lock(&vfs_lock);
	int err = with_parent(cwd, path, &dir, name);
	if (!err) {
		err = step(dir, name, &n) == 0 ? -EEXIST : dir->ops->create(dir, name, S_IFLNK | 0777, &n);
		if (!err) {
			n->symlink = copy;
			n->size = len;
			copy = 0;
		}
		unref_locked(dir);
	}
	spin_unlock(&vfs_lock);
	kfree(copy);
	return err;
}

/* Find CHILD's name in directory DIR by scanning DIR's entries. */
static int name_in_dir(struct inode *dir, struct inode *child, char *name)
{
	struct dir_entry_out e;
	for (uint64_t pos = 0; dir->ops->readdir(dir, &pos, &e) > 0;) {
		struct inode *n;
		if (is_dot(e.name) || dir->ops->lookup(dir, e.name, &n))
			continue;
		if (n == child || n->mounted == child) {
			strlcpy(name, e.name, NAME_MAX + 1);
			return 0;
		}
	}
	return -ENOENT;
}

long vfs_name_of_locked(struct inode *inode, char *buf, size_t size)
{
	char *tmp = kmalloc(PATH_MAX), name[NAME_MAX + 1];
	if (!tmp)
		return -ENOMEM;
	size_t pos = PATH_MAX - 1;
	long err = 0;
	tmp[pos] = 0;
	for (struct inode *d = inode; d != vfs_root;) {
		struct inode *parent = S_ISDIR(d->mode) ? dotdot(d) : d->parent;
		if (!parent || parent == d || name_in_dir(parent, d, name)) {
			err = -ENOENT; /* removed, or never had a name */
			goto out;
		}
		size_t len = strlen(name);
		if (len + 1 > pos) {
			err = -ENAMETOOLONG;
			goto out;
		}
		pos -= len;
		memcpy(tmp + pos, name, len);
		tmp[--pos] = '/';
		d = parent;
	}
	if (pos == PATH_MAX - 1)
		tmp[--pos] = '/';
	size_t len = PATH_MAX - 1 - pos;
	if (len + 1 > size)
		err = -ERANGE;
	else {
		memcpy(buf, tmp + pos, len + 1);
		err = (long)len;
	}
out:
	kfree(tmp);
	return err;
}

long vfs_path_of(struct inode *dir, char *buf, size_t size)
{
	spin_lock(&vfs_lock);
	long r = vfs_name_of_locked(dir, buf, size);
	spin_unlock(&vfs_lock);
	return r;
}

long vfs_read_inode(struct inode *inode, void *buf, size_t n, uint64_t off)
{
	if (!inode->ops || !inode->ops->read)
		return -EINVAL;
	spin_lock(&vfs_lock);
	long r = inode->ops->read(inode, buf, n, off);
	spin_unlock(&vfs_lock);
	return r;
}

long vfs_write_inode(struct inode *inode, const void *buf, size_t n, uint64_t off)
{
	if (!inode->ops || !inode->ops->write)
		return -EINVAL;
	spin_lock(&vfs_lock);
	long r = inode->ops->write(inode, buf, n, off);
	spin_unlock(&vfs_lock);
	return r;
}
