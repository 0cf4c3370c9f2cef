/*
 * cp [-r] SOURCE DEST, cp [-r] SOURCE... DIR: copy files. Unlike mv, a
 * copy really moves the data: read from one descriptor, write to the
 * other. The new file gets the source's permission bits (less the
 * umask). -r copies directories and everything in them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive;

static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *out = malloc(len);

	snprintf(out, len, "%s/%s", dir, name);
	return out;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Copy all bytes from IN to OUT. */
static int copy_data(int in, int out)
{
	char buf[8192];
	ssize_t n, done, w;

	while ((n = read(in, buf, sizeof(buf))) > 0)
		for (done = 0; done < n; done += w) {
			w = write(out, buf + done, n - done);
			if (w < 0)
				return -1;
		}
	return n < 0 ? -1 : 0;
}

static int copy_file(const char *src, const char *dst, mode_t mode)
{
	int in, out, status = 0;

	in = open(src, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "cp: cannot open '%s' for reading: %s\n", src,
			strerror(errno));
		return 1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
	if (out < 0) {
		fprintf(stderr, "cp: cannot create regular file '%s': %s\n",
			dst, strerror(errno));
		close(in);
		return 1;
	}
	if (copy_data(in, out) < 0) {
		fprintf(stderr, "cp: error copying '%s' to '%s': %s\n", src,
			dst, strerror(errno));
		status = 1;
	}
	close(in);
	close(out);
	return status;
}

static int copy_path(const char *src, const char *dst);

static int copy_dir(const char *src, const char *dst, mode_t mode)
{
	DIR *d;
	struct dirent *e;
	int status = 0;

	if (mkdir(dst, mode & 07777) != 0 && errno != EEXIST) {
		fprintf(stderr, "cp: cannot create directory '%s': %s\n", dst,
			strerror(errno));
		return 1;
	}
	d = opendir(src);
	if (!d) {
		fprintf(stderr, "cp: cannot access '%s': %s\n", src,
			strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		char *from, *to;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		from = join(src, e->d_name);
		to = join(dst, e->d_name);
		status |= copy_path(from, to);
		free(from);
		free(to);
	}
	closedir(d);
	return status;
}

static int copy_path(const char *src, const char *dst)
{
	struct stat st;

	if (stat(src, &st) != 0) {
		fprintf(stderr, "cp: cannot stat '%s': %s\n", src,
			strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			fprintf(stderr, "cp: -r not specified; omitting "
					"directory '%s'\n", src);
			return 1;
		}
		return copy_dir(src, dst, st.st_mode);
	}
	return copy_file(src, dst, st.st_mode);
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;
	const char *last;

	if (argc > 1 && (strcmp(argv[1], "-r") == 0 ||
			 strcmp(argv[1], "-R") == 0)) {
		recursive = 1;
		i++;
	}
	if (argc - i < 2) {
		fprintf(stderr, "cp: missing %s operand\n",
			argc - i < 1 ? "file" : "destination file");
		return 1;
	}
	last = argv[argc - 1];
	if (!is_dir(last)) {
		if (argc - i > 2) {
			fprintf(stderr, "cp: target '%s' is not a directory\n",
				last);
			return 1;
		}
		return copy_path(argv[i], last);
	}
	for (; i < argc - 1; i++) {
		char *dst = join(last, base_name(argv[i]));

		status |= copy_path(argv[i], dst);
		free(dst);
	}
	return status;
}
