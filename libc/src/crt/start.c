/* start.c: from _start (arch/x86_64/crt0.S) to main, and the data the
 * rest of the library learns at start-up: argv, environ, the auxiliary
 * vector. The main thread's TLS and control block are set up here too
 * (src/thread/tls.c). exit() (src/stdlib/exit.c) is the other end of
 * the story. */
#include <errno.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "internal/libc.h"
#include "internal/vdso.h"

char **environ;
char **__environ_initial;
unsigned long *__auxv;
int __libc_argc;
char **__libc_argv;
char *program_invocation_name;
char *program_invocation_short_name;

int main(int argc, char **argv, char **envp);

/* Constructor tables: the linker gathers every
 * __attribute__((constructor)) function into .init_array and defines
 * these bounds (.preinit_array runs first). */
extern void (*__preinit_array_start[])(int, char **, char **)
	__attribute__((weak, visibility("hidden")));
extern void (*__preinit_array_end[])(int, char **, char **)
	__attribute__((weak, visibility("hidden")));
extern void (*__init_array_start[])(int, char **, char **)
	__attribute__((weak, visibility("hidden")));
extern void (*__init_array_end[])(int, char **, char **)
	__attribute__((weak, visibility("hidden")));

static void run_constructors(int argc, char **argv, char **envp)
{
	for (size_t i = 0; i < (size_t)(__preinit_array_end - __preinit_array_start); i++)
		__preinit_array_start[i](argc, argv, envp);
	for (size_t i = 0; i < (size_t)(__init_array_end - __init_array_start); i++)
		__init_array_start[i](argc, argv, envp);
}

/* The part of argv[0] after its last '/'. */
static char *short_name(char *path)
{
	char *name = path;

	for (char *p = path; *p; p++)
		if (*p == '/')
			name = p + 1;
	return name;
}

/* SP points at argc on the initial process stack (see crt0.S). */
_Noreturn void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	__auxv = (unsigned long *)(p + 1);
	__init_tls(); /* first: errno lives in the thread control block */
	__vdso_init(); /* the kernel's clock functions (src/time/vdso.c) */
	environ = __environ_initial = envp;
	__libc_argc = argc;
	__libc_argv = argv;
	program_invocation_name = argc > 0 ? argv[0] : "";
	program_invocation_short_name = short_name(program_invocation_name);

	run_constructors(argc, argv, envp);
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}

size_t __page_size(void)
{
	static size_t cached;

	if (!cached) {
		cached = getauxval(AT_PAGESZ);
		if (!cached)
			cached = 4096;
	}
	return cached;
}
