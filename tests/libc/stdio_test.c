/* stdio_test.c: streams on files and pipes: fopen modes, line and
 * block I/O, getline, seeking, ungetc, error and end-of-file flags,
 * and when buffered output reaches the descriptor (checked through a
 * pipe from a child process). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static char path[256];

/* The whole file at PATH as a string (static buffer). */
static const char *contents(void)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void write_and_read(void)
{
	FILE *f = fopen(path, "w");

	check("fopen w", f != NULL, "errno=%d", errno);
	fputs("first line\n", f);
	fprintf(f, "second %d\n", 2);
	fputc('3', f);
	fwrite("rd\n", 1, 3, f);
	check_long("fclose", fclose(f), 0);
	check_str("written contents", contents(), "first line\nsecond 2\n3rd\n");

	char line[64];
	f = fopen(path, "r");
	check_str("fgets line 1", fgets(line, sizeof line, f), "first line\n");
	check_long("fgetc", fgetc(f), 's');
	check_str("fgets rest of line 2", fgets(line, sizeof line, f), "econd 2\n");
	check_str("fgets short buffer", fgets(line, 3, f), "3r");
	check_str("fgets line 3 rest", fgets(line, sizeof line, f), "d\n");
	check("fgets at end returns NULL", fgets(line, sizeof line, f) == NULL, "not NULL");
	check("feof set", feof(f) != 0, "feof not set");
	check("ferror clear", ferror(f) == 0, "ferror set");
	check_long("fgetc at end", fgetc(f), EOF);
	clearerr(f);
	check("clearerr clears eof", !feof(f), "still eof");
	fclose(f);

	f = fopen(path, "a");
	fputs("appended\n", f);
	fclose(f);
	check_str("fopen a appends", contents(), "first line\nsecond 2\n3rd\nappended\n");

	errno = 0;
	f = fopen("/nonexistent-dir/file", "r");
	check("fopen missing file fails with ENOENT", f == NULL && errno == ENOENT, "errno=%d", errno);
	errno = 0;
	f = fopen(path, "q");
	check("fopen bad mode fails with EINVAL", f == NULL && errno == EINVAL, "errno=%d", errno);

	f = fopen(path, "r");
	fputc('x', f);
	check("write to read-only stream sets ferror", ferror(f) != 0, "no error");
	fclose(f);
}

static void lines(void)
{
	FILE *f = fopen(path, "w");
	for (int i = 0; i < 5000; i++)
		fputc('a' + i % 26, f);
	fputs("\nshort\n\nno newline at end", f);
	fclose(f);

	char *line = NULL;
	size_t cap = 0;
	f = fopen(path, "r");
	ssize_t n = getline(&line, &cap, f);
	check("getline long line", n == 5001 && line[4999] == 'a' + 4999 % 26 && line[5000] == '\n',
	      "n=%zd", n);
	check("getline grows the buffer", cap > 5001, "cap=%zu", cap);
	check_long("getline short", getline(&line, &cap, f), 6);
	check_str("getline short text", line, "short\n");
	check_long("getline empty line", getline(&line, &cap, f), 1);
	check_long("getline last line without newline", getline(&line, &cap, f), 17);
	check_str("getline last text", line, "no newline at end");
	check_long("getline at end", getline(&line, &cap, f), -1);
	fclose(f);

	f = fopen(path, "r");
	check_long("getdelim with 't'", (fseek(f, 5001, SEEK_SET), getdelim(&line, &cap, 't', f)), 5);
	check_str("getdelim text", line, "short");
	fclose(f);
	free(line);
}

static void seeking(void)
{
	FILE *f = fopen(path, "w+");

	fputs("0123456789", f);
	check_long("ftell after write", ftell(f), 10);
	check_long("fseek SEEK_SET", fseek(f, 3, SEEK_SET), 0);
	check_long("fgetc after seek", fgetc(f), '3');
	check_long("ftell after read", ftell(f), 4);
	fseek(f, 2, SEEK_CUR);
	check_long("fseek SEEK_CUR", fgetc(f), '6');
	fseek(f, -2, SEEK_END);
	check_long("fseek SEEK_END", fgetc(f), '8');
	rewind(f);
	check_long("rewind", fgetc(f), '0');

	check_long("ungetc returns char", ungetc('X', f), 'X');
	check_long("ftell after ungetc", ftell(f), 0);
	check_long("read back ungetc", fgetc(f), 'X');
	check_long("then the file again", fgetc(f), '1');
	ungetc('2', f);
	ungetc('1', f);
	check("ungetc twice", fgetc(f) == '1' && fgetc(f) == '2' && fgetc(f) == '2',
	      "wrong order");

	/* writing in the middle after reading (update mode needs a seek) */
	fseek(f, 5, SEEK_SET);
	fputs("ab", f);
	fseek(f, 0, SEEK_SET);
	char buf[16] = "";
	check_long("fread after update", (long)fread(buf, 1, 15, f), 10);
	check_str("update in place", buf, "01234ab789");
	check("fread short sets eof", feof(f) != 0, "no eof");
	fclose(f);
}

static void blocks(void)
{
	enum { N = 300000 };
	unsigned char *out = malloc(N), *in = malloc(N);

	for (int i = 0; i < N; i++)
		out[i] = (unsigned char)(i * 13);
	FILE *f = fopen(path, "w");
	check_long("fwrite large block", (long)fwrite(out, 1, N, f), N);
	check_long("fwrite items", (long)fwrite(out, 1000, 3, f), 3);
	fclose(f);
	f = fopen(path, "r");
	check_long("fread large block", (long)fread(in, 1, N, f), N);
	check("fread contents", memcmp(in, out, N) == 0, "differs");
	check_long("fread items", (long)fread(in, 1000, 5, f), 3);
	fclose(f);
	free(out);
	free(in);
}

/* Runs BODY in a child writing to a pipe through a fresh FILE; returns
 * what arrived at the other end. */
static const char *child_output(void (*body)(FILE *))
{
	static char buf[256];
	int fds[2];

	pipe(fds);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		FILE *f = fdopen(fds[1], "w");
		body(f);
		_exit(0);
	}
	close(fds[1]);
	size_t n = 0;
	ssize_t r;
	while (n < sizeof buf - 1 && (r = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return buf;
}

static void lost_on__exit(FILE *f) { fputs("buffered", f); _exit(0); }
static void flushed_by_exit(FILE *f) { fputs("flushed by exit", f); exit(0); }
static void flushed_by_fflush(FILE *f) { fputs("fflush", f); fflush(f); _exit(0); }
static void line_buffered(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
	fputs("line\npartial", f);
	_exit(0);
}
static void unbuffered(FILE *f)
{
	setvbuf(f, NULL, _IONBF, 0);
	fputs("now", f);
	_exit(0);
}
static void own_buffer(FILE *f)
{
	static char mine[64];
	setvbuf(f, mine, _IOFBF, sizeof mine);
	for (int i = 0; i < 10; i++)
		fputs("0123456789", f); /* 100 bytes: overflows the 64-byte buffer */
	_exit(0);
}
static void via_stdout(FILE *f)
{
	dup2(fileno(f), 1);
	printf("printf %s", "reaches the pipe at exit");
	exit(0);
}

static void buffering(void)
{
	check_str("pipe stream: _exit loses unflushed output", child_output(lost_on__exit), "");
	check_str("exit flushes streams", child_output(flushed_by_exit), "flushed by exit");
	check_str("fflush writes", child_output(flushed_by_fflush), "fflush");
	check_str("line buffering flushes at newline", child_output(line_buffered), "line\n");
	check_str("unbuffered writes at once", child_output(unbuffered), "now");
	const char *got = child_output(own_buffer);
	check("setvbuf with own buffer flushes when full",
	      strlen(got) >= 50 && strlen(got) < 100 && strncmp(got, "0123456789", 10) == 0,
	      "got %zu bytes", strlen(got));
	check_str("stdout to a pipe, flushed at exit", child_output(via_stdout),
		  "printf reaches the pipe at exit");
}

static void misc(void)
{
	check("fileno of standard streams", fileno(stdin) == 0 && fileno(stdout) == 1 &&
		  fileno(stderr) == 2, "wrong");
	char other[300];
	snprintf(other, sizeof other, "%s.renamed", path);
	FILE *f = fopen(path, "w");
	fclose(f);
	check_long("rename", rename(path, other), 0);
	check("renamed file exists", access(other, F_OK) == 0 && access(path, F_OK) != 0, "wrong");
	check_long("remove file", remove(other), 0);
	check("removed", access(other, F_OK) != 0, "still there");
	mkdir(path, 0700);
	check_long("remove directory", remove(path), 0);
	errno = 0;
	check("remove missing fails with ENOENT", remove(path) == -1 && errno == ENOENT,
	      "errno=%d", errno);

	int fds[2];
	pipe(fds);
	FILE *w = fdopen(fds[1], "w"), *r = fdopen(fds[0], "r");
	fprintf(w, "%d %s\n", 99, "bottles");
	fclose(w);
	int n = 0;
	char word[16];
	check("fdopen pipe round trip", fscanf(r, "%d %15s", &n, word) == 2 && n == 99 &&
		  strcmp(word, "bottles") == 0, "n=%d", n);
	check_long("fdopen pipe end", fgetc(r), '\n');
	check_long("fdopen pipe EOF", fgetc(r), EOF);
	fclose(r);
}

int main(void)
{
	scratch(path, sizeof path, "stdio_test");
	write_and_read();
	lines();
	seeking();
	blocks();
	buffering();
	misc();
	unlink(path);
	return finish();
}
