/* file.c: FILE objects: the three standard streams, opening and
 * closing, choosing buffers (setvbuf), and the list of open streams
 * that exit() flushes; and the stream locks (flockfile). The reading
 * and writing machinery is in stream.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal/libc.h"
#include "internal/pthread_impl.h"
#include "stdio_impl.h"

/* stdin and stdout start with static buffers, so a program that only
 * prints never calls malloc. stderr is unbuffered, as C requires. */
static unsigned char stdin_buf[BUFSIZ + UNGET_SLACK];
static unsigned char stdout_buf[BUFSIZ + UNGET_SLACK];

static FILE std_files[3] = {
	{.fd = 0, .flags = F_READ | F_STATIC, .mode = MODE_UNDECIDED,
	 .base = stdin_buf, .buf = stdin_buf + UNGET_SLACK, .size = BUFSIZ,
	 .next = &std_files[1]},
	{.fd = 1, .flags = F_WRITE | F_STATIC, .mode = MODE_UNDECIDED,
	 .base = stdout_buf, .buf = stdout_buf + UNGET_SLACK, .size = BUFSIZ,
	 .prev = &std_files[0], .next = &std_files[2]},
	{.fd = 2, .flags = F_WRITE | F_STATIC, .mode = _IONBF,
	 .base = std_files[2].small, .buf = std_files[2].small + UNGET_SLACK,
	 .size = sizeof std_files[2].small - UNGET_SLACK, .prev = &std_files[1]},
};

FILE *stdin = &std_files[0];
FILE *stdout = &std_files[1];
FILE *stderr = &std_files[2];

FILE *__stdio_head = &std_files[0];
static int list_lock; /* guards __stdio_head and every prev/next */

/* --- stream locks ------------------------------------------------------
 * Recursive, because POSIX lets a thread flockfile() a stream and then
 * call stdio functions on it, which lock it again. The owner field
 * tells "it is mine already" from "somebody else has it"; only the
 * holder writes it, so reading it without the lock cannot fool us. */

void flockfile(FILE *f)
{
	struct pthread *self = __pthread_self();

	if (f->lock_owner == self) {
		f->lock_count++;
		return;
	}
	__futex_lock(&f->lock, FUTEX_PRIVATE);
	f->lock_owner = self;
	f->lock_count = 1;
}

int ftrylockfile(FILE *f)
{
	struct pthread *self = __pthread_self();

	if (f->lock_owner == self) {
		f->lock_count++;
		return 0;
	}
	if (!__futex_trylock(&f->lock))
		return -1;
	f->lock_owner = self;
	f->lock_count = 1;
	return 0;
}

void funlockfile(FILE *f)
{
	if (--f->lock_count > 0)
		return;
	f->lock_owner = NULL;
	__futex_unlock(&f->lock, FUTEX_PRIVATE);
}

/* For fork (src/thread/atfork.c) and fflush(NULL): the list lock. */
void __stdio_lock_all(void)
{
	__libc_lock(&list_lock);
}

void __stdio_unlock_all(void)
{
	__libc_unlock(&list_lock);
}

/* In a fork child: stream locks held by threads that do not exist in
 * the child would never be released. */
void __stdio_reset_locks(void)
{
	for (FILE *f = __stdio_head; f; f = f->next) {
		f->lock = 0;
		f->lock_owner = NULL;
		f->lock_count = 0;
	}
}

void __stdio_link(FILE *f)
{
	__libc_lock(&list_lock);
	f->prev = NULL;
	f->next = __stdio_head;
	if (__stdio_head)
		__stdio_head->prev = f;
	__stdio_head = f;
	__libc_unlock(&list_lock);
}

void __stdio_unlink(FILE *f)
{
	__libc_lock(&list_lock);
	if (f->prev)
		f->prev->next = f->next;
	else
		__stdio_head = f->next;
	if (f->next)
		f->next->prev = f->prev;
	__libc_unlock(&list_lock);
}

/* Before a program waits for input from a terminal, the prompt it
 * printed must be visible: flush every line-buffered output stream.
 * The caller holds its input stream's lock, so here we only *try* the
 * other locks: waiting for them could deadlock against fflush(NULL),
 * which takes them in the other order. A stream another thread holds
 * is being written by it right now, and a line-buffered one flushes
 * itself at the newline anyway. */
void __stdio_flush_line_buffered(void)
{
	if (!__futex_trylock(&list_lock))
		return;
	for (FILE *f = __stdio_head; f; f = f->next) {
		if (f->mode != _IOLBF || !f->wpos || ftrylockfile(f) != 0)
			continue;
		__stdio_flush(f);
		funlockfile(f);
	}
	__libc_unlock(&list_lock);
}

/* At exit, pending output is written without taking any lock: another
 * thread may hold a stream's lock forever (blocked reading a terminal,
 * say), and exit must not hang on it. exit_group ends those threads
 * right after. */
void __stdio_exit(void)
{
	for (FILE *f = __stdio_head; f; f = f->next)
		if (f->wpos)
			__stdio_flush(f);
}

/* Translates an fopen mode ("r", "w+", "ab", "re", "wx" ...) into open()
 * flags; returns the F_READ/F_WRITE/F_APPEND bits, or -1 (EINVAL). */
int __stdio_mode_flags(const char *mode, int *oflags)
{
	int flags, o;

	switch (mode[0]) {
	case 'r': flags = F_READ; o = O_RDONLY; break;
	case 'w': flags = F_WRITE; o = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': flags = F_WRITE | F_APPEND; o = O_WRONLY | O_CREAT | O_APPEND; break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+') {
			flags |= F_READ | F_WRITE;
			o = (o & ~O_ACCMODE) | O_RDWR;
		} else if (*m == 'x') {
			o |= O_EXCL;
		} else if (*m == 'e') {
			o |= O_CLOEXEC;
		} /* 'b' and anything else: no meaning on POSIX systems */
	}
	*oflags = o;
	return flags;
}

static FILE *new_file(int fd, int flags)
{
	FILE *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = (unsigned)flags;
	f->mode = MODE_UNDECIDED;
	__stdio_link(f);
	return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int oflags, flags = __stdio_mode_flags(mode, &oflags);

	if (flags < 0)
		return NULL;
	int fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	FILE *f = new_file(fd, flags);
	if (!f)
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags, flags = __stdio_mode_flags(mode, &oflags);

	if (flags < 0)
		return NULL;
	if (fcntl(fd, F_GETFD) < 0)
		return NULL; /* EBADF */
	if (flags & F_APPEND)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_APPEND);
	return new_file(fd, flags);
}

/* Drops F's buffer if we allocated it and forgets all buffered state. */
static void release_buffer(FILE *f)
{
	if (f->flags & F_OWNBUF)
		free(f->base);
	f->flags &= ~F_OWNBUF;
	f->base = f->buf = NULL;
	f->size = 0;
	f->rpos = f->rend = f->wpos = NULL;
}

/* Writes out pending output and gives back unread input (so that the
 * descriptor's offset is where the program thinks it is). */
static int sync_stream(FILE *f)
{
	if (f->wpos)
		return __stdio_flush(f);
	if (f->rend) {
		if (f->rend > f->rpos)
			lseek(f->fd, f->rpos - f->rend, SEEK_CUR);
		f->rpos = f->rend = NULL;
	}
	return 0;
}

/* Unlinked first, so fflush(NULL) cannot find it any more; then the
 * stream's own lock waits for any thread still using it. */
int fclose(FILE *f)
{
	__stdio_unlink(f);
	flockfile(f);
	int ret = sync_stream(f);
	if (close(f->fd) < 0)
		ret = EOF;
	if (f->flags & F_STATIC) {
		f->rpos = f->rend = f->wpos = NULL;
		f->flags |= F_ERR;
		funlockfile(f);
		return ret;
	}
	release_buffer(f);
	funlockfile(f);
	free(f);
	return ret;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int oflags, flags = __stdio_mode_flags(mode, &oflags);

	flockfile(f);
	sync_stream(f);
	if (flags < 0)
		goto fail;
	if (!path) { /* same file, new mode: only the access bits can change */
		if (fcntl(f->fd, F_SETFL, oflags & ~(O_CREAT | O_EXCL | O_TRUNC)) < 0)
			goto fail;
	} else {
		int fd = open(path, oflags, 0666);
		if (fd < 0)
			goto fail;
		if (fd != f->fd) { /* keep the descriptor number (stdin stays 0) */
			if (dup2(fd, f->fd) < 0) {
				close(fd);
				goto fail;
			}
			close(fd);
		}
	}
	f->flags = (f->flags & (F_STATIC | F_OWNBUF)) | (unsigned)flags;
	f->rpos = f->rend = f->wpos = NULL;
	funlockfile(f);
	return f;
fail:
	funlockfile(f);
	fclose(f);
	return NULL;
}

/* Must come before any I/O on F. With BUF == NULL we allocate later; a
 * caller's buffer lends UNGET_SLACK of its bytes to ungetc. */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	flockfile(f);
	sync_stream(f);
	release_buffer(f);
	f->mode = mode;
	if (mode == _IONBF || (buf && size <= UNGET_SLACK + 1)) {
		f->base = f->small;
		f->buf = f->small + UNGET_SLACK;
		f->size = sizeof f->small - UNGET_SLACK;
	} else if (buf) {
		f->base = (unsigned char *)buf;
		f->buf = f->base + UNGET_SLACK;
		f->size = size - UNGET_SLACK;
	}
	funlockfile(f);
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
}

int fileno(FILE *f)
{
	return f->fd;
}

int feof_unlocked(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

int ferror_unlocked(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

void clearerr_unlocked(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

int feof(FILE *f)
{
	flockfile(f);
	int r = feof_unlocked(f);
	funlockfile(f);
	return r;
}

int ferror(FILE *f)
{
	flockfile(f);
	int r = ferror_unlocked(f);
	funlockfile(f);
	return r;
}

void clearerr(FILE *f)
{
	flockfile(f);
	clearerr_unlocked(f);
	funlockfile(f);
}
