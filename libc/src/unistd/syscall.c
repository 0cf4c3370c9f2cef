/* syscall.c: syscall(2), the escape hatch for calling any system call
 * by number (SYS_* from <sys/syscall.h>). */
#include <stdarg.h>
#include <unistd.h>

#include "internal/syscall.h"

/* The caller passes as many arguments as the call takes; we always
 * forward six. Reading missing variadic arguments on x86-64 just picks
 * up whatever is in the register-save area, which the kernel ignores. */
long syscall(long number, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}
