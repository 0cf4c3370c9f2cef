/* atfork.c: fork() in a process with threads. The child gets a copy of
 * all memory but only the thread that called fork, so any lock another
 * thread held at that moment would stay locked in the child forever.
 * Around the clone we therefore (1) run the program's pthread_atfork
 * handlers, (2) take the locks of the library's shared state ourselves,
 * so the child inherits them held by a thread that exists in it (its
 * own), and (3) release them again on both sides. Stream locks are not
 * taken (a thread can hold one for a long time, e.g. reading a
 * terminal); the child resets them instead, as glibc does. src/unistd/
 * fork.c calls these. */
#include <errno.h>
#include <pthread.h>

#include "internal/libc.h"
#include "internal/pthread_impl.h"
#include "internal/syscall.h"

#define ATFORK_MAX 32

static struct {
	void (*prepare)(void);
	void (*parent)(void);
	void (*child)(void);
} handlers[ATFORK_MAX];
static int nhandlers;
static int atfork_lock;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	int ret = ENOMEM;

	__libc_lock(&atfork_lock);
	if (nhandlers < ATFORK_MAX) {
		handlers[nhandlers].prepare = prepare;
		handlers[nhandlers].parent = parent;
		handlers[nhandlers].child = child;
		nhandlers++;
		ret = 0;
	}
	__libc_unlock(&atfork_lock);
	return ret;
}

/* POSIX: prepare handlers run newest first, parent and child handlers
 * oldest first. atfork_lock stays held across the fork so the table
 * cannot change under us. Lock order: the stream list, then malloc
 * (stdio calls malloc while holding its locks, never the reverse). */
void __fork_prepare(void)
{
	__libc_lock(&atfork_lock);
	for (int i = nhandlers - 1; i >= 0; i--)
		if (handlers[i].prepare)
			handlers[i].prepare();
	__stdio_lock_all();
	__malloc_lock_all();
}

void __fork_parent(void)
{
	__malloc_unlock_all();
	__stdio_unlock_all();
	for (int i = 0; i < nhandlers; i++)
		if (handlers[i].parent)
			handlers[i].parent();
	__libc_unlock(&atfork_lock);
}

/* In the child: we are its only thread, with a new thread id. */
void __fork_child(void)
{
	struct pthread *self = __pthread_self();

	self->tid = (int)__sc0(gettid);
	__thread_count = 1;
	__malloc_unlock_all();
	__stdio_reset_locks();
	__stdio_unlock_all();
	for (int i = 0; i < nhandlers; i++)
		if (handlers[i].child)
			handlers[i].child();
	__libc_unlock(&atfork_lock);
}
