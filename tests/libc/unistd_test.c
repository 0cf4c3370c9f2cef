/* unistd_test.c: the rest of the system interface: file status and
 * permissions, links, the working directory, positioned and vectored
 * I/O, memory mappings, identities, limits, system information and
 * path helpers. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

static char dir[256];

static void files(void)
{
	char file[320], link_path[320], target[320];
	struct stat st;

	snprintf(file, sizeof file, "%s/file", dir);
	snprintf(link_path, sizeof link_path, "%s/link", dir);
	umask(022);
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0666);
	check("open O_CREAT", fd >= 0, "errno=%d", errno);
	write(fd, "hello", 5);
	check_long("fstat", fstat(fd, &st), 0);
	check_long("st_size", st.st_size, 5);
	check("S_ISREG", S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode), "mode 0%o", st.st_mode);
	check_long("umask applied to mode", st.st_mode & 0777, 0644);
	check_long("chmod", chmod(file, 0600), 0);
	stat(file, &st);
	check_long("stat sees chmod", st.st_mode & 0777, 0600);
	check("st_nlink and st_ino", st.st_nlink == 1 && st.st_ino != 0, "nlink %lu",
	      (unsigned long)st.st_nlink);

	check_long("pwrite", pwrite(fd, "HE", 2, 0), 2);
	char buf[16] = "";
	check_long("pread", pread(fd, buf, 5, 0), 5);
	check("pread data", memcmp(buf, "HEllo", 5) == 0, "got %.5s", buf);
	check_long("pread leaves the offset", lseek(fd, 0, SEEK_CUR), 5);
	check_long("lseek SEEK_END", lseek(fd, -2, SEEK_END), 3);

	struct iovec iov[3] = {{"ab", 2}, {"cde", 3}, {"f", 1}};
	lseek(fd, 0, SEEK_SET);
	check_long("writev", writev(fd, iov, 3), 6);
	char x[2], y[4];
	struct iovec in[2] = {{x, 2}, {y, 4}};
	lseek(fd, 0, SEEK_SET);
	check_long("readv", readv(fd, in, 2), 6);
	check("readv data", memcmp(x, "ab", 2) == 0 && memcmp(y, "cdef", 4) == 0, "wrong");
	check_long("ftruncate", ftruncate(fd, 2), 0);
	fstat(fd, &st);
	check_long("size after ftruncate", st.st_size, 2);
	close(fd);

	check_long("access F_OK", access(file, F_OK), 0);
	check_long("access R_OK|W_OK", access(file, R_OK | W_OK), 0);
	errno = 0;
	check("access missing: ENOENT", access("/nonexistent", F_OK) == -1 && errno == ENOENT,
	      "errno=%d", errno);

	check_long("symlink", symlink("file", link_path), 0);
	check("lstat sees a link", lstat(link_path, &st) == 0 && S_ISLNK(st.st_mode), "mode 0%o",
	      st.st_mode);
	check("stat follows the link", stat(link_path, &st) == 0 && S_ISREG(st.st_mode), "mode 0%o",
	      st.st_mode);
	ssize_t n = readlink(link_path, target, sizeof target);
	check("readlink", n == 4 && memcmp(target, "file", 4) == 0, "n=%zd", n);
	check("fstatat", fstatat(AT_FDCWD, file, &st, 0) == 0 && st.st_size == 2, "wrong");

	char *real = realpath(link_path, NULL);
	char want[PATH_MAX];
	char *real_dir = realpath(dir, NULL);
	snprintf(want, sizeof want, "%s/file", real_dir ? real_dir : "?");
	check_str("realpath resolves the link", real, want);
	free(real);
	snprintf(target, sizeof target, "%s/./missing/../file", dir);
	real = realpath(target, NULL);
	check("realpath through a missing directory fails", real == NULL && errno == ENOENT,
	      "errno=%d", errno);
	free(real_dir);

	check_long("unlink link", unlink(link_path), 0);
	check_long("unlink file", unlink(file), 0);
	check("unlinked", access(file, F_OK) == -1, "still there");

	char sub[320];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	check_long("mkdir", mkdir(sub, 0755), 0);
	check("stat directory", stat(sub, &st) == 0 && S_ISDIR(st.st_mode), "mode 0%o", st.st_mode);
	check_long("rmdir", rmdir(sub), 0);
}

static void directories(void)
{
	char old[PATH_MAX], now[PATH_MAX];
	char *real = realpath(dir, NULL);

	check("getcwd", getcwd(old, sizeof old) != NULL, "errno=%d", errno);
	check_long("chdir", chdir(dir), 0);
	check_str("getcwd after chdir", getcwd(now, sizeof now), real ? real : "?");
	errno = 0;
	check("getcwd too small: ERANGE", getcwd(now, 2) == NULL && errno == ERANGE, "errno=%d",
	      errno);
	int fd = open(old, O_RDONLY | O_DIRECTORY);
	check_long("fchdir", fchdir(fd), 0);
	close(fd);
	check_str("back after fchdir", getcwd(now, sizeof now), old);
	free(real);
}

static void memory(void)
{
	size_t len = 1 << 20;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check("mmap anonymous", p != MAP_FAILED, "errno=%d", errno);
	if (p == MAP_FAILED)
		return;
	check("mmap memory is zeroed", p[0] == 0 && p[len - 1] == 0, "not zero");
	p[0] = 1;
	p[len - 1] = 2;
	check("mmap memory is writable", p[0] == 1 && p[len - 1] == 2, "wrong");
	check_long("mprotect", mprotect(p, 4096, PROT_READ), 0);
	check_long("munmap", munmap(p, len), 0);
	errno = 0;
	check("mmap length 0: EINVAL", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
		  MAP_FAILED && errno == EINVAL, "errno=%d", errno);

	char *b0 = sbrk(0);
	check("sbrk(0) gives the break", b0 != (void *)-1, "failed");
}

static void identity_and_limits(void)
{
	check("getpid stable", getpid() == getpid() && getpid() > 0, "wrong");
	check("getppid", getppid() > 0, "ppid %d", getppid());
	check("ids", getuid() == geteuid() && getgid() == getegid(), "differ");
	check("getpgrp/getpgid", getpgrp() == getpgid(0) && getsid(0) > 0, "wrong");

	struct utsname u;
	check_long("uname", uname(&u), 0);
	check("uname fields", u.sysname[0] != '\0' && strcmp(u.machine, "x86_64") == 0,
	      "sysname '%s' machine '%s'", u.sysname, u.machine);

	check_long("sysconf _SC_PAGESIZE", sysconf(_SC_PAGESIZE), 4096);
	check_long("getpagesize", getpagesize(), 4096);
	check_long("getauxval AT_PAGESZ", (long)getauxval(AT_PAGESZ), 4096);
	check_long("sysconf _SC_CLK_TCK", sysconf(_SC_CLK_TCK), 100);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	check("sysconf _SC_NPROCESSORS_ONLN", cpus >= 1, "got %ld", cpus);
	cpu_set_t set;
	CPU_ZERO(&set);
	check_long("sched_getaffinity", sched_getaffinity(0, sizeof set, &set), 0);
	check_long("CPU_COUNT agrees with sysconf", CPU_COUNT(&set), cpus);
	check("sched_getcpu", sched_getcpu() >= 0, "failed");
	check_long("sched_yield", sched_yield(), 0);

	struct rlimit rl, low;
	check_long("getrlimit", getrlimit(RLIMIT_NOFILE, &rl), 0);
	check_long("sysconf _SC_OPEN_MAX is RLIMIT_NOFILE", sysconf(_SC_OPEN_MAX), (long)rl.rlim_cur);
	low = rl;
	low.rlim_cur = 64;
	setrlimit(RLIMIT_NOFILE, &low);
	check_long("setrlimit takes effect", sysconf(_SC_OPEN_MAX), 64);
	setrlimit(RLIMIT_NOFILE, &rl);
	errno = 0;
	check("sysconf unknown name: EINVAL", sysconf(-5) == -1 && errno == EINVAL, "errno=%d", errno);

	int p[2];
	pipe(p);
	errno = 0;
	check("isatty on a pipe: 0 and ENOTTY", isatty(p[0]) == 0 && errno == ENOTTY, "errno=%d",
	      errno);
	close(p[0]);
	close(p[1]);
}

static void terminals(void)
{
	struct termios t;
	int p[2];

	pipe(p);
	errno = 0;
	check("tcgetattr on a pipe: ENOTTY", tcgetattr(p[0], &t) == -1 && errno == ENOTTY,
	      "errno=%d", errno);
	close(p[0]);
	close(p[1]);

	memset(&t, 0, sizeof t);
	t.c_lflag = ICANON | ECHO | ISIG;
	t.c_iflag = ICRNL | IXON;
	t.c_oflag = OPOST;
	cfmakeraw(&t);
	check("cfmakeraw", !(t.c_lflag & (ICANON | ECHO | ISIG)) && !(t.c_iflag & (ICRNL | IXON)) &&
		  !(t.c_oflag & OPOST) && (t.c_cflag & CSIZE) == CS8 && t.c_cc[VMIN] == 1,
	      "flags left on");
	check("cfsetospeed/cfgetospeed", cfsetospeed(&t, B9600) == 0 && cfgetospeed(&t) == B9600,
	      "wrong speed");
	check("termios values are Linux's", ICANON == 2 && ECHO == 010 && VMIN == 6 && B9600 == 015,
	      "wrong constants");
}

static void paths(void)
{
	static const struct {
		const char *path, *base, *dir;
	} cases[] = {
		{"/usr/lib", "lib", "/usr"},
		{"/usr/lib/", "lib", "/usr"},
		{"usr", "usr", "."},
		{"/", "/", "/"},
		{".", ".", "."},
		{"..", "..", "."},
		{"a//b//", "b", "a"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char a[64], b[64], name[80];
		strcpy(a, cases[i].path);
		strcpy(b, cases[i].path);
		snprintf(name, sizeof name, "basename(\"%s\")", cases[i].path);
		check_str(name, basename(a), cases[i].base);
		snprintf(name, sizeof name, "dirname(\"%s\")", cases[i].path);
		check_str(name, dirname(b), cases[i].dir);
	}
}

int main(void)
{
	scratch(dir, sizeof dir, "unistd_test");
	mkdir(dir, 0700);
	files();
	directories();
	memory();
	identity_and_limits();
	terminals();
	paths();
	rmdir(dir);
	return finish();
}
