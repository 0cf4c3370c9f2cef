/* sort_test.c: qsort (random, sorted, reversed, equal and large
 * inputs, wide elements) and bsearch. */
#include <stdlib.h>

#include "check.h"

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct wide {
	long key;
	char pad[40];
};

static int cmp_wide(const void *a, const void *b)
{
	long x = ((const struct wide *)a)->key, y = ((const struct wide *)b)->key;

	return (x > y) - (x < y);
}

static int sorted(const int *v, int n)
{
	for (int i = 1; i < n; i++)
		if (v[i - 1] > v[i])
			return 0;
	return 1;
}

static void sort_ints(const char *name, int *v, int n)
{
	long sum = 0, after = 0;

	for (int i = 0; i < n; i++)
		sum += v[i];
	qsort(v, (size_t)n, sizeof *v, cmp_int);
	for (int i = 0; i < n; i++)
		after += v[i];
	check(name, sorted(v, n) && sum == after, "not sorted or elements changed");
}

int main(void)
{
	enum { N = 20000 };
	int *v = malloc(N * sizeof *v);

	srand(12345);
	for (int i = 0; i < N; i++)
		v[i] = rand() % 1000;
	sort_ints("qsort random with duplicates", v, N);
	sort_ints("qsort already sorted", v, N);
	for (int i = 0; i < N; i++)
		v[i] = N - i;
	sort_ints("qsort reversed", v, N);
	for (int i = 0; i < N; i++)
		v[i] = 7;
	sort_ints("qsort all equal", v, N);
	for (int i = 0; i < N; i++)
		v[i] = i % 2 ? i : -i; /* organ-pipe-like pattern */
	sort_ints("qsort alternating", v, N);
	int one[1] = {5};
	sort_ints("qsort one element", one, 1);
	sort_ints("qsort zero elements", one, 0);
	int small[] = {3, 1, 2};
	sort_ints("qsort three", small, 3);

	char *words[] = {"pear", "apple", "fig", "banana", "cherry"};
	qsort(words, 5, sizeof *words, cmp_str);
	check("qsort strings", !strcmp(words[0], "apple") && !strcmp(words[4], "pear") &&
		  !strcmp(words[2], "cherry"), "got %s %s %s", words[0], words[2], words[4]);

	struct wide w[100];
	for (int i = 0; i < 100; i++) {
		w[i].key = (i * 37) % 100;
		memset(w[i].pad, (int)w[i].key, sizeof w[i].pad);
	}
	qsort(w, 100, sizeof *w, cmp_wide);
	int ok = 1;
	for (int i = 0; i < 100; i++)
		ok &= w[i].key == i && w[i].pad[39] == (char)i;
	check("qsort 48-byte elements", ok, "elements scrambled");

	for (int i = 0; i < N; i++)
		v[i] = 2 * i;
	int key = 2 * 1234, *hit = bsearch(&key, v, N, sizeof *v, cmp_int);
	check("bsearch finds", hit == &v[1234], "wrong element");
	key = 0;
	check("bsearch first", bsearch(&key, v, N, sizeof *v, cmp_int) == &v[0], "wrong");
	key = 2 * (N - 1);
	check("bsearch last", bsearch(&key, v, N, sizeof *v, cmp_int) == &v[N - 1], "wrong");
	key = 7;
	check("bsearch missing", bsearch(&key, v, N, sizeof *v, cmp_int) == NULL, "found");
	check("bsearch empty", bsearch(&key, v, 0, sizeof *v, cmp_int) == NULL, "found");
	free(v);
	return finish();
}
