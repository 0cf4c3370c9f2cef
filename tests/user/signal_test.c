/*
 * signal_test.c: signals: handlers, siginfo, masks, pending signals,
 * SIGCHLD, SIGPIPE, EINTR vs SA_RESTART, alarm, sigsuspend, sigaltstack,
 * and faults turned into signals a handler can catch.
 */
#define TEST_NAME "signal"
#include "check.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>

static volatile sig_atomic_t got_sig, got_code, got_pid, got_status;
static volatile uintptr_t got_addr;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_status = si->si_status;
	got_addr = (uintptr_t)si->si_addr;
}

static void on_plain(int sig) { got_sig = sig; }

static void install(int sig, int flags, int info)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	if (info)
		sa.sa_sigaction = on_info;
	else
		sa.sa_handler = on_plain;
	sa.sa_flags = flags | (info ? SA_SIGINFO : 0);
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void test_handler_and_info(void)
{
	install(SIGUSR1, 0, 1);
	got_sig = 0;
	kill(getpid(), SIGUSR1);
	expect("handler_ran", got_sig == SIGUSR1, "the SIGUSR1 handler did not run");
	expect("si_pid_is_sender", got_pid == getpid(), "si_pid is not the sender");
	expect("si_code_user", got_code == SI_USER, "si_code is not SI_USER");
	expect_errno("sigaction_sigkill_einval", sigaction(SIGKILL, &(struct sigaction){ 0 }, NULL), EINVAL);
	expect_errno("kill_bad_signal_einval", kill(getpid(), 1000), EINVAL);
	expect_errno("kill_missing_pid_esrch", kill(999999, SIGUSR1), ESRCH);
}

static void test_mask_and_pending(void)
{
	install(SIGUSR2, 0, 0);
	sigset_t set, old, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &old);
	got_sig = 0;
	raise(SIGUSR2);
	expect("blocked_not_delivered", got_sig == 0, "a blocked signal was delivered");
	sigpending(&pend);
	expect("blocked_is_pending", sigismember(&pend, SIGUSR2) == 1, "not in sigpending");
	sigprocmask(SIG_SETMASK, &old, NULL);
	expect("delivered_on_unblock", got_sig == SIGUSR2, "not delivered when unblocked");
}

static void test_sigchld(void)
{
	install(SIGCHLD, 0, 1);
	got_sig = 0;
	pid_t pid = fork();
	if (pid == 0)
		_exit(7);
	int status;
	waitpid(pid, &status, 0);
	/* the handler may run before or after waitpid returns: give it a moment */
	for (int i = 0; i < 100 && got_sig != SIGCHLD; i++)
		usleep(10000);
	expect("sigchld_on_exit", got_sig == SIGCHLD, "no SIGCHLD");
	expect("sigchld_code_exited", got_code == CLD_EXITED, "si_code is not CLD_EXITED");
	expect("sigchld_pid_status", got_pid == pid && got_status == 7, "si_pid/si_status wrong");

	/* SIG_IGN on SIGCHLD: children are reaped by the system */
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(0);
	int r;
	while ((r = waitpid(pid, &status, 0)) == -1 && errno == EINTR)
		;
	expect("sigchld_ignored_no_zombie", r == -1 && errno == ECHILD, "a zombie was left to reap");
	signal(SIGCHLD, SIG_DFL);
}

static void test_sigpipe(void)
{
	int fds[2];
	pipe(fds);
	close(fds[0]);
	pid_t pid = fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	expect("sigpipe_kills_writer", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "writer not killed by SIGPIPE");
	signal(SIGPIPE, SIG_IGN);
	expect_errno("sigpipe_ignored_epipe", write(fds[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(fds[1]);
}

/* a blocking pipe read interrupted by SIGALRM: EINTR without SA_RESTART,
 * continues (and gets the data written later) with it */
static void test_eintr_restart(void)
{
	int fds[2];
	char c;
	pipe(fds);
	install(SIGALRM, 0, 0);
	alarm(1);
	expect_errno("read_interrupted_eintr", read(fds[0], &c, 1), EINTR);
	install(SIGALRM, SA_RESTART, 0);
	pid_t pid = fork();
	if (pid == 0) {
		sleep(2); /* after the alarm */
		write(fds[1], "y", 1);
		_exit(0);
	}
	got_sig = 0;
	alarm(1);
	ssize_t n = read(fds[0], &c, 1);
	expect("read_restarted_sa_restart", n == 1 && c == 'y' && got_sig == SIGALRM,
	       "read did not restart after the handler");
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
}

static void test_sigsuspend(void)
{
	install(SIGUSR1, 0, 0);
	sigset_t block, old, wait_mask;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		kill(parent, SIGUSR1);
		_exit(0);
	}
	got_sig = 0;
	sigemptyset(&wait_mask);
	int r = sigsuspend(&wait_mask);
	expect("sigsuspend_returns_eintr", r == -1 && errno == EINTR && got_sig == SIGUSR1, "sigsuspend");
	sigset_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	expect("sigsuspend_restores_mask", sigismember(&now, SIGUSR1) == 1, "mask not restored");
	sigprocmask(SIG_SETMASK, &old, NULL);
	waitpid(pid, NULL, 0);
}

static sigjmp_buf jump;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = (uintptr_t)si->si_addr;
	siglongjmp(jump, 1);
}

static char altstack[16384];

static void test_fault_handler(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
	expect("sigaltstack_set", sigaltstack(&ss, NULL) == 0, "sigaltstack failed");
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
	got_sig = 0;
	volatile int *volatile bad = (int *)16; /* nothing is mapped at 16 */
	if (sigsetjmp(jump, 1) == 0)
		*bad = 1;
	expect("segv_caught", got_sig == SIGSEGV, "SIGSEGV handler did not run");
	expect("segv_si_addr", got_addr == 16, "si_addr is not the fault address");
	expect("segv_maperr", got_code == SEGV_MAPERR, "si_code is not SEGV_MAPERR");
	signal(SIGSEGV, SIG_DFL);
}

int main(void)
{
	test_handler_and_info();
	test_mask_and_pending();
	test_sigchld();
	test_sigpipe();
	test_eintr_restart();
	test_sigsuspend();
	test_fault_handler();
	return check_summary();
}
