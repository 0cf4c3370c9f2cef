/*
 * pipe_test.c: pipes. Data goes through in order, a reader blocks until a
 * writer writes, read returns 0 (EOF) once the last writer has closed,
 * pipe2 flags, and what a pipe is not: seekable (ESPIPE) or a terminal
 * (isatty gives 0 with ENOTTY).
 */
#define _GNU_SOURCE /* pipe2 is Linux-only: glibc hides it without this */
#define TEST_NAME "pipe"
#include "check.h"

#include <fcntl.h>
#include <time.h>

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void test_basic(void)
{
	int p[2];
	char buf[16] = { 0 };
	struct stat st;

	expect_ok("pipe", pipe(p));
	expect_eq("write", write(p[1], "hello", 5), 5);
	expect_eq("read", read(p[0], buf, sizeof(buf)), 5);
	expect("read_data", strcmp(buf, "hello") == 0, buf);
	expect_ok("fstat_pipe", fstat(p[0], &st));
	expect("fstat_is_fifo", S_ISFIFO(st.st_mode), "not S_IFIFO");
	expect_errno("lseek_pipe_espipe", lseek(p[0], 0, SEEK_SET), ESPIPE);
	errno = 0;
	expect_eq("isatty_pipe_is_0", isatty(p[0]), 0);
	expect_eq("isatty_pipe_errno_enotty", errno, ENOTTY);
	expect_errno("read_write_end_ebadf", read(p[1], buf, 1), EBADF);
	expect_errno("write_read_end_ebadf", write(p[0], "x", 1), EBADF);
	expect_eq("no_cloexec_by_default", fcntl(p[0], F_GETFD), 0);
	close(p[0]);
	close(p[1]);
}

static void test_pipe2(void)
{
	int p[2];

	expect_ok("pipe2_cloexec", pipe2(p, O_CLOEXEC));
	expect_eq("pipe2_read_end_cloexec", fcntl(p[0], F_GETFD), FD_CLOEXEC);
	expect_eq("pipe2_write_end_cloexec", fcntl(p[1], F_GETFD), FD_CLOEXEC);
	close(p[0]);
	close(p[1]);
	expect_errno("pipe2_bad_flags_einval", pipe2(p, 0x12345678), EINVAL);
}

/* The reader blocks: the child writes only after a pause. */
static void test_blocking_read(void)
{
	int p[2];
	char buf[8] = { 0 };
	pid_t pid;

	pipe(p);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		sleep_ms(100);
		write(p[1], "late", 4);
		_exit(0);
	}
	close(p[1]);
	expect_eq("blocking_read_gets_data", read(p[0], buf, sizeof(buf)), 4);
	expect("blocking_read_data", strcmp(buf, "late") == 0, buf);
	expect_eq("eof_after_writer_exits", read(p[0], buf, sizeof(buf)), 0);
	close(p[0]);
	waitpid(pid, NULL, 0);
}

/* EOF only comes when *every* write end is closed, here one in a child. */
static void test_eof_last_writer(void)
{
	int p[2], go[2];
	char c;
	pid_t pid;

	pipe(p);
	pipe(go);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		close(go[1]);
		read(go[0], &c, 1); /* hold p[1] open until told */
		write(p[1], "x", 1);
		_exit(0);
	}
	close(go[0]);
	close(p[1]); /* the parent's copy: the child still has one */
	write(go[1], "g", 1);
	expect_eq("data_before_eof", read(p[0], &c, 1), 1);
	expect_eq("eof_after_last_writer", read(p[0], &c, 1), 0);
	close(p[0]);
	close(go[1]);
	waitpid(pid, NULL, 0);
}

/* More data than any pipe buffer holds: the writer has to block. */
static void test_large_transfer(void)
{
	enum { TOTAL = 256 * 1024 };
	unsigned char buf[4096];
	long got = 0, bad = 0, n, i;
	int p[2];
	pid_t pid;

	pipe(p);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		for (i = 0; i < TOTAL; i++) {
			buf[i % sizeof(buf)] = (unsigned char)(i * 7);
			if (i % sizeof(buf) == sizeof(buf) - 1)
				write(p[1], buf, sizeof(buf));
		}
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			if (buf[i] != (unsigned char)((got + i) * 7))
				bad++;
		got += n;
	}
	close(p[0]);
	waitpid(pid, NULL, 0);
	expect_eq("large_transfer_length", got, TOTAL);
	expect_eq("large_transfer_in_order", bad, 0);
}

int main(void)
{
	test_basic();
	test_pipe2();
	test_blocking_read();
	test_eof_last_writer();
	test_large_transfer();
	return check_summary();
}
