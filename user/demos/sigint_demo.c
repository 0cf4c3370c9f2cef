/*
 * sigint_demo: a handler for SIGINT, so ^C does not kill the program.
 *
 * Lecture point: ^C makes the terminal send SIGINT to its foreground
 * process group. The default action terminates the process; a handler
 * installed with sigaction runs instead, and the program goes on. Here
 * the handler only counts (it sets a flag, the main loop prints: printf
 * is not safe inside a handler). The pause() the program was sleeping in
 * returns -1 with errno EINTR after each handler run.
 *
 * What to look for: "press ^C three times"; each ^C prints "caught
 * SIGINT (n of 3)"; after the third the handler is reset to the default
 * (SIG_DFL) and the fourth ^C ends the program the usual way: the shell
 * then says nothing (bash stays quiet for SIGINT) and $? is 130.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void on_sigint(int sig)
{
	(void)sig;
	caught++;
}

int main(void)
{
	struct sigaction sa;
	int seen = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	printf("pid %d: press ^C three times\n", (int)getpid());
	fflush(stdout);
	while (seen < 3) {
		if (pause() < 0 && errno == EINTR && caught > seen) {
			seen = caught;
			printf("caught SIGINT (%d of 3)\n", seen);
			fflush(stdout);
		}
	}
	signal(SIGINT, SIG_DFL);
	printf("the default action is back: ^C once more ends me\n");
	fflush(stdout);
	for (;;)
		pause();
}
