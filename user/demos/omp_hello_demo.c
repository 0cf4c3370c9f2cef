/*
 * omp_hello_demo: a team of OpenMP threads says hello.
 *
 * Lecture point: `#pragma omp parallel` starts a team of threads, and
 * every thread of the team runs the block below it. Each thread has a
 * number, omp_get_thread_num() (0 is the master: the thread that was
 * running before), and can ask the size of its team,
 * omp_get_num_threads(). omp_set_num_threads(3) sets how many threads
 * later parallel regions get, but a num_threads(4) clause on one
 * region wins for that region.
 *
 * What to look for: four hello lines, from threads 0 to 3, each saying
 * the team has 4 threads (not 3), in an order that changes from run to
 * run: the threads run at the same time and print when they get there.
 * The region after it, without the clause, has the 3 threads that
 * omp_set_num_threads asked for. Outside a region there is one thread.
 */
#include <omp.h>
#include <stdio.h>

int main(void)
{
	omp_set_num_threads(3);

#pragma omp parallel num_threads(4)
	{
		printf("hello from thread %d of %d\n", omp_get_thread_num(),
		       omp_get_num_threads());
	}

	printf("\nwithout the clause:\n");
#pragma omp parallel
	{
		printf("hello from thread %d of %d\n", omp_get_thread_num(),
		       omp_get_num_threads());
	}

	printf("\noutside any region: thread %d of %d\n",
	       omp_get_thread_num(), omp_get_num_threads());
	return 0;
}
