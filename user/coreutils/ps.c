/*
 * ps: list processes, one line each:
 *
 *     PID  PPID S CPU CMD
 *       1     0 S   0 /sbin/init
 *      12     1 R   2 ps
 *
 * S is the state (R running or runnable, S sleeping, Z zombie: exited
 * but not yet waited for by its parent), CPU the processor it last ran
 * on. Everything comes from the kernel's /proc file system, read as
 * ordinary files, in Linux's format: /proc/PID/stat is one line
 *
 *     pid (comm) state ppid pgrp session ... processor(39th) ...
 *
 * and /proc/PID/cmdline holds the arguments separated by NUL bytes.
 * Run "sleep 5 &" first to see a sleeping process.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct proc {
	int pid, ppid, cpu;
	char state;
	char cmd[256];
};

/* Read up to SIZE-1 bytes of file PATH into BUF; returns the length. */
static int read_small_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while (total < size - 1 &&
	       (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/*
 * Parse /proc/PID/stat. The command name is in parentheses and may
 * itself contain spaces and ")" so we look for the *last* ")"; after it
 * the fields are separated by single spaces, starting with field 3.
 */
static int parse_stat(const char *text, struct proc *p)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')');
	const char *f;
	int field;
	size_t len;

	if (!open || !close || close < open)
		return -1;
	p->pid = atoi(text);
	len = close - open - 1;
	if (len >= sizeof(p->cmd) - 2)
		len = sizeof(p->cmd) - 3;
	p->cmd[0] = '[';            /* shown only if cmdline is empty */
	memcpy(p->cmd + 1, open + 1, len);
	strcpy(p->cmd + 1 + len, "]");
	p->state = close[2];
	p->cpu = -1;
	for (f = close + 2, field = 3; f; field++) {
		if (field == 4)
			p->ppid = atoi(f);
		if (field == 39)
			p->cpu = atoi(f);
		f = strchr(f, ' ');
		if (f)
			f++;
	}
	return 0;
}

/* Replace the [comm] name by the full command line, if there is one. */
static void read_cmdline(int pid, struct proc *p)
{
	char path[64], buf[256];
	int n, i;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_small_file(path, buf, sizeof(buf));
	if (n <= 0)
		return;
	for (i = 0; i < n - 1; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';   /* arguments are NUL-separated */
	snprintf(p->cmd, sizeof(p->cmd), "%s", buf);
}

static int read_proc(int pid, struct proc *p)
{
	char path[64], buf[1024];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_small_file(path, buf, sizeof(buf)) <= 0)
		return -1; /* it exited while we were looking */
	if (parse_stat(buf, p) < 0)
		return -1;
	read_cmdline(pid, p);
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

int main(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	struct proc *v = NULL;
	int n = 0, cap = 0, i;

	if (!d) {
		fprintf(stderr, "ps: cannot open /proc: %s\n", strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue; /* not a process directory */
		if (n == cap)
			v = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof(*v));
		if (read_proc(atoi(e->d_name), &v[n]) == 0)
			n++;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), by_pid);
	printf("%5s %5s S %3s CMD\n", "PID", "PPID", "CPU");
	for (i = 0; i < n; i++)
		printf("%5d %5d %c %3d %s\n", v[i].pid, v[i].ppid, v[i].state,
		       v[i].cpu, v[i].cmd);
	free(v);
	return 0;
}
