/* files.c: descriptor tables (see files.h). A table starts with
 * NR_OPEN_DEFAULT slots and doubles when a descriptor beyond them is
 * wanted and RLIMIT_NOFILE allows it. */
#include "kernel/files.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/resource.h"
#include "kernel/string.h"

/* A table with N slots. */
static struct files *files_alloc(int n)
{
	struct files *t = kzalloc(sizeof *t);
	if (!t)
		return 0;
	t->max = n;
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

struct files *files_new(void) { return files_alloc(NR_OPEN_DEFAULT); }

struct files *files_dup(struct files *src)
{
	for (;;) {
		int n = __atomic_load_n(&src->max, __ATOMIC_RELAXED);
		struct files *t = files_alloc(n);
		if (!t)
			return 0;
		spin_lock(&src->lock);
		if (src->max != n) { /* another thread grew it meanwhile */
			spin_unlock(&src->lock);
			files_put(t);
			continue;
		}
		for (int i = 0; i < src->max; i++)
			if (src->fd[i]) {
				t->fd[i] = file_get(src->fd[i]);
				t->cloexec[i] = src->cloexec[i];
			}
		spin_unlock(&src->lock);
		return t;
	}
}

/* The caller's RLIMIT_NOFILE: descriptors must stay below it. */
static int nofile_limit(void)
{
	uint64_t lim = rlimit(RLIMIT_NOFILE);
	return lim > NR_OPEN ? NR_OPEN : (int)lim;
}

/* Make T hold at least N slots (N <= NR_OPEN): 0 or -ENOMEM. The new
 * arrays are made without the lock held and swapped in under it. */
static int files_grow(struct files *t, int n)
{
	int want = t->max;
	while (want < n)
		want *= 2;
	if (want > NR_OPEN)
		want = NR_OPEN;
	struct file **fd = kzalloc(want * sizeof *fd);
	bool *cloexec = kzalloc(want * sizeof *cloexec);
	if (!fd || !cloexec) {
		kfree(fd);
		kfree(cloexec);
		return -ENOMEM;
	}
	spin_lock(&t->lock);
	if (t->max < want) {
		memcpy(fd, t->fd, t->max * sizeof *fd);
		memcpy(cloexec, t->cloexec, t->max * sizeof *cloexec);
		struct file **old_fd = t->fd;
		bool *old_cloexec = t->cloexec;
		t->fd = fd;
		t->cloexec = cloexec;
		t->max = want;
		fd = old_fd;
		cloexec = old_cloexec;
	}
	spin_unlock(&t->lock);
	kfree(fd);
	kfree(cloexec);
	return 0;
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
	int limit = nofile_limit();
	if (min < 0)
		min = 0;
	for (;;) {
		spin_lock(&t->lock);
		int end = t->max < limit ? t->max : limit;
		for (int i = min; i < end; i++)
			if (!t->fd[i]) {
				t->fd[i] = f;
				t->cloexec[i] = cloexec;
				spin_unlock(&t->lock);
				return i;
			}
		bool full = end >= limit;
		int need = (min > end ? min : end) + 1;
		spin_unlock(&t->lock);
		if (full)
			return -EMFILE; /* every descriptor below RLIMIT_NOFILE is taken */
		if (files_grow(t, need))
			return -ENOMEM;
	}
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
	if (newfd < 0 || newfd >= nofile_limit())
		return -EBADF; /* dup2/dup3 beyond RLIMIT_NOFILE: EBADF, as Linux */
	if (newfd >= __atomic_load_n(&t->max, __ATOMIC_RELAXED) && files_grow(t, newfd + 1))
		return -ENOMEM;
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
