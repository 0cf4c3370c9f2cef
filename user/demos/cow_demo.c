/*
 * cow_demo: copy-on-write made visible in the free-memory count.
 *
 * Lecture point: fork does not copy the parent's memory. Parent and
 * child share every page, marked read-only; only when one of them
 * writes a page does the kernel copy that page (copy-on-write). So a
 * fork of a process with 8 MiB of data costs almost nothing, and the
 * memory is paid for page by page as the child writes.
 *
 * What to look for: MemFree (from /proc/meminfo) before the fork, just
 * after it (the child has not written: only a few pages for its page
 * tables and kernel stack), after the child has written half of the
 * buffer (about 4 MiB less) and all of it (about 8 MiB less), and after
 * the child has exited (all of it back). The parent's own data is still
 * its own: copy-on-write copied for the child, not for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIZE (8 << 20)

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

static void show(const char *when, long kb, long base)
{
	printf("%-34s MemFree %8ld kB  (%+ld kB)\n", when, kb, kb - base);
	fflush(stdout);
}

int main(void)
{
	char *buf = malloc(SIZE);
	if (!buf) {
		perror("malloc");
		return 1;
	}
	memset(buf, 'p', SIZE); /* the parent's pages exist now */
	int go[2], done[2];     /* (and the pipes' buffers, and stdio's) */
	if (pipe(go) != 0 || pipe(done) != 0) {
		perror("pipe");
		return 1;
	}
	mem_free_kb();
	long base = mem_free_kb();
	show("parent, 8 MiB written, before fork", base, base);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	char c;
	if (pid == 0) {
		read(go[0], &c, 1); /* wait until the parent has looked */
		for (long i = 0; i < SIZE / 2; i += 4096)
			buf[i] = 'c'; /* one store per page: each page copied */
		write(done[1], "h", 1);
		read(go[0], &c, 1);
		for (long i = SIZE / 2; i < SIZE; i += 4096)
			buf[i] = 'c';
		write(done[1], "a", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	show("just after fork", mem_free_kb(), base);
	write(go[1], "1", 1);
	read(done[0], &c, 1);
	show("child wrote 4 MiB (half)", mem_free_kb(), base);
	write(go[1], "2", 1);
	read(done[0], &c, 1);
	show("child wrote all 8 MiB", mem_free_kb(), base);
	printf("parent still reads its own data: buf[0] = '%c'\n", buf[0]);
	write(go[1], "3", 1);
	waitpid(pid, NULL, 0);
	show("child exited", mem_free_kb(), base);
	return 0;
}
