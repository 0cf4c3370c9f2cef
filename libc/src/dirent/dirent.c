/* dirent.c: reading directories. A DIR is an open directory descriptor
 * plus a buffer of records from the getdents64 system call:
 *
 *     struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen;
 *                             u8 d_type; char d_name[]; }
 *
 * d_reclen is the size of each (padded) record, so the records are
 * walked by adding it. readdir copies the current record into the
 * DIR's own struct dirent, whose d_name has room for any name. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "internal/syscall.h"

#define DIRBUF 4096

struct __DIR {
	int fd;
	size_t pos, len;     /* next record at buf + pos; valid bytes: len */
	struct dirent entry; /* what readdir returns */
	char buf[DIRBUF];
};

/* The kernel's record header; the name follows it. */
struct linux_dirent64 {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

DIR *fdopendir(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	DIR *d = malloc(sizeof *d);
	if (!d)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	DIR *d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

/* Returns the next entry, or NULL at the end (errno unchanged) or on
 * error (errno set). */
struct dirent *readdir(DIR *d)
{
	if (d->pos >= d->len) {
		long n = __sc3(getdents64, d->fd, d->buf, sizeof d->buf);
		if (n <= 0) {
			if (n < 0)
				errno = (int)-n;
			return NULL;
		}
		d->len = (size_t)n;
		d->pos = 0;
	}
	struct linux_dirent64 *k = (struct linux_dirent64 *)(d->buf + d->pos);
	d->pos += k->d_reclen;

	d->entry.d_ino = k->d_ino;
	d->entry.d_off = k->d_off;
	d->entry.d_reclen = sizeof d->entry;
	d->entry.d_type = k->d_type;
	size_t len = strnlen(k->d_name, sizeof d->entry.d_name - 1);
	memcpy(d->entry.d_name, k->d_name, len);
	d->entry.d_name[len] = '\0';
	return &d->entry;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

/* qsort hands us pointers to the array's elements, which are
 * pointers to entries: exactly what scandir's comparison takes. */
static int compare_entries(const void *a, const void *b, void *compar)
{
	int (*cmp)(const struct dirent **, const struct dirent **) =
		*(int (**)(const struct dirent **, const struct dirent **))compar;

	return cmp((const struct dirent **)a, (const struct dirent **)b);
}

/* Reads every entry FILTER accepts into a malloc()ed array, sorted
 * with COMPAR if given; returns the count. */
int scandir(const char *path, struct dirent ***list,
	    int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	struct dirent **v = NULL, *e;
	size_t n = 0, cap = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct dirent **grown = realloc(v, cap * sizeof *v);
			if (!grown)
				goto fail;
			v = grown;
		}
		if (!(v[n] = malloc(sizeof *e)))
			goto fail;
		memcpy(v[n++], e, sizeof *e);
	}
	closedir(d);
	if (compar)
		qsort_r(v, n, sizeof *v, compare_entries, &compar);
	*list = v;
	return (int)n;
fail:
	while (n > 0)
		free(v[--n]);
	free(v);
	closedir(d);
	errno = ENOMEM;
	return -1;
}
