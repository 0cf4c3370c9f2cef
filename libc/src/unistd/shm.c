/* shm.c: POSIX shared memory objects. A name "/NAME" is the file
 * /dev/shm/NAME, on the kernel's RAM file system mounted there: open it,
 * size it with ftruncate, map it MAP_SHARED, and every process that
 * does the same uses the same pages. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SHM_DIR "/dev/shm/"

/* "/dev/shm/NAME" for NAME (leading slashes dropped) into PATH, or -1
 * with errno: EINVAL for an empty name or one with another slash,
 * ENAMETOOLONG past NAME_MAX. */
static int shm_path(const char *name, char *path)
{
	while (*name == '/')
		name++;
	size_t len = strlen(name);
	if (len == 0 || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
		errno = EINVAL;
		return -1;
	}
	if (len > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(path, SHM_DIR, sizeof SHM_DIR - 1);
	memcpy(path + sizeof SHM_DIR - 1, name, len + 1);
	return 0;
}

int shm_open(const char *name, int oflag, mode_t mode)
{
	char path[sizeof SHM_DIR + NAME_MAX];
	if (shm_path(name, path) < 0)
		return -1;
	/* as glibc: never through a symlink, and closed across exec */
	return open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

int shm_unlink(const char *name)
{
	char path[sizeof SHM_DIR + NAME_MAX];
	if (shm_path(name, path) < 0)
		return -1;
	int r = unlink(path);
	if (r < 0 && errno == EPERM)
		errno = EACCES; /* POSIX names this case EACCES */
	return r;
}
