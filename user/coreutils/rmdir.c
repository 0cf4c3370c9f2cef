/*
 * rmdir DIR...: remove empty directories. The kernel refuses a directory
 * that still has entries (ENOTEMPTY): use rm -r for a whole tree.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		fprintf(stderr, "rmdir: missing operand\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (rmdir(argv[i]) != 0) {
			fprintf(stderr, "rmdir: failed to remove '%s': %s\n",
				argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
