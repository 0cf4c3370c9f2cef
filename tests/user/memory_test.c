/*
 * memory_test.c: a process's memory. Copy-on-write after fork (neither
 * side sees the other's writes, to the heap or to globals, even after
 * many forks), brk/sbrk, anonymous mmap/munmap (zero-filled, and a
 * SIGSEGV after unmapping), a stack that grows on demand, and the errnos
 * of bad mmap/munmap calls. Checks that must crash run in a child.
 */
#define TEST_NAME "memory"
#include "check.h"

#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

enum { BIG = 4 * 1024 * 1024, PAGE = 4096 };

static int global_counter = 1000;
static unsigned char *big;

/* 1 if every byte of the BIG buffer is PATTERN (we sample each page). */
static int big_is(unsigned char pattern)
{
	long i;

	for (i = 0; i < BIG; i += PAGE / 2)
		if (big[i] != pattern)
			return 0;
	return big[BIG - 1] == pattern;
}

static int child_scribbles(void)
{
	if (!big_is(0xAA) || global_counter != 1000)
		return 1; /* the child must start with the parent's data */
	memset(big, 0x55, BIG);
	global_counter = 7;
	return big_is(0x55) && global_counter == 7 ? 0 : 2;
}

static void test_cow_child_writes(void)
{
	int status = status_of_child(child_scribbles);

	expect("cow_child_saw_parent_data_and_wrote",
	       WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "child saw wrong data");
	expect("cow_parent_heap_unchanged", big_is(0xAA), "heap changed");
	expect_eq("cow_parent_global_unchanged", global_counter, 1000);
}

/* The parent writes while the child waits; the child must not see it. */
static void test_cow_parent_writes(void)
{
	int go[2], status;
	char c;
	pid_t pid;

	pipe(go);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		read(go[0], &c, 1);
		_exit(big_is(0xAA) && global_counter == 1000 ? 0 : 1);
	}
	close(go[0]);
	memset(big, 0x33, BIG);
	global_counter = 5;
	write(go[1], "g", 1);
	close(go[1]);
	waitpid(pid, &status, 0);
	expect("cow_child_unaffected_by_parent_writes",
	       WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "child saw the parent's writes");
	memset(big, 0xAA, BIG);
	global_counter = 1000;
}

static void test_cow_many_forks(void)
{
	int i, bad = 0, status;

	for (i = 0; i < 50; i++) {
		status = status_of_child(child_scribbles);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad++;
	}
	expect_eq("cow_50_forks_children_ok", bad, 0);
	expect("cow_50_forks_parent_heap", big_is(0xAA), "heap changed");
	expect_eq("cow_50_forks_parent_global", global_counter, 1000);
}

static void test_brk(void)
{
	char *before = sbrk(0), *old, *after;

	old = sbrk(64 * 1024);
	expect("sbrk_grow", old != (void *)-1, "sbrk failed");
	expect("sbrk_returns_old_break", old == before, "not the old break");
	memset(old, 'b', 64 * 1024);
	expect("sbrk_memory_usable", old[0] == 'b' && old[65535] == 'b',
	       "bad contents");
	after = sbrk(0);
	expect_eq("sbrk_break_moved", after - before, 64 * 1024);
	expect("sbrk_shrink", sbrk(-64 * 1024) != (void *)-1, "shrink failed");
	expect("sbrk_shrunk", sbrk(0) == before, "break not restored");
}

static int touch_after_munmap(void)
{
	volatile char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	p[0] = 1;
	munmap((void *)p, PAGE);
	p[0] = 2; /* must fault */
	return 0;
}

static int write_readonly_mapping(void)
{
	volatile char *p = mmap(NULL, PAGE, PROT_READ,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	p[0] = 1; /* must fault */
	return 0;
}

static int write_null(void)
{
	volatile int *p = NULL;

	*p = 1; /* must fault */
	return 0;
}

static void expect_segv(const char *check, int (*fn)(void))
{
	int status = status_of_child(fn);

	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
		pass(check);
	else if (WIFSIGNALED(status))
		fail(check, "killed by signal %d, expected SIGSEGV",
		     WTERMSIG(status));
	else
		fail(check, "exited with status %d, expected SIGSEGV",
		     WEXITSTATUS(status));
}

static void test_mmap(void)
{
	size_t len = 1024 * 1024, i, nonzero = 0;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	expect("mmap_anonymous", p != MAP_FAILED, "MAP_FAILED");
	if (p == MAP_FAILED)
		return;
	expect_eq("mmap_page_aligned", (uintptr_t)p % PAGE, 0);
	for (i = 0; i < len; i += PAGE)
		nonzero += p[i] != 0;
	expect_eq("mmap_zero_filled", nonzero, 0);
	for (i = 0; i < len; i += PAGE)
		p[i] = (unsigned char)i;
	expect("mmap_writable", p[PAGE] == (unsigned char)PAGE, "bad byte");
	expect_ok("munmap", munmap(p, len));
	expect_segv("access_after_munmap_sigsegv", touch_after_munmap);
	expect_segv("write_readonly_sigsegv", write_readonly_mapping);
	expect_segv("write_null_sigsegv", write_null);

	errno = 0;
	p = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect("mmap_zero_length_einval", p == MAP_FAILED && errno == EINVAL,
	       "expected EINVAL");
	errno = 0;
	p = mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0);
	expect("mmap_no_private_or_shared_einval",
	       p == MAP_FAILED && errno == EINVAL, "expected EINVAL");
	expect_errno("munmap_unaligned_einval", munmap((void *)(PAGE + 1),
						       PAGE), EINVAL);
}

/* About 1 MiB of stack: 256 frames of 4 KiB each. */
static int recurse(int depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	frame[4095] = (char)depth;
	if (depth == 0)
		return 0;
	return recurse(depth - 1) + frame[0] - frame[4095];
}

static int deep_stack(void)
{
	return recurse(256);
}

static void test_stack_growth(void)
{
	int status = status_of_child(deep_stack);

	expect("stack_grows_1mib", WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0, "child did not exit 0");
}

static void test_malloc(void)
{
	char *blocks[64];
	int i, ok = 1;

	for (i = 0; i < 64; i++) {
		blocks[i] = malloc((size_t)(i + 1) * 4096);
		if (!blocks[i]) {
			ok = 0;
			break;
		}
		memset(blocks[i], i, (size_t)(i + 1) * 4096);
	}
	for (i = 0; ok && i < 64; i++)
		if (blocks[i][i * 4096] != i)
			ok = 0;
	for (i = 0; i < 64 && blocks[i]; i++)
		free(blocks[i]);
	expect("malloc_many_blocks", ok, "a block was wrong");
}

int main(void)
{
	big = malloc(BIG);
	if (!big)
		die("malloc 4 MiB");
	memset(big, 0xAA, BIG);
	test_cow_child_writes();
	test_cow_parent_writes();
	test_cow_many_forks();
	test_brk();
	test_mmap();
	test_stack_growth();
	test_malloc();
	return check_summary();
}
