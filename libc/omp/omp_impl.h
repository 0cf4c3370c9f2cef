/* omp_impl.h: the inside of the OpenMP runtime (libomp.a): teams,
 * work-sharing constructs and the per-thread state they hang off.
 *
 * How gcc -fopenmp uses us: it moves the body of every
 * `#pragma omp parallel` into a new function ("outlined", named like
 * main._omp_fn.0) taking a pointer to a struct of the shared variables,
 * and replaces the pragma by GOMP_parallel(fn, &data, num_threads,
 * flags). We run fn on a team of threads: the caller as thread 0 (the
 * "master") and workers from a pool that lives as long as the program,
 * so the threads are created once, not per region. Inside fn, gcc calls
 * us for the constructs it cannot do alone (dynamic loops, barriers,
 * single, critical ...); a static loop it splits itself with
 * omp_get_num_threads()/omp_get_thread_num().
 *
 *   master thread                       pool workers (sleeping on job_seq)
 *   GOMP_parallel(fn, data, 4)
 *     pick 3 workers, give each         -> wake up, run fn(data) as 1, 2, 3
 *       fn, data, team, id; wake them
 *     fn(data) as thread 0
 *     wait until team->running == 0   <-  each: running--, back to sleep
 *   return
 *
 * Files: team.c (parallel regions, pool, barrier), loop.c (`for`
 * loops and `ordered`), sections.c (sections and single), critical.c
 * (critical, atomic, omp locks), env.c (ICVs: OMP_* variables and the
 * omp_get/set functions), task.c (tasks, run at once). */
#ifndef _OMP_IMPL_H
#define _OMP_IMPL_H

#include <stdbool.h>
#include <stddef.h>

/* Work-sharing constructs in flight per team: with `nowait`, fast
 * threads may start the next loop while slow ones finish this one.
 * A thread that gets WS_RING constructs ahead waits for a slot. */
#define WS_RING 8

enum omp_sched_kind { SCHED_STATIC = 1, SCHED_DYNAMIC = 2, SCHED_GUIDED = 3, SCHED_AUTO = 4 };

/* One work-sharing construct (a loop or a sections block). The loop is
 * kept as a count of iterations N, numbered 0..N-1; iteration k is the
 * value START + k * INCR (64-bit wrap-around arithmetic serves signed
 * and unsigned loops alike). Fields other than seq, left, next and the
 * ordered ones are written by the thread that sets the slot up, under
 * the team's ws_lock, before seq shows the slot as ready. */
struct omp_ws {
	volatile int seq;  /* number of the construct in this slot (0: none yet) */
	volatile int left; /* threads of the team not yet done with it */
	int sched;	   /* SCHED_* */
	int ordered;	   /* the loop has an `ordered` clause */
	unsigned long long n;	  /* iterations */
	unsigned long long chunk; /* iterations per chunk; 0: static, one block each */
	unsigned long long start, incr, end;
	volatile unsigned long long next; /* dynamic/guided: first unassigned */
	/* ordered: the chunk starting here may run its ordered parts; it
	 * moves on when that chunk is done (see loop.c) */
	volatile unsigned long long ordered_next;
	volatile int ordered_moved; /* futex word, bumped when ordered_next moves */
};

struct omp_team {
	unsigned nthreads;
	/* barrier: the last of nthreads to arrive resets `arrived` and
	 * bumps `generation`, which is what the others sleep on */
	volatile int arrived;
	volatile int generation;
	volatile int running; /* workers still in fn; the master waits for 0 */
	volatile unsigned long single_count; /* single constructs claimed */
	void *volatile copy_data;	     /* single copyprivate's data */
	int ws_lock;			     /* futex lock for setting up slots */
	volatile int ws_changed; /* futex word: bumped when a slot is freed or set up */
	volatile int ws_waiters; /* threads sleeping on ws_changed */
	struct omp_ws ws[WS_RING];
};

/* What a thread is doing: the team it is in, its number there, and
 * its position in the team's sequence of constructs. Saved and
 * restored around nested regions. */
struct omp_state {
	struct omp_team *team;
	unsigned id;		   /* omp_get_thread_num() */
	unsigned ws_index;	   /* work-sharing constructs entered */
	struct omp_ws *ws;	   /* the one we are in */
	unsigned long single_count; /* single constructs passed */
	unsigned long long static_trip; /* static loops: chunks taken */
	unsigned long long chunk_k0, chunk_k1; /* the chunk we are running */
	int have_chunk;
	int level;	  /* enclosing parallel regions */
	int active_level; /* ...of them with more than one thread */
	int nthreads_var; /* omp_set_num_threads: next region's size */
};

struct omp_worker;

struct omp_thread {
	int initialised;
	struct omp_state s;
	struct omp_team initial_team; /* the team of one outside any region */
	/* as a master: my pool of workers, and the team I lead */
	struct omp_worker **workers;
	int nworkers;
	struct omp_team *pool_team;
};

/* The calling thread's state (a __thread variable), set up on first
 * use. */
struct omp_thread *__omp_self(void);

/* env.c: the global defaults, read from the OMP_* variables once (by
 * __omp_init); later changed only by omp_set_dynamic/nested/
 * max_active_levels. */
struct omp_globals {
	int nthreads;		/* OMP_NUM_THREADS, else the CPUs we may use */
	int thread_limit;	/* OMP_THREAD_LIMIT */
	int run_sched;		/* OMP_SCHEDULE: schedule(runtime) */
	unsigned long long run_chunk;
	int dynamic;		/* OMP_DYNAMIC (accepted, not acted on) */
	int max_active_levels;	/* OMP_MAX_ACTIVE_LEVELS / OMP_NESTED (recorded) */
	size_t stacksize;	/* OMP_STACKSIZE for workers, 0: default */
	int spin;		/* how long waiters spin before sleeping */
	int nprocs;
};
extern struct omp_globals __omp;
void __omp_init(void);
/* schedule(runtime): run-sched-var (OMP_SCHEDULE, omp_set_schedule) */
void __omp_run_sched(int *sched, unsigned long long *chunk);

/* team.c */
void __omp_barrier(struct omp_team *team);
void GOMP_barrier(void);
bool GOMP_single_start(void);
/* Runs FN(DATA) on a team of (up to) NTHREADS threads, the caller as
 * thread 0. WS_SETUP, if not NULL, prepares the team's first
 * work-sharing construct before anyone starts (combined `parallel
 * for` / `parallel sections`), with WS_ARG. */
void __omp_run_team(void (*fn)(void *), void *data, unsigned nthreads,
		    void (*ws_setup)(struct omp_ws *, const void *), const void *ws_arg);

/* A loop to share out (loop.c): iterations START, START + INCR, ...
 * up to (not including) END; N of them. */
struct omp_loop {
	int sched; /* SCHED_* */
	int ordered;
	unsigned long long n, chunk, start, incr, end;
};
void __omp_setup_loop(struct omp_ws *ws, const void *loop); /* ARG: struct omp_loop */

/* Work-sharing slots (loop.c): enter the next construct (setting it up
 * with SETUP(ws, ARG) if we are the first thread there), and leave it. */
struct omp_ws *__omp_ws_enter(void (*setup)(struct omp_ws *, const void *), const void *arg);
void __omp_ws_leave(void);
/* Iterations for the caller: the next chunk [*K0, *K1) of the current
 * construct; false when there are none left. */
bool __omp_next_chunk(unsigned long long *k0, unsigned long long *k1);

/* Waiting: spin for a while (other CPUs may be about to change *ADDR),
 * then sleep in the kernel until *ADDR != VAL. */
void __omp_wait_while(volatile int *addr, int val);

#endif
