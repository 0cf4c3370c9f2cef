/*
 * termios_test: the libc terminal calls -- isatty, ttyname, ttyname_r,
 * tcgetattr, tcsetattr, cfmakeraw, tcgetpgrp, tcsetpgrp -- on a pipe
 * (not a terminal: ENOTTY everywhere), on a pseudo-terminal's slave side
 * (/dev/pts/N: its name, its modes), and on our controlling terminal
 * if we have one (standard input, or /dev/tty: the foreground group).
 */
#define _GNU_SOURCE
#define TEST_NAME "termios"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

static void not_a_terminal(void)
{
	struct termios t;
	char name[64];
	int p[2];

	if (pipe(p) < 0)
		die("pipe");
	errno = 0;
	expect("isatty_pipe_is_0", isatty(p[0]) == 0, "isatty(pipe) != 0");
	expect_eq("isatty_pipe_errno_enotty", errno, ENOTTY);
	errno = 0;
	expect("isatty_badfd_is_0", isatty(-1) == 0, "isatty(-1) != 0");
	expect_eq("isatty_badfd_errno_ebadf", errno, EBADF);
	errno = 0;
	expect("ttyname_pipe_null", ttyname(p[0]) == NULL,
	       "ttyname(pipe) gave a name");
	expect_eq("ttyname_pipe_errno_enotty", errno, ENOTTY);
	expect_eq("ttyname_r_pipe_enotty", ttyname_r(p[0], name, sizeof name),
		  ENOTTY);
	expect_errno("tcgetattr_pipe_enotty", tcgetattr(p[0], &t), ENOTTY);
	expect_errno("tcgetpgrp_pipe_enotty", tcgetpgrp(p[0]), ENOTTY);
	expect_errno("tcsetpgrp_pipe_enotty", tcsetpgrp(p[0], getpgrp()),
		     ENOTTY);
	memset(&t, 0, sizeof t);
	expect_errno("tcsetattr_bad_action_einval", tcsetattr(p[0], 99, &t),
		     EINVAL);
	close(p[0]);
	close(p[1]);
}

static void raw_mode_fields(void)
{
	struct termios t;

	memset(&t, 0, sizeof t);
	t.c_lflag = ICANON | ECHO | ISIG | IEXTEN;
	t.c_iflag = ICRNL | IXON;
	t.c_oflag = OPOST | ONLCR;
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 5;
	cfmakeraw(&t);
	expect("cfmakeraw_clears_lflag",
	       (t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN)) == 0,
	       "ICANON, ECHO, ISIG or IEXTEN still set");
	expect("cfmakeraw_clears_icrnl_ixon", (t.c_iflag & (ICRNL | IXON)) == 0,
	       "ICRNL or IXON still set");
	expect("cfmakeraw_clears_opost", (t.c_oflag & OPOST) == 0,
	       "OPOST still set");
	expect("cfmakeraw_cs8", (t.c_cflag & CSIZE) == CS8, "not CS8");
	expect("cfmakeraw_vmin1_vtime0", t.c_cc[VMIN] == 1 && t.c_cc[VTIME] == 0,
	       "VMIN/VTIME not 1/0");
}

/* ttyname of a pseudo-terminal's slave is the name ptsname gave. */
static void ttyname_is_ptsname(int slave, const char *pts)
{
	const char *n = ttyname(slave);

	if (n && strcmp(n, pts) == 0)
		pass("ttyname_is_ptsname");
	else
		fail("ttyname_is_ptsname", "ttyname %s, ptsname %s",
		     n ? n : "NULL", pts);
}

/* A terminal's name and modes: FD is a terminal we may change. */
static void on_terminal(int fd)
{
	struct termios saved, t;
	struct stat a, b;
	char small[3], name[128];
	const char *n;

	expect("isatty_terminal_is_1", isatty(fd) == 1, "isatty != 1");
	n = ttyname(fd);
	expect("ttyname_terminal_in_dev", n && strncmp(n, "/dev/", 5) == 0,
	       n ? n : "NULL");
	expect("ttyname_same_device", n && stat(n, &a) == 0 &&
	       fstat(fd, &b) == 0 && S_ISCHR(a.st_mode) &&
	       a.st_rdev == b.st_rdev, "the name is not the same device");
	expect("ttyname_r_same_name", ttyname_r(fd, name, sizeof name) == 0 &&
	       n && strcmp(name, n) == 0, "ttyname_r differs from ttyname");
	expect_eq("ttyname_r_small_buffer_erange",
		  ttyname_r(fd, small, sizeof small), ERANGE);

	/* termios round trip: ECHO off, read it back, restore */
	expect_ok("tcgetattr_terminal", tcgetattr(fd, &saved));
	t = saved;
	t.c_lflag &= ~ECHO;
	expect_ok("tcsetattr_echo_off", tcsetattr(fd, TCSANOW, &t));
	memset(&t, 0, sizeof t);
	tcgetattr(fd, &t);
	expect("tcsetattr_took_effect", !(t.c_lflag & ECHO) &&
	       (t.c_lflag & ICANON) == (saved.c_lflag & ICANON),
	       "ECHO still on, or ICANON changed");
	tcsetattr(fd, TCSANOW, &saved);
	tcgetattr(fd, &t);
	expect("tcsetattr_restored", t.c_lflag == saved.c_lflag,
	       "c_lflag not restored");

}

/* The foreground group of our controlling terminal FD. */
static void controlling_terminal(int fd)
{
	pid_t fg = tcgetpgrp(fd);

	if (fg < 0) {
		printf("# tcgetpgrp: %s (not our controlling terminal)\n",
		       strerror(errno));
		return;
	}
	expect("tcgetpgrp_positive", fg > 0, "foreground group <= 0");
	signal(SIGTTOU, SIG_IGN);       /* we may be in the background */
	expect_ok("tcsetpgrp_same_group", tcsetpgrp(fd, fg));
	expect_eq("tcgetpgrp_unchanged", tcgetpgrp(fd), fg);
	expect_errno("tcsetpgrp_negative_einval", tcsetpgrp(fd, -1), EINVAL);
	signal(SIGTTOU, SIG_DFL);
}

int main(void)
{
	int master, slave, fd;
	const char *pts;

	not_a_terminal();
	raw_mode_fields();

	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    !(pts = ptsname(master)))
		die("a pseudo-terminal");
	slave = open(pts, O_RDWR | O_NOCTTY);
	if (slave < 0)
		die(pts);
	on_terminal(slave);
	ttyname_is_ptsname(slave, pts);
	close(slave);
	close(master);

	fd = isatty(0) ? 0 : open("/dev/tty", O_RDWR | O_NOCTTY);
	if (fd >= 0 && isatty(fd))
		controlling_terminal(fd);
	else
		printf("# no controlling terminal: tcgetpgrp checks skipped\n");
	return check_summary();
}
