/*
 * mkdir [-p] DIR...: create directories (mode 0777, less the umask).
 * With -p, create missing parents too and do not complain about a
 * directory that already exists.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int make_one(const char *path, int parents)
{
	struct stat st;

	if (mkdir(path, 0777) == 0)
		return 0;
	if (parents && errno == EEXIST && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return 0;
	fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", path,
		strerror(errno));
	return 1;
}

/* -p: create each prefix "a", "a/b", "a/b/c" of PATH in turn. */
static int make_parents(const char *path)
{
	char buf[4096];
	size_t i, len = strlen(path);

	if (len >= sizeof(buf)) {
		fprintf(stderr, "mkdir: cannot create directory '%s': %s\n",
			path, strerror(ENAMETOOLONG));
		return 1;
	}
	memcpy(buf, path, len + 1);
	for (i = 1; i < len; i++) {
		if (buf[i] != '/' || buf[i - 1] == '/')
			continue;
		buf[i] = '\0';
		if (make_one(buf, 1) != 0)
			return 1;
		buf[i] = '/';
	}
	return make_one(buf, 1);
}

int main(int argc, char **argv)
{
	int i = 1, parents = 0, status = 0;

	if (argc > 1 && strcmp(argv[1], "-p") == 0) {
		parents = 1;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "mkdir: missing operand\n");
		return 1;
	}
	for (; i < argc; i++)
		status |= parents ? make_parents(argv[i]) :
				    make_one(argv[i], 0);
	return status;
}
