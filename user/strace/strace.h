/*
 * strace.h: what the parts of strace share.
 *
 *     strace.c    options, starting or attaching to tracees, the wait4
 *                 loop that follows their stops, and the output lines
 *     syscalls.c  the table of system calls: name, argument kinds, class
 *     decode.c    turning one argument or result into text: flags,
 *                 strings and structs read out of the tracee's memory
 *
 * strace runs on ptrace alone: PTRACE_SYSCALL stops each tracee at the
 * entry and exit of every system call; PTRACE_GETREGS gives the number
 * (orig_rax), the arguments (rdi rsi rdx r10 r8 r9) and, at the exit,
 * the result (rax); PTRACE_PEEKDATA reads what pointers point at.
 */
#ifndef STRACE_H
#define STRACE_H

#include <stddef.h>
#include <sys/types.h>

/* Classes for -e trace=%NAME (a call may be in several). */
#define TF 0x01 /* %file: takes a file name */
#define TD 0x02 /* %desc: takes or returns a file descriptor */
#define TP 0x04 /* %process: creates, replaces, ends or waits for processes */
#define TM 0x08 /* %memory: maps or changes memory */
#define TS 0x10 /* %signal: signal handling */

/*
 * One system call. ARGS has one letter per argument saying how to show
 * it (see decode.c, decode_arg), optionally followed by ":" and a letter
 * for the result ('x' address, 'o' octal; decimal otherwise). NULL: the
 * call is not described; its six argument registers are shown in hex.
 */
struct syscall_desc {
	const char *name;
	const char *args;
	unsigned cls;
};

extern const struct syscall_desc syscall_table[];
extern const size_t syscall_table_size;

const struct syscall_desc *syscall_lookup(long nr);
long syscall_by_name(const char *name);

/* Output buffer for one piece of a line. */
struct outbuf {
	char *buf;
	size_t len, cap;
};
void ob_printf(struct outbuf *ob, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ob_free(struct outbuf *ob);

/* Everything decode.c needs to know about the call being shown. */
struct call {
	pid_t pid;
	long nr;
	unsigned long args[6];
	long ret;	/* valid once exited */
	int exited;	/* the exit stop has been seen */
};

/* Does argument kind K describe something the call writes (shown at
 * its exit)? */
int arg_is_output(char k);
void decode_arg(struct outbuf *ob, const struct call *c, int i, char kind);
void decode_result(struct outbuf *ob, const struct call *c, char kind);
void decode_clone(struct outbuf *ob, const struct call *c, int at_exit);
void decode_siginfo(struct outbuf *ob, const void *siginfo);

const char *signal_name(int sig);	/* "SIGCHLD", or NULL */
const char *errno_name(int err);	/* "ENOENT", or NULL */

/* Reading the tracee's memory: 0 on success, -1 if unreadable. */
int peek_bytes(pid_t pid, unsigned long addr, void *dst, size_t n);
/* Read a NUL-terminated string of at most MAX bytes; returns its length,
 * -1 if unreadable; *TRUNCATED set if no NUL was found within MAX. */
long peek_string(pid_t pid, unsigned long addr, char *dst, size_t max,
		 int *truncated);

extern int string_limit; /* -s: how many bytes of a string to show (32) */

#endif
