/*
 * mv SOURCE DEST, mv SOURCE... DIR: rename files. Within one file system
 * this is a single rename() call: only the directory entries change, the
 * file's data does not move, however big it is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* DIR/basename(SRC), malloc'd. */
static char *inside(const char *dir, const char *src)
{
	const char *base = strrchr(src, '/');
	size_t len;
	char *out;

	base = base ? base + 1 : src;
	len = strlen(dir) + strlen(base) + 2;
	out = malloc(len);
	snprintf(out, len, "%s/%s", dir, base);
	return out;
}

static int move(const char *src, const char *dst)
{
	struct stat st;

	if (lstat(src, &st) != 0) {
		fprintf(stderr, "mv: cannot stat '%s': %s\n", src,
			strerror(errno));
		return 1;
	}
	if (rename(src, dst) != 0) {
		fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", src, dst,
			strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, status = 0;
	const char *last = argv[argc - 1];

	if (argc < 3) {
		fprintf(stderr, argc < 2 ? "mv: missing file operand\n" :
			"mv: missing destination file operand after '%s'\n",
			argv[1]);
		return 1;
	}
	if (!is_dir(last)) {
		if (argc > 3) {
			fprintf(stderr, "mv: target '%s' is not a directory\n",
				last);
			return 1;
		}
		return move(argv[1], last);
	}
	for (i = 1; i < argc - 1; i++) {
		char *dst = inside(last, argv[i]);

		status |= move(argv[i], dst);
		free(dst);
	}
	return status;
}
