/* sys_mm.c: the memory system calls, on top of mm.c. */
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/sysproto.h"

#define MADV_DONTNEED 4

static struct mm *my_mm(void) { return current->proc->mm; }

long sys_brk(uint64_t addr) { return mm_brk(my_mm(), addr); }

long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, long off)
{
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (off % 4096)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return fd < 0 ? -EBADF : -ENODEV; /* file mappings: a later issue */
	return mm_mmap(my_mm(), addr, len, prot, flags);
}

long sys_munmap(uint64_t addr, uint64_t len) { return mm_munmap(my_mm(), addr, len); }
long sys_mprotect(uint64_t addr, uint64_t len, int prot) { return mm_mprotect(my_mm(), addr, len, prot); }

long sys_madvise(uint64_t addr, uint64_t len, int advice)
{
	if (addr % 4096 || (long)len < 0)
		return -EINVAL;
	if (advice == MADV_DONTNEED)
		return mm_discard(my_mm(), addr, len); /* next touch reads zeros */
	return 0; /* other advice is only a hint */
}
