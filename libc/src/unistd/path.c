/* path.c: calls that act on names in the file-system tree: the working
 * directory, links, removal, renaming, access checks, ownership. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal/syscall.h"

int chdir(const char *path)
{
	return (int)__syscall_ret(__sc1(chdir, path));
}

int fchdir(int fd)
{
	return (int)__syscall_ret(__sc1(fchdir, fd));
}

/* With BUF == NULL the result is malloc()ed (a common extension): the
 * kernel fills a PATH_MAX buffer on the stack first. */
char *getcwd(char *buf, size_t size)
{
	char tmp[PATH_MAX];

	if (!buf) {
		if (__syscall_ret(__sc2(getcwd, tmp, sizeof tmp)) < 0)
			return NULL;
		if (size && strlen(tmp) >= size) {
			errno = ERANGE;
			return NULL;
		}
		return strdup(tmp);
	}
	if (size == 0) {
		errno = EINVAL;
		return NULL;
	}
	if (__syscall_ret(__sc2(getcwd, buf, size)) < 0)
		return NULL;
	return buf;
}

int rmdir(const char *path)
{
	return (int)__syscall_ret(__sc1(rmdir, path));
}

int unlink(const char *path)
{
	return (int)__syscall_ret(__sc1(unlink, path));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return (int)__syscall_ret(__sc3(unlinkat, dirfd, path, flags));
}

/* C's remove() deletes files and empty directories alike. */
int remove(const char *path)
{
	int saved = errno;

	if (unlink(path) == 0)
		return 0;
	if (errno != EISDIR)
		return -1;
	errno = saved;
	return rmdir(path);
}

int rename(const char *from, const char *to)
{
	return (int)__syscall_ret(__sc2(rename, from, to));
}

int renameat(int fromdir, const char *from, int todir, const char *to)
{
	return (int)__syscall_ret(__sc4(renameat, fromdir, from, todir, to));
}

int link(const char *from, const char *to)
{
	return (int)__syscall_ret(__sc2(link, from, to));
}

int symlink(const char *target, const char *path)
{
	return (int)__syscall_ret(__sc2(symlink, target, path));
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return __syscall_ret(__sc3(readlink, path, buf, size));
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf,
		   size_t size)
{
	return __syscall_ret(__sc4(readlinkat, dirfd, path, buf, size));
}

int access(const char *path, int mode)
{
	return (int)__syscall_ret(__sc2(access, path, mode));
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags == 0)
		return (int)__syscall_ret(__sc3(faccessat, dirfd, path, mode));
	return (int)__syscall_ret(__sc4(faccessat2, dirfd, path, mode, flags));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__sc3(chown, path, uid, gid));
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__sc3(fchown, fd, uid, gid));
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__sc3(lchown, path, uid, gid));
}
