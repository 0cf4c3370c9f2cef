/* loop.c: `#pragma omp for`: sharing a loop's iterations among the
 * team, and `ordered`. Also the work-sharing slots that loops and
 * sections (sections.c) live in.
 *
 * gcc turns
 *
 *     #pragma omp for schedule(dynamic, 4)
 *     for (i = 0; i < n; i++) body(i);
 *
 * into, in every thread of the team:
 *
 *     if (GOMP_loop_nonmonotonic_dynamic_start(0, n, 1, 4, &s, &e))
 *         do
 *             for (i = s; i < e; i++) body(i);
 *         while (GOMP_loop_nonmonotonic_dynamic_next(&s, &e));
 *     GOMP_loop_end();            (or _end_nowait with `nowait`)
 *
 * so all we do is hand out chunks [s, e): in a fixed pattern (static),
 * first come first served (dynamic), or first come first served with
 * chunks shrinking as the loop nears its end (guided). The `start`
 * call of the first thread to arrive sets the loop up; the others find
 * it ready. `schedule(static)` without `ordered` never gets here: gcc
 * computes each thread's share itself. Combined `parallel for` loops
 * are set up by GOMP_parallel_loop_* before the team starts, and the
 * threads begin with `next`.
 *
 * Monotonic and nonmonotonic schedules are the same here (chunks are
 * handed out in increasing order, which satisfies both). */
#include <limits.h>

#include "internal/lock.h"
#include "omp_impl.h"

/* --- work-sharing slots ------------------------------------------------ */

/* Something about the slots changed: wake threads waiting for one. */
static void slots_changed(struct omp_team *team)
{
	__fetch_add(&team->ws_changed, 1);
	if (__load(&team->ws_waiters))
		__futex_wake(&team->ws_changed, INT_MAX, FUTEX_PRIVATE);
}

/* Construct number `index` of this region lives in slot index %
 * WS_RING. If that slot still holds construct index - WS_RING (some
 * thread is that far behind), we wait until it is freed or until a
 * teammate has set it up for us. ws_changed is read before looking at
 * the slot, so a change after our look makes the wait return at once. */
struct omp_ws *__omp_ws_enter(void (*setup)(struct omp_ws *, const void *), const void *arg)
{
	struct omp_thread *me = __omp_self();
	struct omp_team *team = me->s.team;
	unsigned index = ++me->s.ws_index;
	struct omp_ws *ws = &team->ws[index % WS_RING];

	for (;;) {
		__futex_lock(&team->ws_lock, FUTEX_PRIVATE);
		int changed = __load(&team->ws_changed);
		if (ws->seq == (int)index)
			break; /* a teammate set it up */
		if (__load(&ws->left) == 0) { /* free: we are first */
			setup(ws, arg);
			ws->left = (int)team->nthreads;
			__store(&ws->seq, (int)index);
			slots_changed(team);
			break;
		}
		__fetch_add(&team->ws_waiters, 1);
		__futex_unlock(&team->ws_lock, FUTEX_PRIVATE);
		__omp_wait_while(&team->ws_changed, changed);
		__fetch_add(&team->ws_waiters, -1);
	}
	__futex_unlock(&team->ws_lock, FUTEX_PRIVATE);
	me->s.ws = ws;
	me->s.static_trip = 0;
	me->s.have_chunk = 0;
	return ws;
}

/* --- ordered ----------------------------------------------------------------
 * The iterations of an ordered loop are handed out in chunks in
 * increasing order. A thread may run the `ordered` parts of its chunk
 * once ordered_next has reached the chunk's first iteration; when it
 * has finished the chunk (it asks for the next one, or leaves the
 * loop) it moves ordered_next to the chunk's end, letting the owner of
 * the following chunk go. Each thread waits only for chunks below its
 * own, so somebody can always proceed. */

static void wait_for_turn(struct omp_ws *ws, unsigned long long k0)
{
	for (;;) {
		int moved = __load(&ws->ordered_moved);
		if (__atomic_load_n(&ws->ordered_next, __ATOMIC_SEQ_CST) == k0)
			return;
		__omp_wait_while(&ws->ordered_moved, moved);
	}
}

static void finish_ordered_chunk(struct omp_thread *me)
{
	struct omp_ws *ws = me->s.ws;

	wait_for_turn(ws, me->s.chunk_k0);
	__atomic_store_n(&ws->ordered_next, me->s.chunk_k1, __ATOMIC_SEQ_CST);
	__fetch_add(&ws->ordered_moved, 1);
	__futex_wake(&ws->ordered_moved, INT_MAX, FUTEX_PRIVATE);
	me->s.have_chunk = 0;
}

void GOMP_ordered_start(void)
{
	struct omp_thread *me = __omp_self();

	if (me->s.ws && me->s.ws->ordered && me->s.have_chunk)
		wait_for_turn(me->s.ws, me->s.chunk_k0);
}

void GOMP_ordered_end(void)
{
	/* nothing: the turn passes on when the whole chunk is done */
}

void __omp_ws_leave(void)
{
	struct omp_thread *me = __omp_self();
	struct omp_ws *ws = me->s.ws;

	if (ws->ordered && me->s.have_chunk)
		finish_ordered_chunk(me);
	me->s.ws = NULL;
	if (__fetch_add(&ws->left, -1) == 1)
		slots_changed(me->s.team); /* the slot is free again */
}

/* --- handing out chunks -------------------------------------------------- */

void __omp_setup_loop(struct omp_ws *ws, const void *arg)
{
	const struct omp_loop *loop = arg;

	ws->sched = loop->sched;
	ws->ordered = loop->ordered;
	ws->n = loop->n;
	ws->chunk = loop->chunk;
	ws->start = loop->start;
	ws->incr = loop->incr;
	ws->end = loop->end;
	ws->next = 0;
	ws->ordered_next = 0;
	ws->ordered_moved = 0;
}

/* static: thread `id` of `nthreads` gets one block of about n/nthreads
 * iterations (no chunk size), or chunks id, id + nthreads, id + 2 *
 * nthreads ... (chunk size c). static_trip counts what it has taken. */
static bool static_chunk(struct omp_thread *me, struct omp_ws *ws, unsigned long long *k0,
			 unsigned long long *k1)
{
	unsigned long long nthr = me->s.team->nthreads, id = me->s.id;
	unsigned long long trip = me->s.static_trip++;

	if (ws->chunk == 0) {
		unsigned long long q = ws->n / nthr, r = ws->n % nthr;
		if (trip > 0)
			return false;
		*k0 = id * q + (id < r ? id : r);
		*k1 = *k0 + q + (id < r);
		return *k1 > *k0;
	}
	unsigned long long chunks = ws->n / ws->chunk + (ws->n % ws->chunk != 0);
	unsigned long long which = trip * nthr + id;
	if (which >= chunks)
		return false;
	*k0 = which * ws->chunk;
	*k1 = ws->n - *k0 < ws->chunk ? ws->n : *k0 + ws->chunk;
	return true;
}

/* dynamic and guided: take the next chunk off the shared counter with
 * compare-and-swap. Guided chunks are the remaining iterations divided
 * by the team size, but never below the chunk size. */
static bool shared_chunk(struct omp_thread *me, struct omp_ws *ws, unsigned long long *k0,
			 unsigned long long *k1)
{
	unsigned long long next = __atomic_load_n(&ws->next, __ATOMIC_SEQ_CST);

	for (;;) {
		unsigned long long left = ws->n - next, size = ws->chunk;
		if (next >= ws->n)
			return false;
		if (ws->sched == SCHED_GUIDED) {
			unsigned long long share = (left + me->s.team->nthreads - 1) / me->s.team->nthreads;
			if (share > size)
				size = share;
		}
		if (size > left)
			size = left;
		if (__atomic_compare_exchange_n(&ws->next, &next, next + size, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			*k0 = next;
			*k1 = next + size;
			return true;
		}
	}
}

bool __omp_next_chunk(unsigned long long *k0, unsigned long long *k1)
{
	struct omp_thread *me = __omp_self();
	struct omp_ws *ws = me->s.ws;

	if (ws->ordered && me->s.have_chunk)
		finish_ordered_chunk(me);
	bool got = ws->sched == SCHED_DYNAMIC || ws->sched == SCHED_GUIDED
			   ? shared_chunk(me, ws, k0, k1)
			   : static_chunk(me, ws, k0, k1);
	if (got) {
		me->s.chunk_k0 = *k0;
		me->s.chunk_k1 = *k1;
		me->s.have_chunk = 1;
	}
	return got;
}

/* --- loops over long --------------------------------------------------------- */

/* Number of iterations of for (i = start; i < end; i += incr) (or >
 * for a negative incr), computed without overflow. */
static unsigned long long count_long(long start, long end, long incr)
{
	unsigned long long distance, step;

	if (incr > 0 && start < end) {
		distance = (unsigned long long)end - (unsigned long long)start;
		step = (unsigned long long)incr;
	} else if (incr < 0 && start > end) {
		distance = (unsigned long long)start - (unsigned long long)end;
		step = -(unsigned long long)incr;
	} else {
		return 0;
	}
	return distance / step + (distance % step != 0);
}

/* chunk <= 0 means "not given": one block per thread for static, one
 * iteration at a time for dynamic and guided. schedule(auto) is
 * static. */
static struct omp_loop long_loop(int sched, int ordered, long start, long end, long incr, long chunk)
{
	if (sched == SCHED_AUTO) {
		sched = SCHED_STATIC;
		chunk = 0;
	}
	if (chunk < 0 || (chunk == 0 && sched != SCHED_STATIC))
		chunk = sched == SCHED_STATIC ? 0 : 1;
	return (struct omp_loop){
		.sched = sched,
		.ordered = ordered,
		.n = count_long(start, end, incr),
		.chunk = (unsigned long long)chunk,
		.start = (unsigned long long)start,
		.incr = (unsigned long long)incr,
		.end = (unsigned long long)end,
	};
}

/* The loop values of the caller's next chunk. The last chunk ends at
 * END itself, so the generated `i < iend` never sees a value past it
 * (which could overflow). */
static bool next_long(long *istart, long *iend)
{
	unsigned long long k0, k1;

	if (!__omp_next_chunk(&k0, &k1))
		return false;
	struct omp_ws *ws = __omp_self()->s.ws;
	*istart = (long)(ws->start + k0 * ws->incr);
	*iend = k1 == ws->n ? (long)ws->end : (long)(ws->start + k1 * ws->incr);
	return true;
}

static bool start_long(struct omp_loop loop, long *istart, long *iend)
{
	__omp_ws_enter(__omp_setup_loop, &loop);
	return next_long(istart, iend);
}

static struct omp_loop runtime_long(int ordered, long start, long end, long incr)
{
	int sched;
	unsigned long long chunk;

	__omp_run_sched(&sched, &chunk);
	return long_loop(sched, ordered, start, end, incr, (long)chunk);
}

bool GOMP_loop_static_start(long start, long end, long incr, long chunk, long *s, long *e)
{
	return start_long(long_loop(SCHED_STATIC, 0, start, end, incr, chunk), s, e);
}

bool GOMP_loop_dynamic_start(long start, long end, long incr, long chunk, long *s, long *e)
{
	return start_long(long_loop(SCHED_DYNAMIC, 0, start, end, incr, chunk), s, e);
}

bool GOMP_loop_guided_start(long start, long end, long incr, long chunk, long *s, long *e)
{
	return start_long(long_loop(SCHED_GUIDED, 0, start, end, incr, chunk), s, e);
}

bool GOMP_loop_runtime_start(long start, long end, long incr, long *s, long *e)
{
	return start_long(runtime_long(0, start, end, incr), s, e);
}

bool GOMP_loop_nonmonotonic_dynamic_start(long start, long end, long incr, long chunk, long *s,
					  long *e)
{
	return GOMP_loop_dynamic_start(start, end, incr, chunk, s, e);
}

bool GOMP_loop_nonmonotonic_guided_start(long start, long end, long incr, long chunk, long *s,
					 long *e)
{
	return GOMP_loop_guided_start(start, end, incr, chunk, s, e);
}

bool GOMP_loop_nonmonotonic_runtime_start(long start, long end, long incr, long *s, long *e)
{
	return GOMP_loop_runtime_start(start, end, incr, s, e);
}

bool GOMP_loop_maybe_nonmonotonic_runtime_start(long start, long end, long incr, long *s, long *e)
{
	return GOMP_loop_runtime_start(start, end, incr, s, e);
}

bool GOMP_loop_ordered_static_start(long start, long end, long incr, long chunk, long *s, long *e)
{
	return start_long(long_loop(SCHED_STATIC, 1, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ordered_dynamic_start(long start, long end, long incr, long chunk, long *s, long *e)
{
	return start_long(long_loop(SCHED_DYNAMIC, 1, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ordered_guided_start(long start, long end, long incr, long chunk, long *s, long *e)
{
	return start_long(long_loop(SCHED_GUIDED, 1, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ordered_runtime_start(long start, long end, long incr, long *s, long *e)
{
	return start_long(runtime_long(1, start, end, incr), s, e);
}

/* Every schedule's `next` is the same: the slot knows its schedule. */
bool GOMP_loop_static_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_dynamic_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_guided_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_runtime_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_nonmonotonic_dynamic_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_nonmonotonic_guided_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_nonmonotonic_runtime_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_maybe_nonmonotonic_runtime_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_ordered_static_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_ordered_dynamic_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_ordered_guided_next(long *s, long *e) { return next_long(s, e); }
bool GOMP_loop_ordered_runtime_next(long *s, long *e) { return next_long(s, e); }

/* The end of the loop: with a barrier, or without for `nowait`. */
void GOMP_loop_end(void)
{
	__omp_ws_leave();
	GOMP_barrier();
}

void GOMP_loop_end_nowait(void)
{
	__omp_ws_leave();
}

bool GOMP_loop_end_cancel(void)
{
	GOMP_loop_end();
	return false;
}

/* --- combined `parallel for` --------------------------------------------- */

static void parallel_loop(void (*fn)(void *), void *data, unsigned nthreads, struct omp_loop loop)
{
	__omp_run_team(fn, data, nthreads, __omp_setup_loop, &loop);
}

void GOMP_parallel_loop_static(void (*fn)(void *), void *data, unsigned nthreads, long start,
			       long end, long incr, long chunk, unsigned flags)
{
	(void)flags;
	parallel_loop(fn, data, nthreads, long_loop(SCHED_STATIC, 0, start, end, incr, chunk));
}

void GOMP_parallel_loop_dynamic(void (*fn)(void *), void *data, unsigned nthreads, long start,
				long end, long incr, long chunk, unsigned flags)
{
	(void)flags;
	parallel_loop(fn, data, nthreads, long_loop(SCHED_DYNAMIC, 0, start, end, incr, chunk));
}

void GOMP_parallel_loop_guided(void (*fn)(void *), void *data, unsigned nthreads, long start,
			       long end, long incr, long chunk, unsigned flags)
{
	(void)flags;
	parallel_loop(fn, data, nthreads, long_loop(SCHED_GUIDED, 0, start, end, incr, chunk));
}

void GOMP_parallel_loop_runtime(void (*fn)(void *), void *data, unsigned nthreads, long start,
				long end, long incr, unsigned flags)
{
	(void)flags;
	parallel_loop(fn, data, nthreads, runtime_long(0, start, end, incr));
}

void GOMP_parallel_loop_nonmonotonic_dynamic(void (*fn)(void *), void *data, unsigned nthreads,
					     long start, long end, long incr, long chunk,
					     unsigned flags)
{
	GOMP_parallel_loop_dynamic(fn, data, nthreads, start, end, incr, chunk, flags);
}

void GOMP_parallel_loop_nonmonotonic_guided(void (*fn)(void *), void *data, unsigned nthreads,
					    long start, long end, long incr, long chunk,
					    unsigned flags)
{
	GOMP_parallel_loop_guided(fn, data, nthreads, start, end, incr, chunk, flags);
}

void GOMP_parallel_loop_nonmonotonic_runtime(void (*fn)(void *), void *data, unsigned nthreads,
					     long start, long end, long incr, unsigned flags)
{
	GOMP_parallel_loop_runtime(fn, data, nthreads, start, end, incr, flags);
}

void GOMP_parallel_loop_maybe_nonmonotonic_runtime(void (*fn)(void *), void *data,
						   unsigned nthreads, long start, long end,
						   long incr, unsigned flags)
{
	GOMP_parallel_loop_runtime(fn, data, nthreads, start, end, incr, flags);
}

/* --- loops over unsigned long long ---------------------------------------
 * For loop variables that do not fit a long. UP says whether the loop
 * counts up (<) or down (>); INCR is then a negative step in two's
 * complement. */

static unsigned long long count_ull(bool up, unsigned long long start, unsigned long long end,
				    unsigned long long incr)
{
	unsigned long long distance, step;

	if (up && start < end) {
		distance = end - start;
		step = incr;
	} else if (!up && start > end) {
		distance = start - end;
		step = -incr;
	} else {
		return 0;
	}
	return step ? distance / step + (distance % step != 0) : 0;
}

static struct omp_loop ull_loop(int sched, int ordered, bool up, unsigned long long start,
				unsigned long long end, unsigned long long incr,
				unsigned long long chunk)
{
	if (sched == SCHED_AUTO) {
		sched = SCHED_STATIC;
		chunk = 0;
	}
	if (chunk == 0 && sched != SCHED_STATIC)
		chunk = 1;
	return (struct omp_loop){
		.sched = sched,
		.ordered = ordered,
		.n = count_ull(up, start, end, incr),
		.chunk = chunk,
		.start = start,
		.incr = incr,
		.end = end,
	};
}

static bool next_ull(unsigned long long *istart, unsigned long long *iend)
{
	unsigned long long k0, k1;

	if (!__omp_next_chunk(&k0, &k1))
		return false;
	struct omp_ws *ws = __omp_self()->s.ws;
	*istart = ws->start + k0 * ws->incr;
	*iend = k1 == ws->n ? ws->end : ws->start + k1 * ws->incr;
	return true;
}

static bool start_ull(struct omp_loop loop, unsigned long long *istart, unsigned long long *iend)
{
	__omp_ws_enter(__omp_setup_loop, &loop);
	return next_ull(istart, iend);
}

static struct omp_loop runtime_ull(int ordered, bool up, unsigned long long start,
				   unsigned long long end, unsigned long long incr)
{
	int sched;
	unsigned long long chunk;

	__omp_run_sched(&sched, &chunk);
	return ull_loop(sched, ordered, up, start, end, incr, chunk);
}

typedef unsigned long long ull;

bool GOMP_loop_ull_static_start(bool up, ull start, ull end, ull incr, ull chunk, ull *s, ull *e)
{
	return start_ull(ull_loop(SCHED_STATIC, 0, up, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ull_dynamic_start(bool up, ull start, ull end, ull incr, ull chunk, ull *s, ull *e)
{
	return start_ull(ull_loop(SCHED_DYNAMIC, 0, up, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ull_guided_start(bool up, ull start, ull end, ull incr, ull chunk, ull *s, ull *e)
{
	return start_ull(ull_loop(SCHED_GUIDED, 0, up, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ull_runtime_start(bool up, ull start, ull end, ull incr, ull *s, ull *e)
{
	return start_ull(runtime_ull(0, up, start, end, incr), s, e);
}

bool GOMP_loop_ull_nonmonotonic_dynamic_start(bool up, ull start, ull end, ull incr, ull chunk,
					      ull *s, ull *e)
{
	return GOMP_loop_ull_dynamic_start(up, start, end, incr, chunk, s, e);
}

bool GOMP_loop_ull_nonmonotonic_guided_start(bool up, ull start, ull end, ull incr, ull chunk,
					     ull *s, ull *e)
{
	return GOMP_loop_ull_guided_start(up, start, end, incr, chunk, s, e);
}

bool GOMP_loop_ull_nonmonotonic_runtime_start(bool up, ull start, ull end, ull incr, ull *s, ull *e)
{
	return GOMP_loop_ull_runtime_start(up, start, end, incr, s, e);
}

bool GOMP_loop_ull_maybe_nonmonotonic_runtime_start(bool up, ull start, ull end, ull incr, ull *s,
						    ull *e)
{
	return GOMP_loop_ull_runtime_start(up, start, end, incr, s, e);
}

bool GOMP_loop_ull_ordered_static_start(bool up, ull start, ull end, ull incr, ull chunk, ull *s,
					ull *e)
{
	return start_ull(ull_loop(SCHED_STATIC, 1, up, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ull_ordered_dynamic_start(bool up, ull start, ull end, ull incr, ull chunk, ull *s,
					 ull *e)
{
	return start_ull(ull_loop(SCHED_DYNAMIC, 1, up, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ull_ordered_guided_start(bool up, ull start, ull end, ull incr, ull chunk, ull *s,
					ull *e)
{
	return start_ull(ull_loop(SCHED_GUIDED, 1, up, start, end, incr, chunk), s, e);
}

bool GOMP_loop_ull_ordered_runtime_start(bool up, ull start, ull end, ull incr, ull *s, ull *e)
{
	return start_ull(runtime_ull(1, up, start, end, incr), s, e);
}

bool GOMP_loop_ull_static_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_dynamic_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_guided_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_runtime_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_nonmonotonic_dynamic_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_nonmonotonic_guided_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_nonmonotonic_runtime_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_maybe_nonmonotonic_runtime_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_ordered_static_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_ordered_dynamic_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_ordered_guided_next(ull *s, ull *e) { return next_ull(s, e); }
bool GOMP_loop_ull_ordered_runtime_next(ull *s, ull *e) { return next_ull(s, e); }
