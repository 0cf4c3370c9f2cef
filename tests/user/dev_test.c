/*
 * dev_test.c: the device files every Linux program expects. /dev/null
 * swallows writes and reads as empty; /dev/zero reads as endless zeros;
 * both are character devices and neither is a terminal.
 */
#define TEST_NAME "dev"
#include "check.h"

#include <fcntl.h>

static void test_null(void)
{
	char buf[8];
	struct stat st;
	int fd = open("/dev/null", O_RDWR);

	expect_ok("open_null", fd);
	expect_eq("null_write_returns_count", write(fd, "abcdef", 6), 6);
	expect_eq("null_read_is_eof", read(fd, buf, sizeof(buf)), 0);
	expect_ok("fstat_null", fstat(fd, &st));
	expect("null_is_chardev", S_ISCHR(st.st_mode), "not S_IFCHR");
	errno = 0;
	expect_eq("isatty_null_is_0", isatty(fd), 0);
	expect_eq("isatty_null_enotty", errno, ENOTTY);
	close(fd);
}

static void test_zero(void)
{
	char buf[10000];
	struct stat st;
	int fd = open("/dev/zero", O_RDWR), i, nonzero = 0;

	expect_ok("open_zero", fd);
	memset(buf, 'x', sizeof(buf));
	expect_eq("zero_read_fills_buffer", read(fd, buf, sizeof(buf)),
		  sizeof(buf));
	for (i = 0; i < (int)sizeof(buf); i++)
		nonzero += buf[i] != 0;
	expect_eq("zero_reads_zeros", nonzero, 0);
	expect_eq("zero_write_returns_count", write(fd, "abc", 3), 3);
	expect_ok("fstat_zero", fstat(fd, &st));
	expect("zero_is_chardev", S_ISCHR(st.st_mode), "not S_IFCHR");
	close(fd);
}

int main(void)
{
	test_null();
	test_zero();
	return check_summary();
}
