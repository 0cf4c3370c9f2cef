/*
 * mm_file_test.c: self-tests of what file mappings and running out of
 * memory rest on: the user reserve of the page allocator, ramfs pages
 * that outlive a truncate while someone holds them, and /dev/shm being
 * a file system of its own.
 */
#include <stdint.h>
#include "arch/x86_64/arch.h"
#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "kernel/selftest.h"
#include "kernel/string.h"
#include "kernel/vfs.h"

KTEST(user_pages_leave_the_reserve)
{
	size_t free0 = page_alloc_free_count();
	uint64_t head = 0, pa;
	size_t n = 0;
	/* take every page user memory may have, chained through the pages */
	while ((pa = alloc_user_page()) != 0) {
		*(uint64_t *)phys_to_virt(pa) = head;
		head = pa;
		n++;
	}
	size_t left = page_alloc_free_count();
	uint64_t kernel_page = alloc_page(); /* the kernel may still allocate */
	if (kernel_page)
		free_page(kernel_page);
	while (head) {
		uint64_t next = *(uint64_t *)phys_to_virt(head);
		free_page(head);
		head = next;
	}
	CHECK(n > 1000, "only %zu user pages", n);
	CHECK(left <= USER_RESERVE_PAGES && left + 16 >= USER_RESERVE_PAGES,
	      "%zu pages left when user pages ran out, reserve %d", left, USER_RESERVE_PAGES);
	CHECK(kernel_page, "the kernel found no page in the reserve");
	CHECK(page_alloc_free_count() == free0, "free count %zu, was %zu", page_alloc_free_count(), free0);
	return NULL;
}

KTEST(file_page_outlives_truncate)
{
	struct inode *i = ramfs_new_unlinked();
	CHECK(i, "no inode");
	long w = vfs_write_inode(i, "mapped", 6, 0);
	uint64_t pa = 0;
	int err = i->ops->get_page(i, 0, &pa);
	const char *why = 0;
	if (w != 6 || err)
		why = "write or get_page failed";
	else if (page_refcount(pa) != 2)
		why = "a page handed out should have 2 references (file + caller)";
	if (!why) {
		spin_lock(&vfs_lock);
		i->ops->truncate(i, 0);
		spin_unlock(&vfs_lock);
		uint64_t again;
		if (page_refcount(pa) != 1)
			why = "truncate did not drop exactly the file's reference";
		else if (memcmp(phys_to_virt(pa), "mapped", 6) != 0)
			why = "the held page lost its data";
		else if (i->ops->get_page(i, 0, &again) != -ENXIO)
			why = "get_page past the end did not give ENXIO";
		page_put(pa);
	}
	inode_put(i);
	CHECK(!why, "%s", why);
	return NULL;
}

KTEST(dev_shm_is_its_own_mount)
{
	struct inode *shm, *dev;
	CHECK(vfs_lookup(vfs_root, "/dev/shm", true, &shm) == 0, "no /dev/shm");
	int err = vfs_lookup(vfs_root, "/dev/shm/..", true, &dev);
	struct inode *real_dev;
	int err2 = vfs_lookup(vfs_root, "/dev", true, &real_dev);
	bool ok = !err && !err2 && dev == real_dev && S_ISDIR(shm->mode) && (shm->mode & 01777) == 01777 &&
		  shm->parent == real_dev;
	inode_put(shm);
	if (!err)
		inode_put(dev);
	if (!err2)
		inode_put(real_dev);
	CHECK(ok, "/dev/shm is not a sticky, world-writable mount under /dev");
	return NULL;
}
