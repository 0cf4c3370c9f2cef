/*
 * cat [FILE...]: copy each FILE (or standard input, also for "-") to
 * standard output. The simplest use of read and write: a loop until read
 * returns 0, which means end of file (or, on a pipe, that every writer
 * has closed it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Write all N bytes: write may take fewer than asked (a pipe, say). */
static int write_all(const char *buf, ssize_t n)
{
	ssize_t done;

	while (n > 0) {
		done = write(1, buf, n);
		if (done < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += done;
		n -= done;
	}
	return 0;
}

/* Copy FD to standard output; NAME is for error messages. */
static int copy(int fd, const char *name)
{
	char buf[8192];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return 1;
		}
		if (write_all(buf, n) < 0) {
			fprintf(stderr, "cat: write error: %s\n",
				strerror(errno));
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, fd, status = 0;

	if (argc == 1)
		return copy(0, "-");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			status |= copy(0, "-");
			continue;
		}
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i],
				strerror(errno));
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status;
}
