/* printf.c: formatted output. One engine, format(), walks the format
 * string and sends pieces to a sink (format.h); the printf family only
 * differ in their sink: a FILE, a descriptor, a fixed buffer or a
 * growing one. Floating-point conversions are in printf_float.c.
 *
 * Supported: %d %i %u %o %x %X %c %s %p %n %m %% and %f %F %e %E %g %G
 * %a %A; flags - + space # 0; width and precision as numbers or *;
 * length modifiers hh h l ll z t j L (q = ll). Not supported:
 * positional arguments (%1$d). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "stdio_impl.h"

void __fmt_put(struct sink *s, const char *p, size_t n)
{
	if (n) {
		s->put(s, p, n);
		s->count += n;
	}
}

/* N copies of C (nothing if N <= 0). */
void __fmt_pad(struct sink *s, char c, long n)
{
	char run[32];

	if (n <= 0)
		return;
	memset(run, c, sizeof run);
	while (n > 0) {
		size_t k = n < (long)sizeof run ? (size_t)n : sizeof run;
		__fmt_put(s, run, k);
		n -= (long)k;
	}
}

/* --- parsing a conversion specification -------------------------------- */

static const char *parse_flags(const char *p, struct spec *sp)
{
	for (;; p++) {
		switch (*p) {
		case '-': sp->minus = 1; break;
		case '+': sp->plus = 1; break;
		case ' ': sp->space = 1; break;
		case '#': sp->hash = 1; break;
		case '0': sp->zero = 1; break;
		default: return p;
		}
	}
}

static const char *parse_number(const char *p, int *out)
{
	long n = 0;

	while (*p >= '0' && *p <= '9') {
		if (n < INT_MAX / 10)
			n = n * 10 + (*p - '0');
		p++;
	}
	*out = (int)n;
	return p;
}

static const char *parse_length(const char *p, int *length)
{
	switch (*p) {
	case 'h':
		if (p[1] == 'h') {
			*length = LEN_HH;
			return p + 2;
		}
		*length = LEN_H;
		return p + 1;
	case 'l':
		if (p[1] == 'l') {
			*length = LEN_LL;
			return p + 2;
		}
		*length = LEN_L;
		return p + 1;
	case 'q': *length = LEN_LL; return p + 1;
	case 'z': *length = LEN_Z; return p + 1;
	case 't': *length = LEN_T; return p + 1;
	case 'j': *length = LEN_J; return p + 1;
	case 'L': *length = LEN_BIG_L; return p + 1;
	}
	*length = LEN_NONE;
	return p;
}

/* Parses the specification after '%' into SP; '*' takes its value from
 * the arguments (a negative width means '-'; a negative precision
 * means none). Returns the character after the conversion letter. */
static const char *parse_spec(const char *p, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof *sp);
	sp->width = sp->prec = -1;
	p = parse_flags(p, sp);
	if (*p == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->minus = 1;
			sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
		}
		p++;
	} else if (*p >= '0' && *p <= '9') {
		p = parse_number(p, &sp->width);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			p++;
		} else {
			p = parse_number(p, &sp->prec);
		}
	}
	p = parse_length(p, &sp->length);
	sp->conv = *p;
	return *p ? p + 1 : p;
}

/* --- integers ------------------------------------------------------------ */

static long long signed_arg(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case LEN_HH: return (signed char)va_arg(*ap, int);
	case LEN_H: return (short)va_arg(*ap, int);
	case LEN_L: return va_arg(*ap, long);
	case LEN_LL: return va_arg(*ap, long long);
	case LEN_Z: return va_arg(*ap, ssize_t);
	case LEN_T: return va_arg(*ap, ptrdiff_t);
	case LEN_J: return va_arg(*ap, intmax_t);
	}
	return va_arg(*ap, int);
}

static unsigned long long unsigned_arg(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case LEN_HH: return (unsigned char)va_arg(*ap, unsigned);
	case LEN_H: return (unsigned short)va_arg(*ap, unsigned);
	case LEN_L: return va_arg(*ap, unsigned long);
	case LEN_LL: return va_arg(*ap, unsigned long long);
	case LEN_Z: return va_arg(*ap, size_t);
	case LEN_T: return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case LEN_J: return va_arg(*ap, uintmax_t);
	}
	return va_arg(*ap, unsigned);
}

/* Writes V's digits in BASE at the end of BUF (size 64); returns the
 * first digit. V == 0 gives "0". */
static char *to_digits(unsigned long long v, int base, int upper, char *buf)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = buf + 64;

	do {
		*--p = digits[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	return p;
}

/* Lays out  [spaces] prefix [zeros] digits [spaces]  to fill the width.
 * ZEROS is the precision padding already worked out by the caller. */
static void emit_number(struct sink *s, const struct spec *sp, const char *prefix,
			const char *digits, long ndigits, long zeros)
{
	long plen = (long)strlen(prefix);
	long len = plen + zeros + ndigits;
	long fill = sp->width > len ? sp->width - len : 0;

	if (sp->zero && !sp->minus && sp->prec < 0) {
		zeros += fill; /* the 0 flag pads with zeros after the sign */
		fill = 0;
	}
	if (!sp->minus)
		__fmt_pad(s, ' ', fill);
	__fmt_put(s, prefix, (size_t)plen);
	__fmt_pad(s, '0', zeros);
	__fmt_put(s, digits, (size_t)ndigits);
	if (sp->minus)
		__fmt_pad(s, ' ', fill);
}

static void format_integer(struct sink *s, const struct spec *sp, va_list *ap)
{
	char buf[64];
	const char *prefix = "";
	unsigned long long v;
	int base = 10;

	if (sp->conv == 'd' || sp->conv == 'i') {
		long long sv = signed_arg(sp, ap);
		v = sv < 0 ? 0 - (unsigned long long)sv : (unsigned long long)sv;
		prefix = sv < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	} else {
		v = unsigned_arg(sp, ap);
		base = sp->conv == 'o' ? 8 : sp->conv == 'u' ? 10 : 16;
		if (sp->hash && base == 16 && v)
			prefix = sp->conv == 'X' ? "0X" : "0x";
	}

	char *digits = to_digits(v, base, sp->conv == 'X', buf);
	long ndigits = buf + 64 - digits;
	if (sp->prec == 0 && v == 0)
		ndigits = 0; /* "%.0d" of 0 prints no digits at all */
	long zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;
	/* "%#o" guarantees a leading 0 */
	if (sp->hash && base == 8 && zeros == 0 && (ndigits == 0 || digits[0] != '0'))
		zeros = 1;
	emit_number(s, sp, prefix, digits, ndigits, zeros);
}

/* %p: like %#lx, and "(nil)" for a null pointer. */
static void format_pointer(struct sink *s, const struct spec *sp, va_list *ap)
{
	char buf[64];
	uintptr_t v = (uintptr_t)va_arg(*ap, void *);

	if (!v) {
		struct spec str = *sp;
		str.zero = 0;
		emit_number(s, &str, "", "(nil)", 5, 0);
		return;
	}
	char *digits = to_digits(v, 16, 0, buf);
	long ndigits = buf + 64 - digits;
	long zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;
	const char *prefix = sp->plus ? "+0x" : sp->space ? " 0x" : "0x";
	emit_number(s, sp, prefix, digits, ndigits, zeros);
}

/* --- characters and strings ------------------------------------------------ */

/* Puts a string field: width padding with spaces, never zeros. */
static void emit_text(struct sink *s, const struct spec *sp, const char *p, size_t n)
{
	long fill = sp->width > (long)n ? sp->width - (long)n : 0;

	if (!sp->minus)
		__fmt_pad(s, ' ', fill);
	__fmt_put(s, p, n);
	if (sp->minus)
		__fmt_pad(s, ' ', fill);
}

/* A wide character as UTF-8 (the "C" locale only has ASCII, but this is
 * the honest way to print anything else). Returns the byte count. */
static size_t utf8_encode(unsigned wc, char *out)
{
	if (wc < 0x80) {
		out[0] = (char)wc;
		return 1;
	}
	if (wc < 0x800) {
		out[0] = (char)(0xc0 | (wc >> 6));
		out[1] = (char)(0x80 | (wc & 0x3f));
		return 2;
	}
	if (wc < 0x10000) {
		out[0] = (char)(0xe0 | (wc >> 12));
		out[1] = (char)(0x80 | ((wc >> 6) & 0x3f));
		out[2] = (char)(0x80 | (wc & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | ((wc >> 18) & 0x07));
	out[1] = (char)(0x80 | ((wc >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((wc >> 6) & 0x3f));
	out[3] = (char)(0x80 | (wc & 0x3f));
	return 4;
}

static void format_char(struct sink *s, const struct spec *sp, va_list *ap)
{
	char buf[4];

	if (sp->length == LEN_L) {
		emit_text(s, sp, buf, utf8_encode(va_arg(*ap, wint_t), buf));
		return;
	}
	buf[0] = (char)va_arg(*ap, int);
	emit_text(s, sp, buf, 1);
}

/* %ls: a wide string, converted piece by piece; the precision limits
 * the bytes written. */
static void format_wide_string(struct sink *s, const struct spec *sp, const wchar_t *ws)
{
	size_t len = 0;
	char buf[4];

	for (const wchar_t *w = ws; *w; w++) {
		size_t k = utf8_encode((unsigned)*w, buf);
		if (sp->prec >= 0 && len + k > (size_t)sp->prec)
			break;
		len += k;
	}
	long fill = sp->width > (long)len ? sp->width - (long)len : 0;
	if (!sp->minus)
		__fmt_pad(s, ' ', fill);
	for (size_t done = 0; done < len; ws++) {
		size_t k = utf8_encode((unsigned)*ws, buf);
		__fmt_put(s, buf, k);
		done += k;
	}
	if (sp->minus)
		__fmt_pad(s, ' ', fill);
}

static void format_string(struct sink *s, const struct spec *sp, va_list *ap)
{
	if (sp->length == LEN_L) {
		const wchar_t *ws = va_arg(*ap, const wchar_t *);
		format_wide_string(s, sp, ws ? ws : L"(null)");
		return;
	}
	const char *p = va_arg(*ap, const char *);
	if (!p) /* a common extension; too short a precision shows nothing */
		p = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
	size_t n = sp->prec >= 0 ? strnlen(p, (size_t)sp->prec) : strlen(p);
	emit_text(s, sp, p, n);
}

/* %n stores the count so far, in the type the length modifier names. */
static void store_count(struct sink *s, const struct spec *sp, va_list *ap)
{
	void *p = va_arg(*ap, void *);

	switch (sp->length) {
	case LEN_HH: *(signed char *)p = (signed char)s->count; break;
	case LEN_H: *(short *)p = (short)s->count; break;
	case LEN_L:
	case LEN_LL:
	case LEN_Z:
	case LEN_T:
	case LEN_J: *(long *)p = (long)s->count; break;
	default: *(int *)p = (int)s->count;
	}
}

/* --- the engine ------------------------------------------------------------ */

static void convert(struct sink *s, const struct spec *sp, va_list *ap, int saved_errno)
{
	switch (sp->conv) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
		format_integer(s, sp, ap);
		break;
	case 'c': format_char(s, sp, ap); break;
	case 's': format_string(s, sp, ap); break;
	case 'p': format_pointer(s, sp, ap); break;
	case 'n': store_count(s, sp, ap); break;
	case 'm': { /* GNU: the message for errno */
		const char *msg = strerror(saved_errno);
		emit_text(s, sp, msg, strlen(msg));
		break;
	}
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
		if (sp->length == LEN_BIG_L)
			__fmt_float(s, (double)va_arg(*ap, long double), sp);
		else
			__fmt_float(s, va_arg(*ap, double), sp);
		break;
	case '%': __fmt_put(s, "%", 1); break;
	default: /* unknown: print it as written, so the mistake shows */
		__fmt_put(s, "%", 1);
		if (sp->conv)
			__fmt_put(s, &sp->conv, 1);
	}
}

/* Formats into S; returns the length, or -1 (EOVERFLOW) past INT_MAX
 * or when the destination failed. */
static int format(struct sink *s, const char *fmt, va_list ap_in)
{
	int saved_errno = errno;
	va_list ap;
	struct spec sp;

	va_copy(ap, ap_in); /* a real object, so &ap has type va_list * */
	while (*fmt) {
		const char *pct = strchrnul(fmt, '%');
		__fmt_put(s, fmt, (size_t)(pct - fmt));
		if (!*pct)
			break;
		fmt = parse_spec(pct + 1, &sp, &ap);
		convert(s, &sp, &ap, saved_errno);
	}
	va_end(ap);
	if (s->error)
		return -1;
	if (s->count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)s->count;
}

/* --- sinks and the printf family ------------------------------------------ */

/* Fixed buffer: keeps what fits, leaving room for the NUL. */
static void put_string(struct sink *s, const char *p, size_t n)
{
	if (s->used + 1 < s->cap) {
		size_t room = s->cap - 1 - s->used;
		size_t k = n < room ? n : room;
		memcpy(s->buf + s->used, p, k);
		s->used += k;
	}
}

int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list ap)
{
	struct sink s = {.put = put_string, .buf = buf, .cap = n};
	int r = format(&s, fmt, ap);

	if (n)
		buf[s.used] = '\0';
	return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX / 2, fmt, ap);
}

static void put_file(struct sink *s, const char *p, size_t n)
{
	if (__fwrite_unlocked(p, 1, n, s->file) != n)
		s->error = 1;
}

/* An unbuffered stream (stderr) would make one write() per piece; give
 * it a temporary buffer so a message leaves in one write. */
static int vfprintf_unlocked(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct sink s = {.put = put_file, .file = f};

	if (f->mode != _IONBF)
		return format(&s, fmt, ap);

	unsigned char tmp[1024];
	unsigned char *base = f->base, *buf = f->buf;
	size_t size = f->size;
	if (__stdio_to_write(f) < 0)
		return -1;
	f->base = tmp;
	f->buf = tmp + UNGET_SLACK;
	f->size = sizeof tmp - UNGET_SLACK;
	f->wpos = f->buf;
	f->mode = _IOFBF;
	int r = format(&s, fmt, ap);
	if (__stdio_flush(f) < 0)
		r = -1;
	f->mode = _IONBF;
	f->base = base;
	f->buf = buf;
	f->size = size;
	f->wpos = NULL;
	return r;
}

/* One lock for the whole format: a printf from another thread cannot
 * land in the middle. */
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	flockfile(f);
	int r = vfprintf_unlocked(f, fmt, ap);
	funlockfile(f);
	return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* Descriptor sink: collect in a small buffer, write() when full. */
static void put_fd(struct sink *s, const char *p, size_t n)
{
	while (n > 0) {
		if (s->used == s->cap) {
			if (write(s->fd, s->buf, s->used) != (ssize_t)s->used)
				s->error = 1;
			s->used = 0;
		}
		size_t k = s->cap - s->used < n ? s->cap - s->used : n;
		memcpy(s->buf + s->used, p, k);
		s->used += k;
		p += k;
		n -= k;
	}
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	char buf[512];
	struct sink s = {.put = put_fd, .buf = buf, .cap = sizeof buf, .fd = fd};
	int r = format(&s, fmt, ap);

	if (s.used && write(fd, buf, s.used) != (ssize_t)s.used)
		return -1;
	return s.error ? -1 : r;
}

/* Measures first, then formats into exactly enough memory. */
int vasprintf(char **restrict out, const char *restrict fmt, va_list ap)
{
	va_list again;

	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0) {
		va_end(again);
		return -1;
	}
	*out = malloc((size_t)n + 1);
	if (!*out) {
		va_end(again);
		return -1;
	}
	vsnprintf(*out, (size_t)n + 1, fmt, again);
	va_end(again);
	return n;
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

int snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int asprintf(char **restrict out, const char *restrict fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vasprintf(out, fmt, ap);
	va_end(ap);
	return r;
}
