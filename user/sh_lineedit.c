/*
 * sh_lineedit.c: the shell's line editor, used when commands come from a
 * terminal.
 *
 * In the terminal's normal (canonical) mode the kernel collects a line,
 * echoes it and handles backspace itself; a program sees nothing until
 * Enter. To move the cursor or bring back an earlier line we need every
 * key as it is pressed, so while a line is read the terminal is switched
 * to non-canonical mode without echo (ICANON and ECHO off; ISIG stays on,
 * so ^C still sends SIGINT). We echo each key ourselves and restore the
 * old mode before returning, so the command runs with the terminal as it
 * was.
 *
 * Keys:  printable characters     insert at the cursor
 *        Backspace (DEL or ^H)    delete the character before the cursor
 *        Left, Right arrows       move the cursor
 *        Home, End; ^A, ^E        to the start, to the end of the line
 *        Delete                   delete the character under the cursor
 *        Up, Down arrows          the previous, the next line of the history
 *        ^U                       erase the whole line
 *        ^W                       erase the word before the cursor
 *        ^D                       on an empty line: end of input
 *        ^C                       throw the line away (SIGINT interrupts read)
 *        Enter                    the line is done
 *
 * An arrow key arrives as three bytes: ESC '[' and a letter (A up, B down,
 * C right, D left); Home, End and Delete as ESC '[' a number '~' (1, 4,
 * 3 on the Linux console and our PS/2 keyboard; 7, 8 elsewhere) or
 * ESC '[' H and ESC '[' F. The screen is changed with nothing but printable
 * characters, spaces and '\b' (one column to the left), which every
 * terminal understands. Typing a plain line echoes exactly what canonical
 * mode would echo, and backspace at the end of the line gives the same
 * "\b \b". Lines longer than the screen is wide are not handled specially.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sh_lineedit.h"

enum { EDIT_MAX = 1024, HISTORY_MAX = 100 };

/* ---- the history: the last HISTORY_MAX lines, oldest first ---- */

static char *history[HISTORY_MAX];
static int history_len;

void history_add(const char *line)
{
	if (!line[0] || (history_len &&
			 strcmp(history[history_len - 1], line) == 0))
		return;
	if (history_len == HISTORY_MAX) {       /* forget the oldest */
		free(history[0]);
		memmove(history, history + 1, --history_len * sizeof(char *));
	}
	history[history_len++] = strdup(line);
}

const char *history_get(int n)
{
	return n >= 0 && n < history_len ? history[n] : NULL;
}

/* ---- the line being edited, and what the screen shows of it ---- */

struct editor {
	char buf[EDIT_MAX];
	int len;                /* characters in buf */
	int pos;                /* the cursor: 0..len */
};

static void out(const char *s, int n)
{
	if (n > 0)
		write(STDERR_FILENO, s, n);
}

static void out_repeat(char c, int n)
{
	while (n-- > 0)
		out(&c, 1);
}

/* Move the cursor to POS: back with '\b', forward by rewriting text. */
static void move_to(struct editor *e, int pos)
{
	if (pos < e->pos)
		out_repeat('\b', e->pos - pos);
	else
		out(e->buf + e->pos, pos - e->pos);
	e->pos = pos;
}

/* Redraw from the cursor to the end, blank out BLANKS more columns (what
 * a deletion left behind), and put the cursor back where it was. */
static void redraw_tail(struct editor *e, int blanks)
{
	out(e->buf + e->pos, e->len - e->pos);
	out_repeat(' ', blanks);
	out_repeat('\b', e->len - e->pos + blanks);
}

static void insert_char(struct editor *e, char c)
{
	if (e->len == EDIT_MAX - 1)
		return;
	memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos);
	e->buf[e->pos] = c;
	e->len++;
	out(&c, 1);
	e->pos++;
	redraw_tail(e, 0);      /* at the end of the line: nothing to do */
}

/* Delete the N characters before the cursor. */
static void delete_before(struct editor *e, int n)
{
	if (n > e->pos)
		n = e->pos;
	if (n == 0)
		return;
	memmove(e->buf + e->pos - n, e->buf + e->pos, e->len - e->pos);
	e->len -= n;
	out_repeat('\b', n);
	e->pos -= n;
	redraw_tail(e, n);      /* at the end of the line: " " then "\b" */
}

/* How many characters ^W erases: blanks, then a word, before the cursor. */
static int word_before(struct editor *e)
{
	int p = e->pos;

	while (p > 0 && e->buf[p - 1] == ' ')
		p--;
	while (p > 0 && e->buf[p - 1] != ' ')
		p--;
	return e->pos - p;
}

/* Replace the whole line with TEXT (a line from the history). */
static void set_line(struct editor *e, const char *text)
{
	int old_len = e->len;

	move_to(e, 0);
	e->len = strlen(text);
	if (e->len > EDIT_MAX - 1)
		e->len = EDIT_MAX - 1;
	memcpy(e->buf, text, e->len);
	move_to(e, e->len);
	if (old_len > e->len) {
		out_repeat(' ', old_len - e->len);
		out_repeat('\b', old_len - e->len);
	}
}

/* ---- keys ---- */

enum {
	KEY_EOF = -1, KEY_INTERRUPT = -2,
	KEY_UP = 256, KEY_DOWN, KEY_RIGHT, KEY_LEFT, KEY_HOME, KEY_END,
	KEY_DELETE, KEY_OTHER,
};

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* One byte from the terminal; KEY_EOF, or KEY_INTERRUPT after ^C. */
static int read_byte(void)
{
	unsigned char c;
	ssize_t n;

	for (;;) {
		if (interrupted)
			return KEY_INTERRUPT;
		n = read(STDIN_FILENO, &c, 1);
		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR)
			continue;       /* the loop checks for ^C */
		return KEY_EOF;
	}
}

/* A key: a byte, or an escape sequence (ESC [ A, ESC O A, ESC [ 3 ~). */
static int read_key(void)
{
	int c = read_byte(), n = 0;

	if (c != '\033')
		return c;
	c = read_byte();
	if (c != '[' && c != 'O')
		return c < 0 ? c : KEY_OTHER;
	c = read_byte();
	while (c >= '0' && c <= '9') {  /* ESC [ n ~ */
		n = n * 10 + c - '0';
		c = read_byte();
	}
	switch (c) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case '~': return n == 1 || n == 7 ? KEY_HOME : n == 4 || n == 8 ?
			 KEY_END : n == 3 ? KEY_DELETE : KEY_OTHER;
	}
	return c < 0 ? c : KEY_OTHER;
}

#define CONTROL(c) ((c) - '@')

/* ---- reading a line ---- */

/* Edit until Enter, ^D on an empty line or ^C. */
static enum lineedit_result edit(struct editor *e, int erase)
{
	int shown = history_len;        /* history line shown; len = new one */
	char *typed = NULL;             /* the new line, while browsing */
	enum lineedit_result result;
	int key;

	for (;;) {
		key = read_key();
		if (key == KEY_EOF || (key == CONTROL('D') && e->len == 0)) {
			result = LINEEDIT_EOF;
			break;
		}
		if (key == KEY_INTERRUPT) {
			move_to(e, e->len);
			out("^C\n", 3);
			result = LINEEDIT_INTERRUPT;
			break;
		}
		if (key == '\n' || key == '\r') {
			move_to(e, e->len);
			out("\n", 1);
			result = LINEEDIT_LINE;
			break;
		}
		if (key == erase || key == 127 || key == '\b') {
			delete_before(e, 1);
		} else if (key == CONTROL('U')) {
			move_to(e, e->len);
			delete_before(e, e->len);
		} else if (key == CONTROL('W')) {
			delete_before(e, word_before(e));
		} else if (key == KEY_LEFT && e->pos > 0) {
			move_to(e, e->pos - 1);
		} else if (key == KEY_RIGHT && e->pos < e->len) {
			move_to(e, e->pos + 1);
		} else if (key == CONTROL('A') || key == KEY_HOME) {
			move_to(e, 0);
		} else if (key == CONTROL('E') || key == KEY_END) {
			move_to(e, e->len);
		} else if (key == KEY_DELETE && e->pos < e->len) {
			move_to(e, e->pos + 1);
			delete_before(e, 1);
		} else if (key == KEY_UP && shown > 0) {
			if (shown == history_len) {     /* keep what was typed */
				e->buf[e->len] = '\0';
				typed = strdup(e->buf);
			}
			set_line(e, history[--shown]);
		} else if (key == KEY_DOWN && shown < history_len) {
			shown++;
			set_line(e, shown < history_len ? history[shown] :
				    typed ? typed : "");
		} else if ((key >= ' ' && key < 127) || (key >= 128 && key < 256) || key == '\t') {
			insert_char(e, (char)key); /* (a UTF-8 character: byte by byte) */
		}
		/* other control keys and escape sequences: ignored */
	}
	free(typed);
	e->buf[e->len] = '\0';
	return result;
}

enum lineedit_result lineedit_read(const char *prompt, char **line)
{
	struct termios saved, raw;
	struct sigaction sa, old_sa;
	struct editor e = { .len = 0, .pos = 0 };
	enum lineedit_result result;

	tcgetattr(STDIN_FILENO, &saved);
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;     /* read returns as soon as one key is there */
	raw.c_cc[VTIME] = 0;
	/* Raw mode before the prompt: keys typed once it shows are ours. */
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);

	/* ^C: a handler without SA_RESTART, so that read fails with EINTR */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigaction(SIGINT, &sa, &old_sa);

	out(prompt, strlen(prompt));
	result = edit(&e, saved.c_cc[VERASE]);

	sigaction(SIGINT, &old_sa, NULL);
	tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	*line = result == LINEEDIT_LINE ? strdup(e.buf) : NULL;
	return result;
}
