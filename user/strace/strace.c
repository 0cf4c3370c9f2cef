/*
 * strace: show the system calls a program makes, and the signals it gets.
 *
 *     strace [-f] [-e trace=SET] [-o FILE] [-s N] [-p PID | CMD [ARG...]]
 *
 * -f follows the children the program creates (fork, vfork, clone);
 * SET is a comma-separated list of call names and classes (%file, %desc,
 * %process, %memory, %signal); -o writes the trace to FILE instead of
 * standard error; -s sets how much of each string is shown (32 bytes);
 * -p attaches to a running process instead of starting one.
 *
 * How it works: the child strace starts asks to be traced
 * (PTRACE_TRACEME) and stops itself; strace sets its options
 * (PTRACE_SETOPTIONS) and from then on keeps every tracee running with
 * PTRACE_SYSCALL, which stops it at the entry and at the exit of each
 * system call. wait4(-1, ..., __WALL) tells strace which tracee stopped
 * and why (see <sys/ptrace.h>). With -f, PTRACE_O_TRACEFORK and friends
 * make the kernel attach new children too; PTRACE_GETEVENTMSG gives
 * their pid. Output lines are built here; their pieces come from
 * decode.c, the call table from syscalls.c.
 *
 * Under -f, a line started at a call's entry may be interrupted by
 * another tracee's line; it is closed with "<unfinished ...>" and the
 * rest is shown later on a "<... NAME resumed>" line, as strace does.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strace.h"

#define RESULT_COLUMN 40 /* where " = result" starts, as in strace */

struct tracee {
	pid_t pid;
	int in_syscall;	     /* between the entry and the exit stop */
	int expect_sigstop;  /* a new tracee's first stop is its SIGSTOP */
	int hidden;	     /* the started child, before its execve */
	int check_entry;     /* attached by -p: the first stop may be an exit */
	int shown;	     /* the current call is being shown */
	int split;	     /* arguments from here on are shown at the exit */
	int unfinished;	     /* its line was cut by another tracee's */
	const struct syscall_desc *desc;
	struct call call;
	struct tracee *next;
};

static struct tracee *tracees;
static int ntracees;
static int follow_forks;
static FILE *out;
static int column;		   /* characters on the current output line */
static struct tracee *open_line;   /* whose line is waiting for its end */
static unsigned char *selected;	   /* one flag per call number; NULL: all */
static volatile sig_atomic_t interrupted;

/* ---- output ---- */

static void out_write(const char *s, size_t n)
{
	size_t i;

	fwrite(s, 1, n, out);
	for (i = 0; i < n; i++)
		column = s[i] == '\n' ? 0 : column + 1;
	if (n && s[n - 1] == '\n')
		fflush(out);
}

static void __attribute__((format(printf, 1, 2))) out_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		out_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static void out_buf(struct outbuf *ob)
{
	out_write(ob->buf ? ob->buf : "", ob->len);
	ob_free(ob);
}

/* Close a line another tracee left open: it continues later as
 * "<... NAME resumed>". */
static void cut_open_line(void)
{
	if (!open_line)
		return;
	out_printf(" <unfinished ...>\n");
	open_line->unfinished = 1;
	open_line = NULL;
}

/* Start a new line for T. Under -f its pid comes first: as "[pid N] "
 * while more than one process is traced, or on every line when the
 * trace goes to a file (-o), as strace does. */
static void begin_line(struct tracee *t)
{
	cut_open_line();
	if (follow_forks && out != stderr)
		out_printf("%-5d ", (int)t->pid);
	else if (follow_forks && ntracees > 1)
		out_printf("[pid %5d] ", (int)t->pid);
}

/* Messages about strace itself go to standard error. */
static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	va_list ap;

	if (out == stderr)
		cut_open_line();
	fprintf(stderr, "strace: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	fflush(stderr);
	if (out == stderr)
		column = 0;
}

/* ---- the tracees ---- */

static struct tracee *find_tracee(pid_t pid)
{
	struct tracee *t;

	for (t = tracees; t; t = t->next)
		if (t->pid == pid)
			return t;
	return NULL;
}

static struct tracee *add_tracee(pid_t pid)
{
	struct tracee *t = calloc(1, sizeof(*t));

	if (!t) {
		perror("strace: calloc");
		exit(1);
	}
	t->pid = pid;
	t->next = tracees;
	tracees = t;
	ntracees++;
	return t;
}

static void remove_tracee(struct tracee *t)
{
	struct tracee **pp;

	for (pp = &tracees; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	if (open_line == t)
		open_line = NULL;
	ntracees--;
	free(t);
}

/* A child a tracee created, attached by the kernel under -f. */
static struct tracee *new_child(pid_t pid)
{
	struct tracee *t = find_tracee(pid);

	if (t)
		return t;
	t = add_tracee(pid);
	t->expect_sigstop = 1;
	return t;
}

/* ---- system calls ---- */

static void print_name(struct tracee *t)
{
	if (t->desc)
		out_printf("%s", t->desc->name);
	else
		out_printf("syscall_%#lx", (unsigned long)t->call.nr);
}

/* Arguments FROM..TO-1 of T's call, with their separators. */
static void print_args(struct tracee *t, int from, int to)
{
	struct outbuf ob = { 0 };
	const char *kinds = t->desc ? t->desc->args : NULL;
	int i;

	for (i = from; i < to; i++) {
		if (i > from)
			ob_printf(&ob, ", ");
		decode_arg(&ob, &t->call, i, kinds ? kinds[i] : 'x');
	}
	out_buf(&ob);
}

/* How many arguments T's call has; open and openat show their mode only
 * when they may create a file, ptrace(PTRACE_TRACEME) nothing more. */
static int nargs(const struct tracee *t)
{
	const char *a = t->desc ? t->desc->args : NULL;
	const unsigned long creating = 0100 | 020000000; /* O_CREAT, O_TMPFILE */
	const char *colon;

	if (!a)
		return 6;
	if (t->call.nr == SYS_open && !(t->call.args[1] & creating))
		return 2;
	if (t->call.nr == SYS_openat && !(t->call.args[2] & creating))
		return 3;
	if (t->call.nr == SYS_ptrace && t->call.args[0] == PTRACE_TRACEME)
		return 1;
	colon = strchr(a, ':');
	return colon ? (int)(colon - a) : (int)strlen(a);
}

static char result_kind(const struct tracee *t)
{
	const char *a = t->desc ? t->desc->args : NULL;
	const char *colon = a ? strchr(a, ':') : NULL;

	return colon ? colon[1] : 'd';
}

static int is_exit_call(long nr)
{
	return nr == SYS_exit || nr == SYS_exit_group;
}

static void syscall_entry(struct tracee *t, const struct user_regs_struct *r)
{
	struct call *c = &t->call;
	int n, i;

	memset(c, 0, sizeof(*c));
	c->pid = t->pid;
	c->nr = (long)r->orig_rax;
	c->args[0] = r->rdi;
	c->args[1] = r->rsi;
	c->args[2] = r->rdx;
	c->args[3] = r->r10;
	c->args[4] = r->r8;
	c->args[5] = r->r9;
	t->desc = syscall_lookup(c->nr);
	if (t->hidden && c->nr == SYS_execve)
		t->hidden = 0;
	/* a number without a name cannot be selected or left out by -e:
	 * it is always shown, as strace does */
	t->shown = !t->hidden && (!selected || !t->desc || selected[c->nr]);
	if (!t->shown)
		return;

	begin_line(t);
	print_name(t);
	out_printf("(");
	n = nargs(t);
	if (c->nr == SYS_clone) {
		struct outbuf ob = { 0 };

		decode_clone(&ob, c, 0);
		out_buf(&ob);
		t->split = n;
	} else {
		for (i = 0; i < n && t->desc && t->desc->args &&
			    !arg_is_output(t->desc->args[i]);
		     i++)
			;
		t->split = t->desc && t->desc->args ? i : n;
		print_args(t, 0, t->split);
		if (t->split > 0 && t->split < n)
			out_printf(", ");
	}
	if (is_exit_call(c->nr)) {
		/* It does not return: finish the line now. */
		out_printf(")");
		while (column < RESULT_COLUMN - 1)
			out_printf(" ");
		out_printf(" = ?\n");
		t->shown = 0;
		return;
	}
	open_line = t;
	t->unfinished = 0;
}

static void syscall_exit(struct tracee *t, const struct user_regs_struct *r)
{
	struct call *c = &t->call;
	struct outbuf ob = { 0 };

	if (!t->shown)
		return;
	c->ret = (long)r->rax;
	c->exited = 1;
	if (open_line != t) {
		begin_line(t);
		out_printf("<... ");
		print_name(t);
		out_printf(" resumed>");
	}
	if (c->nr == SYS_clone) {
		decode_clone(&ob, c, 1);
		out_buf(&ob);
	} else {
		print_args(t, t->split, nargs(t));
	}
	out_printf(")");
	while (column < RESULT_COLUMN - 1)
		out_printf(" ");
	out_printf(" = ");
	decode_result(&ob, c, result_kind(t));
	out_buf(&ob);
	out_printf("\n");
	open_line = NULL;
	t->shown = 0;
}

static void syscall_stop(struct tracee *t)
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, t->pid, NULL, &r) < 0) {
		note("PTRACE_GETREGS %d: %s", (int)t->pid, strerror(errno));
		return;
	}
	if (t->check_entry) {
		/* At an entry stop rax holds -ENOSYS; anything else is the
		 * exit of a call that was under way when we attached. */
		t->check_entry = 0;
		if ((long)r.rax != -ENOSYS) {
			t->in_syscall = 0;
			return;
		}
	}
	if (!t->in_syscall) {
		t->in_syscall = 1;
		syscall_entry(t, &r);
	} else {
		t->in_syscall = 0;
		syscall_exit(t, &r);
	}
}

/* ---- stops, signals, exits ---- */

static void resume(struct tracee *t, int sig)
{
	if (ptrace(PTRACE_SYSCALL, t->pid, NULL, (void *)(long)sig) < 0 &&
	    errno != ESRCH)
		note("PTRACE_SYSCALL %d: %s", (int)t->pid, strerror(errno));
}

static void signal_stop(struct tracee *t, int sig)
{
	unsigned char si[128];
	struct outbuf ob = { 0 };
	const char *name = signal_name(sig);

	if (ptrace(PTRACE_GETSIGINFO, t->pid, NULL, si) < 0) {
		/* No signal is being delivered: a group-stop. */
		if (!t->hidden) {
			begin_line(t);
			out_printf("--- stopped by %s ---\n", name ? name : "?");
		}
		resume(t, 0);
		return;
	}
	if (!t->hidden) {
		begin_line(t);
		out_printf("--- %s ", name ? name : "?");
		decode_siginfo(&ob, si);
		out_buf(&ob);
		out_printf(" ---\n");
	}
	resume(t, sig);
}

/* T has ended with wait status STATUS. */
static void tracee_gone(struct tracee *t, int status)
{
	if (t->shown) {
		/* it died inside a call (SIGKILL): the call never returns */
		if (open_line != t) {
			begin_line(t);
			out_printf("<... ");
			print_name(t);
			out_printf(" resumed>");
		}
		out_printf(")");
		while (column < RESULT_COLUMN - 1)
			out_printf(" ");
		out_printf(" = ?\n");
		open_line = NULL;
		t->shown = 0;
	}
	if (!t->hidden) {
		begin_line(t);
		if (WIFEXITED(status)) {
			out_printf("+++ exited with %d +++\n", WEXITSTATUS(status));
		} else {
			const char *name = signal_name(WTERMSIG(status));

			out_printf("+++ killed by %s%s +++\n", name ? name : "?",
				   WCOREDUMP(status) ? " (core dumped)" : "");
		}
	}
	remove_tracee(t);
}

static void event_stop(struct tracee *t, int event)
{
	unsigned long msg;

	if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
	    event == PTRACE_EVENT_CLONE) {
		if (ptrace(PTRACE_GETEVENTMSG, t->pid, NULL, &msg) == 0)
			new_child((pid_t)msg);
	}
	resume(t, 0);
}

/* -p: let go of every tracee (on SIGINT or SIGTERM). A tracee can only
 * be detached while stopped, so each is stopped first. */
static void detach_all(void)
{
	struct tracee *t;
	int status;

	while ((t = tracees) != NULL) {
		pid_t pid = t->pid;

		if (open_line) {
			out_printf(" <detached ...>\n");
			open_line = NULL;
		}
		kill(pid, SIGSTOP);
		for (;;) {
			pid_t w = wait4(pid, &status, __WALL, NULL);

			if (w < 0 || WIFEXITED(status) || WIFSIGNALED(status))
				break;
			if (WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP &&
			    (status >> 16) == 0) {
				ptrace(PTRACE_DETACH, pid, NULL, NULL);
				break;
			}
			/* another stop first: let it go on to the SIGSTOP,
			 * delivering any other signal it was stopped with */
			ptrace(PTRACE_CONT, pid, NULL,
			       (void *)(long)((status >> 16) ||
						      WSTOPSIG(status) == (SIGTRAP | 0x80)
					      ? 0
					      : WSTOPSIG(status)));
		}
		note("Process %d detached", (int)pid);
		remove_tracee(t);
	}
}

/* Follow the tracees until none is left; returns the wait status of
 * MAIN_PID's end (0 if it was not seen). */
static int trace_loop(pid_t main_pid)
{
	int main_status = 0;

	for (;;) {
		struct tracee *t;
		int status, sig, event;
		pid_t pid;

		if (interrupted) {
			detach_all();
			break;
		}
		if (!tracees)
			break;
		pid = wait4(-1, &status, __WALL, NULL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno != ECHILD)
				note("wait4: %s", strerror(errno));
			break;
		}
		t = find_tracee(pid);
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == main_pid)
				main_status = status;
			if (t)
				tracee_gone(t, status);
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (!t)	/* a new child, stopping before its parent's event */
			t = new_child(pid);
		sig = WSTOPSIG(status);
		event = (status >> 16) & 0xff;
		if (sig == (SIGTRAP | 0x80)) {
			syscall_stop(t);
			resume(t, 0);
		} else if (event) {
			event_stop(t, event);
		} else if (t->expect_sigstop && sig == SIGSTOP) {
			/* a new child's first stop: it is ours now */
			t->expect_sigstop = 0;
			note("Process %d attached", (int)pid);
			resume(t, 0);
		} else {
			signal_stop(t, sig);
		}
	}
	return main_status;
}

/* ---- starting ---- */

static unsigned options(int attached)
{
	unsigned o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC;

	if (follow_forks)
		o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		     PTRACE_O_TRACECLONE;
	if (!attached)
		o |= PTRACE_O_EXITKILL;
	return o;
}

/* Where execvp would find FILE, or NULL. */
static char *find_program(const char *file)
{
	const char *path = getenv("PATH");
	struct stat st;
	static char buf[4096];

	if (strchr(file, '/'))
		return stat(file, &st) == 0 ? (char *)file : NULL;
	if (!path)
		path = "/bin:/usr/bin";
	while (*path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);

		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)len, path,
			 len ? "/" : "", file);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode))
			return buf;
		path += len;
		if (*path == ':')
			path++;
	}
	return NULL;
}

static pid_t start_program(char **argv)
{
	char *path = find_program(argv[0]);
	struct tracee *t;
	int status;
	pid_t pid;

	if (!path) {
		fprintf(stderr, "strace: Can't stat '%s': %s\n", argv[0],
			strerror(ENOENT));
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		perror("strace: fork");
		exit(1);
	}
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0) {
			perror("strace: PTRACE_TRACEME");
			_exit(1);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		/* Wait here until the parent has set the options. */
		kill(getpid(), SIGSTOP);
		execv(path, argv);
		fprintf(stderr, "strace: exec: %s\n", strerror(errno));
		_exit(1);
	}
	if (wait4(pid, &status, __WALL, NULL) < 0 || !WIFSTOPPED(status)) {
		fprintf(stderr, "strace: the child did not stop\n");
		exit(1);
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(long)options(0)) < 0) {
		perror("strace: PTRACE_SETOPTIONS");
		kill(pid, SIGKILL);
		exit(1);
	}
	t = add_tracee(pid);
	t->hidden = 1;
	resume(t, 0);
	return pid;
}

static void attach(pid_t pid)
{
	struct tracee *t;
	int status;

	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) < 0) {
		fprintf(stderr, "strace: attach: ptrace(PTRACE_ATTACH, %d): %s\n",
			(int)pid, strerror(errno));
		exit(1);
	}
	if (wait4(pid, &status, __WALL, NULL) < 0 || !WIFSTOPPED(status)) {
		fprintf(stderr, "strace: %d did not stop\n", (int)pid);
		exit(1);
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(long)options(1)) < 0) {
		perror("strace: PTRACE_SETOPTIONS");
		exit(1);
	}
	t = add_tracee(pid);
	t->check_entry = 1;
	note("Process %d attached", (int)pid);
	/* The SIGSTOP that stopped it was ours: do not deliver it. */
	resume(t, 0);
}

/* ---- options ---- */

static void select_one(const char *name)
{
	static const struct {
		const char *name;
		unsigned cls;
	} classes[] = {
		{ "%file", TF },   { "file", TF },     { "%desc", TD },
		{ "desc", TD },	   { "%process", TP }, { "process", TP },
		{ "%memory", TM }, { "memory", TM },   { "%signal", TS },
		{ "signal", TS },
	};
	size_t i;
	long nr;

	if (strcmp(name, "all") == 0) {
		memset(selected, 1, syscall_table_size);
		return;
	}
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strcmp(name, classes[i].name) != 0)
			continue;
		for (nr = 0; (size_t)nr < syscall_table_size; nr++)
			if (syscall_table[nr].cls & classes[i].cls)
				selected[nr] = 1;
		return;
	}
	nr = syscall_by_name(name);
	if (nr < 0) {
		fprintf(stderr, "strace: invalid system call '%s'\n", name);
		exit(1);
	}
	selected[nr] = 1;
}

/* -e trace=SET (or -e SET): show only the calls in SET. */
static void parse_expr(const char *expr)
{
	char *copy, *tok, *save = NULL;

	if (strncmp(expr, "trace=", 6) == 0)
		expr += 6;
	else if (strchr(expr, '=')) {
		fprintf(stderr, "strace: only -e trace=SET is supported\n");
		exit(1);
	}
	if (!selected) {
		selected = calloc(syscall_table_size, 1);
		if (!selected) {
			perror("strace: calloc");
			exit(1);
		}
	}
	copy = strdup(expr);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		select_one(tok);
	free(copy);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: strace [-f] [-e trace=SET] [-o FILE] [-s N] "
		"[-p PID | CMD [ARG...]]\n"
		"  SET: call names and %%file %%desc %%process %%memory "
		"%%signal, comma-separated\n");
	exit(1);
}

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

int main(int argc, char **argv)
{
	const char *outfile = NULL;
	pid_t attach_pid = 0, main_pid = 0;
	int status, i;

	/* The long spellings strace also accepts. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strncmp(argv[i], "--trace=", 8) == 0)
			parse_expr(argv[i] + 8);
		else if (strncmp(argv[i], "--output=", 9) == 0)
			outfile = argv[i] + 9;
		else if (strcmp(argv[i], "--follow-forks") == 0)
			follow_forks = 1;
		else if (strcmp(argv[i], "--") == 0)
			break;
		else
			continue;
		argv[i] = "-q"; /* consumed; -q is accepted and ignored */
	}
	while ((i = getopt(argc, argv, "+fqe:o:p:s:h")) != -1) {
		switch (i) {
		case 'f': follow_forks = 1; break;
		case 'q': break;
		case 'e': parse_expr(optarg); break;
		case 'o': outfile = optarg; break;
		case 'p': attach_pid = (pid_t)atoi(optarg); break;
		case 's': string_limit = atoi(optarg) > 0 ? atoi(optarg) : 32; break;
		default: usage();
		}
	}
	if ((optind >= argc) == !attach_pid)
		usage();
	out = stderr;
	if (outfile) {
		out = fopen(outfile, "w");
		if (!out) {
			fprintf(stderr, "strace: Can't fopen '%s': %s\n", outfile,
				strerror(errno));
			return 1;
		}
	}
	if (attach_pid) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_interrupt; /* no SA_RESTART: wait4 -> EINTR */
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		attach(attach_pid);
	} else {
		/* ^C goes to the traced program; strace reports its end. */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		main_pid = start_program(argv + optind);
	}
	status = trace_loop(main_pid);
	if (out != stderr)
		fclose(out);
	if (!main_pid)
		return 0;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
