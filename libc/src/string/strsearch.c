/* strsearch.c: finding characters and substrings in strings, and
 * splitting strings into tokens (strtok, strtok_r, strsep). */
#include <string.h>

char *strchr(const char *s, int c)
{
	char *p = strchrnul(s, c);

	return *p == (char)c ? p : NULL;
}

/* Like strchr, but returns the terminating NUL instead of NULL. */
char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *index(const char *s, int c)
{
	return strchr(s, c);
}

char *rindex(const char *s, int c)
{
	return strrchr(s, c);
}

/* The simple quadratic search: fine for the short strings programs
 * search in practice. */
char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return (char *)hay;
	for (; *hay; hay++)
		if (*hay == *needle && strncmp(hay, needle, n) == 0)
			return (char *)hay;
	return NULL;
}

/* A 256-bit membership table for the characters of SET. */
struct byteset {
	unsigned long bits[4];
};

static void byteset_fill(struct byteset *b, const char *set)
{
	memset(b, 0, sizeof *b);
	for (const unsigned char *p = (const unsigned char *)set; *p; p++)
		b->bits[*p / 64] |= 1UL << (*p % 64);
}

static int byteset_has(const struct byteset *b, unsigned char c)
{
	return (b->bits[c / 64] >> (c % 64)) & 1;
}

/* Length of the prefix of S made only of bytes in ACCEPT. */
size_t strspn(const char *s, const char *accept)
{
	struct byteset b;
	size_t n = 0;

	byteset_fill(&b, accept);
	while (s[n] && byteset_has(&b, (unsigned char)s[n]))
		n++;
	return n;
}

/* Length of the prefix of S made only of bytes not in REJECT. */
size_t strcspn(const char *s, const char *reject)
{
	struct byteset b;
	size_t n = 0;

	byteset_fill(&b, reject);
	while (s[n] && !byteset_has(&b, (unsigned char)s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

/* Each call returns the next token of the string first passed in S;
 * *SAVE remembers where to continue. */
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
	if (!s)
		s = *save;
	s += strspn(s, delim);
	if (!*s) {
		*save = s;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

/* Like strtok_r but empty fields count: "a,,b" gives "a", "", "b". */
char *strsep(char **restrict sp, const char *restrict delim)
{
	char *s = *sp;

	if (!s)
		return NULL;
	char *end = s + strcspn(s, delim);
	if (*end) {
		*end = '\0';
		*sp = end + 1;
	} else {
		*sp = NULL;
	}
	return s;
}
