/*
 * fork_demo: fork() is called once and returns twice.
 *
 * Lecture point: fork creates a copy of the calling process. Both the
 * original (the parent) and the copy (the child) continue from the same
 * point, the return from fork, but fork returns different values: the
 * child's PID in the parent, 0 in the child. That value is how each
 * knows which one it is.
 *
 * What to look for: two lines after "calling fork", one from each
 * process. The parent's "fork returned" is the child's PID; the child's
 * is 0. Their order may differ from run to run, especially with several
 * CPUs: after fork the scheduler decides who runs first. The variable
 * set after fork shows that each process has its own copy of memory.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int x = 100;
	pid_t r;

	printf("I am %d, calling fork\n", (int)getpid());
	fflush(stdout); /* else the child inherits the unprinted buffer */
	r = fork();
	if (r < 0) {
		perror("fork");
		return 1;
	}
	if (r == 0) {
		x += 1;
		printf("child:  fork returned %d, I am %d, my parent is %d, "
		       "x = %d\n", (int)r, (int)getpid(), (int)getppid(), x);
		return 0;
	}
	x -= 1;
	printf("parent: fork returned %d, I am %d, x = %d\n", (int)r,
	       (int)getpid(), x);
	wait(NULL); /* do not leave the child behind as a zombie */
	return 0;
}
