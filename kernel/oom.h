/* oom.h: the out-of-memory killer (oom.c). */
#ifndef KERNEL_OOM_H
#define KERNEL_OOM_H

#include <stdint.h>

/* A page fault of the current process at ADDR found no free page: say
 * so on the console and kill the process (SIGKILL on its way back to
 * user mode). */
void oom_kill_current(uint64_t addr);

#endif
