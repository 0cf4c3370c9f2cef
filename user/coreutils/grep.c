/*
 * grep [-v] [-c] [-n] [-i] PATTERN [FILE...]: print the lines that
 * contain PATTERN, a fixed string (no regular expressions here).
 *   -v  lines that do NOT contain it     -c  only count matching lines
 *   -n  prefix line numbers              -i  ignore upper/lower case
 * Exit status: 0 if some line matched, 1 if none, 2 on an error. Shell
 * scripts use that: "grep -q"-style tests via "grep x f > /dev/null &&".
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int invert, count_only, number, ignore_case;
static const char *pattern;

/* Does LINE contain PATTERN (honouring -i)? */
static int contains(const char *line)
{
	size_t plen = strlen(pattern), i;
	const char *s;

	if (!ignore_case)
		return strstr(line, pattern) != NULL;
	for (s = line; *s; s++) {
		for (i = 0; i < plen; i++)
			if (tolower((unsigned char)s[i]) !=
			    tolower((unsigned char)pattern[i]))
				break;
		if (i == plen)
			return 1;
	}
	return plen == 0;
}

/* Search F; NAME is printed before each line when not NULL. */
static long grep_file(FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, matches = 0;

	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (contains(line) == invert)
			continue;
		matches++;
		if (count_only)
			continue;
		if (name)
			printf("%s:", name);
		if (number)
			printf("%ld:", lineno);
		printf("%s\n", line);
	}
	free(line);
	if (count_only) {
		if (name)
			printf("%s:", name);
		printf("%ld\n", matches);
	}
	return matches;
}

/* Apply the letters of one option word like "-vn". */
static void parse_option(const char *word)
{
	const char *p;

	for (p = word + 1; *p; p++) {
		if (*p == 'v')
			invert = 1;
		else if (*p == 'c')
			count_only = 1;
		else if (*p == 'n')
			number = 1;
		else if (*p == 'i')
			ignore_case = 1;
		else {
			fprintf(stderr, "grep: invalid option -- '%c'\n", *p);
			exit(2);
		}
	}
}

/*
 * Options may come anywhere ("grep x file -n"), as with GNU grep, until
 * a "--". The operands are moved to the front of ARGV, in order; returns
 * how many there are.
 */
static int parse_options(int argc, char **argv)
{
	int i, n = 0, options_done = 0;

	for (i = 1; i < argc; i++) {
		if (!options_done && strcmp(argv[i], "--") == 0)
			options_done = 1;
		else if (!options_done && argv[i][0] == '-' && argv[i][1])
			parse_option(argv[i]);
		else
			argv[n++] = argv[i];
	}
	return n;
}

int main(int argc, char **argv)
{
	int nargs = parse_options(argc, argv), i = 0, errors = 0, many;
	long matches = 0;
	FILE *f;

	argc = nargs;  /* from here on: argv[0..argc-1] are the operands */
	if (argc == 0) {
		fprintf(stderr, "usage: grep [-vcni] PATTERN [FILE...]\n");
		return 2;
	}
	pattern = argv[i++];
	if (i == argc)
		matches = grep_file(stdin, NULL);
	many = argc - i > 1;
	for (; i < argc; i++) {
		f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (!f) {
			fprintf(stderr, "grep: %s: %s\n", argv[i],
				strerror(errno));
			errors = 1;
			continue;
		}
		matches += grep_file(f, many ? argv[i] : NULL);
		if (f != stdin)
			fclose(f);
	}
	fflush(stdout);
	if (errors)
		return 2;
	return matches > 0 ? 0 : 1;
}
