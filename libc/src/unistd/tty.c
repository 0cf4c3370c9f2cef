/* tty.c: terminals: ioctl, isatty, and the termios calls, which are all
 * ioctls on Linux (TCGETS, TCSETS...). */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "internal/syscall.h"

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;

	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	return (int)__syscall_ret(__sc3(ioctl, fd, request, arg));
}

/* A descriptor is a terminal exactly when it answers TCGETS. */
int isatty(int fd)
{
	struct termios t;

	if (ioctl(fd, TCGETS, &t) < 0) {
		if (errno != EBADF)
			errno = ENOTTY;
		return 0;
	}
	return 1;
}

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

/* TCSANOW/TCSADRAIN/TCSAFLUSH map onto three ioctl numbers in a row. */
int tcsetattr(int fd, int action, const struct termios *t)
{
	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TCSETS + action, t);
}

/* Raw mode: bytes arrive one at a time, unechoed and unaltered. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

/* The speed lives in the CBAUD bits of c_cflag (the kernel reads it
 * there); c_ispeed/c_ospeed only mirror it. */
speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *t)
{
	return cfgetospeed(t);
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (speed & ~CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
	t->c_ispeed = t->c_ospeed = speed;
	return 0;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
	return speed ? cfsetospeed(t, speed) : 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
	return cfsetospeed(t, speed);
}

int tcflush(int fd, int queue)
{
	return ioctl(fd, TCFLSH, (void *)(long)queue);
}

/* TCSBRK with a non-zero argument waits for output to drain. */
int tcdrain(int fd)
{
	return ioctl(fd, TCSBRK, (void *)1L);
}

int tcflow(int fd, int action)
{
	return ioctl(fd, TCXONC, (void *)(long)action);
}

int tcsendbreak(int fd, int duration)
{
	(void)duration;
	return ioctl(fd, TCSBRK, (void *)0L);
}

pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
		return -1;
	return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
}

pid_t tcgetsid(int fd)
{
	pid_t sid;

	if (ioctl(fd, TIOCGSID, &sid) < 0)
		return -1;
	return sid;
}

/* Look in directory DIR for the character device numbered RDEV; its
 * path goes to BUF. Returns 0, ENODEV if it is not there, or ERANGE. */
static int find_device(const char *dir, dev_t rdev, char *buf, size_t size)
{
	char path[300];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		return ENODEV;
	while ((e = readdir(d)) != NULL) {
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISCHR(st.st_mode) &&
		    st.st_rdev == rdev) {
			closedir(d);
			if (strlen(path) >= size)
				return ERANGE;
			strcpy(buf, path);
			return 0;
		}
	}
	closedir(d);
	return ENODEV;
}

/*
 * The terminal's name, into BUF: /proc/self/fd/N names the open file
 * where /proc has it; else the terminal is the character device in /dev
 * or /dev/pts with the same device number (st_rdev) as FD. Returns 0 or
 * an errno value.
 */
int ttyname_r(int fd, char *buf, size_t size)
{
	char link[32];
	struct stat st;
	ssize_t got;
	int err;

	if (!isatty(fd))
		return errno;
	if (size < 2)
		return ERANGE;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	got = readlink(link, buf, size);
	if (got > 0 && buf[0] == '/') {
		if ((size_t)got == size)
			return ERANGE;  /* it may have been cut short */
		buf[got] = '\0';
		return 0;
	}
	if (fstat(fd, &st) < 0)
		return errno;
	err = find_device("/dev/pts", st.st_rdev, buf, size);
	if (err == ENODEV)
		err = find_device("/dev", st.st_rdev, buf, size);
	return err;
}

char *ttyname(int fd)
{
	static char name[64];
	int err = ttyname_r(fd, name, sizeof name);

	if (err) {
		errno = err;
		return 0;
	}
	return name;
}
