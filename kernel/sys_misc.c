/*
 * sys_misc.c: the small system calls: process ids, uname, time and
 * sleeping, CPU placement, random bytes, power off.
 */
#include "kernel/errno.h"
#include "kernel/pid.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/sysproto.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/uapi.h"
#include "kernel/wait.h"

static struct process *me(void) { return current->proc; }

long sys_getpid(void) { return me()->pid; }
long sys_gettid(void) { return current->tid; }

long sys_getppid(void)
{
	spin_lock(&tasklist_lock);
	long ppid = me()->parent ? me()->parent->pid : 0;
	spin_unlock(&tasklist_lock);
	return ppid;
}

long sys_uname(void *ubuf)
{
	struct linux_utsname u;
	memset(&u, 0, sizeof u);
	strlcpy(u.sysname, "Linux", sizeof u.sysname); /* the ABI it speaks; programs test for it */
	strlcpy(u.nodename, "teachos", sizeof u.nodename);
	strlcpy(u.release, "6.1.0-teachos", sizeof u.release);
	strlcpy(u.version, "#1 SMP " __DATE__, sizeof u.version);
	strlcpy(u.machine, "x86_64", sizeof u.machine);
	strlcpy(u.domainname, "(none)", sizeof u.domainname);
	return copy_to_user(ubuf, &u, sizeof u);
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/* The task with thread id TID (0: the caller). Caller holds tasklist_lock. */
static struct task *find_task(int tid)
{
	return tid == 0 ? current : task_find(tid);
}

static uint64_t online_mask(void)
{
	uint64_t m = 0;
	for (unsigned i = 0; i < ncpus && i < 64; i++)
		if (cpus[i].online)
			m |= 1ull << i;
	return m;
}

long sys_sched_setaffinity(int tid, size_t size, const void *umask)
{
	uint64_t want = 0;
	if (copy_from_user(&want, umask, size < sizeof want ? size : sizeof want))
		return -EFAULT;
	want &= online_mask();
	if (!want)
		return -EINVAL; /* no CPU of the set is usable */
	spin_lock(&tasklist_lock);
	struct task *t = find_task(tid);
	if (t) {
		t->cpus_allowed = want;
		if (t != current && !task_allowed_on(t, (unsigned)t->cpu)) {
			cpus[t->cpu].need_resched = true; /* it moves at its next switch */
			sched_kick_cpu(t);
		}
	}
	spin_unlock(&tasklist_lock);
	if (!t)
		return -ESRCH;
	if (t == current && !task_allowed_on(t, this_cpu()->id))
		schedule(); /* moves us (see __schedule) */
	return 0;
}

long sys_sched_getaffinity(int tid, size_t size, void *umask)
{
	if (size < 8 || size % 8)
		return -EINVAL;
	uint64_t mask[MAX_CPUS / 64] = { 0 };
	spin_lock(&tasklist_lock);
	struct task *t = find_task(tid);
	if (t)
		mask[0] = t->cpus_allowed & online_mask();
	spin_unlock(&tasklist_lock);
	if (!t)
		return -ESRCH;
	size_t n = size < sizeof mask ? size : sizeof mask;
	if (clear_user(umask, size) || copy_to_user(umask, mask, n))
		return -EFAULT;
	return (long)n; /* the raw system call returns the mask's size */
}

long sys_getcpu(unsigned *ucpu, unsigned *unode, void *cache)
{
	unsigned cpu = this_cpu()->id, node = 0;
	if (ucpu && put_user(cpu, ucpu))
		return -EFAULT;
	if (unode && put_user(node, unode))
		return -EFAULT;
	return 0;
}

/* ---- time ---- */

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1

static long clock_now(int clock, uint64_t *ns)
{
	switch (clock) {
	case CLOCK_REALTIME:
		*ns = clock_realtime_ns();
		return 0;
	case CLOCK_REALTIME_COARSE: /* the last tick's time, as the vDSO reads it */
		*ns = vdso_coarse_ns() + clock_realtime_offset_ns();
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ns = vdso_coarse_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		*ns = clock_monotonic_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (current->ticks_user + current->ticks_system) * (1000000000ull / HZ);
		return 0;
	}
	return -EINVAL;
}

long sys_clock_gettime(int clock, void *utp)
{
	uint64_t ns;
	long err = clock_now(clock, &ns);
	if (err)
		return err;
	struct linux_timespec ts = { (int64_t)(ns / 1000000000ull), (int64_t)(ns % 1000000000ull) };
	return copy_to_user(utp, &ts, sizeof ts);
}

long sys_clock_getres(int clock, void *utp)
{
	uint64_t ns;
	long err = clock_now(clock, &ns);
	if (err || !utp)
		return err;
	bool coarse = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
	struct linux_timespec ts = { 0, coarse ? 1000000000 / HZ : 1 };
	return copy_to_user(utp, &ts, sizeof ts);
}

long sys_gettimeofday(void *utv, void *utz)
{
	if (utv) {
		uint64_t ns = clock_realtime_ns();
		struct linux_timeval tv = { (int64_t)(ns / 1000000000ull), (int64_t)(ns % 1000000000ull / 1000) };
		if (copy_to_user(utv, &tv, sizeof tv))
			return -EFAULT;
	}
	if (utz) {
		int tz[2] = { 0, 0 };
		if (copy_to_user(utz, tz, sizeof tz))
			return -EFAULT;
	}
	return 0;
}

long sys_time(long *ut)
{
	long now = (long)(clock_realtime_ns() / 1000000000ull);
	if (ut && put_user(now, ut))
		return -EFAULT;
	return now;
}

/* Sleep until CLOCK reads DEADLINE; -EINTR if killed first. */
static long sleep_until(int clock, uint64_t deadline)
{
	uint64_t now = 0;
	for (;;) {
		clock_now(clock, &now);
		if (now >= deadline)
			return 0;
		if (timer_sleep_ns(deadline - now))
			return -EINTR;
	}
}

static long do_nanosleep(int clock, int flags, const void *ureq, void *urem)
{
	struct linux_timespec req;
	if (copy_from_user(&req, ureq, sizeof req))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t ns = (uint64_t)req.tv_sec * 1000000000ull + (uint64_t)req.tv_nsec, now;
	if (clock_now(clock, &now) || clock == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	uint64_t deadline = flags & TIMER_ABSTIME ? ns : now + ns;
	long err = sleep_until(clock, deadline);
	if (err && urem && !(flags & TIMER_ABSTIME)) {
		clock_now(clock, &now);
		uint64_t left = deadline > now ? deadline - now : 0;
		struct linux_timespec rem = { (int64_t)(left / 1000000000ull), (int64_t)(left % 1000000000ull) };
		copy_to_user(urem, &rem, sizeof rem);
	}
	return err;
}

long sys_nanosleep(const void *req, void *rem) { return do_nanosleep(CLOCK_MONOTONIC, 0, req, rem); }

long sys_clock_nanosleep(int clock, int flags, const void *req, void *rem)
{
	long r = do_nanosleep(clock, flags, req, rem);
	return r; /* clock_nanosleep returns the error number itself: libc negates */
}

long sys_arch_prctl(int code, uint64_t addr) { return arch_prctl_tls(code, addr); }

/* Where to clear and futex-wake at exit (thread libraries' join). */
long sys_set_tid_address(int *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->tid;
}

long sys_getrandom(void *ubuf, size_t len, unsigned flags)
{
	static uint64_t state = 0x853c49e6748fea9bull;
	if (flags & ~7u)
		return -EINVAL;
	size_t done = 0;
	while (done < len) {
		/* xorshift mixed with the clock: unpredictable enough to seed a PRNG */
		uint64_t x = __atomic_add_fetch(&state, clock_monotonic_ns() | 1, __ATOMIC_RELAXED);
		x ^= x >> 33, x *= 0xff51afd7ed558ccdull, x ^= x >> 33;
		size_t n = len - done < 8 ? len - done : 8;
		if (copy_to_user((char *)ubuf + done, &x, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_HALT 0xcdef0123
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

long sys_reboot(int magic1, int magic2, unsigned cmd, void *arg)
{
	if ((unsigned)magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		printk(KERN_EMERG "reboot: Power down\n");
		arch_power_off();
	case LINUX_REBOOT_CMD_RESTART:
		printk(KERN_EMERG "reboot: Restarting system\n");
		arch_restart();
	}
	return -EINVAL;
}
