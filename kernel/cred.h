/*
 * cred.h: who a process is: real, effective and saved user and group ids
 * (fields of struct process), and the one privilege test. There are no
 * capability sets: effective uid 0 holds every capability, as a root
 * process does on Linux, and any other uid holds none.
 */
#ifndef KERNEL_CRED_H
#define KERNEL_CRED_H

#include <stdbool.h>
#include <stdint.h>

struct process;

/* Linux's capability numbers, for naming what a check is about */
#define CAP_KILL         5
#define CAP_SETGID       6
#define CAP_SETUID       7
#define CAP_SYS_PTRACE   19
#define CAP_SYS_ADMIN    21
#define CAP_SYS_RESOURCE 24

/* Does the calling process hold capability CAP (is it root)? */
bool capable(int cap);
/* May the calling process send signal SIG to P? Linux's rule: a real or
 * effective uid of ours matches P's real or saved uid, or we are root,
 * or SIG is SIGCONT within our session. Caller holds tasklist_lock. */
bool kill_permitted(const struct process *p, int sig);
/* Tasks (threads) of all processes whose real uid is UID, zombies
 * included, as Linux counts them for RLIMIT_NPROC. Caller holds
 * tasklist_lock. */
int user_task_count(uint32_t uid);

#endif
