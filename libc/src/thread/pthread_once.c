/* pthread_once.c: running an initialisation function exactly once,
 * however many threads ask at the same moment. The once word goes
 * 0 (never run) -> 1 (running) -> 2 (done); latecomers that find it
 * running sleep on it until the runner wakes them. */
#include <pthread.h>

#include "internal/futex.h"

enum { ONCE_NEW, ONCE_RUNNING, ONCE_DONE };

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	volatile int *state = once;

	if (__load(state) == ONCE_DONE) /* the common case: one load */
		return 0;
	if (__cas(state, ONCE_NEW, ONCE_RUNNING) == ONCE_NEW) {
		fn();
		__store(state, ONCE_DONE);
		__futex_wake(state, 0x7fffffff, FUTEX_PRIVATE);
		return 0;
	}
	while (__load(state) == ONCE_RUNNING)
		__futex_wait(state, ONCE_RUNNING, NULL, FUTEX_PRIVATE);
	return 0;
}
