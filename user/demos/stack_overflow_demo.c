/*
 * stack_overflow_demo: recurse until the stack runs out.
 *
 * Lecture point: the main thread's stack grows on demand, one page at a
 * time, as deeper calls touch memory below it -- but only up to the
 * RLIMIT_STACK soft limit (8 MiB by default; `ulimit -s` shows it in
 * KiB). The next page beyond the limit is not given: the access faults,
 * the kernel sends SIGSEGV, and the shell reports "Segmentation fault".
 * Each call here takes a fixed frame (return address, saved register,
 * a small local), so the depth reached is about 8 MiB / frame size.
 *
 * What to look for: depth=... lines as it goes, then the last depth
 * reached and the segmentation fault. The last line is printed by a
 * SIGSEGV handler that runs on an alternate stack (sigaltstack): the
 * normal one is full. It then restores the default action and lets the
 * signal kill the process, so the shell still sees death by SIGSEGV.
 * Try `ulimit -s 1024` (1 MiB) or `ulimit -s 16384` and run it again.
 *
 *   stack_overflow_demo        print every 10000th depth
 *   stack_overflow_demo N      print every Nth (1: every one; slow)
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile long depth_reached;
static long every = 10000;
static volatile long max_depth = LONG_MAX; /* never reached: the stack ends first */

static void on_segv(int sig)
{
	char line[64];
	int n = snprintf(line, sizeof line, "depth=%ld (the last one)\n", depth_reached);
	write(1, line, (size_t)n); /* printf is not safe in a handler */
	signal(sig, SIG_DFL);      /* die of it, as without the handler */
	raise(sig);
}

static void __attribute__((noinline)) recurse(long depth)
{
	volatile char frame[16]; /* a small local, as at -O0 */
	frame[0] = (char)depth;
	depth_reached = depth;
	if (depth % every == 0) {
		printf("depth=%ld\n", depth);
		fflush(stdout);
	}
	if (depth < max_depth)
		recurse(depth + 1);
	frame[1] = frame[0]; /* work after the call: no tail call */
}

int main(int argc, char **argv)
{
	static char altstack[64 * 1024];
	stack_t ss;
	struct sigaction sa;

	if (argc > 1 && atol(argv[1]) > 0)
		every = atol(argv[1]);
	ss.ss_sp = altstack;
	ss.ss_size = sizeof altstack;
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
	recurse(1);
	return 0;
}
