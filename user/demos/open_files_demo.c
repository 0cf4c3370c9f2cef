/*
 * open_files_demo: open files until the kernel says "Too many open
 * files".
 *
 * Lecture point: a process may hold only so many open files at once:
 * its RLIMIT_NOFILE soft limit (1024 by default; `ulimit -n` shows it,
 * `ulimit -n 64` lowers it for the shell and everything it starts). A
 * descriptor is a small integer below that limit, and open() takes the
 * lowest free one. When none is free, open fails with EMFILE, whose
 * message is "Too many open files".
 *
 * What to look for: the count of successful opens is not 1024 but 1021:
 * descriptors 0, 1 and 2 (standard input, output and error) were open
 * before main() ran, so the 1022nd open is the one that fails. Try
 * `ulimit -n 64` first, or `open_files_demo 3</dev/null` with another
 * descriptor already open.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

int main(void)
{
	struct rlimit r;
	int already = 0, opened = 0, fd, last = -1;
	char list[256] = "";

	getrlimit(RLIMIT_NOFILE, &r);
	for (fd = 0; fd < (int)r.rlim_cur; fd++)
		if (fcntl(fd, F_GETFD) >= 0) {
			already++;
			if (strlen(list) < sizeof list - 16)
				snprintf(list + strlen(list), sizeof list - strlen(list), " %d", fd);
		}
	printf("RLIMIT_NOFILE: soft %lu, hard %lu; open already:%s\n", (unsigned long)r.rlim_cur,
	       (unsigned long)r.rlim_max, list);
	while ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		opened++;
		last = fd;
	}
	printf("open #%d failed: %s (errno %d%s)\n", opened + 1, strerror(errno), errno,
	       errno == EMFILE ? ", EMFILE" : "");
	printf("%d files opened, the last as descriptor %d\n", opened, last);
	printf("why not %lu? descriptors run from 0 to %lu, and %d of them were taken before "
	       "main() ran (0, 1, 2 are stdin, stdout, stderr)\n",
	       (unsigned long)r.rlim_cur, (unsigned long)r.rlim_cur - 1, already);
	return 0;
}
