/*
 * mmap_test.c: memory mappings as Linux has them: file mappings shared
 * and private, fork and unrelated processes seeing each other's writes,
 * SIGBUS past the end of a file, regions split by munmap and mprotect,
 * PROT_NONE guards, MAP_FIXED(_NOREPLACE), madvise(MADV_DONTNEED),
 * msync, copy-on-write raced by threads, pages allocated on first touch
 * (a 1 GiB mapping), and the errors for bad arguments.
 *
 * The page counts from /proc/meminfo are printed everywhere but checked
 * only on this kernel (uname -r ends in "teachos"): on Linux free memory
 * moves for unrelated reasons.
 */
#define TEST_NAME "mmap"
#include "check.h"

#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/utsname.h>

#define PG 4096

static int ours;

static long mem_free_kb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kb = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* ---- catching faults: which signal, at which address ---- */

static sigjmp_buf fault_jmp;
static volatile int fault_sig;
static void *volatile fault_addr;
static volatile int in_touch;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	if (!in_touch) { /* a fault outside touch(): no place to return to */
		printf("FAIL %s/unexpected_fault: signal %d at %p\n", TEST_NAME, sig, si->si_addr);
		fflush(stdout);
		_exit(1);
	}
	in_touch = 0;
	fault_sig = sig;
	fault_addr = si->si_addr;
	siglongjmp(fault_jmp, 1);
}

static void catch_faults(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

/* Touch P (a write if WRITE): 0 if it worked, else the signal. */
static int touch(volatile char *p, int write)
{
	fault_sig = 0;
	fault_addr = NULL;
	if (sigsetjmp(fault_jmp, 1) == 0) {
		in_touch = 1;
		if (write)
			*p = 'w';
		else
			(void)*p;
	}
	in_touch = 0;
	return fault_sig;
}

static void expect_fault(const char *check, volatile char *p, int write, int sig)
{
	int got = touch(p, write);
	if (got != sig)
		fail(check, "signal %d, expected %d", got, sig);
	else if (fault_addr != (void *)p)
		fail(check, "si_addr %p, expected %p", fault_addr, (void *)p);
	else
		pass(check);
}

/* A file of NPAGES pages, page i filled with 'a' + i. */
static int make_file(const char *name, int npages)
{
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[PG];
	if (fd < 0)
		die("create file");
	for (int i = 0; i < npages; i++) {
		memset(buf, 'a' + i, PG);
		if (write(fd, buf, PG) != PG)
			die("write file");
	}
	return fd;
}

static char byte_at(int fd, off_t off)
{
	char c = 0;
	if (pread(fd, &c, 1, off) != 1)
		return 0;
	return c;
}

/* ---- pages come on first touch ---- */

static void test_lazy_gigabyte(void)
{
	mem_free_kb(); /* warm up stdio's buffers */
	long before = mem_free_kb();
	char *p = mmap(NULL, 1L << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		fail("gib_mapping", "mmap 1 GiB: %s", strerror(errno));
		return;
	}
	pass("gib_mapping");
	long mapped = mem_free_kb();
	for (int i = 0; i < 10; i++)
		p[(long)i * PG + 100] = (char)i;
	long touched = mem_free_kb();
	int ok = 1;
	for (int i = 0; i < 10; i++)
		ok &= p[(long)i * PG + 100] == (char)i && p[(long)i * PG] == 0;
	expect("gib_touched_pages_hold_data", ok, "a touched page lost its byte");
	munmap(p, 1L << 30);
	long after = mem_free_kb();
	printf("mmap: MemFree %ld kB before, %ld kB mapped 1 GiB, %ld kB after touching 10 pages, "
	       "%ld kB unmapped\n", before, mapped, touched, after);
	if (!ours)
		return;
	long used = (mapped - touched) / 4; /* pages */
	if (before - mapped > 8)
		fail("gib_mapping_costs_nothing", "mapping took %ld kB", before - mapped);
	else
		pass("gib_mapping_costs_nothing");
	/* 10 data pages, plus up to 3 page-table pages */
	if (used < 10 || used > 13)
		fail("gib_ten_pages_cost_ten", "touching 10 pages took %ld pages", used);
	else
		pass("gib_ten_pages_cost_ten");
	/* the page tables may stay until exit (3 pages), and the kernel's
	 * heap may have taken a page meanwhile; the 10 data pages (40 kB)
	 * must be back */
	if (before - after > 28)
		fail("gib_munmap_gives_back", "%ld kB not given back", before - after);
	else
		pass("gib_munmap_gives_back");
}

/* ---- file mappings ---- */

static void test_shared_file(void)
{
	int fd = make_file("shared", 3);
	char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		fail("shared_file_map", "%s", strerror(errno));
		close(fd);
		return;
	}
	expect("shared_file_shows_file", p[0] == 'a' && p[PG + 5] == 'b' && p[3 * PG - 1] == 'c',
	       "mapped bytes differ from the file");
	p[PG + 7] = 'X';
	expect("shared_write_seen_by_read", byte_at(fd, PG + 7) == 'X', "pread misses the store");
	if (pwrite(fd, "Y", 1, 2 * PG + 9) != 1)
		die("pwrite");
	expect("write_seen_by_shared_mapping", p[2 * PG + 9] == 'Y', "mapping misses pwrite");

	/* a second mapping of the same file, at an offset */
	char *q = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
	expect("second_mapping_same_bytes", q != MAP_FAILED && q[7] == 'X', "offset mapping differs");
	p[PG + 8] = 'Z';
	expect("second_mapping_sees_store", q != MAP_FAILED && q[8] == 'Z', "not the same page");
	expect_eq("msync_ok", msync(p, 3 * PG, MS_SYNC), 0);
	if (q != MAP_FAILED)
		munmap(q, PG);

	/* the shared page outlives close and unlink while mapped */
	close(fd);
	unlink("shared");
	p[0] = 'Q';
	expect("mapping_outlives_unlink", p[0] == 'Q' && p[PG + 7] == 'X', "data gone");

	/* MADV_DONTNEED on a shared mapping: the next touch reads the file */
	expect_eq("madvise_dontneed_shared", madvise(p, 3 * PG, MADV_DONTNEED), 0);
	expect("dontneed_shared_keeps_file_data", p[0] == 'Q' && p[PG + 8] == 'Z', "data lost");
	munmap(p, 3 * PG);
}

static void test_private_file(void)
{
	int fd = make_file("private", 2);
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		fail("private_file_map", "%s", strerror(errno));
		close(fd);
		return;
	}
	expect("private_shows_file", p[0] == 'a' && p[PG] == 'b', "mapped bytes differ");
	p[0] = 'P';
	expect("private_write_not_in_file", byte_at(fd, 0) == 'a' && p[0] == 'P',
	       "a private store reached the file");
	if (pwrite(fd, "W", 1, 1) != 1)
		die("pwrite");
	expect("private_copy_keeps_own_data", p[1] == 'a', "the copied page changed under us");
	expect_eq("madvise_dontneed_private", madvise(p, PG, MADV_DONTNEED), 0);
	expect("dontneed_private_rereads_file", p[0] == 'a' && p[1] == 'W', "not the file's bytes");
	munmap(p, 2 * PG);

	/* a read-only file may be mapped private and written */
	int ro = open("private", O_RDONLY);
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	expect("private_writable_on_rdonly_file", p != MAP_FAILED, strerror(errno));
	if (p != MAP_FAILED) {
		p[5] = 'R';
		expect("private_rdonly_store_stays", byte_at(fd, 5) == 'a' && p[5] == 'R', "store leaked");
		munmap(p, PG);
	}
	close(ro);
	close(fd);
	unlink("private");
}

static void test_sigbus(void)
{
	int fd = open("short", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "0123456789", 10) != 10)
		die("short file");
	char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		fail("sigbus_map", "%s", strerror(errno));
		close(fd);
		return;
	}
	expect("last_page_tail_reads_zero", p[3] == '3' && p[10] == 0 && p[PG - 1] == 0, "tail not zero");
	expect_fault("beyond_eof_sigbus", p + PG, 0, SIGBUS);
	expect_fault("beyond_eof_write_sigbus", p + 2 * PG + 4, 1, SIGBUS);
	/* growing the file makes the page good */
	if (ftruncate(fd, 2 * PG) != 0)
		die("ftruncate");
	expect("grown_file_page_readable", touch(p + PG, 1) == 0 && byte_at(fd, PG) == 'w',
	       "page still faults after ftruncate");
	munmap(p, 3 * PG);
	close(fd);
	unlink("short");
}

/* ---- sharing between processes ---- */

static void test_fork_sharing(void)
{
	int fd = make_file("forked", 1);
	char *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *a = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *v = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED || a == MAP_FAILED || v == MAP_FAILED)
		die("mmap for fork");
	v[0] = 'v';
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		s[10] = 'C';
		a[10] = 'C';
		v[0] = 'C';
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	expect("fork_shared_file_seen", s[10] == 'C' && byte_at(fd, 10) == 'C', "child's store missing");
	expect("fork_shared_anon_seen", a[10] == 'C', "child's store missing (MAP_SHARED|MAP_ANONYMOUS)");
	expect("fork_private_not_seen", v[0] == 'v', "child's private store leaked");
	munmap(s, PG);
	munmap(a, PG);
	munmap(v, PG);
	close(fd);
	unlink("forked");
}

/* Two children that open and map the file each by itself: one writes
 * 1 into word 0 and waits for 2 in word 1; the other waits for 1 and
 * answers 2. Each exits 0 if it saw the other's store. */
static int unrelated_child(int role)
{
	int fd = open("unrelated", O_RDWR);
	if (fd < 0)
		return 2;
	volatile int *w = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (w == MAP_FAILED)
		return 3;
	if (role == 0)
		w[0] = 1;
	for (int i = 0; i < 20000; i++) {
		if (role == 0 && w[1] == 2)
			return 0;
		if (role == 1 && w[0] == 1) {
			w[1] = 2;
			return 0;
		}
		usleep(1000);
	}
	return 4;
}

static void test_unrelated_sharing(void)
{
	int fd = open("unrelated", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, PG) != 0)
		die("unrelated file");
	fflush(stdout);
	pid_t a = fork();
	if (a == 0)
		_exit(unrelated_child(1));
	pid_t b = fork();
	if (b == 0)
		_exit(unrelated_child(0));
	int sa, sb;
	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	int words[2] = { 0, 0 };
	pread(fd, words, sizeof words, 0);
	expect("unrelated_processes_share", WIFEXITED(sa) && WEXITSTATUS(sa) == 0 && WIFEXITED(sb) &&
	       WEXITSTATUS(sb) == 0 && words[0] == 1 && words[1] == 2,
	       "the two mappings did not see each other's stores");
	close(fd);
	unlink("unrelated");
}

/* ---- copy-on-write raced by threads ---- */

#define COW_PAGES 8
#define COW_THREADS 4
static char *cow_area;
static pthread_barrier_t cow_barrier;

static void *cow_writer(void *arg)
{
	long id = (long)arg;
	pthread_barrier_wait(&cow_barrier);
	for (int pg = 0; pg < COW_PAGES; pg++)
		for (int k = 0; k < 64; k++)
			cow_area[pg * PG + id * 64 + k] = (char)('0' + id);
	return NULL;
}

static int cow_all_ids(void)
{
	for (int pg = 0; pg < COW_PAGES; pg++)
		for (long id = 0; id < COW_THREADS; id++)
			for (int k = 0; k < 64; k++)
				if (cow_area[pg * PG + id * 64 + k] != (char)('0' + id))
					return 0;
	return 1;
}

static void cow_threads_on(const char *check, const char *child_check, char *area, char fill)
{
	cow_area = area;
	int go[2];
	if (pipe(go) != 0)
		die("pipe");
	fflush(stdout);
	pid_t pid = fork(); /* every page now copy-on-write in both */
	if (pid == 0) {
		char c;
		close(go[1]);
		read(go[0], &c, 1);
		for (int i = 0; i < COW_PAGES * PG; i++)
			if (area[i] != fill)
				_exit(1);
		_exit(0);
	}
	close(go[0]);
	pthread_t t[COW_THREADS];
	pthread_barrier_init(&cow_barrier, NULL, COW_THREADS);
	for (long i = 0; i < COW_THREADS; i++)
		pthread_create(&t[i], NULL, cow_writer, (void *)i);
	for (int i = 0; i < COW_THREADS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&cow_barrier);
	expect(check, cow_all_ids(), "a thread's stores were lost (two copies of one page)");
	write(go[1], "x", 1);
	close(go[1]);
	int st;
	waitpid(pid, &st, 0);
	expect(child_check, WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child saw the parent's stores");
}

static void test_cow_threads(void)
{
	char *anon = mmap(NULL, COW_PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED)
		die("mmap anon");
	memset(anon, '.', COW_PAGES * PG);
	cow_threads_on("cow_threads_anon", "cow_threads_anon_child_unchanged", anon, '.');
	munmap(anon, COW_PAGES * PG);

	int fd = open("cowfile", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[PG];
	memset(buf, '-', PG);
	for (int i = 0; i < COW_PAGES; i++)
		if (fd < 0 || write(fd, buf, PG) != PG)
			die("cow file");
	char *priv = mmap(NULL, COW_PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (priv == MAP_FAILED)
		die("mmap private file");
	cow_threads_on("cow_threads_file", "cow_threads_file_child_unchanged", priv, '-');
	expect("cow_threads_file_untouched", byte_at(fd, 0) == '-' && byte_at(fd, 3 * PG + 70) == '-',
	       "private stores reached the file");
	munmap(priv, COW_PAGES * PG);
	close(fd);
	unlink("cowfile");
}

/* ---- splitting regions, guards, MAP_FIXED ---- */

static void test_regions(void)
{
	char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap 4 pages");
	memset(p, 'm', 4 * PG);
	expect_eq("mprotect_middle", mprotect(p + PG, 2 * PG, PROT_READ), 0);
	expect("mprotect_outer_still_writable", touch(p, 1) == 0 && touch(p + 3 * PG, 1) == 0,
	       "outer page lost its write permission");
	expect_fault("mprotect_readonly_write_segv", p + PG + 12, 1, SIGSEGV);
	expect("mprotect_readonly_readable", touch(p + 2 * PG, 0) == 0 && p[2 * PG] == 'm', "unreadable");

	expect_eq("guard_prot_none", mprotect(p + 3 * PG, PG, PROT_NONE), 0);
	expect_fault("guard_read_segv", p + 3 * PG + 1, 0, SIGSEGV);
	expect_eq("guard_reopened", mprotect(p + 3 * PG, PG, PROT_READ | PROT_WRITE), 0);
	expect("guard_page_kept_data", p[3 * PG + 1] == 'm', "PROT_NONE lost the page");

	expect_eq("munmap_middle", munmap(p + PG, PG), 0);
	expect_fault("munmap_hole_segv", p + PG + 3, 0, SIGSEGV);
	expect("munmap_neighbours_kept", p[0] == 'w' && p[2 * PG] == 'm', "neighbour pages changed");
	expect_errno("mprotect_across_hole_enomem", mprotect(p + PG, 2 * PG, PROT_READ), ENOMEM);
	expect_errno("msync_hole_enomem", msync(p, 3 * PG, MS_ASYNC), ENOMEM);
	expect_eq("munmap_unmapped_ok", munmap(p + PG, PG), 0);

	/* MAP_FIXED over a mapped page replaces it; NOREPLACE refuses */
	char *f = mmap(p + 2 * PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	expect("map_fixed_at_address", f == p + 2 * PG, "not at the asked address");
	expect("map_fixed_replaces", f == p + 2 * PG && f[0] == 0, "old contents still there");
	errno = 0;
	void *n = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	expect_errno("map_fixed_noreplace_eexist", n == MAP_FAILED ? -1 : (long)n, EEXIST);
	n = mmap(p + PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	expect("map_fixed_noreplace_hole", n == p + PG, "hole not taken");

	/* MADV_DONTNEED on private anonymous memory: zeros again */
	p[5] = 'k';
	expect_eq("madvise_dontneed_anon", madvise(p, PG, MADV_DONTNEED), 0);
	expect("dontneed_anon_zero", p[5] == 0, "old data after MADV_DONTNEED");
	munmap(p, 4 * PG);
	expect_fault("munmap_all_segv", p, 0, SIGSEGV);
}

/* ---- bad arguments ---- */

static long mret(void *p) { return p == MAP_FAILED ? -1 : 0; }

static void test_errors(void)
{
	int fd = make_file("errs", 1);
	int ro = open("errs", O_RDONLY), wo = open("errs", O_WRONLY);
	int pfd[2];
	if (ro < 0 || wo < 0 || pipe(pfd) != 0)
		die("error setup");
	int dir = open(".", O_RDONLY | O_DIRECTORY);
	int anon = MAP_PRIVATE | MAP_ANONYMOUS;

	expect_errno("zero_length", mret(mmap(NULL, 0, PROT_READ, anon, -1, 0)), EINVAL);
	expect_errno("zero_length_file", mret(mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0)), EINVAL);
	expect_errno("unaligned_offset", mret(mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 100)), EINVAL);
	expect_errno("fixed_unaligned", mret(mmap((void *)0x10000100, PG, PROT_READ, anon | MAP_FIXED, -1, 0)),
		     EINVAL);
	expect_errno("no_map_type", mret(mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0)), EINVAL);
	expect_errno("huge_length", mret(mmap(NULL, (size_t)-PG, PROT_READ, anon, -1, 0)), ENOMEM);
	expect_errno("bad_fd", mret(mmap(NULL, PG, PROT_READ, MAP_SHARED, 999, 0)), EBADF);
	expect_errno("closed_fd", mret(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, -1, 0)), EBADF);
	expect_errno("shared_write_rdonly_file",
		     mret(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0)), EACCES);
	expect_errno("map_wronly_file", mret(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, wo, 0)), EACCES);
	expect_errno("map_directory", mret(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dir, 0)), ENODEV);
	expect_errno("map_pipe", mret(mmap(NULL, PG, PROT_READ, MAP_SHARED, pfd[0], 0)), ENODEV);

	char *r = mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, 0);
	expect("shared_read_rdonly_file", r != MAP_FAILED && r[0] == 'a', "read-only shared mapping failed");
	if (r != MAP_FAILED) {
		expect_errno("mprotect_write_rdonly_shared", mprotect(r, PG, PROT_READ | PROT_WRITE), EACCES);
		expect_fault("write_rdonly_shared_segv", r + 1, 1, SIGSEGV);
		munmap(r, PG);
	}
	expect_errno("munmap_unaligned", munmap((void *)0x10000100, PG), EINVAL);
	expect_errno("munmap_zero_length", munmap((void *)0x10000000, 0), EINVAL);
	expect_errno("mprotect_unaligned", mprotect((void *)0x10000100, PG, PROT_READ), EINVAL);
	expect_errno("mprotect_bad_prot", mprotect((void *)0x10000000, PG, 0x100), EINVAL);
	expect_errno("mprotect_unmapped", mprotect((void *)0x10000000, PG, PROT_READ), ENOMEM);
	expect_errno("msync_bad_flags", msync((void *)0x10000000, PG, MS_SYNC | MS_ASYNC), EINVAL);
	expect_errno("msync_unaligned", msync((void *)0x10000100, PG, MS_SYNC), EINVAL);
	expect_errno("madvise_unaligned", madvise((void *)0x10000100, PG, MADV_DONTNEED), EINVAL);
	close(fd);
	close(ro);
	close(wo);
	close(dir);
	close(pfd[0]);
	close(pfd[1]);
	unlink("errs");
}

int main(void)
{
	struct utsname u;
	uname(&u);
	ours = strstr(u.release, "teachos") != NULL;
	catch_faults();
	enter_test_dir();
	test_lazy_gigabyte();
	test_shared_file();
	test_private_file();
	test_sigbus();
	test_fork_sharing();
	test_unrelated_sharing();
	test_cow_threads();
	test_regions();
	test_errors();
	leave_test_dir();
	return check_summary();
}
