/*
 * rm [-r] [-f] FILE...: remove files (unlink). A name is only a link to
 * a file: the file itself goes away when its last link is removed *and*
 * no process has it open. -r removes directories and everything in them
 * (children first, then the empty directory with rmdir); -f ignores
 * missing files and never reports them.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force;

static int complain(const char *path, int err)
{
	if (force && err == ENOENT)
		return 0;
	fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(err));
	return 1;
}

static int remove_path(const char *path);

/* Remove everything inside directory PATH, then PATH itself. */
static int remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int status = 0;

	if (!d)
		return complain(path, errno);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		char *child;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		child = malloc(len);
		snprintf(child, len, "%s/%s", path, e->d_name);
		status |= remove_path(child);
		free(child);
	}
	closedir(d);
	if (rmdir(path) != 0)
		return complain(path, errno);
	return status;
}

static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return complain(path, errno);
	if (S_ISDIR(st.st_mode)) {
		if (!recursive)
			return complain(path, EISDIR);
		return remove_dir(path);
	}
	if (unlink(path) != 0)
		return complain(path, errno);
	return 0;
}

/* Is the last component of PATH "." or ".."? (rm -r . is refused) */
static int is_dot_or_dotdot(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
}

/* Parse -r, -f, -rf, -R...; returns the index of the first operand. */
static int parse_options(int argc, char **argv)
{
	int i;
	const char *p;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'r' || *p == 'R')
				recursive = 1;
			else if (*p == 'f')
				force = 1;
			else {
				fprintf(stderr, "rm: invalid option -- '%c'\n",
					*p);
				exit(1);
			}
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	int i = parse_options(argc, argv), status = 0;

	if (i >= argc && !force) {
		fprintf(stderr, "rm: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		if (recursive && is_dot_or_dotdot(argv[i])) {
			fprintf(stderr, "rm: refusing to remove '.' or '..' "
					"directory: skipping '%s'\n", argv[i]);
			status = 1;
			continue;
		}
		status |= remove_path(argv[i]);
	}
	return status;
}
