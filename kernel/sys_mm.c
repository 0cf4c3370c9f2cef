/* sys_mm.c: the memory system calls, on top of mm.c. */
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/mm.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/sysproto.h"
#include "kernel/vfs.h"

#define MADV_DONTNEED 4

static struct mm *my_mm(void) { return current->proc->mm; }

long sys_brk(uint64_t addr) { return mm_brk(my_mm(), addr); }

/* May F be mapped with PROT and the mapping type of FLAGS? Linux's
 * checks, in Linux's order: 0 or -errno. */
static long check_file(struct file *f, int prot, int flags)
{
	int acc = f->flags & O_ACCMODE;
	if (f->flags & O_PATH)
		return -EBADF;
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE) && acc == O_RDONLY)
		return -EACCES; /* writes would reach a file opened read-only */
	if (acc == O_WRONLY)
		return -EACCES; /* every mapping reads the file */
	if (!f->inode || !S_ISREG(f->inode->mode) || !f->inode->ops || !f->inode->ops->get_page)
		return -ENODEV; /* directories, pipes, devices, /proc files */
	return 0;
}

long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, long off)
{
	if (off % PAGE_SIZE)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (flags & MAP_ANONYMOUS)
		return mm_mmap(my_mm(), addr, len, prot, flags, 0, 0);
	struct file *f = fd_get(current->proc->files, fd);
	if (!f)
		return -EBADF;
	long r = len ? check_file(f, prot, flags) : -EINVAL;
	if (!r)
		r = mm_mmap(my_mm(), addr, len, prot, flags, f, (uint64_t)off / PAGE_SIZE);
	file_put(f); /* the region took its own reference */
	return r;
}

long sys_munmap(uint64_t addr, uint64_t len) { return mm_munmap(my_mm(), addr, len); }
long sys_mprotect(uint64_t addr, uint64_t len, int prot) { return mm_mprotect(my_mm(), addr, len, prot); }
long sys_msync(uint64_t addr, uint64_t len, int flags) { return mm_msync(my_mm(), addr, len, flags); }

long sys_madvise(uint64_t addr, uint64_t len, int advice)
{
	if (addr % PAGE_SIZE || (long)len < 0)
		return -EINVAL;
	if (advice == MADV_DONTNEED)
		return mm_discard(my_mm(), addr, len); /* next touch: zeros, or the file again */
	return 0; /* other advice is only a hint */
}
