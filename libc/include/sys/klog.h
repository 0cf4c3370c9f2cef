/* sys/klog.h: reading and controlling the kernel's log buffer, the
 * syslog(2) system call under glibc's name. TYPE is one of Linux's
 * SYSLOG_ACTION_* numbers (2 READ, 3 READ_ALL, 4 READ_CLEAR, 5 CLEAR,
 * 8 CONSOLE_LEVEL, 9 SIZE_UNREAD, 10 SIZE_BUFFER, ...; see syslog(2)). */
#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H

int klogctl(int type, char *bufp, int len);

#endif
