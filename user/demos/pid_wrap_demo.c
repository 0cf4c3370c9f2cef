/*
 * pid_wrap_demo [N]: PIDs are reused after they reach pid_max.
 *
 * Lecture point: the kernel hands out PIDs in increasing order, and when
 * it reaches the limit /proc/sys/kernel/pid_max (32768 by default) it
 * wraps around and reuses the lowest free numbers. A PID therefore only
 * names a process while it exists: an old PID may later belong to
 * someone else.
 *
 * What it does: reads pid_max, lowers it to 400 (only root may write it;
 * if it cannot, it says so and the wrap takes longer to reach), forks N
 * (default 600) short-lived children and prints their PIDs, then puts
 * pid_max back.
 *
 * What to look for: the PIDs climb to just under 400, then start again
 * from a low number, skipping PIDs still in use (init's, the shell's).
 * Linux restarts at 300, keeping the numbers below for system daemons.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PID_MAX_FILE "/proc/sys/kernel/pid_max"

static long read_pid_max(void)
{
	char buf[32] = { 0 };
	int fd = open(PID_MAX_FILE, O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return atol(buf);
}

static int write_pid_max(long value)
{
	char buf[32];
	int fd = open(PID_MAX_FILE, O_WRONLY), len, ok;

	if (fd < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "%ld\n", value);
	ok = write(fd, buf, len) == len;
	close(fd);
	return ok ? 0 : -1;
}

/* Fork N children that exit at once; print each PID, marking wraps. */
static void fork_many(int n)
{
	pid_t pid, prev = 0;
	int i;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return;
		}
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
		if (pid < prev)
			printf("\n--- wrapped around: %d after %d ---\n",
			       (int)pid, (int)prev);
		printf("%d ", (int)pid);
		fflush(stdout);
		prev = pid;
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	long old = read_pid_max();
	int n = argc > 1 ? atoi(argv[1]) : 600;
	int lowered = 0;

	if (old < 0)
		printf("cannot read %s: %s\n", PID_MAX_FILE, strerror(errno));
	else
		printf("pid_max is %ld\n", old);
	if (old > 400 && write_pid_max(400) == 0) {
		printf("lowered pid_max to 400 for this demo\n");
		lowered = 1;
	} else if (old > 400) {
		printf("cannot lower pid_max (%s): writing it needs root. "
		       "PIDs will wrap only at %ld.\n", strerror(errno), old);
	}
	fork_many(n);
	if (lowered) {
		if (write_pid_max(old) == 0)
			printf("restored pid_max to %ld\n", old);
		else
			printf("could not restore pid_max to %ld: %s\n", old,
			       strerror(errno));
	}
	return 0;
}
