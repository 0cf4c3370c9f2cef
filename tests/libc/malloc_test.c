/* malloc_test.c: malloc, free, calloc, realloc and the aligned
 * allocators: many sizes and patterns, contents kept across realloc,
 * zeroed calloc memory, and large blocks going back to the system. */
#define _DEFAULT_SOURCE /* sbrk */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "check.h"

static unsigned char pattern(size_t i, size_t seed)
{
	return (unsigned char)(i * 31 + seed * 7 + 1);
}

static int aligned16(const void *p)
{
	return ((uintptr_t)p & 15) == 0;
}

static void many_sizes(void)
{
	enum { N = 2000 };
	unsigned char *blocks[N];
	size_t sizes[N];
	int ok = 1, aligned = 1;

	for (size_t i = 0; i < N; i++) {
		sizes[i] = (i * 7919) % 4096 + (i % 10 == 0 ? 20000 : 0);
		blocks[i] = malloc(sizes[i]);
		if (!blocks[i] && sizes[i]) {
			ok = 0;
			break;
		}
		aligned &= aligned16(blocks[i]);
		for (size_t k = 0; k < sizes[i]; k++)
			blocks[i][k] = pattern(k, i);
	}
	check("malloc many sizes", ok, "malloc returned NULL");
	check("malloc returns 16-byte aligned memory", aligned, "misaligned block");

	/* free every other block, then check the rest were not disturbed */
	for (size_t i = 0; i < N; i += 2)
		free(blocks[i]);
	for (size_t i = 1; i < N && ok; i += 2)
		for (size_t k = 0; k < sizes[i]; k++)
			if (blocks[i][k] != pattern(k, i)) {
				ok = 0;
				break;
			}
	check("malloc blocks keep their contents", ok, "a block was overwritten");
	for (size_t i = 1; i < N; i += 2)
		free(blocks[i]);

	void *z = malloc(0);
	free(z);
	free(NULL);
	check("malloc(0) and free(NULL) are harmless", 1, "");
}

static void reallocation(void)
{
	unsigned char *p = malloc(10);
	size_t size = 10;
	int ok = p != NULL;

	for (size_t k = 0; k < size; k++)
		p[k] = pattern(k, 3);
	while (ok && size < 300000) {
		size_t bigger = size * 3 / 2 + 7;
		unsigned char *q = realloc(p, bigger);
		if (!q) {
			ok = 0;
			break;
		}
		for (size_t k = 0; k < size; k++)
			if (q[k] != pattern(k, 3))
				ok = 0;
		for (size_t k = size; k < bigger; k++)
			q[k] = pattern(k, 3);
		p = q;
		size = bigger;
	}
	check("realloc growing keeps contents", ok, "contents changed at size %zu", size);

	unsigned char *q = realloc(p, 100);
	ok = q != NULL;
	for (size_t k = 0; ok && k < 100; k++)
		ok = q[k] == pattern(k, 3);
	check("realloc shrinking keeps contents", ok, "contents changed");
	q = realloc(q, 0x100000);
	ok = q != NULL;
	for (size_t k = 0; ok && k < 100; k++)
		ok = q[k] == pattern(k, 3);
	check("realloc small to large keeps contents", ok, "contents changed");
	free(q);

	p = realloc(NULL, 50);
	check("realloc(NULL, n) allocates", p != NULL, "NULL");
	free(p);
}

static void zeroed(void)
{
	for (int round = 0; round < 3; round++) {
		size_t n = round == 2 ? 300000 : 1000;
		unsigned char *p = malloc(n);
		memset(p, 0xff, n);
		free(p);
		p = calloc(n, 1);
		int ok = p != NULL;
		for (size_t k = 0; ok && k < n; k++)
			ok = p[k] == 0;
		check(round == 2 ? "calloc large is zeroed" : "calloc reused memory is zeroed", ok,
		      "nonzero byte");
		free(p);
	}
	/* volatile: the compiler would rightly warn about these sizes */
	volatile size_t huge = SIZE_MAX / 2, nearly_all = SIZE_MAX - 10;
	errno = 0;
	void *p = calloc(huge, 4);
	check("calloc overflow fails with ENOMEM", p == NULL && errno == ENOMEM, "p=%p errno=%d", p,
	      errno);
	errno = 0;
	p = malloc(nearly_all);
	check("malloc of nearly SIZE_MAX fails with ENOMEM", p == NULL && errno == ENOMEM,
	      "p=%p errno=%d", p, errno);
}

static void aligned(void)
{
	int ok = 1;

	for (size_t align = 32; align <= 65536; align *= 2) {
		void *p = NULL;
		int r = posix_memalign(&p, align, 100 + align);
		if (r != 0 || ((uintptr_t)p & (align - 1))) {
			ok = 0;
			break;
		}
		memset(p, 1, 100 + align);
		free(p);
	}
	check("posix_memalign 32 .. 64 KiB", ok, "misaligned or failed");
	void *p;
	check("posix_memalign bad alignment EINVAL", posix_memalign(&p, 24, 10) == EINVAL, "not EINVAL");
	p = aligned_alloc(64, 256);
	check("aligned_alloc", p && ((uintptr_t)p & 63) == 0, "p=%p", p);
	free(p);
}

/* Random allocate/free/resize with a checksum per block. */
static void stress(void)
{
	enum { SLOTS = 256, ROUNDS = 50000 };
	unsigned char *slot[SLOTS] = {0};
	size_t size[SLOTS] = {0};
	int ok = 1;

	srand(7);
	for (int r = 0; r < ROUNDS && ok; r++) {
		int i = rand() % SLOTS;
		if (slot[i]) {
			for (size_t k = 0; k < size[i]; k++)
				if (slot[i][k] != pattern(k, (size_t)i)) {
					ok = 0;
					break;
				}
		}
		int what = rand() % 3;
		size_t n = (size_t)(rand() % 8 == 0 ? rand() % 200000 : rand() % 600);
		if (what == 0) {
			free(slot[i]);
			slot[i] = NULL;
			size[i] = 0;
		} else {
			unsigned char *q = what == 1 ? (free(slot[i]), malloc(n)) : realloc(slot[i], n);
			if (!q && n) {
				ok = 0;
				break;
			}
			slot[i] = q;
			for (size_t k = 0; k < n; k++)
				q[k] = pattern(k, (size_t)i);
			size[i] = n;
		}
	}
	for (int i = 0; i < SLOTS; i++)
		free(slot[i]);
	check("malloc/realloc/free random stress", ok, "corruption detected");
}

static void large_blocks(void)
{
	const size_t big = 16 << 20;
	char *start = sbrk(0);
	int ok = 1;

	/* A freed large block must really be gone (unmapped): msync on it
	 * fails with ENOMEM. Checked straight after the first free, before
	 * anything else could reuse the address. */
	char *p = malloc(big);
	check("malloc 16 MiB", p != NULL, "NULL");
	if (!p)
		return;
	memset(p, 0x5a, big);
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *first_page = (char *)(((uintptr_t)p + page) & ~(page - 1));
	free(p);
	errno = 0;
	int r = msync(first_page, page, MS_ASYNC);
	check("free of 16 MiB returns it to the system", r == -1 && errno == ENOMEM,
	      "msync on freed block: r=%d errno=%d", r, errno);

	/* Under a 1 GiB address-space limit, leaking even a few of these
	 * would make malloc fail. */
	struct rlimit old, lim;
	int limited = getrlimit(RLIMIT_AS, &old) == 0;
	if (limited) {
		lim = old;
		lim.rlim_cur = 1UL << 30;
		if (old.rlim_max != RLIM_INFINITY && old.rlim_max < lim.rlim_cur)
			lim.rlim_cur = old.rlim_max;
		limited = setrlimit(RLIMIT_AS, &lim) == 0;
	}
	for (int i = 0; i < 100 && ok; i++) {
		p = malloc(big);
		if (!p) {
			ok = 0;
			break;
		}
		p[0] = p[big - 1] = (char)i;
		free(p);
	}
	if (limited)
		setrlimit(RLIMIT_AS, &old);
	char *end = sbrk(0);
	check("16 MiB malloc/free 100 times", ok, "malloc failed");
	check("16 MiB malloc/free 100 times does not grow the break", end - start < (long)(2 * big),
	      "break grew by %ld bytes", (long)(end - start));
}

int main(void)
{
	many_sizes();
	reallocation();
	zeroed();
	aligned();
	stress();
	large_blocks();
	return finish();
}
