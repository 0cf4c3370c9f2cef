/*
 * proc_fd_demo: what a process's file descriptors point to, as the
 * kernel shows it in /proc/self/fd.
 *
 * A descriptor is a small number indexing the process's table of open
 * files. The program opens a file and a pipe, then lists /proc/self/fd:
 * each entry there is a symbolic link named after a descriptor, whose
 * target names what it is open on. Run it; expect something like
 *
 *     fd 0 -> /dev/console     (stdin, stdout and stderr: the terminal
 *     fd 1 -> /dev/console      the shell gave us)
 *     fd 2 -> /dev/console
 *     fd 3 -> /tmp/proc_fd_demo.txt
 *     fd 4 -> pipe:[57]        (the read end of the pipe ...)
 *     fd 5 -> pipe:[57]        (... and its write end: the same pipe)
 *     fd 6 -> /proc/12/fd      (the directory we are listing)
 *
 * The number in pipe:[57] is the pipe's inode number, the same that
 * fstat() reports in st_ino: both ends share one pipe. /proc/self is
 * itself a link, to /proc/PID of whoever reads it.
 *
 * Try also: ls -l /proc/self/fd, and "cat /proc/self/fd/0" (no; that
 * reads the terminal), "ls -l /proc/1/fd" (init's descriptors).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_number(const struct dirent **a, const struct dirent **b)
{
	return atoi((*a)->d_name) - atoi((*b)->d_name);
}

static int not_dot(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

int main(void)
{
	const char *path = "/tmp/proc_fd_demo.txt";
	int file = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	int p[2];
	struct stat st;
	char self[32];
	ssize_t n;

	if (file < 0 || pipe(p) < 0) {
		perror("proc_fd_demo");
		return 1;
	}
	n = readlink("/proc/self", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	fstat(p[0], &st);
	printf("I am pid %d; /proc/self -> %s\n", getpid(), self);
	printf("opened %s as fd %d, a pipe as fds %d (read) and %d (write),\n", path, file, p[0], p[1]);
	printf("whose inode number (fstat st_ino) is %lu.\n\n", (unsigned long)st.st_ino);

	/* list the directory; it is open itself while we read it */
	DIR *d = opendir("/proc/self/fd");
	struct dirent **list;
	int count;

	if (!d) {
		perror("/proc/self/fd");
		return 1;
	}
	printf("/proc/self/fd holds (the listing's own descriptor is fd %d):\n", dirfd(d));
	count = scandir("/proc/self/fd", &list, not_dot, by_number);
	for (int i = 0; i < count; i++) {
		char link[300], target[256];

		snprintf(link, sizeof(link), "/proc/self/fd/%s", list[i]->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n < 0) /* scandir's own descriptor, closed by now */
			snprintf(target, sizeof(target), "(closed since it was listed)");
		else
			target[n] = '\0';
		printf("  fd %s -> %s\n", list[i]->d_name, target);
		free(list[i]);
	}
	free(list);
	closedir(d);
	close(file);
	close(p[0]);
	close(p[1]);
	unlink(path);
	return 0;
}
