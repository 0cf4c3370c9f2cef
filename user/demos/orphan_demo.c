/*
 * orphan_demo: when a parent exits before its child, init adopts it.
 *
 * Lecture point: every process except init has a parent that will wait
 * for it. If the parent dies first, the child becomes an orphan and the
 * kernel makes init (PID 1) its new parent, so that someone will still
 * collect its exit status (init reaps every orphan in a loop).
 *
 * What to look for: the child first prints its parent's PID, then the
 * parent exits (the shell prompt may come back before the child's last
 * line: the shell only waited for the parent). The child's second line
 * shows its new parent: 1, init. (On a Linux desktop it may be a
 * "subreaper" such as systemd --user instead.)
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int main(void)
{
	pid_t parent = getpid(), pid;
	int i;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid > 0) {
		sleep_ms(200); /* let the child print its first line */
		printf("parent %d: exiting now, without waiting for child %d\n",
		       (int)parent, (int)pid);
		return 0;
	}
	printf("child %d: my parent is %d\n", (int)getpid(), (int)getppid());
	fflush(stdout);
	for (i = 0; i < 500 && getppid() == parent; i++)
		sleep_ms(10); /* poll until the parent is gone */
	printf("child %d: my parent is now %d\n", (int)getpid(),
	       (int)getppid());
	return 0;
}
