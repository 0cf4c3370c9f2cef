/*
 * sh_ulimit.c: the shell's ulimit builtin (linked into sh; sh.c's
 * builtin table points here). It shows and sets the shell's resource
 * limits, which every command it starts inherits, and prints them as
 * bash does:
 *
 *   ulimit -a                 every limit, one line each
 *   ulimit -n                 the soft limit on open files
 *   ulimit -Hn                the hard one
 *   ulimit -n 64              set both soft and hard (-S or -H: only one)
 *   ulimit -s unlimited       no limit ("hard" and "soft" name the
 *                             current ones)
 *
 * Options: -a, -c, -d, -e, -f, -i, -l, -m, -n, -p, -q, -r, -R, -s, -t,
 * -u, -v, -x, -S, -H; with none, -f. Sizes are in the units the -a
 * listing shows (kbytes, 512-byte or 1024-byte blocks...).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define PIPE_LIMIT -1 /* -p: the pipe buffer's atomic size, read-only */

struct limit {
	char option;
	int resource;       /* RLIMIT_*, or PIPE_LIMIT */
	unsigned long unit; /* bytes (or seconds...) per unit shown */
	const char *description;
	const char *units;  /* NULL: a plain count */
};

/* bash's table, in bash's order */
static const struct limit limits[] = {
	{ 'R', RLIMIT_RTTIME, 1, "real-time non-blocking time", "microseconds" },
	{ 'c', RLIMIT_CORE, 1024, "core file size", "blocks" },
	{ 'd', RLIMIT_DATA, 1024, "data seg size", "kbytes" },
	{ 'e', RLIMIT_NICE, 1, "scheduling priority", NULL },
	{ 'f', RLIMIT_FSIZE, 1024, "file size", "blocks" },
	{ 'i', RLIMIT_SIGPENDING, 1, "pending signals", NULL },
	{ 'l', RLIMIT_MEMLOCK, 1024, "max locked memory", "kbytes" },
	{ 'm', RLIMIT_RSS, 1024, "max memory size", "kbytes" },
	{ 'n', RLIMIT_NOFILE, 1, "open files", NULL },
	{ 'p', PIPE_LIMIT, 512, "pipe size", "512 bytes" },
	{ 'q', RLIMIT_MSGQUEUE, 1, "POSIX message queues", "bytes" },
	{ 'r', RLIMIT_RTPRIO, 1, "real-time priority", NULL },
	{ 's', RLIMIT_STACK, 1024, "stack size", "kbytes" },
	{ 't', RLIMIT_CPU, 1, "cpu time", "seconds" },
	{ 'u', RLIMIT_NPROC, 1, "max user processes", NULL },
	{ 'v', RLIMIT_AS, 1024, "virtual memory", "kbytes" },
	{ 'x', RLIMIT_LOCKS, 1, "file locks", NULL },
};
#define NLIMITS (sizeof(limits) / sizeof(limits[0]))

static const struct limit *find_limit(char option)
{
	for (size_t i = 0; i < NLIMITS; i++)
		if (limits[i].option == option)
			return &limits[i];
	return NULL;
}

/* Print one limit: with its description when several are listed. */
static int show(const struct limit *l, int hard, int labelled)
{
	struct rlimit r = { 4096, 4096 }; /* -p: PIPE_BUF */
	if (l->resource != PIPE_LIMIT && getrlimit(l->resource, &r) != 0) {
		fprintf(stderr, "sh: ulimit: %s: cannot get limit: %s\n", l->description,
			strerror(errno));
		return 1;
	}
	if (labelled) {
		char unitstr[64];
		if (l->units)
			snprintf(unitstr, sizeof unitstr, "(%s, -%c) ", l->units, l->option);
		else
			snprintf(unitstr, sizeof unitstr, "(-%c) ", l->option);
		printf("%-20s %20s", l->description, unitstr);
	}
	rlim_t v = hard ? r.rlim_max : r.rlim_cur;
	if (v == RLIM_INFINITY)
		printf("unlimited\n");
	else
		printf("%lu\n", (unsigned long)(v / l->unit));
	return 0;
}

/* Set limit L from the word VALUE: the soft one (-S), the hard one (-H)
 * or, with neither, both. */
static int set(const struct limit *l, const char *value, int soft, int hard)
{
	struct rlimit r;
	if (l->resource == PIPE_LIMIT || getrlimit(l->resource, &r) != 0) {
		fprintf(stderr, "sh: ulimit: %s: cannot modify limit: %s\n", l->description,
			strerror(EINVAL));
		return 1;
	}
	rlim_t v;
	if (strcmp(value, "unlimited") == 0) {
		v = RLIM_INFINITY;
	} else if (strcmp(value, "hard") == 0) {
		v = r.rlim_max;
	} else if (strcmp(value, "soft") == 0) {
		v = r.rlim_cur;
	} else {
		char *end;
		errno = 0;
		unsigned long n = strtoul(value, &end, 10);
		if (*value < '0' || *value > '9' || *end || errno ||
		    n > (unsigned long)RLIM_INFINITY / l->unit) {
			fprintf(stderr, "sh: ulimit: %s: invalid number\n", value);
			return 1;
		}
		v = (rlim_t)n * l->unit;
	}
	if (!soft && !hard)
		soft = hard = 1;
	if (hard)
		r.rlim_max = v;
	if (soft)
		r.rlim_cur = v;
	if (setrlimit(l->resource, &r) != 0) {
		fprintf(stderr, "sh: ulimit: %s: cannot modify limit: %s\n", l->description,
			strerror(errno));
		return 1;
	}
	return 0;
}

int builtin_ulimit(int argc, char **argv)
{
	const struct limit *chosen[NLIMITS + 1];
	int n = 0, soft = 0, hard = 0, all = 0, i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			const struct limit *l = find_limit(*o);
			if (*o == 'S')
				soft = 1;
			else if (*o == 'H')
				hard = 1;
			else if (*o == 'a')
				all = 1;
			else if (l && n < (int)NLIMITS)
				chosen[n++] = l;
			else if (!l) {
				fprintf(stderr, "sh: ulimit: -%c: invalid option\n"
						"ulimit: usage: ulimit [-SHacdefilmnpqrstuvxR] [limit]\n",
					*o);
				return 2;
			}
		}
	}
	const char *value = i < argc ? argv[i] : NULL;
	if (i + 1 < argc) {
		fprintf(stderr, "sh: ulimit: too many arguments\n");
		return 1;
	}
	if (all) {
		int status = 0;
		for (size_t k = 0; k < NLIMITS; k++)
			status |= show(&limits[k], hard && !soft, 1);
		return status;
	}
	if (n == 0)
		chosen[n++] = find_limit('f'); /* bash's default */
	if (value)
		return set(chosen[n - 1], value, soft, hard);
	int status = 0;
	for (int k = 0; k < n; k++)
		status |= show(chosen[k], hard && !soft, n > 1);
	return status;
}
