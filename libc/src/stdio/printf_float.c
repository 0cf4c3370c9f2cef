/* printf_float.c: %f %e %g %a for printf (called from printf.c).
 *
 * The decimal conversions are exact: src/stdlib/decimal.c expands the
 * double into all of its decimal digits, which are then rounded to the
 * precision asked for, half to even, as the usual Linux C library does.
 * So 0.1 prints as 0.1000000000000000055511151231257827... when asked
 * for that many digits, and %.2f of 2.675 gives 2.67 (the double is
 * just below 2.675). */
#include <stdint.h>
#include <string.h>

#include "format.h"
#include "internal/decimal.h"

#define MAX_DIGITS DECIMAL_MAX_DIGITS

/* Digit I of the expansion ('0' outside the stored digits). */
static char digit_at(const struct decimal *dec, long i)
{
	return i >= 0 && i < dec->ndigits ? dec->d[i] : '0';
}

/* Output of one number body, collected in chunks so that huge
 * precisions do not need a huge buffer. */
struct body {
	struct sink *s;
	char buf[128];
	size_t n;
};

static void body_put(struct body *b, char c)
{
	if (b->n == sizeof b->buf) {
		__fmt_put(b->s, b->buf, b->n);
		b->n = 0;
	}
	b->buf[b->n++] = c;
}

static void body_done(struct body *b)
{
	__fmt_put(b->s, b->buf, b->n);
}

/* Places a body of LEN characters (written by EMIT) in its field:
 * [spaces] sign [zeros] body [spaces]. */
static void layout(struct sink *s, const struct spec *sp, const char *sign, long len,
		   void (*emit)(struct body *, const void *), const void *arg)
{
	long slen = (long)strlen(sign);
	long fill = sp->width > slen + len ? sp->width - slen - len : 0;
	int zeros = sp->zero && !sp->minus;
	struct body b = {.s = s};

	if (!sp->minus && !zeros)
		__fmt_pad(s, ' ', fill);
	__fmt_put(s, sign, (size_t)slen);
	if (zeros)
		__fmt_pad(s, '0', fill);
	emit(&b, arg);
	body_done(&b);
	if (sp->minus)
		__fmt_pad(s, ' ', fill);
}

/* --- %f, %e and %g ---------------------------------------------------- */

struct fixed {
	const struct decimal *dec;
	long prec;  /* digits after the point */
	int point;  /* print the point even with no digits after it */
};

static long fixed_length(const struct fixed *f)
{
	long int_digits = f->dec->point > 0 ? f->dec->point : 1;

	return int_digits + (f->point ? 1 + f->prec : 0);
}

static void emit_fixed(struct body *b, const void *arg)
{
	const struct fixed *f = arg;
	const struct decimal *dec = f->dec;

	if (dec->point <= 0)
		body_put(b, '0');
	for (long i = 0; i < dec->point; i++)
		body_put(b, digit_at(dec, i));
	if (f->point)
		body_put(b, '.');
	for (long i = 0; i < f->prec; i++)
		body_put(b, digit_at(dec, dec->point + i));
}

struct expo {
	const struct decimal *dec;
	long prec;
	int point;
	char e; /* 'e' or 'E' */
};

static int exponent_of(const struct decimal *dec)
{
	return dec->ndigits ? dec->point - 1 : 0;
}

static long expo_length(const struct expo *x)
{
	int e = exponent_of(x->dec);
	int edigits = 2;

	for (int v = e < 0 ? -e : e; v >= 100; v /= 10)
		edigits++;
	return 1 + (x->point ? 1 + x->prec : 0) + 2 + edigits;
}

static void emit_expo(struct body *b, const void *arg)
{
	const struct expo *x = arg;
	int e = exponent_of(x->dec);
	char digits[8];
	int n = 0;

	body_put(b, digit_at(x->dec, 0));
	if (x->point)
		body_put(b, '.');
	for (long i = 1; i <= x->prec; i++)
		body_put(b, digit_at(x->dec, i));
	body_put(b, x->e);
	body_put(b, e < 0 ? '-' : '+');
	for (int v = e < 0 ? -e : e; v || n < 2; v /= 10)
		digits[n++] = (char)('0' + v % 10);
	while (n > 0)
		body_put(b, digits[--n]);
}

static void format_fixed(struct sink *s, const struct spec *sp, const char *sign,
			 struct decimal *dec, long prec, int strip)
{
	struct fixed f = {dec, prec, prec > 0 || sp->hash};

	if (strip) { /* %g without #: no trailing zeros, no lone point */
		long frac = dec->ndigits - dec->point;
		if (frac < f.prec)
			f.prec = frac > 0 ? frac : 0;
		f.point = f.prec > 0;
	}
	layout(s, sp, sign, fixed_length(&f), emit_fixed, &f);
}

static void format_expo(struct sink *s, const struct spec *sp, const char *sign,
			struct decimal *dec, long prec, int strip, char e)
{
	struct expo x = {dec, prec, prec > 0 || sp->hash, e};

	if (strip) {
		long frac = dec->ndigits - 1;
		if (frac < x.prec)
			x.prec = frac > 0 ? frac : 0;
		x.point = x.prec > 0;
	}
	layout(s, sp, sign, expo_length(&x), emit_expo, &x);
}

/* %g: P significant digits, in %e style when the exponent is below -4
 * or at least P, else in %f style. */
static void format_general(struct sink *s, const struct spec *sp, const char *sign,
			   struct decimal *dec)
{
	long p = sp->prec < 0 ? 6 : sp->prec == 0 ? 1 : sp->prec;
	char e = sp->conv == 'G' ? 'E' : 'e';

	__decimal_round(dec, (int)(p > MAX_DIGITS ? MAX_DIGITS : p));
	int x = exponent_of(dec);
	if (x < p && x >= -4)
		format_fixed(s, sp, sign, dec, p - 1 - x, !sp->hash);
	else
		format_expo(s, sp, sign, dec, p - 1, !sp->hash, e);
}

/* --- %a ------------------------------------------------------------------ */

struct hexfloat {
	int lead;	/* digit before the point: 1 normal, 0 zero/subnormal */
	uint64_t frac;	/* NDIGITS hex digits after the point */
	int ndigits;
	long zeros;	/* precision beyond the 13 digits a double has */
	int point;
	int exp;
	int upper;
};

static int decimal_width(int v)
{
	int n = 1;

	for (v = v < 0 ? -v : v; v >= 10; v /= 10)
		n++;
	return n;
}

static void emit_hex(struct body *b, const void *arg)
{
	const struct hexfloat *h = arg;
	const char *digits = h->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[8];
	int n = 0;

	body_put(b, digits[h->lead]);
	if (h->point)
		body_put(b, '.');
	for (int i = h->ndigits - 1; i >= 0; i--)
		body_put(b, digits[(h->frac >> (4 * i)) & 15]);
	for (long i = 0; i < h->zeros; i++)
		body_put(b, '0');
	body_put(b, h->upper ? 'P' : 'p');
	body_put(b, h->exp < 0 ? '-' : '+');
	for (int v = h->exp < 0 ? -h->exp : h->exp; v || n == 0; v /= 10)
		buf[n++] = (char)('0' + v % 10);
	while (n > 0)
		body_put(b, buf[--n]);
}

/* Rounds the 52 fraction bits to PREC (< 13) hex digits, half to even;
 * a carry out of the fraction goes into the leading digit. */
static void round_hex(struct hexfloat *h, int prec)
{
	int drop = 4 * (13 - prec);
	uint64_t rest = h->frac & ((1ULL << drop) - 1);
	uint64_t half = 1ULL << (drop - 1);

	h->frac >>= drop;
	/* the last digit kept decides a tie: the leading one if PREC is 0 */
	int odd = prec ? (int)(h->frac & 1) : h->lead & 1;
	if (rest > half || (rest == half && odd))
		h->frac++;
	if (h->frac >> (4 * prec)) {
		h->lead++;
		h->frac &= (1ULL << (4 * prec)) - 1;
	}
	h->ndigits = prec;
}

/* %a: 0x1.8p+1 for 3.0; subnormals as 0x0.xxxp-1022 */
static void format_hex(struct sink *s, const struct spec *sp, const char *sign, double v)
{
	uint64_t bits;
	struct hexfloat h = {.upper = sp->conv == 'A', .ndigits = 13};

	memcpy(&bits, &v, sizeof bits);
	int biased = (int)((bits >> 52) & 0x7ff);
	h.frac = bits & ((1ULL << 52) - 1);
	h.lead = biased != 0;
	h.exp = v == 0 ? 0 : biased ? biased - 1023 : -1022;

	if (sp->prec >= 0 && sp->prec < 13) {
		round_hex(&h, sp->prec);
	} else if (sp->prec < 0) {
		while (h.ndigits > 0 && !(h.frac & 15)) { /* shortest exact form */
			h.frac >>= 4;
			h.ndigits--;
		}
	} else {
		h.zeros = sp->prec - 13;
	}
	h.point = h.ndigits > 0 || h.zeros > 0 || sp->hash;
	long len = 1 + h.point + h.ndigits + h.zeros + 2 + decimal_width(h.exp);

	/* "0x" goes with the sign: the 0 flag pads between it and the digits */
	char prefix[4];
	strcpy(prefix, sign);
	strcat(prefix, h.upper ? "0X" : "0x");
	layout(s, sp, prefix, len, emit_hex, &h);
}

/* --- entry point ----------------------------------------------------------- */

static void format_special(struct sink *s, const struct spec *sp, const char *sign,
			   int is_nan)
{
	int upper = sp->conv >= 'A' && sp->conv <= 'Z';
	const char *text = is_nan ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
	long slen = (long)strlen(sign);
	long fill = sp->width > slen + 3 ? sp->width - slen - 3 : 0;

	if (!sp->minus)
		__fmt_pad(s, ' ', fill);
	__fmt_put(s, sign, (size_t)slen);
	__fmt_put(s, text, 3);
	if (sp->minus)
		__fmt_pad(s, ' ', fill);
}

void __fmt_float(struct sink *s, double v, const struct spec *sp)
{
	const char *sign = __builtin_signbit(v) ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	char conv = sp->conv;

	if (__builtin_isnan(v) || __builtin_isinf(v)) {
		format_special(s, sp, sign, __builtin_isnan(v));
		return;
	}
	if (conv == 'a' || conv == 'A') {
		format_hex(s, sp, sign, v);
		return;
	}

	struct decimal dec;
	long prec = sp->prec < 0 ? 6 : sp->prec;
	__decimal_from_double(v, &dec);
	if (conv == 'f' || conv == 'F') {
		long keep = dec.point + prec;
		__decimal_round(&dec, (int)(keep > MAX_DIGITS ? MAX_DIGITS : keep));
		format_fixed(s, sp, sign, &dec, prec, 0);
	} else if (conv == 'e' || conv == 'E') {
		__decimal_round(&dec, (int)(prec + 1 > MAX_DIGITS ? MAX_DIGITS : prec + 1));
		format_expo(s, sp, sign, &dec, prec, 0, conv == 'E' ? 'E' : 'e');
	} else {
		format_general(s, sp, sign, &dec);
	}
}
