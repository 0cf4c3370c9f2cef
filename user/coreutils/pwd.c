/*
 * pwd: print the current working directory, as the kernel reports it
 * (getcwd). The shell also has pwd as a builtin; this is the program
 * that `/bin/pwd` runs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char cwd[4096];

	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "pwd: %s\n", strerror(errno));
		return 1;
	}
	puts(cwd);
	return 0;
}
