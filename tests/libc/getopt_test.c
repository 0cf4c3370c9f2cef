/* getopt_test.c: POSIX getopt: clustered flags, arguments attached or
 * separate, "--", unknown options, missing arguments, optind. */
#include <unistd.h>

#include "check.h"

#define ARGC(v) ((int)(sizeof(v) / sizeof((v)[0])) - 1)

/* Runs getopt over ARGV and returns the results as a string: each
 * option letter, followed by "=arg" when it has one, then ";" */
static const char *parse(int argc, char **argv, const char *optstring)
{
	static char out[256];
	int c;

	out[0] = '\0';
	optind = 1;
	opterr = 0;
	while ((c = getopt(argc, argv, optstring)) != -1) {
		size_t n = strlen(out);
		if (optarg)
			snprintf(out + n, sizeof out - n, "%c=%s;", c, optarg);
		else
			snprintf(out + n, sizeof out - n, "%c;", c);
	}
	return out;
}

int main(void)
{
	/* POSIX behaviour (stop at the first operand) from GNU getopt too */
	setenv("POSIXLY_CORRECT", "1", 1);

	char *v1[] = {"prog", "-a", "-b", "value", "-cattached", "-de", "--", "-f", "rest", NULL};
	check_str("getopt options", parse(ARGC(v1), v1, "ab:c:def"), "a;b=value;c=attached;d;e;");
	check_long("getopt optind after --", optind, 7);

	char *v2[] = {"prog", "-ab", "x", "file", NULL};
	check_str("getopt cluster with argument", parse(ARGC(v2), v2, "ab:"), "a;b=x;");
	check_long("getopt optind at first operand", optind, 3);

	char *v3[] = {"prog", "-x", NULL};
	check_str("getopt unknown option", parse(ARGC(v3), v3, "ab"), "?;");
	check_long("getopt optopt for unknown", optopt, 'x');

	char *v4[] = {"prog", "-b", NULL};
	check_str("getopt missing argument", parse(ARGC(v4), v4, "b:"), "?;");
	check_long("getopt optopt for missing", optopt, 'b');
	check_str("getopt missing argument with ':'", parse(ARGC(v4), v4, ":b:"), ":;");

	char *v5[] = {"prog", "file", "-a", NULL};
	check_str("getopt stops at operand", parse(ARGC(v5), v5, "a"), "");
	check_long("getopt optind at operand", optind, 1);

	char *v6[] = {"prog", "-", "-a", NULL};
	check_str("getopt '-' is an operand", parse(ARGC(v6), v6, "a"), "");
	check_long("getopt optind at '-'", optind, 1);

	char *v7[] = {"prog", NULL};
	check_str("getopt no arguments", parse(ARGC(v7), v7, "a"), "");
	check_long("getopt optind with no arguments", optind, 1);

	char *v8[] = {"prog", "-b", "-a", NULL};
	check_str("getopt argument that looks like an option", parse(ARGC(v8), v8, "ab:"), "b=-a;");
	return finish();
}
