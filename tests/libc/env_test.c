/* env_test.c: the environment: getenv, setenv, unsetenv, putenv,
 * environ, and what a child program inherits. */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static int in_environ(const char *entry)
{
	for (char **e = environ; e && *e; e++)
		if (strcmp(*e, entry) == 0)
			return 1;
	return 0;
}

int main(void)
{
	check("getenv PATH", getenv("PATH") != NULL, "PATH not set");
	check("getenv missing", getenv("LIBC_TEST_NO_SUCH_VARIABLE") == NULL, "found");

	check_long("setenv new", setenv("LIBC_TEST_A", "one", 0), 0);
	check_str("getenv after setenv", getenv("LIBC_TEST_A"), "one");
	check("setenv shows in environ", in_environ("LIBC_TEST_A=one"), "not in environ");
	setenv("LIBC_TEST_A", "two", 0);
	check_str("setenv without overwrite keeps value", getenv("LIBC_TEST_A"), "one");
	setenv("LIBC_TEST_A", "three", 1);
	check_str("setenv with overwrite replaces", getenv("LIBC_TEST_A"), "three");
	setenv("LIBC_TEST_EMPTY", "", 1);
	check_str("setenv empty value", getenv("LIBC_TEST_EMPTY"), "");
	/* a prefix of a variable's name is a different variable */
	setenv("LIBC_TEST_AB", "x", 1);
	check_str("prefix is a different name", getenv("LIBC_TEST_A"), "three");

	errno = 0;
	check("setenv name with '=' fails EINVAL", setenv("A=B", "x", 1) == -1 && errno == EINVAL,
	      "errno=%d", errno);
	errno = 0;
	check("setenv empty name fails EINVAL", setenv("", "x", 1) == -1 && errno == EINVAL,
	      "errno=%d", errno);

	check_long("unsetenv", unsetenv("LIBC_TEST_A"), 0);
	check("getenv after unsetenv", getenv("LIBC_TEST_A") == NULL, "still set");
	check_str("unsetenv leaves others", getenv("LIBC_TEST_AB"), "x");
	check_long("unsetenv missing is fine", unsetenv("LIBC_TEST_A"), 0);

	static char entry[] = "LIBC_TEST_PUT=first";
	check_long("putenv", putenv(entry), 0);
	check_str("getenv after putenv", getenv("LIBC_TEST_PUT"), "first");
	memcpy(entry + 14, "later", 5);
	check_str("putenv uses the caller's string", getenv("LIBC_TEST_PUT"), "later");

	/* many variables: the array must grow */
	int ok = 1;
	for (int i = 0; i < 200; i++) {
		char name[32], value[32];
		snprintf(name, sizeof name, "LIBC_TEST_V%d", i);
		snprintf(value, sizeof value, "%d", i * i);
		ok &= setenv(name, value, 1) == 0;
	}
	for (int i = 0; i < 200; i++) {
		char name[32], value[32];
		snprintf(name, sizeof name, "LIBC_TEST_V%d", i);
		snprintf(value, sizeof value, "%d", i * i);
		const char *got = getenv(name);
		ok &= got && strcmp(got, value) == 0;
	}
	check("200 variables", ok, "lost a variable");

	/* a program started with execvp gets the changed environment */
	setenv("LIBC_TEST_CHILD", "inherited", 1);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execlp("sh", "sh", "-c", "test \"$LIBC_TEST_CHILD\" = inherited", (char *)NULL);
		_exit(127);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	check("child sees setenv variables", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status 0x%x", status);
	return finish();
}
