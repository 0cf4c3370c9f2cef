/*
 * semaphore.c: counting semaphores and mutexes that sleep (semaphore.h).
 *
 * down() checks the count and queues itself on the wait queue under the
 * semaphore's lock, so an up() in between cannot be missed: either down
 * sees the unit, or it is on the queue when up() wakes it. Lock order:
 * semaphore lock -> wait-queue lock -> run-queue lock.
 */
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/semaphore.h"
#include "kernel/time.h"

void sema_init(struct semaphore *s, int count, const char *name)
{
	spin_init(&s->lock, name);
	s->count = count;
	wait_queue_init(&s->wait, name);
}

/* Take a unit, waiting at most until DEADLINE (0: for ever). */
static int down_until(struct semaphore *s, uint64_t deadline)
{
	struct waiter w = { 0, { 0, 0 } }, tick = { 0, { 0, 0 } };
	int err = 0;
	for (;;) {
		if (deadline) /* woken by every tick to look at the clock */
			prepare_to_wait(timer_wait_queue(), &tick, TASK_UNINTERRUPTIBLE);
		spin_lock(&s->lock);
		if (s->count > 0) {
			s->count--;
			spin_unlock(&s->lock);
			break;
		}
		if (deadline && clock_monotonic_ns() >= deadline) {
			spin_unlock(&s->lock);
			err = -ETIMEDOUT;
			break;
		}
		prepare_to_wait(&s->wait, &w, TASK_UNINTERRUPTIBLE);
		spin_unlock(&s->lock);
		schedule();
	}
	finish_wait(&s->wait, &w);
	if (deadline)
		finish_wait(timer_wait_queue(), &tick);
	return err;
}

void down(struct semaphore *s) { down_until(s, 0); }

int down_timeout(struct semaphore *s, uint64_t ns)
{
	return down_until(s, clock_monotonic_ns() + ns + 1);
}

int down_trylock(struct semaphore *s)
{
	spin_lock(&s->lock);
	int ok = s->count > 0;
	if (ok)
		s->count--;
	spin_unlock(&s->lock);
	return ok ? 0 : -EAGAIN;
}

void up(struct semaphore *s)
{
	spin_lock(&s->lock);
	s->count++;
	spin_unlock(&s->lock);
	wake_up_one(&s->wait);
}

void mutex_init(struct mutex *m, const char *name)
{
	sema_init(&m->sem, 1, name);
	m->owner = 0;
	m->name = name;
}

void mutex_lock(struct mutex *m)
{
	if (m->owner == current)
		panic("mutex '%s': locked again by its holder (%s, tid %d)", m->name, current->comm,
		      current->tid);
	down(&m->sem);
	m->owner = current;
}

void mutex_unlock(struct mutex *m)
{
	if (m->owner != current)
		panic("mutex '%s': unlocked by %s (tid %d), which does not hold it", m->name,
		      current->comm, current->tid);
	m->owner = 0;
	up(&m->sem);
}

