/*
 * exec_test.c: execve. The new program gets exactly the argv and envp it
 * was given, O_CLOEXEC descriptors are closed and others kept, and every
 * bad case fails with Linux's errno while the caller keeps running:
 * ENOENT, EACCES, ENOEXEC (garbage, wrong architecture), E2BIG.
 *
 * The program re-executes itself (argv[0], so run it by a path that
 * contains a slash, as the test runner and run-linux.sh do) with a first
 * argument naming a helper mode; the helper's exit status is its answer.
 */
#define TEST_NAME "exec"
#include "check.h"

#include <fcntl.h>

static const char *self;

/* Helper: exit 0 if argv and envp are exactly what run_args_child sent. */
static int helper_args(int argc, char **argv, char **envp)
{
	if (argc != 5 || strcmp(argv[2], "two words") != 0 ||
	    strcmp(argv[3], "") != 0 || strcmp(argv[4], "last") != 0)
		return 10;
	if (!envp[0] || strcmp(envp[0], "FOO=bar") != 0)
		return 11;
	if (!envp[1] || strcmp(envp[1], "EMPTY=") != 0 || envp[2] != NULL)
		return 12;
	if (strcmp(getenv("FOO"), "bar") != 0)
		return 13;
	return 0;
}

/* Helper: exit 0 if fd argv[2] is closed and fd argv[3] is still open. */
static int helper_fds(char **argv)
{
	int closed_fd = atoi(argv[2]), open_fd = atoi(argv[3]);

	if (fcntl(closed_fd, F_GETFD) != -1 || errno != EBADF)
		return 20;
	if (fcntl(open_fd, F_GETFD) != 0)
		return 21;
	return 0;
}

/* fork, execve(self) with ARGV and ENVP, return the child's exit status. */
static int exec_self(char **argv, char **envp)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(self, argv, envp);
		_exit(99);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_args_and_env(void)
{
	char *argv[] = { (char *)self, "--args", "two words", "", "last",
			 NULL };
	char *envp[] = { "FOO=bar", "EMPTY=", NULL };

	expect_eq("argv_envp_passed_exactly", exec_self(argv, envp), 0);
}

static void test_cloexec(void)
{
	int closing = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int keeping = open("/dev/null", O_RDONLY);
	char a[16], b[16];
	char *argv[] = { (char *)self, "--fds", a, b, NULL };
	char *envp[] = { NULL };

	snprintf(a, sizeof(a), "%d", closing);
	snprintf(b, sizeof(b), "%d", keeping);
	expect_eq("cloexec_closed_others_kept", exec_self(argv, envp), 0);
	close(closing);
	close(keeping);
}

/* Write LEN bytes of DATA to NAME with MODE. */
static void write_file(const char *name, const void *data, size_t len,
		       mode_t mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		die("write test file");
	close(fd);
	chmod(name, mode);
}

/* Try to execve PATH; the call must fail, and we must still be here. */
static long try_exec(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	char *envp[] = { NULL };

	return execve(path, argv, envp);
}

/* A copy of our own ELF header with e_machine changed to ARM (40). */
static void write_wrong_arch(const char *name)
{
	unsigned char hdr[64];
	int fd = open(self, O_RDONLY);

	if (fd < 0 || read(fd, hdr, sizeof(hdr)) != sizeof(hdr))
		die("read own ELF header");
	close(fd);
	hdr[18] = 40; /* e_machine, little-endian u16 at offset 18 */
	hdr[19] = 0;
	write_file(name, hdr, sizeof(hdr), 0755);
}

static void test_bad_files(void)
{
	static const char garbage[] = "this is not an ELF file\n\x01\x02\x03";

	expect_errno("missing_enoent", try_exec("missing"), ENOENT);
	expect_errno("missing_dir_enoent", try_exec("nodir/prog"), ENOENT);

	write_file("noexec", garbage, sizeof(garbage), 0644);
	expect_errno("no_x_bit_eacces", try_exec("./noexec"), EACCES);
	mkdir("adir", 0755);
	expect_errno("directory_eacces", try_exec("./adir"), EACCES);

	write_file("garbage", garbage, sizeof(garbage), 0755);
	expect_errno("garbage_enoexec", try_exec("./garbage"), ENOEXEC);
	write_file("empty", "", 0, 0755);
	expect_errno("empty_file_enoexec", try_exec("./empty"), ENOEXEC);
	write_wrong_arch("arm");
	expect_errno("wrong_arch_enoexec", try_exec("./arm"), ENOEXEC);
	pass("caller_survives_failed_execs");
}

/* One 200 KiB argument: more than MAX_ARG_STRLEN (128 KiB) allows. */
static void test_e2big(void)
{
	size_t len = 200 * 1024;
	char *huge = malloc(len + 1);
	char *argv[] = { (char *)self, huge, NULL };
	char *envp[] = { NULL };

	memset(huge, 'x', len);
	huge[len] = '\0';
	expect_errno("argument_200k_e2big", execve(self, argv, envp), E2BIG);
	free(huge);
}

/* Our own path, made absolute so that it survives enter_test_dir(). */
static const char *absolute_self(const char *argv0)
{
	static char path[4096];
	char cwd[2048];

	if (strchr(argv0, '/') == NULL)
		return "/test/exec_test"; /* where the image installs us */
	if (argv0[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return argv0;
	snprintf(path, sizeof(path), "%s/%s", cwd, argv0);
	return path;
}

int main(int argc, char **argv, char **envp)
{
	if (argc >= 2 && strcmp(argv[1], "--args") == 0)
		return helper_args(argc, argv, envp);
	if (argc >= 4 && strcmp(argv[1], "--fds") == 0)
		return helper_fds(argv);
	if (argc == 2)
		return 30; /* reached only if the E2BIG exec wrongly worked */

	self = absolute_self(argv[0]);
	test_args_and_env();
	test_cloexec();
	enter_test_dir();
	test_bad_files();
	test_e2big();
	leave_test_dir();
	return check_summary();
}
