/*
 * pid.h: process and thread ids. One number space for both (as in
 * Linux): ids go up to pid_max - 1, then wrap around to the lowest free
 * number from 300 on (low numbers stay for early daemons, as on Linux).
 */
#ifndef KERNEL_PID_H
#define KERNEL_PID_H

#include <stdint.h>

#define PID_MAX_DEFAULT 32768   /* Linux's default /proc/sys/kernel/pid_max */
#define PID_MAX_LIMIT   (1 << 22)
#define PID_WRAP_START  300     /* after wrapping, allocation restarts here */

int pid_alloc(void);            /* a free id, or -EAGAIN when none is left */
void pid_free(int pid);
int pid_max_get(void);
int pid_last(void);             /* the id handed out last (/proc/loadavg) */
uint64_t pid_alloc_count(void); /* ids handed out since boot (/proc/stat "processes") */
int pid_max_set(int value);     /* 0, or -EINVAL outside [301, PID_MAX_LIMIT] */

#endif
