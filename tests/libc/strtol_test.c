/* strtol_test.c: text to numbers: strtol and friends (bases, signs,
 * prefixes, overflow with ERANGE, the end pointer), strtod, atoi. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "check.h"

static void signed_conversions(void)
{
	char *end;

	check_long("strtol decimal", strtol("12345", NULL, 10), 12345);
	check_long("strtol negative", strtol("-42", NULL, 10), -42);
	check_long("strtol plus sign", strtol("+42", NULL, 10), 42);
	check_long("strtol leading space", strtol(" \t\n 7", NULL, 10), 7);
	check_long("strtol base 16", strtol("ff", NULL, 16), 255);
	check_long("strtol base 16 with 0x", strtol("0xFF", NULL, 16), 255);
	check_long("strtol base 0 hex", strtol("0x1A", NULL, 0), 26);
	check_long("strtol base 0 octal", strtol("0755", NULL, 0), 493);
	check_long("strtol base 0 decimal", strtol("987", NULL, 0), 987);
	check_long("strtol base 2", strtol("1011", NULL, 2), 11);
	check_long("strtol base 36", strtol("zz", NULL, 36), 1295);
	check_long("strtol stops at bad digit", strtol("129", &end, 8), 10);
	check("strtol end after digits", *end == '9', "end at '%c'", *end);

	const char *s = "  abc";
	strtol(s, &end, 10);
	check("strtol no digits: end = start", end == s, "end moved");
	s = "0xg";
	check_long("strtol 0x without digits is 0", strtol(s, &end, 16), 0);
	check("strtol 0x without digits: end after 0", end == s + 1, "end at offset %d",
	      (int)(end - s));

	errno = 0;
	long v = strtol("9223372036854775807", &end, 10);
	check("strtol LONG_MAX exact", v == LONG_MAX && errno == 0, "v=%ld errno=%d", v, errno);
	errno = 0;
	v = strtol("9223372036854775808", &end, 10);
	check("strtol overflow gives LONG_MAX", v == LONG_MAX, "v=%ld", v);
	check("strtol overflow sets ERANGE", errno == ERANGE, "errno=%d", errno);
	check("strtol overflow end after digits", *end == '\0', "end not at end");
	errno = 0;
	v = strtol("-9223372036854775808", NULL, 10);
	check("strtol LONG_MIN exact", v == LONG_MIN && errno == 0, "v=%ld errno=%d", v, errno);
	errno = 0;
	v = strtol("-99999999999999999999999", NULL, 10);
	check("strtol underflow gives LONG_MIN + ERANGE", v == LONG_MIN && errno == ERANGE,
	      "v=%ld errno=%d", v, errno);
	errno = 0;
	long long ll = strtoll("-9223372036854775809", NULL, 10);
	check("strtoll overflow", ll == LLONG_MIN && errno == ERANGE, "ll=%lld errno=%d", ll, errno);
	errno = 0;
	strtol("10", NULL, 1);
	check("strtol bad base EINVAL", errno == EINVAL, "errno=%d", errno);
}

static void unsigned_conversions(void)
{
	char *end;

	errno = 0;
	unsigned long v = strtoul("18446744073709551615", &end, 10);
	check("strtoul ULONG_MAX", v == ULONG_MAX && errno == 0, "v=%lu errno=%d", v, errno);
	errno = 0;
	v = strtoul("18446744073709551616", &end, 10);
	check("strtoul overflow", v == ULONG_MAX && errno == ERANGE, "v=%lu errno=%d", v, errno);
	check("strtoul -1 wraps", strtoul("-1", NULL, 10) == ULONG_MAX, "no wrap");
	check("strtoull hex", strtoull("0xdeadbeefcafe", NULL, 0) == 0xdeadbeefcafeULL, "wrong");
}

static void atoi_family(void)
{
	check_long("atoi", atoi("  -123abc"), -123);
	check_long("atoi junk", atoi("abc"), 0);
	check_long("atol", atol("1234567890123"), 1234567890123L);
	check("atoll", atoll("-1234567890123") == -1234567890123LL, "wrong");
}

static void doubles(void)
{
	char *end;
	double d;

	check("strtod simple", strtod("3.5", NULL) == 3.5, "wrong");
	check("strtod 0.1", strtod("0.1", NULL) == 0.1, "got %.17g", strtod("0.1", NULL));
	check("strtod negative exponent", strtod("-2.5e-3", NULL) == -0.0025, "wrong");
	check("strtod 1e300", strtod("1e300", NULL) == 1e300, "got %.17g", strtod("1e300", NULL));
	check("strtod 1.7976931348623157e308", strtod("1.7976931348623157e308", NULL) ==
		  1.7976931348623157e308, "wrong");
	check("strtod long digits", strtod("3.14159265358979323846264338327950288", NULL) ==
		  3.14159265358979323846, "wrong");
	check("strtod 123456789012345678901234567890", strtod("123456789012345678901234567890", NULL) ==
		  123456789012345678901234567890.0, "wrong");
	d = strtod("  42abc", &end);
	check("strtod end pointer", d == 42.0 && strcmp(end, "abc") == 0, "d=%g end=%s", d, end);
	d = strtod("1e", &end);
	check("strtod '1e' stops before e", d == 1.0 && *end == 'e', "d=%g end=%s", d, end);
	const char *s = "x";
	strtod(s, &end);
	check("strtod no number: end = start", end == s, "end moved");
	check("strtod hex float", strtod("0x1.8p1", NULL) == 3.0, "wrong");
	check("strtod inf", __builtin_isinf(strtod("inf", NULL)) && strtod("-Infinity", NULL) < 0,
	      "wrong");
	check("strtod nan", __builtin_isnan(strtod("nan", NULL)), "wrong");
	errno = 0;
	d = strtod("1e999", NULL);
	check("strtod overflow ERANGE", __builtin_isinf(d) && errno == ERANGE, "d=%g errno=%d", d,
	      errno);
	errno = 0;
	d = strtod("1e-999", NULL);
	check("strtod underflow ERANGE", d == 0.0 && errno == ERANGE, "d=%g errno=%d", d, errno);
	check("atof", atof("2.25") == 2.25, "wrong");
	check("strtof", strtof("0.5", NULL) == 0.5f, "wrong");
}

/* Every double printed with 17 significant digits (or in hex) must
 * read back as exactly the same double. */
static void round_trips(void)
{
	unsigned long long x = 88172645463325252ULL;
	int bad_dec = 0, bad_hex = 0;
	char text[64];

	for (int i = 0; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		unsigned long long bits = x & 0x7fefffffffffffffULL; /* finite */
		double d, back;
		memcpy(&d, &bits, sizeof d);
		snprintf(text, sizeof text, "%.17g", d);
		back = strtod(text, NULL);
		if (memcmp(&back, &d, sizeof d) != 0 && bad_dec++ == 0)
			printf("    %.17g came back as %.17g\n", d, back);
		snprintf(text, sizeof text, "%a", d);
		back = strtod(text, NULL);
		if (memcmp(&back, &d, sizeof d) != 0 && bad_hex++ == 0)
			printf("    %a came back as %a\n", d, back);
	}
	check("printf %.17g / strtod round trip (100000 doubles)", bad_dec == 0, "%d differ", bad_dec);
	check("printf %a / strtod round trip (100000 doubles)", bad_hex == 0, "%d differ", bad_hex);
	check("strtod halfway case rounds to even",
	      strtod("9007199254740993", NULL) == 9007199254740992.0, "wrong");
	check("strtod just above halfway rounds up",
	      strtod("9007199254740993.00000000000000000001", NULL) == 9007199254740994.0, "wrong");
	check("strtod smallest subnormal", strtod("4.9406564584124654e-324", NULL) ==
		  4.9406564584124654e-324, "wrong");
}

int main(void)
{
	signed_conversions();
	unsigned_conversions();
	atoi_family();
	doubles();
	round_trips();
	return finish();
}
