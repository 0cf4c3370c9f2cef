/*
 * ipc_bench.c: talking between processes and threads -- a one-byte
 * pipe ping-pong between two processes (two context switches and four
 * system calls per round trip), pipe throughput in 64 KiB writes, and a
 * futex ping-pong between two threads.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define FUTEX_WAIT_PRIVATE 128 /* futex(2): FUTEX_WAIT | FUTEX_PRIVATE_FLAG */
#define FUTEX_WAKE_PRIVATE 129

#define ROUNDS 2000
#define MIB 32

static double pipe_pingpong(void)
{
	int ab[2], ba[2];
	char c = 0;

	pipe(ab);
	pipe(ba);
	pid_t child = fork();
	if (child == 0) {
		for (int i = 0; i < ROUNDS; i++) {
			read(ab[0], &c, 1);
			write(ba[1], &c, 1);
		}
		_exit(0);
	}
	double t0 = now_ns();
	for (int i = 0; i < ROUNDS; i++) {
		write(ab[1], &c, 1);
		read(ba[0], &c, 1);
	}
	double t = (now_ns() - t0) / ROUNDS / 1000;
	waitpid(child, NULL, 0);
	close(ab[0]), close(ab[1]), close(ba[0]), close(ba[1]);
	return t;
}

static double pipe_throughput(void)
{
	static char buf[65536];
	int p[2];

	pipe(p);
	pid_t child = fork();
	if (child == 0) {
		close(p[1]);
		while (read(p[0], buf, sizeof buf) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	double t0 = now_ns();
	for (long done = 0; done < (long)MIB << 20; done += sizeof buf)
		write(p[1], buf, sizeof buf);
	close(p[1]);
	waitpid(child, NULL, 0);
	return MIB / ((now_ns() - t0) / 1e9); /* MiB/s */
}

static atomic_int turn;

static void futex_wait(atomic_int *addr, int val)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(atomic_int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *partner(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		while (atomic_load(&turn) != 1)
			futex_wait(&turn, 0);
		atomic_store(&turn, 0);
		futex_wake(&turn);
	}
	return NULL;
}

static double futex_pingpong(void)
{
	pthread_t t;

	atomic_store(&turn, 0);
	pthread_create(&t, NULL, partner, NULL);
	double t0 = now_ns();
	for (int i = 0; i < ROUNDS; i++) {
		atomic_store(&turn, 1);
		futex_wake(&turn);
		while (atomic_load(&turn) != 0)
			futex_wait(&turn, 1);
	}
	double us = (now_ns() - t0) / ROUNDS / 1000;
	pthread_join(t, NULL);
	return us;
}

int main(void)
{
	bench("pipe_pingpong_roundtrip", "us", pipe_pingpong);
	bench("pipe_throughput", "MiB/s", pipe_throughput);
	bench("futex_pingpong_roundtrip", "us", futex_pingpong);
	return 0;
}
