/* omp.h: the OpenMP runtime library API (libc/omp/, linked as
 * libomp.a; tools/oscc -fopenmp adds it). Programs use the pragmas;
 * these functions ask about and steer the team they run in. See
 * libc/omp/omp_impl.h for how the runtime works.
 *
 * Not supported: nested parallelism (a region inside a region gets one
 * thread), deferred tasks (every task runs at once where it is
 * created), cancellation, target devices, affinity. */
#ifndef _OMP_H
#define _OMP_H

typedef struct {
	volatile int __lock; /* a futex lock (src/internal/lock.h) */
} omp_lock_t;

typedef struct {
	volatile int __lock;
	int __count;			/* how many times the owner holds it */
	volatile unsigned long __owner; /* pthread_self() of the owner */
} omp_nest_lock_t;

typedef enum omp_sched_t {
	omp_sched_static = 1,
	omp_sched_dynamic = 2,
	omp_sched_guided = 3,
	omp_sched_auto = 4,
	omp_sched_monotonic = (int)0x80000000u
} omp_sched_t;

typedef enum omp_proc_bind_t {
	omp_proc_bind_false = 0,
	omp_proc_bind_true = 1,
	omp_proc_bind_master = 2,
	omp_proc_bind_primary = 2,
	omp_proc_bind_close = 3,
	omp_proc_bind_spread = 4
} omp_proc_bind_t;

typedef enum omp_sync_hint_t {
	omp_sync_hint_none = 0,
	omp_sync_hint_uncontended = 1,
	omp_sync_hint_contended = 2,
	omp_sync_hint_nonspeculative = 4,
	omp_sync_hint_speculative = 8
} omp_sync_hint_t;
typedef omp_sync_hint_t omp_lock_hint_t;

/* the team */
void omp_set_num_threads(int n);
int omp_get_num_threads(void);
int omp_get_max_threads(void);
int omp_get_thread_num(void);
int omp_get_num_procs(void);
int omp_in_parallel(void);
int omp_get_thread_limit(void);
int omp_get_level(void);
int omp_get_active_level(void);
int omp_get_ancestor_thread_num(int level);
int omp_get_team_size(int level);
void omp_set_dynamic(int on);
int omp_get_dynamic(void);
void omp_set_nested(int on);
int omp_get_nested(void);
void omp_set_max_active_levels(int levels);
int omp_get_max_active_levels(void);
void omp_set_schedule(omp_sched_t kind, int chunk);
void omp_get_schedule(omp_sched_t *kind, int *chunk);
omp_proc_bind_t omp_get_proc_bind(void);
int omp_in_final(void);
int omp_get_cancellation(void);
int omp_get_num_devices(void);
int omp_get_default_device(void);
int omp_is_initial_device(void);

/* time: seconds since some fixed moment, and the clock's resolution */
double omp_get_wtime(void);
double omp_get_wtick(void);

/* locks */
void omp_init_lock(omp_lock_t *lock);
void omp_init_lock_with_hint(omp_lock_t *lock, omp_sync_hint_t hint);
void omp_destroy_lock(omp_lock_t *lock);
void omp_set_lock(omp_lock_t *lock);
void omp_unset_lock(omp_lock_t *lock);
int omp_test_lock(omp_lock_t *lock);
void omp_init_nest_lock(omp_nest_lock_t *lock);
void omp_init_nest_lock_with_hint(omp_nest_lock_t *lock, omp_sync_hint_t hint);
void omp_destroy_nest_lock(omp_nest_lock_t *lock);
void omp_set_nest_lock(omp_nest_lock_t *lock);
void omp_unset_nest_lock(omp_nest_lock_t *lock);
int omp_test_nest_lock(omp_nest_lock_t *lock);

#endif
