/*
 * sh.c: a small POSIX-like shell.
 *
 *   sh                 read commands from standard input; prompt "$ " if
 *                      it is a terminal
 *   sh FILE [ARGS]     run the script FILE ($0 = FILE, $1... = ARGS)
 *   sh -c CMD [NAME [ARGS]]   run the command string CMD
 *
 * What it understands: words with '...', "..." and \ quoting; $NAME,
 * ${NAME}, $?, $$, $!, $#, $0..$9 and ~ expansion (unquoted expansions
 * are split into words at spaces); pipelines of any length; redirections
 * <, >, >>, N>, N>>, N<, N>&M, N<&M (so 2> and 2>&1); ; && || & and
 * # comments; NAME=value assignments (alone, or before a command to set
 * its environment); builtins cd, pwd, exit, export, unset, wait, umask,
 * ulimit (sh_ulimit.c), :, and for job control jobs, fg, bg, kill, %N,
 * plus history.
 * No globbing, no if/while/for, no functions: those are exercises.
 *
 * How a line runs (follow it from main() down):
 *
 *   read_line -> tokenize -> parse_line -> for each and-or list:
 *       run_and_or -> run_pipeline -> expand_command, then either
 *       run_builtin_here (one builtin, in the shell itself) or
 *       fork one child per command, joined by pipes -> exec_command
 *
 * Expansion happens just before a command runs, not when the line is
 * read, so that "false; echo $?" prints 1.
 *
 * A pipeline is one unit (struct pipeline, and a struct job once started).
 * Interactively (standard input is a terminal) each job gets a process
 * group of its own and the foreground one gets the terminal: ^C and ^Z
 * reach the job, never the shell (see "Jobs" below, and docs/shell.md).
 * Lines are then read by the line editor, user/sh_lineedit.c.
 *
 * Try:  echo hello | cat | wc -c      ls /nonexistent 2>&1 | wc -l
 *       false || echo "status was $?"  sleep 1 & wait
 *       sleep 100, then ^Z, bg, jobs, fg, ^C
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh_lineedit.h"

extern char **environ;

/* ---------------------------------------------------------------------
 * Memory for one line. Everything built while parsing and running a line
 * (tokens, commands, expanded words) is taken from an arena and released
 * in one go by arena_reset() before the next line: no per-object frees,
 * and no leaks in a shell that runs for the whole session.
 */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

static struct arena_block *arena;

static void *arena_alloc(size_t n)
{
	struct arena_block *b = arena;

	n = (n + 15) & ~(size_t)15; /* keep every object 16-byte aligned */
	if (!b || b->size - b->used < n) {
		size_t size = n > 16384 ? n : 16384;

		b = malloc(sizeof(*b) + size);
		if (!b) {
			fprintf(stderr, "sh: out of memory\n");
			exit(2);
		}
		b->size = size;
		b->used = 0;
		b->next = arena;
		arena = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

static void arena_reset(void)
{
	while (arena) {
		struct arena_block *next = arena->next;

		free(arena);
		arena = next;
	}
}

static char *arena_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(arena_alloc(n), s, n);
}

/* A growable array of pointers, NULL-terminated so it can be an argv. */
struct vec {
	void **item;
	int len, cap;
};

static void vec_push(struct vec *v, void *p)
{
	if (v->len + 2 > v->cap) {
		int cap = v->cap ? v->cap * 2 : 8;
		void **item = arena_alloc(cap * sizeof(void *));

		if (v->len)
			memcpy(item, v->item, v->len * sizeof(void *));
		v->item = item;
		v->cap = cap;
	}
	v->item[v->len++] = p;
	v->item[v->len] = NULL;
}

/* A growable string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_addc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		char *s = arena_alloc(cap);

		if (b->len)
			memcpy(s, b->s, b->len);
		b->s = s;
		b->cap = cap;
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

static void buf_adds(struct buf *b, const char *s)
{
	while (*s)
		buf_addc(b, *s++);
}

/* The string so far ("" if nothing was added); stays valid till reset. */
static char *buf_str(struct buf *b)
{
	return b->s ? b->s : arena_strdup("");
}

/* ---------------------------------------------------------------------
 * Shell state.
 */
static int last_status;     /* $? */
static pid_t last_bg_pid;   /* $! */
static int interactive;     /* prompts, job messages, ignores ^C */
static int script_argc;     /* $# + 1 */
static char **script_argv;  /* $0, $1, ... */

/* Shell variables: set by NAME=value, not exported until `export`. */
struct var {
	char *name, *value;
	struct var *next;
};
static struct var *shell_vars;

static struct var **find_var(const char *name)
{
	struct var **v;

	for (v = &shell_vars; *v; v = &(*v)->next)
		if (strcmp((*v)->name, name) == 0)
			return v;
	return v; /* points at the final NULL */
}

static const char *get_var(const char *name)
{
	struct var *v = *find_var(name);

	return v ? v->value : getenv(name);
}

/* NAME=value: an exported variable stays exported, as in other shells. */
static void set_var(const char *name, const char *value)
{
	struct var **v = find_var(name);

	if (!*v && getenv(name)) {
		setenv(name, value, 1);
		return;
	}
	if (!*v) {
		*v = calloc(1, sizeof(**v));
		(*v)->name = strdup(name);
	} else {
		free((*v)->value);
	}
	(*v)->value = strdup(value);
}

static void unset_var(const char *name)
{
	struct var **v = find_var(name), *dead = *v;

	if (dead) {
		*v = dead->next;
		free(dead->name);
		free(dead->value);
		free(dead);
	}
	unsetenv(name);
}

/* ---------------------------------------------------------------------
 * Tokens. A line becomes words (raw text, quotes still in it: they are
 * removed by expansion later) and operators.
 */
enum tok_kind { T_WORD, T_PIPE, T_AND, T_OR, T_AMP, T_SEMI, T_REDIR };

enum redir_op { R_IN, R_OUT, R_APPEND, R_DUP_IN, R_DUP_OUT };

struct token {
	enum tok_kind kind;
	char *text;         /* T_WORD: raw word; others: the operator */
	int fd;             /* T_REDIR: the descriptor being redirected */
	enum redir_op op;   /* T_REDIR */
};

enum lex_result { LEX_OK, LEX_MORE, LEX_ERROR };

static int is_operator_char(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

/*
 * Find the end of the word starting at P, stepping over quoted parts.
 * Returns NULL if a quote is not closed (the caller reads another line).
 */
static const char *word_end(const char *p)
{
	while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
	       !is_operator_char(*p)) {
		if (*p == '\\') {
			if (!p[1])
				return NULL; /* backslash-newline: continue */
			p += 2;
		} else if (*p == '\'') {
			p = strchr(p + 1, '\'');
			if (!p)
				return NULL;
			p++;
		} else if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				return NULL;
			p++;
		} else {
			p++;
		}
	}
	return p;
}

static struct token *new_token(struct vec *out, enum tok_kind kind,
			       const char *text, size_t len)
{
	struct token *t = arena_alloc(sizeof(*t));

	t->kind = kind;
	t->text = arena_alloc(len + 1);
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	t->fd = -1;
	vec_push(out, t);
	return t;
}

/* A redirection operator at P (after an optional fd number). */
static const char *lex_redir(const char *p, int fd, struct vec *out)
{
	const char *start = p;
	enum redir_op op;
	struct token *t;

	if (p[0] == '>' && p[1] == '>') {
		op = R_APPEND;
		p += 2;
	} else if (p[0] == '>' && p[1] == '&') {
		op = R_DUP_OUT;
		p += 2;
	} else if (p[0] == '<' && p[1] == '&') {
		op = R_DUP_IN;
		p += 2;
	} else {
		op = p[0] == '<' ? R_IN : R_OUT;
		p++;
	}
	t = new_token(out, T_REDIR, start, p - start);
	t->op = op;
	t->fd = fd >= 0 ? fd : (op == R_IN || op == R_DUP_IN ? 0 : 1);
	return p;
}

/* A one- or two-character control operator at P. */
static const char *lex_control(const char *p, struct vec *out)
{
	if (p[0] == '|' && p[1] == '|') {
		new_token(out, T_OR, p, 2);
		return p + 2;
	}
	if (p[0] == '&' && p[1] == '&') {
		new_token(out, T_AND, p, 2);
		return p + 2;
	}
	new_token(out, p[0] == '|' ? T_PIPE : p[0] == '&' ? T_AMP : T_SEMI,
		  p, 1);
	return p + 1;
}

/* Split LINE into tokens; LEX_MORE if it needs another line to finish. */
static enum lex_result tokenize(const char *line, struct vec *out)
{
	const char *p = line, *end, *digits;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			return LEX_OK;
		if (*p == '<' || *p == '>') {
			p = lex_redir(p, -1, out);
			continue;
		}
		if (is_operator_char(*p)) {
			p = lex_control(p, out);
			continue;
		}
		/* "2>file": digits directly before < or > name a descriptor. */
		for (digits = p; isdigit((unsigned char)*digits); digits++)
			;
		if (digits > p && (*digits == '<' || *digits == '>')) {
			p = lex_redir(digits, atoi(p), out);
			continue;
		}
		end = word_end(p);
		if (!end)
			return LEX_MORE;
		new_token(out, T_WORD, p, end - p);
		p = end;
	}
}

/* ---------------------------------------------------------------------
 * The parsed form of a line:
 *
 *   line     = and_or { (";" | "&") and_or }
 *   and_or   = pipeline { ("&&" | "||") pipeline }
 *   pipeline = command { "|" command }
 *   command  = { word | redirection }
 */
struct redir {
	int fd;
	enum redir_op op;
	char *target;       /* raw word: a file name, or a descriptor number */
};

struct command {
	struct vec words;   /* raw words, char * */
	struct vec redirs;  /* struct redir * */
};

struct pipeline {
	struct vec cmds;    /* struct command * */
	char *text;         /* the source text, for job messages */
};

struct and_or {
	struct vec pipes;   /* struct pipeline * */
	struct vec ops;     /* T_AND or T_OR before pipes[1], pipes[2]... */
	int background;
};

static void syntax_error(const char *near)
{
	fprintf(stderr, "sh: syntax error near unexpected token `%s'\n", near);
	last_status = 2;
}

/* Parse one command starting at token *I. NULL on a syntax error. */
static struct command *parse_command(struct vec *toks, int *i)
{
	struct command *c = arena_alloc(sizeof(*c));

	memset(c, 0, sizeof(*c));
	while (*i < toks->len) {
		struct token *t = toks->item[*i];

		if (t->kind == T_WORD) {
			vec_push(&c->words, t->text);
		} else if (t->kind == T_REDIR) {
			struct token *target = *i + 1 < toks->len ?
					       toks->item[*i + 1] : NULL;
			struct redir *r;

			if (!target || target->kind != T_WORD) {
				syntax_error(target ? target->text : "newline");
				return NULL;
			}
			r = arena_alloc(sizeof(*r));
			r->fd = t->fd;
			r->op = t->op;
			r->target = target->text;
			vec_push(&c->redirs, r);
			(*i)++;
		} else {
			break;
		}
		(*i)++;
	}
	if (c->words.len == 0 && c->redirs.len == 0) {
		struct token *t = *i < toks->len ? toks->item[*i] : NULL;

		syntax_error(t ? t->text : "newline");
		return NULL;
	}
	return c;
}

/* The text of tokens FROM..TO-1 joined by spaces, for job messages. */
static char *tokens_text(struct vec *toks, int from, int to)
{
	struct buf b = { 0 };
	int i;

	for (i = from; i < to; i++) {
		struct token *t = toks->item[i];

		struct token *prev = i > from ? toks->item[i - 1] : NULL;

		if (prev && prev->kind != T_REDIR)
			buf_addc(&b, ' ');
		buf_adds(&b, t->text);
	}
	return buf_str(&b);
}

static struct pipeline *parse_pipeline(struct vec *toks, int *i)
{
	struct pipeline *p = arena_alloc(sizeof(*p));
	int start = *i;

	memset(p, 0, sizeof(*p));
	for (;;) {
		struct command *c = parse_command(toks, i);

		if (!c)
			return NULL;
		vec_push(&p->cmds, c);
		if (*i >= toks->len ||
		    ((struct token *)toks->item[*i])->kind != T_PIPE)
			break;
		(*i)++;
	}
	p->text = tokens_text(toks, start, *i);
	return p;
}

/* Parse all tokens into a list of and_or (struct and_or *). */
static int parse_line(struct vec *toks, struct vec *list)
{
	int i = 0;

	while (i < toks->len) {
		struct and_or *ao = arena_alloc(sizeof(*ao));
		struct token *t;

		memset(ao, 0, sizeof(*ao));
		for (;;) {
			struct pipeline *p = parse_pipeline(toks, &i);

			if (!p)
				return -1;
			vec_push(&ao->pipes, p);
			t = i < toks->len ? toks->item[i] : NULL;
			if (!t || (t->kind != T_AND && t->kind != T_OR))
				break;
			vec_push(&ao->ops, (void *)(long)t->kind);
			i++;
		}
		if (t) {        /* the ; or & that ends this and_or */
			ao->background = t->kind == T_AMP;
			i++;
		}
		vec_push(list, ao);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Expansion: from a raw word to zero or more finished words.
 */
struct expander {
	struct vec *fields; /* where finished words go */
	struct buf cur;     /* the word being built */
	int started;        /* cur is a word even if empty (after "" or '') */
	int split;          /* split unquoted expansions at blanks */
};

static void end_field(struct expander *e)
{
	if (e->started)
		vec_push(e->fields, buf_str(&e->cur));
	memset(&e->cur, 0, sizeof(e->cur));
	e->started = 0;
}

/* Add expanded text; unquoted, blanks in it separate words. */
static void add_expansion(struct expander *e, const char *s, int quoted)
{
	for (; s && *s; s++) {
		if (!quoted && e->split &&
		    (*s == ' ' || *s == '\t' || *s == '\n')) {
			end_field(e);
		} else {
			buf_addc(&e->cur, *s);
			e->started = 1;
		}
	}
}

static int is_name_char(char c, int first)
{
	return c == '_' || isalpha((unsigned char)c) ||
	       (!first && isdigit((unsigned char)c));
}

/* The value of a special parameter ($?, $$, $!, $#, $0-$9), or NULL. */
static const char *special_param(char c, char *num)
{
	if (c == '?' || c == '$' || c == '!' || c == '#') {
		long v = c == '?' ? last_status : c == '$' ? (long)getpid() :
			 c == '!' ? (long)last_bg_pid : script_argc - 1;

		sprintf(num, "%ld", v);
		return num;
	}
	if (isdigit((unsigned char)c))
		return c - '0' < script_argc ? script_argv[c - '0'] : "";
	return NULL;
}

/*
 * Expand the $... at *P (P points at the '$'); advance *P past it.
 * Returns the value ("" for unset), or NULL if '$' is just a character.
 */
static const char *expand_dollar(const char **p)
{
	static char num[24];
	const char *s = *p + 1, *value;
	struct buf name = { 0 };

	value = special_param(*s, num);
	if (value) {
		*p = s + 1;
		return value;
	}
	if (*s == '{') {
		const char *close = strchr(s, '}');

		if (!close)
			return NULL;
		for (s++; s < close; s++)
			buf_addc(&name, *s);
		*p = close + 1;
	} else {
		if (!is_name_char(*s, 1))
			return NULL;
		while (is_name_char(*s, 0))
			buf_addc(&name, *s++);
		*p = s;
	}
	value = get_var(buf_str(&name));
	return value ? value : "";
}

/* The inside of "...": $ expands, \ escapes only $ ` " \ . */
static const char *expand_double_quoted(struct expander *e, const char *p)
{
	e->started = 1;
	while (*p && *p != '"') {
		if (*p == '\\' && p[1] && strchr("$`\"\\", p[1])) {
			buf_addc(&e->cur, p[1]);
			p += 2;
		} else if (*p == '$') {
			const char *v = expand_dollar(&p);

			if (v)
				add_expansion(e, v, 1);
			else
				buf_addc(&e->cur, *p++);
		} else {
			buf_addc(&e->cur, *p++);
		}
	}
	return *p ? p + 1 : p;
}

/* Expand RAW, appending the resulting word(s) to FIELDS. */
static void expand_word(const char *raw, struct vec *fields, int split)
{
	struct expander e = { fields, { 0 }, 0, split };
	const char *p = raw, *v;

	if (p[0] == '~' && (p[1] == '/' || p[1] == '\0')) {
		add_expansion(&e, get_var("HOME"), 1);
		p++;
	}
	while (*p) {
		if (*p == '\\' && p[1]) {
			buf_addc(&e.cur, p[1]);
			e.started = 1;
			p += 2;
		} else if (*p == '\'') {
			const char *close = strchr(p + 1, '\'');

			for (p++; p < close; p++)
				buf_addc(&e.cur, *p);
			e.started = 1;
			p++;
		} else if (*p == '"') {
			p = expand_double_quoted(&e, p + 1);
		} else if (*p == '$' && (v = expand_dollar(&p)) != NULL) {
			add_expansion(&e, v, 0);
		} else {
			buf_addc(&e.cur, *p++);
			e.started = 1;
		}
	}
	end_field(&e);
}

/* Expand RAW to exactly one string (for assignments and file names). */
static char *expand_one(const char *raw)
{
	struct vec fields = { 0 };
	struct buf joined = { 0 };
	int i;

	expand_word(raw, &fields, 0);
	for (i = 0; i < fields.len; i++)
		buf_adds(&joined, fields.item[i]);
	return buf_str(&joined);
}

/* Is RAW an assignment NAME=value (the name unquoted)? */
static int is_assignment(const char *raw)
{
	const char *p = raw;

	if (!is_name_char(*p, 1))
		return 0;
	while (is_name_char(*p, 0))
		p++;
	return *p == '=';
}

/* A command after expansion, ready to run. */
struct ready {
	struct vec argv;        /* char * */
	struct vec assigns;     /* "NAME=value" strings */
	struct vec redirs;      /* struct redir *, targets expanded */
};

static struct ready *expand_command(struct command *c)
{
	struct ready *r = arena_alloc(sizeof(*r));
	int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < c->words.len; i++) {
		char *raw = c->words.item[i];

		if (r->argv.len == 0 && is_assignment(raw)) {
			char *eq = strchr(raw, '=');
			struct buf b = { 0 };
			int n;

			for (n = 0; raw + n < eq; n++)
				buf_addc(&b, raw[n]);
			buf_addc(&b, '=');
			buf_adds(&b, expand_one(eq + 1));
			vec_push(&r->assigns, buf_str(&b));
		} else {
			expand_word(raw, &r->argv, 1);
		}
	}
	for (i = 0; i < c->redirs.len; i++) {
		struct redir *in = c->redirs.item[i];
		struct redir *out = arena_alloc(sizeof(*out));

		*out = *in;
		out->target = expand_one(in->target);
		vec_push(&r->redirs, out);
	}
	return r;
}

/* ---------------------------------------------------------------------
 * Redirections. apply_redirs() runs in the child before exec, or in the
 * shell itself around a builtin (with save/restore of the descriptors).
 */
static int open_target(struct redir *r)
{
	switch (r->op) {
	case R_IN:
		return open(r->target, O_RDONLY);
	case R_OUT:
		return open(r->target, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	case R_APPEND:
		return open(r->target, O_WRONLY | O_CREAT | O_APPEND, 0666);
	default:
		return -1;
	}
}

/* N>&M or N<&M: make N a copy of M ("-" closes N). */
static int apply_dup(struct redir *r)
{
	char *end;
	long from;

	if (strcmp(r->target, "-") == 0) {
		close(r->fd);
		return 0;
	}
	from = strtol(r->target, &end, 10);
	if (*r->target == '\0' || *end != '\0' || from < 0) {
		fprintf(stderr, "sh: %s: ambiguous redirect\n", r->target);
		return -1;
	}
	if (dup2((int)from, r->fd) < 0) {
		fprintf(stderr, "sh: %ld: %s\n", from, strerror(errno));
		return -1;
	}
	return 0;
}

static int apply_redir(struct redir *r)
{
	int fd;

	if (r->op == R_DUP_IN || r->op == R_DUP_OUT)
		return apply_dup(r);
	fd = open_target(r);
	if (fd < 0) {
		fprintf(stderr, "sh: %s: %s\n", r->target, strerror(errno));
		return -1;
	}
	if (fd != r->fd) {
		dup2(fd, r->fd);
		close(fd);
	}
	return 0;
}

static int apply_redirs(struct vec *redirs)
{
	int i;

	for (i = 0; i < redirs->len; i++)
		if (apply_redir(redirs->item[i]) < 0)
			return -1;
	return 0;
}

/* ---------------------------------------------------------------------
 * Jobs. A job is a pipeline the shell started and has not forgotten yet.
 * A script only keeps its background jobs ("cmd &"): their statuses stay
 * until `wait` asks for them, so "cmd & ...; wait $!" always works.
 *
 * An interactive shell does job control, as bash does. Every pipeline,
 * foreground or background, is a job with a process group of its own
 * (its PGID is the PID of its first process; parent and child both call
 * setpgid, so the group exists whichever runs first). The terminal sends
 * ^C, ^\ and ^Z to its foreground group only, so:
 *
 *   - a foreground job gets the terminal (tcsetpgrp) and the shell takes
 *     it back when the job ends or stops;
 *   - a background job ("&", or `bg`) has no terminal: ^C does not reach
 *     it (and reading the terminal would stop it with SIGTTIN);
 *   - ^Z stops the foreground job: waitpid with WUNTRACED tells us, the
 *     job stays in the table as "Stopped" until `fg` or `bg` sends it
 *     SIGCONT (after `fg` has given it the terminal again).
 *
 * The shell itself ignores SIGINT, SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU
 * (else ^C would kill it, and taking the terminal back while in the
 * background would stop it); its children restore the defaults.
 */
enum { MAX_JOBS = 64 };

struct job {
	int id;                 /* the N in [N] and %N; 0 = free slot */
	pid_t pgid;             /* its process group (job control), else 0 */
	int npids, left;        /* processes, and how many have not ended */
	pid_t *pids;            /* a PID is made negative once it ended */
	int *status;            /* wait status of each, once it ended */
	char *text;             /* the command, for "[1]+  Done  ..." */
	int stop_sig;           /* nonzero: stopped, by this signal */
	int stop_told;          /* the user was told it stopped */
	int background;         /* running without the terminal ("&", bg) */
	unsigned long seq;      /* the highest is the current job (%+) */
};

static struct job jobs[MAX_JOBS];
static unsigned long job_seq;   /* counts starts and stops */
static int job_control;         /* process groups, fg, bg, ^Z */
static int tty_fd = -1;         /* the terminal (a copy of stdin) */
static pid_t shell_pgid;        /* the shell's own group */
static struct termios shell_tmodes; /* reset after each foreground job */

static void job_free(struct job *j)
{
	free(j->pids);
	free(j->status);
	free(j->text);
	memset(j, 0, sizeof(*j));
}

/* A free slot; if there is none, forget the oldest finished job. */
static struct job *job_slot(void)
{
	int i;

	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id == 0)
			return &jobs[i];
	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].left == 0) {
			job_free(&jobs[i]);
			return &jobs[i];
		}
	return NULL; /* all running: the new job runs untracked */
}

static struct job *job_add(pid_t *pids, int n, const char *text,
			   pid_t pgid)
{
	struct job *j = job_slot();
	int i, id = 1;

	for (i = 0; i < MAX_JOBS; i++)  /* next id: one past the highest */
		if (jobs[i].id >= id)
			id = jobs[i].id + 1;
	if (!j)
		return NULL;
	j->id = id;
	j->pgid = pgid;
	j->npids = j->left = n;
	j->pids = malloc(n * sizeof(pid_t));
	memcpy(j->pids, pids, n * sizeof(pid_t));
	j->status = calloc(n, sizeof(int));
	j->text = strdup(text);
	j->seq = ++job_seq;
	for (i = 0; i < n; i++)
		if (pids[i] <= 0) { /* fork failed: nothing to wait for */
			j->pids[i] = 0;
			j->left--;
		}
	return j;
}

/* The job that PID belongs to, or NULL; *INDEX gets its position. */
static struct job *job_of(pid_t pid, int *index)
{
	int i, k;

	for (i = 0; i < MAX_JOBS; i++)
		for (k = 0; jobs[i].id && k < jobs[i].npids; k++)
			if (pid && jobs[i].pids[k] == pid) {
				*index = k;
				return &jobs[i];
			}
	return NULL;
}

/* Record what waitpid said about PID; returns its job, if it has one. */
static struct job *job_update(pid_t pid, int status)
{
	int k;
	struct job *j = job_of(pid, &k);

	if (!j)
		return NULL;
	if (WIFSTOPPED(status)) {
		j->stop_sig = WSTOPSIG(status);
		j->stop_told = 0;
		j->seq = ++job_seq; /* a stopped job becomes the current one */
	} else if (WIFCONTINUED(status)) {
		j->stop_sig = 0;
	} else {
		j->status[k] = status;
		j->pids[k] = -pid; /* negative: finished */
		j->left--;
	}
	return j;
}

/* The current job (%+, the latest started or stopped) if NTH is 0, the
 * previous one (%-) if NTH is 1. */
static struct job *job_by_age(int nth)
{
	struct job *best[2] = { NULL, NULL };
	int i;

	for (i = 0; i < MAX_JOBS; i++) {
		struct job *j = &jobs[i];

		if (!j->id)
			continue;
		if (!best[0] || j->seq > best[0]->seq) {
			best[1] = best[0];
			best[0] = j;
		} else if (!best[1] || j->seq > best[1]->seq) {
			best[1] = j;
		}
	}
	return best[nth];
}

/* '+' for the current job, '-' for the previous one, else ' '. */
static char job_marker(struct job *j)
{
	return j == job_by_age(0) ? '+' : j == job_by_age(1) ? '-' : ' ';
}

static const char *signal_message(int sig);

/* bash's words for the signals that stop a process. */
static const char *stop_message(int sig)
{
	switch (sig) {
	case SIGTSTP: return "Stopped";
	case SIGSTOP: return "Stopped (signal)";
	case SIGTTIN: return "Stopped (tty input)";
	case SIGTTOU: return "Stopped (tty output)";
	}
	return "Stopped";
}

/* Was the core flag set in a "killed by a signal" wait status? */
static int core_flag(int status)
{
#ifdef WCOREDUMP
	return WCOREDUMP(status) != 0;
#else
	return (status & 0x80) != 0;
#endif
}

/*
 * One line about job J, as bash prints them:
 *
 *   [1]+  Stopped                 sleep 100
 *   [2]-  Running                 sleep 200 &
 *   [3]   Done                    true
 *   [4]   Exit 3                  sh -c 'exit 3'
 *   [5]   Killed                  sleep 300
 */
static void job_print(struct job *j)
{
	int st = j->status[j->npids - 1];
	char what[64];

	if (j->left > 0 && j->stop_sig)
		snprintf(what, sizeof(what), "%s", stop_message(j->stop_sig));
	else if (j->left > 0)
		snprintf(what, sizeof(what), "Running");
	else if (WIFSIGNALED(st))
		snprintf(what, sizeof(what), "%s%s",
			 signal_message(WTERMSIG(st)),
			 core_flag(st) ? " (core dumped)" : "");
	else if (WEXITSTATUS(st))
		snprintf(what, sizeof(what), "Exit %d", WEXITSTATUS(st));
	else
		snprintf(what, sizeof(what), "Done");
	printf("[%d]%c  %-24s%s%s\n", j->id, job_marker(j), what, j->text,
	       j->left > 0 && !j->stop_sig ? " &" : "");
	fflush(stdout);
}

/* Collect the children that ended (or, with job control, stopped or
 * continued) without blocking. */
static void collect_children(void)
{
	int status, flags = WNOHANG;
	pid_t pid;

	if (job_control)
		flags |= WUNTRACED | WCONTINUED;
	while ((pid = waitpid(-1, &status, flags)) > 0)
		job_update(pid, status);
}

/* Before a prompt: tell about background jobs that finished or stopped
 * since the last one, and forget the finished ones. */
static void reap_jobs(void)
{
	int i;

	collect_children();
	if (!interactive)
		return;
	for (i = 0; i < MAX_JOBS; i++) {
		struct job *j = &jobs[i];

		if (j->id && j->left == 0) {
			job_print(j);
			job_free(j);
		} else if (j->id && j->stop_sig && !j->stop_told) {
			job_print(j);
			j->stop_told = 1;
		}
	}
}

/* ---------------------------------------------------------------------
 * Waiting for children, and what to say when one was killed.
 */

/* Linux's signal numbers with the words bash uses for them. */
static const char *signal_message(int sig)
{
	static const char *const names[] = {
		[1] = "Hangup", [2] = "Interrupt", [3] = "Quit",
		[4] = "Illegal instruction", [5] = "Trace/breakpoint trap",
		[6] = "Aborted", [7] = "Bus error",
		[8] = "Floating point exception", [9] = "Killed",
		[10] = "User defined signal 1", [11] = "Segmentation fault",
		[12] = "User defined signal 2", [13] = "Broken pipe",
		[14] = "Alarm clock", [15] = "Terminated",
		[16] = "Stack fault", [24] = "CPU time limit exceeded",
		[25] = "File size limit exceeded",
		[26] = "Virtual timer expired",
		[27] = "Profiling timer expired",
		[29] = "I/O possible", [30] = "Power failure",
		[31] = "Bad system call",
	};
	static char other[32];

	if (sig > 0 && sig < (int)(sizeof(names) / sizeof(names[0])) &&
	    names[sig])
		return names[sig];
	snprintf(other, sizeof(other), "Signal %d", sig);
	return other;
}

/* Tell the user a foreground process died of a signal, like bash. */
static void report_signal(int status)
{
	int sig = WTERMSIG(status);

	if (sig == SIGINT || sig == SIGPIPE)
		return; /* bash stays quiet for these: the user knows */
	fprintf(stderr, "%s%s\n", signal_message(sig),
		core_flag(status) ? " (core dumped)" : "");
}

/* The $? value for a wait status: the exit code, or 128 + signal. */
static int status_value(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Wait for one specific child, retrying if a signal interrupts us. */
static int wait_for(pid_t pid, int *status)
{
	pid_t r;

	do
		r = waitpid(pid, status, 0);
	while (r < 0 && errno == EINTR);
	return r == pid ? 0 : -1;
}

/* Without job control: wait for every process of a foreground pipeline;
 * $? is the last's. */
static int wait_pipeline(pid_t *pids, int n)
{
	int i, status = 0, result = 0;

	for (i = 0; i < n; i++) {
		if (pids[i] <= 0 || wait_for(pids[i], &status) < 0)
			continue;
		if (WIFSIGNALED(status))
			report_signal(status);
		if (i == n - 1)
			result = status_value(status);
	}
	return result;
}

/*
 * With job control: J runs in the foreground. It has the terminal until
 * all its processes have ended or one of them stopped; then the shell
 * takes the terminal back, with the modes the shell had (a program that
 * was killed may have left it in raw mode). Returns $?.
 */
static int wait_foreground(struct job *j)
{
	int k, status, result;
	pid_t pid;

	j->background = 0;
	tcsetpgrp(tty_fd, j->pgid);
	while (j->left > 0 && !j->stop_sig) {
		pid = waitpid(-1, &status, WUNTRACED);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			break;  /* no children left at all */
		job_update(pid, status);
	}
	tcsetpgrp(tty_fd, shell_pgid);
	tcsetattr(tty_fd, TCSADRAIN, &shell_tmodes);
	if (j->left > 0 && j->stop_sig) {
		job_print(j);   /* "[1]+  Stopped    sleep 100" */
		j->stop_told = 1;
		return 128 + j->stop_sig;
	}
	for (k = 0; k < j->npids; k++)
		if (WIFSIGNALED(j->status[k]))
			report_signal(j->status[k]);
	result = status_value(j->status[j->npids - 1]);
	job_free(j);
	return result;
}

/*
 * Make the interactive shell a job-control shell: its own process group,
 * the terminal's foreground group, and deaf to the job-control signals.
 * Without a terminal we may control, job control stays off.
 */
static void init_job_control(void)
{
	pid_t fg;

	tty_fd = fcntl(0, F_DUPFD_CLOEXEC, 10);
	if (tty_fd < 0 || tcgetattr(tty_fd, &shell_tmodes) < 0)
		return;
	/* Started in the background of a live job-control shell: stop
	 * (SIGTTIN) until it brings us to the foreground. */
	while ((fg = tcgetpgrp(tty_fd)) > 0 && fg != getpgrp() &&
	       kill(-fg, 0) == 0)
		kill(getpid(), SIGTTIN);
	if (fg < 0)
		return;
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	shell_pgid = getpid();
	if (getpgrp() != shell_pgid && setpgid(0, shell_pgid) < 0)
		shell_pgid = getpgrp(); /* a session leader keeps its own */
	if (tcsetpgrp(tty_fd, shell_pgid) < 0)
		return;
	job_control = 1;
}

/* Leaving the shell: stopped jobs would stay stopped for ever, so they
 * get SIGHUP (and SIGCONT, to act on it), as bash does. */
static void hang_up_stopped_jobs(void)
{
	int i;

	for (i = 0; job_control && i < MAX_JOBS; i++)
		if (jobs[i].id && jobs[i].stop_sig && jobs[i].left > 0) {
			kill(-jobs[i].pgid, SIGHUP);
			kill(-jobs[i].pgid, SIGCONT);
		}
}

/* ---------------------------------------------------------------------
 * Builtins: commands that must run inside the shell itself, because they
 * change the shell's own state (its directory, variables, children).
 */
static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : get_var("HOME");
	char cwd[4096];

	if (!dir || !*dir)
		dir = "/";
	if (strcmp(dir, "-") == 0) {
		dir = get_var("OLDPWD");
		if (!dir) {
			fprintf(stderr, "sh: cd: OLDPWD not set\n");
			return 1;
		}
		printf("%s\n", dir);
	}
	if (getcwd(cwd, sizeof(cwd)))
		setenv("OLDPWD", cwd, 1);
	if (chdir(dir) != 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (getcwd(cwd, sizeof(cwd)))
		setenv("PWD", cwd, 1);
	return 0;
}

static int builtin_pwd(int argc, char **argv)
{
	char cwd[4096];

	(void)argc;
	(void)argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

static int builtin_exit(int argc, char **argv)
{
	char *end;
	long n = last_status;

	if (argc > 1) {
		n = strtol(argv[1], &end, 10);
		if (*argv[1] == '\0' || *end != '\0') {
			fprintf(stderr, "sh: exit: %s: numeric argument "
					"required\n", argv[1]);
			n = 2;
		}
	}
	fflush(stdout);
	hang_up_stopped_jobs();
	exit((int)(n & 255));
}

/* export NAME=value, export NAME (shell variable -> environment). */
static int builtin_export(int argc, char **argv)
{
	int i, status = 0;
	char **e;

	if (argc == 1)  /* list the environment, like "export -p" */
		for (e = environ; *e; e++)
			printf("export %s\n", *e);
	for (i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		const char *value;

		if (eq) {
			*eq = '\0';
			value = eq + 1;
		} else {
			value = get_var(argv[i]);
		}
		if (!is_name_char(argv[i][0], 1)) {
			fprintf(stderr, "sh: export: `%s': not a valid "
					"identifier\n", argv[i]);
			status = 1;
			continue;
		}
		if (value) {
			char *copy = strdup(value); /* unset_var frees it */

			unset_var(argv[i]);
			setenv(argv[i], copy, 1);
			free(copy);
		}
	}
	return status;
}

static int builtin_unset(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		unset_var(argv[i]);
	return 0;
}

/*
 * wait: all background jobs. wait PID (or %N): that one, and its exit
 * status becomes $?.
 */
/* The wait status of PID, waiting if it is still running; -1 if unknown. */
static int wait_pid_status(pid_t pid)
{
	int status, k;
	struct job *j = job_of(-pid, &k);

	if (j)  /* already reaped by reap_jobs: the status is kept */
		return j->status[k];
	if (wait_for(pid, &status) < 0)
		return -1;
	job_update(pid, status);
	return status;
}

/* Wait for every process of job J, free it, return the last's status. */
static int wait_job(struct job *j)
{
	int k, status = 0;

	for (k = 0; k < j->npids; k++)
		if (j->pids[k])
			status = wait_pid_status(j->pids[k] > 0 ? j->pids[k] :
						 -j->pids[k]);
	if (interactive && status >= 0 && WIFSIGNALED(status))
		job_print(j);   /* "[1]+  Terminated   sleep 100", as bash */
	job_free(j);
	return status < 0 ? 127 : status_value(status);
}

/* The job ARG names: %N, %+ or %% (current), %- (previous), or a PID. */
static struct job *find_job(const char *arg)
{
	int i, k, id = arg[0] == '%' ? atoi(arg + 1) : 0;
	pid_t pid = arg[0] == '%' ? 0 : atoi(arg);

	if (strcmp(arg, "%") == 0 || strcmp(arg, "%%") == 0 ||
	    strcmp(arg, "%+") == 0)
		return job_by_age(0);
	if (strcmp(arg, "%-") == 0)
		return job_by_age(1);
	for (i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].id == 0)
			continue;
		if (jobs[i].id == id)
			return &jobs[i];
		for (k = 0; k < jobs[i].npids; k++)
			if (pid > 0 && (jobs[i].pids[k] == pid ||
					jobs[i].pids[k] == -pid))
				return &jobs[i];
	}
	return NULL;
}

static int builtin_wait(int argc, char **argv)
{
	int i, status = 0;
	struct job *j;

	if (argc == 1) {
		for (i = 0; i < MAX_JOBS; i++)
			if (jobs[i].id)
				wait_job(&jobs[i]);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		j = find_job(argv[i]);
		if (j) {
			status = wait_job(j);
			continue;
		}
		if (argv[i][0] != '%' && atoi(argv[i]) > 0 &&
		    (status = wait_pid_status(atoi(argv[i]))) >= 0) {
			status = status_value(status);
			continue;
		}
		fprintf(stderr, "sh: wait: %s: no such job or child\n",
			argv[i]);
		status = 127;
	}
	return status;
}

/* jobs: every job and its state; the finished ones are then forgotten. */
static int builtin_jobs(int argc, char **argv)
{
	int id, i, top = 0;

	(void)argc;
	(void)argv;
	collect_children();
	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id > top)
			top = jobs[i].id;
	for (id = 1; id <= top; id++)   /* in the order of their numbers */
		for (i = 0; i < MAX_JOBS; i++)
			if (jobs[i].id == id) {
				job_print(&jobs[i]);
				jobs[i].stop_told = 1;
			}
	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id && jobs[i].left == 0)
			job_free(&jobs[i]);
	return 0;
}

/* The job fg or bg works on: the one named, or the current one. */
static struct job *job_argument(int argc, char **argv)
{
	struct job *j;

	if (!job_control) {
		fprintf(stderr, "sh: %s: no job control\n", argv[0]);
		return NULL;
	}
	collect_children();
	j = argc > 1 ? find_job(argv[1]) : job_by_age(0);
	if (j && j->pgid <= 0)  /* every fork of it failed */
		j = NULL;
	if (!j)
		fprintf(stderr, "sh: %s: %s: no such job\n", argv[0],
			argc > 1 ? argv[1] : "current");
	return j;
}

/* fg [%N]: give the job the terminal, continue it, wait for it. */
static int builtin_fg(int argc, char **argv)
{
	struct job *j = job_argument(argc, argv);

	if (!j)
		return 1;
	printf("%s\n", j->text);        /* bash shows what comes back */
	fflush(stdout);
	tcsetpgrp(tty_fd, j->pgid);     /* first, or it would get SIGTTIN */
	j->stop_sig = 0;
	kill(-j->pgid, SIGCONT);
	return wait_foreground(j);
}

/* bg [%N]: continue a stopped job in the background. */
static int builtin_bg(int argc, char **argv)
{
	struct job *j = job_argument(argc, argv);

	if (!j)
		return 1;
	if (!j->stop_sig || j->left == 0) {
		fprintf(stderr, "sh: bg: job %d already in background\n",
			j->id);
		return 0;
	}
	j->stop_sig = 0;
	j->background = 1;
	printf("[%d]%c %s &\n", j->id, job_marker(j), j->text);
	fflush(stdout);
	kill(-j->pgid, SIGCONT);
	return 0;
}

/* Linux's signal names, for kill -NAME. */
static const char *const signal_names[] = {
	[1] = "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
	"KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT",
	"CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
	"XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

/* "TERM", "SIGTERM", "term" or "15" -> 15; -1 if it is none of these. */
static int signal_number(const char *s)
{
	int i;
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && *end == '\0')
		return n >= 0 && n < 65 ? (int)n : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 1; i < (int)(sizeof(signal_names) / sizeof(char *)); i++)
		if (strcasecmp(s, signal_names[i]) == 0)
			return i;
	return -1;
}

/*
 * kill [-SIG | -s SIG] PID|%N...: a builtin, so that %N works. A job is
 * signalled as a whole (its process group). A stopped job cannot act on
 * the signal, so it also gets SIGCONT, as bash does.
 */
static int builtin_kill(int argc, char **argv)
{
	int i = 1, k, sig = SIGTERM, status = 0;

	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		sig = signal_number(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		sig = signal_number(argv[1] + 1);
		i = 2;
	}
	if (sig < 0) {
		fprintf(stderr, "sh: kill: %s: invalid signal specification\n",
			argv[i - 1] + (i == 2));
		return 1;
	}
	if (i >= argc) {
		fprintf(stderr, "kill: usage: kill [-s sigspec | -sigspec] "
				"pid | jobspec ...\n");
		return 2;
	}
	for (; i < argc; i++) {
		struct job *j = argv[i][0] == '%' ? find_job(argv[i]) : NULL;
		char *end;
		long pid = strtol(argv[i], &end, 10);
		int failed = 0;

		if (argv[i][0] == '%' && !j) {
			fprintf(stderr, "sh: kill: %s: no such job\n", argv[i]);
			status = 1;
			continue;
		}
		if (!j && (!*argv[i] || *end)) {
			fprintf(stderr, "sh: kill: %s: arguments must be "
					"process or job IDs\n", argv[i]);
			status = 1;
			continue;
		}
		if (j && j->pgid) {
			failed = kill(-j->pgid, sig) < 0;
		} else if (j) {         /* no groups: each running process */
			for (k = 0; k < j->npids; k++)
				if (j->pids[k] > 0 && kill(j->pids[k], sig) < 0)
					failed = 1;
		} else {
			failed = kill((pid_t)pid, sig) < 0;
		}
		if (failed) {
			fprintf(stderr, "sh: kill: (%s) - %s\n", argv[i],
				strerror(errno));
			status = 1;
		} else if (j && j->pgid && j->stop_sig && sig != SIGKILL &&
			   sig != SIGCONT) {
			kill(-j->pgid, SIGCONT);
		}
	}
	return status;
}

/* history [N]: the lines typed so far (the last N), numbered as bash
 * numbers them. */
static int builtin_history(int argc, char **argv)
{
	int n, total = 0;

	while (history_get(total))
		total++;
	n = argc > 1 ? total - atoi(argv[1]) : 0;
	for (n = n < 0 ? 0 : n; n < total; n++)
		printf("%5d  %s\n", n + 1, history_get(n));
	return 0;
}

/* umask [OCTAL]: show or set the mask that new files' modes lose. */
static int builtin_umask(int argc, char **argv)
{
	mode_t old;
	char *end;
	long m;

	if (argc < 2) {
		old = umask(0);
		umask(old);
		printf("%04o\n", (unsigned)old);
		return 0;
	}
	m = strtol(argv[1], &end, 8);
	if (*argv[1] == '\0' || *end != '\0' || m < 0 || m > 0777) {
		fprintf(stderr, "sh: umask: %s: invalid octal number\n",
			argv[1]);
		return 1;
	}
	umask((mode_t)m);
	return 0;
}

/* ":" does nothing, successfully (handy for "> file" and loops). */
static int builtin_colon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int builtin_ulimit(int argc, char **argv); /* sh_ulimit.c */

struct builtin {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct builtin builtins[] = {
	{ "cd", builtin_cd },         { "pwd", builtin_pwd },
	{ "exit", builtin_exit },     { "export", builtin_export },
	{ "unset", builtin_unset },   { "wait", builtin_wait },
	{ "umask", builtin_umask },   { ":", builtin_colon },
	{ "ulimit", builtin_ulimit }, /* sh_ulimit.c */
	{ "jobs", builtin_jobs },     { "fg", builtin_fg },
	{ "bg", builtin_bg },         { "kill", builtin_kill },
	{ "history", builtin_history },
};

static const struct builtin *find_builtin(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

/* Run a command with redirections, restoring our descriptors after. */
struct saved_fd {
	int fd, copy;   /* copy == -1: fd was closed before */
};

static int run_builtin_here(const struct builtin *b, struct ready *r)
{
	struct saved_fd *saved = arena_alloc((r->redirs.len + 1) *
					     sizeof(*saved));
	int i, n = 0, status = 1;

	fflush(stdout);
	for (i = 0; i < r->redirs.len; i++) {
		struct redir *rd = r->redirs.item[i];

		saved[n].fd = rd->fd;
		saved[n].copy = fcntl(rd->fd, F_DUPFD_CLOEXEC, 10);
		n++;
		if (apply_redir(rd) < 0)
			goto restore;
	}
	status = b->run(r->argv.len, (char **)r->argv.item);
restore:
	fflush(stdout);
	fflush(stderr);
	while (n-- > 0) {   /* undo in reverse, so "2>&1" unwinds right */
		if (saved[n].copy >= 0) {
			dup2(saved[n].copy, saved[n].fd);
			close(saved[n].copy);
		} else {
			close(saved[n].fd);
		}
	}
	return status;
}

/* ---------------------------------------------------------------------
 * Running programs.
 */

/* exec a file the kernel would not run (no ELF header): as a script. */
static void exec_script(const char *path, char **argv)
{
	int n = 0;
	char **args;

	while (argv[n])
		n++;
	args = arena_alloc((n + 2) * sizeof(char *));
	args[0] = "sh";
	args[1] = (char *)path;
	memcpy(args + 2, argv + 1, n * sizeof(char *));
	execve("/bin/sh", args, environ);
}

/* Try PATH; returns only on failure, with errno saying why. */
static void exec_path(const char *path, char **argv)
{
	execve(path, argv, environ);
	if (errno == ENOEXEC) {
		exec_script(path, argv);
		errno = ENOEXEC;
	}
}

/*
 * Search $PATH for NAME and exec it. Returns only on failure, with errno
 * EACCES if some candidate existed but could not run, else ENOENT.
 */
static void exec_search(const char *name, char **argv)
{
	const char *path = get_var("PATH"), *p, *colon, *end;
	int saw_eacces = 0;
	struct buf full;

	if (!path)
		path = "/bin:/usr/bin";
	for (p = path;; p = colon + 1) {
		colon = strchr(p, ':');
		end = colon ? colon : p + strlen(p);
		memset(&full, 0, sizeof(full));
		while (p < end)
			buf_addc(&full, *p++);
		if (full.len == 0)
			buf_addc(&full, '.'); /* an empty entry means "." */
		buf_addc(&full, '/');
		buf_adds(&full, name);
		exec_path(full.s, argv);
		if (errno == EACCES)
			saw_eacces = 1;
		if (!colon)
			break;
	}
	errno = saw_eacces ? EACCES : ENOENT;
}

/* In the child: run the command, never returning. */
static void exec_command(struct ready *r)
{
	char **argv = (char **)r->argv.item;
	const struct builtin *b;
	int i;

	if (interactive) {  /* the shell ignores ^C; its children must not */
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		signal(SIGTTIN, SIG_DFL);
		signal(SIGTTOU, SIG_DFL);
	}
	for (i = 0; i < r->assigns.len; i++)
		putenv(r->assigns.item[i]); /* the child's copy: ok to keep */
	if (apply_redirs(&r->redirs) < 0)
		_exit(1);
	if (r->argv.len == 0)
		_exit(0);
	b = find_builtin(argv[0]);
	if (b) {
		int status = b->run(r->argv.len, argv);

		fflush(stdout);
		_exit(status);
	}
	if (strchr(argv[0], '/'))
		exec_path(argv[0], argv);
	else
		exec_search(argv[0], argv);
	if (errno == ENOENT && !strchr(argv[0], '/'))
		fprintf(stderr, "sh: %s: command not found\n", argv[0]);
	else
		fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* Is every word of C an assignment (a line like "A=1 B=$A")? */
static int only_assignments(struct command *c)
{
	int i;

	for (i = 0; i < c->words.len; i++)
		if (!is_assignment(c->words.item[i]))
			return 0;
	return 1;
}

/*
 * Set each NAME=value of C as a shell variable, left to right, so that
 * "A=1 B=$A" sees the new A. Redirections still happen: "> f" alone
 * creates f (we run ":" with them).
 */
static int assign_all(struct command *c)
{
	struct ready *r;
	int i;

	for (i = 0; i < c->words.len; i++) {
		char *a = arena_strdup(c->words.item[i]);
		char *eq = strchr(a, '=');

		*eq = '\0';
		set_var(a, expand_one(eq + 1));
	}
	if (c->redirs.len == 0)
		return 0;
	r = expand_command(c);
	r->argv.len = 0;
	return run_builtin_here(find_builtin(":"), r);
}

/*
 * With job control, put a new child into the job's process group *PGID
 * (0: the child is the first, and starts the group). Both the parent and
 * the child do it, so the group exists before either goes on. A
 * foreground child also takes the terminal itself, so that it owns it
 * before it can read from it.
 */
static void join_job_group(pid_t child, pid_t *pgid, int foreground)
{
	if (!job_control)
		return;
	if (child == 0) {       /* in the child */
		setpgid(0, *pgid);
		if (foreground)
			tcsetpgrp(tty_fd, *pgid ? *pgid : getpid());
		job_control = 0;  /* a builtin here ("jobs | cat") has none */
		return;
	}
	if (*pgid == 0)
		*pgid = child;
	setpgid(child, *pgid);
}

/*
 * Start one child of a pipeline with IN_FD as its standard input and
 * OUT_FD as its standard output (-1: leave as is). CLOSE_FD is the read
 * end of the next pipe, which this child must not hold open (else the
 * next command would never see end-of-file). PGID and FOREGROUND: see
 * join_job_group().
 */
static pid_t start_child(struct ready *r, int in_fd, int out_fd,
			 int close_fd, pid_t *pgid, int foreground)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return -1;
	}
	join_job_group(pid, pgid, foreground);
	if (pid > 0)
		return pid;
	if (close_fd >= 0)
		close(close_fd);
	if (in_fd >= 0) {
		dup2(in_fd, 0);
		close(in_fd);
	}
	if (out_fd >= 0) {
		dup2(out_fd, 1);
		close(out_fd);
	}
	exec_command(r);
	return -1; /* not reached */
}

/* Fork every command of the pipeline, joined by pipes; fill PIDS. With
 * job control they make one process group, whose ID goes to *PGID. */
static void start_pipeline(struct ready **cmds, int n, pid_t *pids,
			   pid_t *pgid, int foreground)
{
	int i, prev_read = -1, p[2];

	for (i = 0; i < n; i++) {
		p[0] = p[1] = -1;
		if (i < n - 1 && pipe(p) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			pids[i] = -1;
			break;
		}
		pids[i] = start_child(cmds[i], prev_read, p[1], p[0], pgid,
				      foreground);
		if (prev_read >= 0)
			close(prev_read);
		if (p[1] >= 0)
			close(p[1]);
		prev_read = p[0];
	}
	for (; i < n; i++)
		pids[i] = -1;
	if (prev_read >= 0)
		close(prev_read);
}

/* Run a pipeline; returns its status ($?), 0 if sent to the background. */
static int run_pipeline(struct pipeline *pl, int background)
{
	int n = pl->cmds.len, i;
	struct ready **cmds = arena_alloc(n * sizeof(*cmds));
	pid_t *pids = arena_alloc(n * sizeof(pid_t)), pgid = 0;
	const struct builtin *b;
	struct job *j;

	if (n == 1 && !background && only_assignments(pl->cmds.item[0]))
		return assign_all(pl->cmds.item[0]);
	for (i = 0; i < n; i++)
		cmds[i] = expand_command(pl->cmds.item[i]);
	if (n == 1 && job_control && cmds[0]->argv.len == 1 &&
	    ((char *)cmds[0]->argv.item[0])[0] == '%') {
		/* "%N" alone is "fg %N"; "%N &" is "bg %N" */
		char *args[] = { background ? "bg" : "fg",
				 cmds[0]->argv.item[0], NULL };

		return background ? builtin_bg(2, args) : builtin_fg(2, args);
	}
	b = n == 1 ? find_builtin(cmds[0]->argv.item[0]) : NULL;
	if (b && !background)
		return run_builtin_here(b, cmds[0]);
	start_pipeline(cmds, n, pids, &pgid, !background);
	j = job_control || background ? job_add(pids, n, pl->text, pgid) :
					NULL;
	if (!background && j)
		return wait_foreground(j);
	if (!background) {
		i = wait_pipeline(pids, n);
		if (job_control)        /* the job table was full */
			tcsetpgrp(tty_fd, shell_pgid);
		return i;
	}
	last_bg_pid = pids[n - 1];
	if (j) {
		j->background = 1;
		if (interactive)
			fprintf(stderr, "[%d] %d\n", j->id, (int)pids[n - 1]);
	}
	return 0;
}

/* a && b || c, possibly with & at the end. */
static void run_and_or(struct and_or *ao)
{
	int i;
	pid_t pid;

	if (ao->background && ao->pipes.len > 1) {
		/* A whole "a && b &" runs in a forked copy of the shell. */
		struct pipeline *whole = ao->pipes.item[0];

		pid_t pgid = 0;

		fflush(stdout);
		pid = fork();
		if (pid >= 0)
			join_job_group(pid, &pgid, 0);
		if (pid == 0) {
			if (interactive) {  /* a plain shell again */
				signal(SIGINT, SIG_DFL);
				signal(SIGQUIT, SIG_DFL);
				signal(SIGTSTP, SIG_DFL);
				signal(SIGTTIN, SIG_DFL);
				signal(SIGTTOU, SIG_DFL);
			}
			interactive = job_control = 0;
			ao->background = 0;
			run_and_or(ao);
			exit(last_status);
		}
		if (pid > 0) {
			struct job *j = job_add(&pid, 1, whole->text, pgid);

			last_bg_pid = pid;
			if (j)
				j->background = 1;
			if (j && interactive)
				fprintf(stderr, "[%d] %d\n", j->id, (int)pid);
		}
		last_status = 0;
		return;
	}
	last_status = run_pipeline(ao->pipes.item[0], ao->background);
	for (i = 1; i < ao->pipes.len; i++) {
		long op = (long)ao->ops.item[i - 1];

		if ((op == T_AND) == (last_status == 0))
			last_status = run_pipeline(ao->pipes.item[i], 0);
	}
}

/* Parse and run one complete line. */
static void run_line(const char *line)
{
	struct vec toks = { 0 }, list = { 0 };
	int i;

	if (tokenize(line, &toks) != LEX_OK) {
		fprintf(stderr, "sh: syntax error: unexpected end of input "
				"(an open quote, or a final \\)\n");
		last_status = 2;
		return;
	}
	if (parse_line(&toks, &list) < 0)
		return;
	for (i = 0; i < list.len; i++)
		run_and_or(list.item[i]);
}

/* ---------------------------------------------------------------------
 * Input: standard input, a script file, or a -c string.
 */
struct input {
	int fd;                 /* -1 for a string */
	int edit;               /* a terminal: read with the line editor */
	int interrupted;        /* ^C while the editor read a line */
	const char *str;        /* the -c string, consumed as we go */
	char chunk[512];
	int chunk_len, chunk_pos;
};

/*
 * Read one byte. Standard input is read a byte at a time, so that we
 * never read past the end of our line: the rest belongs to the commands
 * we run (think of "sh < script" where a line runs "cat").
 */
static int input_byte(struct input *in)
{
	unsigned char c;
	ssize_t n;

	if (in->fd < 0)
		return *in->str ? (unsigned char)*in->str++ : EOF;
	if (in->fd == 0) {
		do
			n = read(0, &c, 1);
		while (n < 0 && errno == EINTR);
		return n == 1 ? c : EOF;
	}
	if (in->chunk_pos == in->chunk_len) {
		in->chunk_len = read(in->fd, in->chunk, sizeof(in->chunk));
		in->chunk_pos = 0;
		if (in->chunk_len <= 0)
			return EOF;
	}
	return (unsigned char)in->chunk[in->chunk_pos++];
}

static void prompt(const char *text)
{
	if (interactive) {
		fputs(text, stderr);
		fflush(stderr);
	}
}

/*
 * Show PROMPT (interactive), then read one line without its newline
 * (malloc'd), or NULL at end of input. From a terminal the line editor
 * reads it; ^C there gives an empty line and $? = 130, as in bash.
 */
static char *read_line(struct input *in, const char *text)
{
	size_t len = 0, cap = 128;
	char *line;
	int c;

	if (in->edit) {
		switch (lineedit_read(text, &line)) {
		case LINEEDIT_LINE:
			return line;
		case LINEEDIT_INTERRUPT:
			in->interrupted = 1;
			last_status = 130;
			return strdup("");
		case LINEEDIT_EOF:
			return NULL;
		}
	}
	prompt(text);
	line = malloc(cap);

	while ((c = input_byte(in)) != EOF && c != '\n') {
		if (len + 2 > cap)
			line = realloc(line, cap *= 2);
		line[len++] = (char)c;
	}
	if (c == EOF && len == 0) {
		free(line);
		return NULL;
	}
	line[len] = '\0';
	return line;
}

/* Does LINE need another line: an open quote, a trailing \, | && or ||? */
static int needs_more(const char *line)
{
	struct vec toks = { 0 };
	struct token *last;
	int more = tokenize(line, &toks) == LEX_MORE;

	if (!more && toks.len > 0) {
		last = toks.item[toks.len - 1];
		more = last->kind == T_PIPE || last->kind == T_AND ||
		       last->kind == T_OR;
	}
	arena_reset();
	return more;
}

/* Join continuation lines: a trailing backslash-newline disappears. */
static char *append_line(char *line, const char *next)
{
	size_t len = strlen(line);
	int drop_backslash = len > 0 && line[len - 1] == '\\';

	line = realloc(line, len + strlen(next) + 2);
	if (drop_backslash)
		strcpy(line + len - 1, next);
	else
		sprintf(line + len, "\n%s", next);
	return line;
}

/* The main loop: read, run, repeat until end of input. */
static void run_input(struct input *in)
{
	char *line, *more;

	for (;;) {
		if (interactive)
			reap_jobs();
		line = read_line(in, "$ ");
		if (!line)
			break;
		in->interrupted = 0;
		while (needs_more(line)) {
			more = read_line(in, "> ");
			if (in->interrupted)    /* ^C: forget the whole command */
				line[0] = '\0';
			if (!more || in->interrupted) {
				free(more);
				break;
			}
			line = append_line(line, more);
			free(more);
		}
		if (in->edit && !strchr(line, '\n'))
			history_add(line);
		run_line(line);
		free(line);
		arena_reset();
		if (!interactive)
			reap_jobs();
	}
	if (interactive)
		fputs("exit\n", stderr);
	hang_up_stopped_jobs();
}

static void usage(void)
{
	fprintf(stderr, "usage: sh [FILE [ARG...]] | sh -c COMMAND [NAME "
			"[ARG...]]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct input in = { 0 };

	script_argc = argc;
	script_argv = argv;
	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		if (argc < 3)
			usage();
		in.fd = -1;
		in.str = argv[2];
		script_argc = argc - 3 > 0 ? argc - 3 : 1;
		script_argv = argc > 3 ? argv + 3 : argv;
	} else if (argc > 1) {
		int fd = open(argv[1], O_RDONLY | O_CLOEXEC);

		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1],
				strerror(errno));
			return 127;
		}
		/* out of the way of "3>file" and friends in the script */
		in.fd = fcntl(fd, F_DUPFD_CLOEXEC, 10);
		close(fd);
		script_argc = argc - 1;
		script_argv = argv + 1;
	} else {
		in.fd = 0;
		interactive = isatty(0);
	}
	if (interactive) {  /* ^C should stop the program, not the shell */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		init_job_control();
		in.edit = 1;
	}
	run_input(&in);
	return last_status;
}
