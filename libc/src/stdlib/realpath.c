/* realpath.c: the canonical absolute name of a file: no ".", "..",
 * repeated slashes or symbolic links.
 *
 * Works through the path one component at a time, keeping the result
 * so far in RESOLVED. A component that is a symbolic link is replaced
 * by the link's text (followed by whatever was left of the path) and
 * the walk goes on; more than SYMLOOP_MAX links means a loop. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Drops the last component of the absolute path P ("/a/b" -> "/a"). */
static void drop_last(char *p)
{
	char *slash = strrchr(p, '/');

	if (slash == p)
		p[1] = '\0';
	else
		*slash = '\0';
}

/* Appends component NAME (LEN bytes) to P; ENAMETOOLONG if too long. */
static int append(char *p, const char *name, size_t len)
{
	size_t used = strlen(p);
	size_t sep = p[used - 1] != '/';

	if (used + sep + len >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (sep)
		p[used++] = '/';
	memcpy(p + used, name, len);
	p[used + len] = '\0';
	return 0;
}

/* Replaces REST (the unwalked path) with TARGET + "/" + REST. */
static int splice_link(char *rest, const char *target, size_t tlen)
{
	size_t rlen = strlen(rest);

	if (tlen + 1 + rlen >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memmove(rest + tlen + 1, rest, rlen + 1);
	memcpy(rest, target, tlen);
	rest[tlen] = '/';
	return 0;
}

static int resolve(const char *path, char *out)
{
	char rest[PATH_MAX], target[PATH_MAX];
	int links = 0;

	if (strlen(path) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(rest, path);
	if (path[0] == '/')
		strcpy(out, "/");
	else if (!getcwd(out, PATH_MAX))
		return -1;

	char *p = rest;
	while (*p) {
		size_t len = strcspn(p, "/");
		char *next = p + len + (p[len] == '/');
		if (len == 0 || (len == 1 && p[0] == '.')) {
			p = next;
			continue;
		}
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			drop_last(out);
			p = next;
			continue;
		}
		if (append(out, p, len) < 0)
			return -1;

		struct stat st;
		if (lstat(out, &st) < 0)
			return -1;
		if (S_ISLNK(st.st_mode)) {
			if (++links > SYMLOOP_MAX) {
				errno = ELOOP;
				return -1;
			}
			ssize_t tlen = readlink(out, target, sizeof target - 1);
			if (tlen < 0)
				return -1;
			drop_last(out);
			if (target[0] == '/')
				strcpy(out, "/");
			memmove(rest, next, strlen(next) + 1);
			if (splice_link(rest, target, (size_t)tlen) < 0)
				return -1;
			p = rest;
			continue;
		}
		if (*next && !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
		p = next;
	}
	return 0;
}

char *realpath(const char *restrict path, char *restrict resolved)
{
	char buf[PATH_MAX];

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	if (resolve(path, buf) < 0)
		return NULL;
	if (!resolved)
		return strdup(buf);
	return strcpy(resolved, buf);
}
