/*
 * getpid_demo: every process has a number (its PID) and a parent (the
 * process that created it, its PPID).
 *
 * Lecture point: a process is a running instance of a program, and the
 * kernel knows each one by its PID. getpid() and getppid() are about the
 * simplest system calls there are: the kernel just reads a field of the
 * calling task's structure.
 *
 * What to look for: run it twice. The PID changes every time (each run
 * is a new process), but the PPID stays the same: it is the shell that
 * started both. Compare the PPID with the shell's own PID: "echo $$".
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	printf("my PID is %d\n", (int)getpid());
	printf("my parent's PID (the shell) is %d\n", (int)getppid());
	return 0;
}
