/* env.c: the environment, the NULL-terminated array of "NAME=value"
 * strings that `environ` points to (getenv, setenv, unsetenv, putenv,
 * clearenv).
 *
 * At start-up environ points into the process stack (start.c). The
 * first change copies the array into malloc() memory that this file
 * owns and can grow. Strings replaced by setenv are not freed: a
 * program may still hold a pointer from getenv(). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal/libc.h"

static char **owned;	  /* our copy of the array, if environ is it */
static size_t owned_cap;  /* slots in `owned`, including the NULL */
static int env_lock;

/* Index of NAME (LEN bytes) in environ, or -1. */
static long find(const char *name, size_t len)
{
	if (!environ)
		return -1;
	for (long i = 0; environ[i]; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return i;
	return -1;
}

static size_t count(void)
{
	size_t n = 0;

	while (environ && environ[n])
		n++;
	return n;
}

/* Makes environ an array we own with room for one more entry. */
static int make_room(void)
{
	size_t n = count();

	if (environ == owned && n + 2 <= owned_cap)
		return 0;
	size_t cap = (n + 2) * 2;
	char **grown = malloc(cap * sizeof *grown);
	if (!grown)
		return -1;
	if (n)
		memcpy(grown, environ, n * sizeof *grown);
	grown[n] = NULL;
	if (environ == owned)
		free(owned);
	environ = owned = grown;
	owned_cap = cap;
	return 0;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	long i = find(name, len);

	return i < 0 ? NULL : environ[i] + len + 1;
}

/* Puts ENTRY ("NAME=...", NAME LEN bytes long) in place of any entry
 * for NAME, or at the end. */
static int put_entry(char *entry, size_t len)
{
	long i = find(entry, len);

	if (i >= 0 && environ == owned) {
		environ[i] = entry;
		return 0;
	}
	if (make_room() < 0)
		return -1;
	i = find(entry, len);
	if (i >= 0) {
		environ[i] = entry;
	} else {
		size_t n = count();
		environ[n] = entry;
		environ[n + 1] = NULL;
	}
	return 0;
}

static int bad_name(const char *name)
{
	if (!name || !*name || strchr(name, '=')) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	if (bad_name(name))
		return -1;
	size_t len = strlen(name), vlen = strlen(value);
	if (!overwrite && find(name, len) >= 0)
		return 0;

	char *entry = malloc(len + vlen + 2);
	if (!entry)
		return -1;
	memcpy(entry, name, len);
	entry[len] = '=';
	memcpy(entry + len + 1, value, vlen + 1);

	__libc_lock(&env_lock);
	int r = put_entry(entry, len);
	__libc_unlock(&env_lock);
	if (r < 0)
		free(entry);
	return r;
}

/* putenv puts STRING itself into the environment: later changes to
 * the string change the variable. */
int putenv(char *string)
{
	char *eq = strchr(string, '=');

	if (!eq)
		return unsetenv(string);
	if (eq == string) {
		errno = EINVAL;
		return -1;
	}
	__libc_lock(&env_lock);
	int r = put_entry(string, (size_t)(eq - string));
	__libc_unlock(&env_lock);
	return r;
}

int unsetenv(const char *name)
{
	if (bad_name(name))
		return -1;
	size_t len = strlen(name);

	__libc_lock(&env_lock);
	for (long i; (i = find(name, len)) >= 0;) {
		/* Removing shifts entries down; the caller's array (the
		 * start-up one, say) is ours to edit like this too. */
		for (; environ[i]; i++)
			environ[i] = environ[i + 1];
	}
	__libc_unlock(&env_lock);
	return 0;
}

int clearenv(void)
{
	__libc_lock(&env_lock);
	if (environ == owned)
		free(owned);
	owned = NULL;
	owned_cap = 0;
	environ = NULL;
	__libc_unlock(&env_lock);
	return 0;
}
