/*
 * run_shell.h: helpers for the tests that drive the shell (shell_test.c,
 * coreutils_test.c): run a command line, a script file or a script on
 * standard input, capture standard output and the exit status, compare
 * with what is expected. Include after check.h.
 *
 * The shell is $SH if set (run-linux.sh points it at our user/sh.c built
 * for the host), else /bin/sh: on our system that is user/sh.c.
 */
#ifndef TESTS_USER_RUN_SHELL_H
#define TESTS_USER_RUN_SHELL_H

#include <fcntl.h>

struct shell_case {
	const char *name;
	const char *script;     /* run as: sh -c SCRIPT */
	const char *want_out;   /* exactly this on standard output */
	int want_status;
};

static inline const char *shell_path(void)
{
	return getenv("SH") ? getenv("SH") : "/bin/sh";
}

/* Run ARGV with STDIN_TEXT on its stdin; collect its stdout and status. */
static inline int run_shell(char *const argv[], const char *stdin_text,
			    char *out, size_t size, int *status)
{
	int out_pipe[2], in_pipe[2];
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(out_pipe) < 0 || pipe(in_pipe) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(in_pipe[0], 0);
		dup2(out_pipe[1], 1);
		dup2(null, 2);
		close(in_pipe[1]);
		close(out_pipe[0]);
		execv(shell_path(), argv);
		_exit(126);
	}
	close(in_pipe[0]);
	close(out_pipe[1]);
	if (stdin_text)
		write(in_pipe[1], stdin_text, strlen(stdin_text));
	close(in_pipe[1]);
	while (len < size - 1 &&
	       (n = read(out_pipe[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(out_pipe[0]);
	return waitpid(pid, status, 0) == pid ? 0 : -1;
}

/* Compare a finished run with what the case wants. */
static inline void judge(const char *name, const char *out, int status,
			 const char *want_out, int want_status)
{
	if (!WIFEXITED(status))
		fail(name, "shell did not exit normally (status 0x%x)", status);
	else if (strcmp(out, want_out) != 0)
		fail(name, "printed \"%s\", expected \"%s\"", out, want_out);
	else if (WEXITSTATUS(status) != want_status)
		fail(name, "exit status %d, expected %d", WEXITSTATUS(status),
		     want_status);
	else
		pass(name);
}

static inline void run_case(const struct shell_case *c)
{
	char out[4096];
	int status;
	char *argv[] = { "sh", "-c", (char *)c->script, NULL };

	if (run_shell(argv, NULL, out, sizeof(out), &status) < 0)
		fail(c->name, "could not run %s", shell_path());
	else
		judge(c->name, out, status, c->want_out, c->want_status);
}

static inline void run_cases(const struct shell_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		run_case(&c[i]);
}

#endif /* TESTS_USER_RUN_SHELL_H */
