/*
 * oom_test.c: running out of physical memory. A child maps 2 GiB (more
 * than the machine has) and touches it page by page: the kernel must
 * kill it with SIGKILL (saying "Out of memory: Killed process ..." on
 * the console) instead of panicking, and every page it held must come
 * back. A second child writes a RAM file in /dev/shm until the kernel
 * says ENOSPC; removing the file gives the memory back. The free memory
 * before and after is printed.
 *
 * It runs only on this kernel (uname -r ends in "teachos"): on a Linux
 * host it would fill the host's memory.
 */
#define TEST_NAME "oom"
#include "check.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/utsname.h>

#define PG 4096

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

/* Touch 2 GiB of anonymous memory; returns only if nothing stopped it. */
static int hog(void)
{
	size_t len = 2UL << 30;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return 2;
	for (size_t off = 0; off < len; off += PG)
		p[off] = 1;
	return 3;
}

/* Write 64 KiB blocks to FILE until a write fails: 0 if it failed with
 * ENOSPC (tmpfs's answer), else the errno. */
static int fill_file(const char *file)
{
	static char block[64 * 1024];
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 100;
	memset(block, 'f', sizeof block);
	for (long i = 0; i < 1L << 20; i++) {
		ssize_t n = write(fd, block, sizeof block);
		if (n < 0)
			return errno == ENOSPC ? 0 : errno;
		if (n < (ssize_t)sizeof block) /* a short write: the next one fails */
			continue;
	}
	return 101;
}

/* A small, ordinary child: 16 pages touched. 0 if all went well. */
static int small(void)
{
	char *p = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	for (int i = 0; i < 16; i++)
		p[i * PG] = (char)i;
	return p[15 * PG] == 15 ? 0 : 2;
}

static char fill_path[64];

static int filler(void) { return fill_file(fill_path); }

int main(void)
{
	struct utsname u;
	uname(&u);
	if (!strstr(u.release, "teachos")) {
		printf("# oom: skipped on %s (it would fill the host's memory)\n", u.release);
		return 0;
	}
	/* warm-up: a child that takes a few pages and exits */
	mem_free_kb();
	status_of_child(small);
	long before = mem_free_kb();
	int st = status_of_child(hog);
	long after = mem_free_kb();
	printf("oom: MemFree %ld kB before, %ld kB after the memory hog was killed\n", before, after);
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
		pass("hog_killed_with_sigkill");
	else
		fail("hog_killed_with_sigkill", "wait status %#x", st);
	if (after < before - 16 || after > before + 16)
		fail("hog_memory_given_back", "%ld kB before, %ld kB after", before, after);
	else
		pass("hog_memory_given_back");

	snprintf(fill_path, sizeof fill_path, "/dev/shm/oom_test.%d", (int)getpid());
	before = mem_free_kb();
	st = status_of_child(filler);
	long full = mem_free_kb();
	unlink(fill_path);
	after = mem_free_kb();
	printf("oom: MemFree %ld kB before, %ld kB with /dev/shm full, %ld kB after unlink\n", before, full,
	       after);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		pass("full_file_write_enospc");
	else
		fail("full_file_write_enospc", "wait status %#x", st);
	expect("full_means_little_left", full < before / 8, "the file did not fill memory");
	if (after < before - 16 || after > before + 16)
		fail("file_memory_given_back", "%ld kB before, %ld kB after", before, after);
	else
		pass("file_memory_given_back");
	/* the machine still works: a fork and a page fault */
	st = status_of_child(small);
	expect("system_still_works", WIFEXITED(st) && WEXITSTATUS(st) == 0, "a small child failed after");
	return check_summary();
}
