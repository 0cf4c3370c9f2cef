/* malloc.c: the memory allocator (malloc, free, calloc, realloc and the
 * aligned variants).
 *
 * Small blocks come from heap regions, normally one region at the
 * program break, grown with sbrk (an mmap'd region when the break cannot
 * move). Each region is a row of chunks with boundary tags:
 *
 *   | prologue | chunk | chunk | ... | chunk | epilogue |
 *
 *   chunk:  prev_size  size of the chunk just below (always kept up to
 *                      date, so we can step backwards)
 *           head       this chunk's size | INUSE | MMAPPED
 *           payload... (free chunks keep their free-list links here)
 *
 * Sizes are multiples of 16, so payloads are 16-byte aligned as the
 * x86-64 ABI expects. The prologue and epilogue are permanent "in use"
 * chunks, so merging never runs off either end of a region. Free chunks
 * are merged with free neighbours at once and kept in size-class bins
 * (exact 16-byte classes below 1 KiB, powers of two above): malloc takes
 * the first big-enough chunk from the smallest bin that has one and
 * splits off the rest. A large free chunk at the top of the break region
 * is handed back to the kernel by lowering the break.
 *
 * Blocks of MMAP_THRESHOLD bytes and more get their own anonymous
 * mapping, and free() unmaps it: large memory always goes back to the
 * kernel at once.
 *
 * One futex lock (malloc_lock) guards all of it: simple, and threads
 * that allocate a lot at the same moment take turns. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal/libc.h"

#define HEADER 16		   /* prev_size + head */
#define MIN_CHUNK 32		   /* header + two free-list links */
#define MMAP_THRESHOLD (128 * 1024) /* blocks this big get their own mapping */
#define HEAP_GROW (128 * 1024)	   /* least we ask sbrk for at a time */
#define TRIM_THRESHOLD (256 * 1024) /* free top larger than this goes back */
#define TRIM_KEEP (64 * 1024)	   /* ...except this much, for the next malloc */

#define INUSE 1UL
#define MMAPPED 2UL
#define FLAGS 15UL

#define NBINS 128
#define EXACT_BINS 64 /* bins 0..63 hold exactly size 16 * index */

struct chunk {
	size_t prev_size;
	size_t head;
	struct chunk *next; /* free-list links: valid only while free */
	struct chunk *prev;
};

static struct chunk *bins[NBINS];
static uint64_t bin_map[NBINS / 64]; /* bit set = bin not empty */
static char *brk_end; /* end of the region at the program break, if any */
static int malloc_lock;

/* --- chunk arithmetic ------------------------------------------------ */

static size_t chunk_size(const struct chunk *c)
{
	return c->head & ~FLAGS;
}

static struct chunk *next_chunk(struct chunk *c)
{
	return (struct chunk *)((char *)c + chunk_size(c));
}

static struct chunk *prev_chunk(struct chunk *c)
{
	return (struct chunk *)((char *)c - c->prev_size);
}

static void *payload(struct chunk *c)
{
	return (char *)c + HEADER;
}

static struct chunk *chunk_of(void *p)
{
	return (struct chunk *)((char *)p - HEADER);
}

static size_t align_up(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

/* Sets C's size (keeping its flags) and tells the chunk above. */
static void set_size(struct chunk *c, size_t size)
{
	c->head = size | (c->head & FLAGS);
	next_chunk(c)->prev_size = size;
}

/* Chunk size for a request of N bytes, or 0 if N is absurdly large. */
static size_t request_size(size_t n)
{
	if (n > PTRDIFF_MAX / 2)
		return 0;
	size_t size = align_up(n + HEADER, 16);
	return size < MIN_CHUNK ? MIN_CHUNK : size;
}

/* --- bins -------------------------------------------------------------- */

static int bin_index(size_t size)
{
	if (size < EXACT_BINS * 16)
		return (int)(size / 16);
	int log2 = 63 - __builtin_clzl(size); /* >= 10 here */
	int i = EXACT_BINS + log2 - 10;
	return i < NBINS ? i : NBINS - 1;
}

static void bin_insert(struct chunk *c)
{
	int i = bin_index(chunk_size(c));

	c->prev = NULL;
	c->next = bins[i];
	if (c->next)
		c->next->prev = c;
	bins[i] = c;
	bin_map[i / 64] |= 1UL << (i % 64);
}

static void bin_remove(struct chunk *c)
{
	int i = bin_index(chunk_size(c));

	if (c->prev)
		c->prev->next = c->next;
	else
		bins[i] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (!bins[i])
		bin_map[i / 64] &= ~(1UL << (i % 64));
}

/* Next non-empty bin at or after I, or NBINS. */
static int next_bin(int i)
{
	while (i < NBINS) {
		uint64_t bits = bin_map[i / 64] >> (i % 64);
		if (bits)
			return i + __builtin_ctzl(bits);
		i = (i / 64 + 1) * 64;
	}
	return NBINS;
}

/* Removes and returns a free chunk of at least SIZE bytes, or NULL. */
static struct chunk *bin_take(size_t size)
{
	for (int i = next_bin(bin_index(size)); i < NBINS; i = next_bin(i + 1)) {
		for (struct chunk *c = bins[i]; c; c = c->next) {
			if (chunk_size(c) >= size) {
				bin_remove(c);
				return c;
			}
		}
	}
	return NULL;
}

/* --- freeing and trimming ------------------------------------------------ */

/* If C is a large free chunk at the very top of the break region, lower
 * the break and shrink C. */
static void trim_top(struct chunk *c)
{
	char *end_of_c = (char *)next_chunk(c) + HEADER; /* past the epilogue */

	if (end_of_c != brk_end || chunk_size(c) < TRIM_THRESHOLD ||
	    sbrk(0) != brk_end)
		return;
	size_t release = (chunk_size(c) - TRIM_KEEP) & ~(__page_size() - 1);
	if (release == 0 || sbrk(-(intptr_t)release) == (void *)-1)
		return;
	brk_end -= release;
	c->head = chunk_size(c) - release;
	struct chunk *epilogue = next_chunk(c);
	epilogue->prev_size = chunk_size(c);
	epilogue->head = INUSE;
}

/* Marks heap chunk C free, merges it with free neighbours and files it
 * in its bin. */
static void free_chunk(struct chunk *c)
{
	c->head &= ~INUSE;
	struct chunk *next = next_chunk(c);
	if (!(next->head & INUSE)) {
		bin_remove(next);
		set_size(c, chunk_size(c) + chunk_size(next));
	}
	struct chunk *prev = prev_chunk(c);
	if (!(prev->head & INUSE)) {
		bin_remove(prev);
		set_size(prev, chunk_size(prev) + chunk_size(c));
		c = prev;
	}
	trim_top(c);
	bin_insert(c);
}

/* Shrinks in-use chunk C to SIZE, freeing the tail if it is big enough
 * to be a chunk of its own. */
static void split(struct chunk *c, size_t size)
{
	size_t rest = chunk_size(c) - size;

	if (rest < MIN_CHUNK)
		return;
	set_size(c, size);
	struct chunk *tail = next_chunk(c);
	tail->head = INUSE;
	set_size(tail, rest);
	free_chunk(tail);
}

/* --- getting memory from the kernel --------------------------------------- */

/* Lays out a new region at [START, START+LEN): prologue, one free chunk,
 * epilogue. START and LEN are multiples of 16. */
static void new_region(char *start, size_t len)
{
	struct chunk *prologue = (struct chunk *)start;
	struct chunk *c = (struct chunk *)(start + HEADER);
	struct chunk *epilogue = (struct chunk *)(start + len - HEADER);

	prologue->prev_size = 0;
	prologue->head = HEADER | INUSE;
	c->prev_size = HEADER;
	c->head = (len - 2 * HEADER) | INUSE;
	epilogue->prev_size = chunk_size(c);
	epilogue->head = INUSE;
	free_chunk(c);
}

/* Extends the break region by LEN bytes: the old epilogue becomes the
 * header of a new free chunk, which then merges with any free chunk
 * below it. */
static int extend_break_region(size_t len)
{
	if (sbrk((intptr_t)len) == (void *)-1)
		return -1;
	struct chunk *c = (struct chunk *)(brk_end - HEADER);
	brk_end += len;
	c->head = len | INUSE;
	struct chunk *epilogue = next_chunk(c);
	epilogue->prev_size = len;
	epilogue->head = INUSE;
	free_chunk(c);
	return 0;
}

/* Makes a free chunk of at least SIZE bytes available in the bins. */
static int grow_heap(size_t size)
{
	size_t page = __page_size();
	char *cur = sbrk(0);

	if (brk_end && cur == brk_end) {
		size_t len = align_up(size < HEAP_GROW ? HEAP_GROW : size, page);
		if (extend_break_region(len) == 0)
			return 0;
	}

	/* A new region: at the break if it moves, else anywhere. */
	size_t len = align_up((size < HEAP_GROW ? HEAP_GROW : size) + 2 * HEADER, page);
	if (cur != (void *)-1) {
		size_t pad = (size_t)-(uintptr_t)cur & 15; /* align the start */
		if (sbrk((intptr_t)(len + pad)) == cur) {
			brk_end = cur + pad + len;
			new_region(cur + pad, len);
			return 0;
		}
	}
	char *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return -1;
	new_region(mem, len);
	return 0;
}

/* A block with a mapping of its own, its payload aligned to ALIGN (a
 * power of two >= 16). prev_size holds the chunk's offset from the
 * start of the mapping, so free() can find it. */
static void *mmap_alloc(size_t size, size_t align)
{
	size_t len = align_up(size + (align > 16 ? align : 0), __page_size());
	char *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (map == MAP_FAILED)
		return NULL;
	char *p = (char *)align_up((uintptr_t)map + HEADER, align);
	struct chunk *c = chunk_of(p);
	c->prev_size = (size_t)((char *)c - map);
	c->head = (len - c->prev_size) | MMAPPED | INUSE;
	return p;
}

static void mmap_free(struct chunk *c)
{
	munmap((char *)c - c->prev_size, c->prev_size + chunk_size(c));
}

/* --- the public functions, each a locked wrapper ------------------------- */

static void *do_malloc(size_t n)
{
	size_t size = request_size(n);

	if (size == 0) {
		errno = ENOMEM;
		return NULL;
	}
	if (size >= MMAP_THRESHOLD) {
		void *p = mmap_alloc(size, 16);
		if (!p)
			errno = ENOMEM;
		return p;
	}
	struct chunk *c = bin_take(size);
	if (!c) {
		if (grow_heap(size) < 0) {
			errno = ENOMEM;
			return NULL;
		}
		c = bin_take(size);
	}
	c->head |= INUSE;
	split(c, size);
	return payload(c);
}

/* A detected double free or wild pointer: stop before the heap is
 * corrupted further. */
static _Noreturn void heap_corrupt(const char *what, void *p)
{
	fprintf(stderr, "%s: %s (%p)\n", program_invocation_short_name, what, p);
	abort();
}

static void do_free(void *p)
{
	if (!p)
		return;
	struct chunk *c = chunk_of(p);
	if (((uintptr_t)p & 15) || !(c->head & INUSE))
		heap_corrupt("free(): invalid pointer or double free", p);
	if (c->head & MMAPPED)
		mmap_free(c);
	else
		free_chunk(c);
}

/* For fork (src/thread/atfork.c): the child must not inherit the heap
 * locked by a thread it does not have. */
void __malloc_lock_all(void)
{
	__libc_lock(&malloc_lock);
}

void __malloc_unlock_all(void)
{
	__libc_unlock(&malloc_lock);
}

void *malloc(size_t n)
{
	__libc_lock(&malloc_lock);
	void *p = do_malloc(n);
	__libc_unlock(&malloc_lock);
	return p;
}

void free(void *p)
{
	__libc_lock(&malloc_lock);
	do_free(p);
	__libc_unlock(&malloc_lock);
}

void *calloc(size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(total);
	/* a fresh mapping is already zero-filled by the kernel */
	if (p && !(chunk_of(p)->head & MMAPPED))
		memset(p, 0, total);
	return p;
}

/* Resizes in place when possible: shrinking, or growing into a free
 * chunk just above. Returns 0 on success. */
static int resize_in_place(struct chunk *c, size_t size)
{
	if (c->head & MMAPPED)
		return size <= chunk_size(c) && size >= MMAP_THRESHOLD ? 0 : -1;
	if (size <= chunk_size(c)) {
		split(c, size);
		return 0;
	}
	struct chunk *next = next_chunk(c);
	if (next->head & INUSE || chunk_size(c) + chunk_size(next) < size)
		return -1;
	bin_remove(next);
	set_size(c, chunk_size(c) + chunk_size(next));
	split(c, size);
	return 0;
}

/* A large block keeps its own mapping when it is resized: the kernel
 * can move the pages (mremap) instead of us copying the bytes. NULL if
 * that is not possible (an aligned block, or no mremap). */
static void *remap(struct chunk *c, size_t size)
{
	if (!(c->head & MMAPPED) || c->prev_size != 0 || size < MMAP_THRESHOLD)
		return NULL;
	size_t len = align_up(size, __page_size());
	int saved = errno;
	struct chunk *moved = mremap(c, chunk_size(c), len, MREMAP_MAYMOVE);
	errno = saved;
	if (moved == MAP_FAILED)
		return NULL;
	moved->head = len | MMAPPED | INUSE;
	return payload(moved);
}

static void *do_realloc(void *p, size_t n)
{
	size_t size = request_size(n);

	if (size == 0) {
		errno = ENOMEM;
		return NULL;
	}
	struct chunk *c = chunk_of(p);
	if (!(c->head & INUSE))
		heap_corrupt("realloc(): invalid pointer", p);
	if (resize_in_place(c, size) == 0)
		return p;
	void *q = remap(c, size);
	if (q)
		return q;
	q = do_malloc(n);
	if (!q)
		return NULL;
	size_t old = chunk_size(c) - HEADER;
	memcpy(q, p, old < n ? old : n);
	do_free(p);
	return q;
}

/* realloc(p, 0) frees P and returns NULL, like the usual Linux C
 * library. On failure P is left untouched. */
void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	__libc_lock(&malloc_lock);
	void *q = do_realloc(p, n);
	__libc_unlock(&malloc_lock);
	return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, total);
}

/* Aligned heap block: allocate enough to find an ALIGN-aligned payload
 * at least MIN_CHUNK into the block, then give the part before it back
 * as a free chunk and split off the excess after it. */
static void *heap_aligned(size_t size, size_t align)
{
	char *p = do_malloc(size - HEADER + align + MIN_CHUNK);

	if (!p)
		return NULL;
	struct chunk *c = chunk_of(p);
	char *q = (char *)align_up((uintptr_t)p + MIN_CHUNK, align);
	struct chunk *aligned = chunk_of(q);
	size_t front = (size_t)((char *)aligned - (char *)c);

	aligned->head = INUSE;
	aligned->prev_size = front;
	set_size(aligned, chunk_size(c) - front);
	c->head = front | INUSE;
	free_chunk(c);
	split(aligned, size);
	return q;
}

static void *do_aligned(size_t align, size_t n)
{
	size_t size = request_size(n);

	if (align <= 16)
		return do_malloc(n);
	if (size == 0 || align > PTRDIFF_MAX / 4) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = size + align + MIN_CHUNK >= MMAP_THRESHOLD ? mmap_alloc(size, align)
							     : heap_aligned(size, align);
	if (!p)
		errno = ENOMEM;
	return p;
}

static int power_of_two(size_t x)
{
	return x && (x & (x - 1)) == 0;
}

int posix_memalign(void **out, size_t align, size_t size)
{
	if (!power_of_two(align) || align % sizeof(void *))
		return EINVAL;
	int saved = errno;
	__libc_lock(&malloc_lock);
	void *p = do_aligned(align, size);
	__libc_unlock(&malloc_lock);
	errno = saved; /* posix_memalign reports through its result only */
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
	if (!power_of_two(align)) {
		errno = EINVAL;
		return NULL;
	}
	__libc_lock(&malloc_lock);
	void *p = do_aligned(align, size);
	__libc_unlock(&malloc_lock);
	return p;
}

void *memalign(size_t align, size_t size)
{
	return aligned_alloc(align, size);
}

void *valloc(size_t size)
{
	return aligned_alloc(__page_size(), size);
}

size_t malloc_usable_size(void *p)
{
	return p ? chunk_size(chunk_of(p)) - HEADER : 0;
}
