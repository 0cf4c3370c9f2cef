/* libgen.c: the POSIX basename and dirname, which may write into PATH
 * (to cut off trailing slashes). "/usr/lib/" -> "lib" and "/usr". */
#include <libgen.h>
#include <string.h>

/* Index one past the last non-slash character (0 if all slashes). */
static size_t trim_slashes(const char *path, size_t len)
{
	while (len > 0 && path[len - 1] == '/')
		len--;
	return len;
}

char *basename(char *path)
{
	if (!path || !*path)
		return ".";
	size_t end = trim_slashes(path, strlen(path));
	if (end == 0)
		return "/";
	path[end] = '\0';
	char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *dirname(char *path)
{
	if (!path || !*path)
		return ".";
	size_t end = trim_slashes(path, strlen(path));
	if (end == 0)
		return "/";
	while (end > 0 && path[end - 1] != '/') /* drop the last name */
		end--;
	if (end == 0)
		return ".";
	end = trim_slashes(path, end);
	if (end == 0)
		return "/";
	path[end] = '\0';
	return path;
}
