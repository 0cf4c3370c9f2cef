/* kmpc.c: the interface clang -fopenmp compiles to. gcc calls GOMP_*
 * functions; clang calls the __kmpc_* functions of LLVM's runtime
 * instead. Both describe the same constructs, so each __kmpc_* entry
 * here is a thin layer over the machinery the GOMP_* entries use (team.c,
 * loop.c, sections.c, critical.c). The differences worth knowing:
 *
 *   - every call carries a source location and a "global thread id";
 *     we need neither (the calling thread's state is in TLS);
 *   - loop bounds are inclusive (lb <= i <= ub), and clang splits
 *     static loops by calling __kmpc_for_static_init, not inline;
 *   - a parallel region's shared variables come as extra arguments of
 *     the outlined function rather than as one struct (microtask.S makes
 *     that call);
 *   - reductions ask the runtime how to combine: we always answer "1",
 *     meaning "combine directly, under the lock we now hold".
 *
 * Covered: parallel (num_threads, if), for with every schedule
 * (static via for_static_init; dynamic, guided, runtime via dispatch),
 * ordered, sections, single (copyprivate too), master/masked,
 * critical, barrier, reduction, flush, tasks (run at once). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal/lock.h"
#include "omp_impl.h"

typedef int32_t kmp_int32;
typedef struct ident ident_t; /* source location: never looked at */
typedef void (*kmpc_micro)(kmp_int32 *gtid, kmp_int32 *btid, ...);
typedef kmp_int32 kmp_critical_name[8]; /* zeroed by the compiler */

void __omp_call_microtask(kmpc_micro fn, kmp_int32 *gtid, kmp_int32 *btid, int argc, void **args);
void GOMP_parallel_start(void (*fn)(void *), void *data, unsigned num_threads);
void GOMP_parallel_end(void);
void GOMP_ordered_start(void);
void GOMP_ordered_end(void);

/* LLVM's schedule numbers (kmp.h). A kind may carry a monotonic or
 * nonmonotonic bit; 64..72 are the ordered forms; 160..200 the
 * "nomerge" forms, which mean the same to us. */
enum {
	KMP_SCH_STATIC_CHUNKED = 33,
	KMP_SCH_STATIC = 34,
	KMP_SCH_DYNAMIC_CHUNKED = 35,
	KMP_SCH_GUIDED_CHUNKED = 36,
	KMP_SCH_RUNTIME = 37,
	KMP_SCH_AUTO = 38,
	KMP_ORD_LOWER = 64,
	KMP_ORD_UPPER = 72,
	KMP_NM_LOWER = 160,
	KMP_NM_UPPER = 200,
	KMP_SCH_MODIFIERS = (1 << 29) | (1 << 30),
};

/* Task flags (kmp.h): the destructors thunk must run after the task. */
#define KMP_TASK_DTOR_THK 0x08

static __thread unsigned pushed_num_threads; /* num_threads(N) for the next fork */

/* --- parallel --------------------------------------------------------- */

struct fork {
	kmpc_micro fn;
	int argc;
	void **args;
};

static void run_microtask(void *arg)
{
	struct fork *f = arg;
	kmp_int32 tid = (kmp_int32)__omp_self()->s.id;

	__omp_call_microtask(f->fn, &tid, &tid, f->argc, f->args);
}

kmp_int32 __kmpc_global_thread_num(ident_t *loc)
{
	(void)loc;
	return (kmp_int32)__omp_self()->s.id;
}

void __kmpc_push_num_threads(ident_t *loc, kmp_int32 gtid, kmp_int32 num_threads)
{
	(void)loc;
	(void)gtid;
	pushed_num_threads = num_threads > 0 ? (unsigned)num_threads : 0;
}

void __kmpc_fork_call(ident_t *loc, kmp_int32 argc, kmpc_micro fn, ...)
{
	void *small[8], **args = small;
	va_list ap;

	(void)loc;
	/* at least 4 slots: microtask.S always loads four */
	if (argc > 8 && !(args = malloc((size_t)argc * sizeof *args))) {
		fputs("libomp: out of memory starting a parallel region\n", stderr);
		abort();
	}
	va_start(ap, fn);
	for (int i = 0; i < argc; i++)
		args[i] = va_arg(ap, void *);
	va_end(ap);
	struct fork f = {fn, argc, args};
	unsigned n = pushed_num_threads;
	pushed_num_threads = 0;
	__omp_run_team(run_microtask, &f, n, NULL, NULL);
	if (args != small)
		free(args);
}

/* if(false): the master runs the outlined function itself, between
 * these two calls, as a team of one. */
void __kmpc_serialized_parallel(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
	pushed_num_threads = 0;
	GOMP_parallel_start(NULL, NULL, 1);
}

void __kmpc_end_serialized_parallel(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
	GOMP_parallel_end();
}

/* --- synchronisation ---------------------------------------------------- */

void __kmpc_barrier(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
	GOMP_barrier();
}

void __kmpc_flush(ident_t *loc)
{
	(void)loc;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

kmp_int32 __kmpc_master(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
	return __omp_self()->s.id == 0;
}

void __kmpc_end_master(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
}

kmp_int32 __kmpc_masked(ident_t *loc, kmp_int32 gtid, kmp_int32 filter)
{
	(void)loc;
	(void)gtid;
	return __omp_self()->s.id == (unsigned)filter;
}

void __kmpc_end_masked(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
}

kmp_int32 __kmpc_single(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
	return GOMP_single_start();
}

void __kmpc_end_single(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
}

/* Every thread calls this after a `single copyprivate`; DIDIT says who
 * ran the block. Its CPY_DATA is published, and the others copy from it
 * with CPY_FUNC(dest, src). */
void __kmpc_copyprivate(ident_t *loc, kmp_int32 gtid, size_t cpy_size, void *cpy_data,
			void (*cpy_func)(void *, void *), kmp_int32 didit)
{
	struct omp_team *team = __omp_self()->s.team;

	(void)loc;
	(void)gtid;
	(void)cpy_size;
	if (didit)
		team->copy_data = cpy_data;
	__omp_barrier(team);
	if (!didit)
		cpy_func(cpy_data, team->copy_data);
	__omp_barrier(team); /* nobody reuses the data before all copied */
}

void __kmpc_critical(ident_t *loc, kmp_int32 gtid, kmp_critical_name *name)
{
	(void)loc;
	(void)gtid;
	__futex_lock(&(*name)[0], FUTEX_PRIVATE);
}

void __kmpc_critical_with_hint(ident_t *loc, kmp_int32 gtid, kmp_critical_name *name,
			       uint32_t hint)
{
	(void)hint;
	__kmpc_critical(loc, gtid, name);
}

void __kmpc_end_critical(ident_t *loc, kmp_int32 gtid, kmp_critical_name *name)
{
	(void)loc;
	(void)gtid;
	__futex_unlock(&(*name)[0], FUTEX_PRIVATE);
}

/* Reductions: each thread, holding LOCK, adds its partial result into
 * the shared variable (the code clang emits for answer 1), then calls
 * __kmpc_end_reduce*. The blocking form ends with the construct's
 * barrier. */
kmp_int32 __kmpc_reduce_nowait(ident_t *loc, kmp_int32 gtid, kmp_int32 num_vars,
			       size_t reduce_size, void *reduce_data,
			       void (*reduce_func)(void *, void *), kmp_critical_name *lock)
{
	(void)num_vars;
	(void)reduce_size;
	(void)reduce_data;
	(void)reduce_func;
	__kmpc_critical(loc, gtid, lock);
	return 1;
}

void __kmpc_end_reduce_nowait(ident_t *loc, kmp_int32 gtid, kmp_critical_name *lock)
{
	__kmpc_end_critical(loc, gtid, lock);
}

kmp_int32 __kmpc_reduce(ident_t *loc, kmp_int32 gtid, kmp_int32 num_vars, size_t reduce_size,
			void *reduce_data, void (*reduce_func)(void *, void *),
			kmp_critical_name *lock)
{
	return __kmpc_reduce_nowait(loc, gtid, num_vars, reduce_size, reduce_data, reduce_func,
				    lock);
}

void __kmpc_end_reduce(ident_t *loc, kmp_int32 gtid, kmp_critical_name *lock)
{
	__kmpc_end_critical(loc, gtid, lock);
	GOMP_barrier();
}

void __kmpc_ordered(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
	GOMP_ordered_start();
}

void __kmpc_end_ordered(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
	GOMP_ordered_end();
}

/* --- loops ------------------------------------------------------------------
 * All four integer widths go through one 64-bit version: the bounds are
 * widened (sign- or zero-extended as their type says) and the results
 * narrowed again; wrap-around arithmetic makes that exact. */

typedef uint64_t u64;
typedef int64_t s64;

static int base_schedule(kmp_int32 sched, int *ordered)
{
	sched &= ~KMP_SCH_MODIFIERS;
	if (sched >= KMP_NM_LOWER && sched < KMP_NM_UPPER)
		sched -= KMP_NM_LOWER - 32;
	*ordered = sched > KMP_ORD_LOWER && sched < KMP_ORD_UPPER;
	if (*ordered)
		sched -= KMP_ORD_LOWER - 32;
	return sched;
}

/* Iterations of lb, lb + st, ... up to and including ub. */
static u64 count_inclusive(u64 lb, u64 ub, s64 st, int is_signed)
{
	int empty = st > 0 ? (is_signed ? (s64)ub < (s64)lb : ub < lb)
			   : (is_signed ? (s64)lb < (s64)ub : lb < ub);
	if (empty || st == 0)
		return 0;
	u64 distance = st > 0 ? ub - lb : lb - ub;
	u64 step = st > 0 ? (u64)st : -(u64)st;
	return distance / step + 1;
}

/* Static schedules: each thread works out its own share, no shared
 * state. Without a chunk size: one block of about n/nthreads
 * iterations. With one: chunks id, id + nthreads, ... of CHUNK
 * iterations, and *PSTRIDE tells clang's code how far apart they are.
 * *PLAST says whether this thread has the loop's last iteration. */
static void static_init(kmp_int32 sched, kmp_int32 *plast, u64 *plower, u64 *pupper, s64 *pstride,
			s64 incr, s64 chunk, int is_signed)
{
	struct omp_thread *me = __omp_self();
	u64 nth = me->s.team->nthreads, id = me->s.id;
	u64 n = count_inclusive(*plower, *pupper, incr, is_signed);
	int ordered;

	sched = base_schedule(sched, &ordered);
	if (n == 0) { /* clang's own test finds the loop empty */
		*plast = 0;
		*pstride = incr;
		return;
	}
	if (nth == 1) { /* everything, in one go */
		*plast = 1;
		*pstride = (s64)(n * (u64)incr);
		return;
	}
	u64 empty_lower = *pupper + (incr > 0 ? 1 : (u64)-1); /* "lb past ub" */
	if (sched != KMP_SCH_STATIC_CHUNKED) {
		u64 q = n / nth, r = n % nth;
		u64 count = q + (id < r), first = id * q + (id < r ? id : r);
		*plast = first + count == n && count > 0;
		*pstride = (s64)n;
		if (count == 0) {
			*plower = empty_lower;
			return;
		}
		*plower += first * (u64)incr;
		*pupper = *plower + (count - 1) * (u64)incr;
		return;
	}
	if (chunk < 1)
		chunk = 1;
	if ((u64)chunk > n)
		chunk = (s64)n;
	u64 nchunks = n / (u64)chunk + (n % (u64)chunk != 0);
	u64 span = (u64)chunk * (u64)incr;
	*plast = id == (nchunks - 1) % nth;
	*pstride = (s64)(span * nth);
	if (id >= nchunks) {
		*plower = empty_lower;
		return;
	}
	*plower += span * id;
	*pupper = *plower + span - (u64)incr;
}

void __kmpc_for_static_init_4(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, kmp_int32 *plast,
			      int32_t *plower, int32_t *pupper, int32_t *pstride, int32_t incr,
			      int32_t chunk)
{
	u64 lo = (u64)(s64)*plower, hi = (u64)(s64)*pupper;
	s64 stride;

	(void)loc;
	(void)gtid;
	static_init(sched, plast, &lo, &hi, &stride, incr, chunk, 1);
	*plower = (int32_t)lo;
	*pupper = (int32_t)hi;
	*pstride = (int32_t)stride;
}

void __kmpc_for_static_init_4u(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, kmp_int32 *plast,
			       uint32_t *plower, uint32_t *pupper, int32_t *pstride, int32_t incr,
			       int32_t chunk)
{
	u64 lo = *plower, hi = *pupper;
	s64 stride;

	(void)loc;
	(void)gtid;
	static_init(sched, plast, &lo, &hi, &stride, incr, chunk, 0);
	*plower = (uint32_t)lo;
	*pupper = (uint32_t)hi;
	*pstride = (int32_t)stride;
}

void __kmpc_for_static_init_8(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, kmp_int32 *plast,
			      int64_t *plower, int64_t *pupper, int64_t *pstride, int64_t incr,
			      int64_t chunk)
{
	u64 lo = (u64)*plower, hi = (u64)*pupper;
	s64 stride;

	(void)loc;
	(void)gtid;
	static_init(sched, plast, &lo, &hi, &stride, incr, chunk, 1);
	*plower = (int64_t)lo;
	*pupper = (int64_t)hi;
	*pstride = stride;
}

void __kmpc_for_static_init_8u(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, kmp_int32 *plast,
			       uint64_t *plower, uint64_t *pupper, int64_t *pstride, int64_t incr,
			       int64_t chunk)
{
	s64 stride;

	(void)loc;
	(void)gtid;
	static_init(sched, plast, plower, pupper, &stride, incr, chunk, 0);
	*pstride = stride;
}

void __kmpc_for_static_fini(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
}

/* Dynamic, guided, runtime and ordered loops: a shared work-sharing
 * slot, as for gcc's GOMP_loop_*_start. dispatch_next hands out a chunk
 * [*plb, *pub] (inclusive) per call, and 0 at the end, when the thread
 * also leaves the construct. */
static void dispatch_init(kmp_int32 sched, u64 lb, u64 ub, s64 st, s64 chunk, int is_signed)
{
	int ordered, kind;
	unsigned long long run_chunk;

	sched = base_schedule(sched, &ordered);
	switch (sched) {
	case KMP_SCH_DYNAMIC_CHUNKED: kind = SCHED_DYNAMIC; break;
	case KMP_SCH_GUIDED_CHUNKED: kind = SCHED_GUIDED; break;
	case KMP_SCH_RUNTIME:
		__omp_run_sched(&kind, &run_chunk);
		chunk = (s64)run_chunk;
		break;
	case KMP_SCH_STATIC_CHUNKED: kind = SCHED_STATIC; break;
	default: kind = SCHED_STATIC; chunk = 0; break; /* static, auto */
	}
	if (kind == SCHED_AUTO) {
		kind = SCHED_STATIC;
		chunk = 0;
	}
	if (chunk < 1)
		chunk = kind == SCHED_STATIC ? 0 : 1;
	struct omp_loop loop = {
		.sched = kind,
		.ordered = ordered,
		.n = count_inclusive(lb, ub, st, is_signed),
		.chunk = (u64)chunk,
		.start = lb,
		.incr = (u64)st,
		.end = ub,
	};
	__omp_ws_enter(__omp_setup_loop, &loop);
}

static int dispatch_next(kmp_int32 *plast, u64 *plb, u64 *pub, s64 *pst)
{
	unsigned long long k0, k1;

	if (!__omp_next_chunk(&k0, &k1)) {
		__omp_ws_leave();
		return 0;
	}
	struct omp_ws *ws = __omp_self()->s.ws;
	*plb = ws->start + k0 * ws->incr;
	*pub = ws->start + (k1 - 1) * ws->incr;
	*pst = (s64)ws->incr;
	if (plast)
		*plast = k1 == ws->n;
	return 1;
}

void __kmpc_dispatch_init_4(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, int32_t lb, int32_t ub,
			    int32_t st, int32_t chunk)
{
	(void)loc;
	(void)gtid;
	dispatch_init(sched, (u64)(s64)lb, (u64)(s64)ub, st, chunk, 1);
}

void __kmpc_dispatch_init_4u(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, uint32_t lb,
			     uint32_t ub, int32_t st, int32_t chunk)
{
	(void)loc;
	(void)gtid;
	dispatch_init(sched, lb, ub, st, chunk, 0);
}

void __kmpc_dispatch_init_8(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, int64_t lb, int64_t ub,
			    int64_t st, int64_t chunk)
{
	(void)loc;
	(void)gtid;
	dispatch_init(sched, (u64)lb, (u64)ub, st, chunk, 1);
}

void __kmpc_dispatch_init_8u(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, uint64_t lb,
			     uint64_t ub, int64_t st, int64_t chunk)
{
	(void)loc;
	(void)gtid;
	dispatch_init(sched, lb, ub, st, chunk, 0);
}

int __kmpc_dispatch_next_4(ident_t *loc, kmp_int32 gtid, kmp_int32 *plast, int32_t *plb,
			   int32_t *pub, int32_t *pst)
{
	u64 lb, ub;
	s64 st;

	(void)loc;
	(void)gtid;
	if (!dispatch_next(plast, &lb, &ub, &st))
		return 0;
	*plb = (int32_t)lb;
	*pub = (int32_t)ub;
	if (pst)
		*pst = (int32_t)st;
	return 1;
}

int __kmpc_dispatch_next_4u(ident_t *loc, kmp_int32 gtid, kmp_int32 *plast, uint32_t *plb,
			    uint32_t *pub, int32_t *pst)
{
	u64 lb, ub;
	s64 st;

	(void)loc;
	(void)gtid;
	if (!dispatch_next(plast, &lb, &ub, &st))
		return 0;
	*plb = (uint32_t)lb;
	*pub = (uint32_t)ub;
	if (pst)
		*pst = (int32_t)st;
	return 1;
}

int __kmpc_dispatch_next_8(ident_t *loc, kmp_int32 gtid, kmp_int32 *plast, int64_t *plb,
			   int64_t *pub, int64_t *pst)
{
	u64 lb, ub;
	s64 st;

	(void)loc;
	(void)gtid;
	if (!dispatch_next(plast, &lb, &ub, &st))
		return 0;
	*plb = (int64_t)lb;
	*pub = (int64_t)ub;
	if (pst)
		*pst = st;
	return 1;
}

int __kmpc_dispatch_next_8u(ident_t *loc, kmp_int32 gtid, kmp_int32 *plast, uint64_t *plb,
			    uint64_t *pub, int64_t *pst)
{
	s64 st;

	(void)loc;
	(void)gtid;
	if (!dispatch_next(plast, plb, pub, &st))
		return 0;
	if (pst)
		*pst = st;
	return 1;
}

/* The end of each ordered chunk: nothing to do, the next dispatch_next
 * passes the turn on (see loop.c). */
void __kmpc_dispatch_fini_4(ident_t *loc, kmp_int32 gtid) { (void)loc; (void)gtid; }
void __kmpc_dispatch_fini_4u(ident_t *loc, kmp_int32 gtid) { (void)loc; (void)gtid; }
void __kmpc_dispatch_fini_8(ident_t *loc, kmp_int32 gtid) { (void)loc; (void)gtid; }
void __kmpc_dispatch_fini_8u(ident_t *loc, kmp_int32 gtid) { (void)loc; (void)gtid; }

/* --- tasks: run at once, as in task.c ---------------------------------------
 * clang's task record (kmp.h's kmp_task_t) starts with these fields,
 * followed by the task's private copies; the shared-variable pointers
 * come after the record. We keep the flags in a header in front. */

typedef kmp_int32 (*kmp_routine_entry_t)(kmp_int32, void *);

typedef struct {
	void *shareds;
	kmp_routine_entry_t routine;
	kmp_int32 part_id;
	union {
		kmp_int32 priority;
		kmp_routine_entry_t destructors;
	} data1, data2;
} kmp_task_t;

struct task_header {
	kmp_int32 flags;
	long align; /* keeps the task record 16-byte aligned */
};

kmp_task_t *__kmpc_omp_task_alloc(ident_t *loc, kmp_int32 gtid, kmp_int32 flags,
				  size_t sizeof_kmp_task_t, size_t sizeof_shareds,
				  kmp_routine_entry_t task_entry)
{
	size_t shareds_at = (sizeof_kmp_task_t + 15) & ~(size_t)15;
	struct task_header *h = calloc(1, sizeof *h + shareds_at + sizeof_shareds);

	(void)loc;
	(void)gtid;
	if (!h) {
		fputs("libomp: out of memory creating a task\n", stderr);
		abort();
	}
	h->flags = flags;
	kmp_task_t *task = (kmp_task_t *)(h + 1);
	task->shareds = sizeof_shareds ? (char *)task + shareds_at : NULL;
	task->routine = task_entry;
	return task;
}

static void task_free(kmp_int32 gtid, kmp_task_t *task)
{
	struct task_header *h = (struct task_header *)task - 1;

	if ((h->flags & KMP_TASK_DTOR_THK) && task->data1.destructors)
		task->data1.destructors(gtid, task);
	free(h);
}

kmp_int32 __kmpc_omp_task(ident_t *loc, kmp_int32 gtid, kmp_task_t *task)
{
	(void)loc;
	task->routine(gtid, task);
	task_free(gtid, task);
	return 0;
}

kmp_int32 __kmpc_omp_task_with_deps(ident_t *loc, kmp_int32 gtid, kmp_task_t *task,
				    kmp_int32 ndeps, void *deps, kmp_int32 ndeps_noalias,
				    void *noalias_deps)
{
	(void)ndeps;
	(void)deps;
	(void)ndeps_noalias;
	(void)noalias_deps;
	return __kmpc_omp_task(loc, gtid, task); /* earlier tasks are done already */
}

/* task if(0): clang runs the task itself between these two calls */
void __kmpc_omp_task_begin_if0(ident_t *loc, kmp_int32 gtid, kmp_task_t *task)
{
	(void)loc;
	(void)gtid;
	(void)task;
}

void __kmpc_omp_task_complete_if0(ident_t *loc, kmp_int32 gtid, kmp_task_t *task)
{
	(void)loc;
	task_free(gtid, task);
}

kmp_int32 __kmpc_omp_taskwait(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
	return 0;
}

kmp_int32 __kmpc_omp_taskyield(ident_t *loc, kmp_int32 gtid, int end_part)
{
	(void)loc;
	(void)gtid;
	(void)end_part;
	return 0;
}

void __kmpc_taskgroup(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
}

void __kmpc_end_taskgroup(ident_t *loc, kmp_int32 gtid)
{
	(void)loc;
	(void)gtid;
}
