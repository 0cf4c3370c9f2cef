/* threadsafe_test.c: the C library used from several threads at once.
 * stdio: four threads printing to one stream get whole lines, never
 * mixed ones; flockfile makes a group of putc_unlocked calls one unit.
 * malloc: four threads allocating, filling, checking and freeing never
 * get overlapping blocks. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define NTHREADS 4
#define LINES 5000

static FILE *shared_file;

/* Each line: "T<id> <n> " + 40 copies of the id letter + "\n". */
static void *print_lines(void *arg)
{
	int id = (int)(long)arg;
	char pad[41];

	memset(pad, 'a' + id, 40);
	pad[40] = '\0';
	for (int n = 0; n < LINES; n++) {
		if (n % 2)
			fprintf(shared_file, "T%d %d %s\n", id, n, pad);
		else { /* by hand, under flockfile */
			char head[32];
			int len = snprintf(head, sizeof head, "T%d %d ", id, n);
			flockfile(shared_file);
			for (int i = 0; i < len; i++)
				putc_unlocked(head[i], shared_file);
			fputs(pad, shared_file); /* relocking: the lock is recursive */
			putc_unlocked('\n', shared_file);
			funlockfile(shared_file);
		}
	}
	return NULL;
}

static void stdio_lines(void)
{
	char path[256];
	pthread_t t[NTHREADS];
	int next[NTHREADS] = {0};
	int bad = 0, lines = 0;

	scratch(path, sizeof path, "threadsafe");
	shared_file = fopen(path, "w");
	setvbuf(shared_file, NULL, _IOFBF, 1000); /* flushes often, mid-line */
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, print_lines, (void *)i);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	fclose(shared_file);

	FILE *f = fopen(path, "r");
	char line[256];
	while (f && fgets(line, sizeof line, f)) {
		int id, n, end = 0;
		char pad[64];
		lines++;
		if (sscanf(line, "T%d %d %63s%n", &id, &n, pad, &end) != 3 || id < 0 || id >= NTHREADS ||
		    strlen(pad) != 40 || strspn(pad, (char[]){(char)('a' + id), 0}) != 40 ||
		    line[end] != '\n' || n != next[id]) {
			bad++;
			continue;
		}
		next[id]++;
	}
	if (f)
		fclose(f);
	unlink(path);
	check_long("4 threads x 5000 lines to one FILE: lines", lines, NTHREADS * LINES);
	check_long("no line mixed with another, each thread's in order", bad, 0);
}

/* --- malloc ----------------------------------------------------------------- */

static void *malloc_churn(void *arg)
{
	unsigned seed = (unsigned)(long)arg * 2654435761u;
	void *blocks[64] = {0};
	size_t sizes[64] = {0};
	long bad = 0;

	for (int i = 0; i < 20000; i++) {
		int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 64;
		if (blocks[k]) {
			unsigned char *p = blocks[k];
			for (size_t j = 0; j < sizes[k]; j++)
				bad += p[j] != (unsigned char)(k + (long)arg);
			free(p);
			blocks[k] = NULL;
		} else {
			sizes[k] = (seed >> 8) % 3000 + 1;
			if (i % 100 == 0)
				sizes[k] += 200000; /* a big one: its own mapping */
			blocks[k] = malloc(sizes[k]);
			if (!blocks[k] || ((uintptr_t)blocks[k] & 15))
				bad++;
			else
				memset(blocks[k], (unsigned char)(k + (long)arg), sizes[k]);
		}
	}
	for (int k = 0; k < 64; k++)
		free(blocks[k]);
	return (void *)bad;
}

static void malloc_threads(void)
{
	pthread_t t[NTHREADS];
	long bad = 0;

	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, malloc_churn, (void *)i);
	for (int i = 0; i < NTHREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	check_long("4 threads x 20000 malloc/free: no block overwritten by another", bad, 0);
}

int main(void)
{
	stdio_lines();
	malloc_threads();
	return finish();
}
