/*
 * pid.c: allocating ids from a bitmap, circularly: each allocation
 * starts after the last id handed out, so a just-freed id is not reused
 * at once (programs and people get confused by that).
 */
#include "kernel/pid.h"
#include "kernel/cmdline.h"
#include "kernel/errno.h"
#include "kernel/spinlock.h"

KERNEL_PARAM("pid_max", "highest process id + 1 (default 32768, as Linux)");

static uint64_t used[PID_MAX_LIMIT / 64]; /* guarded by pid_lock */
static int pid_max = PID_MAX_DEFAULT;
static int last_pid;
static uint64_t pids_allocated; /* forks and clones since boot (/proc/stat) */
static struct spinlock pid_lock = SPINLOCK_INIT("pid");
static bool initialized;

static bool test_bit(int n) { return used[n / 64] >> (n % 64) & 1; }

int pid_alloc(void)
{
	spin_lock(&pid_lock);
	if (!initialized) {
		int v = (int)cmdline_get_u64("pid_max", PID_MAX_DEFAULT);
		if (v > PID_WRAP_START && v <= PID_MAX_LIMIT)
			pid_max = v;
		used[0] |= 1; /* pid 0 is the idle tasks' */
		initialized = true;
	}
	int pid = last_pid;
	for (int tries = 0; tries < pid_max; tries++) {
		pid++;
		if (pid >= pid_max)
			pid = PID_WRAP_START;
		if (!test_bit(pid)) {
			used[pid / 64] |= 1ull << (pid % 64);
			last_pid = pid;
			pids_allocated++;
			spin_unlock(&pid_lock);
			return pid;
		}
	}
	spin_unlock(&pid_lock);
	return -EAGAIN;
}

void pid_free(int pid)
{
	spin_lock(&pid_lock);
	if (pid > 0 && pid < PID_MAX_LIMIT)
		used[pid / 64] &= ~(1ull << (pid % 64));
	spin_unlock(&pid_lock);
}

int pid_max_get(void) { return pid_max; }
int pid_last(void) { return __atomic_load_n(&last_pid, __ATOMIC_RELAXED); }
uint64_t pid_alloc_count(void) { return __atomic_load_n(&pids_allocated, __ATOMIC_RELAXED); }

int pid_max_set(int value)
{
	if (value <= PID_WRAP_START || value > PID_MAX_LIMIT)
		return -EINVAL;
	spin_lock(&pid_lock);
	pid_max = value;
	if (last_pid >= pid_max)
		last_pid = PID_WRAP_START;
	spin_unlock(&pid_lock);
	return 0;
}
