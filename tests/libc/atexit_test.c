/* atexit_test.c: exit handlers run in reverse order of registration,
 * also those registered by a handler, both for exit() and for a return
 * from main; exit flushes stdio; _exit runs nothing. The program runs
 * itself (through argv[0]) as the child that exits. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int out_fd;

static void say(const char *s) { write(out_fd, s, strlen(s)); }
static void h1(void) { say("1"); }
static void h2(void) { say("2"); }
static void late(void) { say("L"); }
static void h3(void)
{
	say("3");
	atexit(late); /* registered while exiting: still runs */
}
static void flush_check(void) { say("F"); }

/* The child side: register handlers, then leave as argv[2] says. */
static int child(const char *fd, const char *how)
{
	out_fd = atoi(fd);
	atexit(flush_check);
	atexit(h1);
	atexit(h2);
	atexit(h3);
	FILE *f = fdopen(dup(out_fd), "w");
	fputs("<stdio>", f); /* left in the buffer: exit must flush it */
	if (strcmp(how, "exit") == 0)
		exit(3);
	if (strcmp(how, "_exit") == 0)
		_exit(4);
	return 5; /* "return" */
}

/* Runs this program as a child in mode HOW; returns its output. */
static const char *run_child(const char *self, const char *how, int *status)
{
	static char buf[128];
	int p[2];
	char fd[16];

	pipe(p);
	snprintf(fd, sizeof fd, "%d", p[1]);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		execl(self, self, "child", fd, how, (char *)NULL);
		_exit(99);
	}
	close(p[1]);
	size_t n = 0;
	ssize_t r;
	while (n < sizeof buf - 1 && (r = read(p[0], buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	close(p[0]);
	waitpid(pid, status, 0);
	return buf;
}

int main(int argc, char **argv)
{
	int status;

	if (argc == 4 && strcmp(argv[1], "child") == 0)
		return child(argv[2], argv[3]);

	check_str("exit runs handlers in reverse, then flushes", run_child(argv[0], "exit", &status),
		  "3L21F<stdio>");
	check_long("exit status from exit()", WEXITSTATUS(status), 3);
	check_str("return from main runs handlers", run_child(argv[0], "return", &status),
		  "3L21F<stdio>");
	check_long("exit status from return", WEXITSTATUS(status), 5);
	check_str("_exit runs no handlers and does not flush", run_child(argv[0], "_exit", &status),
		  "");
	check_long("exit status from _exit", WEXITSTATUS(status), 4);
	return finish();
}
