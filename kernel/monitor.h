/*
 * monitor.h: a tiny command interpreter on the console, what `make run`
 * ends in until there is a user-space shell. `help` lists its commands.
 */
#ifndef KERNEL_MONITOR_H
#define KERNEL_MONITOR_H

__attribute__((noreturn)) void monitor_run(void);

#endif
