/*
 * tty_test.c: terminals, sessions and job control, driven through a
 * pseudo-terminal: the test "types" on the master side and reads what
 * the terminal echoes, while children of the test play shell and job on
 * the slave side. Checks the line discipline (canonical editing, ^D,
 * raw mode with VMIN/VTIME), the controlling terminal (acquired by a
 * session leader's open, /dev/tty, TIOCSCTTY/TIOCNOTTY errors), the
 * keys that signal the foreground group (^C, ^Z), background reads and
 * writes (SIGTTIN, SIGTTOU with TOSTOP), SIGHUP when the session leader
 * exits or the terminal hangs up, orphaned stopped groups, and
 * setpgid/setsid's errors (EACCES after exec).
 */
#define _GNU_SOURCE
#define TEST_NAME "tty"
#include "check.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A new pty: the master in *M, the slave's path in NAME. */
static int open_pty(int *m, char *name, size_t len)
{
	*m = posix_openpt(O_RDWR | O_NOCTTY);
	if (*m < 0 || grantpt(*m) < 0 || unlockpt(*m) < 0)
		return -1;
	return ptsname_r(*m, name, len) == 0 ? 0 : -1;
}

/* Read what the master has within about TIMEOUT seconds (until a quiet
 * gap once something came). */
static size_t drain(int m, char *buf, size_t size, double timeout)
{
	size_t got = 0;
	double end = now() + timeout;

	while (got < size - 1 && now() < end) {
		struct pollfd p = { m, POLLIN, 0 };
		if (poll(&p, 1, got ? 100 : 50) <= 0) {
			if (got)
				break;
			continue;
		}
		ssize_t n = read(m, buf + got, size - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	return got;
}

static void line_discipline(void)
{
	int m;
	char name[64], buf[256];

	if (open_pty(&m, name, sizeof name) < 0) {
		fail("pty_open", "posix_openpt/unlockpt/ptsname: %s", strerror(errno));
		return;
	}
	expect("ptsname_is_dev_pts", strncmp(name, "/dev/pts/", 9) == 0, name);
	int s = open(name, O_RDWR | O_NOCTTY);
	expect("slave_opens", s >= 0, strerror(errno));
	expect("slave_isatty", isatty(s) == 1, "isatty(slave) is not 1");
	expect("master_isatty", isatty(m) == 1, "isatty(master) is not 1");

	/* canonical: a line is readable only when finished; echo shows it */
	write(m, "abc", 3);
	int avail = -1;
	ioctl(s, FIONREAD, &avail);
	expect_eq("canonical_half_line_not_ready", avail, 0);
	write(m, "\n", 1);
	ssize_t n = read(s, buf, sizeof buf);
	expect("canonical_line", n == 4 && memcmp(buf, "abc\n", 4) == 0, "did not read \"abc\\n\"");
	drain(m, buf, sizeof buf, 1.0);
	expect("echo_onlcr", strcmp(buf, "abc\r\n") == 0, "echo is not \"abc\\r\\n\"");

	/* erase, kill-line, word erase */
	write(m, "abx\177c\n", 6);
	n = read(s, buf, sizeof buf);
	expect("erase", n == 4 && memcmp(buf, "abc\n", 4) == 0, "backspace did not erase");
	write(m, "junk\025ok\n", 8);
	n = read(s, buf, sizeof buf);
	expect("kill_line", n == 3 && memcmp(buf, "ok\n", 3) == 0, "^U did not kill the line");
	write(m, "one two\027three\n", 14);
	n = read(s, buf, sizeof buf);
	expect("word_erase", n == 10 && memcmp(buf, "one three\n", 10) == 0, "^W did not erase a word");

	/* ^D on an empty line: end of file; after text: the text, no newline */
	write(m, "\004", 1);
	expect_eq("eof_on_empty_line", read(s, buf, sizeof buf), 0);
	write(m, "xy\004", 3);
	n = read(s, buf, sizeof buf);
	expect("eof_pushes_partial_line", n == 2 && memcmp(buf, "xy", 2) == 0, "^D did not push \"xy\"");
	drain(m, buf, sizeof buf, 0.3);

	/* raw mode: VMIN/VTIME */
	struct termios t, saved;
	tcgetattr(s, &saved);
	t = saved;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	tcsetattr(s, TCSANOW, &t);
	expect_eq("raw_min0_time0_returns_at_once", read(s, buf, sizeof buf), 0);
	write(m, "q", 1);
	usleep(50000);
	n = read(s, buf, sizeof buf);
	expect("raw_byte_without_newline", n == 1 && buf[0] == 'q', "raw read did not return 'q'");
	t.c_cc[VTIME] = 3; /* 0.3 s */
	tcsetattr(s, TCSANOW, &t);
	double t0 = now();
	n = read(s, buf, sizeof buf);
	double waited = now() - t0;
	expect("raw_vtime_timeout", n == 0 && waited > 0.2 && waited < 5, "VMIN=0 VTIME=3 did not time out after ~0.3 s");
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 0;
	tcsetattr(s, TCSANOW, &t);
	write(m, "12345", 5);
	usleep(50000);
	n = read(s, buf, 2);
	expect("raw_vmin_caps_at_count", n == 2 && memcmp(buf, "12", 2) == 0, "read(2) with VMIN=3");
	n = read(s, buf, sizeof buf);
	expect("raw_vmin_satisfied", n == 3 && memcmp(buf, "345", 3) == 0, "read with VMIN=3 and 3 bytes");
	t.c_cc[VMIN] = 2;
	t.c_cc[VTIME] = 3;
	tcsetattr(s, TCSANOW, &t);
	write(m, "z", 1);
	t0 = now();
	n = read(s, buf, sizeof buf);
	waited = now() - t0;
	expect("raw_intercharacter_timer", n == 1 && buf[0] == 'z' && waited > 0.2,
	       "VMIN=2 VTIME=3 with one byte did not return it after the timer");
	tcsetattr(s, TCSANOW, &saved);

	/* ISIG off: ^C is an ordinary byte */
	t = saved;
	t.c_lflag &= ~(ISIG | ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	tcsetattr(s, TCSANOW, &t);
	write(m, "\003", 1);
	n = read(s, buf, sizeof buf);
	expect("noisig_ctrl_c_is_data", n == 1 && buf[0] == 3, "^C was not read as a byte");
	tcsetattr(s, TCSANOW, &saved);

	/* window size */
	struct winsize ws = { 33, 101, 0, 0 }, got = { 0, 0, 0, 0 };
	ioctl(m, TIOCSWINSZ, &ws);
	ioctl(s, TIOCGWINSZ, &got);
	expect("winsize", got.ws_row == 33 && got.ws_col == 101, "TIOCGWINSZ on the slave");

	/* no controlling terminal here: the terminal's own ids are ENOTTY */
	pid_t pg;
	expect_errno("tiocgpgrp_not_ctty_enotty", ioctl(s, TIOCGPGRP, &pg), ENOTTY);
	close(s);
	close(m);
}

/* Exit codes of the session scenarios below: 0 fine, else which step. */
static void session_leader_child(const char *name, int report)
{
	setsid();
	int fd = open("/dev/tty", O_RDWR);
	if (fd >= 0 || errno != ENXIO)
		_exit(10); /* a new session has no terminal */
	fd = open(name, O_RDWR); /* a session leader's open acquires it */
	if (fd < 0)
		_exit(11);
	if (tcgetsid(fd) != getpid() || tcgetpgrp(fd) != getpgrp())
		_exit(12);
	int t = open("/dev/tty", O_RDWR);
	if (t < 0 || write(t, "via-dev-tty\n", 12) != 12)
		_exit(13);
	close(t);
	char ok = 'k';
	write(report, &ok, 1);
	_exit(0);
}

static void controlling_terminal(void)
{
	int m;
	char name[64], buf[256];

	if (open_pty(&m, name, sizeof name) < 0)
		return;
	int p[2];
	pipe(p);
	pid_t c = fork();
	if (c == 0) {
		close(p[0]);
		session_leader_child(name, p[1]);
	}
	close(p[1]);
	char ok = 0;
	read(p[0], &ok, 1);
	close(p[0]);
	drain(m, buf, sizeof buf, 1.0);
	int st;
	waitpid(c, &st, 0);
	expect("session_leader_acquires", WIFEXITED(st) && WEXITSTATUS(st) == 0 && ok == 'k',
	       "setsid + open did not give a controlling terminal (see exit code)");
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		printf("  (child exit status %d)\n", WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st));
	expect("dev_tty_is_ctty", strstr(buf, "via-dev-tty") != 0, "write to /dev/tty did not reach the pty");

	/* TIOCSCTTY: only a session leader; TIOCNOTTY: only one's own */
	int s = open(name, O_RDWR | O_NOCTTY);
	c = fork();
	if (c == 0) {
		int e1 = ioctl(s, TIOCSCTTY, 0) < 0 ? errno : 0; /* not a leader */
		int e2 = ioctl(s, TIOCNOTTY) < 0 ? errno : 0;     /* not our ctty */
		setsid();
		int e3 = ioctl(s, TIOCSCTTY, 0) < 0 ? errno : 0;  /* now fine */
		signal(SIGHUP, SIG_IGN); /* a leader's TIOCNOTTY hangs up its foreground group: itself */
		int e4 = ioctl(s, TIOCNOTTY) < 0 ? errno : 0;     /* give it up */
		_exit((e1 == EPERM) | (e2 == ENOTTY) << 1 | (e3 == 0) << 2 | (e4 == 0) << 3);
	}
	waitpid(c, &st, 0);
	int bits = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
	if (bits != 15)
		printf("  (TIOCSCTTY/TIOCNOTTY child: status %#x)\n", st);
	expect("tiocsctty_not_leader_eperm", bits & 1, "TIOCSCTTY by a non-leader did not fail with EPERM");
	expect("tiocnotty_not_ctty_enotty", bits & 2, "TIOCNOTTY on a foreign tty did not fail with ENOTTY");
	expect("tiocsctty_leader", bits & 4, "TIOCSCTTY by a session leader failed");
	expect("tiocnotty_own", bits & 8, "TIOCNOTTY on one's own terminal failed");
	close(s);
	close(m);
}

/*
 * A small "shell": a session leader on the pty that runs one job in its
 * own process group in the foreground and reports how the job ended
 * (its wait status, through the pipe). The test meanwhile types KEY.
 */
static int run_job_and_type(const char *name, int m, char key, int *status)
{
	int p[2], ready[2];
	pipe(p);
	pipe(ready);
	pid_t sh = fork();
	if (sh == 0) {
		close(p[0]);
		close(ready[0]);
		setsid();
		int fd = open(name, O_RDWR);
		signal(SIGTTOU, SIG_IGN);
		pid_t job = fork();
		if (job == 0) {
			setpgid(0, 0);
			for (;;)
				pause();
		}
		setpgid(job, job);
		tcsetpgrp(fd, job);
		write(ready[1], "r", 1);
		int st;
		waitpid(job, &st, WUNTRACED);
		if (WIFSTOPPED(st))
			kill(job, SIGKILL);
		write(p[1], &st, sizeof st);
		waitpid(job, NULL, 0);
		_exit(0);
	}
	close(p[1]);
	close(ready[1]);
	char r;
	read(ready[0], &r, 1);
	close(ready[0]);
	usleep(100000); /* the job is in pause() */
	write(m, &key, 1);
	int got = (int)read(p[0], status, sizeof *status);
	close(p[0]);
	waitpid(sh, NULL, 0);
	return got == sizeof *status ? 0 : -1;
}

static void keys_signal_foreground(void)
{
	int m, st = 0;
	char name[64], buf[256];

	if (open_pty(&m, name, sizeof name) < 0)
		return;
	if (run_job_and_type(name, m, 3, &st) == 0)
		expect("ctrl_c_sigint_to_foreground", WIFSIGNALED(st) && WTERMSIG(st) == SIGINT,
		       "the foreground job did not die of SIGINT");
	else
		fail("ctrl_c_sigint_to_foreground", "no report from the shell");
	drain(m, buf, sizeof buf, 0.5);
	expect("ctrl_c_echo", strncmp(buf, "^C", 2) == 0, "^C was not echoed as ^C");
	if (run_job_and_type(name, m, 26, &st) == 0)
		expect("ctrl_z_stops_foreground", WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP,
		       "the foreground job was not stopped by SIGTSTP");
	else
		fail("ctrl_z_stops_foreground", "no report from the shell");
	if (run_job_and_type(name, m, 28, &st) == 0)
		expect("ctrl_backslash_sigquit", WIFSIGNALED(st) && WTERMSIG(st) == SIGQUIT,
		       "the foreground job did not die of SIGQUIT");
	else
		fail("ctrl_backslash_sigquit", "no report from the shell");
	close(m);
}

/*
 * Background access: a session leader on the pty starts a job in a
 * background group that does ACTION; reports the job's wait status.
 */
enum action { READ_TTY, READ_TTY_IGNORED, WRITE_TTY, WRITE_TTY_TOSTOP, SET_ATTR };

static int background_job(const char *name, enum action action)
{
	int p[2];
	pipe(p);
	pid_t sh = fork();
	if (sh == 0) {
		close(p[0]);
		setsid();
		int fd = open(name, O_RDWR);
		struct termios t;
		tcgetattr(fd, &t);
		if (action == WRITE_TTY_TOSTOP)
			t.c_lflag |= TOSTOP;
		else
			t.c_lflag &= ~TOSTOP;
		tcsetattr(fd, TCSANOW, &t);
		pid_t job = fork();
		if (job == 0) {
			setpgid(0, 0); /* not the foreground group */
			signal(SIGTTOU, SIG_DFL);
			char c;
			switch (action) {
			case READ_TTY:
				_exit(read(fd, &c, 1) < 0 ? 100 + errno : 99);
			case READ_TTY_IGNORED:
				signal(SIGTTIN, SIG_IGN);
				_exit(read(fd, &c, 1) < 0 ? 100 + errno : 99);
			case WRITE_TTY:
			case WRITE_TTY_TOSTOP:
				_exit(write(fd, "bg\n", 3) == 3 ? 0 : 100 + errno);
			case SET_ATTR:
				_exit(tcsetattr(fd, TCSANOW, &t) == 0 ? 0 : 100 + errno);
			}
			_exit(98);
		}
		setpgid(job, job);
		int st;
		waitpid(job, &st, WUNTRACED);
		if (WIFSTOPPED(st))
			kill(job, SIGKILL);
		write(p[1], &st, sizeof st);
		waitpid(job, NULL, 0);
		_exit(0);
	}
	close(p[1]);
	int st = -1;
	if (read(p[0], &st, sizeof st) != sizeof st)
		st = -1;
	close(p[0]);
	waitpid(sh, NULL, 0);
	return st;
}

static void background_access(void)
{
	int m;
	char name[64], buf[256];

	if (open_pty(&m, name, sizeof name) < 0)
		return;
	int st = background_job(name, READ_TTY);
	expect("bg_read_sigttin", st != -1 && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN,
	       "a background read was not stopped by SIGTTIN");
	st = background_job(name, READ_TTY_IGNORED);
	expect("bg_read_ignored_eio", st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 100 + EIO,
	       "a background read ignoring SIGTTIN did not fail with EIO");
	st = background_job(name, WRITE_TTY);
	expect("bg_write_allowed", st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "a background write without TOSTOP did not succeed");
	st = background_job(name, WRITE_TTY_TOSTOP);
	expect("bg_write_tostop_sigttou", st != -1 && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU,
	       "a background write with TOSTOP was not stopped by SIGTTOU");
	st = background_job(name, SET_ATTR);
	expect("bg_tcsetattr_sigttou", st != -1 && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU,
	       "a background tcsetattr was not stopped by SIGTTOU");
	drain(m, buf, sizeof buf, 0.3);
	close(m);
}

static int hup_pipe = -1;
static void on_hup(int sig)
{
	char c = sig == SIGHUP ? 'H' : '?';
	write(hup_pipe, &c, 1);
	_exit(0);
}

/* SIGHUP reaches the foreground job when its session leader exits, and
 * the session leader when the terminal (the master) goes away. */
static void hangups(void)
{
	int m;
	char name[64], c = 0;

	if (open_pty(&m, name, sizeof name) < 0)
		return;
	int p[2];
	pipe(p);
	hup_pipe = p[1];
	pid_t leader = fork();
	if (leader == 0) {
		close(p[0]);
		setsid();
		int fd = open(name, O_RDWR);
		pid_t job = fork(); /* stays in the leader's (foreground) group */
		if (job == 0) {
			signal(SIGHUP, on_hup);
			write(p[1], "r", 1);
			for (;;)
				pause();
		}
		char r;
		(void)r;
		close(fd);
		usleep(200000);
		_exit(0); /* the session leader exits */
	}
	close(p[1]);
	read(p[0], &c, 1); /* "r": the job has its handler */
	c = 0;
	read(p[0], &c, 1);
	expect("leader_exit_sighup_to_foreground", c == 'H', "the foreground job got no SIGHUP");
	close(p[0]);
	waitpid(leader, NULL, 0);
	close(m);

	/* the master closes: the session leader is hung up on */
	if (open_pty(&m, name, sizeof name) < 0)
		return;
	pipe(p);
	hup_pipe = p[1];
	leader = fork();
	if (leader == 0) {
		close(p[0]);
		close(m); /* only the test holds the master */
		setsid();
		signal(SIGHUP, on_hup);
		int fd = open(name, O_RDWR);
		(void)fd;
		write(p[1], "r", 1);
		for (;;)
			pause();
	}
	close(p[1]);
	read(p[0], &c, 1);
	close(m);
	c = 0;
	read(p[0], &c, 1);
	expect("master_close_sighup_to_leader", c == 'H', "the session leader got no SIGHUP");
	close(p[0]);
	int st;
	waitpid(leader, &st, 0);
}

/* A stopped job whose group loses its last link to the session (its
 * parent, in another group, exits) gets SIGHUP and SIGCONT. */
static void orphaned_group(void)
{
	int p[2];
	char c = 0;

	pipe(p);
	hup_pipe = p[1];
	pid_t mid = fork();
	if (mid == 0) {
		close(p[0]);
		setpgid(0, 0); /* a group of its own, like a job */
		pid_t job = fork();
		if (job == 0) {
			signal(SIGHUP, on_hup);
			raise(SIGSTOP);
			_exit(1); /* continued without a SIGHUP */
		}
		int st;
		waitpid(job, &st, WUNTRACED); /* stopped */
		_exit(WIFSTOPPED(st) ? 0 : 1);
	}
	close(p[1]);
	int st;
	waitpid(mid, &st, 0);
	if (read(p[0], &c, 1) != 1)
		c = 0;
	expect("orphaned_stopped_group_sighup", c == 'H', "the stopped, orphaned job got no SIGHUP");
	close(p[0]);
}

static void setpgid_setsid_errors(void)
{
	/* EACCES: the child has already called execve */
	int p[2];
	pipe2(p, O_CLOEXEC);
	pid_t c = fork();
	if (c == 0) {
		close(p[0]);
		execlp("sleep", "sleep", "2", (char *)0);
		_exit(127);
	}
	close(p[1]);
	char x;
	read(p[0], &x, 1); /* end of file: the exec closed the pipe */
	close(p[0]);
	expect_errno("setpgid_after_exec_eacces", setpgid(c, c), EACCES);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);

	expect_errno("setpgid_not_child_esrch", setpgid(1, 1), ESRCH);
	expect_errno("setpgid_negative_einval", setpgid(0, -1), EINVAL);
	c = fork();
	if (c == 0) {
		if (setpgid(0, 0) != 0)
			_exit(1);
		/* a group leader may not start a session */
		if (setsid() != -1 || errno != EPERM)
			_exit(2);
		/* joining a group that does not exist in the session */
		if (setpgid(0, 999999) != -1 || errno != EPERM)
			_exit(3);
		if (fork() == 0) {
			/* a session leader cannot change its group */
			if (setsid() != getpid())
				_exit(4);
			_exit(setpgid(0, 0) == -1 && errno == EPERM ? 0 : 5);
		}
		int st;
		wait(&st);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 6);
	}
	int st;
	waitpid(c, &st, 0);
	expect_eq("setsid_setpgid_rules", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
}

int main(void)
{
	signal(SIGTTOU, SIG_IGN); /* in case the test runs in a background job */
	line_discipline();
	controlling_terminal();
	keys_signal_foreground();
	background_access();
	hangups();
	orphaned_group();
	setpgid_setsid_errors();
	return check_summary();
}
