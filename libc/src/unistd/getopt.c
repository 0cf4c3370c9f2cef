/* getopt.c: POSIX command-line option parsing.
 *
 * getopt() walks argv left to right. It stops at the first argument
 * that is not an option (no reordering, as POSIX says), at "--" (which
 * it skips), or at the end. A letter followed by ':' in OPTSTRING takes
 * an argument, either the rest of the same word (-ofile) or the next
 * word (-o file). A leading ':' in OPTSTRING makes a missing argument
 * return ':' instead of '?' and silences the messages. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt;

/* Position inside argv[optind] while working through "-abc". */
static int optpos;

static void complain(const char *prog, const char *what, int c,
		     const char *optstring)
{
	if (opterr && optstring[0] != ':')
		fprintf(stderr, "%s: %s -- '%c'\n", prog, what, c);
}

/* The argument of option letter C found at argv[optind][optpos]. */
static int take_argument(int argc, char *const argv[], const char *optstring,
			 int c)
{
	char *word = argv[optind];

	if (word[optpos + 1]) {
		optarg = word + optpos + 1; /* -ofile */
		optind++;
	} else if (optind + 1 < argc) {
		optarg = argv[optind + 1]; /* -o file */
		optind += 2;
	} else {
		optind++;
		optpos = 0;
		optopt = c;
		complain(argv[0], "option requires an argument", c, optstring);
		return optstring[0] == ':' ? ':' : '?';
	}
	optpos = 0;
	return c;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	if (*optstring == '+') /* GNU "stop at the first non-option": we always do */
		optstring++;
	if (optind == 0) { /* the GNU way to restart a scan */
		optind = 1;
		optpos = 0;
	}
	optarg = NULL;
	if (optpos == 0) {
		char *word = optind < argc ? argv[optind] : NULL;
		if (!word || word[0] != '-' || word[1] == '\0')
			return -1;
		if (strcmp(word, "--") == 0) {
			optind++;
			return -1;
		}
		optpos = 1;
	}

	int c = (unsigned char)argv[optind][optpos];
	const char *spec = c == ':' ? NULL : strchr(optstring, c);
	if (spec && spec[1] == ':')
		return take_argument(argc, argv, optstring, c);

	/* a flag, or an unknown letter: step to the next letter or word */
	if (argv[optind][++optpos] == '\0') {
		optind++;
		optpos = 0;
	}
	if (!spec) {
		optopt = c;
		complain(argv[0], "invalid option", c, optstring);
		return '?';
	}
	return c;
}
