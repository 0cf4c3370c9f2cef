/* scanf_test.c: sscanf and fscanf conversions, widths, return counts
 * and EOF. */
#include <stdio.h>

#include "check.h"

static void integers(void)
{
	int a = 0, b = 0, c = 0;
	long l = 0;
	unsigned long ul = 0;
	long long ll = 0;
	unsigned u = 0;

	check_long("sscanf %d %d returns 2", sscanf("12 -34", "%d %d", &a, &b), 2);
	check("sscanf %d values", a == 12 && b == -34, "a=%d b=%d", a, b);
	check_long("sscanf %i hex", sscanf("0x1f", "%i", &a), 1);
	check_long("sscanf %i hex value", a, 31);
	check_long("sscanf %i octal", (sscanf("017", "%i", &a), a), 15);
	check_long("sscanf %x", (sscanf("ff", "%x", &u), (long)u), 255);
	check_long("sscanf %X with 0x", (sscanf("0XFF", "%X", &u), (long)u), 255);
	check_long("sscanf %o", (sscanf("777", "%o", &u), (long)u), 511);
	check_long("sscanf %u", (sscanf("4000000000", "%u", &u), (long)u), 4000000000L);
	check_long("sscanf %ld", (sscanf("-9000000000", "%ld", &l), l), -9000000000L);
	check("sscanf %lu", (sscanf("18446744073709551615", "%lu", &ul), ul == 18446744073709551615UL),
	      "got %lu", ul);
	check("sscanf %lld", (sscanf("-123456789012345", "%lld", &ll), ll == -123456789012345LL),
	      "got %lld", ll);
	check_long("sscanf width %3d", sscanf("12345", "%3d%d", &a, &b), 2);
	check("sscanf width values", a == 123 && b == 45, "a=%d b=%d", a, b);
	check_long("sscanf leading spaces and sign", (sscanf("   +7", "%d", &a), a), 7);
	check_long("sscanf literal match", sscanf("x=5,y=6", "x=%d,y=%d", &a, &b), 2);
	check_long("sscanf literal mismatch stops", sscanf("x=5;y=6", "x=%d,y=%d", &a, &b), 1);
	check_long("sscanf matching failure returns 0", sscanf("abc", "%d", &a), 0);
	check_long("sscanf empty input returns EOF", sscanf("", "%d", &a), EOF);
	check_long("sscanf spaces only returns EOF", sscanf("   ", "%d", &a), EOF);
	check_long("sscanf assignment suppression", sscanf("1 2 3", "%d %*d %d", &a, &b), 2);
	check("sscanf suppression values", a == 1 && b == 3, "a=%d b=%d", a, b);
	check_long("sscanf %n", (sscanf("abc 12", "%*s %d%n", &a, &c), c), 6);
	short h = 0;
	signed char hh = 0;
	sscanf("-300 -3", "%hd %hhd", &h, &hh);
	check("sscanf %hd %hhd", h == -300 && hh == -3, "h=%d hh=%d", h, hh);
}

static void strings(void)
{
	char s1[32] = "", s2[32] = "", cs[4] = "";
	int n;

	check_long("sscanf %s %s", sscanf("  hello   world ", "%s %s", s1, s2), 2);
	check_str("sscanf %s first", s1, "hello");
	check_str("sscanf %s second", s2, "world");
	check_long("sscanf %5s width", (sscanf("abcdefgh", "%5s", s1), (long)strlen(s1)), 5);
	check_str("sscanf %5s value", s1, "abcde");
	memset(cs, 0, sizeof cs);
	check_long("sscanf %c", sscanf(" xy", "%c", cs), 1);
	check("sscanf %c does not skip space", cs[0] == ' ', "got '%c'", cs[0]);
	check_long("sscanf %3c", sscanf("abcdef", "%3c", cs), 1);
	check("sscanf %3c value", memcmp(cs, "abc", 3) == 0, "got %.3s", cs);
	check_long("sscanf %[a-z]", sscanf("abc123", "%[a-z]%d", s1, &n), 2);
	check("sscanf %[a-z] values", strcmp(s1, "abc") == 0 && n == 123, "s=%s n=%d", s1, n);
	check_long("sscanf %[^,]", sscanf("key,value", "%[^,],%s", s1, s2), 2);
	check("sscanf %[^,] values", strcmp(s1, "key") == 0 && strcmp(s2, "value") == 0,
	      "s1=%s s2=%s", s1, s2);
	check_long("sscanf %% literal", sscanf("50%", "%d%%", &n), 1);
}

static void floats(void)
{
	float f = 0;
	double d = 0;

	check_long("sscanf %f", sscanf("3.25", "%f", &f), 1);
	check("sscanf %f value", f == 3.25f, "got %g", (double)f);
	check_long("sscanf %lf", sscanf("-1.5e3", "%lf", &d), 1);
	check("sscanf %lf value", d == -1500.0, "got %g", d);
	check("sscanf %lf 0.1", (sscanf("0.1", "%lf", &d), d == 0.1), "got %.17g", d);
	char rest[8] = "";
	check_long("sscanf %lf stops before junk", sscanf("2.5x", "%lf%s", &d, rest), 2);
	check("sscanf %lf junk value", d == 2.5 && strcmp(rest, "x") == 0, "d=%g rest=%s", d, rest);
}

static void from_file(void)
{
	char path[256];
	FILE *f = fopen(scratch(path, sizeof path, "scanf_test"), "w+");
	int a = 0, b = 0;
	char word[16];

	if (!f) {
		check("fscanf", 0, "fopen failed");
		return;
	}
	fputs("10 20\nname 30\n", f);
	rewind(f);
	check_long("fscanf two ints", fscanf(f, "%d %d", &a, &b), 2);
	check("fscanf values", a == 10 && b == 20, "a=%d b=%d", a, b);
	check_long("fscanf word and int", fscanf(f, "%15s %d", word, &a), 2);
	check("fscanf word values", strcmp(word, "name") == 0 && a == 30, "word=%s a=%d", word, a);
	check_long("fscanf at end returns EOF", fscanf(f, "%d", &a), EOF);
	fclose(f);
	unlink(path);
}

int main(void)
{
	integers();
	strings();
	floats();
	from_file();
	return finish();
}
