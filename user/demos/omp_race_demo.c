/*
 * omp_race_demo [N]: two data races in OpenMP loops, and their fixes.
 *
 * Lecture point: inside `#pragma omp parallel` every variable declared
 * before the region is shared by the whole team.
 *
 * 1. The loop variable. With plain `parallel` (not `parallel for`) each
 *    thread runs the whole loop, and all of them step the one shared
 *    i: a thread reads i, another has moved it meanwhile, iterations
 *    are skipped or done twice. `#pragma omp parallel for` fixes it:
 *    it gives each thread a private i and its own share of the
 *    iterations.
 * 2. A shared counter. count++ is three steps (load, add, store); two
 *    threads that load the same value both store value + 1, and one
 *    increment is lost. reduction(+:count) fixes it: each thread counts
 *    in a private copy and the copies are added at the end. (The racy
 *    counter is volatile only so that the compiler does one load and
 *    one store per iteration, as the source says, instead of folding
 *    the loop into one addition; volatile does not make ++ atomic.)
 *
 * What to look for: the racy lines report a number of iterations and a
 * count that are not N and differ from run to run; the fixed lines
 * report exactly N. With one CPU the threads mostly take turns, each
 * finishing its loop within a time slice: the shared-i loop then runs
 * about 4 x N times (every thread starts i again at 0) and the racy
 * counter may well come out right. A race is a bug even when it hides.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	long iterations = 0, count = 0, i;
	volatile long racy_count = 0;

	/* 1: one shared i for the whole team */
#pragma omp parallel num_threads(4)
	for (i = 0; i < n; i++) {
#pragma omp atomic
		iterations++;
	}
	printf("shared loop variable:  %ld iterations (wanted %ld)\n",
	       iterations, n);

	iterations = 0;
#pragma omp parallel for num_threads(4)
	for (i = 0; i < n; i++) {
#pragma omp atomic
		iterations++;
	}
	printf("parallel for:          %ld iterations\n", iterations);

	/* 2: a shared counter */
#pragma omp parallel for num_threads(4)
	for (i = 0; i < n; i++)
		racy_count++;
	printf("shared counter++:      count = %ld (wanted %ld)\n",
	       (long)racy_count, n);

#pragma omp parallel for num_threads(4) reduction(+ : count)
	for (i = 0; i < n; i++)
		count++;
	printf("reduction(+:count):    count = %ld\n", count);
	return 0;
}
