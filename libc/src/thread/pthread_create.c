/* pthread_create.c: the life of a thread: creating it with clone,
 * ending it (pthread_exit), waiting for it (pthread_join) and letting
 * it go (pthread_detach). The thread control block and TLS are drawn in
 * src/internal/pthread_impl.h; the locks are in the other files of this
 * folder.
 *
 * One mmap holds everything a new thread owns:
 *
 *     map_base                                           map_base + map_size
 *     +-------------+-------------------------------+-----------+-----+
 *     | guard page  | stack (grows down)        <-- | TLS block | TCB |
 *     | PROT_NONE   |                           sp0 |           |     |
 *     +-------------+-------------------------------+-----------+-----+
 *
 * Running off the bottom of the stack hits the guard page: a SIGSEGV
 * rather than silently overwriting another thread's memory.
 *
 * Who frees that block? A joinable thread's block is unmapped by
 * pthread_join, after the kernel has said (by clearing the tid word,
 * CLONE_CHILD_CLEARTID) that the thread no longer runs on it. A
 * detached thread unmaps its own block as the very last thing it does,
 * in assembly (arch/x86_64/unmapself.S). detach_state decides between
 * the two when pthread_detach and the thread's exit race. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "internal/libc.h"
#include "internal/pthread_impl.h"
#include "internal/syscall.h"

/* Linux's default is RLIMIT_STACK (8 MiB); threads in teaching programs
 * are small and many, and untouched pages cost nothing anyway. */
#define DEFAULT_STACK_SIZE (2UL << 20)

/* The flags that make a clone a thread rather than a process: share
 * the address space, the file-system information (cwd, umask), the
 * descriptor table, the signal handlers and SysV semaphore undo lists;
 * be in our thread group (same PID); start with this TLS; tell us the
 * thread id; and clear it and wake us when the thread ends. */
#define THREAD_FLAGS                                                               \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |        \
	 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

/* Threads alive, counting the main thread. The last one to call
 * pthread_exit ends the process with exit(0), as POSIX asks. */
volatile int __thread_count = 1;

static size_t round_up(size_t n, size_t align)
{
	return (n + align - 1) & ~(align - 1);
}

/* The new thread's first C function, on its own stack with FS already
 * pointing at its TCB (CLONE_SETTLS did that in the kernel). */
static int start_thread(void *arg)
{
	struct pthread *self = arg;

	pthread_exit(self->start(self->arg));
}

/* Makes the block for a new thread: either a fresh mapping (drawn
 * above) or, with pthread_attr_setstack, the top of the caller's
 * stack. Returns the TCB and sets *SP0 to the initial stack top. */
static struct pthread *make_block(const pthread_attr_t *attr, char **sp0)
{
	size_t page = __page_size();
	struct pthread *t;

	if (attr && attr->__stackaddr) {
		t = __tls_setup(attr->__stackaddr, attr->__stacksize);
		*sp0 = (char *)t - __tls_offset;
		return t;
	}
	size_t stack = attr && attr->__stacksize ? attr->__stacksize : DEFAULT_STACK_SIZE;
	size_t guard = round_up(attr ? attr->__guardsize : page, page);
	size_t size = round_up(guard + stack + __tls_area_size(), page);
	char *map = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (map == MAP_FAILED)
		return NULL;
	if (guard && mprotect(map, guard, PROT_NONE) < 0) {
		munmap(map, size);
		return NULL;
	}
	t = __tls_setup(map, size);
	t->map_base = map;
	t->map_size = size;
	*sp0 = (char *)t - __tls_offset;
	return t;
}

int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attr,
		   void *(*start)(void *), void *restrict arg)
{
	int saved_errno = errno;
	char *sp0;

	if (!thread || !start || (attr && !attr->__valid))
		return EINVAL;
	struct pthread *t = make_block(attr, &sp0);
	if (!t) {
		errno = saved_errno;
		return EAGAIN;
	}
	t->start = start;
	t->arg = arg;
	t->detach_state = attr && attr->__detach ? DT_DETACHED : DT_JOINABLE;
	t->stack_guard = __pthread_self()->stack_guard;

	/* Stored first: the new thread may look at it before clone has
	 * even returned here. After clone, a detached thread may already
	 * be gone with its TCB, so T must not be touched again. */
	*thread = (pthread_t)t;
	__fetch_add(&__thread_count, 1);
	void *map = t->map_base;
	size_t map_size = t->map_size;
	if (clone(start_thread, sp0, THREAD_FLAGS, t, &t->tid, t, &t->tid) < 0) {
		__fetch_add(&__thread_count, -1);
		if (map)
			munmap(map, map_size);
		errno = saved_errno;
		return EAGAIN;
	}
	return 0;
}

/* The thread's story ends here, by return from its start function or
 * by a direct call. */
_Noreturn void pthread_exit(void *result)
{
	struct pthread *self = __pthread_self();

	self->result = result;
	__pthread_key_run_destructors();

	/* The last thread out ends the process like a return from main:
	 * atexit handlers run, streams are flushed, status 0. */
	if (__fetch_add(&__thread_count, -1) == 1)
		exit(0);

	if (__cas(&self->detach_state, DT_JOINABLE, DT_EXITING) == DT_JOINABLE || self->is_main) {
		/* Joinable: the kernel clears self->tid once we are off the
		 * stack, and that wakes pthread_join, which frees it. */
		for (;;)
			__sc1(exit, 0);
	}

	/* Detached: nobody will join, so we free our own memory. No signal
	 * handler may run from here on (it would need this stack), and
	 * the kernel must not clear a tid word inside memory we unmap
	 * (someone else may have mapped it again by then). */
	sigset_t all;
	sigfillset(&all);
	__sc4(rt_sigprocmask, SIG_BLOCK, &all, NULL, sizeof all);
	__sc1(set_tid_address, NULL);
	if (self->map_base)
		__unmap_and_exit(self->map_base, self->map_size);
	for (;;)
		__sc1(exit, 0);
}

int pthread_join(pthread_t thread, void **result)
{
	struct pthread *t = (struct pthread *)thread;
	int tid;

	if (!t)
		return ESRCH;
	if (t == __pthread_self())
		return EDEADLK;
	if (__load(&t->detach_state) == DT_DETACHED)
		return EINVAL;
	/* Sleep until the kernel clears the tid (CLONE_CHILD_CLEARTID).
	 * Not FUTEX_PRIVATE: the kernel's wake-up at thread exit is a
	 * plain (shared) FUTEX_WAKE, as on Linux. */
	while ((tid = __load(&t->tid)) != 0)
		__futex_wait(&t->tid, tid, NULL, FUTEX_SHARED);
	if (result)
		*result = t->result;
	if (t->map_base)
		munmap(t->map_base, t->map_size);
	return 0;
}

int pthread_detach(pthread_t thread)
{
	struct pthread *t = (struct pthread *)thread;

	if (!t)
		return ESRCH;
	switch (__cas(&t->detach_state, DT_JOINABLE, DT_DETACHED)) {
	case DT_JOINABLE:
		return 0; /* it will free itself */
	case DT_DETACHED:
		return EINVAL;
	default:
		/* Already exiting as a joinable thread: it will not free
		 * itself, so reap it the way pthread_join would. */
		return pthread_join(thread, NULL);
	}
}

pthread_t pthread_self(void)
{
	return (pthread_t)__pthread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}
