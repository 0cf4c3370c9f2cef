/*
 * head [-n N | -N] [FILE...]: print the first N lines (default 10) of
 * each FILE or of standard input. With several files, each gets a
 * "==> name <==" header, as in GNU head.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long parse_count(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 0) {
		fprintf(stderr, "head: invalid number of lines: '%s'\n", s);
		exit(1);
	}
	return n;
}

static void head(FILE *f, long lines)
{
	int c;

	while (lines > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (c == '\n')
			lines--;
	}
}

int main(int argc, char **argv)
{
	long lines = 10;
	int i = 1, status = 0, nfiles;
	FILE *f;

	if (i < argc && strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
		lines = parse_count(argv[i + 1]);
		i += 2;
	} else if (i < argc && strncmp(argv[i], "-n", 2) == 0) {
		lines = parse_count(argv[i++] + 2);
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' &&
		   argv[i][1] <= '9') {
		lines = parse_count(argv[i++] + 1);
	}
	nfiles = argc - i;
	if (nfiles == 0)
		head(stdin, lines);
	for (; i < argc; i++) {
		f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (!f) {
			fprintf(stderr, "head: cannot open '%s' for reading: "
					"%s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (nfiles > 1)
			printf("%s==> %s <==\n", i > argc - nfiles ? "\n" : "",
			       argv[i]);
		head(f, lines);
		if (f != stdin)
			fclose(f);
	}
	return status;
}
