/*
 * regress_test.c: one check per kernel bug found and fixed, so that it
 * stays fixed. Each says what used to go wrong.
 */
#define TEST_NAME "regress"
#include "check.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

/* Run FN in a child; return its wait status. */
static int in_child(void (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return status;
}

static unsigned long fs_base(void)
{
	unsigned long v = 0;
	syscall(SYS_arch_prctl, ARCH_GET_FS, &v);
	return v;
}

/* fork used to start the child with TLS base 0 */
static void test_fork_keeps_tls_base(void)
{
	static char fake_tls[64];
	unsigned long mine = fs_base();
	if (mine == 0) /* a libc without TLS: give ourselves a base to inherit */
		syscall(SYS_arch_prctl, ARCH_SET_FS, fake_tls), mine = fs_base();
	int fds[2];
	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		unsigned long child = fs_base();
		write(fds[1], &child, sizeof child);
		_exit(0);
	}
	unsigned long child = 1;
	read(fds[0], &child, sizeof child);
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
	if (child == mine)
		pass("fork_keeps_tls_base");
	else
		fail("fork_keeps_tls_base", "parent %#lx, child %#lx", mine, child);
}

/* exec used to fail with EFAULT once the arguments passed 128 KiB */
static void test_exec_large_args(void)
{
	static char big1[100 * 1024], big2[100 * 1024];
	memset(big1, 'a', sizeof big1 - 1);
	memset(big2, 'b', sizeof big2 - 1);
	pid_t pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 1);
		execl("/bin/echo", "echo", big1, big2, (char *)NULL);
		_exit(99);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	expect("exec_200k_of_arguments", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "exec with two 100 KiB arguments failed");
}

static char *prot_page;
static void read_prot_page(void) { (void)*(volatile char *)prot_page; }

/* mprotect(PROT_NONE) used to leave already-touched pages readable */
static void test_prot_none(void)
{
	prot_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	prot_page[0] = 1;
	mprotect(prot_page, 4096, PROT_NONE);
	int status = in_child(read_prot_page);
	expect("prot_none_touched_page_faults", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       "reading a PROT_NONE page did not raise SIGSEGV");
	mprotect(prot_page, 4096, PROT_READ | PROT_WRITE);
	expect("prot_none_contents_kept", prot_page[0] == 1, "contents lost across PROT_NONE");
	munmap(prot_page, 4096);
}

static volatile int *shared_word;
static void write_shared(void) { *shared_word = 42; }

/* MAP_SHARED|MAP_ANONYMOUS used to be copied on fork, not shared */
static void test_shared_anonymous(void)
{
	shared_word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*shared_word = 1;
	in_child(write_shared);
	expect("map_shared_anonymous_shared_by_fork", *shared_word == 42, "child's write not seen");
	munmap((void *)shared_word, 4096);
}

/* vfork used to copy the parent; the child must run first, on its memory */
static volatile int vfork_flag;
static void test_vfork(void)
{
	vfork_flag = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		vfork_flag = 1;
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	expect("vfork_child_ran_first_on_shared_memory", vfork_flag == 1, "parent did not see the child's write");
}

/* rename across file systems used to delete the destination first */
static void test_rename_exdev(void)
{
	int fd = open("/tmp/regress_keep", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	close(fd);
	expect_errno("rename_across_fs_exdev", rename("/proc/uptime", "/tmp/regress_keep"), EXDEV);
	struct stat st;
	expect("rename_exdev_keeps_destination", stat("/tmp/regress_keep", &st) == 0, "destination gone");
	unlink("/tmp/regress_keep");
}

static void test_misc(void)
{
	/* open(dir, O_CREAT) used to open the directory */
	expect_errno("open_dir_ocreat_eisdir", open("/tmp", O_CREAT | O_RDWR, 0644), EISDIR);
	/* readlink("/proc/self") names the reader */
	char buf[32] = { 0 }, want[32];
	readlink("/proc/self", buf, sizeof buf - 1);
	snprintf(want, sizeof want, "%d", (int)getpid());
	expect("proc_self_is_own_pid", strcmp(buf, want) == 0, buf);
	/* madvise on unmapped memory fails with ENOMEM */
	char *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(p, 8192);
	expect_errno("madvise_unmapped_enomem", madvise(p, 4096, MADV_DONTNEED), ENOMEM);
}

int main(void)
{
	test_fork_keeps_tls_base();
	test_exec_large_args();
	test_prot_none();
	test_shared_anonymous();
	test_vfork();
	test_rename_exdev();
	test_misc();
	return check_summary();
}
