/* strtol.c: text to integers (strtol, strtoul, strtoll, strtoull,
 * strtoimax, strtoumax, atoi, atol, atoll).
 *
 * One parser, parse_integer(), reads the magnitude; the wrappers apply
 * their type's range. The C rules: leading white space, an optional
 * sign, then digits of BASE (2..36; 0 means "decimal, or octal after
 * 0, or hex after 0x"). *END gets the first unused character, or S
 * itself when there were no digits. Out-of-range results saturate and
 * set ERANGE. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

struct parsed {
	unsigned long long magnitude; /* saturated at ULLONG_MAX */
	int negative;
	int overflow;
};

/* Value of digit C in any base up to 36, or 36 for "not a digit". */
static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/* Skips "0x" for base 16 (or 0), but only when a hex digit follows:
 * "0xg" is the number 0 followed by "xg". Settles base 0. */
static const char *skip_prefix(const char *p, int *base)
{
	if ((*base == 0 || *base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		*base = 16;
		return p + 2;
	}
	if (*base == 0)
		*base = p[0] == '0' ? 8 : 10;
	return p;
}

static struct parsed parse_integer(const char *s, char **end, int base)
{
	struct parsed r = {0, 0, 0};
	const char *p = s;

	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return r;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		r.negative = *p++ == '-';
	p = skip_prefix(p, &base);

	const char *digits = p;
	for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
		if (r.magnitude > (ULLONG_MAX - (unsigned)d) / (unsigned)base) {
			r.overflow = 1;
			r.magnitude = ULLONG_MAX;
		} else if (!r.overflow) {
			r.magnitude = r.magnitude * (unsigned)base + (unsigned)d;
		}
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	return r;
}

/* Clamps a parsed value to [-(MAX + 1), MAX]. */
static long long to_signed(struct parsed r, unsigned long long max)
{
	if (r.negative) {
		if (r.overflow || r.magnitude > max + 1) {
			errno = ERANGE;
			return -(long long)max - 1;
		}
		return (long long)(0 - r.magnitude);
	}
	if (r.overflow || r.magnitude > max) {
		errno = ERANGE;
		return (long long)max;
	}
	return (long long)r.magnitude;
}

/* Unsigned conversions accept a minus sign and negate in the unsigned
 * type: strtoul("-1") is ULONG_MAX. */
static unsigned long long to_unsigned(struct parsed r, unsigned long long max)
{
	if (r.overflow || r.magnitude > max) {
		errno = ERANGE;
		return max;
	}
	return r.negative ? (0 - r.magnitude) & max : r.magnitude;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)to_signed(parse_integer(s, end, base), LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return to_signed(parse_integer(s, end, base), LLONG_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long)to_unsigned(parse_integer(s, end, base), ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	return to_unsigned(parse_integer(s, end, base), ULLONG_MAX);
}

intmax_t strtoimax(const char *s, char **end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
