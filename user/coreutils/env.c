/*
 * env [-i] [NAME=VALUE...] [COMMAND [ARG...]]: without a command, print
 * the environment, one NAME=VALUE per line. With one, run it with the
 * assignments added (-i: starting from an empty environment). The
 * environment is just an array of strings that execve hands from a
 * program to the next; each process gets its own copy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	static char *empty[] = { NULL };
	char **e;
	int i = 1;

	if (i < argc && strcmp(argv[i], "-i") == 0) {
		environ = empty;
		i++;
	}
	for (; i < argc && strchr(argv[i], '='); i++)
		putenv(argv[i]);
	if (i == argc) {
		for (e = environ; *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
