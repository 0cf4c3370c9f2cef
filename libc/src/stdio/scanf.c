/* scanf.c: formatted input (scanf, fscanf, sscanf and their v-forms).
 *
 * One engine, scan(), reads characters through a reader (from a string
 * or a FILE) and stores conversions into the pointer arguments. Numbers
 * are collected as text first and then converted with strtoll/strtoull/
 * strtod, so scanf agrees with those functions.
 *
 * Supported: %d %i %u %o %x %X %p %c %s %[set] %n %% and
 * %f %e %g %a (any case); '*' (assignment suppression), field widths,
 * length modifiers hh h l ll L j z t q.
 *
 * Result: the number of fields stored, or EOF if the input ended (or
 * failed) before the first conversion. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "stdio_impl.h"

#define NUMBER_MAX 128 /* longest number text we keep */

struct reader {
	int (*get)(struct reader *r);
	void (*unget)(struct reader *r, int c);
	const char *s; /* string readers */
	FILE *f;       /* stream readers */
	size_t count;  /* characters consumed, for %n */
	int eof;       /* get() has returned EOF */
};

static int get(struct reader *r)
{
	int c = r->get(r);

	if (c == EOF)
		r->eof = 1;
	else
		r->count++;
	return c;
}

static void unget(struct reader *r, int c)
{
	if (c != EOF) {
		r->unget(r, c);
		r->count--;
	}
}

static int string_get(struct reader *r)
{
	return *r->s ? (unsigned char)*r->s++ : EOF;
}

static void string_unget(struct reader *r, int c)
{
	(void)c;
	r->s--;
}

static int file_get(struct reader *r)
{
	return getc_unlocked(r->f);
}

static void file_unget(struct reader *r, int c)
{
	__ungetc_unlocked(c, r->f);
}

static void skip_space(struct reader *r)
{
	int c;

	while (isspace(c = get(r)))
		;
	unget(r, c);
}

/* One conversion specification. */
struct conv {
	int suppress; /* '*': read but do not store */
	long width;   /* maximum characters, LONG_MAX if none given */
	int length;   /* LEN_* from format.h */
	char type;
};

/* Text of a number being collected. */
struct text {
	char buf[NUMBER_MAX + 1];
	int n;
	long left; /* characters the field width still allows */
};

static int take(struct reader *r, struct text *t, int c)
{
	if (t->n < NUMBER_MAX)
		t->buf[t->n++] = (char)c;
	t->left--;
	return get(r);
}

static int digit_ok(int c, int base)
{
	if (base == 16)
		return isxdigit(c);
	if (base == 8)
		return c >= '0' && c <= '7';
	return isdigit(c);
}

/* Collects an integer in BASE (0: C rules) into T; returns the base
 * used, or 0 if no digit was seen (a matching failure). */
static int collect_integer(struct reader *r, struct text *t, int base)
{
	int digits = 0;
	int c = get(r);

	if (t->left > 0 && (c == '+' || c == '-'))
		c = take(r, t, c);
	if (t->left > 0 && c == '0' && (base == 0 || base == 16)) {
		c = take(r, t, c);
		digits = 1;
		if (t->left > 0 && (c == 'x' || c == 'X')) {
			c = take(r, t, c);
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (t->left > 0 && digit_ok(c, base)) {
		c = take(r, t, c);
		digits++;
	}
	unget(r, c);
	t->buf[t->n] = '\0';
	return digits ? base : 0;
}

/* Matches the letters of WORD (case-insensitively) as far as they go;
 * returns how many matched. */
static int collect_word(struct reader *r, struct text *t, int *c, const char *word)
{
	int matched = 0;

	while (word[matched] && t->left > 0 && tolower(*c) == word[matched]) {
		*c = take(r, t, *c);
		matched++;
	}
	return matched;
}

static int collect_digits(struct reader *r, struct text *t, int *c, int hex)
{
	int n = 0;

	while (t->left > 0 && (hex ? isxdigit(*c) : isdigit(*c))) {
		*c = take(r, t, *c);
		n++;
	}
	return n;
}

/* Collects a floating-point number (decimal, hex, inf or nan) into T;
 * returns 0 if there was none. */
static int collect_float(struct reader *r, struct text *t)
{
	int c = get(r), hex = 0, digits = 0;

	if (t->left > 0 && (c == '+' || c == '-'))
		c = take(r, t, c);
	if (tolower(c) == 'i' || tolower(c) == 'n') {
		/* what was read must be a whole word: "infi" is no number */
		int got = collect_word(r, t, &c, tolower(c) == 'i' ? "infinity" : "nan");
		int ok = got == 3 || got == 8;
		unget(r, c);
		t->buf[t->n] = '\0';
		return ok;
	}
	if (t->left > 0 && c == '0') {
		c = take(r, t, c);
		digits = 1;
		if (t->left > 0 && (c == 'x' || c == 'X')) {
			c = take(r, t, c);
			hex = 1;
			digits = 0; /* "0x" needs hex digits of its own */
		}
	}
	digits += collect_digits(r, t, &c, hex);
	if (t->left > 0 && c == '.') {
		c = take(r, t, c);
		digits += collect_digits(r, t, &c, hex);
	}
	/* An exponent letter and sign are consumed even when no digit
	 * follows ("7e" reads as 7 and uses up the "e"), as the usual
	 * Linux C library does: scanf can push back only one character. */
	if (digits && t->left > 0 && tolower(c) == (hex ? 'p' : 'e')) {
		c = take(r, t, c);
		if (t->left > 0 && (c == '+' || c == '-'))
			c = take(r, t, c);
		collect_digits(r, t, &c, 0);
	}
	unget(r, c);
	t->buf[t->n] = '\0';
	return digits > 0;
}

static void store_signed(const struct conv *cv, va_list *ap, long long v)
{
	switch (cv->length) {
	case LEN_HH: *va_arg(*ap, signed char *) = (signed char)v; break;
	case LEN_H: *va_arg(*ap, short *) = (short)v; break;
	case LEN_L: *va_arg(*ap, long *) = (long)v; break;
	case LEN_LL:
	case LEN_J: *va_arg(*ap, long long *) = v; break;
	case LEN_Z: *va_arg(*ap, ssize_t *) = (ssize_t)v; break;
	case LEN_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
	default: *va_arg(*ap, int *) = (int)v;
	}
}

static void store_unsigned(const struct conv *cv, va_list *ap, unsigned long long v)
{
	switch (cv->length) {
	case LEN_HH: *va_arg(*ap, unsigned char *) = (unsigned char)v; break;
	case LEN_H: *va_arg(*ap, unsigned short *) = (unsigned short)v; break;
	case LEN_L: *va_arg(*ap, unsigned long *) = (unsigned long)v; break;
	case LEN_LL:
	case LEN_J: *va_arg(*ap, unsigned long long *) = v; break;
	case LEN_Z: *va_arg(*ap, size_t *) = (size_t)v; break;
	case LEN_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
	default: *va_arg(*ap, unsigned *) = (unsigned)v;
	}
}

/* Conversion results */
enum { STORED, SKIPPED, MATCH_FAIL, INPUT_FAIL };

/* Keeps scanf's errno quiet: overflow in a field is not reported. */
static int scan_integer(struct reader *r, const struct conv *cv, va_list *ap)
{
	struct text t = {.left = cv->width};
	int base = cv->type == 'd' || cv->type == 'u' ? 10
		 : cv->type == 'i' ? 0
		 : cv->type == 'o' ? 8 : 16;

	base = collect_integer(r, &t, base);
	if (!base)
		return t.n == 0 && r->eof ? INPUT_FAIL : MATCH_FAIL;
	if (cv->suppress)
		return SKIPPED;
	int saved = errno;
	if (cv->type == 'p')
		*va_arg(*ap, void **) = (void *)(uintptr_t)strtoull(t.buf, NULL, base);
	else if (cv->type == 'd' || cv->type == 'i')
		store_signed(cv, ap, strtoll(t.buf, NULL, base));
	else
		store_unsigned(cv, ap, strtoull(t.buf, NULL, base));
	errno = saved;
	return STORED;
}

static int scan_float(struct reader *r, const struct conv *cv, va_list *ap)
{
	struct text t = {.left = cv->width};

	if (!collect_float(r, &t))
		return t.n == 0 && r->eof ? INPUT_FAIL : MATCH_FAIL;
	if (cv->suppress)
		return SKIPPED;
	int saved = errno;
	double v = strtod(t.buf, NULL);
	errno = saved;
	if (cv->length == LEN_L)
		*va_arg(*ap, double *) = v;
	else if (cv->length == LEN_BIG_L)
		*va_arg(*ap, long double *) = v;
	else
		*va_arg(*ap, float *) = (float)v;
	return STORED;
}

/* %s: a run of non-space characters, then a NUL. */
static int scan_string(struct reader *r, const struct conv *cv, va_list *ap)
{
	char *out = cv->suppress ? NULL : va_arg(*ap, char *);
	long n = 0;
	int c;

	while (n < cv->width && (c = get(r)) != EOF && !isspace(c)) {
		if (out)
			out[n] = (char)c;
		n++;
	}
	if (n < cv->width)
		unget(r, c);
	if (n == 0)
		return INPUT_FAIL; /* only the end of input stops %s at once */
	if (out)
		out[n] = '\0';
	return out ? STORED : SKIPPED;
}

/* %c: WIDTH (default 1) characters, no NUL, no space skipping. Input
 * that ends early still counts if it gave at least one character (as
 * in the usual Linux C library). */
static int scan_chars(struct reader *r, const struct conv *cv, va_list *ap)
{
	char *out = cv->suppress ? NULL : va_arg(*ap, char *);
	long width = cv->width == LONG_MAX ? 1 : cv->width;

	for (long n = 0; n < width; n++) {
		int c = get(r);
		if (c == EOF)
			return n == 0 ? INPUT_FAIL : out ? STORED : SKIPPED;
		if (out)
			out[n] = (char)c;
	}
	return out ? STORED : SKIPPED;
}

/* Parses the set after "%[" into MEMBERS; returns the format position
 * after the closing ']'. "]" first is a member; a-z is a range. */
static const char *parse_set(const char *p, unsigned char members[256])
{
	int negate = *p == '^';

	if (negate)
		p++;
	memset(members, 0, 256);
	if (*p == ']')
		members[(unsigned char)*p++] = 1;
	for (; *p && *p != ']'; p++) {
		if (p[1] == '-' && p[2] && p[2] != ']') {
			for (int c = (unsigned char)p[0]; c <= (unsigned char)p[2]; c++)
				members[c] = 1;
			p += 2;
		} else {
			members[(unsigned char)*p] = 1;
		}
	}
	if (negate)
		for (int c = 0; c < 256; c++)
			members[c] = !members[c];
	return *p ? p + 1 : p;
}

static int scan_set(struct reader *r, const struct conv *cv, const unsigned char *members,
		    va_list *ap)
{
	char *out = cv->suppress ? NULL : va_arg(*ap, char *);
	long n = 0;
	int c = EOF;

	while (n < cv->width && (c = get(r)) != EOF && members[c]) {
		if (out)
			out[n] = (char)c;
		n++;
	}
	if (n < cv->width)
		unget(r, c);
	if (n == 0)
		return c == EOF ? INPUT_FAIL : MATCH_FAIL;
	if (out)
		out[n] = '\0';
	return out ? STORED : SKIPPED;
}

/* Parses "%[*][width][length]type" (P after the '%'). */
static const char *parse_conv(const char *p, struct conv *cv)
{
	cv->suppress = *p == '*';
	if (cv->suppress)
		p++;
	cv->width = 0;
	while (isdigit((unsigned char)*p)) {
		if (cv->width < INT_MAX)
			cv->width = cv->width * 10 + (*p - '0');
		p++;
	}
	if (cv->width == 0)
		cv->width = LONG_MAX;
	switch (*p) {
	case 'h':
		cv->length = p[1] == 'h' ? LEN_HH : LEN_H;
		p += p[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		cv->length = p[1] == 'l' ? LEN_LL : LEN_L;
		p += p[1] == 'l' ? 2 : 1;
		break;
	case 'q': cv->length = LEN_LL; p++; break;
	case 'L': cv->length = LEN_BIG_L; p++; break;
	case 'j': cv->length = LEN_J; p++; break;
	case 'z': cv->length = LEN_Z; p++; break;
	case 't': cv->length = LEN_T; p++; break;
	default: cv->length = LEN_NONE;
	}
	cv->type = *p;
	return *p ? p + 1 : p;
}

/* Runs one conversion; *FMT is moved past a %[set]. */
static int convert(struct reader *r, const struct conv *cv, const char **fmt, va_list *ap)
{
	unsigned char members[256];

	if (cv->type != 'c' && cv->type != '[' && cv->type != 'n')
		skip_space(r);
	switch (cv->type) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
		return scan_integer(r, cv, ap);
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
		return scan_float(r, cv, ap);
	case 's': return scan_string(r, cv, ap);
	case 'c': return scan_chars(r, cv, ap);
	case '[':
		*fmt = parse_set(*fmt, members);
		return scan_set(r, cv, members, ap);
	case 'n':
		if (!cv->suppress)
			store_signed(cv, ap, (long long)r->count);
		return SKIPPED;
	}
	return MATCH_FAIL; /* unknown conversion */
}

static int scan(struct reader *r, const char *fmt, va_list ap_in)
{
	va_list ap;
	int stored = 0;
	struct conv cv;

	va_copy(ap, ap_in);
	while (*fmt) {
		if (isspace((unsigned char)*fmt)) { /* any amount of space, even none */
			skip_space(r);
			fmt++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') { /* a literal character */
			if (*fmt == '%') {
				skip_space(r);
				fmt++;
			}
			int c = get(r);
			if (c != (unsigned char)*fmt) {
				unget(r, c);
				if (c == EOF && stored == 0)
					stored = EOF;
				break;
			}
			fmt++;
			continue;
		}
		fmt = parse_conv(fmt + 1, &cv);
		int result = convert(r, &cv, &fmt, &ap);
		if (result == STORED)
			stored++;
		else if (result == INPUT_FAIL) {
			if (stored == 0)
				stored = EOF;
			break;
		} else if (result == MATCH_FAIL)
			break;
	}
	va_end(ap);
	return stored;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct reader r = {.get = string_get, .unget = string_unget, .s = s};

	return scan(&r, fmt, ap);
}

/* The whole conversion under the stream's lock (file_get and
 * file_unget use the unlocked calls). */
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct reader r = {.get = file_get, .unget = file_unget, .f = f};

	flockfile(f);
	int n = scan(&r, fmt, ap);
	funlockfile(f);
	return n;
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vscanf(fmt, ap);
	va_end(ap);
	return r;
}
