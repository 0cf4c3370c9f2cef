/* mman.c: mapping and unmapping memory, changing its protection. */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>

#include "internal/syscall.h"

/* mmap returns an address, and high addresses look negative: only
 * -4095..-1 mean failure (which __syscall_ret knows). */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
	return (void *)__syscall_ret(__sc6(mmap, addr, len, prot, flags, fd, offset));
}

int munmap(void *addr, size_t len)
{
	return (int)__syscall_ret(__sc2(munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__syscall_ret(__sc3(mprotect, addr, len, prot));
}

int msync(void *addr, size_t len, int flags)
{
	return (int)__syscall_ret(__sc3(msync, addr, len, flags));
}

int madvise(void *addr, size_t len, int advice)
{
	return (int)__syscall_ret(__sc3(madvise, addr, len, advice));
}

/* POSIX form: returns the error number instead of setting errno. */
int posix_madvise(void *addr, size_t len, int advice)
{
	long r = __sc3(madvise, addr, len, advice);

	return r < 0 ? (int)-r : 0;
}

/* The fifth argument (new address) exists only with MREMAP_FIXED. */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = 0;
	va_list ap;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)__syscall_ret(__sc5(mremap, old, old_len, new_len, flags, new_addr));
}

int mlock(const void *addr, size_t len)
{
	return (int)__syscall_ret(__sc2(mlock, addr, len));
}

int munlock(const void *addr, size_t len)
{
	return (int)__syscall_ret(__sc2(munlock, addr, len));
}
