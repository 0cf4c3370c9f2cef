/*
 * daemon_demo [N]: fork + setsid makes a daemon, which outlives its shell.
 *
 * Lecture point: a process started from a shell is in the shell's
 * session, with the terminal as its controlling terminal; when the
 * session leader (the shell) exits, the foreground group gets SIGHUP.
 * A daemon leaves: it forks (the child is not a group leader, so it may)
 * and the child calls setsid(), which makes a new session and a new
 * process group with the child as leader of both, and no controlling
 * terminal. The parent exits at once, so the shell's prompt comes back.
 *
 * What to look for:
 *     parent: pid=40 sid=12 pgid=40
 *     daemon: pid=41 sid=41 pgid=41 (leads a new session: yes)
 * then, every 2 seconds, N times (default 10), a "daemon: still here"
 * line with its parent (1: init adopted it). Type "exit" at the shell: a new shell
 * starts, and the daemon keeps printing -- it did not belong to the old
 * shell's session. (It writes to the console it inherited; a real daemon
 * would also close its descriptors and chdir("/").)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i, n = argc > 1 ? atoi(argv[1]) : 10;
	pid_t pid;

	printf("parent: pid=%d sid=%d pgid=%d\n", (int)getpid(),
	       (int)getsid(0), (int)getpgrp());
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid > 0) {          /* the parent: done, the shell goes on */
		struct timespec ts = { 0, 300000000L };

		nanosleep(&ts, NULL);   /* (after the daemon's first line) */
		return 0;
	}
	if (setsid() < 0) {
		perror("setsid");
		return 1;
	}
	printf("daemon: pid=%d sid=%d pgid=%d (leads a new session: %s)\n",
	       (int)getpid(), (int)getsid(0), (int)getpgrp(),
	       getsid(0) == getpid() && getpgrp() == getpid() ? "yes" : "no");
	fflush(stdout);
	for (i = 0; i < n; i++) {
		struct timespec ts = { 2, 0 };

		nanosleep(&ts, NULL);
		printf("daemon: still here, pid=%d ppid=%d sid=%d\n",
		       (int)getpid(), (int)getppid(), (int)getsid(0));
		fflush(stdout);
	}
	return 0;
}
