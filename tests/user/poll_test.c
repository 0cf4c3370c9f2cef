/*
 * poll_test.c: poll, ppoll, select and pselect on pipes: readiness of
 * each end, POLLHUP and POLLERR when the other end closes, POLLNVAL for a
 * closed descriptor, timeouts, waking when a child writes, EINTR from a
 * signal handler, and ppoll's temporary signal mask.
 */
#define _GNU_SOURCE
#define TEST_NAME "poll"
#include "check.h"

#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static volatile sig_atomic_t got_alarm;
static void on_alarm(int sig) { got_alarm = sig; }

int main(void)
{
	int p[2];
	pipe(p);

	/* an empty pipe: the write end is ready, the read end is not */
	struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
	int n = poll(fds, 2, 0);
	expect("empty_pipe_one_ready", n == 1 && fds[0].revents == 0 && (fds[1].revents & POLLOUT),
	       "expected only the write end ready");

	/* with data: readable */
	write(p[1], "x", 1);
	fds[0].revents = 0;
	n = poll(fds, 1, 0);
	expect("data_pollin", n == 1 && (fds[0].revents & POLLIN), "read end not POLLIN with data");
	char c;
	read(p[0], &c, 1);

	/* a timeout: 0 descriptors ready after about the time asked */
	double t0 = now();
	n = poll(fds, 1, 200);
	double waited = now() - t0;
	expect("timeout_returns_0", n == 0 && waited >= 0.15 && waited < 5, "poll(200 ms) on an empty pipe");

	/* a negative descriptor is skipped; a closed one is POLLNVAL */
	int spare = dup(p[0]);
	close(spare);
	struct pollfd odd[2] = { { -1, POLLIN, 0 }, { spare, POLLIN, 0 } };
	n = poll(odd, 2, 0);
	expect("negative_fd_ignored", odd[0].revents == 0, "revents set for fd -1");
	expect("closed_fd_pollnval", n == 1 && odd[1].revents == POLLNVAL, "a closed fd is not POLLNVAL");

	/* sleeping until a child writes */
	pid_t child = fork();
	if (child == 0) {
		usleep(200000);
		write(p[1], "y", 1);
		_exit(0);
	}
	fds[0].revents = 0;
	n = poll(fds, 1, 10000);
	expect("wakes_on_write", n == 1 && (fds[0].revents & POLLIN), "poll did not wake for the child's write");
	read(p[0], &c, 1);
	waitpid(child, NULL, 0);

	/* select: the same answers as bit sets */
	fd_set rd, wr;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	struct timeval tv = { 0, 0 };
	n = select(p[1] + 1, &rd, &wr, NULL, &tv);
	expect("select_write_end_only", n == 1 && !FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr),
	       "select on an empty pipe");
	write(p[1], "z", 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 1, 0 };
	n = select(p[0] + 1, &rd, NULL, NULL, &tv);
	expect("select_readable", n == 1 && FD_ISSET(p[0], &rd), "select with data");
	read(p[0], &c, 1);
	FD_ZERO(&rd);
	FD_SET(spare, &rd);
	tv = (struct timeval){ 0, 0 };
	expect_errno("select_closed_fd_ebadf", select(spare + 1, &rd, NULL, NULL, &tv), EBADF);

	/* a signal handler interrupts a poll: EINTR, even with SA_RESTART */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	fds[0].revents = 0;
	errno = 0;
	n = poll(fds, 1, 20000);
	expect("signal_eintr", n == -1 && errno == EINTR && got_alarm == SIGALRM, "poll was not interrupted");

	/* ppoll's mask: SIGALRM blocked outside, let in only while waiting */
	sigset_t block, during;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	got_alarm = 0;
	alarm(1);
	sigemptyset(&during);
	struct timespec ts = { 20, 0 };
	errno = 0;
	n = ppoll(fds, 1, &ts, &during);
	expect("ppoll_mask_lets_signal_in", n == -1 && errno == EINTR && got_alarm == SIGALRM,
	       "ppoll with an empty mask was not interrupted by the blocked signal");
	sigset_t after;
	sigprocmask(SIG_BLOCK, NULL, &after);
	expect("ppoll_restores_mask", sigismember(&after, SIGALRM) == 1, "the old mask was not restored");
	sigprocmask(SIG_UNBLOCK, &block, NULL);

	/* the other end closes: POLLHUP for the reader, POLLERR for a writer */
	int q[2];
	pipe(q);
	close(q[1]);
	struct pollfd h = { q[0], POLLIN, 0 };
	n = poll(&h, 1, 0);
	expect("writer_gone_pollhup", n == 1 && (h.revents & POLLHUP), "no POLLHUP after the writer closed");
	close(q[0]);
	pipe(q);
	close(q[0]);
	signal(SIGPIPE, SIG_IGN);
	struct pollfd e = { q[1], POLLOUT, 0 };
	n = poll(&e, 1, 0);
	expect("reader_gone_pollerr", n == 1 && (e.revents & POLLERR), "no POLLERR after the reader closed");
	close(q[1]);

	struct pollfd *volatile bad = (struct pollfd *)8;
	expect_errno("bad_pointer_efault", poll(bad, 1, 0), EFAULT);
	return check_summary();
}
