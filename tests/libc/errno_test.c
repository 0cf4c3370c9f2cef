/* errno_test.c: error numbers from failing system calls, and their
 * messages (strerror, strerror_r, perror) as Linux users know them. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static void messages(void)
{
	check_str("strerror ENOENT", strerror(ENOENT), "No such file or directory");
	check_str("strerror EMFILE", strerror(EMFILE), "Too many open files");
	check_str("strerror EFAULT", strerror(EFAULT), "Bad address");
	check_str("strerror EACCES", strerror(EACCES), "Permission denied");
	check_str("strerror EINVAL", strerror(EINVAL), "Invalid argument");
	check_str("strerror EAGAIN", strerror(EAGAIN), "Resource temporarily unavailable");
	check_str("strerror ENOSYS", strerror(ENOSYS), "Function not implemented");
	check_str("strerror ECHILD", strerror(ECHILD), "No child processes");
	check_str("strerror EPIPE", strerror(EPIPE), "Broken pipe");
	check_str("strerror 0", strerror(0), "Success");
	check_str("strerror unknown", strerror(9999), "Unknown error 9999");

	char buf[64];
	check_long("strerror_r returns 0", strerror_r(ENOENT, buf, sizeof buf), 0);
	check_str("strerror_r text", buf, "No such file or directory");
	check_long("strerror_r small buffer ERANGE", strerror_r(ENOENT, buf, 5), ERANGE);
	check_long("strerror_r unknown EINVAL", strerror_r(9999, buf, sizeof buf), EINVAL);

	/* perror writes "prefix: message\n" to stderr */
	char path[256];
	scratch(path, sizeof path, "errno_test");
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	int saved = dup(2);
	dup2(fd, 2);
	errno = EACCES;
	perror("opening");
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	ssize_t n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	check_str("perror", buf, "opening: Permission denied\n");
}

static void expect_errno(const char *name, long result, int want)
{
	int got = errno;

	check(name, result == -1 && got == want, "result %ld, errno %d (%s), want %d (%s)", result,
	      got, strerror(got), want, strerror(want));
}

static void from_calls(void)
{
	char path[256];
	scratch(path, sizeof path, "errno_test");

	errno = 0;
	expect_errno("open missing file: ENOENT", open("/nonexistent/file", O_RDONLY), ENOENT);
	errno = 0;
	expect_errno("close(-1): EBADF", close(-1), EBADF);
	errno = 0;
	expect_errno("read from bad fd: EBADF", read(12345, path, 1), EBADF);

	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "data", 4);
	lseek(fd, 0, SEEK_SET);
	void *volatile nowhere = NULL; /* hidden from the compiler's checks */
	errno = 0;
	expect_errno("read into NULL: EFAULT", read(fd, nowhere, 4), EFAULT);
	close(fd);
	errno = 0;
	expect_errno("open O_CREAT|O_EXCL on existing: EEXIST",
		     open(path, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	errno = 0;
	expect_errno("mkdir on existing: EEXIST", mkdir(path, 0700), EEXIST);
	errno = 0;
	expect_errno("open file as directory: ENOTDIR", open(path, O_RDONLY | O_DIRECTORY), ENOTDIR);
	unlink(path);

	mkdir(path, 0700);
	errno = 0;
	expect_errno("open directory for writing: EISDIR", open(path, O_WRONLY), EISDIR);
	char inner[300];
	snprintf(inner, sizeof inner, "%s/f", path);
	close(open(inner, O_WRONLY | O_CREAT, 0600));
	errno = 0;
	expect_errno("rmdir non-empty: ENOTEMPTY", rmdir(path), ENOTEMPTY);
	unlink(inner);
	rmdir(path);

	int fds[2];
	pipe(fds);
	errno = 0;
	expect_errno("lseek on a pipe: ESPIPE", (long)lseek(fds[0], 0, SEEK_SET), ESPIPE);
	close(fds[0]);
	close(fds[1]);

	errno = 0;
	expect_errno("dup2 to bad fd: EBADF", dup2(0, -1), EBADF);
}

/* With a limit of 16 descriptors, opening more must fail with EMFILE. */
static void too_many_files(void)
{
	struct rlimit old, low;

	if (getrlimit(RLIMIT_NOFILE, &old) < 0) {
		check("getrlimit RLIMIT_NOFILE", 0, "errno=%d", errno);
		return;
	}
	low = old;
	low.rlim_cur = 16;
	check_long("setrlimit RLIMIT_NOFILE 16", setrlimit(RLIMIT_NOFILE, &low), 0);
	int fds[32], n = 0;
	errno = 0;
	while (n < 32 && (fds[n] = open("/", O_RDONLY)) >= 0)
		n++;
	int err = errno;
	check("open beyond RLIMIT_NOFILE: EMFILE", n < 16 && err == EMFILE, "opened %d, errno %d", n,
	      err);
	while (n > 0)
		close(fds[--n]);
	setrlimit(RLIMIT_NOFILE, &old);
}

int main(void)
{
	messages();
	from_calls();
	too_many_files();
	return finish();
}
