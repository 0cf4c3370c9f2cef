/* semaphore.h: POSIX counting semaphores (src/thread/semaphore.c and
 * sem_open.c). A semaphore is a futex word holding the count plus a
 * count of sleepers: sem_wait takes one unit or sleeps until there is
 * one, sem_post adds one and wakes a sleeper (Dijkstra's P and V).
 *
 * Unnamed semaphores (sem_init) live wherever the program puts them;
 * with pshared != 0 and in memory shared between processes (an
 * anonymous MAP_SHARED mapping made before fork) they work across
 * processes too.
 *
 * Named semaphores (sem_open) are files called sem.NAME in /dev/shm
 * (or /tmp when there is no /dev/shm), mapped with MAP_SHARED, so any
 * process that opens the same name shares the same semaphore.
 * LIMITATION: where the kernel cannot map files MAP_SHARED (mmap fails
 * with ENODEV; this project's kernel can), names live instead
 * in a table in an anonymous shared mapping that the process creates
 * at its first sem_open. That table is inherited by children forked
 * afterwards, so a parent and the children it forks after its first
 * sem_open share named semaphores; unrelated processes, and programs
 * started with exec, do not see them (each gets its own table), and
 * at most 32 names of up to 47 characters exist at once. */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <bits/time.h>
#include <bits/types.h>
#include <fcntl.h>

typedef struct {
	volatile int __value;	/* the count, never negative */
	volatile int __waiters; /* threads inside sem_wait that may sleep */
	int __pshared;		/* shared between processes: plain futex ops */
	int __pad[5];
} sem_t;

#define SEM_FAILED ((sem_t *)0)

int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *restrict sem, int *restrict value);

sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);

#endif
