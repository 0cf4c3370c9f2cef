/* stat.c: file status and permissions (stat family, mkdir, chmod,
 * umask, mknod, timestamps). */
#include <fcntl.h>
#include <sys/stat.h>

#include "internal/syscall.h"

int stat(const char *restrict path, struct stat *restrict st)
{
	return (int)__syscall_ret(__sc2(stat, path, st));
}

int fstat(int fd, struct stat *st)
{
	return (int)__syscall_ret(__sc2(fstat, fd, st));
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return (int)__syscall_ret(__sc2(lstat, path, st));
}

/* x86-64 names this call newfstatat; libc calls it fstatat. */
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st,
	    int flags)
{
	return (int)__syscall_ret(__sc4(newfstatat, dirfd, path, st, flags));
}

int mkdir(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__sc2(mkdir, path, mode));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)__syscall_ret(__sc3(mkdirat, dirfd, path, mode));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return (int)__syscall_ret(__sc3(mknod, path, mode, dev));
}

int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, (mode & ~S_IFMT) | S_IFIFO, 0);
}

int chmod(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__sc2(chmod, path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return (int)__syscall_ret(__sc2(fchmod, fd, mode));
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	(void)flags; /* the kernel call has no flags argument */
	return (int)__syscall_ret(__sc3(fchmodat, dirfd, path, mode));
}

/* umask cannot fail; it returns the previous mask. */
mode_t umask(mode_t mask)
{
	return (mode_t)__sc1(umask, mask);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2],
	      int flags)
{
	return (int)__syscall_ret(__sc4(utimensat, dirfd, path, times, flags));
}

int futimens(int fd, const struct timespec times[2])
{
	return utimensat(fd, 0, times, 0);
}
