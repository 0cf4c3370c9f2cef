/* ptrace.c: the ptrace(2) wrapper. The PEEK requests differ between the
 * kernel and the C library: the system call stores the word it read at
 * *data, while ptrace() returns it (as glibc's does), so the wrapper
 * passes a local word's address and returns its contents. */
#include <stdarg.h>
#include <sys/ptrace.h>

#include "internal/syscall.h"

long ptrace(enum __ptrace_request request, ...)
{
	va_list ap;
	long pid, addr, data, word, r;

	va_start(ap, request);
	pid = va_arg(ap, long);
	addr = va_arg(ap, long);
	data = va_arg(ap, long);
	va_end(ap);
	if (request == PTRACE_PEEKTEXT || request == PTRACE_PEEKDATA ||
	    request == PTRACE_PEEKUSER) {
		r = __sc4(ptrace, request, pid, addr, (long)&word);
		if (r < 0)
			return __syscall_ret(r);
		return word;
	}
	return __syscall_ret(__sc4(ptrace, request, pid, addr, data));
}
