/*
 * fs_info.c: a process's working directory and umask, kept apart from
 * the process so that threads (and CLONE_FS children) can share them:
 * a chdir in one is seen by all.
 */
#include "kernel/kmalloc.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/vfs.h"

struct fs_info *fs_info_new(struct inode *cwd, uint32_t umask)
{
	struct fs_info *fs = kzalloc(sizeof *fs);
	if (!fs)
		return 0;
	spin_init(&fs->lock, "fs_info");
	fs->cwd = inode_get(cwd);
	fs->umask = umask;
	fs->refs = 1;
	return fs;
}

struct fs_info *fs_info_copy(struct fs_info *src)
{
	spin_lock(&src->lock);
	struct inode *cwd = inode_get(src->cwd);
	uint32_t umask = src->umask;
	spin_unlock(&src->lock);
	struct fs_info *fs = fs_info_new(cwd, umask);
	inode_put(cwd);
	return fs;
}

void fs_info_put(struct fs_info *fs)
{
	if (!fs || __atomic_sub_fetch(&fs->refs, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	inode_put(fs->cwd);
	kfree(fs);
}

struct inode *cwd_get(void)
{
	struct fs_info *fs = current->proc->fs;
	spin_lock(&fs->lock);
	struct inode *cwd = inode_get(fs->cwd);
	spin_unlock(&fs->lock);
	return cwd;
}
