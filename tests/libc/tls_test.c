/* tls_test.c: thread-local storage in its simplest shape: three
 * `__thread int`s, 12 bytes aligned to 4. The linker places them at
 * %fs minus the segment size rounded to the segment's own alignment
 * (12 here, not 16), so a library that rounds to anything else reads
 * the wrong bytes. Each new thread must start with the initial values,
 * whatever the main thread did to its copies. (thread_test.c covers
 * TLS with larger alignment, .tbss and errno.) */
#include <pthread.h>

#include "check.h"

static __thread int first = 42, second = 43, third = 44;

static void *report(void *arg)
{
	int *seen = arg;

	seen[0] = first;
	seen[1] = second;
	seen[2] = third;
	first = -1; /* our copy only */
	return NULL;
}

int main(void)
{
	int seen[3] = {0};
	pthread_t t;

	check("main thread starts with the initial values", first == 42 && second == 43 && third == 44,
	      "%d %d %d", first, second, third);
	first = 1;
	second = 2;
	third = 3;
	pthread_create(&t, NULL, report, seen);
	pthread_join(t, NULL);
	check("a new thread starts with the initial values, not main's",
	      seen[0] == 42 && seen[1] == 43 && seen[2] == 44, "%d %d %d", seen[0], seen[1], seen[2]);
	check("main's copies untouched by the thread", first == 1 && second == 2 && third == 3,
	      "%d %d %d", first, second, third);
	return finish();
}
