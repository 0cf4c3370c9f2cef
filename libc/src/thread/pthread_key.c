/* pthread_key.c: thread-specific data. A key is a slot number, the same
 * in every thread; each thread keeps its own value per slot in its
 * control block (struct pthread, specific[]). A destructor registered
 * with the key runs at thread exit on every non-NULL value.
 *
 * Keys can be deleted and their slots reused, and POSIX says a new key
 * starts out NULL in every thread. Instead of visiting every thread to
 * clear the slot, each slot has a generation number: odd while the key
 * is in use, bumped at every create and delete. A thread's value counts
 * only if it was stored under the current generation. */
#include <errno.h>
#include <pthread.h>

#include "internal/libc.h"
#include "internal/pthread_impl.h"

/* key_lock serialises create and delete; readers only load key_gen. */
static int key_lock;
static volatile int key_gen[PTHREAD_KEYS_MAX]; /* odd: in use */
static void (*key_destructor[PTHREAD_KEYS_MAX])(void *);

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	int ret = EAGAIN;

	__libc_lock(&key_lock);
	for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
		int gen = __load(&key_gen[k]);
		if (!(gen & 1)) {
			/* the destructor first, then the slot shows as used */
			key_destructor[k] = destructor;
			__store(&key_gen[k], gen + 1);
			*key = k;
			ret = 0;
			break;
		}
	}
	__libc_unlock(&key_lock);
	return ret;
}

int pthread_key_delete(pthread_key_t key)
{
	int ret = EINVAL;

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	__libc_lock(&key_lock);
	int gen = __load(&key_gen[key]);
	if (gen & 1) {
		__store(&key_gen[key], gen + 1);
		ret = 0;
	}
	__libc_unlock(&key_lock);
	return ret;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct pthread *self = __pthread_self();

	if (key >= PTHREAD_KEYS_MAX || self->specific[key].gen != (unsigned)__load(&key_gen[key]))
		return NULL;
	return self->specific[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct pthread *self = __pthread_self();

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	int gen = __load(&key_gen[key]);
	if (!(gen & 1))
		return EINVAL;
	self->specific[key].value = (void *)value;
	self->specific[key].gen = (unsigned)gen;
	self->specific_used = 1;
	return 0;
}

/* At thread exit: call each destructor on its non-NULL value, setting
 * the value to NULL first. A destructor may store new values, so POSIX
 * allows repeating the sweep up to PTHREAD_DESTRUCTOR_ITERATIONS
 * times. */
void __pthread_key_run_destructors(void)
{
	struct pthread *self = __pthread_self();

	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS && self->specific_used; round++) {
		self->specific_used = 0;
		for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void *value = self->specific[k].value;
			void (*destructor)(void *) = key_destructor[k];
			if (!value || self->specific[k].gen != (unsigned)__load(&key_gen[k]))
				continue;
			self->specific[k].value = NULL;
			if (destructor)
				destructor(value);
		}
	}
}
