/* dirent_test.c: reading a directory we create (opendir, readdir,
 * rewinddir, closedir, fdopendir), including more entries than fit in
 * one getdents buffer. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define NFILES 300

static char dir[256];

static void make_tree(void)
{
	char path[512];

	mkdir(dir, 0700);
	for (int i = 0; i < NFILES; i++) {
		snprintf(path, sizeof path, "%s/file-with-a-longish-name-%03d", dir, i);
		close(open(path, O_WRONLY | O_CREAT, 0600));
	}
	snprintf(path, sizeof path, "%s/subdir", dir);
	mkdir(path, 0700);
}

static void remove_tree(void)
{
	char path[512];

	for (int i = 0; i < NFILES; i++) {
		snprintf(path, sizeof path, "%s/file-with-a-longish-name-%03d", dir, i);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/subdir", dir);
	rmdir(path);
	rmdir(dir);
}

/* Reads all entries of D; counts them and checks the expected names. */
static int read_all(DIR *d, int seen[NFILES], int *dots, int *subdir_type)
{
	struct dirent *e;
	int n = 0;

	memset(seen, 0, NFILES * sizeof *seen);
	*dots = 0;
	errno = 0;
	while ((e = readdir(d))) {
		int i;
		n++;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			(*dots)++;
		else if (strcmp(e->d_name, "subdir") == 0)
			*subdir_type = e->d_type;
		else if (sscanf(e->d_name, "file-with-a-longish-name-%d", &i) == 1 && i >= 0 &&
			 i < NFILES)
			seen[i]++;
	}
	return errno ? -1 : n;
}

int main(void)
{
	int seen[NFILES], dots, type = -1;

	scratch(dir, sizeof dir, "dirent_test");
	make_tree();

	DIR *d = opendir(dir);
	check("opendir", d != NULL, "errno=%d", errno);
	if (!d)
		return finish();
	int n = read_all(d, seen, &dots, &type);
	check_long("readdir entry count", n, NFILES + 3);
	check_long("readdir sees . and ..", dots, 2);
	int all = 1;
	for (int i = 0; i < NFILES; i++)
		all &= seen[i] == 1;
	check("readdir sees every file once", all, "missing or repeated file");
	check("d_type of a directory", type == DT_DIR || type == DT_UNKNOWN, "d_type=%d", type);

	rewinddir(d);
	check_long("rewinddir then read again", read_all(d, seen, &dots, &type), NFILES + 3);
	check_long("closedir", closedir(d), 0);

	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	d = fdopendir(fd);
	check("fdopendir", d != NULL, "errno=%d", errno);
	if (d) {
		check_long("fdopendir reads", read_all(d, seen, &dots, &type), NFILES + 3);
		closedir(d);
	}

	errno = 0;
	check("opendir missing: ENOENT", opendir("/nonexistent-dir") == NULL && errno == ENOENT,
	      "errno=%d", errno);
	char file[512];
	snprintf(file, sizeof file, "%s/file-with-a-longish-name-000", dir);
	errno = 0;
	check("opendir on a file: ENOTDIR", opendir(file) == NULL && errno == ENOTDIR, "errno=%d",
	      errno);

	remove_tree();
	return finish();
}
