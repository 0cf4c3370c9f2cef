/* strcase.c: case-insensitive comparison (ASCII letters only, the "C"
 * locale) and ffs. */
#include <ctype.h>
#include <strings.h>

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		int ca = tolower((unsigned char)*a);
		int cb = tolower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

/* Position (1-based) of the lowest set bit, 0 if none. */
int ffs(int i)
{
	return __builtin_ffs(i);
}
