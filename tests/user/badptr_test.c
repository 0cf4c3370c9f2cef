/*
 * badptr_test.c: system calls given bad pointers and bad lengths. Each
 * must fail with EFAULT (or the errno Linux gives) and the process, and
 * the kernel, must keep running. The pointers: NULL, a page that was
 * just unmapped, a low address nothing maps, and the first address of
 * the kernel half (0xffff800000000000). Misaligned pointers are fine.
 *
 * Calls whose C library wrapper would itself touch the pointer
 * (clock_gettime uses the vDSO on Linux, for instance) are made through
 * syscall(), so that it is the kernel that sees the bad pointer.
 */
#define TEST_NAME "badptr"
#include "check.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>

#define KERNEL_PTR ((void *)0xffff800000000000UL)
#define LOW_PTR ((void *)0x1000UL)

/*
 * NULL read through a volatile variable: the compiler cannot see that it
 * is NULL, so it neither warns nor "optimises" the calls we mean to make.
 */
static void *volatile null_ptr;
#define NULLP ((void *)null_ptr)

static void *unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	munmap(p, 4096);
	return p;
}

static void test_read_write(void)
{
	int zero = open("/dev/zero", O_RDONLY);
	int p[2];
	void *gone = unmapped_page();
	volatile size_t huge = (size_t)-1;
	char buf[16];

	pipe(p);
	expect_errno("read_into_kernel_half_efault",
		     read(zero, KERNEL_PTR, 10), EFAULT);
	expect_errno("read_into_null_efault", read(zero, NULLP, 10), EFAULT);
	expect_errno("read_into_unmapped_efault", read(zero, gone, 10), EFAULT);
	expect_errno("write_null_to_stdout_efault", write(1, NULLP, 5), EFAULT);
	expect_errno("write_null_to_pipe_efault", write(p[1], NULLP, 5),
		     EFAULT);
	expect_errno("write_from_kernel_half_efault",
		     write(p[1], KERNEL_PTR, 5), EFAULT);
	expect_errno("write_from_low_address_efault", write(p[1], LOW_PTR, 5),
		     EFAULT);
	expect_errno("read_huge_count_efault", read(zero, buf, huge), EFAULT);
	expect_eq("read_misaligned_buffer_ok", read(zero, buf + 1, 7), 7);
	expect_errno("pread_into_kernel_half_efault",
		     pread(zero, KERNEL_PTR, 10, 0), EFAULT);
	close(zero);
	close(p[0]);
	close(p[1]);
}

static void test_vectors(void)
{
	int fd = open("/dev/null", O_WRONLY);
	struct iovec bad_base = { KERNEL_PTR, 4 };

	expect_errno("writev_null_iov_efault", writev(fd, NULLP, 1), EFAULT);
	expect_errno("writev_kernel_iov_efault", writev(fd, KERNEL_PTR, 1),
		     EFAULT);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	expect_errno("readv_bad_base_efault", readv(fd, &bad_base, 1), EFAULT);
	close(fd);
}

static void test_paths(void)
{
	struct stat st;
	char *page;
	char *tail;

	expect_errno("open_null_path_efault", open(NULLP, O_RDONLY), EFAULT);
	expect_errno("open_kernel_path_efault", open(KERNEL_PTR, O_RDONLY),
		     EFAULT);
	expect_errno("stat_bad_path_efault", stat(LOW_PTR, &st), EFAULT);
	expect_errno("stat_null_buf_efault",
		     syscall(SYS_stat, "/", NULLP), EFAULT);
	expect_errno("stat_kernel_buf_efault",
		     syscall(SYS_stat, "/", KERNEL_PTR), EFAULT);
	expect_errno("fstat_null_buf_efault", syscall(SYS_fstat, 0, NULLP),
		     EFAULT);
	expect_errno("mkdir_null_efault", mkdir(NULLP, 0755), EFAULT);
	expect_errno("chdir_null_efault", chdir(NULLP), EFAULT);
	expect_errno("unlink_kernel_efault", unlink(KERNEL_PTR), EFAULT);
	expect_errno("access_null_efault", access(NULLP, F_OK), EFAULT);

	/* A name running into an unmapped page without a terminating NUL. */
	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(page + 4096, 4096);
	tail = page + 4096 - 100;
	memset(tail, 'a', 100);
	expect_errno("path_runs_into_unmapped_efault", open(tail, O_RDONLY),
		     EFAULT);
	munmap(page, 4096);

	expect_errno("getcwd_kernel_buf_efault",
		     syscall(SYS_getcwd, KERNEL_PTR, 100), EFAULT);
	expect_errno("readlink_null_path_efault",
		     readlink(NULLP, (char[8]){ 0 }, 8), EFAULT);
}

static void test_misc(void)
{
	int status;
	pid_t pid;

	expect_errno("pipe_null_efault", pipe(NULLP), EFAULT);
	expect_errno("pipe_kernel_efault", pipe(KERNEL_PTR), EFAULT);
	expect_errno("clock_gettime_null_efault",
		     syscall(SYS_clock_gettime, CLOCK_MONOTONIC, NULLP),
		     EFAULT);
	expect_errno("gettimeofday_kernel_efault",
		     syscall(SYS_gettimeofday, KERNEL_PTR, NULL), EFAULT);
	expect_errno("nanosleep_null_efault",
		     syscall(SYS_nanosleep, NULLP, NULL), EFAULT);
	expect_errno("uname_null_efault", syscall(SYS_uname, NULLP), EFAULT);
	expect_errno("execve_null_path_efault",
		     syscall(SYS_execve, NULLP, NULLP, NULLP), EFAULT);
	expect_errno("execve_kernel_argv_efault",
		     syscall(SYS_execve, "/bin/sh", KERNEL_PTR, NULL), EFAULT);

	/* The status pointer is written after the child is reaped. */
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(0);
	expect_errno("waitpid_kernel_status_efault",
		     waitpid(pid, KERNEL_PTR, 0), EFAULT);
	waitpid(pid, &status, WNOHANG); /* in case it was not reaped */
}

int main(void)
{
	test_read_write();
	test_vectors();
	test_paths();
	test_misc();
	pass("still_running");
	return check_summary();
}
