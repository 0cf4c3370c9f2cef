/* omp_basic_test.c: OpenMP parallel regions and mutual exclusion, the
 * lecture's programs with checked results. `parallel num_threads(4)`
 * wins over omp_set_num_threads(3); the if clause; the racy loop with
 * a shared loop variable (it must finish, whatever it computes); a
 * shared counter made exact by critical, named critical, atomic,
 * reduction, omp_lock_t and omp_nest_lock_t; atomic on long double
 * (which gcc does with a lock); threadprivate; nested regions;
 * OMP_NUM_THREADS; omp_get_wtime. Built with -fopenmp (tests/libc/
 * run.sh): against gcc's libgomp and against this project's libomp. */
#include <omp.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define COUNT 100000 /* increments per counter, over all threads */

/* --- team size ------------------------------------------------------------ */

static void team_size(void)
{
	int seen[8] = {0}, team = 0, in_parallel = 0;

	omp_set_num_threads(3);
	check_long("omp_get_max_threads after omp_set_num_threads(3)", omp_get_max_threads(), 3);
	check_long("outside a region: 1 thread", omp_get_num_threads(), 1);
	check_long("outside a region: thread 0", omp_get_thread_num(), 0);
	check("outside a region: omp_in_parallel() == 0", !omp_in_parallel(), "true");

#pragma omp parallel num_threads(4)
	{
		int id = omp_get_thread_num();
#pragma omp critical
		{
			if (id >= 0 && id < 8)
				seen[id]++;
			team = omp_get_num_threads();
			in_parallel += omp_in_parallel() != 0;
		}
	}
	check_long("parallel num_threads(4) beats omp_set_num_threads(3)", team, 4);
	check("threads 0..3 each ran the region once", seen[0] == 1 && seen[1] == 1 && seen[2] == 1 &&
	      seen[3] == 1 && seen[4] == 0, "%d %d %d %d %d", seen[0], seen[1], seen[2], seen[3], seen[4]);
	check_long("omp_in_parallel() inside", in_parallel, 4);

	int n = 0;
#pragma omp parallel
	{
#pragma omp atomic
		n++;
	}
	check_long("plain parallel: the 3 threads omp_set_num_threads asked for", n, 3);

	int flag = 0;
	n = 0;
#pragma omp parallel if (flag) num_threads(4)
	{
#pragma omp atomic
		n++;
		if (omp_in_parallel())
			n += 100;
	}
	check_long("parallel if(0): one thread, not in parallel", n, 1);
	omp_set_num_threads(4);
}

/* --- the racy loop ----------------------------------------------------------- */

static void racy_loop(void)
{
	int i, bodies = 0;

	/* The lecture's bug: i is shared, so the threads advance one
	 * counter together and skip or repeat iterations. The result is
	 * anybody's guess; the program must merely finish. */
#pragma omp parallel num_threads(4)
	for (i = 0; i < 1000; i++) {
#pragma omp atomic
		bodies++;
	}
	printf("# racy loop with a shared i ran %d bodies (4000 without the race)\n", bodies);
	check("racy shared-loop-variable program finishes", bodies >= 1, "bodies=%d", bodies);
}

/* --- counters ------------------------------------------------------------------ */

static void counters(void)
{
	long critical_count = 0, named_count = 0, atomic_count = 0, reduced = 0, lock_count = 0,
	     nest_count = 0;
	omp_lock_t lock;
	omp_nest_lock_t nest;

#pragma omp parallel for num_threads(4)
	for (int i = 0; i < COUNT; i++) {
#pragma omp critical
		critical_count++;
	}
	check_long("4 threads: critical counter exact", critical_count, COUNT);

#pragma omp parallel for num_threads(4)
	for (int i = 0; i < COUNT; i++) {
#pragma omp critical(named_counter)
		named_count++;
	}
	check_long("4 threads: critical(name) counter exact", named_count, COUNT);

#pragma omp parallel for num_threads(4)
	for (int i = 0; i < COUNT; i++) {
#pragma omp atomic
		atomic_count++;
	}
	check_long("4 threads: atomic counter exact", atomic_count, COUNT);

#pragma omp parallel for num_threads(4) reduction(+ : reduced)
	for (int i = 0; i < COUNT; i++)
		reduced++;
	check_long("4 threads: reduction(+:sum) exact", reduced, COUNT);

	omp_init_lock(&lock);
#pragma omp parallel for num_threads(4)
	for (int i = 0; i < COUNT; i++) {
		omp_set_lock(&lock);
		lock_count++;
		omp_unset_lock(&lock);
	}
	omp_destroy_lock(&lock);
	check_long("4 threads: omp_lock_t counter exact", lock_count, COUNT);

	omp_init_nest_lock(&nest);
#pragma omp parallel for num_threads(4)
	for (int i = 0; i < COUNT / 10; i++) {
		omp_set_nest_lock(&nest);
		omp_set_nest_lock(&nest); /* again: the owner may */
		nest_count++;
		omp_unset_nest_lock(&nest);
		omp_unset_nest_lock(&nest);
	}
	check_long("4 threads: omp_nest_lock_t counter exact", nest_count, COUNT / 10);

	omp_init_lock(&lock);
	check("omp_test_lock on a free lock", omp_test_lock(&lock) != 0, "failed");
	int other = -1;
#pragma omp parallel num_threads(2)
	if (omp_get_thread_num() == 1)
		other = omp_test_lock(&lock);
	check_long("omp_test_lock from another thread fails", other, 0);
	omp_unset_lock(&lock);
	omp_destroy_lock(&lock);

	check_long("omp_test_nest_lock returns the depth", omp_test_nest_lock(&nest), 1);
	check_long("...2 when taken again", omp_test_nest_lock(&nest), 2);
	omp_unset_nest_lock(&nest);
	omp_unset_nest_lock(&nest);
	omp_destroy_nest_lock(&nest);
}

/* gcc has no single instruction for these, so it brackets them with
 * GOMP_atomic_start/end; several reductions are merged the same way. */
static void lock_based_atomics(void)
{
	long double ld = 0;
	double sum = 0, product = 1;
	long max = 0, min = 1 << 30;

#if defined(__GNUC__) && !defined(__clang__) /* clang would call libatomic */
#pragma omp parallel for num_threads(4)
	for (int i = 0; i < COUNT / 10; i++) {
#pragma omp atomic
		ld += 1.0L;
	}
	check("atomic on long double exact", ld == COUNT / 10, "got %Lf", ld);
#else
	(void)ld;
#endif

#pragma omp parallel for num_threads(4) reduction(+ : sum) reduction(* : product) \
	reduction(max : max) reduction(min : min)
	for (int i = 1; i <= 20; i++) {
		sum += i;
		product *= i % 3 == 0 ? 2 : 1;
		if (i > max)
			max = i;
		if (i < min)
			min = i;
	}
	check("four reductions (+, *, max, min) at once", sum == 210 && product == 64 && max == 20 &&
	      min == 1, "sum %g product %g max %ld min %ld", sum, product, max, min);
}

/* --- threadprivate and nesting ---------------------------------------------- */

static int tp_value = 5;
#pragma omp threadprivate(tp_value)

static void threadprivate_and_nesting(void)
{
	int ok = 1;

#pragma omp parallel num_threads(4) reduction(&& : ok)
	{
		ok = tp_value == 5 || omp_get_thread_num() != 0;
		tp_value = 100 + omp_get_thread_num();
#pragma omp barrier
		ok = ok && tp_value == 100 + omp_get_thread_num();
	}
	check("threadprivate: one copy per thread", ok, "a thread saw another's copy");

	int inner_total = 0, outer_threads = 0, levels_ok = 1;
#pragma omp parallel num_threads(2) reduction(+ : outer_threads)
	{
		outer_threads = 1;
#pragma omp parallel num_threads(2)
		{
#pragma omp atomic
			inner_total++;
#pragma omp critical
			levels_ok = levels_ok && omp_get_level() == 2;
		}
	}
	printf("# nested: 2 outer threads ran %d inner bodies\n", inner_total);
	check("nested parallel region runs, at level 2", outer_threads == 2 && inner_total >= 2 &&
	      inner_total <= 4 && levels_ok, "outer %d inner %d", outer_threads, inner_total);
}

/* --- environment and time -------------------------------------------------- */

static void environment(const char *self)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		setenv("OMP_NUM_THREADS", "3", 1);
		execl(self, self, "report-threads", (char *)NULL);
		_exit(99);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	check("OMP_NUM_THREADS=3 sets the default team size", WIFEXITED(st) && WEXITSTATUS(st) == 3,
	      "status 0x%x", st);

	double t0 = omp_get_wtime();
	usleep(10000);
	double t1 = omp_get_wtime();
	check("omp_get_wtime advances (10 ms sleep)", t1 - t0 >= 0.009 && t1 - t0 < 5, "%f s", t1 - t0);
	check("omp_get_wtick is small and positive", omp_get_wtick() > 0 && omp_get_wtick() < 0.01,
	      "%g", omp_get_wtick());
	check("omp_get_num_procs >= 1", omp_get_num_procs() >= 1, "%d", omp_get_num_procs());
}

/* Run by environment() in a child: exits with the team size a plain
 * parallel region gets. */
static int report_threads(void)
{
	int n = 0;
#pragma omp parallel
	{
#pragma omp single
		n = omp_get_num_threads();
	}
	return n;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "report-threads") == 0)
		return report_threads();
	team_size();
	racy_loop();
	counters();
	lock_based_atomics();
	threadprivate_and_nesting();
	environment(argv[0]);
	return finish();
}
