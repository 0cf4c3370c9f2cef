/*
 * futex.c: FUTEX_WAIT, FUTEX_WAKE and their bitset forms.
 *
 * Waiters sit in one of FUTEX_BUCKETS hashed queues, keyed by what the
 * address means: for private memory (and FUTEX_PRIVATE_FLAG) the pair
 * (address space, virtual address); for MAP_SHARED memory the physical
 * address, which every process mapping it agrees on.
 *
 * No lost wake-ups: the waiter reads the futex word and queues itself
 * under the bucket lock; a waker changes the word *before* calling
 * FUTEX_WAKE, which takes the same lock. So either the waiter sees the
 * new value (and returns EAGAIN) or it is on the queue when the wake
 * comes.
 */
#include "kernel/errno.h"
#include "kernel/futex.h"
#include "kernel/list.h"
#include "kernel/mm.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/sysproto.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/uapi.h"
#include "kernel/wait.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

#define FUTEX_BUCKETS 64

struct futex_key {
	uint64_t space;   /* the mm for private futexes, 0 for shared ones */
	uint64_t address; /* virtual (private) or physical (shared) */
};

struct futex_waiter {
	struct futex_key key;
	uint32_t bitset;
	struct task *task;
	bool woken;              /* set by the waker, under the bucket lock */
	struct list_head node;
};

static struct futex_bucket {
	struct spinlock lock;
	struct list_head waiters;
} buckets[FUTEX_BUCKETS];

static bool buckets_ready;

static struct futex_bucket *bucket_of(const struct futex_key *k)
{
	if (!__atomic_load_n(&buckets_ready, __ATOMIC_ACQUIRE)) {
		static struct spinlock init_lock = SPINLOCK_INIT("futex_init");
		spin_lock(&init_lock);
		if (!buckets_ready) {
			for (int i = 0; i < FUTEX_BUCKETS; i++) {
				spin_init(&buckets[i].lock, "futex_bucket");
				list_init(&buckets[i].waiters);
			}
			__atomic_store_n(&buckets_ready, true, __ATOMIC_RELEASE);
		}
		spin_unlock(&init_lock);
	}
	uint64_t h = (k->space ^ k->address) * 0x9e3779b97f4a7c15ull;
	return &buckets[h >> 58];
}

static bool same_key(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->address == b->address;
}

/* The key for UADDR, or -EINVAL (misaligned) / -EFAULT (not mapped). */
static long get_key(uint32_t *uaddr, bool private, struct futex_key *k)
{
	if ((uint64_t)uaddr % 4)
		return -EINVAL;
	uint32_t v;
	if (get_user(v, uaddr)) /* also faults the page in */
		return -EFAULT;
	struct mm *mm = current->proc->mm;
	uint64_t phys;
	if (!private && mm_shared_phys(mm, (uint64_t)uaddr, &phys)) {
		k->space = 0;
		k->address = phys;
	} else {
		k->space = (uint64_t)mm;
		k->address = (uint64_t)uaddr;
	}
	return 0;
}

static long futex_wait(uint32_t *uaddr, bool private, uint32_t val, uint64_t deadline, int clock,
		       uint32_t bitset)
{
	struct futex_key key;
	long err = get_key(uaddr, private, &key);
	if (err)
		return err;
	struct futex_bucket *b = bucket_of(&key);
	struct futex_waiter w = { key, bitset, current, false, { 0, 0 } };
	struct waiter tick = { 0, { 0, 0 } };

	spin_lock(&b->lock);
	uint32_t now_val;
	if (get_user(now_val, uaddr)) {
		spin_unlock(&b->lock);
		return -EFAULT;
	}
	if (now_val != val) {
		spin_unlock(&b->lock);
		return -EAGAIN; /* it changed: the lock was released meanwhile */
	}
	list_add_tail(&w.node, &b->waiters);
	spin_unlock(&b->lock);

	for (;;) {
		if (deadline) /* the timer tick wakes us to look at the clock */
			prepare_to_wait(timer_wait_queue(), &tick, TASK_INTERRUPTIBLE);
		spin_lock(&b->lock);
		current->state = TASK_INTERRUPTIBLE;
		if (w.woken)
			break;
		if (signal_pending(current)) {
			err = -EINTR;
			break;
		}
		uint64_t now = clock ? clock_realtime_ns() : clock_monotonic_ns();
		if (deadline && now >= deadline) {
			err = -ETIMEDOUT;
			break;
		}
		spin_unlock(&b->lock);
		schedule();
	}
	/* still holding the bucket lock */
	if (!w.woken)
		list_del(&w.node);
	current->state = TASK_RUNNING;
	spin_unlock(&b->lock);
	if (deadline)
		finish_wait(timer_wait_queue(), &tick);
	return w.woken ? 0 : err;
}

static long futex_wake_key(const struct futex_key *key, int n, uint32_t bitset)
{
	struct futex_bucket *b = bucket_of(key);
	int woken = 0;
	spin_lock(&b->lock);
	struct list_head *p, *tmp;
	list_for_each_safe(p, tmp, &b->waiters) {
		if (woken >= n)
			break;
		struct futex_waiter *w = list_entry(p, struct futex_waiter, node);
		if (!same_key(&w->key, key) || !(w->bitset & bitset))
			continue;
		struct task *t = w->task; /* W lives on the waiter's stack: */
		list_del(&w->node);      /* done with it once woken is set */
		w->woken = true;
		wake_up_process(t);
		woken++;
	}
	spin_unlock(&b->lock);
	return woken;
}

static long futex_wake(uint32_t *uaddr, bool private, int n, uint32_t bitset)
{
	struct futex_key key;
	long err = get_key(uaddr, private, &key);
	if (err)
		return err;
	return futex_wake_key(&key, n, bitset);
}

int futex_wake_address(int *uaddr, int n)
{
	return (int)futex_wake((uint32_t *)uaddr, false, n, FUTEX_BITSET_MATCH_ANY);
}

long sys_futex(uint32_t *uaddr, int op, uint32_t val, const void *utimeout, uint32_t *uaddr2, uint32_t val3)
{
	bool private = op & FUTEX_PRIVATE_FLAG;
	int realtime = op & FUTEX_CLOCK_REALTIME;
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	uint64_t deadline = 0, ns;
	long err;
	switch (cmd) {
	case FUTEX_WAIT:
		if (realtime)
			return -ENOSYS; /* as Linux: FUTEX_WAIT takes a relative monotonic time */
		if (utimeout) {
			if ((err = timespec_from_user(utimeout, &ns)))
				return err;
			deadline = clock_monotonic_ns() + ns + 1; /* +1: never 0 */
		}
		return futex_wait(uaddr, private, val, deadline, 0, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		if (utimeout) { /* absolute, on the chosen clock */
			if ((err = timespec_from_user(utimeout, &ns)))
				return err;
			deadline = ns ? ns : 1;
		}
		return futex_wait(uaddr, private, val, deadline, realtime, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, private, (int)(val > 0x7fffffff ? 0x7fffffff : val), FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake(uaddr, private, (int)(val > 0x7fffffff ? 0x7fffffff : val), val3);
	}
	return -ENOSYS; /* requeue, PI and the other operations: not here */
}
