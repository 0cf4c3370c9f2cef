/* files.c: descriptor tables (see files.h). */
#include "kernel/files.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/string.h"

struct files *files_new(void)
{
	struct files *t = kzalloc(sizeof *t);
	if (!t)
		return 0;
	t->max = NR_OPEN_DEFAULT;
	t->fd = kzalloc(t->max * sizeof *t->fd);
	t->cloexec = kzalloc(t->max * sizeof *t->cloexec);
	if (!t->fd || !t->cloexec) {
		kfree(t->fd);
		kfree(t->cloexec);
		kfree(t);
		return 0;
	}
	spin_init(&t->lock, "files");
	t->refs = 1;
	return t;
}

struct files *files_dup(struct files *src)
{
	struct files *t = files_new();
	if (!t)
		return 0;
	spin_lock(&src->lock);
	for (int i = 0; i < src->max; i++)
		if (src->fd[i]) {
			t->fd[i] = file_get(src->fd[i]);
			t->cloexec[i] = src->cloexec[i];
		}
	spin_unlock(&src->lock);
	return t;
}

void files_put(struct files *t)
{
	if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	for (int i = 0; i < t->max; i++)
		if (t->fd[i])
			file_put(t->fd[i]);
	kfree(t->fd);
	kfree(t->cloexec);
	kfree(t);
}

int fd_install(struct files *t, struct file *f, int min, bool cloexec)
{
	spin_lock(&t->lock);
	for (int i = min < 0 ? 0 : min; i < t->max; i++)
		if (!t->fd[i]) {
			t->fd[i] = f;
			t->cloexec[i] = cloexec;
			spin_unlock(&t->lock);
			return i;
		}
	spin_unlock(&t->lock);
	return -EMFILE;
}

struct file *fd_get(struct files *t, int fd)
{
	struct file *f = 0;
	spin_lock(&t->lock);
	if (fd >= 0 && fd < t->max && t->fd[fd])
		f = file_get(t->fd[fd]);
	spin_unlock(&t->lock);
	return f;
}

int fd_close(struct files *t, int fd)
{
	spin_lock(&t->lock);
	struct file *f = fd >= 0 && fd < t->max ? t->fd[fd] : 0;
	if (f)
		t->fd[fd] = 0;
	spin_unlock(&t->lock);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

int fd_dup_to(struct files *t, int fd, int newfd, bool cloexec)
{
	if (newfd < 0 || newfd >= t->max)
		return -EBADF;
	spin_lock(&t->lock);
	struct file *f = fd >= 0 && fd < t->max ? t->fd[fd] : 0;
	if (!f) {
		spin_unlock(&t->lock);
		return -EBADF;
	}
	struct file *old = t->fd[newfd];
	t->fd[newfd] = file_get(f);
	t->cloexec[newfd] = cloexec;
	spin_unlock(&t->lock);
	if (old)
		file_put(old);
	return newfd;
}

void files_close_on_exec(struct files *t)
{
	for (int i = 0; i < t->max; i++) {
		spin_lock(&t->lock);
		struct file *f = t->cloexec[i] ? t->fd[i] : 0;
		if (f) {
			t->fd[i] = 0;
			t->cloexec[i] = false;
		}
		spin_unlock(&t->lock);
		if (f)
			file_put(f);
	}
}

int fd_get_cloexec(struct files *t, int fd)
{
	spin_lock(&t->lock);
	int r = fd >= 0 && fd < t->max && t->fd[fd] ? t->cloexec[fd] : -EBADF;
	spin_unlock(&t->lock);
	return r;
}

int fd_set_cloexec(struct files *t, int fd, bool on)
{
	spin_lock(&t->lock);
	int r = -EBADF;
	if (fd >= 0 && fd < t->max && t->fd[fd]) {
		t->cloexec[fd] = on;
		r = 0;
	}
	spin_unlock(&t->lock);
	return r;
}
