/*
 * touch FILE...: create each FILE if it does not exist (an empty file,
 * mode 0666 less the umask), and set its access and modification times
 * to now (utimensat with NULL times).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0666);

	if (fd < 0 && errno != EISDIR) {
		fprintf(stderr, "touch: cannot touch '%s': %s\n", path,
			strerror(errno));
		return 1;
	}
	if (fd >= 0)
		close(fd);
	/* A kernel without utimensat (ENOSYS) still gets the file made. */
	if (utimensat(AT_FDCWD, path, NULL, 0) != 0 && errno != ENOSYS) {
		fprintf(stderr, "touch: setting times of '%s': %s\n", path,
			strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		fprintf(stderr, "touch: missing file operand\n");
		return 1;
	}
	for (i = 1; i < argc; i++)
		status |= touch(argv[i]);
	return status;
}
