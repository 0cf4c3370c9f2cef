/*
 * ramfs.c: the file system that holds the whole tree, in memory.
 * Directories keep a list of (name, inode) entries; regular files keep
 * an array of page frames, allocated as data is written (holes read as
 * zeros). Everything here runs under vfs_lock, except ramfs_get_page.
 *
 * Those frames are also what mmap maps (ramfs_get_page): a MAP_SHARED
 * mapping holds a reference to each frame it maps, so truncating or
 * deleting a mapped file drops only the file's reference, and the frame
 * is freed when the last mapping of it goes too.
 *
 * A second instance is mounted on /dev/shm (ramfs_mount), where
 * shm_open makes its files.
 */
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/page_alloc.h"
#include "kernel/string.h"
#include "kernel/vfs.h"
#include "arch/x86_64/arch.h"

struct ramfs_entry {
	struct list_head node;
	struct inode *inode;
	char name[NAME_MAX + 1];
};

struct ramfs_node {
	struct list_head entries;  /* directories; guarded by vfs_lock */
	struct spinlock lock;      /* guards pages and npages: page faults
	                            * reach them without vfs_lock */
	uint64_t *pages;           /* files: physical frames, 0 = hole */
	size_t npages;             /* slots in pages[] */
};

static struct ramfs_node *node(struct inode *i) { return i->fs_data; }

static struct inode *ramfs_inode(uint32_t mode)
{
	struct inode *i = inode_new(mode, &ramfs_ops, S_ISREG(mode) || S_ISDIR(mode) ? &ramfs_file_ops : 0);
	if (!i)
		return 0;
	struct ramfs_node *n = kzalloc(sizeof *n);
	if (!n) {
		kfree(i);
		return 0;
	}
	list_init(&n->entries);
	spin_init(&n->lock, "ramfs_pages");
	i->fs_data = n;
	return i;
}

struct inode *ramfs_new_root(void)
{
	struct inode *root = ramfs_inode(S_IFDIR | 0755);
	if (root)
		root->nlink = 2;
	return root;
}

static struct ramfs_entry *find(struct inode *dir, const char *name)
{
	struct list_head *p;
	list_for_each(p, &node(dir)->entries) {
		struct ramfs_entry *e = list_entry(p, struct ramfs_entry, node);
		if (strcmp(e->name, name) == 0)
			return e;
	}
	return 0;
}

static int ramfs_lookup(struct inode *dir, const char *name, struct inode **out)
{
	struct ramfs_entry *e = find(dir, name);
	if (!e)
		return -ENOENT;
	*out = e->inode;
	return 0;
}

static int ramfs_link(struct inode *dir, const char *name, struct inode *target)
{
	if (find(dir, name))
		return -EEXIST;
	struct ramfs_entry *e = kzalloc(sizeof *e);
	if (!e)
		return -ENOMEM;
	strlcpy(e->name, name, sizeof e->name);
	e->inode = target;
	list_add_tail(&e->node, &node(dir)->entries);
	if (!S_ISDIR(target->mode))
		target->parent = dir; /* where its name is, for /proc/PID/fd */
	target->nlink++;
	if (S_ISDIR(target->mode))
		dir->nlink++; /* its ".." */
	dir->mtime = dir->ctime = vfs_now();
	return 0;
}

static int ramfs_create(struct inode *dir, const char *name, uint32_t mode, struct inode **out)
{
	struct inode *i = ramfs_inode(mode);
	if (!i)
		return -ENOMEM;
	if (S_ISDIR(mode)) {
		i->parent = dir;
		i->nlink = 1; /* its "." ; the entry adds one */
	}
	int err = ramfs_link(dir, name, i);
	if (err) {
		kfree(i->fs_data);
		kfree(i);
		return err;
	}
	*out = i;
	return 0;
}

static int ramfs_unlink(struct inode *dir, const char *name, int flags)
{
	bool want_dir = flags & UNLINK_DIR, move = flags & UNLINK_MOVE;
	struct ramfs_entry *e = find(dir, name);
	if (!e)
		return -ENOENT;
	struct inode *i = e->inode;
	if (want_dir && !S_ISDIR(i->mode))
		return -ENOTDIR;
	if (!want_dir && S_ISDIR(i->mode))
		return -EISDIR;
	if (S_ISDIR(i->mode)) {
		if (!move && i->ops == &ramfs_ops && !list_empty(&node(i)->entries))
			return -ENOTEMPTY;
		if (i->mounted)
			return -EBUSY;
		dir->nlink--;   /* its ".." pointed at DIR */
		if (--i->nlink == 1)
			i->nlink = 0; /* only "." was left: the directory is gone */
	} else {
		i->nlink--;
		if (i->parent == dir && !move)
			i->parent = 0; /* no longer named here */
	}
	list_del(&e->node);
	kfree(e);
	dir->mtime = dir->ctime = vfs_now();
	i->ctime = vfs_now();
	inode_maybe_destroy(i);
	return 0;
}

static unsigned char dtype(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return DT_DIR;
	case S_IFREG: return DT_REG;
	case S_IFLNK: return DT_LNK;
	case S_IFCHR: return DT_CHR;
	case S_IFIFO: return DT_FIFO;
	}
	return DT_UNKNOWN;
}

static int ramfs_readdir(struct inode *dir, uint64_t *pos, struct dir_entry_out *out)
{
	if (*pos < 2) {
		struct inode *i = *pos == 0 ? dir : (dir->parent ? dir->parent : dir);
		out->ino = i->ino;
		out->type = DT_DIR;
		strlcpy(out->name, *pos == 0 ? "." : "..", sizeof out->name);
		++*pos;
		return 1;
	}
	uint64_t n = 2;
	struct list_head *p;
	list_for_each(p, &node(dir)->entries) {
		if (n++ != *pos)
			continue;
		struct ramfs_entry *e = list_entry(p, struct ramfs_entry, node);
		out->ino = e->inode->ino;
		out->type = dtype(e->inode->mode);
		strlcpy(out->name, e->name, sizeof out->name);
		++*pos;
		return 1;
	}
	return 0;
}

/* Make room for page index IDX in the file's page array. */
static int grow_slots(struct ramfs_node *n, size_t idx)
{
	if (idx < n->npages)
		return 0;
	size_t want = n->npages ? n->npages : 8;
	while (want <= idx)
		want *= 2;
	uint64_t *pages = kzalloc(want * sizeof *pages);
	if (!pages)
		return -ENOMEM;
	if (n->pages)
		memcpy(pages, n->pages, n->npages * sizeof *pages);
	kfree(n->pages);
	n->pages = pages;
	n->npages = want;
	return 0;
}

/* The frame of page IDX, 0 for a hole; with CREATE, a hole gets a
 * zero-filled frame (file data is user memory: it may not take the
 * kernel's reserve), and 0 means no memory. Caller holds n->lock. */
static uint64_t page_of(struct ramfs_node *n, size_t idx, bool create)
{
	if (idx < n->npages && n->pages[idx])
		return n->pages[idx];
	if (!create || grow_slots(n, idx))
		return 0;
	uint64_t pa = alloc_user_page();
	if (pa) {
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		n->pages[idx] = pa;
	}
	return pa;
}

static uint64_t page_of_locked(struct ramfs_node *n, size_t idx, bool create)
{
	spin_lock(&n->lock);
	uint64_t pa = page_of(n, idx, create);
	spin_unlock(&n->lock);
	return pa;
}

/* The frames themselves cannot go while we copy: only truncate and
 * destroy drop them, and they run under vfs_lock as we do. */
static long ramfs_read(struct inode *i, void *buf, size_t len, uint64_t off)
{
	struct ramfs_node *n = node(i);
	if (off >= i->size)
		return 0;
	if (len > i->size - off)
		len = i->size - off;
	for (size_t done = 0; done < len;) {
		size_t idx = (off + done) / PAGE_SIZE, in = (off + done) % PAGE_SIZE;
		size_t chunk = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		uint64_t pa = page_of_locked(n, idx, false);
		if (pa)
			memcpy((char *)buf + done, (char *)phys_to_virt(pa) + in, chunk);
		else
			memset((char *)buf + done, 0, chunk);
		done += chunk;
	}
	i->atime = vfs_now();
	return (long)len;
}

static long ramfs_write(struct inode *i, const void *buf, size_t len, uint64_t off)
{
	struct ramfs_node *n = node(i);
	size_t done = 0;
	while (done < len) {
		size_t idx = (off + done) / PAGE_SIZE, in = (off + done) % PAGE_SIZE;
		size_t chunk = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		uint64_t pa = page_of_locked(n, idx, true);
		if (!pa)
			break;
		memcpy((char *)phys_to_virt(pa) + in, (const char *)buf + done, chunk);
		done += chunk;
	}
	if (done == 0 && len)
		return -ENOSPC;
	if (off + done > i->size)
		i->size = off + done;
	i->mtime = i->ctime = vfs_now();
	return (long)done;
}

static int ramfs_truncate(struct inode *i, uint64_t size)
{
	struct ramfs_node *n = node(i);
	size_t keep = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	spin_lock(&n->lock);
	for (size_t idx = keep; idx < n->npages; idx++)
		if (n->pages[idx]) {
			page_put(n->pages[idx]); /* mappings may still hold it */
			n->pages[idx] = 0;
		}
	/* zero the tail of the last kept page, so growing again reads zeros */
	uint64_t last = size % PAGE_SIZE ? page_of(n, keep - 1, false) : 0;
	if (last)
		memset((char *)phys_to_virt(last) + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
	i->size = size;
	spin_unlock(&n->lock);
	i->mtime = i->ctime = vfs_now();
	return 0;
}

static void ramfs_destroy(struct inode *i)
{
	struct ramfs_node *n = node(i);
	for (size_t idx = 0; idx < n->npages; idx++)
		if (n->pages[idx])
			page_put(n->pages[idx]);
	kfree(n->pages);
	kfree(n);
}

/* Called WITHOUT vfs_lock (a page fault holds mm->lock, which comes
 * after vfs_lock): only n->lock guards the page array here. -ENXIO past
 * the end of the file (SIGBUS). */
static int ramfs_get_page(struct inode *i, uint64_t index, uint64_t *phys)
{
	struct ramfs_node *n = node(i);
	if (!S_ISREG(i->mode) || index > (1ull << 40))
		return -EINVAL;
	spin_lock(&n->lock);
	/* (truncate changes the size under n->lock: no page past the end
	 * can come back after it) */
	bool past_end = index >= (i->size + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t pa = past_end ? 0 : page_of(n, (size_t)index, true);
	if (pa)
		page_get(pa); /* the caller's reference */
	spin_unlock(&n->lock);
	if (!pa)
		return past_end ? -ENXIO : -ENOMEM;
	*phys = pa;
	return 0;
}

const struct inode_ops ramfs_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.readdir = ramfs_readdir,
	.truncate = ramfs_truncate,
	.read = ramfs_read,
	.write = ramfs_write,
	.destroy = ramfs_destroy,
	.get_page = ramfs_get_page,
};

/* Open regular files: data through the inode ops, under vfs_lock. */
static long file_read(struct file *f, void *kbuf, size_t n, uint64_t *pos)
{
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	long r = vfs_read_inode(f->inode, kbuf, n, *pos);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long file_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos)
{
	if (f->flags & O_APPEND)
		*pos = f->inode->size;
	long r = vfs_write_inode(f->inode, kbuf, n, *pos);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

const struct file_ops ramfs_file_ops = {
	.read = file_read,
	.write = file_write,
	.seekable = true,
};

struct inode *ramfs_new_unlinked(void)
{
	struct inode *i = ramfs_inode(S_IFREG | 0600);
	return i ? inode_get(i) : 0;
}

int ramfs_mount(const char *path, uint32_t mode)
{
	struct inode *mountpoint, *root = ramfs_new_root();
	if (!root)
		return -ENOMEM;
	root->mode = S_IFDIR | mode;
	inode_get(root); /* the mount's reference: never unmounted */
	int err = vfs_mkdir(vfs_root, path, 0755);
	if (err && err != -EEXIST)
		return err;
	if ((err = vfs_lookup(vfs_root, path, true, &mountpoint)) != 0)
		return err;
	spin_lock(&vfs_lock);
	if (!S_ISDIR(mountpoint->mode) || mountpoint->mounted) {
		err = -EBUSY;
	} else {
		root->parent = mountpoint->parent; /* ".." leaves the mount */
		mountpoint->mounted = root;
	}
	spin_unlock(&vfs_lock);
	inode_put(mountpoint); /* the tree keeps it: a directory with a link */
	return err;
}
