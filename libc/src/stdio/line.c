/* line.c: string and line I/O on streams: fgets, getline, getdelim,
 * fputs, puts. They copy whole runs between the buffer and the caller
 * rather than going byte by byte, holding the stream's lock for the
 * whole line. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

/* Copies up to MAX buffered bytes of F to DST, stopping after DELIM;
 * returns how many, and sets *FOUND if DELIM was among them. */
static size_t take_run(FILE *f, char *dst, size_t max, int delim, int *found)
{
	size_t n = (size_t)(f->rend - f->rpos);

	if (n > max)
		n = max;
	unsigned char *end = memchr(f->rpos, delim, n);
	if (end) {
		n = (size_t)(end - f->rpos) + 1;
		*found = 1;
	}
	memcpy(dst, f->rpos, n);
	f->rpos += n;
	return n;
}

static char *fgets_unlocked(char *restrict s, int size, FILE *restrict f)
{
	size_t n = 0;
	int found = 0;
	unsigned had_error = f->flags & F_ERR;

	if (size <= 0)
		return NULL;
	while (n < (size_t)size - 1 && !found) {
		if (f->rpos < f->rend) {
			n += take_run(f, s + n, (size_t)size - 1 - n, '\n', &found);
			continue;
		}
		int c = __stdio_fgetc_slow(f);
		if (c == EOF)
			break;
		s[n++] = (char)c;
		found = c == '\n';
	}
	/* nothing read, or a read error now: C says return NULL */
	if (n == 0 || ((f->flags & F_ERR) && !had_error))
		return NULL;
	s[n] = '\0';
	return s;
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
	flockfile(f);
	char *r = fgets_unlocked(s, size, f);
	funlockfile(f);
	return r;
}

/* Makes *LINE hold at least NEED bytes, doubling as it grows. */
static int reserve(char **line, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t grown = *cap ? *cap : 128;
	while (grown < need)
		grown *= 2;
	char *p = realloc(*line, grown);
	if (!p)
		return -1;
	*line = p;
	*cap = grown;
	return 0;
}

/* Reads through the next DELIM (kept) into the growing buffer *LINE;
 * returns the length, or -1 at end of file with nothing read. */
static ssize_t getdelim_unlocked(char **restrict line, size_t *restrict cap, int delim,
				 FILE *restrict f)
{
	size_t n = 0;
	int found = 0;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*cap = 0;
	while (!found) {
		if (f->rpos < f->rend) {
			size_t avail = (size_t)(f->rend - f->rpos);
			if (reserve(line, cap, n + avail + 1) < 0)
				goto nomem;
			n += take_run(f, *line + n, avail, delim, &found);
			continue;
		}
		int c = __stdio_fgetc_slow(f);
		if (c == EOF)
			break;
		if (reserve(line, cap, n + 2) < 0)
			goto nomem;
		(*line)[n++] = (char)c;
		found = c == delim;
	}
	if (reserve(line, cap, n + 1) < 0)
		goto nomem;
	(*line)[n] = '\0';
	if (n == 0)
		return -1;
	if (n > SSIZE_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (ssize_t)n;
nomem:
	f->flags |= F_ERR;
	errno = ENOMEM;
	return -1;
}

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim,
		 FILE *restrict f)
{
	flockfile(f);
	ssize_t r = getdelim_unlocked(line, cap, delim, f);
	funlockfile(f);
	return r;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	size_t len = strlen(s);

	return fwrite(s, 1, len, f) == len ? 0 : EOF;
}

/* The line and its newline under one lock, so no other thread's
 * output lands between them. */
int puts(const char *s)
{
	size_t len = strlen(s);
	int r = 0;

	flockfile(stdout);
	if (__fwrite_unlocked(s, 1, len, stdout) != len || putc_unlocked('\n', stdout) == EOF)
		r = EOF;
	funlockfile(stdout);
	return r;
}
