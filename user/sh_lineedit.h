/*
 * sh_lineedit.h: the shell's line editor (sh_lineedit.c) and its history.
 */
#ifndef USER_SH_LINEEDIT_H
#define USER_SH_LINEEDIT_H

enum lineedit_result {
	LINEEDIT_LINE,          /* a line was typed; *line holds it */
	LINEEDIT_EOF,           /* ^D on an empty line, or the input ended */
	LINEEDIT_INTERRUPT,     /* ^C: the line was thrown away */
};

/*
 * Print PROMPT, let the user edit a line on the terminal on standard
 * input, and return it in *LINE (malloc'd, without the newline).
 */
enum lineedit_result lineedit_read(const char *prompt, char **line);

/* Remember LINE for the up arrow (empty lines and repeats are skipped). */
void history_add(const char *line);

/* The Nth remembered line, counting from 0; NULL past the end. */
const char *history_get(int n);

#endif
