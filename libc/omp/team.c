/* team.c: parallel regions. The thread pool, starting a team on a
 * region and waiting for it to finish (GOMP_parallel and the older
 * GOMP_parallel_start/end pair), and the team barrier (GOMP_barrier).
 * omp_impl.h draws the whole picture.
 *
 * Each thread that starts a parallel region keeps its own pool of
 * workers: a region needs N-1 of them, more are created when a region
 * asks for more than ever before, and between regions they sleep on
 * their job_seq word. So two pthreads may each run OpenMP regions at
 * the same time without sharing anything. A region started inside
 * another region gets a team of one: nested parallelism is not
 * supported (as with libgomp's default of one active level). */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/futex.h"
#include "omp_impl.h"

/* A pool worker: a detached thread running worker_main. The master
 * fills in a job and then bumps job_seq; the worker, having seen the
 * new value, reads the job. fn == NULL means "exit". */
struct omp_worker {
	volatile int job_seq;
	void (*fn)(void *);
	void *data;
	struct omp_state start; /* team, thread number ... to begin with */
};

/* The state of one started region, for GOMP_parallel_end to finish. */
struct omp_region {
	struct omp_state saved; /* the master's state before the region */
	struct omp_team *team;
	struct omp_team local;	/* the team, when it is a team of one */
	struct omp_region *outer; /* pending GOMP_parallel_start regions */
};

static __thread struct omp_thread self_state;
static __thread struct omp_region *pending_regions;

struct omp_thread *__omp_self(void)
{
	struct omp_thread *me = &self_state;

	if (!me->initialised) {
		__omp_init();
		me->initial_team.nthreads = 1;
		me->s.team = &me->initial_team;
		me->s.nthreads_var = __omp.nthreads;
		me->initialised = 1;
	}
	return me;
}

/* Spinning pays only if the thread we wait for is running right now,
 * on another CPU. With more threads in the team than CPUs it may well
 * be waiting for *our* CPU, so then we go to sleep at once. */
void __omp_wait_while(volatile int *addr, int val)
{
	int spin = self_state.s.team && self_state.s.team->nthreads > (unsigned)__omp.nprocs
			   ? 0
			   : __omp.spin;

	for (int i = 0; i < spin; i++) {
		if (__load(addr) != val)
			return;
		__spin_pause();
	}
	while (__load(addr) == val)
		__futex_wait(addr, val, NULL, FUTEX_PRIVATE);
}

/* Everyone in TEAM waits here until all have arrived. The value of
 * `generation` a thread read on arrival identifies the round it waits
 * for, so a fast thread that is already in the next round's barrier
 * cannot be mistaken for a late one of this round. */
void __omp_barrier(struct omp_team *team)
{
	if (team->nthreads == 1)
		return;
	int gen = __load(&team->generation);
	if (__fetch_add(&team->arrived, 1) == (int)team->nthreads - 1) {
		__store(&team->arrived, 0);
		__store(&team->generation, gen + 1);
		__futex_wake(&team->generation, INT_MAX, FUTEX_PRIVATE);
		return;
	}
	__omp_wait_while(&team->generation, gen);
}

void GOMP_barrier(void)
{
	__omp_barrier(__omp_self()->s.team);
}

bool GOMP_barrier_cancel(void)
{
	GOMP_barrier();
	return false; /* regions are never cancelled here */
}

/* --- the pool --------------------------------------------------------- */

static void *worker_main(void *arg)
{
	struct omp_worker *w = arg;
	struct omp_thread *me = __omp_self();
	int seen = 0;

	for (;;) {
		__omp_wait_while(&w->job_seq, seen);
		seen = __load(&w->job_seq);
		if (!w->fn)
			break;
		struct omp_state idle = me->s;
		me->s = w->start;
		w->fn(w->data);
		struct omp_team *team = me->s.team;
		me->s = idle;
		/* The last one out wakes the master. After this decrement the
		 * team may be reused at once, so it is not touched again. */
		if (__fetch_add(&team->running, -1) == 1)
			__futex_wake(&team->running, 1, FUTEX_PRIVATE);
	}
	free(w);
	return NULL;
}

/* When a thread that owns a pool exits, its workers are told to exit
 * too (each frees its own record). */
static pthread_key_t pool_key;
static pthread_once_t pool_key_once = PTHREAD_ONCE_INIT;

static void release_pool(void *arg)
{
	struct omp_thread *me = arg;

	for (int i = 0; i < me->nworkers; i++) {
		struct omp_worker *w = me->workers[i];
		w->fn = NULL;
		__fetch_add(&w->job_seq, 1);
		__futex_wake(&w->job_seq, 1, FUTEX_PRIVATE);
	}
	free(me->workers);
	free(me->pool_team);
	me->workers = NULL;
	me->pool_team = NULL;
	me->nworkers = 0;
}

static void make_pool_key(void)
{
	pthread_key_create(&pool_key, release_pool);
}

/* In a child made by fork only the forking thread exists: its pool's
 * workers are gone, so forget them (their memory is lost, a few KiB). */
static void forget_pool_after_fork(void)
{
	struct omp_thread *me = &self_state;

	me->workers = NULL;
	me->nworkers = 0;
	me->pool_team = NULL;
}

static void register_atfork(void)
{
	pthread_atfork(NULL, NULL, forget_pool_after_fork);
}

/* Makes sure ME has at least WANT workers; returns how many it has
 * (fewer if threads could not be created). */
static int grow_pool(struct omp_thread *me, int want)
{
	static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

	if (me->nworkers >= want)
		return want;
	pthread_once(&pool_key_once, make_pool_key);
	pthread_once(&atfork_once, register_atfork);
	if (!me->pool_team && !(me->pool_team = calloc(1, sizeof *me->pool_team)))
		return 0;
	struct omp_worker **grown = realloc(me->workers, (size_t)want * sizeof *grown);
	if (!grown)
		return me->nworkers;
	me->workers = grown;
	pthread_setspecific(pool_key, me);

	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (__omp.stacksize)
		pthread_attr_setstacksize(&attr, __omp.stacksize);
	while (me->nworkers < want) {
		pthread_t t;
		struct omp_worker *w = calloc(1, sizeof *w);
		if (!w)
			break;
		w->fn = (void (*)(void *))1; /* not NULL: "no job yet", not "exit" */
		if (pthread_create(&t, &attr, worker_main, w) != 0) {
			free(w);
			break;
		}
		me->workers[me->nworkers++] = w;
	}
	pthread_attr_destroy(&attr);
	return me->nworkers;
}

/* --- regions ------------------------------------------------------------ */

/* How many threads a region gets: what num_threads() asked for, else
 * the nthreads-var ICV (omp_set_num_threads, OMP_NUM_THREADS); one
 * inside a region that already has a team; at most the thread limit. */
static unsigned team_size(struct omp_thread *me, unsigned requested)
{
	unsigned n = requested ? requested : (unsigned)me->s.nthreads_var;

	if (me->s.active_level > 0)
		n = 1;
	if (n > (unsigned)__omp.thread_limit)
		n = (unsigned)__omp.thread_limit;
	return n ? n : 1;
}

/* Starts the team: wakes the workers with their jobs and makes the
 * caller thread 0 of it. The caller then runs FN itself and calls
 * region_end. */
static void region_begin(struct omp_region *r, void (*fn)(void *), void *data, unsigned nthreads,
			 void (*ws_setup)(struct omp_ws *, const void *), const void *ws_arg)
{
	struct omp_thread *me = __omp_self();
	unsigned n = team_size(me, nthreads);

	if (n > 1)
		n = 1 + (unsigned)grow_pool(me, (int)n - 1);
	r->saved = me->s;
	r->team = n > 1 ? me->pool_team : &r->local;
	memset(r->team, 0, sizeof *r->team);
	r->team->nthreads = n;

	struct omp_state st = {
		.team = r->team,
		.level = r->saved.level + 1,
		.active_level = r->saved.active_level + (n > 1),
		.nthreads_var = r->saved.nthreads_var,
	};
	if (ws_setup) { /* construct 1 is ready before anyone starts */
		struct omp_ws *ws = &r->team->ws[1 % WS_RING];
		ws_setup(ws, ws_arg);
		ws->left = (int)n;
		ws->seq = 1;
		st.ws_index = 1;
		st.ws = ws;
	}
	r->team->running = (int)n - 1;
	for (unsigned i = 1; i < n; i++) {
		struct omp_worker *w = me->workers[i - 1];
		w->fn = fn;
		w->data = data;
		w->start = st;
		w->start.id = i;
		__fetch_add(&w->job_seq, 1);
		__futex_wake(&w->job_seq, 1, FUTEX_PRIVATE);
	}
	me->s = st;
}

/* The implicit barrier at the end of the region: wait until every
 * worker has left FN, then become what we were before. */
static void region_end(struct omp_region *r)
{
	struct omp_thread *me = __omp_self();
	int running;

	while ((running = __load(&r->team->running)) != 0)
		__omp_wait_while(&r->team->running, running);
	me->s = r->saved;
}

void __omp_run_team(void (*fn)(void *), void *data, unsigned nthreads,
		    void (*ws_setup)(struct omp_ws *, const void *), const void *ws_arg)
{
	struct omp_region r;

	region_begin(&r, fn, data, nthreads, ws_setup, ws_arg);
	fn(data);
	region_end(&r);
}

/* `#pragma omp parallel [num_threads(N)] [if(C)]`: gcc passes
 * num_threads N (0 if absent), already 1 when the if clause is false.
 * FLAGS holds proc_bind, which we ignore. */
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags)
{
	(void)flags;
	__omp_run_team(fn, data, num_threads, NULL, NULL);
}

/* The pre-4.9 gcc interface: start, the master calls fn, end. */
void GOMP_parallel_start(void (*fn)(void *), void *data, unsigned num_threads)
{
	struct omp_region *r = malloc(sizeof *r);

	if (!r) {
		fputs("libomp: out of memory starting a parallel region\n", stderr);
		abort();
	}
	region_begin(r, fn, data, num_threads, NULL, NULL);
	r->outer = pending_regions;
	pending_regions = r;
}

void GOMP_parallel_end(void)
{
	struct omp_region *r = pending_regions;

	pending_regions = r->outer;
	region_end(r);
	free(r);
}
