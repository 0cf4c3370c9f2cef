/*
 * readlink: print where a symbolic link points.
 *
 *     readlink /proc/self        ->  12 (the pid of readlink itself)
 *     readlink /proc/self/fd/0   ->  /dev/console
 *
 * The readlink() system call returns the target's bytes without a
 * terminating NUL, so we add one. A path that is not a symlink prints
 * nothing and makes the exit status 1, as with GNU readlink.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char target[PATH_MAX];
	int status = 0, i;

	if (argc < 2) {
		fprintf(stderr, "usage: readlink PATH...\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		ssize_t n = readlink(argv[i], target, sizeof(target) - 1);

		if (n < 0) {
			status = 1;
			continue;
		}
		target[n] = '\0';
		printf("%s\n", target);
	}
	return status;
}
