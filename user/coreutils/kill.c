/*
 * kill [-SIGNAL | -s SIGNAL] PID...: send a signal (default TERM) to
 * processes; SIGNAL is a number or a name, with or without "SIG".
 * kill -l lists the names. "kill -0 PID" sends nothing but tells (by the
 * exit status) whether the process exists. A negative PID means a
 * process group (write it after "--": kill -- -42).
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Linux's x86-64 signal numbers: names[N] is signal N. */
static const char *const names[] = {
	[1] = "HUP",     [2] = "INT",     [3] = "QUIT",    [4] = "ILL",
	[5] = "TRAP",    [6] = "ABRT",    [7] = "BUS",     [8] = "FPE",
	[9] = "KILL",    [10] = "USR1",   [11] = "SEGV",   [12] = "USR2",
	[13] = "PIPE",   [14] = "ALRM",   [15] = "TERM",   [16] = "STKFLT",
	[17] = "CHLD",   [18] = "CONT",   [19] = "STOP",   [20] = "TSTP",
	[21] = "TTIN",   [22] = "TTOU",   [23] = "URG",    [24] = "XCPU",
	[25] = "XFSZ",   [26] = "VTALRM", [27] = "PROF",   [28] = "WINCH",
	[29] = "IO",     [30] = "PWR",    [31] = "SYS",
};
enum { NSIG_NAMED = sizeof(names) / sizeof(names[0]) };

/* Are A and B equal, ignoring case? (so "kill -kill" works too) */
static int same_ignoring_case(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
			return 0;
	return *a == *b; /* both ended */
}

/* Signal number for "9", "KILL", "SIGKILL" or "kill"; -1 if unknown. */
static int parse_signal(const char *s)
{
	char *end;
	long n;
	int i;

	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		return *end == '\0' && n >= 0 && n <= 64 ? (int)n : -1;
	}
	if (toupper((unsigned char)s[0]) == 'S' &&
	    toupper((unsigned char)s[1]) == 'I' &&
	    toupper((unsigned char)s[2]) == 'G')
		s += 3;
	for (i = 1; i < NSIG_NAMED; i++)
		if (same_ignoring_case(s, names[i]))
			return i;
	return -1;
}

static void list_signals(void)
{
	int i;

	for (i = 1; i < NSIG_NAMED; i++)
		printf("%2d) SIG%-8s%s", i, names[i], i % 4 == 0 ? "\n" : " ");
	printf("\n");
}

int main(int argc, char **argv)
{
	int i = 1, sig = SIGTERM, status = 0;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		list_signals();
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		sig = parse_signal(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--")) {
		sig = parse_signal(argv[1] + 1);
		i = 2;
	}
	if (sig < 0) {
		fprintf(stderr, "kill: unknown signal: %s\n", argv[i - 1]);
		return 1;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc) {
		fprintf(stderr, "usage: kill [-SIGNAL] PID...  |  kill -l\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (*argv[i] == '\0' || *end != '\0') {
			fprintf(stderr, "kill: invalid process id: %s\n",
				argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) != 0) {
			fprintf(stderr, "kill: (%ld) - %s\n", pid,
				strerror(errno));
			status = 1;
		}
	}
	return status;
}
