/* strtod.c: text to floating point (strtod, strtof, strtold, atof).
 *
 * Accepted: white space, a sign, then decimal digits with an optional
 * point and exponent ("1.5e-3"), hexadecimal ("0x1.8p3"), "inf",
 * "infinity" or "nan" (any case).
 *
 * Decimal input is rounded correctly (to nearest, ties to even):
 *   - short inputs (at most 15 digits, power of ten within 10^22) are
 *     exact doubles combined by one correctly rounded operation;
 *   - anything else is first approximated in 80-bit long double, then
 *     checked against the exact halfway points between neighbouring
 *     doubles (expanded to decimal by decimal.c) and moved up or down a
 *     step until the input lies between them. */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal/decimal.h"

#define APPROX_DIGITS 19 /* decimal digits that always fit in 64 bits */

static const double exact_pow10[] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* X * BASE^EXP by repeated squaring, in long double. */
static long double scale(long double x, long double base, long exp)
{
	long double factor = base;
	int negative = exp < 0;
	unsigned long e = negative ? (unsigned long)-exp : (unsigned long)exp;
	long double power = 1.0L;

	for (; e; e >>= 1, factor *= factor)
		if (e & 1)
			power *= factor;
	return negative ? x / power : x * power;
}

/* Reads an optional exponent ("e-12" or "p+3") at P; leaves P alone if
 * no digit follows the letter. */
static const char *parse_exponent(const char *p, char letter, long *exp)
{
	const char *q = p;
	int negative = 0;
	long value = 0;

	if (tolower((unsigned char)*q) != letter)
		return p;
	q++;
	if (*q == '+' || *q == '-')
		negative = *q++ == '-';
	if (!isdigit((unsigned char)*q))
		return p;
	for (; isdigit((unsigned char)*q); q++)
		if (value < 100000) /* anything larger is infinite or zero anyway */
			value = value * 10 + (*q - '0');
	*exp = negative ? -value : value;
	return q;
}

static double from_bits(uint64_t bits)
{
	double d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

/* Sign of IN - MID for positive numbers; STICKY says IN had more
 * non-zero digits than it could keep, so it is a little larger. */
static int compare(const struct decimal *in, int sticky, const struct decimal *mid)
{
	if (in->point != mid->point)
		return in->point > mid->point ? 1 : -1;
	int n = in->ndigits > mid->ndigits ? in->ndigits : mid->ndigits;
	for (int i = 0; i < n; i++) {
		char a = i < in->ndigits ? in->d[i] : '0';
		char b = i < mid->ndigits ? mid->d[i] : '0';
		if (a != b)
			return a > b ? 1 : -1;
	}
	return sticky;
}

/* Moves the approximation X (>= 0) to the double nearest to IN. */
static double nearest(double x, const struct decimal *in, int sticky)
{
	struct decimal mid;

	for (;;) {
		uint64_t bits;
		memcpy(&bits, &x, sizeof bits);
		if (bits >= 0x7ff0000000000000ULL)
			return x; /* infinity: nothing above it */
		int biased = (int)(bits >> 52);
		uint64_t m = bits & ((1ULL << 52) - 1);
		int e = biased ? biased - 1075 : -1074;
		if (biased)
			m |= 1ULL << 52;

		/* halfway up to the next double: (m + 1/2) * 2^e */
		__decimal_from_binary(2 * m + 1, e - 1, &mid);
		int c = compare(in, sticky, &mid);
		if (c > 0 || (c == 0 && (m & 1))) {
			x = from_bits(bits + 1);
			continue;
		}
		if (bits == 0)
			return x;
		/* halfway down; below a power of two the step down is half
		 * as big: (m - 1/4) * 2^e */
		if (m == 1ULL << 52 && biased > 1)
			__decimal_from_binary(4 * m - 1, e - 2, &mid);
		else
			__decimal_from_binary(2 * m - 1, e - 1, &mid);
		c = compare(in, sticky, &mid);
		if (c < 0 || (c == 0 && (m & 1))) {
			x = from_bits(bits - 1);
			continue;
		}
		return x;
	}
}

/* The double nearest to IN (significant digits, no trailing zeros). */
static double decimal_value(const struct decimal *in, int sticky)
{
	if (in->ndigits == 0)
		return 0.0;
	if (in->point > 310)
		return DBL_MAX * 2.0; /* surely infinite */
	if (in->point < -330)
		return 0.0; /* surely below half the smallest subnormal */

	int n = in->ndigits < APPROX_DIGITS ? in->ndigits : APPROX_DIGITS;
	unsigned long long mant = 0;
	for (int i = 0; i < n; i++)
		mant = mant * 10 + (unsigned)(in->d[i] - '0');
	long exp10 = (long)in->point - n;

	if (n <= 15 && !sticky && n == in->ndigits && exp10 >= -22 && exp10 <= 22)
		return exp10 < 0 ? (double)mant / exact_pow10[-exp10]
				 : (double)mant * exact_pow10[exp10];
	double x = (double)scale((long double)mant, 10.0L, exp10);
	if (__builtin_isinf(x))
		x = DBL_MAX;
	return nearest(x, in, sticky);
}

/* Decimal digits with optional point and exponent; returns NULL if
 * there were no digits at all. */
static const char *parse_decimal(const char *p, double *out, int *nonzero)
{
	struct decimal in = {.ndigits = 0, .point = 0};
	int any = 0, seen_point = 0, sticky = 0;
	long e = 0;

	for (;; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			break;
		any = 1;
		if (in.ndigits == 0 && *p == '0') { /* leading zeros */
			if (seen_point)
				in.point--;
			continue;
		}
		if (in.ndigits < DECIMAL_MAX_DIGITS)
			in.d[in.ndigits++] = *p;
		else if (*p != '0')
			sticky = 1;
		if (!seen_point)
			in.point++;
	}
	if (!any)
		return NULL;
	p = parse_exponent(p, 'e', &e);
	while (in.ndigits > 0 && in.d[in.ndigits - 1] == '0')
		in.ndigits--;
	in.point += (int)e;
	*out = decimal_value(&in, sticky);
	*nonzero = in.ndigits != 0;
	return p;
}

/* "0x" already skipped: hex digits, optional point, optional p-exponent. */
static const char *parse_hex(const char *p, double *out, int *nonzero)
{
	unsigned long long mant = 0;
	long exp2 = 0, e = 0;
	int any = 0, seen_point = 0;

	for (;; p++) {
		int d;
		if (*p == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isxdigit((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		any = 1;
		if (mant >> 60 == 0) {
			mant = mant * 16 + (unsigned)d;
			if (seen_point)
				exp2 -= 4;
		} else if (!seen_point) {
			exp2 += 4;
		}
	}
	if (!any)
		return NULL;
	p = parse_exponent(p, 'p', &e);
	exp2 += e;
	if (exp2 > 5000)
		exp2 = 5000;
	if (exp2 < -5000)
		exp2 = -5000;
	*out = mant ? (double)scale((long double)mant, 2.0L, exp2) : 0.0;
	*nonzero = mant != 0;
	return p;
}

/* "inf", "infinity", "nan", "nan(chars)" in any case. */
static const char *parse_special(const char *p, double *out)
{
	if (strncasecmp(p, "inf", 3) == 0) {
		*out = __builtin_inf();
		return strncasecmp(p, "infinity", 8) == 0 ? p + 8 : p + 3;
	}
	if (strncasecmp(p, "nan", 3) == 0) {
		*out = __builtin_nan("");
		p += 3;
		if (*p == '(') {
			const char *q = p + 1;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == ')')
				p = q + 1;
		}
		return p;
	}
	return NULL;
}

double strtod(const char *restrict s, char **restrict end)
{
	const char *p = s, *after;
	int negative = 0, nonzero = 0;
	double value = 0.0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';

	after = parse_special(p, &value);
	if (after) {
		if (end)
			*end = (char *)after;
		return negative ? -value : value;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		after = parse_hex(p + 2, &value, &nonzero);
	if (!after) /* also "0x" without hex digits: the number 0 */
		after = parse_decimal(p, &value, &nonzero);
	if (end)
		*end = (char *)(after ? after : s);
	if (!after)
		return 0.0;

	/* A finite non-zero input that became infinite overflowed; one that
	 * became zero or subnormal underflowed. */
	if (nonzero && (__builtin_isinf(value) || __builtin_fabs(value) < DBL_MIN))
		errno = ERANGE;
	return negative ? -value : value;
}

float strtof(const char *restrict s, char **restrict end)
{
	double d = strtod(s, end);
	float f = (float)d;

	if (__builtin_isinf(f) && !__builtin_isinf(d))
		errno = ERANGE;
	return f;
}

/* long double has the same values here as double: enough for the
 * programs this library serves, and documented as such. */
long double strtold(const char *restrict s, char **restrict end)
{
	return strtod(s, end);
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
