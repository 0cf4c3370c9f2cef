/*
 * pidmax_test.c: process ids wrap around at /proc/sys/kernel/pid_max,
 * and when every id is taken fork fails with EAGAIN (not a crash).
 * It lowers pid_max to 400, so it runs only on this kernel (uname -r
 * ends in "teachos"): on a Linux host it would change the host's limit.
 */
#define TEST_NAME "pidmax"
#include "check.h"

#include <fcntl.h>
#include <sys/utsname.h>

#define LOW_MAX 400
#define WRAP_START 300 /* where ids restart after pid_max, as on Linux */

static int read_pid_max(void)
{
	char buf[32] = { 0 };
	int fd = open("/proc/sys/kernel/pid_max", O_RDONLY);
	if (fd < 0)
		return -1;
	read(fd, buf, sizeof buf - 1);
	close(fd);
	return atoi(buf);
}

static int write_pid_max(int v)
{
	char buf[32];
	int fd = open("/proc/sys/kernel/pid_max", O_WRONLY);
	if (fd < 0)
		return -1;
	int n = snprintf(buf, sizeof buf, "%d\n", v);
	int r = write(fd, buf, n) == n ? 0 : -1;
	close(fd);
	return r;
}

int main(void)
{
	struct utsname u;
	uname(&u);
	if (!strstr(u.release, "teachos")) {
		printf("# pidmax: skipped on %s (it would lower the host's pid_max)\n", u.release);
		return check_summary();
	}
	int old = read_pid_max();
	expect("pid_max_default_32768", old == 32768, "pid_max is not Linux's default");
	expect_errno("pid_max_too_small_einval", write_pid_max(WRAP_START) == 0 ? 0 : -1, EINVAL);
	expect("pid_max_lowered", write_pid_max(LOW_MAX) == 0 && read_pid_max() == LOW_MAX,
	       "writing pid_max failed");

	/* children that wait until we close the pipe: they hold their ids */
	int hold[2];
	pipe(hold);
	static pid_t kids[LOW_MAX];
	int n = 0, eagain = 0, wrapped = 0, above = 0;
	for (; n < LOW_MAX; n++) {
		pid_t pid = fork();
		if (pid < 0) {
			eagain = errno == EAGAIN;
			break;
		}
		if (pid == 0) {
			char c;
			close(hold[1]);
			read(hold[0], &c, 1);
			_exit(0);
		}
		kids[n] = pid;
		if (pid >= LOW_MAX)
			above++;
		if (n > 0 && pid < kids[n - 1])
			wrapped = pid >= WRAP_START;
	}
	printf("# pidmax: %d children before fork failed\n", n);
	expect("fork_eagain_when_ids_run_out", eagain, "fork did not fail with EAGAIN");
	expect("no_id_at_or_above_pid_max", above == 0, "an id >= pid_max was handed out");
	expect("ids_wrapped_to_300", wrapped, "ids did not wrap around to 300 and up");
	close(hold[0]);
	close(hold[1]);
	for (int i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
	expect("pid_max_restored", write_pid_max(old) == 0 && read_pid_max() == old, "");
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	expect("fork_works_again", pid > 0, "fork failed after restoring pid_max");
	waitpid(pid, NULL, 0);
	return check_summary();
}
