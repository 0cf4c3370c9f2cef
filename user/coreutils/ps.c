/*
 * ps: list processes, in the formats of Linux's procps:
 *
 *     ps          the processes of this session (of this terminal):
 *                     PID TTY          TIME CMD
 *     ps -e, -A   every process, same columns
 *     ps -f       full format: UID PID PPID C STIME TTY TIME CMD
 *     ps aux      BSD "user" format of every process:
 *                 USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND
 *
 * Everything comes from the kernel's /proc file system, read as
 * ordinary files. /proc/PID/stat is one line (see proc(5)):
 *
 *     pid (comm) state ppid pgrp session tty_nr ... utime(14) stime(15)
 *     ... num_threads(20) ... starttime(22) vsize(23) rss(24) ...
 *
 * /proc/PID/cmdline holds the arguments separated by NUL bytes (empty
 * for a zombie: ps then shows [comm]). TIME is the CPU time used
 * (utime + stime, in clock ticks of 1/100 s); STIME/START the time of
 * day the process started, from the boot time in /proc/stat ("btime")
 * plus starttime.
 *
 * Run "sleep 5 &" first to see a sleeping process.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CLK_TCK 100 /* /proc counts time in these ticks (USER_HZ) */

struct proc {
	int pid, ppid, pgrp, session, tty, threads, uid;
	char state;
	unsigned long long utime, stime, start, vsize, rss;
	char comm[64];
	char cmd[512];
};

enum format { FMT_DEFAULT, FMT_FULL, FMT_USER };

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
	if (len >= sizeof(p->comm))
		len = sizeof(p->comm) - 1;
	memcpy(p->comm, open + 1, len);
	p->comm[len] = '\0';
	p->state = close[2];
	for (f = close + 2, field = 3; f; field++) {
		unsigned long long v = strtoull(f, NULL, 10);

		switch (field) {
		case 4: p->ppid = (int)v; break;
		case 5: p->pgrp = (int)v; break;
		case 6: p->session = (int)v; break;
		case 7: p->tty = (int)v; break;
		case 14: p->utime = v; break;
		case 15: p->stime = v; break;
		case 20: p->threads = (int)v; break;
		case 22: p->start = v; break;
		case 23: p->vsize = v; break;
		case 24: p->rss = v; break;
		}
		f = strchr(f, ' ');
		if (f)
			f++;
	}
	return 0;
}

/* The full command line, or [comm] if there is none (a zombie). */
static void read_cmdline(struct proc *p)
{
	char path[64], buf[sizeof(p->cmd)];
	int n, i;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", p->pid);
	n = read_small_file(path, buf, sizeof(buf));
	if (n <= 0) {
		snprintf(p->cmd, sizeof(p->cmd), "[%s]", p->comm);
		return;
	}
	for (i = 0; i < n - 1; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';   /* arguments are NUL-separated */
	snprintf(p->cmd, sizeof(p->cmd), "%s", buf);
}

/* The real user id, from the "Uid:" line of /proc/PID/status. */
static int read_uid(int pid)
{
	char path[64], buf[2048], *u;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_small_file(path, buf, sizeof(buf)) <= 0)
		return 0;
	u = strstr(buf, "\nUid:");
	return u ? atoi(u + 5) : 0;
}

static int read_proc(int pid, struct proc *p)
{
	char path[64], buf[1024];

	memset(p, 0, sizeof(*p));
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_small_file(path, buf, sizeof(buf)) <= 0)
		return -1; /* it exited while we were looking */
	if (parse_stat(buf, p) < 0)
		return -1;
	read_cmdline(p);
	p->uid = read_uid(pid);
	return 0;
}

/* The value after NAME in a "name value" or "Name: value" file. */
static unsigned long long read_value(const char *file, const char *name)
{
	char buf[4096], *at;
	size_t len = strlen(name);

	if (read_small_file(file, buf, sizeof(buf)) <= 0)
		return 0;
	for (at = buf; at; at = strchr(at, '\n'), at = at ? at + 1 : NULL)
		if (strncmp(at, name, len) == 0)
			return strtoull(at + len, NULL, 10);
	return 0;
}

/* The terminal's name from the tty_nr field (major and minor number). */
static void tty_name(int tty, char *buf, size_t size)
{
	unsigned major = (tty >> 8) & 0xfff, minor = (tty & 0xff) | ((tty >> 12) & 0xfff00);

	if (tty == 0)
		snprintf(buf, size, "?");
	else if (major == 4 && minor < 64)
		snprintf(buf, size, "tty%u", minor);
	else if (major == 4)
		snprintf(buf, size, "ttyS%u", minor - 64);
	else if (major >= 136 && major <= 143)
		snprintf(buf, size, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 5 && minor == 1)
		snprintf(buf, size, "console");
	else
		snprintf(buf, size, "%u,%u", major, minor);
}

static void user_name(int uid, char *buf, size_t size)
{
	if (uid == 0)
		snprintf(buf, size, "root");
	else
		snprintf(buf, size, "%d", uid);
}

/* CPU time as [dd-]hh:mm:ss (default, -f) or m:ss (BSD). */
static void cpu_time(const struct proc *p, int bsd, char *buf, size_t size)
{
	unsigned long long s = (p->utime + p->stime) / CLK_TCK;

	if (bsd)
		snprintf(buf, size, "%llu:%02llu", s / 60, s % 60);
	else if (s >= 86400)
		snprintf(buf, size, "%llu-%02llu:%02llu:%02llu", s / 86400,
			 s / 3600 % 24, s / 60 % 60, s % 60);
	else
		snprintf(buf, size, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60,
			 s % 60);
}

/* When it started: "HH:MM" today, else "MonDD". */
static void start_time(const struct proc *p, time_t btime, char *buf,
		       size_t size)
{
	time_t t = btime + (time_t)(p->start / CLK_TCK), now = time(NULL);
	struct tm then, today;

	localtime_r(&t, &then);
	localtime_r(&now, &today);
	if (then.tm_yday == today.tm_yday && then.tm_year == today.tm_year)
		strftime(buf, size, "%H:%M", &then);
	else
		strftime(buf, size, "%b%d", &then);
}

/* CPU use in tenths of a percent of the time since it started
 * (%CPU, and C in -f), rounded down as procps does. */
static unsigned long long cpu_permille(const struct proc *p, double uptime)
{
	double alive = uptime - (double)p->start / CLK_TCK;

	if (alive <= 0)
		return 0;
	return (unsigned long long)((double)(p->utime + p->stime) / CLK_TCK * 1000 / alive);
}

/* BSD STAT: the state letter, then s (session leader), l (threads). */
static void bsd_state(const struct proc *p, char *buf, size_t size)
{
	snprintf(buf, size, "%c%s%s", p->state, p->pid == p->session ? "s" : "",
		 p->threads > 1 ? "l" : "");
}

static void print_header(enum format fmt)
{
	if (fmt == FMT_FULL)
		printf("UID        PID  PPID  C STIME TTY          TIME CMD\n");
	else if (fmt == FMT_USER)
		printf("USER       PID %%CPU %%MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n");
	else
		printf("  PID TTY          TIME CMD\n");
}

static void print_proc(const struct proc *p, enum format fmt, double uptime,
		       time_t btime, unsigned long long mem_kb)
{
	char tty[16], tm[32], st[16], user[32], state[8];
	unsigned long long rss_kb = p->rss * (unsigned long long)(getpagesize() / 1024);

	tty_name(p->tty, tty, sizeof(tty));
	cpu_time(p, fmt == FMT_USER, tm, sizeof(tm));
	start_time(p, btime, st, sizeof(st));
	user_name(p->uid, user, sizeof(user));
	if (fmt == FMT_FULL) {
		printf("%-8s %5d %5d %2d %5s %-8s %8s %s\n", user, p->pid, p->ppid,
		       (int)(cpu_permille(p, uptime) / 10), st, tty, tm, p->cmd);
	} else if (fmt == FMT_USER) {
		bsd_state(p, state, sizeof(state));
		unsigned long long cpu = cpu_permille(p, uptime);
		unsigned long long mem = mem_kb ? rss_kb * 1000 / mem_kb : 0;

		printf("%-8s %5d %2llu.%llu %2llu.%llu %6llu %5llu %-8s %-4s %5s %6s %s\n",
		       user, p->pid, cpu / 10, cpu % 10, mem / 10, mem % 10,
		       p->vsize / 1024, rss_kb, tty, state, st, tm, p->cmd);
	} else {
		printf("%5d %-8s %8s %s\n", p->pid, tty, tm, p->comm);
	}
}

static int by_pid(const void *a, const void *b)
{
	return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

static void usage(void)
{
	fprintf(stderr, "usage: ps [-e|-A] [-f] | ps aux\n");
	exit(1);
}

int main(int argc, char **argv)
{
	enum format fmt = FMT_DEFAULT;
	int all = 0, i, n = 0, cap = 0;
	struct proc *v = NULL, self;
	struct dirent *e;
	DIR *d;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int bsd = a[0] != '-';

		for (a += !bsd; *a; a++) {
			if (*a == 'e' || *a == 'A' || (bsd && (*a == 'a' || *a == 'x')))
				all = 1;
			else if (*a == 'f' && !bsd)
				fmt = FMT_FULL;
			else if (*a == 'u' && bsd)
				fmt = FMT_USER;
			else
				usage();
		}
	}
	if (read_proc(getpid(), &self) < 0) {
		fprintf(stderr, "ps: cannot read /proc/%d/stat: %s\n", getpid(),
			strerror(errno));
		return 1;
	}
	d = opendir("/proc");
	if (!d) {
		fprintf(stderr, "ps: cannot open /proc: %s\n", strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue; /* not a process directory */
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(v, cap * sizeof(*v));
			if (!v) {
				perror("ps");
				return 1;
			}
		}
		if (read_proc(atoi(e->d_name), &v[n]) < 0)
			continue;
		/* without -e: those on the same terminal as ps (or, like
		 * ps, on none), with the same user, as procps picks them */
		if (!all && (v[n].tty != self.tty || v[n].uid != self.uid))
			continue;
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), by_pid);

	char up[64];
	double uptime = read_small_file("/proc/uptime", up, sizeof(up)) > 0 ? strtod(up, NULL) : 0;
	time_t btime = (time_t)read_value("/proc/stat", "btime ");
	unsigned long long mem_kb = read_value("/proc/meminfo", "MemTotal:");

	print_header(fmt);
	for (i = 0; i < n; i++)
		print_proc(&v[i], fmt, uptime, btime, mem_kb);
	free(v);
	return 0;
}
