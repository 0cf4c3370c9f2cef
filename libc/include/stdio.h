/* stdio.h: buffered streams (src/stdio/file.c and friends), formatted
 * output (src/stdio/printf.c) and input (src/stdio/scanf.c). */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

/* The structure is private to src/stdio (see stdio_impl.h). */
typedef struct __FILE FILE;

typedef struct {
	off_t __pos;
} fpos_t;

#define EOF (-1)
#define BUFSIZ 4096
#define FILENAME_MAX 4096
#define FOPEN_MAX 1000
#define L_tmpnam 20
#define TMP_MAX 238328
#define P_tmpdir "/tmp"

/* setvbuf modes */
#define _IOFBF 0 /* fully buffered */
#define _IOLBF 1 /* flushed at each newline */
#define _IONBF 2 /* unbuffered */

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *restrict path, const char *restrict mode,
	      FILE *restrict f);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);
void setlinebuf(FILE *f);

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int size, FILE *restrict f);
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim,
		 FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);

/* Every stdio call locks its stream (one thread at a time per FILE).
 * flockfile holds the lock across several calls; the *_unlocked
 * variants skip the lock, for loops run under flockfile. */
void flockfile(FILE *f);
void funlockfile(FILE *f);
int ftrylockfile(FILE *f);
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);
int fgetc_unlocked(FILE *f);
int fputc_unlocked(int c, FILE *f);
size_t fread_unlocked(void *restrict p, size_t size, size_t n, FILE *restrict f);
size_t fwrite_unlocked(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int fflush_unlocked(FILE *f);
int feof_unlocked(FILE *f);
int ferror_unlocked(FILE *f);
void clearerr_unlocked(FILE *f);

int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);

int fseek(FILE *f, long offset, int whence);
int fseeko(FILE *f, off_t offset, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *restrict f, fpos_t *restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);

int remove(const char *path);
int rename(const char *from, const char *to);
int renameat(int fromdir, const char *from, int todir, const char *to);

#define __printflike(f, a) __attribute__((__format__(__printf__, f, a)))
#define __scanflike(f, a) __attribute__((__format__(__scanf__, f, a)))

int printf(const char *restrict fmt, ...) __printflike(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __printflike(2, 3);
int dprintf(int fd, const char *restrict fmt, ...) __printflike(2, 3);
int sprintf(char *restrict s, const char *restrict fmt, ...) __printflike(2, 3);
int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...)
	__printflike(3, 4);
int asprintf(char **restrict out, const char *restrict fmt, ...)
	__printflike(2, 3);
int vprintf(const char *restrict fmt, va_list ap) __printflike(1, 0);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
	__printflike(2, 0);
int vdprintf(int fd, const char *restrict fmt, va_list ap) __printflike(2, 0);
int vsprintf(char *restrict s, const char *restrict fmt, va_list ap)
	__printflike(2, 0);
int vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap)
	__printflike(3, 0);
int vasprintf(char **restrict out, const char *restrict fmt, va_list ap)
	__printflike(2, 0);

int scanf(const char *restrict fmt, ...) __scanflike(1, 2);
int fscanf(FILE *restrict f, const char *restrict fmt, ...) __scanflike(2, 3);
int sscanf(const char *restrict s, const char *restrict fmt, ...)
	__scanflike(2, 3);
int vscanf(const char *restrict fmt, va_list ap) __scanflike(1, 0);
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
	__scanflike(2, 0);
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
	__scanflike(2, 0);

void perror(const char *prefix);

#endif
