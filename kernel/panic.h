/*
 * panic.h: stopping the kernel when it cannot go on.
 *
 * panic() prints the message, the CPU, its registers and a symbolized
 * backtrace, stops the other CPUs and halts (or, under `test`, leaves
 * QEMU with a failure code). assert() panics naming the broken
 * invariant and where it was checked.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <stdbool.h>

struct trap_frame;

__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);
/* Panic for an exception taken in the kernel; FRAME holds its registers. */
__attribute__((noreturn, format(printf, 2, 3))) void panic_frame(struct trap_frame *frame, const char *fmt, ...);
extern volatile bool panicking;

#define assert(cond)                                                             \
	do {                                                                     \
		if (!(cond))                                                     \
			panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
	} while (0)

#endif
