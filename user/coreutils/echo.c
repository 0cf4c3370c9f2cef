/*
 * echo [-n] [WORD...]: print the words separated by spaces, then a
 * newline (none with -n). The shell has already removed the quotes and
 * expanded the variables: echo only ever sees finished words.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i = 1, newline = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (; i < argc; i++) {
		fputs(argv[i], stdout);
		if (i < argc - 1)
			putchar(' ');
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) == 0 ? 0 : 1;
}
