/*
 * hello.c: a student's program, built outside the kernel's tree rules
 * with build/bin/oscc and put in the image with EXTRA= (README). The
 * test harness boots it, runs it from the shell and checks its output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	printf("hello, %s, from a process with a parent: %s\n", argc > 1 ? argv[1] : "nobody",
	       getppid() > 0 ? "yes" : "no");
	char *copy = malloc(64);
	snprintf(copy, 64, "%d arguments", argc - 1);
	puts(copy);
	free(copy);
	return 3;
}
