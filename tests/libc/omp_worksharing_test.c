/* omp_worksharing_test.c: OpenMP constructs that share work inside a
 * team: `for` with static, dynamic, guided and runtime schedules (every
 * iteration exactly once, for up and down counting, strides, unsigned
 * long long loops, and long chains of `nowait` loops), `ordered`,
 * `sections`, `single` (with nowait and copyprivate), `master`,
 * `barrier`, and tasks. Built with -fopenmp (tests/libc/run.sh). */
#include <omp.h>
#include <stdlib.h>

#include "check.h"

#define N 10007 /* a prime: no schedule divides it evenly */

static int hits[N];

static void clear_hits(void)
{
	memset(hits, 0, sizeof hits);
}

/* Every index in [0, N) hit exactly once (STEP > 1: only multiples;
 * DOWN: counting from N - 1). */
static void check_hits_from(const char *name, int step, int down)
{
	int bad = 0;

	for (int i = 0; i < N; i++)
		bad += hits[i] != ((down ? N - 1 - i : i) % step == 0);
	check(name, bad == 0, "%d indices hit a wrong number of times", bad);
	clear_hits();
}

static void check_hits(const char *name, int step)
{
	check_hits_from(name, step, 0);
}

#define HIT(i)                                     \
	do {                                       \
		_Pragma("omp atomic") hits[i]++;   \
	} while (0)

static void schedules(void)
{
#pragma omp parallel for num_threads(4) schedule(static)
	for (int i = 0; i < N; i++)
		HIT(i);
	check_hits("schedule(static): each iteration once", 1);

#pragma omp parallel for num_threads(4) schedule(static, 7)
	for (int i = 0; i < N; i++)
		HIT(i);
	check_hits("schedule(static, 7)", 1);

#pragma omp parallel for num_threads(4) schedule(dynamic)
	for (int i = 0; i < N; i++)
		HIT(i);
	check_hits("schedule(dynamic)", 1);

#pragma omp parallel for num_threads(4) schedule(dynamic, 13)
	for (int i = 0; i < N; i++)
		HIT(i);
	check_hits("schedule(dynamic, 13)", 1);

#pragma omp parallel for num_threads(4) schedule(guided)
	for (int i = 0; i < N; i++)
		HIT(i);
	check_hits("schedule(guided)", 1);

#pragma omp parallel for num_threads(4) schedule(guided, 5)
	for (int i = 0; i < N; i++)
		HIT(i);
	check_hits("schedule(guided, 5)", 1);

#pragma omp parallel for num_threads(4) schedule(monotonic : dynamic, 3)
	for (int i = 0; i < N; i++)
		HIT(i);
	check_hits("schedule(monotonic:dynamic, 3)", 1);

	omp_sched_t kinds[] = {omp_sched_static, omp_sched_dynamic, omp_sched_guided, omp_sched_auto};
	for (int k = 0; k < 4; k++) {
		char name[64];
		omp_set_schedule(kinds[k], k == 3 ? 0 : 4);
#pragma omp parallel for num_threads(4) schedule(runtime)
		for (int i = 0; i < N; i++)
			HIT(i);
		snprintf(name, sizeof name, "schedule(runtime), omp_set_schedule kind %d", (int)kinds[k]);
		check_hits(name, 1);
	}
	omp_sched_t kind;
	int chunk;
	omp_set_schedule(omp_sched_guided, 9);
	omp_get_schedule(&kind, &chunk);
	check("omp_get_schedule returns what was set", kind == omp_sched_guided && chunk == 9,
	      "kind %d chunk %d", (int)kind, chunk);

	/* counting down, with a stride; a loop variable not starting at 0 */
	int n = N; /* not constant: gcc calls the runtime for these */
#pragma omp parallel for num_threads(4) schedule(dynamic, 5)
	for (int i = n - 1; i >= 0; i -= 3)
		HIT(i);
	check_hits_from("dynamic loop counting down by 3", 3, 1);

#pragma omp parallel for num_threads(4) schedule(guided)
	for (long i = 2; i < n; i += 2)
		HIT(i);
	hits[0]++;
	check_hits("guided loop from 2 by 2", 2);

#pragma omp parallel for num_threads(3) schedule(dynamic, 4)
	for (unsigned long long u = 0; u < (unsigned long long)n; u++)
		HIT(u);
	check_hits("unsigned long long loop variable", 1);

	static int grid[37][41];
	int rows = 37, bad = 0;
#pragma omp parallel for collapse(2) num_threads(4) schedule(dynamic, 5)
	for (int i = 0; i < rows; i++)
		for (int j = 0; j < 41; j++) {
#pragma omp atomic
			grid[i][j]++;
		}
	for (int i = 0; i < 37; i++)
		for (int j = 0; j < 41; j++)
			bad += grid[i][j] != 1;
	check_long("collapse(2) dynamic: each (i, j) once", bad, 0);

	int none = 0;
#pragma omp parallel for num_threads(4) schedule(dynamic)
	for (int i = 0; i < n - N; i++)
		none++;
	check_long("empty dynamic loop runs no iteration", none, 0);
}

/* Loops inside one region, most with nowait: threads run ahead into
 * later loops while others finish earlier ones. */
static void loop_chains(void)
{
	static int rows[40][64];
	long total = 0;

#pragma omp parallel num_threads(4) reduction(+ : total)
	{
		for (int r = 0; r < 40; r++) {
#pragma omp for schedule(dynamic, 2) nowait
			for (int i = 0; i < 64; i++) {
				rows[r][i]++;
				total++;
			}
		}
#pragma omp for schedule(guided)
		for (int i = 0; i < 64; i++)
			total += 0 * i;
#pragma omp for ordered schedule(dynamic, 3) nowait
		for (int i = 0; i < 9; i++) {
#pragma omp ordered
			total += 0;
		}
	}
	int bad = 0;
	for (int r = 0; r < 40; r++)
		for (int i = 0; i < 64; i++)
			bad += rows[r][i] != 1;
	check("40 `for nowait` loops in a row: every iteration once", bad == 0 && total == 40 * 64,
	      "bad %d total %ld", bad, total);
}

static void ordered(void)
{
	static int order[N];
	int next = 0, sum = 0;
	const char *schedules[] = {"static", "static,5", "dynamic,3", "guided"};

	for (int s = 0; s < 4; s++) {
		int out_of_order = 0;
		next = 0;
		switch (s) {
		case 0:
#pragma omp parallel for ordered num_threads(4) schedule(static) reduction(+ : sum)
			for (int i = 0; i < 1000; i++) {
				sum += i;
#pragma omp ordered
				order[next++] = i;
			}
			break;
		case 1:
#pragma omp parallel for ordered num_threads(4) schedule(static, 5)
			for (int i = 0; i < 1000; i++) {
#pragma omp ordered
				order[next++] = i;
			}
			break;
		case 2:
#pragma omp parallel for ordered num_threads(4) schedule(dynamic, 3)
			for (int i = 0; i < 1000; i++) {
#pragma omp ordered
				order[next++] = i;
			}
			break;
		default:
#pragma omp parallel for ordered num_threads(4) schedule(guided)
			for (int i = 0; i < 1000; i++) {
				if (i % 7 == 0) /* iterations without an ordered part */
					continue;
#pragma omp ordered
				order[next++] = i;
			}
			break;
		}
		int expect = 0;
		for (int k = 0; k < next; k++, expect++) {
			if (s == 3 && expect % 7 == 0)
				expect++;
			out_of_order += order[k] != expect;
		}
		char name[64];
		snprintf(name, sizeof name, "ordered, schedule(%s): in loop order", schedules[s]);
		check(name, out_of_order == 0 && next == (s == 3 ? 1000 - 143 : 1000),
		      "%d out of order, %d recorded", out_of_order, next);
	}
	check_long("ordered loop's other work still parallel-reduced", sum, 999 * 1000 / 2);
}

static void sections(void)
{
	int ran[5] = {0}, who[5] = {0};

#pragma omp parallel num_threads(3)
	{
#pragma omp sections
		{
#pragma omp section
			{
				ran[0]++;
				who[0] = omp_get_thread_num();
			}
#pragma omp section
			ran[1]++;
#pragma omp section
			ran[2]++;
#pragma omp section
			ran[3]++;
#pragma omp section
			ran[4]++;
		}
	}
	check("5 sections on 3 threads: each once", ran[0] == 1 && ran[1] == 1 && ran[2] == 1 &&
	      ran[3] == 1 && ran[4] == 1, "%d %d %d %d %d", ran[0], ran[1], ran[2], ran[3], ran[4]);
	check("a section ran on a team thread", who[0] >= 0 && who[0] < 3, "thread %d", who[0]);

	int a = 0, b = 0;
#pragma omp parallel sections num_threads(4)
	{
#pragma omp section
		a = 1;
#pragma omp section
		b = 2;
	}
	check("parallel sections", a == 1 && b == 2, "a %d b %d", a, b);

	int nowait_ran = 0;
#pragma omp parallel num_threads(4)
	{
		for (int r = 0; r < 20; r++) {
#pragma omp sections nowait
			{
#pragma omp section
				{
#pragma omp atomic
					nowait_ran++;
				}
#pragma omp section
				{
#pragma omp atomic
					nowait_ran++;
				}
			}
		}
	}
	check_long("20 `sections nowait` in a row", nowait_ran, 40);
}

static void single_master_barrier(void)
{
	int singles = 0, nowait_singles = 0, masters = 0, master_id = -1, masked_id = -1;
	int broadcast_ok = 1;

#pragma omp parallel num_threads(4) reduction(&& : broadcast_ok)
	{
		for (int r = 0; r < 100; r++) {
#pragma omp single
			singles++;
#pragma omp single nowait
			{
#pragma omp atomic
				nowait_singles++;
			}
		}
#pragma omp master
		{
			masters++;
			master_id = omp_get_thread_num();
		}
#pragma omp masked filter(1)
		masked_id = omp_get_thread_num();
		int value = -1;
#pragma omp single copyprivate(value)
		value = 42 + omp_get_num_threads();
		broadcast_ok = value == 46;
	}
	check_long("single: 100 singles ran once each", singles, 100);
	check_long("single nowait: once each", nowait_singles, 100);
	check("master: thread 0 only", masters == 1 && master_id == 0, "%d times, thread %d", masters,
	      master_id);
	check("single copyprivate: every thread got the value", broadcast_ok, "no");
	check_long("masked filter(1): thread 1 only", masked_id, 1);

	int phase[4] = {0}, wrong = 0;
#pragma omp parallel num_threads(4) reduction(+ : wrong)
	{
		int me = omp_get_thread_num();
		for (int p = 1; p <= 1000; p++) {
			phase[me] = p;
#pragma omp barrier
			for (int t = 0; t < 4; t++)
				wrong += phase[t] != p;
#pragma omp barrier
		}
	}
	check_long("barrier: 1000 phases, nobody ahead or behind", wrong, 0);
}

static long fib(int n)
{
	long a, b;

	if (n < 2)
		return n;
#pragma omp task shared(a)
	a = fib(n - 1);
#pragma omp task shared(b)
	b = fib(n - 2);
#pragma omp taskwait
	return a + b;
}

static void tasks(void)
{
	int done = 0;
	long f = 0;

#pragma omp parallel num_threads(4)
	{
#pragma omp single
		{
			for (int i = 0; i < 100; i++) {
#pragma omp task firstprivate(i)
				{
#pragma omp atomic
					done += i;
				}
			}
#pragma omp taskwait
			f = fib(15);
		}
	}
	check_long("100 tasks ran (sum of their numbers)", done, 99 * 100 / 2);
	check_long("recursive tasks: fib(15)", f, 610);
}

int main(void)
{
	schedules();
	loop_chains();
	ordered();
	sections();
	single_master_barrier();
	tasks();
	return finish();
}
