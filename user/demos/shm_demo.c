/*
 * shm_demo: shared memory between a parent and its child, on purpose.
 *
 * Lecture point: after fork, parent and child each have their own copy
 * of memory: a store by one is invisible to the other. To share memory
 * they must ask for it: shm_open makes a named object (the file
 * /dev/shm/NAME), ftruncate gives it a size, and mmap with MAP_SHARED
 * puts the same physical pages into the address space of every process
 * that maps it, before or after fork.
 *
 * What to look for: the child changes both an ordinary variable and the
 * shared counter and message. The parent, after wait, still sees its
 * old ordinary variable but the child's counter and message. While the
 * demo runs, `ls -l /dev/shm` would show the object; shm_unlink removes
 * the name, and the memory goes when the last mapping does too.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct shared {
	int counter;
	char message[64];
};

int main(void)
{
	const char *name = "/shm_demo";
	int ordinary = 1;

	int fd = shm_open(name, O_CREAT | O_RDWR, 0600);
	if (fd < 0) {
		perror("shm_open");
		return 1;
	}
	if (ftruncate(fd, sizeof(struct shared)) != 0) {
		perror("ftruncate");
		return 1;
	}
	struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (s == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	close(fd); /* the mapping keeps the object open */
	s->counter = 1;
	strcpy(s->message, "written by the parent");
	printf("parent %d: /dev/shm%s mapped at %p, counter=%d, ordinary=%d\n", (int)getpid(), name,
	       (void *)s, s->counter, ordinary);
	fflush(stdout);

	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		ordinary = 100; /* the child's own copy */
		s->counter += 41;
		snprintf(s->message, sizeof s->message, "written by the child %d", (int)getpid());
		printf("child  %d: set counter=%d, ordinary=%d\n", (int)getpid(), s->counter, ordinary);
		return 0;
	}
	waitpid(pid, NULL, 0);
	printf("parent %d: after the child: counter=%d, message=\"%s\", ordinary=%d\n", (int)getpid(),
	       s->counter, s->message, ordinary);
	printf("shared memory changed (counter 1 -> %d); the ordinary variable did not (%d)\n", s->counter,
	       ordinary);
	munmap(s, sizeof *s);
	shm_unlink(name); /* the name goes; the memory with the last mapping */
	return 0;
}
