/* fork.c: creating processes. As on Linux, fork is the clone system
 * call with only an exit signal in its flags: nothing is shared, the
 * child gets a copy of the address space (copy-on-write), and the
 * parent hears SIGCHLD when it ends. vfork (arch/x86_64/vfork.S) and
 * clone (arch/x86_64/clone.S) must be written in assembly because the
 * child runs on the parent's stack or a new one. In a process with
 * threads, src/thread/atfork.c keeps the library's locks usable in the
 * child. exec.c continues the story. */
#include <signal.h>
#include <unistd.h>

#include "internal/libc.h"
#include "internal/syscall.h"

/* clone(flags, child stack, parent tid ptr, child tid ptr, tls): a
 * child stack of 0 means "same stack address as the parent", which is
 * what fork wants because the child has its own copy of that memory.
 * Returns the child's pid in the parent and 0 in the child. */
pid_t fork(void)
{
	__fork_prepare();
	long r = __sc5(clone, SIGCHLD, 0, 0, 0, 0);
	if (r == 0)
		__fork_child();
	else
		__fork_parent();
	return (pid_t)__syscall_ret(r);
}
