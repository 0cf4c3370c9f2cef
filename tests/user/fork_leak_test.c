/*
 * fork_leak_test.c: creating and reaping processes must give back every
 * page. After a warm-up round (so the kernel's object caches have grown
 * to their working size), 1000 children are forked, exit and are reaped;
 * the free memory in /proc/meminfo before and after is printed, and on
 * this kernel (uname -r ends in "teachos") it must be exactly equal. On
 * Linux free memory moves for unrelated reasons, so there the numbers
 * are only printed.
 */
#define TEST_NAME "fork_leak"
#include "check.h"

#include <sys/utsname.h>

static long mem_free_kb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kb = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* Fork N children that exit at once with status i % 256; reap them all. */
static int fork_wait_loop(int n)
{
	int bad = 0;
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0)
			_exit(i % 256);
		int status;
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != i % 256)
			bad++;
	}
	return bad;
}

int main(void)
{
	struct utsname u;
	uname(&u);
	int ours = strstr(u.release, "teachos") != NULL;

	expect("warm_up", fork_wait_loop(50) == 0, "warm-up round failed");
	long before = mem_free_kb();
	int bad = fork_wait_loop(1000);
	long after = mem_free_kb();
	printf("fork_leak: MemFree before %ld kB, after 1000 children %ld kB\n", before, after);
	expect("all_1000_reaped_with_status", bad == 0, "some children had the wrong status or pid");
	expect("meminfo_readable", before > 0 && after > 0, "no MemFree in /proc/meminfo");
	if (ours) {
		if (before == after)
			pass("free_memory_unchanged");
		else
			fail("free_memory_unchanged", "%ld kB before, %ld kB after: %ld kB lost", before,
			     after, before - after);
	}
	return check_summary();
}
