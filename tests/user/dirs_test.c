/*
 * dirs_test.c: the directory tree. mkdir/rmdir, chdir/fchdir/getcwd,
 * rename, unlink (an unlinked open file stays readable), symlink/readlink,
 * access, umask, chmod, getdents64 (through readdir) and their errnos.
 */
#define TEST_NAME "dirs"
#include "check.h"

#include <fcntl.h>

static void touch(const char *name, mode_t mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		die("create file");
	close(fd);
}

static mode_t mode_of(const char *name)
{
	struct stat st;

	return stat(name, &st) == 0 ? (st.st_mode & 07777) : (mode_t)-1;
}

static void test_mkdir_rmdir(void)
{
	struct stat st;

	expect_ok("mkdir", mkdir("d", 0755));
	expect("mkdir_made_dir", stat("d", &st) == 0 && S_ISDIR(st.st_mode),
	       "not a directory");
	expect_errno("mkdir_existing_eexist", mkdir("d", 0755), EEXIST);
	expect_errno("mkdir_missing_parent_enoent", mkdir("no/d", 0755),
		     ENOENT);
	touch("f", 0644);
	expect_errno("mkdir_over_file_eexist", mkdir("f", 0755), EEXIST);
	expect_errno("mkdir_under_file_enotdir", mkdir("f/d", 0755), ENOTDIR);

	touch("d/inside", 0644);
	expect_errno("rmdir_nonempty_enotempty", rmdir("d"), ENOTEMPTY);
	expect_errno("rmdir_file_enotdir", rmdir("f"), ENOTDIR);
	expect_errno("rmdir_missing_enoent", rmdir("missing"), ENOENT);
	expect_errno("rmdir_dot_einval", rmdir("d/."), EINVAL);
	unlink("d/inside");
	expect_ok("rmdir_empty", rmdir("d"));
	expect_errno("rmdir_gone", stat("d", &st), ENOENT);
	unlink("f");
}

static void test_cwd(void)
{
	char buf[4096], small[2];
	int fd;

	mkdir("sub", 0755);
	expect_ok("chdir_sub", chdir("sub"));
	expect("getcwd_ends_in_sub",
	       getcwd(buf, sizeof(buf)) && strcmp(buf + strlen(buf) - 4,
						  "/sub") == 0, buf);
	expect("getcwd_is_absolute", buf[0] == '/', buf);
	expect_ok("chdir_dotdot", chdir(".."));
	expect("getcwd_back_at_test_dir", getcwd(buf, sizeof(buf)) &&
	       strcmp(buf, test_dir) == 0, buf);
	expect_errno("getcwd_small_buffer_erange",
		     getcwd(small, sizeof(small)) ? 0 : -1, ERANGE);

	fd = open("sub", O_RDONLY | O_DIRECTORY);
	expect_ok("fchdir", fchdir(fd));
	expect("fchdir_moved", getcwd(buf, sizeof(buf)) &&
	       strcmp(buf + strlen(buf) - 4, "/sub") == 0, buf);
	chdir("..");
	close(fd);

	touch("file", 0644);
	fd = open("file", O_RDONLY);
	expect_errno("fchdir_on_file_enotdir", fchdir(fd), ENOTDIR);
	close(fd);
	expect_errno("chdir_file_enotdir", chdir("file"), ENOTDIR);
	expect_errno("chdir_missing_enoent", chdir("missing"), ENOENT);
	expect_errno("fchdir_bad_fd_ebadf", fchdir(9999), EBADF);
	unlink("file");
	rmdir("sub");
}

static void test_rename(void)
{
	struct stat st;
	char buf[8] = { 0 };
	int fd;

	touch("old", 0644);
	expect_ok("rename_file", rename("old", "new"));
	expect_errno("rename_old_gone", stat("old", &st), ENOENT);
	expect_ok("rename_new_there", stat("new", &st));

	fd = open("other", O_WRONLY | O_CREAT, 0644);
	write(fd, "other", 5);
	close(fd);
	expect_ok("rename_over_existing", rename("other", "new"));
	fd = open("new", O_RDONLY);
	read(fd, buf, 5);
	close(fd);
	expect("rename_replaced_contents", strcmp(buf, "other") == 0, buf);

	mkdir("dir1", 0755);
	touch("dir1/x", 0644);
	expect_ok("rename_dir", rename("dir1", "dir2"));
	expect_ok("rename_dir_keeps_children", stat("dir2/x", &st));
	expect_errno("rename_dir_into_itself_einval",
		     rename("dir2", "dir2/sub"), EINVAL);
	expect_errno("rename_missing_enoent", rename("missing", "x"), ENOENT);
	mkdir("dir3", 0755);
	expect_errno("rename_dir_over_nonempty_enotempty",
		     rename("dir3", "dir2"), ENOTEMPTY);
	expect_errno("rename_file_over_dir_eisdir", rename("new", "dir3"),
		     EISDIR);
	unlink("dir2/x");
	rmdir("dir2");
	rmdir("dir3");
	unlink("new");
}

static void test_unlink(void)
{
	char buf[8] = { 0 };
	struct stat st;
	int fd;

	fd = open("doomed", O_RDWR | O_CREAT, 0644);
	write(fd, "alive", 5);
	expect_ok("unlink_open_file", unlink("doomed"));
	expect_errno("unlink_name_gone", stat("doomed", &st), ENOENT);
	lseek(fd, 0, SEEK_SET);
	expect_eq("unlinked_file_still_readable", read(fd, buf, 5), 5);
	expect("unlinked_file_data", strcmp(buf, "alive") == 0, buf);
	fstat(fd, &st);
	expect_eq("unlinked_file_nlink_0", st.st_nlink, 0);
	close(fd);
	expect_errno("unlink_missing_enoent", unlink("doomed"), ENOENT);
	mkdir("adir", 0755);
	expect_errno("unlink_dir_eisdir", unlink("adir"), EISDIR);
	rmdir("adir");
}

static void test_symlink(void)
{
	char buf[64];
	struct stat st;
	ssize_t n;
	int fd;

	fd = open("target", O_WRONLY | O_CREAT, 0644);
	write(fd, "via link", 8);
	close(fd);
	expect_ok("symlink", symlink("target", "link"));
	n = readlink("link", buf, sizeof(buf));
	expect_eq("readlink_length", n, 6);
	expect("readlink_text", n == 6 && memcmp(buf, "target", 6) == 0,
	       "wrong target");
	expect_eq("readlink_truncates", readlink("link", buf, 3), 3);
	expect_ok("lstat_link", lstat("link", &st));
	expect("lstat_is_link", S_ISLNK(st.st_mode), "not S_IFLNK");
	expect_ok("stat_follows_link", stat("link", &st));
	expect("stat_sees_file", S_ISREG(st.st_mode) && st.st_size == 8,
	       "not the target");
	fd = open("link", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	read(fd, buf, 8);
	close(fd);
	expect("open_follows_link", strcmp(buf, "via link") == 0, buf);
	expect_errno("symlink_existing_eexist", symlink("x", "link"), EEXIST);
	expect_errno("readlink_on_file_einval", readlink("target", buf, 8),
		     EINVAL);
	expect_errno("readlink_missing_enoent", readlink("nope", buf, 8),
		     ENOENT);
	symlink("nowhere", "dangling");
	expect_errno("open_dangling_enoent", open("dangling", O_RDONLY),
		     ENOENT);
	expect_ok("lstat_dangling", lstat("dangling", &st));
	unlink("dangling");
	unlink("link");
	expect_ok("unlink_link_keeps_target", stat("target", &st));
	unlink("target");
}

static void test_access_modes(void)
{
	touch("m", 0644);
	expect_ok("access_f_ok", access("m", F_OK));
	expect_ok("access_r_ok", access("m", R_OK));
	expect_errno("access_missing_enoent", access("none", F_OK), ENOENT);
	/* Even root may not execute a file that has no x bit at all. */
	expect_errno("access_x_on_0644_eacces", access("m", X_OK), EACCES);

	expect_ok("chmod_755", chmod("m", 0755));
	expect_eq("chmod_mode", mode_of("m"), 0755);
	expect_ok("access_x_after_chmod", access("m", X_OK));
	expect_errno("chmod_missing_enoent", chmod("none", 0644), ENOENT);
	unlink("m");

	expect_eq("umask_returns_old", umask(077), 022);
	touch("u", 0666);
	expect_eq("umask_077_gives_0600", mode_of("u"), 0600);
	mkdir("ud", 0777);
	expect_eq("umask_applies_to_mkdir", mode_of("ud"), 0700);
	expect_eq("umask_restore", umask(022), 077);
	touch("u2", 0666);
	expect_eq("umask_022_gives_0644", mode_of("u2"), 0644);
	unlink("u");
	unlink("u2");
	rmdir("ud");
}

/* The names readdir returns for "list", in a bitmask of . .. a b c. */
static int names_seen(void)
{
	const char *names[] = { ".", "..", "a", "b", "c" };
	struct dirent *e;
	int seen = 0, i, extra = 0;
	DIR *d = opendir("list");

	while (d && (e = readdir(d)) != NULL) {
		for (i = 0; i < 5; i++)
			if (strcmp(e->d_name, names[i]) == 0)
				break;
		if (i == 5 || (seen & (1 << i)))
			extra = 1;
		else
			seen |= 1 << i;
	}
	if (d)
		closedir(d);
	return extra ? -1 : seen;
}

static void test_readdir(void)
{
	struct dirent *e;
	DIR *d;
	int types_ok = 1;

	mkdir("list", 0755);
	touch("list/a", 0644);
	touch("list/b", 0644);
	mkdir("list/c", 0755);
	expect_eq("readdir_lists_each_name_once", names_seen(), 31);
	d = opendir("list");
	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, "c") == 0 && e->d_type != DT_DIR)
			types_ok = 0;
		if (strcmp(e->d_name, "a") == 0 && e->d_type != DT_REG)
			types_ok = 0;
	}
	closedir(d);
	expect("readdir_d_type", types_ok, "wrong d_type");
	expect("opendir_missing_fails", opendir("missing") == NULL &&
	       errno == ENOENT, "expected ENOENT");
	expect("opendir_file_enotdir", opendir("list/a") == NULL &&
	       errno == ENOTDIR, "expected ENOTDIR");
	unlink("list/a");
	unlink("list/b");
	rmdir("list/c");
	rmdir("list");
}

int main(void)
{
	umask(022);
	enter_test_dir();
	test_mkdir_rmdir();
	test_cwd();
	test_rename();
	test_unlink();
	test_symlink();
	test_access_modes();
	test_readdir();
	leave_test_dir();
	return check_summary();
}
