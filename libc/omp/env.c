/* env.c: the OpenMP "internal control variables": their defaults from
 * the OMP_* environment variables (read once, at the first OpenMP
 * call) and the omp_get_* / omp_set_* functions of <omp.h> that read
 * and change them, plus omp_get_wtime.
 *
 *   OMP_NUM_THREADS    team size (first number of a list); default:
 *                      the CPUs we may run on (sched_getaffinity)
 *   OMP_SCHEDULE       [monotonic:|nonmonotonic:]static|dynamic|guided|auto[,chunk]
 *                      for schedule(runtime); default dynamic,1
 *   OMP_THREAD_LIMIT   most threads in a team
 *   OMP_STACKSIZE      workers' stack: number with B, K (default), M or G
 *   OMP_WAIT_POLICY    active (spin long before sleeping) or passive
 *                      (sleep at once)
 *   OMP_DYNAMIC, OMP_NESTED, OMP_MAX_ACTIVE_LEVELS: recorded and
 *                      reported, but teams are never resized and
 *                      nested regions always get one thread. */
#include <ctype.h>
#include <limits.h>
#include <omp.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "omp_impl.h"

struct omp_globals __omp;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* run-sched-var: process-wide here, changed by omp_set_schedule */
static volatile int run_sched = SCHED_DYNAMIC;
static volatile unsigned long long run_chunk = 1;

static int cpus_we_may_use(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

/* A positive number at the start of S (after blanks), else 0. */
static long leading_number(const char *s, char **end)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	long n = strtol(s, &e, 10);
	if (end)
		*end = e;
	return e == s || n <= 0 ? 0 : n;
}

static int env_number(const char *name, int fallback)
{
	const char *v = getenv(name);
	long n = v ? leading_number(v, NULL) : 0;

	return n > 0 && n <= INT_MAX ? (int)n : fallback;
}

static int env_bool(const char *name, int fallback)
{
	const char *v = getenv(name);

	if (!v)
		return fallback;
	while (isspace((unsigned char)*v))
		v++;
	if (strncasecmp(v, "true", 4) == 0)
		return 1;
	if (strncasecmp(v, "false", 5) == 0)
		return 0;
	return fallback;
}

static void parse_schedule(const char *v)
{
	static const struct {
		const char *name;
		int kind;
	} kinds[] = {{"static", SCHED_STATIC}, {"dynamic", SCHED_DYNAMIC},
		     {"guided", SCHED_GUIDED}, {"auto", SCHED_AUTO}};

	while (isspace((unsigned char)*v))
		v++;
	const char *colon = strchr(v, ':');
	if (colon) /* the monotonic: / nonmonotonic: modifier changes nothing here */
		v = colon + 1;
	while (isspace((unsigned char)*v))
		v++;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t len = strlen(kinds[i].name);
		if (strncasecmp(v, kinds[i].name, len) != 0)
			continue;
		run_sched = kinds[i].kind;
		run_chunk = kinds[i].kind == SCHED_STATIC ? 0 : 1;
		const char *comma = strchr(v + len, ',');
		long chunk = comma ? leading_number(comma + 1, NULL) : 0;
		if (chunk > 0)
			run_chunk = (unsigned long long)chunk;
		return;
	}
}

/* "4M", "512k", "100000B", "64" (KiB) -> bytes; 0 if malformed. */
static size_t parse_size(const char *v)
{
	char *end;
	long n = leading_number(v, &end);

	while (isspace((unsigned char)*end))
		end++;
	switch (toupper((unsigned char)*end)) {
	case 'B': return (size_t)n;
	case '\0':
	case 'K': return (size_t)n << 10;
	case 'M': return (size_t)n << 20;
	case 'G': return (size_t)n << 30;
	default: return 0;
	}
}

static void read_environment(void)
{
	const char *v;

	__omp.nprocs = cpus_we_may_use();
	__omp.nthreads = env_number("OMP_NUM_THREADS", __omp.nprocs);
	__omp.thread_limit = env_number("OMP_THREAD_LIMIT", INT_MAX);
	__omp.dynamic = env_bool("OMP_DYNAMIC", 0);
	__omp.max_active_levels = env_bool("OMP_NESTED", 0) ? INT_MAX : 1;
	__omp.max_active_levels = env_number("OMP_MAX_ACTIVE_LEVELS", __omp.max_active_levels);
	if ((v = getenv("OMP_SCHEDULE")))
		parse_schedule(v);
	if ((v = getenv("OMP_STACKSIZE")))
		__omp.stacksize = parse_size(v);

	/* Spinning before sleeping pays off only when the thread we wait
	 * for runs on another CPU at the same time. */
	__omp.spin = 2000;
	if ((v = getenv("OMP_WAIT_POLICY")) && strncasecmp(v, "active", 6) == 0)
		__omp.spin = 1000000;
	if ((v = getenv("OMP_WAIT_POLICY")) && strncasecmp(v, "passive", 7) == 0)
		__omp.spin = 0;
	if (__omp.nprocs == 1)
		__omp.spin = 0;
}

void __omp_init(void)
{
	pthread_once(&init_once, read_environment);
}

void __omp_run_sched(int *sched, unsigned long long *chunk)
{
	__omp_init();
	*sched = run_sched;
	*chunk = run_chunk;
}

/* --- the team ------------------------------------------------------------ */

void omp_set_num_threads(int n)
{
	if (n > 0)
		__omp_self()->s.nthreads_var = n;
}

int omp_get_num_threads(void) { return (int)__omp_self()->s.team->nthreads; }
int omp_get_thread_num(void) { return (int)__omp_self()->s.id; }
int omp_get_max_threads(void) { return __omp_self()->s.nthreads_var; }
int omp_in_parallel(void) { return __omp_self()->s.active_level > 0; }
int omp_get_level(void) { return __omp_self()->s.level; }
int omp_get_active_level(void) { return __omp_self()->s.active_level; }

int omp_get_num_procs(void)
{
	__omp_init();
	return __omp.nprocs;
}

int omp_get_thread_limit(void)
{
	__omp_init();
	return __omp.thread_limit;
}

/* Only the outermost level (the initial thread) and our own are known
 * to us; other levels report -1 as for a level that does not exist. */
int omp_get_ancestor_thread_num(int level)
{
	struct omp_thread *me = __omp_self();

	if (level == me->s.level)
		return (int)me->s.id;
	return level == 0 ? 0 : -1;
}

int omp_get_team_size(int level)
{
	struct omp_thread *me = __omp_self();

	if (level == me->s.level)
		return (int)me->s.team->nthreads;
	return level == 0 ? 1 : -1;
}

void omp_set_dynamic(int on)
{
	__omp_init();
	__omp.dynamic = on != 0;
}

int omp_get_dynamic(void)
{
	__omp_init();
	return __omp.dynamic;
}

void omp_set_nested(int on)
{
	__omp_init();
	__omp.max_active_levels = on ? INT_MAX : 1;
}

int omp_get_nested(void)
{
	__omp_init();
	return __omp.max_active_levels > 1;
}

void omp_set_max_active_levels(int levels)
{
	__omp_init();
	if (levels >= 0)
		__omp.max_active_levels = levels;
}

int omp_get_max_active_levels(void)
{
	__omp_init();
	return __omp.max_active_levels;
}

void omp_set_schedule(omp_sched_t kind, int chunk)
{
	int k = (int)((unsigned)kind & ~(unsigned)omp_sched_monotonic);

	__omp_init();
	if (k < SCHED_STATIC || k > SCHED_AUTO)
		return;
	run_sched = k;
	run_chunk = chunk > 0 ? (unsigned long long)chunk : (k == SCHED_STATIC ? 0 : 1);
}

void omp_get_schedule(omp_sched_t *kind, int *chunk)
{
	__omp_init();
	*kind = (omp_sched_t)run_sched;
	*chunk = (int)run_chunk;
}

omp_proc_bind_t omp_get_proc_bind(void) { return omp_proc_bind_false; }
int omp_in_final(void) { return 0; }
int omp_get_cancellation(void) { return 0; }
int omp_get_num_devices(void) { return 0; }
int omp_get_default_device(void) { return 0; }
int omp_is_initial_device(void) { return 1; }

/* --- time -------------------------------------------------------------------- */

double omp_get_wtime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double omp_get_wtick(void)
{
	struct timespec res;

	if (clock_getres(CLOCK_MONOTONIC, &res) < 0)
		return 1e-9;
	return (double)res.tv_sec + (double)res.tv_nsec * 1e-9;
}
