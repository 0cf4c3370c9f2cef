/*
 * dmesg [-c | -C] [-r] [-t] [-l LEVEL[,LEVEL...]] [-n LEVEL] [-D | -E] [-s SIZE]:
 * print the kernel's log, read with syslog(2) (klogctl). Each line of
 * the log is "<level>[seconds.micros] text"; dmesg prints it as
 * util-linux's dmesg does, "[    0.123456] text", and with
 *   -r  raw: the lines as the kernel gave them, with "<level>"
 *   -t  no timestamps
 *   -l  only the messages of these levels (emerg, alert, crit, err,
 *       warn, notice, info, debug, or their numbers)
 *   -c  clear the log after printing it;  -C  clear it, print nothing
 *   -n  set the level below which messages reach the console
 *       (1 or emerg: only emergencies ... 8 or debug: everything)
 *   -D / -E  turn printing to the console off / on again
 *   -s  the size of the buffer to read into (default: the log's size)
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

/* syslog(2)'s actions */
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_BUFFER 10

static const char *const level_names[] = { "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug" };

/* A level name or number: 0..7, or -1. */
static int parse_level(const char *s)
{
	for (int i = 0; i < 8; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	char *end;
	long n = strtol(s, &end, 10);
	if (*s && !*end && n >= 0 && n <= 8)
		return (int)n;
	return -1;
}

static void usage(void)
{
	fprintf(stderr, "Usage: dmesg [-c | -C] [-r] [-t] [-l LEVELS] [-n LEVEL] [-D | -E] [-s SIZE]\n");
	exit(1);
}

/* Print one line of the log (without its newline) as the options say. */
static void print_line(const char *line, size_t len, int raw, int notime, unsigned levels)
{
	const char *p = line, *end = line + len;
	int level = -1;
	if (p < end && *p == '<') {
		const char *q = p + 1;
		int v = 0;
		while (q < end && isdigit((unsigned char)*q))
			v = v * 10 + (*q++ - '0');
		if (q < end && *q == '>' && q > p + 1) {
			level = v & 7; /* the low bits; the rest is the facility */
			p = q + 1;
		}
	}
	if (levels && (level < 0 || !(levels & (1u << level))))
		return;
	if (raw) {
		fwrite(line, 1, len, stdout);
		putchar('\n');
		return;
	}
	if (notime && p < end && *p == '[') {
		const char *q = memchr(p, ']', (size_t)(end - p));
		if (q) {
			p = q + 1;
			if (p < end && *p == ' ')
				p++;
		}
	}
	fwrite(p, 1, (size_t)(end - p), stdout);
	putchar('\n');
}

int main(int argc, char **argv)
{
	int opt, raw = 0, notime = 0, action = SYSLOG_ACTION_READ_ALL, console = -1;
	unsigned levels = 0;
	long size = 0;

	while ((opt = getopt(argc, argv, "cCrtl:n:DEs:")) != -1) {
		switch (opt) {
		case 'c': action = SYSLOG_ACTION_READ_CLEAR; break;
		case 'C': action = SYSLOG_ACTION_CLEAR; break;
		case 'r': raw = 1; break;
		case 't': notime = 1; break;
		case 'D': action = SYSLOG_ACTION_CONSOLE_OFF; break;
		case 'E': action = SYSLOG_ACTION_CONSOLE_ON; break;
		case 'l':
			for (char *tok = strtok(optarg, ","); tok; tok = strtok(NULL, ",")) {
				int l = parse_level(tok);
				if (l < 0 || l > 7)
					errx(1, "unknown level '%s'", tok);
				levels |= 1u << l;
			}
			break;
		case 'n': {
			int l = parse_level(optarg);
			if (l < 0)
				errx(1, "unknown level '%s'", optarg);
			/* a name means "that level and above": emerg is 1 */
			console = isdigit((unsigned char)optarg[0]) ? l : l + 1;
			action = SYSLOG_ACTION_CONSOLE_LEVEL;
			break;
		}
		case 's':
			size = strtol(optarg, NULL, 10);
			if (size <= 0)
				errx(1, "invalid buffer size '%s'", optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	switch (action) {
	case SYSLOG_ACTION_CLEAR:
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
		if (klogctl(action, NULL, 0) < 0)
			err(1, "klogctl failed");
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (klogctl(action, NULL, console) < 0)
			err(1, "klogctl failed");
		return 0;
	}

	if (!size) {
		size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
		if (size <= 0)
			size = 16384;
	}
	char *buf = malloc((size_t)size);
	if (!buf)
		err(1, "cannot allocate %ld bytes", size);
	int n = klogctl(action, buf, (int)size);
	if (n < 0)
		err(1, "read kernel buffer failed");
	for (int start = 0; start < n;) {
		int end = start;
		while (end < n && buf[end] != '\n')
			end++;
		print_line(buf + start, (size_t)(end - start), raw, notime, levels);
		start = end + 1;
	}
	free(buf);
	return 0;
}
