/*
 * wc [-l] [-w] [-c] [FILE...]: count lines (newline characters), words
 * (runs of non-blank characters) and bytes; all three by default. With
 * several files a "total" line follows. The column width follows GNU wc:
 * one count of one input is printed bare ("echo hi | wc -c" -> 3);
 * otherwise wide enough for the total size of the regular files, and at
 * least 7 when an input is a pipe or terminal (its size is unknown).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct counts {
	long long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static int count_fd(int fd, struct counts *c)
{
	unsigned char buf[8192];
	ssize_t n, i;
	int in_word = 0;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c->bytes += n;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c->lines++;
			if (isspace(buf[i])) {
				in_word = 0;
			} else if (!in_word) {
				in_word = 1;
				c->words++;
			}
		}
	}
	return n < 0 ? -1 : 0;
}

static void print_counts(const struct counts *c, int width, const char *name)
{
	const char *sep = "";

	if (show_lines) {
		printf("%*lld", width, c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%*lld", sep, width, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%*lld", sep, width, c->bytes);
	if (name)
		printf(" %s", name);
	printf("\n");
}

/* The GNU column width for these inputs (see the comment at the top). */
static int column_width(char **names, int n)
{
	long long regular_total = 0;
	int i, width = 1, minimum = 1;
	struct stat st;

	if (n == 0)
		return (show_lines + show_words + show_bytes == 1) ? 1 : 7;
	if (n == 1 && show_lines + show_words + show_bytes == 1)
		return 1;
	for (i = 0; i < n; i++) {
		int ok = strcmp(names[i], "-") == 0 ? fstat(0, &st) == 0 :
						       stat(names[i], &st) == 0;

		if (ok && S_ISREG(st.st_mode))
			regular_total += st.st_size;
		else if (ok)
			minimum = 7;
	}
	for (; regular_total >= 10; regular_total /= 10)
		width++;
	return width < minimum ? minimum : width;
}

static int parse_options(int argc, char **argv)
{
	int i;
	const char *p;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'l')
				show_lines = 1;
			else if (*p == 'w')
				show_words = 1;
			else if (*p == 'c')
				show_bytes = 1;
			else {
				fprintf(stderr, "wc: invalid option -- '%c'\n",
					*p);
				return -1;
			}
		}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	return i;
}

int main(int argc, char **argv)
{
	struct counts total = { 0, 0, 0 }, c;
	int i = parse_options(argc, argv), width, fd, status = 0, nfiles;

	if (i < 0)
		return 1;
	nfiles = argc - i;
	width = column_width(argv + i, argc - i);
	if (i == argc) {
		memset(&c, 0, sizeof(c));
		count_fd(0, &c);
		print_counts(&c, width, NULL);
		return 0;
	}
	for (; i < argc; i++) {
		memset(&c, 0, sizeof(c));
		fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
		if (fd < 0 || count_fd(fd, &c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i],
				strerror(errno));
			status = 1;
		} else {
			print_counts(&c, width, argv[i]);
		}
		if (fd > 0)
			close(fd);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
	}
	if (nfiles > 1)
		print_counts(&total, width, "total");
	return status;
}
