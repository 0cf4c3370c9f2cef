/*
 * alarm_demo [SECONDS]: a timeout with alarm() and SIGALRM.
 *
 * Lecture point: alarm(N) asks the kernel to send SIGALRM in N seconds.
 * A blocking call such as read() is interrupted by the signal: with a
 * handler installed without SA_RESTART, read returns -1 with errno EINTR
 * instead of waiting on. That is how a program stops waiting for input
 * that does not come. alarm(0) cancels the alarm in time.
 *
 * What to look for: "type a line within 3 seconds". Type one and press
 * Enter: it is echoed back ("you typed ..."), and the alarm is cancelled.
 * Wait instead: after 3 seconds "timeout: read returned -1, errno EINTR
 * (Interrupted system call)". Run it with input that never comes, e.g.
 * "sleep 10 | alarm_demo", to see the timeout without a terminal.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t alarmed;

static void on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

int main(int argc, char **argv)
{
	int seconds = argc > 1 ? atoi(argv[1]) : 3;
	struct sigaction sa;
	char line[256];
	ssize_t n;

	if (seconds < 1)
		seconds = 3;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;        /* no SA_RESTART: read must give up */
	sigaction(SIGALRM, &sa, NULL);

	printf("type a line within %d seconds\n", seconds);
	fflush(stdout);
	alarm(seconds);
	n = read(STDIN_FILENO, line, sizeof(line) - 1);
	alarm(0);               /* it came in time: no alarm any more */
	if (n < 0 && errno == EINTR && alarmed) {
		printf("timeout: read returned -1, errno EINTR (%s)\n",
		       strerror(EINTR));
		return 1;
	}
	if (n < 0) {
		perror("read");
		return 1;
	}
	line[n] = '\0';
	printf("you typed %zd bytes: %s%s", n, line,
	       n > 0 && line[n - 1] == '\n' ? "" : "\n");
	return 0;
}
