/* sections.c: `sections` and `single`, the two constructs that hand
 * whole blocks of code (not loop iterations) to threads of a team.
 *
 * `#pragma omp sections` with N `section` blocks is a loop over
 * 1..N with chunks of one (loop.c does the sharing):
 *
 *     for (i = GOMP_sections_start(N); i; i = GOMP_sections_next())
 *         switch (i) { case 1: ...; case 2: ...; }
 *     GOMP_sections_end();
 *
 * `#pragma omp single` is `if (GOMP_single_start()) body;` followed by
 * a barrier unless `nowait`: the first thread to arrive runs it. */
#include "internal/futex.h"
#include "omp_impl.h"

static struct omp_loop sections_loop(unsigned count)
{
	return (struct omp_loop){
		.sched = SCHED_DYNAMIC,
		.n = count,
		.chunk = 1,
		.start = 1,
		.incr = 1,
		.end = (unsigned long long)count + 1,
	};
}

unsigned GOMP_sections_next(void)
{
	unsigned long long k0, k1;

	if (!__omp_next_chunk(&k0, &k1))
		return 0;
	return (unsigned)k0 + 1; /* section numbers start at 1 */
}

unsigned GOMP_sections_start(unsigned count)
{
	struct omp_loop loop = sections_loop(count);

	__omp_ws_enter(__omp_setup_loop, &loop);
	return GOMP_sections_next();
}

void GOMP_sections_end(void)
{
	__omp_ws_leave();
	GOMP_barrier();
}

void GOMP_sections_end_nowait(void)
{
	__omp_ws_leave();
}

bool GOMP_sections_end_cancel(void)
{
	GOMP_sections_end();
	return false;
}

/* `#pragma omp parallel sections`: the team starts with the sections
 * set up, and fn begins with GOMP_sections_next. */
void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned nthreads, unsigned count,
			    unsigned flags)
{
	struct omp_loop loop = sections_loop(count);

	(void)flags;
	__omp_run_team(fn, data, nthreads, __omp_setup_loop, &loop);
}

/* Every thread counts the single constructs it has passed. The team
 * counter says how many have been claimed; the thread whose
 * compare-and-swap moves it from "my count" to "my count + 1" is the
 * first to reach this single, and runs it. Threads arriving later
 * (even after `nowait` let others run ahead) find it moved on. */
bool GOMP_single_start(void)
{
	struct omp_thread *me = __omp_self();
	struct omp_team *team = me->s.team;

	if (team->nthreads == 1)
		return true;
	unsigned long mine = me->s.single_count++;
	return __atomic_compare_exchange_n(&team->single_count, &mine, mine + 1, 0,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* `single copyprivate(x)`: the thread that runs the block publishes
 * its values (GOMP_single_copy_end); the others wait at a barrier and
 * read them. gcc adds one more barrier after the copying, so the data
 * is not reused too early. */
void *GOMP_single_copy_start(void)
{
	struct omp_team *team = __omp_self()->s.team;

	if (GOMP_single_start())
		return NULL;
	__omp_barrier(team);
	return team->copy_data;
}

void GOMP_single_copy_end(void *data)
{
	struct omp_team *team = __omp_self()->s.team;

	team->copy_data = data;
	__omp_barrier(team);
}
