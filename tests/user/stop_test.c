/*
 * stop_test.c: stopping and continuing a process (SIGSTOP, SIGTSTP,
 * SIGCONT) as its parent sees it: wait4 with WUNTRACED and WCONTINUED,
 * and SIGCHLD with CLD_STOPPED / CLD_CONTINUED.
 */
#define TEST_NAME "stop"
#include "check.h"

#include <signal.h>

static volatile sig_atomic_t chld_code, chld_count, usr1_seen;
static void on_usr1(int sig) { usr1_seen = sig; }

/* Wait (at most 10 s) until PID is asleep: state S in /proc/PID/stat. */
static void wait_sleeping(pid_t pid)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	for (int i = 0; i < 1000; i++) {
		FILE *f = fopen(path, "r");
		char *paren = NULL;
		if (f) {
			size_t n = fread(buf, 1, sizeof buf - 1, f);
			buf[n] = 0;
			fclose(f);
			paren = strrchr(buf, ')');
		}
		if (paren && paren[1] == ' ' && paren[2] == 'S')
			return;
		usleep(10000);
	}
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	chld_code = si->si_code;
	chld_count++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);

	int fds[2];
	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(fds[1]);
		read(fds[0], &c, 1); /* waits until the parent closes the pipe */
		_exit(5);
	}
	close(fds[0]);
	int status = 0;

	kill(pid, SIGSTOP);
	pid_t r = waitpid(pid, &status, WUNTRACED);
	expect("wuntraced_reports_stop", r == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
	       "waitpid(WUNTRACED) did not report the stop");
	for (int i = 0; i < 100 && chld_code != CLD_STOPPED; i++)
		usleep(10000);
	expect("sigchld_cld_stopped", chld_code == CLD_STOPPED, "no SIGCHLD with CLD_STOPPED");
	expect("stop_reported_once", waitpid(pid, &status, WUNTRACED | WNOHANG) == 0,
	       "the same stop was reported twice");

	kill(pid, SIGCONT);
	r = waitpid(pid, &status, WCONTINUED);
	expect("wcontinued_reports_continue", r == pid && WIFCONTINUED(status),
	       "waitpid(WCONTINUED) did not report the continue");
	for (int i = 0; i < 100 && chld_code != CLD_CONTINUED; i++)
		usleep(10000);
	expect("sigchld_cld_continued", chld_code == CLD_CONTINUED, "no SIGCHLD with CLD_CONTINUED");

	/* SIGTSTP stops too (its default); SIGKILL ends even a stopped process */
	kill(pid, SIGTSTP);
	r = waitpid(pid, &status, WUNTRACED);
	expect("sigtstp_stops", r == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP,
	       "SIGTSTP did not stop the child");
	kill(pid, SIGKILL);
	r = waitpid(pid, &status, 0);
	expect("sigkill_ends_stopped", r == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	       "SIGKILL did not end the stopped child");

	/* a continued child finishes its work normally */
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(9);
	}
	waitpid(pid, &status, WUNTRACED);
	kill(pid, SIGCONT);
	r = waitpid(pid, &status, 0);
	expect("continued_child_exits_normally", r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 9,
	       "the continued child did not exit with 9");
	close(fds[1]);
	/* pause() ends only when a handler runs: a stop and continue (no
	 * handler) leaves it sleeping; SIGUSR1 with a handler ends it */
	int ready[2];
	pipe(ready);
	pid = fork();
	if (pid == 0) {
		signal(SIGUSR1, on_usr1);
		close(ready[0]);
		close(ready[1]); /* "about to pause" */
		pause();
		_exit(usr1_seen ? 9 : 8);
	}
	close(ready[1]);
	char byte;
	read(ready[0], &byte, 1); /* end of file: the child is at its pause() */
	close(ready[0]);
	wait_sleeping(pid); /* in it, not just before it */
	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	kill(pid, SIGCONT);
	waitpid(pid, &status, WCONTINUED);
	usleep(200000);
	expect_eq("pause_survives_stop_continue", waitpid(pid, &status, WNOHANG), 0);
	wait_sleeping(pid);
	kill(pid, SIGUSR1);
	for (int i = 0; i < 1000 && waitpid(pid, &status, WNOHANG) == 0; i++)
		usleep(10000); /* at most 10 s, then it is stuck */
	if (waitpid(pid, NULL, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	expect("pause_ends_after_handler", WIFEXITED(status) && WEXITSTATUS(status) == 9,
	       "pause did not return after the SIGUSR1 handler");
	return check_summary();
}
