/* exec.c: replacing the running program (execve and the exec*
 * conveniences). The l-forms collect their arguments into an array; the
 * p-forms search PATH like a shell does. fork.c creates the process
 * that usually calls these. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal/syscall.h"

#define DEFAULT_PATH "/bin:/usr/bin"

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__syscall_ret(__sc3(execve, path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* A file that is executable but not a binary the kernel knows is run
 * as a shell script, as POSIX asks: /bin/sh PATH ARGS... */
static void exec_as_script(const char *path, char *const argv[],
			   char *const envp[])
{
	int argc = 0;

	while (argv[argc])
		argc++;
	char *sh_argv[argc + 2];
	sh_argv[0] = "sh";
	sh_argv[1] = (char *)path;
	for (int i = 1; i <= argc; i++)
		sh_argv[i + 1] = argv[i];
	execve("/bin/sh", sh_argv, envp);
}

/* Tries DIR/FILE (DIR may be empty: the current directory). Returns
 * only if it could not be executed. */
static void try_exec_in(const char *dir, size_t dirlen, const char *file,
			char *const argv[], char *const envp[])
{
	size_t flen = strlen(file);
	char path[dirlen + flen + 2];

	memcpy(path, dir, dirlen);
	path[dirlen] = '/';
	memcpy(path + dirlen + 1, file, flen + 1);
	execve(dirlen ? path : file, argv, envp);
	if (errno == ENOEXEC)
		exec_as_script(dirlen ? path : file, argv, envp);
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/')) {
		execve(file, argv, envp);
		if (errno == ENOEXEC)
			exec_as_script(file, argv, envp);
		return -1;
	}
	if (strlen(file) > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}

	const char *path = getenv("PATH");
	if (!path)
		path = DEFAULT_PATH;

	/* Remember EACCES: "found but not allowed" beats "not found". */
	int seen_eacces = 0;
	for (const char *p = path;; p++) {
		const char *end = strchrnul(p, ':');
		try_exec_in(p, (size_t)(end - p), file, argv, envp);
		if (errno == EACCES)
			seen_eacces = 1;
		else if (errno != ENOENT && errno != ENOTDIR && errno != ENAMETOOLONG)
			return -1; /* a real error, e.g. E2BIG: report it */
		if (!*end)
			break;
		p = end;
	}
	errno = seen_eacces ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* Counts the arguments after ARG up to the terminating NULL. */
static int count_args(const char *arg, va_list ap)
{
	int n = 1;

	if (!arg)
		return 0;
	while (va_arg(ap, char *))
		n++;
	return n;
}

int execl(const char *path, const char *arg, ...)
{
	va_list ap;

	va_start(ap, arg);
	int n = count_args(arg, ap);
	va_end(ap);

	char *argv[n + 1];
	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i <= n; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg, ...)
{
	va_list ap;

	va_start(ap, arg);
	int n = count_args(arg, ap);
	va_end(ap);

	char *argv[n + 1];
	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i <= n; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	return execvp(file, argv);
}

/* execle: the environment comes after the NULL that ends the list. */
int execle(const char *path, const char *arg, ...)
{
	va_list ap;

	va_start(ap, arg);
	int n = count_args(arg, ap);
	va_end(ap);

	char *argv[n + 1];
	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i <= n; i++)
		argv[i] = va_arg(ap, char *);
	char **envp = va_arg(ap, char **);
	va_end(ap);
	return execve(path, argv, envp);
}
