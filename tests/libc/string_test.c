/* string_test.c: <string.h>, <strings.h> and <ctype.h>. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "check.h"

/* strncpy/strncat truncating on purpose is what is being tested */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif

static void memory(void)
{
	char a[32], b[32];

	memset(a, 'x', sizeof a);
	check("memset fills", a[0] == 'x' && a[31] == 'x', "a[0]=%c", a[0]);
	check("memset returns dst", memset(a, 0, 4) == a, "wrong pointer");
	memcpy(b, "hello, world", 13);
	check_str("memcpy", b, "hello, world");
	memmove(b + 2, b, 5); /* overlapping, forwards */
	check("memmove overlap up", memcmp(b, "hehelloworld", 13) == 0, "got %.13s", b);
	memcpy(b, "abcdefgh", 9);
	memmove(b, b + 2, 5); /* overlapping, backwards */
	check("memmove overlap down", memcmp(b, "cdefgfgh", 8) == 0, "got %.8s", b);
	check("memcmp equal", memcmp("abc", "abc", 3) == 0, "nonzero");
	check("memcmp less", memcmp("abc", "abd", 3) < 0, "not < 0");
	check("memcmp unsigned bytes", memcmp("\x80", "\x01", 1) > 0, "signed compare");
	check("memcmp zero length", memcmp("a", "b", 0) == 0, "nonzero");
	const char *s = "find the x here";
	check("memchr found", memchr(s, 'x', strlen(s)) == s + 9, "wrong");
	check("memchr not found", memchr(s, 'z', strlen(s)) == NULL, "found");
	check("memchr limited", memchr(s, 'x', 5) == NULL, "found beyond n");
}

static void copying(void)
{
	char d[32];

	check_long("strlen", (long)strlen("hello"), 5);
	check_long("strlen empty", (long)strlen(""), 0);
	check_long("strnlen short", (long)strnlen("hello", 3), 3);
	check_long("strnlen long", (long)strnlen("hi", 10), 2);
	check_str("strcpy", (strcpy(d, "copy"), d), "copy");
	memset(d, 'z', sizeof d);
	strncpy(d, "ab", 5);
	check("strncpy pads with NUL", memcmp(d, "ab\0\0\0z", 6) == 0, "bad padding");
	strncpy(d, "abcdef", 3);
	check("strncpy does not terminate", memcmp(d, "abc\0", 4) == 0 && d[3] == '\0',
	      "d[3]=%d", d[3]);
	strcpy(d, "foo");
	check_str("strcat", strcat(d, "bar"), "foobar");
	check_str("strncat", strncat(d, "bazqux", 3), "foobarbaz");
	char *p = strdup("duplicate");
	check_str("strdup", p, "duplicate");
	free(p);
	p = strndup("duplicate", 3);
	check_str("strndup", p, "dup");
	free(p);
}

static void comparing(void)
{
	check("strcmp equal", strcmp("abc", "abc") == 0, "nonzero");
	check("strcmp less", strcmp("abc", "abd") < 0, "not < 0");
	check("strcmp prefix", strcmp("ab", "abc") < 0, "not < 0");
	check("strcmp greater", strcmp("b", "abc") > 0, "not > 0");
	check("strcmp unsigned", strcmp("\xff", "a") > 0, "signed compare");
	check("strncmp limited", strncmp("abcX", "abcY", 3) == 0, "nonzero");
	check("strncmp differs", strncmp("abcX", "abcY", 4) < 0, "not < 0");
	check("strcoll like strcmp", strcoll("a", "b") < 0, "not < 0");
	check("strcasecmp", strcasecmp("HeLLo", "hello") == 0, "nonzero");
	check("strcasecmp order", strcasecmp("apple", "BANANA") < 0, "not < 0");
	check("strncasecmp", strncasecmp("ABCdef", "abcXYZ", 3) == 0, "nonzero");
}

static void searching(void)
{
	const char *s = "hello world";

	check("strchr", strchr(s, 'o') == s + 4, "wrong");
	check("strchr NUL", strchr(s, '\0') == s + 11, "wrong");
	check("strchr missing", strchr(s, 'z') == NULL, "found");
	check("strrchr", strrchr(s, 'o') == s + 7, "wrong");
	check("strrchr missing", strrchr(s, 'z') == NULL, "found");
	check("strstr", strstr(s, "wor") == s + 6, "wrong");
	check("strstr empty needle", strstr(s, "") == s, "wrong");
	check("strstr missing", strstr(s, "worlds") == NULL, "found");
	check_long("strspn", (long)strspn("aabbcx", "abc"), 5);
	check_long("strcspn", (long)strcspn("hello, world", ",;"), 5);
	check("strpbrk", strpbrk(s, "wr") == s + 6, "wrong");
	check("strpbrk none", strpbrk(s, "xyz") == NULL, "found");
}

static void tokens(void)
{
	char text[] = "  one, two,,three  ";
	const char *want[] = {"one", "two", "three"};
	int n = 0, ok = 1;

	for (char *t = strtok(text, " ,"); t; t = strtok(NULL, " ,"))
		ok &= n < 3 && strcmp(t, want[n++]) == 0;
	check("strtok tokens", ok && n == 3, "n=%d", n);

	char text2[] = "a:b:c";
	char *save, *t1 = strtok_r(text2, ":", &save), *t2 = strtok_r(NULL, ":", &save);
	char *t3 = strtok_r(NULL, ":", &save), *t4 = strtok_r(NULL, ":", &save);
	check("strtok_r", t1 && t2 && t3 && !t4 && !strcmp(t1, "a") && !strcmp(t2, "b") &&
		  !strcmp(t3, "c"), "wrong tokens");
	char empty[] = ":::";
	check("strtok only delimiters", strtok(empty, ":") == NULL, "token found");
}

static void ctype(void)
{
	check("isdigit", isdigit('5') && !isdigit('a'), "wrong");
	check("isalpha", isalpha('a') && isalpha('Z') && !isalpha('1'), "wrong");
	check("isalnum", isalnum('a') && isalnum('9') && !isalnum('_'), "wrong");
	check("isspace", isspace(' ') && isspace('\t') && isspace('\n') && isspace('\v') &&
		  isspace('\f') && isspace('\r') && !isspace('x'), "wrong");
	check("isupper/islower", isupper('Q') && !isupper('q') && islower('q'), "wrong");
	check("isxdigit", isxdigit('f') && isxdigit('F') && isxdigit('0') && !isxdigit('g'), "wrong");
	check("ispunct", ispunct('!') && !ispunct('a') && !ispunct(' '), "wrong");
	check("isprint/isgraph", isprint(' ') && !isgraph(' ') && isgraph('~') && !isprint('\n'),
	      "wrong");
	check("iscntrl", iscntrl('\0') && iscntrl(127) && !iscntrl('a'), "wrong");
	check("isblank", isblank(' ') && isblank('\t') && !isblank('\n'), "wrong");
	check("toupper/tolower", toupper('a') == 'A' && tolower('A') == 'a' && toupper('1') == '1',
	      "wrong");
	check("ctype EOF", !isalpha(EOF) && !isspace(EOF) && tolower(EOF) == EOF, "wrong");
}

int main(void)
{
	memory();
	copying();
	comparing();
	searching();
	tokens();
	ctype();
	return finish();
}
