/*
 * files_test.c: open flags, read/write and their vector and positioned
 * forms, lseek, descriptor duplication (dup, dup2, dup3, fcntl) and the
 * offset sharing it implies (also across fork), stat fields, ftruncate,
 * and the errno of each bad-input case. dirs_test.c covers directories.
 */
#define _GNU_SOURCE /* dup3 is Linux-only: glibc hides it without this */
#define TEST_NAME "files"
#include "check.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>

/* Create NAME holding exactly TEXT; return a descriptor open O_RDWR. */
static int make_file(const char *name, const char *text)
{
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die("create file");
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		die("write file");
	return fd;
}

/* Size of the file open as FD, or -1. */
static long size_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? (long)st.st_size : -1;
}

static void test_open_flags(void)
{
	int fd, fd2;
	char buf[16];

	fd = open("new", O_WRONLY | O_CREAT | O_EXCL, 0644);
	expect_ok("creat_excl_new_file", fd);
	expect_errno("creat_excl_existing_eexist",
		     open("new", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	expect_eq("write_returns_count", write(fd, "hello world", 11), 11);
	close(fd);

	fd = open("new", O_RDWR | O_TRUNC);
	expect_eq("trunc_empties_file", size_of(fd), 0);
	close(fd);

	fd = make_file("app", "0123456789");
	close(fd);
	fd = open("app", O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	write(fd, "ab", 2);
	expect_eq("append_goes_to_end", lseek(fd, 0, SEEK_CUR), 12);
	close(fd);
	fd = open("app", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	read(fd, buf, sizeof(buf) - 1);
	expect("append_kept_old_data", strcmp(buf, "0123456789ab") == 0, buf);
	expect_eq("read_at_eof_returns_0", read(fd, buf, 4), 0);
	close(fd);

	fd = open("app", O_RDONLY | O_CLOEXEC);
	expect_eq("cloexec_sets_fd_cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);
	fd = open("app", O_RDONLY);
	expect_eq("no_cloexec_by_default", fcntl(fd, F_GETFD), 0);
	close(fd);

	expect_errno("o_directory_on_file_enotdir",
		     open("app", O_RDONLY | O_DIRECTORY), ENOTDIR);
	fd2 = open(".", O_RDONLY | O_DIRECTORY);
	expect_ok("o_directory_on_dir", fd2);
	close(fd2);
}

static void test_open_errors(void)
{
	char *longname, *longpath;
	int i;

	expect_errno("open_missing_enoent", open("missing", O_RDONLY), ENOENT);
	expect_errno("open_empty_path_enoent", open("", O_RDONLY), ENOENT);
	expect_errno("open_missing_dir_enoent",
		     open("nodir/x", O_RDONLY | O_CREAT, 0644), ENOENT);
	close(make_file("plain", "x"));
	expect_errno("open_through_file_enotdir", open("plain/x", O_RDONLY),
		     ENOTDIR);
	expect_errno("write_open_dir_eisdir", open(".", O_WRONLY), EISDIR);
	expect_errno("rdwr_open_dir_eisdir", open(".", O_RDWR), EISDIR);

	/* One component of 256 bytes: NAME_MAX is 255. */
	longname = malloc(300);
	memset(longname, 'n', 256);
	longname[256] = '\0';
	expect_errno("component_256_enametoolong",
		     open(longname, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG);
	longname[255] = '\0';
	expect_errno("component_255_is_fine_but_missing",
		     open(longname, O_RDONLY), ENOENT);
	free(longname);

	/* A whole path of more than PATH_MAX (4096) bytes: "./././...x". */
	longpath = malloc(5000);
	for (i = 0; i < 4800; i += 2)
		memcpy(longpath + i, "./", 2);
	strcpy(longpath + 4800, "x");
	expect_errno("path_4801_enametoolong", open(longpath, O_RDONLY),
		     ENAMETOOLONG);
	free(longpath);
}

static void test_read_write_variants(void)
{
	volatile int minus_one = -1;
	char a[4] = "abc", b[4] = "def", out1[3], out2[4], buf[16];
	struct iovec wv[2] = { { a, 3 }, { b, 3 } };
	struct iovec rv[2] = { { out1, 3 }, { out2, 3 } };
	int fd = open("vec", O_RDWR | O_CREAT | O_TRUNC, 0644);

	expect_eq("writev_total", writev(fd, wv, 2), 6);
	lseek(fd, 0, SEEK_SET);
	expect_eq("readv_total", readv(fd, rv, 2), 6);
	expect("readv_scatters", memcmp(out1, "abc", 3) == 0 &&
				 memcmp(out2, "def", 3) == 0, "wrong bytes");

	expect_eq("pwrite_count", pwrite(fd, "XY", 2, 1), 2);
	expect_eq("pwrite_keeps_offset", lseek(fd, 0, SEEK_CUR), 6);
	memset(buf, 0, sizeof(buf));
	expect_eq("pread_count", pread(fd, buf, 4, 0), 4);
	expect("pread_data", strcmp(buf, "aXYd") == 0, buf);
	expect_eq("pread_keeps_offset", lseek(fd, 0, SEEK_CUR), 6);
	expect_errno("pread_negative_offset_einval", pread(fd, buf, 1, -1),
		     EINVAL);
	/* volatile: stops the compiler warning about the bad count we mean */
	expect_errno("readv_negative_count_einval", readv(fd, rv, minus_one),
		     EINVAL);
	close(fd);
}

static void test_lseek(void)
{
	char buf[8];
	int fd = make_file("seek", "0123456789");

	expect_eq("seek_set", lseek(fd, 3, SEEK_SET), 3);
	expect_eq("seek_cur", lseek(fd, 2, SEEK_CUR), 5);
	expect_eq("seek_end", lseek(fd, -1, SEEK_END), 9);
	expect_errno("seek_whence_99_einval", lseek(fd, 0, 99), EINVAL);
	expect_errno("seek_before_start_einval", lseek(fd, -20, SEEK_SET),
		     EINVAL);

	/* Writing past the end leaves a hole that reads back as zeros. */
	lseek(fd, 20, SEEK_SET);
	write(fd, "z", 1);
	expect_eq("write_past_end_grows", size_of(fd), 21);
	pread(fd, buf, 4, 12);
	expect("hole_reads_zeros", memcmp(buf, "\0\0\0\0", 4) == 0,
	       "hole not zero");
	close(fd);
}

static void test_dup_family(void)
{
	int fd = make_file("dup", "abcdef"), fd2, fd3;
	char c;

	fd2 = dup(fd);
	lseek(fd, 2, SEEK_SET);
	expect_eq("dup_shares_offset", lseek(fd2, 0, SEEK_CUR), 2);
	fd3 = dup2(fd, 20);
	expect_eq("dup2_returns_new_fd", fd3, 20);
	read(fd3, &c, 1);
	expect_eq("dup2_shares_offset", lseek(fd, 0, SEEK_CUR), 3);
	expect_eq("dup2_same_fd_returns_it", dup2(fd, fd), fd);
	close(fd3);

	expect_eq("dup3_cloexec", dup3(fd, 21, O_CLOEXEC), 21);
	expect_eq("dup3_cloexec_flag_set", fcntl(21, F_GETFD), FD_CLOEXEC);
	expect_eq("dup_clears_cloexec", fcntl(dup(21), F_GETFD), 0);
	expect_errno("dup3_same_fd_einval", dup3(fd, fd, 0), EINVAL);
	expect_errno("dup3_bad_flags_einval", dup3(fd, 22, 0x1), EINVAL);

	expect_errno("dup_bad_fd_ebadf", dup(9999), EBADF);
	expect_errno("dup2_from_bad_fd_ebadf", dup2(9999, 23), EBADF);
	expect_errno("dup2_to_negative_ebadf", dup2(fd, -1), EBADF);
	expect_errno("dup2_to_huge_ebadf", dup2(fd, 1 << 30), EBADF);
	close(fd);
	close(fd2);
}

static void test_fcntl(void)
{
	int fd = make_file("fcntl", "x"), fd2;

	fd2 = fcntl(fd, F_DUPFD, 30);
	expect("f_dupfd_at_least_arg", fd2 >= 30, "descriptor below 30");
	expect_eq("f_dupfd_no_cloexec", fcntl(fd2, F_GETFD), 0);
	close(fd2);
	fd2 = fcntl(fd, F_DUPFD_CLOEXEC, 30);
	expect_eq("f_dupfd_cloexec", fcntl(fd2, F_GETFD), FD_CLOEXEC);
	expect_ok("f_setfd", fcntl(fd2, F_SETFD, 0));
	expect_eq("f_setfd_cleared", fcntl(fd2, F_GETFD), 0);
	close(fd2);

	expect_eq("f_getfl_access_mode", fcntl(fd, F_GETFL) & O_ACCMODE,
		  O_RDWR);
	expect_ok("f_setfl_append", fcntl(fd, F_SETFL, O_APPEND));
	expect("f_getfl_shows_append", fcntl(fd, F_GETFL) & O_APPEND,
	       "O_APPEND not set");
	lseek(fd, 0, SEEK_SET);
	write(fd, "y", 1);
	expect_eq("f_setfl_append_takes_effect", size_of(fd), 2);
	expect_errno("fcntl_bad_fd_ebadf", fcntl(9999, F_GETFD), EBADF);
	expect_errno("fcntl_bad_cmd_einval", fcntl(fd, 99999), EINVAL);
	close(fd);
}

static void test_bad_descriptors(void)
{
	char buf[4];
	int ro = make_file("ro", "abc"), wo;

	close(ro);
	ro = open("ro", O_RDONLY);
	wo = open("ro", O_WRONLY);
	expect_errno("read_minus_1_ebadf", read(-1, buf, 1), EBADF);
	expect_errno("write_minus_1_ebadf", write(-1, buf, 1), EBADF);
	expect_errno("close_9999_ebadf", close(9999), EBADF);
	expect_errno("write_on_rdonly_ebadf", write(ro, "x", 1), EBADF);
	expect_errno("read_on_wronly_ebadf", read(wo, buf, 1), EBADF);
	expect_errno("fstat_bad_fd_ebadf", fstat(9999, &(struct stat){ 0 }),
		     EBADF);
	expect_errno("lseek_bad_fd_ebadf", lseek(9999, 0, SEEK_SET), EBADF);
	close(ro);
	expect_errno("close_twice_ebadf", close(ro), EBADF);
	close(wo);
}

/* The child moves the shared offset; the parent must see it move. */
static void test_fork_shares_offset(void)
{
	int fd = make_file("forkoff", "0123456789");
	int status;
	pid_t pid;

	lseek(fd, 0, SEEK_SET);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		lseek(fd, 7, SEEK_SET);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	expect_eq("fork_shares_offset", lseek(fd, 0, SEEK_CUR), 7);
	close(fd);
}

static void test_stat_fields(void)
{
	struct stat a, b, d;
	int fd = make_file("st_a", "12345");

	close(fd);
	close(make_file("st_b", ""));
	expect_ok("stat_file", stat("st_a", &a));
	expect("stat_is_regular", S_ISREG(a.st_mode), "not S_IFREG");
	expect_eq("stat_size", a.st_size, 5);
	expect_eq("stat_nlink_1", a.st_nlink, 1);
	stat("st_b", &b);
	expect("stat_ino_distinct", a.st_ino != b.st_ino, "same st_ino");
	expect_ok("stat_dir", stat(".", &d));
	expect("stat_dir_is_dir", S_ISDIR(d.st_mode), "not S_IFDIR");
	fd = open("st_a", O_RDONLY);
	fstat(fd, &b);
	expect("fstat_matches_stat", a.st_ino == b.st_ino &&
				     a.st_size == b.st_size, "differs");
	close(fd);
	expect_errno("stat_missing_enoent", stat("nope", &a), ENOENT);
	expect_errno("stat_through_file_enotdir", stat("st_a/x", &a), ENOTDIR);
}

static void test_ftruncate(void)
{
	int fd = make_file("trunc", "0123456789");
	int ro;
	char buf[8];

	expect_ok("ftruncate_shrink", ftruncate(fd, 4));
	expect_eq("ftruncate_shrink_size", size_of(fd), 4);
	expect_ok("ftruncate_grow", ftruncate(fd, 8));
	pread(fd, buf, 8, 0);
	expect("ftruncate_grow_zero_fills",
	       memcmp(buf, "0123\0\0\0\0", 8) == 0, "bad contents");
	expect_errno("ftruncate_negative_einval", ftruncate(fd, -1), EINVAL);
	ro = open("trunc", O_RDONLY);
	expect_errno("ftruncate_rdonly_einval", ftruncate(ro, 0), EINVAL);
	expect_errno("ftruncate_bad_fd_ebadf", ftruncate(9999, 0), EBADF);
	close(ro);
	close(fd);
}

int main(void)
{
	enter_test_dir();
	umask(022);
	test_open_flags();
	test_open_errors();
	test_read_write_variants();
	test_lseek();
	test_dup_family();
	test_fcntl();
	test_bad_descriptors();
	test_fork_shares_offset();
	test_stat_fields();
	test_ftruncate();
	leave_test_dir();
	return check_summary();
}
