/*
 * fork_exec_demo: how a shell runs a program: fork + exec + wait.
 *
 * Lecture point: fork makes a copy of this process; execl then replaces
 * the copy's program with another one (/bin/ls), keeping the same PID;
 * waitpid lets the parent sleep until the child ends and collect its
 * exit status, which the W* macros decode.
 *
 * What to look for: the child's PID is printed by both sides; the ls
 * output comes from that same PID (exec does not create a process). The
 * parent's last line shows the status: "exited with status 0". Try
 * "fork_exec_demo /nonexistent" to pass ls an argument and see status 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void print_status(pid_t pid, int status)
{
	if (WIFEXITED(status))
		printf("parent: child %d exited with status %d\n", (int)pid,
		       WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("parent: child %d was killed by signal %d\n", (int)pid,
		       WTERMSIG(status));
	else
		printf("parent: child %d: status 0x%x\n", (int)pid, status);
}

int main(int argc, char **argv)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		printf("child %d: now exec'ing /bin/ls\n", (int)getpid());
		fflush(stdout); /* exec discards our unwritten stdio buffer */
		execl("/bin/ls", "ls", argc > 1 ? argv[1] : (char *)NULL,
		      (char *)NULL);
		perror("execl"); /* only reached if exec failed */
		exit(127);
	}
	printf("parent %d: started child %d, waiting\n", (int)getpid(),
	       (int)pid);
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return 1;
	}
	print_status(pid, status);
	return 0;
}
