/* stdio_impl.h: the inside of FILE, shared by the files of src/stdio.
 *
 * A stream is a file descriptor plus one buffer used in one direction
 * at a time:
 *
 *   reading:  base [slack] buf ... rpos ...... rend ... buf+size
 *                               ^ next byte    ^ end of what read() gave
 *   writing:  base [slack] buf ....... wpos ........... buf+size
 *                          ^ pending output ^ next free byte
 *
 * rend != NULL means "reading", wpos != NULL means "writing", neither
 * means idle (after open, fflush or fseek). The slack bytes before buf
 * let ungetc push back a few bytes even at the start of the buffer.
 * Buffers are allocated at first use, when the buffering mode is also
 * decided (a terminal gets line buffering).
 *
 * Threads: every public stdio function holds the stream's lock while it
 * works (flockfile, a recursive futex lock; the *_unlocked functions
 * skip it), so each call acts as a whole: two threads' printf lines
 * never mix. Lock order: the stream list (file.c) before a stream's
 * lock, and a stream's lock before malloc's. */
#ifndef _STDIO_IMPL_H
#define _STDIO_IMPL_H

#include <stdio.h>

#define UNGET_SLACK 8

/* flags */
#define F_READ 0x01	/* opened for reading */
#define F_WRITE 0x02	/* opened for writing */
#define F_APPEND 0x04	/* every write goes to the end (O_APPEND) */
#define F_EOF 0x08	/* end of file seen (sticky until clearerr/seek) */
#define F_ERR 0x10	/* an I/O error happened */
#define F_OWNBUF 0x20	/* buf was malloc()ed by us */
#define F_STATIC 0x40	/* stdin/stdout/stderr: never freed */

#define MODE_UNDECIDED (-1)

struct __FILE {
	int fd;
	unsigned flags;
	int mode; /* _IOFBF, _IOLBF, _IONBF or MODE_UNDECIDED */
	unsigned char *base; /* allocation; the data starts at buf */
	unsigned char *buf;
	size_t size;	     /* bytes of data space at buf */
	unsigned char *rpos, *rend; /* reading window, both NULL if not */
	unsigned char *wpos;	    /* writing position, NULL if not */
	struct __FILE *prev, *next; /* the list of open streams */
	unsigned char small[UNGET_SLACK + 8]; /* buffer of unbuffered streams */

	/* flockfile's lock: the fields above are guarded by it */
	volatile int lock;	  /* futex lock word (internal/lock.h) */
	void *volatile lock_owner; /* holder's TCB; written only by the holder */
	int lock_count;		  /* how many times the holder has locked */
};

/* stream.c */
int __stdio_to_read(FILE *f);
int __stdio_to_write(FILE *f);
int __stdio_refill(FILE *f);
int __stdio_flush(FILE *f);
int __stdio_fgetc_slow(FILE *f);

/* stream.c: the lock-free halves of the public calls */
size_t __fwrite_unlocked(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int __ungetc_unlocked(int c, FILE *f);

/* file.c */
void __stdio_link(FILE *f);
void __stdio_unlink(FILE *f);
int __stdio_mode_flags(const char *mode, int *oflags);
void __stdio_flush_line_buffered(void);
extern FILE *__stdio_head;

#endif
