/* mkstemp.c: creating files and directories with unique names from a
 * template ending in "XXXXXX" (mkstemp, mkdtemp). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ATTEMPTS 100

/* Replaces the six X's of TMPL with letters and digits that differ from
 * call to call; returns 0, or -1 with EINVAL for a bad template. */
static int fill_template(char *tmpl)
{
	static const char chars[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long counter;
	size_t len = strlen(tmpl);
	struct timespec ts;

	if (len < 6 || strcmp(tmpl + len - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	unsigned long x = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 20) ^
			  (++counter * 0x9e3779b97f4a7c15UL);
	for (int i = 0; i < 6; i++) {
		tmpl[len - 6 + i] = chars[x % 62];
		x = x / 62 + (x % 62) * 0x100000001b3UL;
	}
	return 0;
}

int mkstemp(char *tmpl)
{
	for (int i = 0; i < ATTEMPTS; i++) {
		if (fill_template(tmpl) < 0)
			return -1;
		int fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		memcpy(tmpl + strlen(tmpl) - 6, "XXXXXX", 6);
	}
	return -1;
}

char *mkdtemp(char *tmpl)
{
	for (int i = 0; i < ATTEMPTS; i++) {
		if (fill_template(tmpl) < 0)
			return NULL;
		if (mkdir(tmpl, 0700) == 0)
			return tmpl;
		if (errno != EEXIST)
			return NULL;
		memcpy(tmpl + strlen(tmpl) - 6, "XXXXXX", 6);
	}
	return NULL;
}
