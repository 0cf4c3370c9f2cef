/*
 * omp_counter_demo [N]: four ways to count correctly with OpenMP, and
 * what each costs.
 *
 * Lecture point: a team increments one counter N times in all. Each
 * way gives the exact total, at a different price:
 *   critical   one thread at a time runs the block (a lock around it);
 *   atomic     the increment is one indivisible instruction (lock add),
 *              no lock, but the counter's cache line still moves from
 *              CPU to CPU on every increment;
 *   reduction  each thread counts in its own private copy, and the
 *              copies are added once at the end: nothing is shared
 *              inside the loop;
 *   omp_lock_t an explicit lock, set and unset around the increment,
 *              like critical but spelt out.
 *
 * What to look for: every total is exactly N. The times (omp_get_wtime)
 * usually rank reduction fastest by far, atomic next, critical and the
 * lock slowest; with one CPU the differences shrink, as no two threads
 * ever touch the counter at the same moment.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static void report(const char *how, long total, long n, double seconds)
{
	printf("%-10s total %ld %s  %8.3f ms\n", how, total,
	       total == n ? "(exact)" : "(WRONG)", seconds * 1000.0);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 400000;
	long count, i;
	omp_lock_t lock;
	double start;

	omp_set_num_threads(4);
	printf("%ld increments by a team of 4\n", n);

	count = 0;
	start = omp_get_wtime();
#pragma omp parallel for
	for (i = 0; i < n; i++) {
#pragma omp critical
		count++;
	}
	report("critical", count, n, omp_get_wtime() - start);

	count = 0;
	start = omp_get_wtime();
#pragma omp parallel for
	for (i = 0; i < n; i++) {
#pragma omp atomic
		count++;
	}
	report("atomic", count, n, omp_get_wtime() - start);

	count = 0;
	start = omp_get_wtime();
#pragma omp parallel for reduction(+ : count)
	for (i = 0; i < n; i++)
		count++;
	report("reduction", count, n, omp_get_wtime() - start);

	count = 0;
	omp_init_lock(&lock);
	start = omp_get_wtime();
#pragma omp parallel for
	for (i = 0; i < n; i++) {
		omp_set_lock(&lock);
		count++;
		omp_unset_lock(&lock);
	}
	report("omp_lock", count, n, omp_get_wtime() - start);
	omp_destroy_lock(&lock);
	return 0;
}
