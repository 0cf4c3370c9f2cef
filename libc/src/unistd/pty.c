/* pty.c: pseudo-terminals, as POSIX opens them: posix_openpt gives the
 * master (/dev/ptmx), unlockpt lets the slave be opened, ptsname names
 * it (/dev/pts/N). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

int posix_openpt(int flags)
{
	return open("/dev/ptmx", flags);
}

/* The slave already belongs to the caller (there are no other users). */
int grantpt(int fd)
{
	unsigned n;

	return ioctl(fd, TIOCGPTN, &n) < 0 ? -1 : 0;
}

int unlockpt(int fd)
{
	int unlock = 0;

	return ioctl(fd, TIOCSPTLCK, &unlock);
}

int ptsname_r(int fd, char *buf, size_t len)
{
	unsigned n;

	if (ioctl(fd, TIOCGPTN, &n) < 0)
		return errno;
	if ((size_t)snprintf(buf, len, "/dev/pts/%u", n) >= len)
		return ERANGE;
	return 0;
}

char *ptsname(int fd)
{
	static char name[32];
	int err = ptsname_r(fd, name, sizeof name);

	if (err) {
		errno = err;
		return NULL;
	}
	return name;
}
