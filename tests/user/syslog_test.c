/* syslog_test.c: the kernel log through syslog(2) (klogctl). Every line
 * READ_ALL returns reads "<level>[seconds.micros] text"; a short buffer
 * gets the newest whole lines; bad arguments fail as on Linux. On this
 * kernel (uname -r ends in "teachos") it also checks what would disturb
 * a Linux host's log: CLEAR and READ_CLEAR empty what READ_ALL returns,
 * READ consumes what SIZE_UNREAD counts, CONSOLE_LEVEL checks its range,
 * and a message the kernel logs (an unknown system call is noted once)
 * appears with its level. On Linux without the right to read the log
 * (EPERM) the test says so and skips. */
#define TEST_NAME "syslog"
#include "check.h"

#include <ctype.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

/* Is LINE (LEN bytes, no newline) "<N>[SSSSS.UUUUUU] ..." or, when TIME
 * is optional, "<N>..."? */
static int well_formed(const char *line, int len, int need_time, double *secs)
{
	int i = 0;
	if (len < 3 || line[0] != '<' || !isdigit((unsigned char)line[1]))
		return 0;
	for (i = 1; i < len && isdigit((unsigned char)line[i]); i++)
		;
	if (i >= len || line[i] != '>')
		return 0;
	i++;
	if (i >= len || line[i] != '[')
		return !need_time;
	int start = ++i;
	while (i < len && line[i] == ' ')
		i++;
	long sec = 0;
	if (i >= len || !isdigit((unsigned char)line[i]))
		return 0;
	while (i < len && isdigit((unsigned char)line[i]))
		sec = sec * 10 + (line[i++] - '0');
	if (i - start < 5 || i >= len || line[i] != '.')
		return 0;
	long us = 0;
	for (int k = 0; k < 6; k++) {
		if (++i >= len || !isdigit((unsigned char)line[i]))
			return 0;
		us = us * 10 + (line[i] - '0');
	}
	if (++i >= len || line[i] != ']')
		return 0;
	*secs = (double)sec + (double)us / 1e6;
	return 1;
}

static int contains(const char *buf, int n, const char *s)
{
	int m = (int)strlen(s);
	for (int i = 0; i + m <= n; i++)
		if (memcmp(buf + i, s, (size_t)m) == 0)
			return 1;
	return 0;
}

static void check_format(const char *buf, int n, int ours)
{
	double prev = 0, t;
	int lines = 0;
	for (int s = 0; s < n;) {
		int e = s;
		while (e < n && buf[e] != '\n')
			e++;
		t = 0;
		if (!well_formed(buf + s, e - s, ours, &t)) {
			fail("lines_have_level_and_time", "line %d: '%.*s'", lines + 1, e - s < 60 ? e - s : 60, buf + s);
			return;
		}
		if (ours && t < prev) {
			fail("times_never_go_back", "line %d at %f after %f", lines + 1, t, prev);
			return;
		}
		prev = t;
		lines++;
		s = e + 1;
	}
	expect("lines_have_level_and_time", lines > 0, "no lines");
	if (ours)
		pass("times_never_go_back");
}

static void ours_only(char *buf, int size)
{
	/* a message the kernel logs at KERN_NOTICE, once per number: 183 and
	 * 184 (afs_syscall, tuxcall) are numbers Linux never implemented */
	char want[96];
	snprintf(want, sizeof want, "] syslog_test[%d]: unknown system call 183 (returning ENOSYS)", getpid());
	expect_errno("unknown_call_enosys", syscall(183), ENOSYS);
	int n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	int at = -1, m = (int)strlen(want);
	for (int i = 0; n > 0 && i + m <= n; i++)
		if (memcmp(buf + i, want, (size_t)m) == 0)
			at = i;
	int ok = at > 0;
	if (ok) { /* back to the start of that line: "<5>[" */
		int s = at;
		while (s > 0 && buf[s - 1] != '\n')
			s--;
		ok = memcmp(buf + s, "<5>[", 4) == 0;
	}
	expect("kernel_message_with_level", ok, "the unknown-call notice is not in the log as <5>[...]");

	expect_ok("clear", klogctl(SYSLOG_ACTION_CLEAR, NULL, 0));
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	expect("read_all_after_clear_empty", n >= 0 && !contains(buf, n, "unknown system call 183"),
	       "old messages still there after CLEAR");
	syscall(184);
	n = klogctl(SYSLOG_ACTION_READ_CLEAR, buf, size);
	expect("read_clear_returns_new", n > 0 && contains(buf, n, "unknown system call 184") &&
						 !contains(buf, n, "unknown system call 183"),
	       "READ_CLEAR did not return just the message since CLEAR");
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	expect("read_clear_cleared", n >= 0 && !contains(buf, n, "unknown system call 184"),
	       "READ_CLEAR did not clear");

	/* READ consumes: what is unread shrinks after reading it */
	int unread = klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0);
	expect("size_unread_positive", unread > 0, "nothing unread at the first READ");
	n = klogctl(SYSLOG_ACTION_READ, buf, size);
	int after = klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0);
	expect("read_consumes", n > 0 && after >= 0 && after < unread, "READ did not consume");

	expect_errno("console_level_0_einval", klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 0), EINVAL);
	expect_errno("console_level_9_einval", klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), EINVAL);
	expect_ok("console_level_7", klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 7));
}

int main(void)
{
	struct utsname u;
	uname(&u);
	int ours = strstr(u.release, "teachos") != NULL;

	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size < 0 && errno == EPERM && !ours) {
		printf("# syslog: skipped, no permission to read the kernel log here\n");
		return 0;
	}
	expect("size_buffer", size > 0, "SIZE_BUFFER not positive");
	if (size <= 0)
		return check_summary();
	char *buf = malloc((size_t)size * 2), *small = malloc(256);
	if (!buf || !small)
		die("malloc");
	int n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size * 2);
	if (n < 0 && errno == EPERM && !ours) {
		printf("# syslog: skipped, no permission to read the kernel log here\n");
		return 0;
	}
	expect("read_all", n > 0, "READ_ALL returned nothing");
	check_format(buf, n, ours);
	expect("read_all_ends_a_line", n > 0 && buf[n - 1] == '\n', "last byte is not a newline");

	int k = klogctl(SYSLOG_ACTION_READ_ALL, small, 200);
	expect("short_buffer_fits", k >= 0 && k <= 200, "READ_ALL wrote more than asked");
	/* (0 is right when even the newest line is longer) */
	expect("short_buffer_whole_lines", k == 0 || (small[0] == '<' && small[k - 1] == '\n'),
	       "a short READ_ALL is not whole lines");
	if (ours) /* nothing logs in between here: the newest lines */
		expect("short_buffer_newest", k > 0 && n >= k && memcmp(buf + n - k, small, (size_t)k) == 0,
		       "a short READ_ALL is not the end of the log");

	expect_eq("len_0", klogctl(SYSLOG_ACTION_READ_ALL, buf, 0), 0);
	expect_errno("len_negative_einval", klogctl(SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL);
	expect_errno("null_buffer_einval", klogctl(SYSLOG_ACTION_READ_ALL, NULL, 10), EINVAL);
	expect_errno("bad_action_einval", klogctl(99, buf, 10), EINVAL);
	expect_errno("bad_pointer_efault", klogctl(SYSLOG_ACTION_READ_ALL, (char *)16, size), EFAULT);
	expect("size_unread", klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) >= 0, "SIZE_UNREAD failed");

	if (ours)
		ours_only(buf, size * 2);
	else
		printf("# syslog: CLEAR, READ and CONSOLE_LEVEL checked only on teachos (they change the host's log)\n");
	free(buf);
	free(small);
	return check_summary();
}
