/* io.c: reading and writing file descriptors, and duplicating,
 * piping, syncing and truncating them. Each function is one system
 * call; __syscall_ret turns a -errno result into errno and -1. */
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal/syscall.h"

ssize_t read(int fd, void *buf, size_t n)
{
	return __syscall_ret(__sc3(read, fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return __syscall_ret(__sc3(write, fd, buf, n));
}

ssize_t pread(int fd, void *buf, size_t n, off_t offset)
{
	return __syscall_ret(__sc4(pread64, fd, buf, n, offset));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset)
{
	return __syscall_ret(__sc4(pwrite64, fd, buf, n, offset));
}

ssize_t readv(int fd, const struct iovec *iov, int count)
{
	return __syscall_ret(__sc3(readv, fd, iov, count));
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
	return __syscall_ret(__sc3(writev, fd, iov, count));
}

/* The kernel takes the 64-bit offset split in two 32-bit halves (low,
 * high) for these two, even on 64-bit machines. */
ssize_t preadv(int fd, const struct iovec *iov, int count, off_t offset)
{
	return __syscall_ret(__sc5(preadv, fd, iov, count, offset & 0xffffffff,
				   (unsigned long)offset >> 32));
}

ssize_t pwritev(int fd, const struct iovec *iov, int count, off_t offset)
{
	return __syscall_ret(__sc5(pwritev, fd, iov, count, offset & 0xffffffff,
				   (unsigned long)offset >> 32));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(__sc3(lseek, fd, offset, whence));
}

int close(int fd)
{
	return (int)__syscall_ret(__sc1(close, fd));
}

int dup(int fd)
{
	return (int)__syscall_ret(__sc1(dup, fd));
}

int dup2(int oldfd, int newfd)
{
	return (int)__syscall_ret(__sc2(dup2, oldfd, newfd));
}

int dup3(int oldfd, int newfd, int flags)
{
	return (int)__syscall_ret(__sc3(dup3, oldfd, newfd, flags));
}

int pipe(int fds[2])
{
	return (int)__syscall_ret(__sc1(pipe, fds));
}

int pipe2(int fds[2], int flags)
{
	return (int)__syscall_ret(__sc2(pipe2, fds, flags));
}

int fsync(int fd)
{
	return (int)__syscall_ret(__sc1(fsync, fd));
}

int fdatasync(int fd)
{
	return (int)__syscall_ret(__sc1(fdatasync, fd));
}

void sync(void)
{
	__sc0(sync);
}

int ftruncate(int fd, off_t length)
{
	return (int)__syscall_ret(__sc2(ftruncate, fd, length));
}

int truncate(const char *path, off_t length)
{
	return (int)__syscall_ret(__sc2(truncate, path, length));
}
