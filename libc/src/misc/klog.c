/* klog.c: klogctl, the kernel log's system call (syslog(2)). */
#include <sys/klog.h>

#include "internal/syscall.h"

int klogctl(int type, char *bufp, int len)
{
	return (int)__syscall_ret(__sc3(syslog, type, bufp, len));
}
