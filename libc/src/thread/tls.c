/* tls.c: thread-local storage. Finds the program's TLS segment (the
 * initial values of its `__thread` variables) and builds, for the main
 * thread at start-up and for every new thread in pthread_create.c, the
 * block of TLS + thread control block drawn in
 * src/internal/pthread_impl.h. Also the stack-protector canary, which
 * lives in the TCB. */
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>

#include "internal/libc.h"
#include "internal/pthread_impl.h"
#include "internal/syscall.h"

/* The parts of an ELF64 program header we read (the layout is fixed by
 * the ELF specification). */
struct elf64_phdr {
	unsigned p_type;
	unsigned p_flags;
	unsigned long p_offset;
	unsigned long p_vaddr;
	unsigned long p_paddr;
	unsigned long p_filesz;
	unsigned long p_memsz;
	unsigned long p_align;
};

#define PT_PHDR 6
#define PT_TLS 7
#define ARCH_SET_FS 0x1002

/* The TLS image: .tdata (initial values, IMAGE_SIZE bytes at IMAGE)
 * followed by .tbss (zeros) up to MEM_SIZE. Immutable after
 * __init_tls. */
static const void *tls_image;
static size_t tls_image_size;
static size_t tls_mem_size;
size_t __tls_offset;
size_t __tls_align = _Alignof(struct pthread);

/* getauxval without errno: this runs before errno exists. */
static unsigned long aux(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

static size_t round_up(size_t n, size_t align)
{
	return (n + align - 1) & ~(align - 1);
}

/* Reads PT_TLS from the program headers the kernel told us about
 * (AT_PHDR, AT_PHNUM). The program may be loaded at an offset from its
 * link address (static-pie): PT_PHDR tells us by how much. */
static void find_tls_segment(void)
{
	const struct elf64_phdr *ph = (const void *)aux(AT_PHDR);
	unsigned long n = aux(AT_PHNUM);
	const struct elf64_phdr *tls = NULL;
	unsigned long bias = 0;

	for (unsigned long i = 0; ph && i < n; i++) {
		if (ph[i].p_type == PT_PHDR)
			bias = (unsigned long)ph - ph[i].p_vaddr;
		else if (ph[i].p_type == PT_TLS)
			tls = &ph[i];
	}
	size_t segment_align = 1;
	if (tls) {
		tls_image = (const void *)(tls->p_vaddr + bias);
		tls_image_size = tls->p_filesz;
		tls_mem_size = tls->p_memsz;
		segment_align = tls->p_align ? tls->p_align : 1;
	}
	/* The linker put each variable at (its offset in the segment) -
	 * round_up(p_memsz, p_align) from the thread pointer: exactly that
	 * alignment, not the TCB's. The thread pointer itself must suit
	 * both the segment and the TCB. */
	__tls_offset = round_up(tls_mem_size, segment_align);
	if (segment_align > __tls_align)
		__tls_align = segment_align;
}

size_t __tls_area_size(void)
{
	return __tls_offset + sizeof(struct pthread) + __tls_align;
}

struct pthread *__tls_setup(void *mem, size_t size)
{
	/* the TCB goes as high as it fits, with tp aligned for the TLS */
	unsigned long top = (unsigned long)mem + size - sizeof(struct pthread);
	struct pthread *t = (struct pthread *)(top & ~(__tls_align - 1));
	unsigned char *block = (unsigned char *)t - __tls_offset;

	memset(block, 0, __tls_offset + sizeof *t);
	memcpy(block, tls_image, tls_image_size);
	t->self = t->self2 = t;
	return t;
}

/* Where the main thread's TLS lives. Programs without __thread
 * variables (most) fit here and need no mmap. */
static unsigned long main_area[(sizeof(struct pthread) + 256) / sizeof(long)]
	__attribute__((aligned(64)));

/* Start-up, before anything can touch errno: give the main thread its
 * TCB and TLS and point FS at it. Failure here has no errno to report
 * to and no stdio to print with, so it writes a line and ends. */
void __init_tls(void)
{
	void *mem = main_area;
	size_t size = sizeof main_area;

	find_tls_segment();
	if (__tls_area_size() > size) {
		size = round_up(__tls_area_size(), 4096);
		long p = __sc6(mmap, 0, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if ((unsigned long)p > -4096UL)
			goto fail;
		mem = (void *)p;
	}
	struct pthread *t = __tls_setup(mem, size);
	t->is_main = 1;

	/* The canary: 8 of the kernel's AT_RANDOM bytes, with the low byte
	 * zeroed so that string functions cannot copy it out. */
	const unsigned char *rnd = (const void *)aux(AT_RANDOM);
	if (rnd)
		memcpy(&t->stack_guard, rnd, sizeof t->stack_guard);
	t->stack_guard &= ~0xffUL;

	if (__sc2(arch_prctl, ARCH_SET_FS, t) < 0)
		goto fail;
	/* The kernel clears t->tid and wakes it when the main thread exits
	 * alone (pthread_exit), so it can be joined like any thread. */
	long tid = __sc1(set_tid_address, &t->tid);
	t->tid = (int)(tid > 0 ? tid : __sc0(gettid));
	return;
fail:
	__sc3(write, 2, "libc: cannot set up thread-local storage\n", 41);
	__sc1(exit_group, 127);
}

/* Called by code built with -fstack-protector when a function's canary
 * was overwritten: the stack is corrupt, so stop at once. */
_Noreturn void __stack_chk_fail(void)
{
	__sc3(write, 2, "*** stack smashing detected ***: terminated\n", 44);
	__sc3(tgkill, __sc0(getpid), __sc0(gettid), 6 /* SIGABRT */);
	for (;;) /* SIGABRT was caught or ignored */
		__sc1(exit_group, 127);
}
