/* signal_test.c: catching signals with sigaction (plain and SA_SIGINFO
 * handlers), returning from a handler (the SA_RESTORER/rt_sigreturn
 * path) with registers intact, masks and pending signals, interrupted
 * system calls, default actions, and signal names. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t got_signal, handler_saw_mask, calls;
static volatile int info_signo, info_code, info_pid;

static void on_signal(int sig)
{
	sigset_t now;

	got_signal = sig;
	calls++;
	sigprocmask(SIG_BLOCK, NULL, &now);
	handler_saw_mask = sigismember(&now, sig) == 1;
	/* use SSE and the stack: the interrupted code must not notice */
	volatile double x = 1.0;
	for (int i = 0; i < 10; i++)
		x = x * 1.5 + 0.25;
}

static void on_info(int sig, siginfo_t *info, void *context)
{
	(void)context;
	got_signal = sig;
	info_signo = info->si_signo;
	info_code = info->si_code;
	info_pid = info->si_pid;
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void handlers(void)
{
	install(SIGUSR1, on_signal, 0);
	double before = 3.25;
	long a = 11, b = 22, c = 33;
	got_signal = 0;
	check_long("raise returns 0", raise(SIGUSR1), 0);
	check_long("handler ran for raise", got_signal, SIGUSR1);
	check("signal blocked inside its own handler", handler_saw_mask, "not blocked");
	check("state intact after handler returned", before == 3.25 && a + b + c == 66,
	      "registers clobbered");

	got_signal = 0;
	kill(getpid(), SIGUSR1);
	check_long("handler ran for kill", got_signal, SIGUSR1);

	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	got_signal = 0;
	kill(getpid(), SIGUSR2);
	check_long("SA_SIGINFO handler ran", got_signal, SIGUSR2);
	check_long("si_signo", info_signo, SIGUSR2);
	check_long("si_code is SI_USER for kill", info_code, SI_USER);
	check_long("si_pid is the sender", info_pid, getpid());

	sigaction(SIGUSR2, NULL, &old);
	check("sigaction reports the installed handler", old.sa_sigaction == on_info &&
		  (old.sa_flags & SA_SIGINFO), "flags 0x%x", old.sa_flags);

	install(SIGUSR1, on_signal, SA_RESETHAND);
	calls = 0;
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &old);
	check("SA_RESETHAND restores the default", calls == 1 && old.sa_handler == SIG_DFL,
	      "calls %d", calls);

	void (*prev)(int) = signal(SIGUSR1, SIG_IGN);
	check("signal returns the previous handler", prev == SIG_DFL, "wrong");
	check_long("ignored signal: raise still returns 0", raise(SIGUSR1), 0);
	check("signal(SIG_IGN) is in effect", signal(SIGUSR1, on_signal) == SIG_IGN, "wrong");
	got_signal = 0;
	raise(SIGUSR1);
	check_long("signal() handler stays installed (1)", got_signal, SIGUSR1);
	got_signal = 0;
	raise(SIGUSR1);
	check_long("signal() handler stays installed (2)", got_signal, SIGUSR1);
	errno = 0;
	check("sigaction on SIGKILL fails with EINVAL", sigaction(SIGKILL, &sa, NULL) == -1 &&
		  errno == EINVAL, "errno=%d", errno);
}

static void masks(void)
{
	sigset_t set, old, pending;

	install(SIGUSR1, on_signal, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	check_long("sigprocmask block", sigprocmask(SIG_BLOCK, &set, &old), 0);
	got_signal = 0;
	raise(SIGUSR1);
	check_long("blocked signal is not delivered", got_signal, 0);
	sigpending(&pending);
	check("blocked signal is pending", sigismember(&pending, SIGUSR1) == 1, "not pending");
	sigprocmask(SIG_SETMASK, &old, NULL);
	check_long("unblocking delivers it", got_signal, SIGUSR1);
	sigpending(&pending);
	check("no longer pending", sigismember(&pending, SIGUSR1) == 0, "still pending");

	sigfillset(&set);
	check("sigfillset/sigdelset/sigismember", sigismember(&set, SIGINT) == 1 &&
		  sigdelset(&set, SIGINT) == 0 && sigismember(&set, SIGINT) == 0, "wrong");
	errno = 0;
	check("sigaddset bad signal EINVAL", sigaddset(&set, 1000) == -1 && errno == EINVAL,
	      "errno=%d", errno);

	/* sigsuspend: wait with the signal unblocked, a child sends it */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		kill(parent, SIGUSR1);
		_exit(0);
	}
	got_signal = 0;
	sigset_t none;
	sigemptyset(&none);
	int r = sigsuspend(&none);
	check("sigsuspend returns -1/EINTR after the handler", r == -1 && errno == EINTR &&
		  got_signal == SIGUSR1, "r=%d errno=%d got=%d", r, errno, got_signal);
	sigprocmask(SIG_SETMASK, &old, NULL);
	waitpid(pid, NULL, 0);
}

static void on_alarm(int sig)
{
	got_signal = sig;
}

static void interrupted_call(void)
{
	int p[2];
	char c;

	pipe(p);
	install(SIGALRM, on_alarm, 0); /* no SA_RESTART */
	got_signal = 0;
	alarm(1);
	errno = 0;
	ssize_t r = read(p[0], &c, 1); /* nothing will ever arrive */
	check("read interrupted by a signal: EINTR", r == -1 && errno == EINTR &&
		  got_signal == SIGALRM, "r=%zd errno=%d", r, errno);
	close(p[0]);
	close(p[1]);
}

static int child_status(void (*body)(void))
{
	int status = -1;

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		body();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void die_by_usr1(void)
{
	signal(SIGUSR1, SIG_DFL);
	raise(SIGUSR1);
}

static void call_abort(void)
{
	abort();
}

static void write_to_closed_pipe(void)
{
	int p[2];

	pipe(p);
	close(p[0]);
	write(p[1], "x", 1);
}

static void default_actions(void)
{
	int st = child_status(die_by_usr1);
	check("default action of SIGUSR1 terminates", WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1,
	      "status 0x%x", st);
	st = child_status(call_abort);
	check("abort terminates with SIGABRT", WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT,
	      "status 0x%x", st);
	st = child_status(write_to_closed_pipe);
	check("writing to a closed pipe raises SIGPIPE", WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
	      "status 0x%x", st);
}

static void names(void)
{
	check_str("strsignal SIGSEGV", strsignal(SIGSEGV), "Segmentation fault");
	check_str("strsignal SIGINT", strsignal(SIGINT), "Interrupt");
	check_str("strsignal SIGKILL", strsignal(SIGKILL), "Killed");
	check_str("strsignal SIGCHLD", strsignal(SIGCHLD), "Child exited");
	check("signal numbers are Linux's", SIGHUP == 1 && SIGKILL == 9 && SIGSEGV == 11 &&
		  SIGCHLD == 17 && SIGSTOP == 19 && SIGSYS == 31, "wrong numbers");
}

int main(void)
{
	handlers();
	masks();
	interrupted_call();
	default_actions();
	names();
	return finish();
}
