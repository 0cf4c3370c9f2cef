/* format.h: the parts of the printf engine (printf.c) that the
 * floating-point conversions (printf_float.c) share. */
#ifndef _FORMAT_H
#define _FORMAT_H

#include <stddef.h>

/* Where formatted output goes: a string, a FILE or a descriptor. put()
 * receives it in pieces; COUNT is the total length so far, also
 * counting what did not fit (snprintf must return it). */
struct sink {
	void (*put)(struct sink *s, const char *p, size_t n);
	size_t count;
	int error;   /* the destination failed (FILE error, write error) */
	char *buf;   /* string sinks: the buffer, its size, bytes used */
	size_t cap;
	size_t used;
	void *file;  /* FILE sinks */
	int fd;	     /* descriptor sinks */
};

/* One parsed conversion: %[flags][width][.precision][length]conv */
struct spec {
	int minus, plus, space, hash, zero; /* flags */
	int width;			     /* -1 if none */
	int prec;			     /* -1 if none */
	int length;			     /* LEN_* */
	char conv;
};

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J, LEN_BIG_L };

void __fmt_put(struct sink *s, const char *p, size_t n);
void __fmt_pad(struct sink *s, char c, long n);

/* Formats V per SPEC (conv one of f F e E g G a A). */
void __fmt_float(struct sink *s, double v, const struct spec *spec);

#endif
