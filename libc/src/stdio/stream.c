/* stream.c: moving bytes between a FILE's buffer and its descriptor:
 * filling, flushing, switching direction, seeking; and the byte- and
 * block-level calls built directly on that (fgetc, fputc, ungetc,
 * fread, fwrite, fflush, fseek, ftell). stdio_impl.h draws the
 * buffer. Each public call is a locked wrapper (flockfile, file.c)
 * around an unlocked version that does the work. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal/libc.h"
#include "stdio_impl.h"

/* Decides the buffering mode (a terminal is line-buffered, anything
 * else fully buffered) and makes sure F has a buffer. */
static void setup_buffer(FILE *f)
{
	if (f->mode == MODE_UNDECIDED) {
		int saved = errno; /* isatty's ENOTTY is not the program's business */
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
		errno = saved;
	}
	if (f->buf)
		return;
	if (f->mode != _IONBF) {
		f->base = malloc(BUFSIZ + UNGET_SLACK);
		if (f->base) {
			f->buf = f->base + UNGET_SLACK;
			f->size = BUFSIZ;
			f->flags |= F_OWNBUF;
			return;
		}
		f->mode = _IONBF; /* no memory: fall back to unbuffered */
	}
	f->base = f->small;
	f->buf = f->small + UNGET_SLACK;
	f->size = sizeof f->small - UNGET_SLACK;
}

/* Writes all N bytes at P; a short count only on error (F_ERR set). */
static size_t write_all(FILE *f, const unsigned char *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(f->fd, p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->flags |= F_ERR;
			break;
		}
		done += (size_t)w;
	}
	return done;
}

/* Writes out pending output. On error the pending bytes are dropped
 * (the stream is marked F_ERR) and EOF is returned. */
int __stdio_flush(FILE *f)
{
	if (!f->wpos)
		return 0;
	size_t n = (size_t)(f->wpos - f->buf);
	size_t done = write_all(f, f->buf, n);
	f->wpos = f->buf;
	return done == n ? 0 : EOF;
}

/* Enters reading mode: pending output is written first. */
int __stdio_to_read(FILE *f)
{
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->rend)
		return 0;
	if (f->wpos) {
		if (__stdio_flush(f) < 0)
			return EOF;
		f->wpos = NULL;
	}
	setup_buffer(f);
	f->rpos = f->rend = f->buf;
	return 0;
}

/* Enters writing mode: unread input is given back to the descriptor so
 * the write lands where the program has read up to. */
int __stdio_to_write(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->wpos)
		return 0;
	if (f->rend) {
		if (f->rend > f->rpos)
			lseek(f->fd, f->rpos - f->rend, SEEK_CUR);
		f->rpos = f->rend = NULL;
	}
	setup_buffer(f);
	f->wpos = f->buf;
	return 0;
}

/* Reads more input into the (empty) buffer. Returns the number of bytes
 * now available, 0 at end of file or on error. */
int __stdio_refill(FILE *f)
{
	if (f->mode != _IOFBF)
		__stdio_flush_line_buffered();
	size_t want = f->mode == _IONBF ? 1 : f->size;
	ssize_t n;
	do
		n = read(f->fd, f->buf, want);
	while (n < 0 && errno == EINTR);
	f->rpos = f->rend = f->buf;
	if (n <= 0) {
		f->flags |= n == 0 ? F_EOF : F_ERR;
		return 0;
	}
	f->rend += n;
	return (int)n;
}

/* fgetc when the buffer is empty or the stream is not reading yet. End
 * of file is sticky: once seen, no more reads until clearerr/fseek. */
int __stdio_fgetc_slow(FILE *f)
{
	if (__stdio_to_read(f) < 0)
		return EOF;
	if (f->rpos == f->rend) {
		if ((f->flags & F_EOF) || !__stdio_refill(f))
			return EOF;
	}
	return *f->rpos++;
}

int getc_unlocked(FILE *f)
{
	if (f->rpos < f->rend)
		return *f->rpos++;
	return __stdio_fgetc_slow(f);
}

int fgetc(FILE *f)
{
	flockfile(f);
	int c = getc_unlocked(f);
	funlockfile(f);
	return c;
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }
int fgetc_unlocked(FILE *f) { return getc_unlocked(f); }
int getchar_unlocked(void) { return getc_unlocked(stdin); }

int putc_unlocked(int c, FILE *f)
{
	unsigned char byte = (unsigned char)c;

	/* fast path: room in a fully buffered stream that is writing */
	if (f->wpos && f->mode == _IOFBF && f->wpos < f->buf + f->size) {
		*f->wpos++ = byte;
		return byte;
	}
	return __fwrite_unlocked(&byte, 1, 1, f) == 1 ? byte : EOF;
}

int fputc(int c, FILE *f)
{
	flockfile(f);
	int r = putc_unlocked(c, f);
	funlockfile(f);
	return r;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }
int fputc_unlocked(int c, FILE *f) { return putc_unlocked(c, f); }
int putchar_unlocked(int c) { return putc_unlocked(c, stdout); }

/* Pushes C back so the next read returns it. At least UNGET_SLACK
 * bytes can always be pushed back (C guarantees one). */
int __ungetc_unlocked(int c, FILE *f)
{
	if (c == EOF || __stdio_to_read(f) < 0)
		return EOF;
	if (f->rpos == f->rend) /* empty: restart at the front of the buffer */
		f->rpos = f->rend = f->buf;
	if (f->rpos == f->base)
		return EOF;
	*--f->rpos = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

int ungetc(int c, FILE *f)
{
	flockfile(f);
	int r = __ungetc_unlocked(c, f);
	funlockfile(f);
	return r;
}

size_t fread_unlocked(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *dst = p;
	size_t total, done = 0;

	if (__builtin_mul_overflow(size, n, &total) || total == 0)
		return 0;
	if (__stdio_to_read(f) < 0)
		return 0;
	while (done < total) {
		size_t avail = (size_t)(f->rend - f->rpos);
		if (avail) {
			size_t k = avail < total - done ? avail : total - done;
			memcpy(dst + done, f->rpos, k);
			f->rpos += k;
			done += k;
			continue;
		}
		if (f->flags & F_EOF)
			break;
		/* big remainder: read straight into the caller's memory */
		if (total - done >= f->size) {
			ssize_t r = read(f->fd, dst + done, total - done);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				f->flags |= r == 0 ? F_EOF : F_ERR;
				break;
			}
			done += (size_t)r;
		} else if (!__stdio_refill(f)) {
			break;
		}
	}
	return done / size;
}

/* Adds N bytes to a buffered stream: into the buffer if they fit (after
 * flushing it if need be), straight to the descriptor if they are more
 * than a whole buffer. Returns the bytes taken, short only on error. */
static size_t buffered_write(FILE *f, const unsigned char *src, size_t n)
{
	size_t room = (size_t)(f->buf + f->size - f->wpos);

	if (n >= room) {
		if (__stdio_flush(f) < 0)
			return 0;
		if (n >= f->size)
			return write_all(f, src, n);
	}
	memcpy(f->wpos, src, n);
	f->wpos += n;
	return n;
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	flockfile(f);
	size_t r = fread_unlocked(p, size, n, f);
	funlockfile(f);
	return r;
}

size_t __fwrite_unlocked(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	const unsigned char *src = p;
	size_t total, head = 0, done = 0;

	if (__builtin_mul_overflow(size, n, &total) || total == 0)
		return 0;
	if (__stdio_to_write(f) < 0)
		return 0;
	if (f->mode == _IONBF) {
		if (__stdio_flush(f) < 0)
			return 0;
		return write_all(f, src, total) / size;
	}
	/* Line buffering: everything up to the last newline goes out now,
	 * the rest waits in the buffer. */
	if (f->mode == _IOLBF) {
		const unsigned char *nl = memrchr(src, '\n', total);
		if (nl)
			head = (size_t)(nl - src) + 1;
	}
	if (head) {
		done = buffered_write(f, src, head);
		if (done < head || __stdio_flush(f) < 0)
			return done / size;
	}
	done += buffered_write(f, src + head, total - head);
	return done / size;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	flockfile(f);
	size_t r = __fwrite_unlocked(p, size, n, f);
	funlockfile(f);
	return r;
}

size_t fwrite_unlocked(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	return __fwrite_unlocked(p, size, n, f);
}

static int flush_unlocked(FILE *f)
{
	if (f->wpos)
		return __stdio_flush(f);
	/* An input stream: give unread bytes back to a seekable descriptor
	 * (what POSIX asks), so another process or descriptor sees our
	 * position. */
	if (f->rend && f->rend > f->rpos &&
	    lseek(f->fd, f->rpos - f->rend, SEEK_CUR) >= 0)
		f->rpos = f->rend = NULL;
	return 0;
}

int fflush_unlocked(FILE *f)
{
	return f ? flush_unlocked(f) : fflush(NULL);
}

int fflush(FILE *f)
{
	int ret = 0;

	if (!f) {
		/* Streams with nothing to write are skipped unlocked: a thread
		 * sleeping in fgets(stdin) holds that stream's lock, and we
		 * need not wait for it. */
		__stdio_lock_all();
		for (FILE *g = __stdio_head; g; g = g->next) {
			if (!__atomic_load_n(&g->wpos, __ATOMIC_RELAXED))
				continue;
			flockfile(g);
			if (g->wpos && __stdio_flush(g) < 0)
				ret = EOF;
			funlockfile(g);
		}
		__stdio_unlock_all();
		return ret;
	}
	flockfile(f);
	ret = flush_unlocked(f);
	funlockfile(f);
	return ret;
}

static int seek_unlocked(FILE *f, off_t offset, int whence)
{
	if (f->wpos && __stdio_flush(f) < 0)
		return -1;
	if (whence == SEEK_CUR && f->rend)
		offset -= f->rend - f->rpos; /* we are behind the descriptor */
	if (lseek(f->fd, offset, whence) < 0)
		return -1;
	f->rpos = f->rend = f->wpos = NULL;
	f->flags &= ~F_EOF;
	return 0;
}

int fseeko(FILE *f, off_t offset, int whence)
{
	flockfile(f);
	int r = seek_unlocked(f, offset, whence);
	funlockfile(f);
	return r;
}

int fseek(FILE *f, long offset, int whence)
{
	return fseeko(f, offset, whence);
}

static off_t tell_unlocked(FILE *f)
{
	/* In append mode pending output goes to the end of file, so only
	 * flushing tells where it really lands. */
	if (f->wpos && (f->flags & F_APPEND) && __stdio_flush(f) < 0)
		return -1;
	off_t pos = lseek(f->fd, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	if (f->rend)
		pos -= f->rend - f->rpos;
	if (f->wpos)
		pos += f->wpos - f->buf;
	return pos;
}

off_t ftello(FILE *f)
{
	flockfile(f);
	off_t pos = tell_unlocked(f);
	funlockfile(f);
	return pos;
}

long ftell(FILE *f)
{
	return ftello(f);
}

void rewind(FILE *f)
{
	flockfile(f);
	seek_unlocked(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
	funlockfile(f);
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t off = ftello(f);

	if (off < 0)
		return -1;
	pos->__pos = off;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, pos->__pos, SEEK_SET);
}
