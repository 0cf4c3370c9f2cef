/*
 * strace_test: runs strace on small programs (this test itself, started
 * again with a mode argument) and checks its output line by line
 * against patterns: the calls' names, decoded arguments and results,
 * errors with their errno names, the [pid N] prefixes and SIGCHLD line
 * under -f, -e trace= filtering, -o FILE, a program killed by SIGKILL,
 * and the error for a program that does not exist.
 *
 * Which strace: $STRACE if set (tests/user/run-linux.sh points it at
 * user/strace built for the host), else /bin/strace -- ours on our
 * kernel, the real one on a Linux host, which these patterns must fit
 * too.
 *
 * Patterns: '*' matches any run of characters (this program's own path
 * is one: strace cuts strings longer than 32 bytes, '"/long/pa"...'); runs of spaces in the
 * output are squeezed to one before matching, so the padding before
 * " = " does not matter (one check looks at it separately). Lines a
 * traced process left "<unfinished ...>" are joined with their
 * "<... NAME resumed>" ends first.
 */
#define TEST_NAME "strace"
#include "check.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>

#define MAX_LINES 512

static const char *strace_path;
static char self[512];	/* this program, as it was started */

/* ---- the traced programs ---- */

/* write, a failing openat, a long write, getpid, an unknown call,
 * exit_group(7): all as raw system calls, so that no C library adds
 * calls in between. */
static int child_simple(void)
{
	static const char hello[] = "hello from the child\n";
	static const char digits[] = "0123456789012345678901234567890123456789";

	syscall(SYS_write, 1, hello, sizeof(hello) - 1);
	syscall(SYS_openat, AT_FDCWD, "/nonexistent/strace_test",
		O_RDONLY | O_CLOEXEC);
	syscall(SYS_write, 1, digits, sizeof(digits) - 1);
	syscall(SYS_getpid);
	syscall(500, 1, 2, 3);	/* no such call */
	syscall(SYS_exit_group, 7);
	return 99;
}

/* fork; the child execs this program again (child-exit: exit 5); the
 * parent waits for it. */
static int child_forkexec(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0) {
		execl(self, self, "child-exit", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 5 ? 0 : 1;
}

/* ---- running strace ---- */

struct trace {
	char *raw[MAX_LINES];	/* lines as strace wrote them */
	int nraw;
	char *line[MAX_LINES];	/* logical lines: no prefix, joined, squeezed */
	int pid[MAX_LINES];	/* the [pid N] of each, 0 if none */
	int n;
	int status;		/* strace's wait status */
	pid_t strace_pid;
};

static char *read_file(const char *path)
{
	static char buf[65536];
	int fd = open(path, O_RDONLY);
	ssize_t n, got = 0;

	buf[0] = '\0';
	if (fd < 0)
		return buf;
	while (got < (ssize_t)sizeof(buf) - 1 &&
	       (n = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	buf[got] = '\0';
	close(fd);
	return buf;
}

/* Squeeze runs of spaces into one. */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	for (; *s; s++)
		if (!(*s == ' ' && o > out && o[-1] == ' '))
			*o++ = *s;
	*o = '\0';
	return out;
}

static int starts_with(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int ends_with(const char *s, const char *p)
{
	size_t ls = strlen(s), lp = strlen(p);

	return ls >= lp && strcmp(s + ls - lp, p) == 0;
}

/* Split TEXT into lines, then build the logical lines. */
static void parse_trace(struct trace *t, char *text)
{
	char *pending[MAX_LINES];
	int pending_pid[MAX_LINES], npending = 0;
	char *s, *nl;

	t->nraw = t->n = 0;
	for (s = text; *s && t->nraw < MAX_LINES; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		t->raw[t->nraw++] = strndup(s, (size_t)(nl - s));
		if (!*nl)
			break;
	}
	for (int i = 0; i < t->nraw; i++) {
		char *l = t->raw[i], *msg;
		int pid = 0;

		/* strace's own "strace: Process N attached" may land in the
		 * middle of a line it was writing: take it out and join the
		 * line's two halves. */
		msg = strstr(l, "strace: Process ");
		if (msg && msg > l && i + 1 < t->nraw) {
			size_t plen = strlen(strace_path);

			if (msg - l >= (long)plen - 6 &&
			    strncmp(msg + 6 - plen, strace_path, plen) == 0)
				msg += 6 - plen;
			l = malloc(strlen(t->raw[i]) + strlen(t->raw[i + 1]) + 1);
			memcpy(l, t->raw[i], (size_t)(msg - t->raw[i]));
			strcpy(l + (msg - t->raw[i]), t->raw[i + 1]);
			t->raw[i + 1] = l;
			continue;
		}

		if (starts_with(l, "[pid ")) {
			pid = atoi(l + 5);
			l = strchr(l, ']') + 1;
			while (*l == ' ')
				l++;
		} else if (*l >= '1' && *l <= '9' && strchr(l, ' ')) {
			/* -o FILE -f: "1234  call(...)" */
			char *sp = strchr(l, ' ');
			int digits = 1;

			for (char *d = l; d < sp; d++)
				digits &= *d >= '0' && *d <= '9';
			if (digits) {
				pid = atoi(l);
				l = sp;
				while (*l == ' ')
					l++;
			}
		}
		if (ends_with(l, " <unfinished ...>") && npending < MAX_LINES) {
			pending[npending] = strndup(l, strlen(l) - 17);
			pending_pid[npending++] = pid;
			continue;
		}
		if (starts_with(l, "<... ")) {
			char name[64];
			char *rest = strchr(l, '>');
			int k, len = 0;

			sscanf(l + 5, "%63s", name);
			len = (int)strlen(name);
			for (k = npending - 1; k >= 0; k--)
				if (pending[k] &&
				    (!pid || !pending_pid[k] || pending_pid[k] == pid) &&
				    strncmp(pending[k], name, (size_t)len) == 0 &&
				    pending[k][len] == '(')
					break;
			if (k >= 0 && rest) {
				char *joined = malloc(strlen(pending[k]) + strlen(rest));

				strcpy(joined, pending[k]);
				strcat(joined, rest + 1);
				t->line[t->n] = squeeze(joined);
				t->pid[t->n++] = pending_pid[k];
				free(joined);
				pending[k] = NULL;
				continue;
			}
		}
		if (t->n < MAX_LINES) {
			t->line[t->n] = squeeze(l);
			t->pid[t->n++] = pid;
		}
	}
}

/* Run strace with ARGS; its output (from OUTFILE if given, else its
 * standard error) is parsed into T. The traced program's standard output
 * goes to /tmp/strace_test.stdout. */
static void run_strace(struct trace *t, char *const args[], const char *outfile)
{
	char errpath[64], *argv[16];
	int i, n = 0, fd;
	pid_t pid;

	snprintf(errpath, sizeof(errpath), "/tmp/strace_test.%d.err", (int)getpid());
	argv[n++] = (char *)strace_path;
	for (i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 2);
		fd = open("/tmp/strace_test.stdout", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 1);
		execv(strace_path, argv);
		_exit(126);
	}
	t->strace_pid = pid;
	t->status = -1;
	if (pid > 0)
		waitpid(pid, &t->status, 0);
	parse_trace(t, read_file(outfile ? outfile : errpath));
	unlink(errpath);
}

/* Does S match pattern P ('*' = anything)? */
static int match(const char *p, const char *s)
{
	if (!*p)
		return !*s;
	if (*p == '*') {
		for (;; s++) {
			if (match(p + 1, s))
				return 1;
			if (!*s)
				return 0;
		}
	}
	return *p == *s && match(p + 1, s + 1);
}

/* The index of the first logical line from FROM on that matches P. */
static int find(const struct trace *t, int from, const char *p)
{
	for (int i = from < 0 ? 0 : from; i < t->n; i++)
		if (match(p, t->line[i]))
			return i;
	return -1;
}

static void dump(const struct trace *t)
{
	for (int i = 0; i < t->nraw; i++)
		printf("# | %s\n", t->raw[i]);
}

/* Each pattern in turn must match a later line than the one before. */
static int expect_in_order(const char *check, const struct trace *t,
			   const char *const *patterns)
{
	int at = 0;

	for (int i = 0; patterns[i]; i++) {
		int k = find(t, at, patterns[i]);

		if (k < 0) {
			fail(check, "no line matching '%s' (after line %d)",
			     patterns[i], at);
			dump(t);
			return 0;
		}
		at = k + 1;
	}
	pass(check);
	return 1;
}

/* ---- the checks ---- */

static void test_simple(void)
{
	struct trace t;
	char *args[] = { self, "child-simple", NULL };
	const char *const patterns[] = {
		"execve(\"*, [\"*, \"child-simple\"], 0x* /* * vars */) = 0",
		"write(1, \"hello from the child\\n\", 21) = 21",
		"openat(AT_FDCWD, \"/nonexistent/strace_test\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)",
		"write(1, \"01234567890123456789012345678901\"..., 40) = 40",
		"getpid() = *",
		"syscall_0x1f4(0x1, 0x2, 0x3, *) = -1 ENOSYS (Function not implemented)",
		"exit_group(7) = ?",
		"+++ exited with 7 +++",
		NULL,
	};
	int i, k;

	run_strace(&t, args, NULL);
	expect_in_order("simple_lines", &t, patterns);
	expect("simple_last_line",
	       t.n > 0 && strcmp(t.line[t.n - 1], "+++ exited with 7 +++") == 0,
	       "the last line is not '+++ exited with 7 +++'");
	expect("simple_exit_status",
	       WIFEXITED(t.status) && WEXITSTATUS(t.status) == 7,
	       "strace did not exit with its program's status 7");
	expect("simple_no_prefix", find(&t, 0, "[pid *") < 0,
	       "a [pid N] prefix without -f");
	expect("simple_program_output",
	       strcmp(read_file("/tmp/strace_test.stdout"),
		      "hello from the child\n0123456789012345678901234567890123456789") == 0,
	       "the traced program's own output changed");
	/* " = " is aligned: a short call's "=" is in column 40 */
	for (i = 0, k = -1; i < t.nraw; i++)
		if (starts_with(t.raw[i], "getpid()"))
			k = i;
	expect("simple_result_column", k >= 0 && strlen(t.raw[k]) > 41 &&
					       t.raw[k][39] == ' ' && t.raw[k][40] == '=' &&
					       t.raw[k][38] == ' ',
	       "getpid's '=' is not in column 40");
	/* nothing before the program's execve is shown */
	expect("simple_starts_at_execve", t.n > 0 && starts_with(t.line[0], "execve("),
	       "the first line is not the execve");
}

/* The patterns for the fork + exec + wait program; WITH_ALL: also the
 * calls outside %process are there. */
static void check_forkexec(const char *name, struct trace *t, int with_all)
{
	char p_exec[160], p_exit[64], p_exited[64], p_wait[160], p_sigchld[200];
	char check[64];
	int child = 0, i, k;

	/* the child's pid: the result of the clone (or fork, vfork) */
	for (i = 0; i < t->n && !child; i++)
		if ((starts_with(t->line[i], "clone(") ||
		     starts_with(t->line[i], "fork(") ||
		     starts_with(t->line[i], "vfork(")) &&
		    strstr(t->line[i], " = "))
			child = atoi(strstr(t->line[i], " = ") + 3);
	snprintf(check, sizeof(check), "%s_clone", name);
	k = find(t, 0, "clone(child_stack=NULL, flags=*SIGCHLD*) = *");
	expect(check, k >= 0 && child > 0,
	       "no clone(child_stack=NULL, flags=...SIGCHLD) returning a pid");
	if (k < 0 || child <= 0) {
		dump(t);
		return;
	}
	snprintf(p_exec, sizeof(p_exec),
		 "execve(\"*, [\"*, \"child-exit\"], 0x* /* * vars */) = 0");
	snprintf(p_exit, sizeof(p_exit), "exit_group(5) = ?");
	snprintf(p_exited, sizeof(p_exited), "+++ exited with 5 +++");
	snprintf(p_wait, sizeof(p_wait),
		 "wait4(%d, [{WIFEXITED(s) && WEXITSTATUS(s) == 5}], 0, NULL) = %d",
		 child, child);
	snprintf(p_sigchld, sizeof(p_sigchld),
		 "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%d, "
		 "si_uid=*, si_status=5, si_utime=*, si_stime=*} ---",
		 child);
	{
		const char *const child_lines[] = { p_exec, p_exit, p_exited, NULL };
		const char *const parent_lines[] = { p_wait, p_sigchld,
						     "exit_group(0) = ?",
						     "+++ exited with 0 +++", NULL };

		snprintf(check, sizeof(check), "%s_child_lines", name);
		expect_in_order(check, t, child_lines);
		snprintf(check, sizeof(check), "%s_parent_lines", name);
		expect_in_order(check, t, parent_lines);
	}
	/* the child's lines carry its pid */
	k = find(t, 0, p_exec);
	snprintf(check, sizeof(check), "%s_pid_prefix", name);
	expect(check, k >= 0 && t->pid[k] == child,
	       "the child's execve line has no [pid N] prefix with its pid");
	snprintf(check, sizeof(check), "%s_attached", name);
	for (i = 0, k = -1; i < t->nraw; i++)
		if (match("*strace: Process * attached*", t->raw[i]))
			k = i;
	expect(check, k >= 0,
	       "no 'strace: Process N attached' line");
	if (with_all) {
		snprintf(check, sizeof(check), "%s_other_calls", name);
		expect(check, find(t, 0, "getpid()*") >= 0 ||
				      find(t, 0, "set_tid_address(*") >= 0 ||
				      find(t, 0, "brk(*") >= 0,
		       "calls outside %process are missing without -e");
	}
}

static void test_follow(void)
{
	struct trace t;
	char *args[] = { "-f", self, "child-forkexec", NULL };

	run_strace(&t, args, NULL);
	check_forkexec("follow", &t, 1);
	expect("follow_exit_status", WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	       "strace -f did not exit 0");
}

static void test_filter(void)
{
	static const char *const process_calls[] = {
		"clone(", "clone3(", "fork(", "vfork(", "execve(", "wait4(",
		"waitid(", "exit(", "exit_group(", "kill(", "tkill(", "tgkill(",
		"+++ ", "--- ", "strace: ", NULL,
	};
	struct trace t;
	char *args[] = { "-f", "-e", "trace=%process", self, "child-forkexec", NULL };
	int i, j, ok = 1;

	run_strace(&t, args, NULL);
	check_forkexec("process", &t, 0);
	for (i = 0; i < t.n && ok; i++) {
		for (j = 0; process_calls[j]; j++)
			if (starts_with(t.line[i], process_calls[j]))
				break;
		if (!process_calls[j]) {
			fail("process_only", "line '%s' is not a %%process call",
			     t.line[i]);
			ok = 0;
		}
	}
	if (ok)
		pass("process_only");

	/* by name: only openat, and the end (and the call without a name,
	 * which -e cannot name, so strace always shows it) */
	{
		char *a2[] = { "-e", "trace=openat", self, "child-simple", NULL };
		int others = 0;

		run_strace(&t, a2, NULL);
		for (i = 0; i < t.n; i++)
			if (!starts_with(t.line[i], "openat(") &&
			    !starts_with(t.line[i], "syscall_0x1f4(") &&
			    !starts_with(t.line[i], "+++ "))
				others++;
		expect("name_filter",
		       find(&t, 0, "openat(AT_FDCWD, \"/nonexistent/strace_test\", *) = -1 ENOENT *") >= 0 &&
			       others == 0 && t.n > 0 &&
			       strcmp(t.line[t.n - 1], "+++ exited with 7 +++") == 0,
		       "-e trace=openat shows other lines or misses the openat");
		if (others)
			dump(&t);
	}
}

static void test_output_file(void)
{
	struct trace t;
	char path[64];
	char *args[] = { "-o", path, self, "child-simple", NULL };
	const char *const patterns[] = {
		"openat(AT_FDCWD, \"/nonexistent/strace_test\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)",
		"+++ exited with 7 +++",
		NULL,
	};

	snprintf(path, sizeof(path), "/tmp/strace_test.%d.out", (int)getpid());
	run_strace(&t, args, path);
	expect_in_order("output_file", &t, patterns);
	expect("output_file_not_stderr", !strstr(read_file("/tmp/strace_test.stdout"), "openat("),
	       "the trace went to standard output");
	unlink(path);
}

/* A program killed inside a system call: the call has no result. */
static void test_killed(void)
{
	struct trace t;
	char *args[] = { "-e", "trace=kill", self, "child-kill", NULL };
	const char *const patterns[] = {
		"kill(*, SIGKILL) = ?",
		"+++ killed by SIGKILL +++",
		NULL,
	};

	run_strace(&t, args, NULL);
	expect_in_order("killed_lines", &t, patterns);
	/* strace ends as its program did: by SIGKILL, or (ours) 128 + 9 */
	expect("killed_status",
	       (WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGKILL) ||
		       (WIFEXITED(t.status) && WEXITSTATUS(t.status) == 128 + SIGKILL),
	       "strace did not report its program's SIGKILL");
}

static void test_missing_program(void)
{
	struct trace t;
	char *args[] = { "/nonexistent/program", NULL };

	run_strace(&t, args, NULL);
	expect("missing_status", WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1,
	       "strace on a missing program did not exit 1");
	/* (Linux's strace starts the message with its argv[0]) */
	expect("missing_message",
	       t.nraw == 1 &&
		       match("*strace: Can't stat '/nonexistent/program': "
			     "No such file or directory",
			     t.raw[0]),
	       "not strace's \"Can't stat\" message");
	if (t.nraw != 1)
		dump(&t);
}

int main(int argc, char **argv)
{
	snprintf(self, sizeof(self), "%s", argv[0]);
	if (argc > 1 && strcmp(argv[1], "child-simple") == 0)
		return child_simple();
	if (argc > 1 && strcmp(argv[1], "child-forkexec") == 0)
		return child_forkexec();
	if (argc > 1 && strcmp(argv[1], "child-exit") == 0)
		_exit(5);
	if (argc > 1 && strcmp(argv[1], "child-kill") == 0) {
		kill(getpid(), SIGKILL);
		return 99;
	}

	strace_path = getenv("STRACE");
	if (!strace_path || !*strace_path)
		strace_path = "/bin/strace";
	if (access(strace_path, X_OK) != 0) {
		fail("found", "no strace at %s", strace_path);
		return check_summary();
	}
	if (self[0] != '/' && strchr(self, '/')) {
		/* strace finds relative names on PATH: make ours absolute */
		char cwd[256];

		if (getcwd(cwd, sizeof(cwd)) &&
		    strlen(cwd) + 1 + strlen(self) < sizeof(self)) {
			memmove(self + strlen(cwd) + 1, self, strlen(self) + 1);
			memcpy(self, cwd, strlen(cwd));
			self[strlen(cwd)] = '/';
		}
	}
	test_simple();
	test_follow();
	test_filter();
	test_output_file();
	test_killed();
	test_missing_program();
	return check_summary();
}
