/* open.c: opening files and controlling descriptors (open, openat,
 * creat, fcntl). */
#include <fcntl.h>
#include <stdarg.h>

#include "internal/syscall.h"

/* The mode argument exists only when a file may be created. */
static mode_t mode_arg(int flags, va_list ap)
{
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		return va_arg(ap, mode_t);
	return 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return (int)__syscall_ret(__sc3(open, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return (int)__syscall_ret(__sc4(openat, dirfd, path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

/* The third argument is an int or a pointer depending on CMD; as a
 * long it carries either. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;

	va_start(ap, cmd);
	long arg = va_arg(ap, long);
	va_end(ap);
	return (int)__syscall_ret(__sc3(fcntl, fd, cmd, arg));
}
