/*
 * ls [-l] [-a] [-1] [FILE...]: list directory contents.
 *
 *   -l  long format:  -rwxr-xr-x  1 root root  12345 name
 *       (type and permission bits, link count, owner, group, size, and
 *       "-> target" for a symbolic link; no dates: the ramfs keeps none
 *       worth showing)
 *   -a  also names starting with "."   (including . and ..)
 *   -1  one name per line (the default when output is not a terminal)
 *
 * A directory is read with opendir/readdir, which the C library builds on
 * the getdents64 system call; each entry is then examined with lstat.
 * Names are sorted byte by byte, as GNU ls does in the C locale.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

struct entry {
	char *name;         /* as shown */
	char *path;         /* as lstat'ed */
	struct stat st;
};

static int long_format, show_all, one_per_line;
static int exit_status;

/* "drwxr-xr-x": the file type letter, then rwx for user, group, other. */
static void mode_string(mode_t m, char out[11])
{
	static const char *const rwx = "rwxrwxrwx";
	int i;

	out[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' :
		 S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (i = 0; i < 9; i++)
		out[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		out[3] = out[3] == 'x' ? 's' : 'S';
	if (m & S_ISGID)
		out[6] = out[6] == 'x' ? 's' : 'S';
	if (m & S_ISVTX)
		out[9] = out[9] == 'x' ? 't' : 'T';
	out[10] = '\0';
}

/* There is no user database yet: uid 0 is "root", others a number. */
static void owner_name(unsigned id, char *out, size_t size)
{
	if (id == 0)
		snprintf(out, size, "root");
	else
		snprintf(out, size, "%u", id);
}

static int digits(long long n)
{
	int d = 1;

	for (; n >= 10; n /= 10)
		d++;
	return d;
}

static void print_long(struct entry *e, int nlink_w, int size_w)
{
	char mode[11], user[16], group[16], target[4096];
	ssize_t n;

	mode_string(e->st.st_mode, mode);
	owner_name(e->st.st_uid, user, sizeof(user));
	owner_name(e->st.st_gid, group, sizeof(group));
	printf("%s %*lu %s %s %*lld %s", mode, nlink_w,
	       (unsigned long)e->st.st_nlink, user, group, size_w,
	       (long long)e->st.st_size, e->name);
	if (S_ISLNK(e->st.st_mode)) {
		n = readlink(e->path, target, sizeof(target) - 1);
		if (n >= 0) {
			target[n] = '\0';
			printf(" -> %s", target);
		}
	}
	printf("\n");
}

static void print_all_long(struct entry *v, int n)
{
	int i, nlink_w = 1, size_w = 1;

	for (i = 0; i < n; i++) {
		if (digits(v[i].st.st_nlink) > nlink_w)
			nlink_w = digits(v[i].st.st_nlink);
		if (digits(v[i].st.st_size) > size_w)
			size_w = digits(v[i].st.st_size);
	}
	for (i = 0; i < n; i++)
		print_long(&v[i], nlink_w, size_w);
}

static int terminal_width(void)
{
	struct winsize ws;

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Width of column COL when N names are laid out in ROWS rows. */
static int column_width(struct entry *v, int n, int rows, int col)
{
	int r, w = 0, len;

	for (r = 0; r < rows && col * rows + r < n; r++) {
		len = (int)strlen(v[col * rows + r].name);
		if (len > w)
			w = len;
	}
	return w;
}

/* Fewest rows such that the columns (2 spaces apart) fit in WIDTH. */
static int rows_needed(struct entry *v, int n, int width)
{
	int rows, cols, c, total;

	for (rows = 1; rows < n; rows++) {
		cols = (n + rows - 1) / rows;
		for (total = 0, c = 0; c < cols; c++)
			total += column_width(v, n, rows, c) + 2;
		if (total - 2 <= width)
			break;
	}
	return rows;
}

/* Names in columns, filled top to bottom then left to right, like GNU. */
static void print_columns(struct entry *v, int n)
{
	int rows = rows_needed(v, n, terminal_width());
	int cols = (n + rows - 1) / rows, r, c, i;

	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++) {
			i = c * rows + r;
			if (i >= n)
				break;
			if (c == cols - 1 || i + rows >= n)
				printf("%s", v[i].name);
			else
				printf("%-*s", column_width(v, n, rows, c) + 2,
				       v[i].name);
		}
		printf("\n");
	}
}

static void print_entries(struct entry *v, int n)
{
	int i;

	if (n == 0)
		return;
	if (long_format)
		print_all_long(v, n);
	else if (one_per_line)
		for (i = 0; i < n; i++)
			printf("%s\n", v[i].name);
	else
		print_columns(v, n);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
		      ((const struct entry *)b)->name);
}

static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *out = malloc(len);

	snprintf(out, len, "%s/%s", dir, name);
	return out;
}

/* Read directory PATH into a sorted array; returns the count or -1. */
static int read_dir(const char *path, struct entry **out)
{
	DIR *d = opendir(path);
	struct dirent *de;
	struct entry *v = NULL;
	int n = 0, cap = 0;

	if (!d) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", path,
			strerror(errno));
		exit_status = 2;
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' && !show_all)
			continue;
		if (n == cap)
			v = realloc(v, (cap = cap ? cap * 2 : 32) * sizeof(*v));
		v[n].name = strdup(de->d_name);
		v[n].path = join(path, de->d_name);
		if (lstat(v[n].path, &v[n].st) != 0)
			memset(&v[n].st, 0, sizeof(v[n].st));
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), by_name);
	*out = v;
	return n;
}

static void free_entries(struct entry *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
	}
	free(v);
}

static void list_dir(const char *path, int with_header, int first)
{
	struct entry *v;
	int n;

	if (with_header)
		printf("%s%s:\n", first ? "" : "\n", path);
	n = read_dir(path, &v);
	if (n < 0)
		return;
	print_entries(v, n);
	free_entries(v, n);
}

static int parse_options(int argc, char **argv)
{
	int i;
	const char *p;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'l')
				long_format = 1;
			else if (*p == 'a')
				show_all = 1;
			else if (*p == '1')
				one_per_line = 1;
			else {
				fprintf(stderr, "ls: invalid option -- '%c'\n",
					*p);
				exit(2);
			}
		}
	return i;
}

/*
 * Operands: first every one that is not a directory (listed together),
 * then each directory's contents, with a "name:" header when there is
 * more than one operand.
 */
int main(int argc, char **argv)
{
	int first = parse_options(argc, argv), i, nfiles = 0, ndirs = 0;
	int noperands = argc - first;
	struct entry *files = calloc(argc + 1, sizeof(*files));
	char **dirs = calloc(argc + 1, sizeof(char *));

	if (!isatty(1))
		one_per_line = 1;
	if (noperands == 0)
		dirs[ndirs++] = ".";
	for (i = first; i < argc; i++) {
		struct entry *e = &files[nfiles];

		if (lstat(argv[i], &e->st) != 0) {
			fprintf(stderr, "ls: cannot access '%s': %s\n",
				argv[i], strerror(errno));
			exit_status = 2;
		} else if (S_ISDIR(e->st.st_mode)) {
			dirs[ndirs++] = argv[i];
		} else {
			e->name = e->path = argv[i];
			nfiles++;
		}
	}
	qsort(files, nfiles, sizeof(*files), by_name);
	print_entries(files, nfiles);
	for (i = 0; i < ndirs; i++)
		list_dir(dirs[i], noperands > 1, i == 0 && nfiles == 0);
	return exit_status;
}
