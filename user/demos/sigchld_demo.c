/*
 * sigchld_demo [N]: the parent hears of each child's end through SIGCHLD.
 *
 * Lecture point: when a child exits, the kernel sends its parent SIGCHLD
 * (ignored by default, so usually nobody notices). A handler can count
 * the children as they finish and reap them with waitpid(WNOHANG) -- in a
 * loop, because signals do not queue: two children ending close together
 * may give a single SIGCHLD.
 *
 * What to look for: N children (default 5) exit after 100, 200, ... ms
 * with status 1, 2, .... Each line "SIGCHLD: reaped ..." is written from
 * the handler (with write(), which is safe there; printf is not). At the
 * end "handler ran H times, reaped N children": H can be smaller than N,
 * never the count of reaped children.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handler_runs, reaped;

/* Append the decimal form of N to BUF at *LEN (no stdio in a handler). */
static void put_number(char *buf, int *len, long n)
{
	char digits[24];
	int k = 0;

	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (k > 0)
		buf[(*len)++] = digits[--k];
}

static void put_text(char *buf, int *len, const char *s)
{
	while (*s)
		buf[(*len)++] = *s++;
}

static void on_sigchld(int sig)
{
	int saved_errno = errno, status, len;
	char line[96];
	pid_t pid;

	(void)sig;
	handler_runs++;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		reaped++;
		len = 0;
		put_text(line, &len, "SIGCHLD: reaped child ");
		put_number(line, &len, pid);
		put_text(line, &len, ", exit status ");
		put_number(line, &len, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		put_text(line, &len, "\n");
		write(STDOUT_FILENO, line, len);
	}
	errno = saved_errno;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 5, i;
	struct sigaction sa;

	if (n < 1 || n > 50)
		n = 5;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);

	for (i = 1; i <= n; i++) {
		pid_t pid;

		fflush(stdout);
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			struct timespec ts = { 0, i * 100000000L };

			while (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			nanosleep(&ts, NULL);
			_exit(i);
		}
		printf("started child %d (exits with %d)\n", (int)pid, i);
	}
	fflush(stdout);
	/* Sleep until every child is counted; the handler interrupts us. */
	while (reaped < n) {
		struct timespec ts = { 0, 50000000L };

		nanosleep(&ts, NULL);
	}
	printf("handler ran %d times, reaped %d children\n", (int)handler_runs,
	       (int)reaped);
	return 0;
}
