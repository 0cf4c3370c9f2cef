/*
 * proc_test.c: /proc describes the test itself truthfully, in Linux's
 * formats: its pid, parent, state, threads, memory regions, open
 * descriptors, command line and environment; the system-wide files
 * (stat, loadavg, uptime, meminfo, cpuinfo) have the shape proc(5)
 * gives them; readlink fails as Linux's does; files of processes that
 * are gone give ENOENT (or ESRCH when already open).
 */
#define _GNU_SOURCE
#define TEST_NAME "proc"
#include "check.h"

#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>

/* expect() with a printf-style reason */
#define expectf(check, cond, ...)                  \
	do {                                       \
		if (cond)                          \
			pass(check);               \
		else                               \
			fail(check, __VA_ARGS__);  \
	} while (0)

/* Read file PATH (relative to DIRFD) into BUF; its length or -1. */
static int read_at(int dirfd, const char *path, char *buf, int size)
{
	int fd = openat(dirfd, path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while (total < size - 1 && (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

static int read_file(const char *path, char *buf, int size)
{
	return read_at(AT_FDCWD, path, buf, size);
}

/* Field NUM (1-based, as numbered in proc(5)) of a stat line. */
static long long stat_field(const char *line, int num)
{
	const char *p = strrchr(line, ')');

	if (num == 1)
		return atoll(line);
	if (!p)
		return -1;
	p += 2; /* field 3 */
	for (int f = 3; f < num; f++) {
		p = strchr(p, ' ');
		if (!p)
			return -1;
		p++;
	}
	return num == 3 ? *p : atoll(p);
}

/* The value of "Name:\tvalue" in a status text, copied into OUT. */
static int status_value(const char *text, const char *name, char *out, size_t size)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof key, "\n%s:\t", name);
	p = strncmp(text, key + 1, strlen(key + 1)) == 0 ? text - 1 : strstr(text, key);
	if (!p)
		return -1;
	p += strlen(key);
	size_t n = strcspn(p, "\n");
	if (n >= size)
		n = size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

static void check_self_link(void)
{
	char buf[64], want[32];
	ssize_t n = readlink("/proc/self", buf, sizeof buf);

	snprintf(want, sizeof want, "%d", getpid());
	expect("self_is_pid", n == (ssize_t)strlen(want) && !memcmp(buf, want, n),
	       "readlink(/proc/self) is not our pid");
	/* /proc/PID as a directory, and listed in /proc */
	struct stat st;
	expect("self_is_directory", stat("/proc/self", &st) == 0 && S_ISDIR(st.st_mode),
	       "/proc/self is not a directory");
	DIR *d = opendir("/proc");
	int found = 0, self = 0, last = 0, ascending = 1;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		found |= !strcmp(e->d_name, want);
		self |= !strcmp(e->d_name, "self");
		if (isdigit((unsigned char)e->d_name[0])) {
			ascending &= atoi(e->d_name) > last;
			last = atoi(e->d_name);
		}
	}
	if (d)
		closedir(d);
	expect("listed_in_proc", found && self, "/proc does not list our pid and self");
	expect("pids_listed_ascending", ascending, "/proc lists the pids out of order");
}

static void check_stat(void)
{
	char buf[1024];

	if (read_file("/proc/self/stat", buf, sizeof buf) <= 0) {
		fail("stat_readable", "%s", strerror(errno));
		return;
	}
	expect("stat_pid", stat_field(buf, 1) == getpid(), "field 1 is not our pid");
	expect("stat_comm", strstr(buf, "(proc_test) ") != NULL, "field 2 is not (proc_test)");
	expect("stat_state_running", stat_field(buf, 3) == 'R', "we are running: state should be R");
	expect("stat_ppid", stat_field(buf, 4) == getppid(), "field 4 is not our parent");
	expect("stat_pgrp", stat_field(buf, 5) == getpgrp(), "field 5 is not our process group");
	expect("stat_session", stat_field(buf, 6) == getsid(0), "field 6 is not our session");
	expect("stat_one_thread", stat_field(buf, 20) == 1, "num_threads (field 20) is not 1");
	expect("stat_vsize", stat_field(buf, 23) > 0 && stat_field(buf, 24) > 0,
	       "vsize and rss (fields 23, 24) should be positive");
	int fields = 2; /* pid and (comm), then one more after each space */
	for (const char *p = strrchr(buf, ')'); *p; p++)
		fields += *p == ' ';
	expect("stat_has_52_fields", fields >= 52, "fewer than 52 fields");
}

static void check_status(void)
{
	char buf[4096], v[128], want[64];

	if (read_file("/proc/self/status", buf, sizeof buf) <= 0) {
		fail("status_readable", "%s", strerror(errno));
		return;
	}
	expect("status_name", status_value(buf, "Name", v, sizeof v) == 0 && !strcmp(v, "proc_test"),
	       "Name is not proc_test");
	expect("status_state", status_value(buf, "State", v, sizeof v) == 0 && !strcmp(v, "R (running)"),
	       "State is not R (running)");
	snprintf(want, sizeof want, "%d", getpid());
	expect("status_tgid_pid", status_value(buf, "Tgid", v, sizeof v) == 0 && !strcmp(v, want) &&
			status_value(buf, "Pid", v, sizeof v) == 0 && !strcmp(v, want),
	       "Tgid and Pid are not our pid");
	snprintf(want, sizeof want, "%d", getppid());
	expect("status_ppid", status_value(buf, "PPid", v, sizeof v) == 0 && !strcmp(v, want),
	       "PPid is not our parent");
	expect("status_threads", status_value(buf, "Threads", v, sizeof v) == 0 && !strcmp(v, "1"),
	       "Threads is not 1");
	mode_t old = umask(027);
	umask(old);
	snprintf(want, sizeof want, "%04o", (unsigned)old);
	expect("status_umask", status_value(buf, "Umask", v, sizeof v) == 0 && !strcmp(v, want),
	       "Umask differs from umask()");
	expect("status_vmrss", status_value(buf, "VmRSS", v, sizeof v) == 0 && atol(v) > 0 &&
			strstr(v, " kB"), "no VmRSS in kB");
	/* Linux's order of the lines */
	const char *order[] = { "Name:", "Umask:", "State:", "Tgid:", "Pid:", "PPid:", "Uid:",
				"FDSize:", "VmRSS:", "Threads:", "SigPnd:", "SigBlk:", "SigIgn:",
				"SigCgt:", "Cpus_allowed:", "voluntary_ctxt_switches:" };
	const char *at = buf;
	int in_order = 1;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *p = strstr(at, order[i]);
		if (!p) {
			in_order = 0;
			break;
		}
		at = p;
	}
	expect("status_line_order", in_order, "lines missing or not in Linux's order");
}

/* voluntary_ctxt_switches of our status, or -1. */
static long voluntary_switches(void)
{
	char buf[4096], v[64];

	if (read_file("/proc/self/status", buf, sizeof buf) <= 0 ||
	    status_value(buf, "voluntary_ctxt_switches", v, sizeof v) < 0)
		return -1;
	return atol(v);
}

/* Each sleep gives up the CPU: one more voluntary context switch. */
static void check_context_switches(void)
{
	long before = voluntary_switches();
	for (int i = 0; i < 3; i++)
		usleep(10000);
	long after = voluntary_switches();
	expectf("voluntary_switches_count_sleeps", before >= 0 && after >= before + 3,
		"voluntary_ctxt_switches went from %ld to %ld over 3 sleeps", before, after);
}

/* A signal mask line ("SigBlk") of our status has bit SIG set. */
static int status_has_signal(const char *line, int sig)
{
	char buf[4096], v[64];

	if (read_file("/proc/self/status", buf, sizeof buf) <= 0 ||
	    status_value(buf, line, v, sizeof v) < 0 || strlen(v) != 16)
		return 0;
	return (strtoull(v, NULL, 16) >> (sig - 1)) & 1;
}

static void on_signal(int sig) { (void)sig; }

static void check_signal_masks(void)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	expect("sigblk_shows_blocked", status_has_signal("SigBlk", SIGUSR1), "SIGUSR1 not in SigBlk");
	sigprocmask(SIG_SETMASK, &old, NULL);
	expect("sigblk_cleared", !status_has_signal("SigBlk", SIGUSR1), "SIGUSR1 still in SigBlk");
	signal(SIGUSR2, SIG_IGN);
	expect("sigign_shows_ignored", status_has_signal("SigIgn", SIGUSR2), "SIGUSR2 not in SigIgn");
	signal(SIGUSR2, SIG_DFL);
	signal(SIGHUP, on_signal);
	expect("sigcgt_shows_caught", status_has_signal("SigCgt", SIGHUP) &&
			!status_has_signal("SigIgn", SIGHUP), "SIGHUP not in SigCgt");
	signal(SIGHUP, SIG_DFL);
}

static void check_comm(void)
{
	char buf[64];

	expect("comm", read_file("/proc/self/comm", buf, sizeof buf) > 0 && !strcmp(buf, "proc_test\n"),
	       "comm is not proc_test");
}

/* The maps line whose range holds ADDR: its permissions and name. */
static int maps_find(uintptr_t addr, char *perms, char *name, size_t size)
{
	static char buf[65536];
	char *line, *save;

	if (read_file("/proc/self/maps", buf, sizeof buf) <= 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long start, end, off, ino;
		unsigned maj, min;
		int pos = 0;
		if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &start, &end, perms, &off, &maj, &min,
			   &ino, &pos) < 7)
			return -2; /* not Linux's format */
		if (addr < start || addr >= end)
			continue;
		snprintf(name, size, "%s", line + pos);
		return 0;
	}
	return -1;
}

static void check_maps(void)
{
	char perms[8] = "", name[PATH_MAX] = "";
	int local = 0;

	int r = maps_find((uintptr_t)check_maps, perms, name, sizeof name);
	expect("maps_text_executable", r == 0 && perms[0] == 'r' && perms[2] == 'x',
	       "our own code is not in an r-x region");
	size_t len = strlen(name);
	expect("maps_text_names_program", len >= 10 && !strcmp(name + len - 10, "/proc_test"),
	       "the text region is not named after the program");
	r = maps_find((uintptr_t)&local, perms, name, sizeof name);
	expect("maps_stack", r == 0 && !strcmp(name, "[stack]") && perms[0] == 'r' && perms[1] == 'w',
	       "our stack variable is not in an rw [stack] region");
	char *top = sbrk(0);
	if (top != (char *)-1 && sbrk(8192) == top) {
		r = maps_find((uintptr_t)top + 4096, perms, name, sizeof name);
		expect("maps_heap", r == 0 && !strcmp(name, "[heap]"), "the grown brk is not in [heap]");
		sbrk(-8192);
	}
}

static void check_cmdline_environ(const char *self)
{
	/* run ourselves with a known argv and environment; the child checks */
	char *argv[] = { (char *)self, "child-cmdline", "two words", NULL };
	char *envp[] = { "PROC_TEST=42", "EMPTY=", NULL };
	pid_t pid = fork();

	if (pid == 0) {
		execve(self, argv, envp);
		_exit(99);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	expectf("cmdline_and_environ", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the child found other cmdline/environ text (exit %d)", WEXITSTATUS(status));
}

/* In the child: cmdline and environ hold exactly what execve got. */
static int child_cmdline(const char *self)
{
	char buf[4096], want[4096];
	int n = read_file("/proc/self/cmdline", buf, sizeof buf);
	int wn = snprintf(want, sizeof want, "%s%cchild-cmdline%ctwo words%c", self, 0, 0, 0);
	if (n != wn || memcmp(buf, want, n))
		return 1;
	n = read_file("/proc/self/environ", buf, sizeof buf);
	if (n != 20 || memcmp(buf, "PROC_TEST=42\0EMPTY=\0", 20))
		return 2;
	return 0;
}

static void check_fds(void)
{
	char path[PATH_MAX], cwd[PATH_MAX], buf[PATH_MAX], want[PATH_MAX + 64];
	int p[2];
	struct stat st;
	ssize_t n;

	if (!getcwd(cwd, sizeof cwd) || pipe(p) < 0) {
		fail("fd_setup", "%s", strerror(errno));
		return;
	}
	int fd = open("proc_test_file", O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0) {
		fail("fd_setup_file", "%s", strerror(errno));
		return;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof buf - 1);
	snprintf(want, sizeof want, "%s/proc_test_file", cwd);
	expect("fd_file_path", n == (ssize_t)strlen(want) && !memcmp(buf, want, n),
	       "fd of a file does not name its absolute path");

	fstat(p[0], &st);
	snprintf(want, sizeof want, "pipe:[%lu]", (unsigned long)st.st_ino);
	snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
	n = readlink(path, buf, sizeof buf - 1);
	expect("fd_pipe_inode", n == (ssize_t)strlen(want) && !memcmp(buf, want, n),
	       "fd of a pipe is not pipe:[inode of fstat]");

	int null = open("/dev/null", O_RDONLY);
	snprintf(path, sizeof path, "/proc/self/fd/%d", null);
	n = readlink(path, buf, sizeof buf - 1);
	expect("fd_device", n == 9 && !memcmp(buf, "/dev/null", 9), "fd of /dev/null");

	/* the directory lists exactly the open descriptors, as symlinks */
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int seen = 0, links = 1, others = 0;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		int v = atoi(e->d_name);
		if (v == fd || v == p[0] || v == p[1] || v == null)
			seen++;
		else if (fcntl(v, F_GETFD) < 0)
			others++;
		if (e->d_type != DT_LNK)
			links = 0;
	}
	if (d)
		closedir(d);
	expectf("fd_dir_lists_open", seen == 4 && others == 0, "listed %d of our 4, %d closed ones", seen,
	       others);
	expect("fd_dir_entries_are_links", links, "entries are not DT_LNK");

	close(null);
	expect_errno("fd_closed_enoent", readlink(path, buf, sizeof buf), ENOENT);
	struct stat fst, lst;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	expect("fd_link_opens_file", stat(path, &lst) == 0 && fstat(fd, &fst) == 0 && lst.st_ino == fst.st_ino,
	       "stat through the fd link is not the file");
	close(fd);
	unlink("proc_test_file");
	close(p[0]);
	close(p[1]);
}

static void check_cwd_exe(void)
{
	char cwd[PATH_MAX], buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/cwd", buf, sizeof buf - 1);

	expect("cwd_link", getcwd(cwd, sizeof cwd) && n == (ssize_t)strlen(cwd) && !memcmp(buf, cwd, n),
	       "cwd link is not getcwd()");
	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	struct stat a, b;
	expectf("exe_link", n > 10 && buf[0] == '/' && !strcmp(buf + n - 10, "/proc_test") &&
			stat(buf, &a) == 0 && stat("/proc/self/exe", &b) == 0 && a.st_ino == b.st_ino,
	       "exe link is not our program (%s)", buf);
}

static void check_readlink_errors(void)
{
	char buf[64];

	memset(buf, 'X', sizeof buf);
	ssize_t n = readlink("/proc/self", buf, 1);
	expect("readlink_truncates", n == 1 && buf[0] != 'X' && buf[1] == 'X',
	       "a short buffer gets the first bytes, no NUL");
	expect_errno("readlink_not_link_einval", readlink("/proc/self/stat", buf, sizeof buf), EINVAL);
	expect_errno("readlink_missing_enoent", readlink("/proc/self/nonexistent", buf, sizeof buf), ENOENT);
	expect_errno("readlink_bad_buffer_efault", syscall(SYS_readlink, "/proc/self", (char *)8, sizeof buf), EFAULT);
	expect_errno("readlink_size_zero_einval", syscall(SYS_readlink, "/proc/self", buf, 0), EINVAL);
	int dir = open("/proc/self", O_RDONLY | O_DIRECTORY);
	n = readlinkat(dir, "cwd", buf, sizeof buf);
	expect("readlinkat_relative", n > 0 && buf[0] == '/', "readlinkat(dirfd, \"cwd\") failed");
	int file = open("/proc/self/stat", O_RDONLY);
	expect_errno("readlinkat_not_dir_enotdir", readlinkat(file, "cwd", buf, sizeof buf), ENOTDIR);
	expect_errno("readlinkat_bad_fd_ebadf", readlinkat(9999, "cwd", buf, sizeof buf), EBADF);
	close(file);
	close(dir);
}

/* A zombie is listed with state Z; once reaped, its files are gone. */
static void check_gone_process(void)
{
	char path[64], buf[1024];
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	int state = 0;
	for (int i = 0; i < 2000 && state != 'Z'; i++) {
		if (read_file(path, buf, sizeof buf) > 0)
			state = (int)stat_field(buf, 3);
		if (state != 'Z')
			usleep(1000);
	}
	expect("zombie_state_z", state == 'Z', "an exited, unreaped child is not Z");
	snprintf(path, sizeof path, "/proc/%d", pid);
	int dir = open(path, O_RDONLY | O_DIRECTORY);
	int fd = openat(dir, "stat", O_RDONLY);
	waitpid(pid, NULL, 0);
	errno = 0;
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -2;
	expectf("read_after_reap_fails", n == 0 || (n == -1 && errno == ESRCH),
	       "read of a reaped process's open stat gave %zd (%s)", n, strerror(errno));
	/* an open /proc/PID directory of a process that is gone: ESRCH */
	expect_errno("openat_after_reap_esrch", openat(dir, "status", O_RDONLY), ESRCH);
	close(fd);
	close(dir);
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	expect_errno("reaped_pid_enoent", open(path, O_RDONLY), ENOENT);
	struct stat st;
	snprintf(path, sizeof path, "/proc/%d", pid);
	expect_errno("reaped_pid_dir_enoent", stat(path, &st), ENOENT);
	expect_errno("not_a_pid_enoent", open("/proc/not-a-pid/stat", O_RDONLY), ENOENT);
}

/* Read every file of children while they exit and are reaped: each
 * read gives text or fails with ENOENT/ESRCH, and nothing else breaks. */
static void check_exit_while_reading(void)
{
	static const char *files[] = { "stat", "status", "maps", "cmdline", "environ", "comm" };
	char path[64], buf[8192];
	int bad = 0, rounds = 40;

	for (int r = 0; r < rounds; r++) {
		pid_t pid = fork();
		if (pid == 0) {
			if (r % 2)
				usleep(1000 * (r % 5));
			_exit(0);
		}
		int fds[6];
		for (int i = 0; i < 6; i++) {
			snprintf(path, sizeof path, "/proc/%d/%s", pid, files[i]);
			fds[i] = open(path, O_RDONLY);
			if (fds[i] < 0 && errno != ENOENT && errno != ESRCH)
				bad++;
		}
		if (r % 3 == 0)
			waitpid(pid, NULL, 0);
		for (int i = 0; i < 6; i++) {
			if (fds[i] < 0)
				continue;
			ssize_t n = read(fds[i], buf, sizeof buf);
			if (n < 0 && errno != ESRCH)
				bad++;
			close(fds[i]);
		}
		snprintf(path, sizeof path, "/proc/%d/fd", pid);
		DIR *d = opendir(path);
		while (d && readdir(d))
			;
		if (d)
			closedir(d);
		if (r % 3 != 0)
			waitpid(pid, NULL, 0);
	}
	expectf("exit_while_reading", bad == 0, "%d reads failed with other errors than ENOENT/ESRCH", bad);
}

static void check_pid_max(void)
{
	char buf[32];
	int fd = open("/proc/sys/kernel/pid_max", O_RDONLY);
	int n = fd >= 0 ? (int)read(fd, buf, sizeof buf - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	int v = atoi(buf);
	expect("pid_max_readable", n > 1 && buf[n - 1] == '\n' && v > 300 && v <= 4194304 && v > getpid(),
	       "pid_max is not a number in Linux's range");
	fd = open("/proc/sys/kernel/pid_max", O_WRONLY);
	if (fd < 0) {
		fail("pid_max_writable", "%s", strerror(errno));
		return;
	}
	expect_errno("pid_max_garbage_einval", write(fd, "banana\n", 7), EINVAL);
	expect_errno("pid_max_trailing_garbage_einval", write(fd, "4096x\n", 6), EINVAL);
	n = snprintf(buf, sizeof buf, "%d\n", v); /* the same value back */
	expect("pid_max_write_same", write(fd, buf, n) == n, "writing the current value failed");
	close(fd);
}

static void check_system_files(void)
{
	char buf[16384];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	/* /proc/stat: a "cpu" total line and one cpuN line per online CPU */
	int n = read_file("/proc/stat", buf, sizeof buf), cpu_lines = 0, total = 0, ok_fields = 1;
	char *save, *line;
	unsigned long long btime = 0, procs = 0, running = 0, ctxt = 0;
	for (line = n > 0 ? strtok_r(buf, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long long v[4];
		if (!strncmp(line, "cpu ", 4)) {
			total++;
			ok_fields &= sscanf(line + 4, "%llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3]) == 4;
		} else if (!strncmp(line, "cpu", 3) && isdigit((unsigned char)line[3])) {
			cpu_lines++;
			ok_fields &= sscanf(strchr(line, ' '), "%llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3]) == 4;
		}
		sscanf(line, "btime %llu", &btime);
		sscanf(line, "processes %llu", &procs);
		sscanf(line, "procs_running %llu", &running);
		sscanf(line, "ctxt %llu", &ctxt);
	}
	expectf("stat_cpu_lines", total == 1 && cpu_lines == cpus, "%d cpuN lines for %ld online CPUs",
	       cpu_lines, cpus);
	expect("stat_cpu_fields", ok_fields, "cpu lines without user nice system idle");
	time_t now = time(NULL);
	expect("stat_btime", btime > 0 && (time_t)btime <= now, "btime is not in the past");
	expect("stat_counters", procs > 0 && running >= 1 && ctxt > 0,
	       "processes, procs_running or ctxt missing");

	/* /proc/loadavg: "0.00 0.01 0.05 1/123 4567" */
	double l1 = -1, l5 = -1, l15 = -1;
	int run = 0, all = 0, last = 0;
	char slash = 0;
	n = read_file("/proc/loadavg", buf, sizeof buf);
	expect("loadavg_format", n > 0 && sscanf(buf, "%lf %lf %lf %d%c%d %d", &l1, &l5, &l15, &run, &slash, &all,
				       &last) == 7 && slash == '/' && buf[n - 1] == '\n',
	       "not Linux's loadavg format");
	expect("loadavg_values", l1 >= 0 && l5 >= 0 && l15 >= 0 && run >= 1 && all >= run && last > 0,
	       "loadavg values out of range");

	double up = 0, idle = -1;
	n = read_file("/proc/uptime", buf, sizeof buf);
	expect("uptime_format", n > 0 && sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 0 && idle >= 0,
	       "uptime is not two numbers");

	n = read_file("/proc/meminfo", buf, sizeof buf);
	unsigned long long mt = 0, mf = 0, ma = 0;
	char *p;
	if (n > 0 && (p = strstr(buf, "MemTotal:")))
		sscanf(p, "MemTotal: %llu kB", &mt);
	if (n > 0 && (p = strstr(buf, "MemFree:")))
		sscanf(p, "MemFree: %llu kB", &mf);
	if (n > 0 && (p = strstr(buf, "MemAvailable:")))
		sscanf(p, "MemAvailable: %llu kB", &ma);
	expect("meminfo", !strncmp(buf, "MemTotal:", 9) && mt > 0 && mf > 0 && mf <= mt && ma > 0 && ma <= mt,
	       "MemTotal/MemFree/MemAvailable missing or inconsistent");

	static char info[1 << 20];
	n = read_file("/proc/cpuinfo", info, sizeof info);
	int procs_listed = 0, names = 0;
	for (p = info; n > 0 && (p = strstr(p, "processor\t: ")); p++)
		procs_listed++;
	for (p = info; n > 0 && (p = strstr(p, "\nmodel name\t: ")); p++)
		names++;
	expectf("cpuinfo_block_per_cpu", procs_listed == cpus && names == cpus,
	       "%d processor blocks for %ld CPUs", procs_listed, cpus);
}

/* Two busy processes for 6 seconds: the kernel samples the number of
 * runnable tasks every 5 s, so the 1-minute load average rises above 0. */
static void check_load_rises(void)
{
	pid_t kids[2];
	char buf[256];
	double l1 = 0;

	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			for (;;)
				; /* runnable all the time */
	}
	time_t end = time(NULL) + 7;
	while (time(NULL) < end)
		sleep(1);
	for (int i = 0; i < 2; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	if (read_file("/proc/loadavg", buf, sizeof buf) > 0)
		sscanf(buf, "%lf", &l1);
	expectf("loadavg_rises_with_busy_tasks", l1 > 0, "1-minute load %.2f after 6 s of two busy tasks", l1);
}

/* ---- threads ---- */

static pthread_barrier_t ready;
static int release_pipe[2];
static pid_t tids[3];

static void *worker(void *arg)
{
	char c;

	tids[(intptr_t)arg] = (pid_t)syscall(SYS_gettid);
	pthread_barrier_wait(&ready);
	read(release_pipe[0], &c, 1); /* until the main thread closes it */
	return NULL;
}

static void check_tasks(void)
{
	pthread_t th[3];
	char path[128], buf[1024];

	pipe(release_pipe);
	pthread_barrier_init(&ready, NULL, 4);
	for (intptr_t i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	pthread_barrier_wait(&ready);

	int listed = 0, entries = 0, self = 0;
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		entries++;
		pid_t t = atoi(e->d_name);
		self |= t == getpid();
		for (int i = 0; i < 3; i++)
			listed += t == tids[i];
	}
	if (d)
		closedir(d);
	expectf("task_lists_every_thread", entries == 4 && listed == 3 && self,
	       "task/ has %d entries, %d of our 3 threads", entries, listed);

	read_file("/proc/self/stat", buf, sizeof buf);
	expect("stat_four_threads", stat_field(buf, 20) == 4, "num_threads is not 4");
	char v[32];
	read_file("/proc/self/status", buf, sizeof buf);
	expect("status_four_threads", status_value(buf, "Threads", v, sizeof v) == 0 && !strcmp(v, "4"),
	       "Threads is not 4");

	/* the thread goes to sleep in read() soon after the barrier */
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tids[1]);
	int n = 0;
	for (int i = 0; i < 2000; i++) {
		n = read_file(path, buf, sizeof buf);
		if (n <= 0 || stat_field(buf, 3) == 'S')
			break;
		usleep(1000);
	}
	expect("task_stat_is_thread", n > 0 && stat_field(buf, 1) == tids[1] && stat_field(buf, 3) == 'S',
	       "task/TID/stat is not the (sleeping) thread");
	snprintf(path, sizeof path, "/proc/self/task/%d/status", tids[2]);
	n = read_file(path, buf, sizeof buf);
	char want[32];
	snprintf(want, sizeof want, "%d", tids[2]);
	expect("task_status_pid_is_tid", n > 0 && status_value(buf, "Pid", v, sizeof v) == 0 && !strcmp(v, want),
	       "task/TID/status Pid is not the thread id");
	snprintf(path, sizeof path, "/proc/self/task/%d/comm", tids[0]);
	expect("task_comm", read_file(path, buf, sizeof buf) > 0 && !strcmp(buf, "proc_test\n"),
	       "task/TID/comm is not proc_test");

	close(release_pipe[1]);
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	close(release_pipe[0]);
	/* join returns once the thread has cleared its tid, a moment before
	 * it leaves the thread group (on Linux too): give it that moment */
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tids[1]);
	int fd = -1;
	for (int i = 0; i < 2000; i++) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			break;
		close(fd);
		usleep(1000);
	}
	expect_errno("task_gone_after_join", fd, ENOENT);
}

int main(int argc, char **argv)
{
	char self[PATH_MAX];

	if (argc > 1 && !strcmp(argv[1], "child-cmdline"))
		return child_cmdline(argv[0]);
	/* run ourselves again by our real path */
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	self[n > 0 ? n : 0] = '\0';

	enter_test_dir();
	check_self_link();
	check_stat();
	check_status();
	check_signal_masks();
	check_context_switches();
	check_comm();
	check_maps();
	check_cmdline_environ(self);
	check_fds();
	check_cwd_exe();
	check_readlink_errors();
	check_gone_process();
	check_exit_while_reading();
	check_pid_max();
	check_system_files();
	check_load_rises();
	check_tasks();
	leave_test_dir();
	return check_summary();
}
