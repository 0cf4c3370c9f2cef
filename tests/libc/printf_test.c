/* printf_test.c: the printf family against the exact strings C and
 * POSIX require (widths, precisions, flags, length modifiers, floating
 * point), and snprintf's truncation and return value. */
#define _GNU_SOURCE /* asprintf */
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

#include "check.h"

/* Some cases below are exactly what -Wformat warns about (a 0 flag
 * that is ignored, output that gets truncated): that is the point. */
#pragma GCC diagnostic ignored "-Wformat"
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

static char buf[512];

/* Formats with snprintf and compares with WANT; also checks the
 * returned length. */
#define T(want, ...)                                                        \
	do {                                                                \
		int n_ = snprintf(buf, sizeof buf, __VA_ARGS__);            \
		char name_[160];                                            \
		snprintf(name_, sizeof name_, "printf %s", #__VA_ARGS__);   \
		if (n_ != (int)strlen(want))                                \
			check(name_, 0, "returned %d, want %d", n_, (int)strlen(want)); \
		else                                                        \
			check_str(name_, buf, want);                        \
	} while (0)

static void integers(void)
{
	T("42", "%d", 42);
	T("-42", "%i", -42);
	T("   42", "%5d", 42);
	T("42   |", "%-5d|", 42);
	T("00042", "%05d", 42);
	T("-0042", "%05d", -42);
	T("+42", "%+d", 42);
	T(" 42", "% d", 42);
	T("+0", "%+d", 0);
	T("  00042", "%7.5d", 42);
	T("", "%.0d", 0);
	T("    ", "%4.0d", 0);
	T("   42", "%05.2d", 42); /* 0 flag ignored with a precision */
	T("-2147483648", "%d", INT_MIN);
	T("4294967295", "%u", UINT_MAX);
	T("ff", "%x", 255);
	T("FF", "%X", 255);
	T("0xff", "%#x", 255);
	T("0XFF", "%#X", 255);
	T("0", "%#x", 0);
	T("777", "%o", 511);
	T("0777", "%#o", 511);
	T("0", "%#o", 0);
	T("0", "%#.0o", 0);
	T("0x000ff", "%#07x", 255);
	T("  42", "%*d", 4, 42);
	T("42  |", "%*d|", -4, 42);
	T("00042", "%.*d", 5, 42);
	T("42", "%.*d", -1, 42);
	T("-1", "%hhd", 255);
	T("255", "%hhu", 255);
	T("-1", "%hd", 65535);
	T("9223372036854775807", "%ld", LONG_MAX);
	T("-9223372036854775808", "%lld", LLONG_MIN);
	T("18446744073709551615", "%llu", ULLONG_MAX);
	T("ffffffffffffffff", "%lx", -1L);
	T("123456789012", "%zu", (size_t)123456789012ULL);
	T("-5", "%zd", (ssize_t)-5);
	T("-7", "%td", (ptrdiff_t)-7);
	T("99", "%jd", (intmax_t)99);
	T("100%", "%d%%", 100);
}

static void chars_and_strings(void)
{
	T("x", "%c", 'x');
	T("  x", "%3c", 'x');
	T("x  |", "%-3c|", 'x');
	T("hello", "%s", "hello");
	T("  hello", "%7s", "hello");
	T("hello  |", "%-7s|", "hello");
	T("hel", "%.3s", "hello");
	T("   he", "%5.2s", "hello");
	T("hello", "%.10s", "hello");
	T("ab", "%.*s", 2, "abcdef");
	T("a b c", "%s %s %s", "a", "b", "c");
	T("", "%s", "");
}

static void pointers(void)
{
	int x;
	char want[64];

	snprintf(want, sizeof want, "0x%lx", (unsigned long)(uintptr_t)&x);
	T(want, "%p", (void *)&x);
	T("0x1000", "%p", (void *)0x1000);
}

static void floats(void)
{
	T("3.14", "%.2f", 3.14159);
	T("3.141590", "%f", 3.14159);
	T("3", "%.0f", 3.14159);
	T("3.", "%#.0f", 3.14159);
	T("2", "%.0f", 2.5);  /* ties go to even */
	T("4", "%.0f", 3.5);
	T("0", "%.0f", 0.5);
	T("2.67", "%.2f", 2.675); /* 2.675 is stored as 2.67499999... */
	T("1.00", "%.2f", 0.999);
	T("-0.000000", "%f", -0.0);
	T("0.000000", "%f", 0.0);
	T("  3.14", "%6.2f", 3.14159);
	T("3.14  |", "%-6.2f|", 3.14159);
	T("003.14", "%06.2f", 3.14159);
	T("-03.14", "%06.2f", -3.14159);
	T("+3.14", "%+.2f", 3.14159);
	T(" 3.14", "% .2f", 3.14159);
	T("1000000.000000", "%f", 1e6);
	T("123456789.000000", "%f", 123456789.0);
	T("0.000100", "%f", 0.0001);
	T("0.1000000000000000055511151231257827", "%.34f", 0.1);
	T("1e+100", "%g", 1e100);
	T("10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000000",
	  "%f", 1e100);
	T("1.000000e+00", "%e", 1.0);
	T("1.234568e+04", "%e", 12345.678);
	T("1.23E+04", "%.2E", 12345.678);
	T("1e+04", "%.0e", 12345.678);
	T("-1.500000e-05", "%e", -1.5e-5);
	T("1.000000e+300", "%e", 1e300);
	T("2.225074e-308", "%e", 2.2250738585072014e-308);
	T("4.940656e-324", "%e", 4.9406564584124654e-324);
	T("0.000000e+00", "%e", 0.0);
	T("3.14159", "%g", 3.14159);
	T("100000", "%g", 100000.0);
	T("1e+06", "%g", 1000000.0);
	T("0.0001", "%g", 0.0001);
	T("1e-05", "%g", 0.00001);
	T("1.5", "%g", 1.5);
	T("0", "%g", 0.0);
	T("1.50000", "%#g", 1.5);
	T("3.1", "%.2g", 3.14159);
	T("1E+10", "%G", 1e10);
	T("123457", "%g", 123456.7);
	T("1.23457e+06", "%g", 1234567.0);
	T("  1.5", "%5g", 1.5);
	T("inf", "%f", 1.0 / 0.0);
	T("-inf", "%f", -1.0 / 0.0);
	T("INF", "%F", 1.0 / 0.0);
	T("  inf", "%5f", 1.0 / 0.0);
	T("  inf", "%05f", 1.0 / 0.0);
	T("nan", "%f", __builtin_nan(""));
	T("0x1p+0", "%a", 1.0);
	T("0x1.8p+1", "%a", 3.0);
	T("-0x1.4p-1", "%a", -0.625);
	T("0x0p+0", "%a", 0.0);
	T("2.500000", "%Lf", 2.5L);
	T("0.9", "%.1f", 0.95); /* 0.95 is 0.9499999999999999556 */
	T("0.1", "%.1f", 0.05000000000000000277);
	T("9.9", "%.1f", 9.94999);
	T("10.0", "%.1f", 9.96);
}

static void truncation(void)
{
	char small[8];
	int n;

	memset(small, 'X', sizeof small);
	n = snprintf(small, sizeof small, "%s", "hello world");
	check_long("snprintf returns full length", n, 11);
	check_str("snprintf truncates and terminates", small, "hello w");

	memset(small, 'X', sizeof small);
	n = snprintf(small, 1, "abc");
	check_long("snprintf size 1 returns length", n, 3);
	check("snprintf size 1 writes only NUL", small[0] == '\0' && small[1] == 'X',
	      "small[0]=%d small[1]=%d", small[0], small[1]);

	n = snprintf(NULL, 0, "%d-%s", 12345, "abc");
	check_long("snprintf(NULL, 0) measures", n, 9);

	memset(small, 'X', sizeof small);
	n = snprintf(small, sizeof small, "%d", 1234567);
	check_str("snprintf exact fit", small, "1234567");
	check_long("snprintf exact fit length", n, 7);

	n = sprintf(buf, "%s=%d", "x", 5);
	check_str("sprintf", buf, "x=5");
	check_long("sprintf returns length", n, 3);
}

static void to_streams(void)
{
	char path[256];
	FILE *f = fopen(scratch(path, sizeof path, "printf_test"), "w+");

	if (!f) {
		check("fprintf to file", 0, "fopen failed");
		return;
	}
	int n = fprintf(f, "%d %s %.1f\n", 7, "seven", 7.0);
	check_long("fprintf returns length", n, 12);
	rewind(f);
	char line[64] = "";
	fgets(line, sizeof line, f);
	check_str("fprintf writes to file", line, "7 seven 7.0\n");
	fclose(f);

	int fd = open(path, O_WRONLY | O_TRUNC);
	n = dprintf(fd, "[%5s]", "ab");
	close(fd);
	check_long("dprintf returns length", n, 7);
	f = fopen(path, "r");
	fgets(line, sizeof line, f);
	fclose(f);
	check_str("dprintf writes to fd", line, "[   ab]");
	unlink(path);

	char *s = NULL;
	n = asprintf(&s, "%s-%04d", "id", 42);
	check_long("asprintf returns length", n, 7);
	check_str("asprintf allocates", s, "id-0042");
	free(s);
}

int main(void)
{
	integers();
	chars_and_strings();
	pointers();
	floats();
	truncation();
	to_streams();
	return finish();
}
