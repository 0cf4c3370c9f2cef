/* qsort.c: sorting arrays (qsort, qsort_r) and searching sorted ones
 * (bsearch).
 *
 * qsort is an introsort: quicksort with a median-of-three pivot,
 * insertion sort for short runs (quicker than more partitioning at that
 * size), and a switch to heapsort if the recursion gets deeper than
 * 2 log2(n), which only a pathological input causes; so the worst case
 * stays O(n log n). Not stable, as C allows. */
#include <stdlib.h>

#define SMALL 12 /* runs this short are insertion-sorted */

struct sorter {
	char *base;
	size_t size;
	int (*cmp)(const void *, const void *, void *);
	void *arg;
};

static char *elem(const struct sorter *s, size_t i)
{
	return s->base + i * s->size;
}

static int less(const struct sorter *s, size_t i, size_t j)
{
	return s->cmp(elem(s, i), elem(s, j), s->arg) < 0;
}

static void swap(const struct sorter *s, size_t i, size_t j)
{
	char *a = elem(s, i), *b = elem(s, j);

	for (size_t k = 0; k < s->size; k++) {
		char t = a[k];
		a[k] = b[k];
		b[k] = t;
	}
}

static void insertion_sort(const struct sorter *s, size_t lo, size_t hi)
{
	for (size_t i = lo + 1; i <= hi; i++)
		for (size_t j = i; j > lo && less(s, j, j - 1); j--)
			swap(s, j, j - 1);
}

/* Restores the heap property below node I of the heap lo..lo+n-1. */
static void sift_down(const struct sorter *s, size_t lo, size_t i, size_t n)
{
	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= n)
			return;
		if (child + 1 < n && less(s, lo + child, lo + child + 1))
			child++;
		if (!less(s, lo + i, lo + child))
			return;
		swap(s, lo + i, lo + child);
		i = child;
	}
}

static void heap_sort(const struct sorter *s, size_t lo, size_t hi)
{
	size_t n = hi - lo + 1;

	for (size_t i = n / 2; i-- > 0;)
		sift_down(s, lo, i, n);
	for (size_t end = n - 1; end > 0; end--) {
		swap(s, lo, lo + end);
		sift_down(s, lo, 0, end);
	}
}

/* Puts the median of lo, mid, hi at lo as the pivot, then partitions
 * lo+1..hi around it (Hoare style); returns the pivot's final place. */
static size_t partition(const struct sorter *s, size_t lo, size_t hi)
{
	size_t mid = lo + (hi - lo) / 2;

	if (less(s, mid, lo))
		swap(s, mid, lo);
	if (less(s, hi, lo))
		swap(s, hi, lo);
	if (less(s, hi, mid))
		swap(s, hi, mid);
	swap(s, lo, mid); /* median now at lo */

	size_t i = lo, j = hi + 1;
	for (;;) {
		do
			i++;
		while (i < hi && less(s, i, lo));
		do
			j--;
		while (less(s, lo, j));
		if (i >= j)
			break;
		swap(s, i, j);
	}
	swap(s, lo, j);
	return j;
}

/* Recurses into the smaller part and loops on the larger one, so the
 * stack depth stays O(log n) even before the heapsort guard. */
static void intro_sort(const struct sorter *s, size_t lo, size_t hi, int depth)
{
	while (hi > lo && hi - lo >= SMALL) {
		if (depth-- == 0) {
			heap_sort(s, lo, hi);
			return;
		}
		size_t p = partition(s, lo, hi);
		if (p - lo < hi - p) {
			if (p > lo)
				intro_sort(s, lo, p - 1, depth);
			lo = p + 1;
		} else {
			intro_sort(s, p + 1, hi, depth);
			if (p == 0)
				return;
			hi = p - 1;
		}
	}
	if (hi > lo)
		insertion_sort(s, lo, hi);
}

void qsort_r(void *base, size_t n, size_t size,
	     int (*cmp)(const void *, const void *, void *), void *arg)
{
	struct sorter s = {base, size, cmp, arg};
	int depth = 0;

	if (n < 2 || size == 0)
		return;
	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	intro_sort(&s, 0, n - 1, depth);
}

/* qsort's comparison takes no context: pass it through qsort_r's. */
static int call_plain(const void *a, const void *b, void *fn)
{
	return (*(int (**)(const void *, const void *))fn)(a, b);
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	qsort_r(base, n, size, call_plain, &cmp);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *b = base;
	size_t lo = 0, hi = n; /* the answer, if any, is in [lo, hi) */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp(key, b + mid * size);
		if (c == 0)
			return (void *)(b + mid * size);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
