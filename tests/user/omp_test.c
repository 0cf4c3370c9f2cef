/*
 * omp_test.c: the OpenMP constructs of the lecture, each with a result
 * that can be checked (built with -fopenmp: user.mk does so for every
 * program named omp_*; on Linux it runs against gcc's libgomp).
 *
 * parallel with num_threads and if(false); omp_set_num_threads and the
 * omp_get_* queries; for with schedule(static), (dynamic,3) and
 * (guided), each covering every iteration exactly once; critical (also
 * named), atomic and reduction(+) giving exact sums; barrier keeping
 * phases apart; single run by exactly one thread, master by thread 0;
 * sections each run once; omp_lock_t and omp_nest_lock_t.
 */
#define TEST_NAME "omp"
#include "check.h"

#include <omp.h>

#define N 1000
#define TEAM 4

/* ---- teams ---- */

static void test_parallel(void)
{
	int ids = 0, members = 0, size = -1, clause_size = -1;

	expect_eq("outside_num_threads_1", omp_get_num_threads(), 1);
	expect_eq("outside_thread_num_0", omp_get_thread_num(), 0);

#pragma omp parallel num_threads(3)
	{
#pragma omp critical
		{
			members++;
			ids |= 1 << omp_get_thread_num();
			size = omp_get_num_threads();
		}
	}
	expect_eq("num_threads_3_members", members, 3);
	expect_eq("num_threads_3_ids_0_1_2", ids, 7);
	expect_eq("num_threads_3_team_size", size, 3);

	members = 0;
	size = -1;
#pragma omp parallel if (0)
	{
#pragma omp critical
		{
			members++;
			size = omp_get_num_threads();
		}
	}
	expect_eq("if_false_one_thread", members, 1);
	expect_eq("if_false_team_size_1", size, 1);

	omp_set_num_threads(5);
	expect_eq("set_num_threads_max_threads", omp_get_max_threads(), 5);
	members = 0;
#pragma omp parallel
	{
#pragma omp atomic
		members++;
	}
	expect_eq("set_num_threads_team_of_5", members, 5);

	/* the clause wins over omp_set_num_threads */
	omp_set_num_threads(3);
	members = 0;
#pragma omp parallel num_threads(4)
	{
#pragma omp atomic
		members++;
#pragma omp master
		clause_size = omp_get_num_threads();
	}
	expect_eq("clause_beats_set_num_threads", members, 4);
	expect_eq("clause_team_size_4", clause_size, 4);
	omp_set_num_threads(TEAM);
}

/* ---- worksharing loops ---- */

static int hits[N], owner[N];

static void clear_hits(void)
{
	memset(hits, 0, sizeof(hits));
	memset(owner, -1, sizeof(owner));
}

/* Every iteration exactly once? Reports the first that was not. */
static void expect_each_once(const char *check)
{
	for (int i = 0; i < N; i++) {
		if (hits[i] != 1) {
			fail(check, "iteration %d ran %d times", i, hits[i]);
			return;
		}
	}
	pass(check);
}

static void test_for(void)
{
	int i, ordered = 1, chunks_whole = 1;

	clear_hits();
#pragma omp parallel for schedule(static) num_threads(TEAM)
	for (i = 0; i < N; i++) {
#pragma omp atomic
		hits[i]++;
		owner[i] = omp_get_thread_num();
	}
	expect_each_once("for_static_each_once");
	/* static without a chunk: one block per thread, in thread order */
	for (i = 1; i < N; i++)
		if (owner[i] < owner[i - 1])
			ordered = 0;
	expect("for_static_blocks_in_thread_order", ordered,
	       "a later iteration belongs to a lower thread number");

	clear_hits();
#pragma omp parallel for schedule(dynamic, 3) num_threads(TEAM)
	for (i = 0; i < N; i++) {
#pragma omp atomic
		hits[i]++;
		owner[i] = omp_get_thread_num();
	}
	expect_each_once("for_dynamic_3_each_once");
	for (i = 0; i < N; i++)
		if (owner[i] != owner[i - i % 3])
			chunks_whole = 0;
	expect("for_dynamic_3_chunks_of_3", chunks_whole,
	       "a chunk of 3 was split between threads");

	clear_hits();
#pragma omp parallel for schedule(guided) num_threads(TEAM)
	for (i = 0; i < N; i++) {
#pragma omp atomic
		hits[i]++;
	}
	expect_each_once("for_guided_each_once");

	/* a loop that does not start at 0 nor step by 1 */
	clear_hits();
#pragma omp parallel for schedule(dynamic) num_threads(TEAM)
	for (i = N - 1; i >= 0; i -= 2) {
		hits[i]++;
		hits[i - 1]++;
	}
	expect_each_once("for_dynamic_step_minus_2_each_once");
}

/* ---- exact counters ---- */

#define PER_THREAD 10000

static void test_counters(void)
{
	long crit = 0, named_a = 0, named_b = 0, atom = 0, red = 0;
	long sum = 0;
	int i;

#pragma omp parallel num_threads(TEAM)
	for (int k = 0; k < PER_THREAD; k++) {
#pragma omp critical
		crit++;
#pragma omp critical(counter_a)
		named_a++;
#pragma omp critical(counter_b)
		named_b += 2;
#pragma omp atomic
		atom++;
	}
	expect_eq("critical_exact", crit, (long)TEAM * PER_THREAD);
	expect_eq("critical_named_a_exact", named_a, (long)TEAM * PER_THREAD);
	expect_eq("critical_named_b_exact", named_b,
		  2L * TEAM * PER_THREAD);
	expect_eq("atomic_exact", atom, (long)TEAM * PER_THREAD);

#pragma omp parallel num_threads(TEAM) reduction(+ : red)
	for (int k = 0; k < PER_THREAD; k++)
		red++;
	expect_eq("reduction_parallel_exact", red, (long)TEAM * PER_THREAD);

#pragma omp parallel for reduction(+ : sum) num_threads(TEAM)
	for (i = 1; i <= N; i++)
		sum += i;
	expect_eq("reduction_for_sum", sum, (long)N * (N + 1) / 2);
}

/* ---- barrier, single, master, sections ---- */

#define PHASES 20

static void test_barrier(void)
{
	int arrived[PHASES] = { 0 }, early = 0;

#pragma omp parallel num_threads(TEAM)
	for (int p = 0; p < PHASES; p++) {
#pragma omp atomic
		arrived[p]++;
#pragma omp barrier
		/* everybody has finished phase p before anyone goes on */
		int seen;
#pragma omp atomic read
		seen = arrived[p];
		if (seen != TEAM) {
#pragma omp atomic
			early++;
		}
	}
	expect_eq("barrier_phases_ordered", early, 0);
}

static void test_single_master_sections(void)
{
	int singles = 0, masters = 0, master_id = -1, value = 0, late = 0;
	int section_runs[3] = { 0 };

#pragma omp parallel num_threads(TEAM)
	{
#pragma omp single
		{
			singles++;
			value = 42;
		}
		/* the barrier at the end of single: all see its work */
		if (value != 42) {
#pragma omp atomic
			late++;
		}
#pragma omp master
		{
			masters++;
			master_id = omp_get_thread_num();
		}
#pragma omp sections
		{
#pragma omp section
			section_runs[0]++;
#pragma omp section
			section_runs[1]++;
#pragma omp section
			section_runs[2]++;
		}
	}
	expect_eq("single_exactly_once", singles, 1);
	expect_eq("single_barrier_publishes", late, 0);
	expect_eq("master_exactly_once", masters, 1);
	expect_eq("master_is_thread_0", master_id, 0);
	expect("sections_each_once", section_runs[0] == 1 &&
	       section_runs[1] == 1 && section_runs[2] == 1,
	       "a section ran other than once");
}

/* ---- locks ---- */

static void test_locks(void)
{
	omp_lock_t lock;
	omp_nest_lock_t nest;
	long counter = 0, nested_counter = 0;
	int try_while_held = -1, depth = -1;

	omp_init_lock(&lock);
#pragma omp parallel num_threads(TEAM)
	for (int k = 0; k < PER_THREAD; k++) {
		omp_set_lock(&lock);
		counter++;
		omp_unset_lock(&lock);
	}
	expect_eq("omp_lock_exact", counter, (long)TEAM * PER_THREAD);

	/* another thread's test_lock fails while we hold it */
	omp_set_lock(&lock);
#pragma omp parallel num_threads(2)
	{
		if (omp_get_thread_num() == 1)
			try_while_held = omp_test_lock(&lock);
	}
	omp_unset_lock(&lock);
	expect_eq("omp_test_lock_held_fails", try_while_held, 0);
	expect("omp_test_lock_free_succeeds", omp_test_lock(&lock),
	       "could not take a free lock");
	omp_unset_lock(&lock);
	omp_destroy_lock(&lock);

	omp_init_nest_lock(&nest);
	omp_set_nest_lock(&nest);
	omp_set_nest_lock(&nest); /* the owner may take it again */
	depth = omp_test_nest_lock(&nest);
	expect_eq("nest_lock_depth_3", depth, 3);
	omp_unset_nest_lock(&nest);
	omp_unset_nest_lock(&nest);
	omp_unset_nest_lock(&nest);
#pragma omp parallel num_threads(TEAM)
	for (int k = 0; k < PER_THREAD; k++) {
		omp_set_nest_lock(&nest);
		omp_set_nest_lock(&nest);
		nested_counter++;
		omp_unset_nest_lock(&nest);
		omp_unset_nest_lock(&nest);
	}
	expect_eq("omp_nest_lock_exact", nested_counter,
		  (long)TEAM * PER_THREAD);
	omp_destroy_nest_lock(&nest);
}

static void test_wtime(void)
{
	double t0 = omp_get_wtime(), t1;
	volatile long spin;

	for (spin = 0; spin < 100000; spin++)
		;
	t1 = omp_get_wtime();
	expect("wtime_not_backwards", t1 >= t0, "time went backwards");
	expect("wtick_positive", omp_get_wtick() > 0, "wtick <= 0");
}

int main(void)
{
	omp_set_num_threads(TEAM);
	test_parallel();
	test_for();
	test_counters();
	test_barrier();
	test_single_master_sections();
	test_locks();
	test_wtime();
	return check_summary();
}
