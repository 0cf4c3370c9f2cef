/* process_test.c: creating and waiting for processes (fork, vfork,
 * waitpid and the status macros), running programs (exec family with
 * PATH search), pipes and descriptor duplication. */
#define _GNU_SOURCE /* pipe2, dup3 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* Reads everything from FD into a static buffer. */
static const char *drain(int fd)
{
	static char buf[512];
	size_t n = 0;
	ssize_t r;

	while (n < sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	return buf;
}

static int wait_status(pid_t pid)
{
	int status = -1;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void fork_and_wait(void)
{
	static int shared_looking = 1;

	fflush(stdout);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		shared_looking = 2; /* the child's own copy */
		_exit(getppid() == parent ? 42 : 1);
	}
	check("fork returns the child's pid", pid > 0, "pid=%d", pid);
	int status = wait_status(pid);
	check("waitpid: exited", WIFEXITED(status) && !WIFSIGNALED(status), "status 0x%x", status);
	check_long("WEXITSTATUS (child checked getppid)", WEXITSTATUS(status), 42);
	check_long("child's memory is its own", shared_looking, 1);

	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	status = wait_status(pid);
	check("WIFSIGNALED", WIFSIGNALED(status) && !WIFEXITED(status), "status 0x%x", status);
	check_long("WTERMSIG", WTERMSIG(status), SIGTERM);

	pid = fork();
	if (pid == 0)
		_exit(300); /* only the low 8 bits survive */
	check_long("exit status is 8 bits", WEXITSTATUS(wait_status(pid)), 300 & 0xff);

	pid = fork();
	if (pid == 0)
		_exit(7);
	int st;
	pid_t got = wait(&st);
	check("wait collects any child", got == pid && WEXITSTATUS(st) == 7, "got %d", got);

	errno = 0;
	check("waitpid without children: ECHILD", waitpid(-1, &st, 0) == -1 && errno == ECHILD,
	      "errno=%d", errno);
}

static void nohang_and_stop(void)
{
	int go[2];
	pipe(go);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		read(go[0], &c, 1); /* wait for the parent */
		_exit(3);
	}
	close(go[0]);
	int st;
	check_long("waitpid WNOHANG on a running child", waitpid(pid, &st, WNOHANG), 0);

	kill(pid, SIGSTOP);
	pid_t got = waitpid(pid, &st, WUNTRACED);
	check("WIFSTOPPED with WUNTRACED", got == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "got %d status 0x%x", got, st);
	kill(pid, SIGCONT);
	got = waitpid(pid, &st, WCONTINUED);
	check("WIFCONTINUED with WCONTINUED", got == pid && WIFCONTINUED(st), "got %d status 0x%x",
	      got, st);
	write(go[1], "x", 1);
	close(go[1]);
	check_long("child exits after continuing", WEXITSTATUS(wait_status(pid)), 3);
}

static void vfork_and_wait(void)
{
	fflush(stdout);
	pid_t pid = vfork();
	if (pid == 0)
		_exit(5);
	check_long("vfork + _exit", WEXITSTATUS(wait_status(pid)), 5);

	pid = vfork();
	if (pid == 0) {
		execlp("true", "true", (char *)NULL);
		_exit(99);
	}
	int st = wait_status(pid);
	check("vfork + execlp true", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
}

/* Runs ARGV with execvp in a child whose stdout is a pipe; returns the
 * output, and the exit status in *STATUS. */
static const char *run_capture(char *const argv[], const char *path, int *status)
{
	int out[2];
	pipe(out);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		if (path)
			setenv("PATH", path, 1);
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 126 : 127);
	}
	close(out[1]);
	const char *text = drain(out[0]);
	close(out[0]);
	*status = wait_status(pid);
	return text;
}

static void exec_family(void)
{
	int st;
	char *echo[] = {"echo", "hello", "world", NULL};

	check_str("execvp echo (PATH search)", run_capture(echo, NULL, &st), "hello world\n");
	check("echo exit status 0", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	check_str("execvp skips PATH entries without the program",
		  run_capture(echo, "/nonexistent-dir:/usr/bin:/bin", &st), "hello world\n");

	char *missing[] = {"no-such-command-for-libc-test", NULL};
	errno = 0;
	check("execvp missing command fails with ENOENT", execvp(missing[0], missing) == -1 &&
		  errno == ENOENT, "errno=%d", errno);
	errno = 0;
	check("execve missing file fails with ENOENT",
	      execve("/nonexistent/program", missing, NULL) == -1 && errno == ENOENT, "errno=%d",
	      errno);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char *env[] = {"CODE=7", NULL};
		execle("/bin/sh", "sh", "-c", "exit $CODE", (char *)NULL, env);
		_exit(99);
	}
	check_long("execle passes its environment", WEXITSTATUS(wait_status(pid)), 7);

	pid = fork();
	if (pid == 0) {
		char *argv[] = {"sh", "-c", "exit $#", "sh", "a", "b", "c", NULL};
		execv("/bin/sh", argv);
		_exit(99);
	}
	check_long("execv passes its arguments", WEXITSTATUS(wait_status(pid)), 3);
}

static void pipes_and_dup(void)
{
	int p[2];
	char buf[16] = "";

	check_long("pipe", pipe(p), 0);
	check_long("write to pipe", write(p[1], "ping", 4), 4);
	check_long("read from pipe", read(p[0], buf, sizeof buf), 4);
	check("pipe data", memcmp(buf, "ping", 4) == 0, "got %.4s", buf);
	close(p[1]);
	check_long("read after writer closed: 0", read(p[0], buf, sizeof buf), 0);
	close(p[0]);

	/* a pipe between two processes */
	pipe(p);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		for (int i = 0; i < 1000; i++)
			write(p[1], "0123456789", 10);
		_exit(0);
	}
	close(p[1]);
	size_t total = 0;
	ssize_t r;
	char big[4096];
	while ((r = read(p[0], big, sizeof big)) > 0)
		total += (size_t)r;
	close(p[0]);
	wait_status(pid);
	check_long("10000 bytes through a pipe", (long)total, 10000);

	char path[256];
	scratch(path, sizeof path, "process_test");
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check_long("dup2 to chosen number", dup2(fd, 20), 20);
	write(20, "via 20", 6);
	close(20);
	int low = dup(fd);
	check("dup returns the lowest free number", low > 2 && low < fd + 2, "got %d", low);
	close(low);
	lseek(fd, 0, SEEK_SET);
	memset(buf, 0, sizeof buf);
	read(fd, buf, sizeof buf);
	check_str("write through dup2'd descriptor", buf, "via 20");
	close(fd);
	unlink(path);

	pipe2(p, O_CLOEXEC);
	check("pipe2 O_CLOEXEC", (fcntl(p[0], F_GETFD) & FD_CLOEXEC) && (fcntl(p[1], F_GETFD) & FD_CLOEXEC),
	      "flag missing");
	int d = dup3(p[0], 30, O_CLOEXEC);
	check("dup3 O_CLOEXEC", d == 30 && (fcntl(30, F_GETFD) & FD_CLOEXEC), "d=%d", d);
	close(30);
	close(p[0]);
	close(p[1]);

	/* stdout of a child redirected into a pipe */
	pipe(p);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		printf("child says %d\n", 123);
		exit(0);
	}
	close(p[1]);
	check_str("child stdout through dup2 and a pipe", drain(p[0]), "child says 123\n");
	close(p[0]);
	wait_status(pid);
}

static volatile int clone_saw;

static int clone_child(void *arg)
{
	clone_saw = *(int *)arg; /* shared memory: the parent sees this */
	return 7;
}

/* clone with CLONE_VM: a child that shares our memory and runs on its
 * own stack (what threads are made of); system() through the shell. */
static void clone_and_system(void)
{
	size_t size = 64 * 1024;
	char *stack = malloc(size);
	int arg = 1234;

	fflush(stdout);
	pid_t pid = clone(clone_child, stack + size, CLONE_VM | SIGCHLD, &arg);
	check("clone returns a pid", pid > 0, "pid=%d errno=%d", pid, errno);
	int st = wait_status(pid);
	check("clone child's return value is its exit status", WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "status 0x%x", st);
	check_long("CLONE_VM child wrote our memory", clone_saw, 1234);
	free(stack);

	check("system(NULL) finds a shell", system(NULL) != 0, "no shell");
	st = system("exit 3");
	check("system returns the wait status", WIFEXITED(st) && WEXITSTATUS(st) == 3,
	      "status 0x%x", st);
}

int main(void)
{
	fork_and_wait();
	clone_and_system();
	nohang_and_stop();
	vfork_and_wait();
	exec_family();
	pipes_and_dup();
	return finish();
}
