/* setjmp_test.c: non-local jumps: setjmp/longjmp values, jumping out
 * of nested calls, saved variables, and sigsetjmp/siglongjmp restoring
 * the signal mask (also when jumping out of a signal handler). */
#include <setjmp.h>
#include <signal.h>

#include "check.h"

static jmp_buf env;
static sigjmp_buf senv;
static int depth_reached;

static void dive(int depth, int val)
{
	char pad[256]; /* make every frame take real stack space */

	memset(pad, depth, sizeof pad);
	depth_reached = depth;
	if (depth == 50)
		longjmp(env, val);
	if (depth > 50)
		return; /* not reached: tells the compiler the recursion ends */
	dive(depth + 1, val + pad[10] - depth);
}

static void on_usr1(int sig)
{
	(void)sig;
	siglongjmp(senv, 7);
}

static int blocked(int sig)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, sig);
}

int main(void)
{
	volatile int counter = 0;
	int r = setjmp(env);

	if (r == 0) {
		check("setjmp returns 0 first", 1, "");
		counter = 1;
		longjmp(env, 42);
	}
	check_long("longjmp value", r, 42);
	check_long("volatile local kept", counter, 1);

	r = setjmp(env);
	if (r == 0)
		longjmp(env, 0);
	check_long("longjmp(env, 0) returns 1", r, 1);

	r = setjmp(env);
	if (r == 0)
		dive(0, 99);
	check_long("longjmp out of 50 nested calls", r, 99);
	check_long("the calls really happened", depth_reached, 50);

	/* siglongjmp restores the mask saved by sigsetjmp(env, 1) */
	sigset_t usr2;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	r = sigsetjmp(senv, 1);
	if (r == 0) {
		sigprocmask(SIG_BLOCK, &usr2, NULL);
		siglongjmp(senv, 3);
	}
	check_long("siglongjmp value", r, 3);
	check("siglongjmp restored the signal mask", !blocked(SIGUSR2), "SIGUSR2 still blocked");

	/* jumping out of a handler: the handler's own mask must be undone */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	r = sigsetjmp(senv, 1);
	if (r == 0) {
		raise(SIGUSR1);
		check("handler jumped", 0, "raise returned");
	}
	check_long("siglongjmp out of a signal handler", r, 7);
	check("mask restored after jumping out of handler", !blocked(SIGUSR1), "SIGUSR1 blocked");
	return finish();
}
