/*
 * decode.c: showing system-call arguments and results as strace does.
 *
 * Each argument of a call has a kind letter (syscalls.c):
 *
 *   d int           l long          n size (unsigned)  x hex number
 *   u unsigned long p pointer       f file descriptor  D dir fd (AT_FDCWD)
 *   s string        S buffer, length in the next argument
 *   o O_* flags     c O_* flags (no access mode)       m mode (octal)
 *   N AT_* flags    q access mode
 *   P PROT_*        F MAP_*         g signal number    h SIG_BLOCK...
 *   k sigset        a struct sigaction                 t struct timespec
 *   v argv array    e envp (count only)                w wait options
 *   r RLIMIT_*      z SEEK_*        i ioctl request    L fcntl command
 *   C CLOCK_*       G GRND_*        X ARCH_*           E FUTEX_*
 *   Y PTRACE_*
 *   V iovec array (being written)
 *
 * and those the call fills in, shown once it returns (arg_is_output):
 *
 *   B buffer, length = result       O struct stat      T struct timespec
 *   A struct sigaction              K sigset           W wait status
 *   R struct rlimit                 I int[2] (pipe)    U struct utsname
 *
 * Memory is read with PTRACE_PEEKDATA, one word at a time.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "strace.h"

int string_limit = 32;

/* ---- output buffers ---- */

void ob_printf(struct outbuf *ob, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(ob->buf ? ob->buf + ob->len : NULL,
			      ob->cap - ob->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (ob->len + (size_t)n < ob->cap) {
			ob->len += (size_t)n;
			return;
		}
		ob->cap = (ob->cap + (size_t)n + 1) * 2;
		ob->buf = realloc(ob->buf, ob->cap);
		if (!ob->buf) {
			perror("strace: realloc");
			exit(1);
		}
	}
}

void ob_free(struct outbuf *ob)
{
	free(ob->buf);
	ob->buf = NULL;
	ob->len = ob->cap = 0;
}

/* ---- the tracee's memory ---- */

int peek_bytes(pid_t pid, unsigned long addr, void *dst, size_t n)
{
	unsigned char *d = dst;
	size_t done = 0;

	while (done < n) {
		unsigned long a = addr + done;
		unsigned long base = a & ~7UL;
		size_t off = a - base, k;
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, pid, (void *)base, NULL);
		if (word == -1 && errno)
			return -1;
		k = 8 - off;
		if (k > n - done)
			k = n - done;
		memcpy(d + done, (unsigned char *)&word + off, k);
		done += k;
	}
	return 0;
}

long peek_string(pid_t pid, unsigned long addr, char *dst, size_t max,
		 int *truncated)
{
	size_t len = 0;

	*truncated = 0;
	while (len < max) {
		/* one word at a time: up to the next 8-byte boundary */
		unsigned long a = addr + len;
		size_t k = 8 - (a & 7), i;
		char chunk[8];

		if (k > max - len)
			k = max - len;
		if (peek_bytes(pid, a, chunk, k) < 0)
			return len ? (long)len : -1;
		for (i = 0; i < k; i++) {
			if (chunk[i] == '\0')
				return (long)len;
			dst[len++] = chunk[i];
		}
	}
	*truncated = 1;
	return (long)len;
}

/* ---- names ---- */

static const char *const signames[] = {
	NULL,	   "SIGHUP",  "SIGINT",	   "SIGQUIT", "SIGILL",	   "SIGTRAP",
	"SIGABRT", "SIGBUS",  "SIGFPE",	   "SIGKILL", "SIGUSR1",   "SIGSEGV",
	"SIGUSR2", "SIGPIPE", "SIGALRM",   "SIGTERM", "SIGSTKFLT", "SIGCHLD",
	"SIGCONT", "SIGSTOP", "SIGTSTP",   "SIGTTIN", "SIGTTOU",   "SIGURG",
	"SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",  "SIGIO",
	"SIGPWR",  "SIGSYS",
};

const char *signal_name(int sig)
{
	static char rt[24];

	if (sig > 0 && sig < 32)
		return signames[sig];
	if (sig >= 32 && sig <= 64) {
		snprintf(rt, sizeof(rt), sig == 32 ? "SIGRTMIN" : "SIGRT_%d",
			 sig - 32);
		return rt;
	}
	return NULL;
}

static const char *const errnames[] = {
	NULL,	      "EPERM",	   "ENOENT",	 "ESRCH",	"EINTR",
	"EIO",	      "ENXIO",	   "E2BIG",	 "ENOEXEC",	"EBADF",
	"ECHILD",     "EAGAIN",	   "ENOMEM",	 "EACCES",	"EFAULT",
	"ENOTBLK",    "EBUSY",	   "EEXIST",	 "EXDEV",	"ENODEV",
	"ENOTDIR",    "EISDIR",	   "EINVAL",	 "ENFILE",	"EMFILE",
	"ENOTTY",     "ETXTBSY",   "EFBIG",	 "ENOSPC",	"ESPIPE",
	"EROFS",      "EMLINK",	   "EPIPE",	 "EDOM",	"ERANGE",
	"EDEADLK",    "ENAMETOOLONG", "ENOLCK",	 "ENOSYS",	"ENOTEMPTY",
	"ELOOP",      NULL,	   "ENOMSG",	 "EIDRM",	"ECHRNG",
	"EL2NSYNC",   "EL3HLT",	   "EL3RST",	 "ELNRNG",	"EUNATCH",
	"ENOCSI",     "EL2HLT",	   "EBADE",	 "EBADR",	"EXFULL",
	"ENOANO",     "EBADRQC",   "EBADSLT",	 NULL,		"EBFONT",
	"ENOSTR",     "ENODATA",   "ETIME",	 "ENOSR",	"ENONET",
	"ENOPKG",     "EREMOTE",   "ENOLINK",	 "EADV",	"ESRMNT",
	"ECOMM",      "EPROTO",	   "EMULTIHOP",	 "EDOTDOT",	"EBADMSG",
	"EOVERFLOW",  "ENOTUNIQ",  "EBADFD",	 "EREMCHG",	"ELIBACC",
	"ELIBBAD",    "ELIBSCN",   "ELIBMAX",	 "ELIBEXEC",	"EILSEQ",
	"ERESTART",   "ESTRPIPE",  "EUSERS",	 "ENOTSOCK",	"EDESTADDRREQ",
	"EMSGSIZE",   "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT",
	"ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT",
	"EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH",
	"ENETRESET",  "ECONNABORTED", "ECONNRESET", "ENOBUFS",	"EISCONN",
	"ENOTCONN",   "ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED",
	"EHOSTDOWN",  "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE",
	"EUCLEAN",    "ENOTNAM",   "ENAVAIL",	 "EISNAM",	"EREMOTEIO",
	"EDQUOT",     "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED",	"ENOKEY",
	"EKEYEXPIRED", "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD",
	"ENOTRECOVERABLE", "ERFKILL", "EHWPOISON",
};

const char *errno_name(int err)
{
	if (err > 0 && (size_t)err < sizeof(errnames) / sizeof(errnames[0]))
		return errnames[err];
	switch (err) {
	case 512: return "ERESTARTSYS";
	case 513: return "ERESTARTNOINTR";
	case 514: return "ERESTARTNOHAND";
	case 515: return "ENOIOCTLCMD";
	case 516: return "ERESTART_RESTARTBLOCK";
	}
	return NULL;
}

/* ---- flags ---- */

struct flag {
	unsigned long value;
	const char *name;
};
#define FLAG(x) { x, #x }

/* Print the set bits of V named in TABLE joined by "|", the rest in hex;
 * ZERO is what 0 prints as. */
static void print_flags(struct outbuf *ob, const struct flag *table,
			size_t n, unsigned long v, const char *zero)
{
	int first = 1;
	size_t i;

	if (v == 0) {
		ob_printf(ob, "%s", zero);
		return;
	}
	for (i = 0; i < n; i++) {
		if (table[i].value && (v & table[i].value) == table[i].value) {
			ob_printf(ob, "%s%s", first ? "" : "|", table[i].name);
			v &= ~table[i].value;
			first = 0;
		}
	}
	if (v)
		ob_printf(ob, "%s%#lx", first ? "" : "|", v);
}
#define PRINT_FLAGS(ob, t, v, z) print_flags(ob, t, sizeof(t) / sizeof(t[0]), v, z)

/* Print V as the name TABLE gives it, else as DEFAULT_FMT. */
static int print_xlat(struct outbuf *ob, const struct flag *table, size_t n,
		      unsigned long v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].value == v) {
			ob_printf(ob, "%s", table[i].name);
			return 1;
		}
	return 0;
}
#define PRINT_XLAT(ob, t, v) print_xlat(ob, t, sizeof(t) / sizeof(t[0]), v)

static const struct flag open_flags[] = {
	{ 00000100, "O_CREAT" },      { 00000200, "O_EXCL" },
	{ 00000400, "O_NOCTTY" },     { 00001000, "O_TRUNC" },
	{ 00002000, "O_APPEND" },     { 00004000, "O_NONBLOCK" },
	{ 00010000, "O_DSYNC" },      { 00020000, "O_ASYNC" },
	{ 00040000, "O_DIRECT" },     { 00200000, "O_DIRECTORY" },
	{ 00400000, "O_NOFOLLOW" },   { 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },    { 04000000, "O_SYNC" },
	{ 010000000, "O_PATH" },      { 020000000, "O_TMPFILE" },
	{ 00100000, "O_LARGEFILE" },
};

static void print_open_flags(struct outbuf *ob, unsigned long v)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					   "O_ACCMODE" };

	ob_printf(ob, "%s", acc[v & 3]);
	v &= ~3UL;
	if (v) {
		ob_printf(ob, "|");
		PRINT_FLAGS(ob, open_flags, v, "0");
	}
}

static const struct flag clone_flags[] = {
	{ 0x00000100, "CLONE_VM" },	   { 0x00000200, "CLONE_FS" },
	{ 0x00000400, "CLONE_FILES" },	   { 0x00000800, "CLONE_SIGHAND" },
	{ 0x00001000, "CLONE_PIDFD" },	   { 0x00002000, "CLONE_PTRACE" },
	{ 0x00004000, "CLONE_VFORK" },	   { 0x00008000, "CLONE_PARENT" },
	{ 0x00010000, "CLONE_THREAD" },	   { 0x00020000, "CLONE_NEWNS" },
	{ 0x00040000, "CLONE_SYSVSEM" },   { 0x00080000, "CLONE_SETTLS" },
	{ 0x00100000, "CLONE_PARENT_SETTID" },
	{ 0x00200000, "CLONE_CHILD_CLEARTID" },
	{ 0x00400000, "CLONE_DETACHED" },  { 0x00800000, "CLONE_UNTRACED" },
	{ 0x01000000, "CLONE_CHILD_SETTID" },
	{ 0x02000000, "CLONE_NEWCGROUP" }, { 0x04000000, "CLONE_NEWUTS" },
	{ 0x08000000, "CLONE_NEWIPC" },	   { 0x10000000, "CLONE_NEWUSER" },
	{ 0x20000000, "CLONE_NEWPID" },	   { 0x40000000, "CLONE_NEWNET" },
	{ 0x80000000, "CLONE_IO" },
};

static const struct flag prot_flags[] = {
	{ 1, "PROT_READ" }, { 2, "PROT_WRITE" }, { 4, "PROT_EXEC" },
	{ 0x01000000, "PROT_GROWSDOWN" }, { 0x02000000, "PROT_GROWSUP" },
};

static const struct flag map_flags[] = {
	{ 0x10, "MAP_FIXED" },	       { 0x20, "MAP_ANONYMOUS" },
	{ 0x40, "MAP_32BIT" },	       { 0x100, "MAP_GROWSDOWN" },
	{ 0x800, "MAP_DENYWRITE" },    { 0x1000, "MAP_EXECUTABLE" },
	{ 0x2000, "MAP_LOCKED" },      { 0x4000, "MAP_NORESERVE" },
	{ 0x8000, "MAP_POPULATE" },    { 0x10000, "MAP_NONBLOCK" },
	{ 0x20000, "MAP_STACK" },      { 0x40000, "MAP_HUGETLB" },
	{ 0x80000, "MAP_SYNC" },       { 0x100000, "MAP_FIXED_NOREPLACE" },
};

static void print_map_flags(struct outbuf *ob, unsigned long v)
{
	static const char *const type[] = { "0", "MAP_SHARED", "MAP_PRIVATE",
					    "MAP_SHARED_VALIDATE" };

	ob_printf(ob, "%s", type[v & 3]);
	v &= ~3UL;
	if (v) {
		ob_printf(ob, "|");
		PRINT_FLAGS(ob, map_flags, v, "0");
	}
}

static const struct flag at_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_REMOVEDIR" },
	{ 0x400, "AT_SYMLINK_FOLLOW" },	  { 0x800, "AT_NO_AUTOMOUNT" },
	{ 0x1000, "AT_EMPTY_PATH" },
};

static const struct flag access_flags[] = {
	{ 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" },
};

static const struct flag wait_flags[] = {
	{ 1, "WNOHANG" },	     { 2, "WSTOPPED" },
	{ 4, "WEXITED" },	     { 8, "WCONTINUED" },
	{ 0x01000000, "WNOWAIT" },   { 0x20000000, "__WNOTHREAD" },
	{ 0x40000000, "__WALL" },    { 0x80000000, "__WCLONE" },
};

static const struct flag sa_flags[] = {
	{ 1, "SA_NOCLDSTOP" },	       { 2, "SA_NOCLDWAIT" },
	{ 4, "SA_SIGINFO" },	       { 0x04000000, "SA_RESTORER" },
	{ 0x08000000, "SA_ONSTACK" },  { 0x10000000, "SA_RESTART" },
	{ 0x40000000, "SA_NODEFER" },  { 0x80000000, "SA_RESETHAND" },
};

static const struct flag rlimits[] = {
	{ 0, "RLIMIT_CPU" },	 { 1, "RLIMIT_FSIZE" },	 { 2, "RLIMIT_DATA" },
	{ 3, "RLIMIT_STACK" },	 { 4, "RLIMIT_CORE" },	 { 5, "RLIMIT_RSS" },
	{ 6, "RLIMIT_NPROC" },	 { 7, "RLIMIT_NOFILE" }, { 8, "RLIMIT_MEMLOCK" },
	{ 9, "RLIMIT_AS" },	 { 10, "RLIMIT_LOCKS" }, { 11, "RLIMIT_SIGPENDING" },
	{ 12, "RLIMIT_MSGQUEUE" }, { 13, "RLIMIT_NICE" }, { 14, "RLIMIT_RTPRIO" },
	{ 15, "RLIMIT_RTTIME" },
};

static const struct flag whences[] = {
	{ 0, "SEEK_SET" }, { 1, "SEEK_CUR" }, { 2, "SEEK_END" },
	{ 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" },
};

static const struct flag sigprocmask_hows[] = {
	{ 0, "SIG_BLOCK" }, { 1, "SIG_UNBLOCK" }, { 2, "SIG_SETMASK" },
};

static const struct flag clocks[] = {
	{ 0, "CLOCK_REALTIME" },	{ 1, "CLOCK_MONOTONIC" },
	{ 2, "CLOCK_PROCESS_CPUTIME_ID" }, { 3, "CLOCK_THREAD_CPUTIME_ID" },
	{ 4, "CLOCK_MONOTONIC_RAW" },	{ 5, "CLOCK_REALTIME_COARSE" },
	{ 6, "CLOCK_MONOTONIC_COARSE" }, { 7, "CLOCK_BOOTTIME" },
};

static const struct flag fcntl_cmds[] = {
	{ 0, "F_DUPFD" },  { 1, "F_GETFD" },  { 2, "F_SETFD" },
	{ 3, "F_GETFL" },  { 4, "F_SETFL" },  { 5, "F_GETLK" },
	{ 6, "F_SETLK" },  { 7, "F_SETLKW" }, { 8, "F_SETOWN" },
	{ 9, "F_GETOWN" }, { 1030, "F_DUPFD_CLOEXEC" },
};

static const struct flag grnd_flags[] = {
	{ 1, "GRND_NONBLOCK" }, { 2, "GRND_RANDOM" }, { 4, "GRND_INSECURE" },
};

static const struct flag arch_prctl_codes[] = {
	{ 0x1001, "ARCH_SET_GS" }, { 0x1002, "ARCH_SET_FS" },
	{ 0x1003, "ARCH_GET_FS" }, { 0x1004, "ARCH_GET_GS" },
	{ 0x3001, "ARCH_CET_STATUS" },
};

static const struct flag futex_ops[] = {
	{ 0, "FUTEX_WAIT" },	     { 1, "FUTEX_WAKE" },
	{ 2, "FUTEX_FD" },	     { 3, "FUTEX_REQUEUE" },
	{ 4, "FUTEX_CMP_REQUEUE" },  { 5, "FUTEX_WAKE_OP" },
	{ 6, "FUTEX_LOCK_PI" },	     { 7, "FUTEX_UNLOCK_PI" },
	{ 8, "FUTEX_TRYLOCK_PI" },   { 9, "FUTEX_WAIT_BITSET" },
	{ 10, "FUTEX_WAKE_BITSET" },
};

static const struct flag ptrace_reqs[] = {
	{ 0, "PTRACE_TRACEME" },      { 1, "PTRACE_PEEKTEXT" },
	{ 2, "PTRACE_PEEKDATA" },     { 3, "PTRACE_PEEKUSER" },
	{ 4, "PTRACE_POKETEXT" },     { 5, "PTRACE_POKEDATA" },
	{ 6, "PTRACE_POKEUSER" },     { 7, "PTRACE_CONT" },
	{ 8, "PTRACE_KILL" },	      { 9, "PTRACE_SINGLESTEP" },
	{ 12, "PTRACE_GETREGS" },     { 13, "PTRACE_SETREGS" },
	{ 16, "PTRACE_ATTACH" },      { 17, "PTRACE_DETACH" },
	{ 24, "PTRACE_SYSCALL" },     { 0x4200, "PTRACE_SETOPTIONS" },
	{ 0x4201, "PTRACE_GETEVENTMSG" }, { 0x4202, "PTRACE_GETSIGINFO" },
	{ 0x4203, "PTRACE_SETSIGINFO" }, { 0x4206, "PTRACE_SEIZE" },
	{ 0x4207, "PTRACE_INTERRUPT" }, { 0x4208, "PTRACE_LISTEN" },
};

static const struct flag ioctl_reqs[] = {
	{ 0x5401, "TCGETS" },	   { 0x5402, "TCSETS" },   { 0x5403, "TCSETSW" },
	{ 0x5404, "TCSETSF" },	   { 0x540e, "TIOCSCTTY" }, { 0x540f, "TIOCGPGRP" },
	{ 0x5410, "TIOCSPGRP" },   { 0x5413, "TIOCGWINSZ" }, { 0x5414, "TIOCSWINSZ" },
	{ 0x541b, "FIONREAD" },	   { 0x5421, "FIONBIO" },  { 0x5422, "TIOCNOTTY" },
	{ 0x5429, "TIOCGSID" },	   { 0x80045430, "TIOCGPTN" },
	{ 0x40045431, "TIOCSPTLCK" },
};

/* ---- strings ---- */

/* Quote LEN bytes of S as a C string, strace's way: \t \n \" and the
 * like, octal for other unprintable bytes; HEX: every byte as \xNN
 * (for random data). */
static void print_quoted(struct outbuf *ob, const unsigned char *s, size_t len,
			 int hex)
{
	size_t i;

	ob_printf(ob, "\"");
	for (i = 0; i < len; i++) {
		unsigned char ch = s[i];

		if (hex) {
			ob_printf(ob, "\\x%02x", ch);
			continue;
		}
		switch (ch) {
		case '"': ob_printf(ob, "\\\""); continue;
		case '\\': ob_printf(ob, "\\\\"); continue;
		case '\t': ob_printf(ob, "\\t"); continue;
		case '\n': ob_printf(ob, "\\n"); continue;
		case '\v': ob_printf(ob, "\\v"); continue;
		case '\f': ob_printf(ob, "\\f"); continue;
		case '\r': ob_printf(ob, "\\r"); continue;
		}
		if (ch >= ' ' && ch < 0x7f) {
			ob_printf(ob, "%c", ch);
		} else {
			/* Short octal unless a digit follows. */
			int digit_next = i + 1 < len && s[i + 1] >= '0' &&
					 s[i + 1] <= '7';
			ob_printf(ob, digit_next ? "\\%03o" : "\\%o", ch);
		}
	}
	ob_printf(ob, "\"");
}

static void print_ptr(struct outbuf *ob, unsigned long p)
{
	if (p)
		ob_printf(ob, "%#lx", p);
	else
		ob_printf(ob, "NULL");
}

/* A NUL-terminated string in the tracee (a path, an argv element). */
static void print_path(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	char buf[4096];
	int trunc;
	long n;

	if (!addr) {
		ob_printf(ob, "NULL");
		return;
	}
	n = peek_string(pid, addr, buf, (size_t)string_limit + 1, &trunc);
	if (n < 0) {
		print_ptr(ob, addr);
		return;
	}
	if (n > string_limit) {
		print_quoted(ob, (unsigned char *)buf, (size_t)string_limit, 0);
		ob_printf(ob, "...");
	} else {
		print_quoted(ob, (unsigned char *)buf, (size_t)n, 0);
	}
}

/* LEN bytes of data at ADDR (write's buffer, read's after it returns). */
static void print_buffer(struct outbuf *ob, pid_t pid, unsigned long addr,
			 unsigned long len, int hex)
{
	unsigned char buf[256];
	size_t n = len;

	if (!addr) {
		ob_printf(ob, "NULL");
		return;
	}
	if (n > (size_t)string_limit)
		n = (size_t)string_limit;
	if (n > sizeof(buf))
		n = sizeof(buf);
	if (peek_bytes(pid, addr, buf, n) < 0) {
		print_ptr(ob, addr);
		return;
	}
	print_quoted(ob, buf, n, hex);
	if (n < len)
		ob_printf(ob, "...");
}

/* argv: ["ls", "-l"]; envp: 0x7ffd... followed by a count of variables. */
static void print_string_array(struct outbuf *ob, pid_t pid, unsigned long addr,
			       int count_only)
{
	unsigned long p;
	int i;

	if (!addr) {
		ob_printf(ob, "NULL");
		return;
	}
	if (count_only) {
		for (i = 0; i < 4096; i++)
			if (peek_bytes(pid, addr + 8UL * i, &p, 8) < 0 || !p)
				break;
		ob_printf(ob, "%#lx /* %d var%s */", addr, i, i == 1 ? "" : "s");
		return;
	}
	ob_printf(ob, "[");
	for (i = 0;; i++) {
		if (peek_bytes(pid, addr + 8UL * i, &p, 8) < 0) {
			ob_printf(ob, "%s%#lx", i ? ", " : "", addr + 8UL * i);
			break;
		}
		if (!p)
			break;
		if (i == string_limit) {
			ob_printf(ob, ", ...");
			break;
		}
		if (i)
			ob_printf(ob, ", ");
		print_path(ob, pid, p);
	}
	ob_printf(ob, "]");
}

/* ---- structs ---- */

static void print_mode(struct outbuf *ob, unsigned long mode)
{
	ob_printf(ob, "%#03lo", mode);
}

static void print_stat(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	static const struct flag types[] = {
		{ 0140000, "S_IFSOCK" }, { 0120000, "S_IFLNK" },
		{ 0100000, "S_IFREG" },	 { 0060000, "S_IFBLK" },
		{ 0040000, "S_IFDIR" },	 { 0020000, "S_IFCHR" },
		{ 0010000, "S_IFIFO" },
	};
	struct stat st;
	unsigned type;

	if (peek_bytes(pid, addr, &st, sizeof(st)) < 0) {
		print_ptr(ob, addr);
		return;
	}
	type = st.st_mode & 0170000;
	ob_printf(ob, "{st_mode=");
	if (!PRINT_XLAT(ob, types, type))
		ob_printf(ob, "%#o", type);
	ob_printf(ob, "|%#04o", (unsigned)st.st_mode & 07777);
	if (type == 0020000 || type == 0060000)
		ob_printf(ob, ", st_rdev=makedev(%#x, %#x)",
			  (unsigned)((st.st_rdev >> 8) & 0xfff),
			  (unsigned)((st.st_rdev & 0xff) |
				     ((st.st_rdev >> 12) & 0xfff00)));
	else
		ob_printf(ob, ", st_size=%lld", (long long)st.st_size);
	ob_printf(ob, ", ...}");
}

static void print_timespec(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	long ts[2];

	if (!addr) {
		ob_printf(ob, "NULL");
		return;
	}
	if (peek_bytes(pid, addr, ts, sizeof(ts)) < 0) {
		print_ptr(ob, addr);
		return;
	}
	ob_printf(ob, "{tv_sec=%ld, tv_nsec=%ld}", ts[0], ts[1]);
}

/* A signal set as strace shows it: [CHLD USR1], or ~[...] listing the
 * missing ones when most are present. */
static void print_sigset_value(struct outbuf *ob, unsigned long long set)
{
	int count = 0, sig, invert, first = 1;

	for (sig = 1; sig <= 64; sig++)
		if (set & (1ULL << (sig - 1)))
			count++;
	invert = count > 32;
	ob_printf(ob, "%s[", invert ? "~" : "");
	for (sig = 1; sig <= 64; sig++) {
		int in = (set & (1ULL << (sig - 1))) != 0;

		if (in == invert)
			continue;
		ob_printf(ob, "%s%s", first ? "" : " ", signal_name(sig) + 3);
		first = 0;
	}
	ob_printf(ob, "]");
}

static void print_sigset(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	unsigned long long set;

	if (!addr) {
		ob_printf(ob, "NULL");
		return;
	}
	if (peek_bytes(pid, addr, &set, sizeof(set)) < 0) {
		print_ptr(ob, addr);
		return;
	}
	print_sigset_value(ob, set);
}

/* The kernel's struct sigaction: handler, flags, restorer, mask. */
static void print_sigaction(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	unsigned long sa[4];

	if (!addr) {
		ob_printf(ob, "NULL");
		return;
	}
	if (peek_bytes(pid, addr, sa, sizeof(sa)) < 0) {
		print_ptr(ob, addr);
		return;
	}
	ob_printf(ob, "{sa_handler=");
	if (sa[0] == 0)
		ob_printf(ob, "SIG_DFL");
	else if (sa[0] == 1)
		ob_printf(ob, "SIG_IGN");
	else
		ob_printf(ob, "%#lx", sa[0]);
	ob_printf(ob, ", sa_mask=");
	print_sigset_value(ob, sa[3]);
	ob_printf(ob, ", sa_flags=");
	PRINT_FLAGS(ob, sa_flags, sa[1], "0");
	if (sa[1] & 0x04000000)
		ob_printf(ob, ", sa_restorer=%#lx", sa[2]);
	ob_printf(ob, "}");
}

static void print_rlim(struct outbuf *ob, unsigned long long v)
{
	if (v == ~0ULL)
		ob_printf(ob, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		ob_printf(ob, "%llu*1024", v / 1024);
	else
		ob_printf(ob, "%llu", v);
}

static void print_rlimit(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	unsigned long long rl[2];

	if (!addr) {
		ob_printf(ob, "NULL");
		return;
	}
	if (peek_bytes(pid, addr, rl, sizeof(rl)) < 0) {
		print_ptr(ob, addr);
		return;
	}
	ob_printf(ob, "{rlim_cur=");
	print_rlim(ob, rl[0]);
	ob_printf(ob, ", rlim_max=");
	print_rlim(ob, rl[1]);
	ob_printf(ob, "}");
}

static const char *event_name(int event)
{
	static const char *const names[] = {
		"0", "PTRACE_EVENT_FORK", "PTRACE_EVENT_VFORK", "PTRACE_EVENT_CLONE",
		"PTRACE_EVENT_EXEC", "PTRACE_EVENT_VFORK_DONE", "PTRACE_EVENT_EXIT",
		"PTRACE_EVENT_SECCOMP",
	};

	if (event == 128)
		return "PTRACE_EVENT_STOP";
	return event > 0 && event < 8 ? names[event] : "?";
}

static void print_wait_status(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	int s;

	if (!addr) {
		ob_printf(ob, "NULL");
		return;
	}
	if (peek_bytes(pid, addr, &s, sizeof(s)) < 0) {
		print_ptr(ob, addr);
		return;
	}
	if ((s & 0x7f) == 0)
		ob_printf(ob, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]",
			  (s >> 8) & 0xff);
	else if ((s & 0xff) == 0x7f) {
		int sig = (s >> 8) & 0xff, event = (s >> 16) & 0xff;

		ob_printf(ob, "[{WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}",
			  signal_name(sig & 0x7f) ? signal_name(sig & 0x7f) : "?",
			  (sig & 0x80) ? " | 0x80" : "");
		if (event)
			ob_printf(ob, " | %s << 16", event_name(event));
		ob_printf(ob, "]");
	}
	else if (s == 0xffff)
		ob_printf(ob, "[{WIFCONTINUED(s)}]");
	else
		ob_printf(ob, "[{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}]",
			  signal_name(s & 0x7f) ? signal_name(s & 0x7f) : "?",
			  (s & 0x80) ? " && WCOREDUMP(s)" : "");
}

static void print_pipe_fds(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	int fds[2];

	if (peek_bytes(pid, addr, fds, sizeof(fds)) < 0) {
		print_ptr(ob, addr);
		return;
	}
	ob_printf(ob, "[%d, %d]", fds[0], fds[1]);
}

static void print_utsname(struct outbuf *ob, pid_t pid, unsigned long addr)
{
	char f[2][65];

	if (peek_bytes(pid, addr, f, sizeof(f)) < 0) {
		print_ptr(ob, addr);
		return;
	}
	f[0][64] = f[1][64] = '\0';
	ob_printf(ob, "{sysname=");
	print_quoted(ob, (unsigned char *)f[0], strlen(f[0]), 0);
	ob_printf(ob, ", nodename=");
	print_path(ob, pid, addr + 65);
	ob_printf(ob, ", ...}");
}

static void print_iovec(struct outbuf *ob, pid_t pid, unsigned long addr,
			unsigned long count)
{
	unsigned long iov[2], i;

	ob_printf(ob, "[");
	for (i = 0; i < count; i++) {
		if (i == (unsigned long)string_limit) {
			ob_printf(ob, ", ...");
			break;
		}
		if (peek_bytes(pid, addr + 16 * i, iov, sizeof(iov)) < 0) {
			ob_printf(ob, "%s%#lx", i ? ", " : "", addr + 16 * i);
			break;
		}
		ob_printf(ob, "%s{iov_base=", i ? ", " : "");
		print_buffer(ob, pid, iov[0], iov[1], 0);
		ob_printf(ob, ", iov_len=%lu}", iov[1]);
	}
	ob_printf(ob, "]");
}

/* ---- arguments and results ---- */

int arg_is_output(char k)
{
	return k && strchr("BOTAKWRIU", k) != NULL;
}

/* Show argument I of call C, whose kind letter is KIND. */
void decode_arg(struct outbuf *ob, const struct call *c, int i, char kind)
{
	unsigned long v = c->args[i];
	pid_t pid = c->pid;

	/* Something the call writes is only shown if it succeeded. */
	if (arg_is_output(kind) && (!c->exited || (c->ret < 0 && c->ret > -4096))) {
		print_ptr(ob, v);
		return;
	}
	switch (kind) {
	case 'd': case 'f': ob_printf(ob, "%d", (int)v); break;
	case 'l': ob_printf(ob, "%ld", (long)v); break;
	case 'u': case 'n': ob_printf(ob, "%lu", v); break;
	case 'x': ob_printf(ob, v ? "%#lx" : "%lu", v); break;
	case 'p': print_ptr(ob, v); break;
	case 'D':
		if ((int)v == -100)
			ob_printf(ob, "AT_FDCWD");
		else
			ob_printf(ob, "%d", (int)v);
		break;
	case 's': print_path(ob, pid, v); break;
	case 'S': print_buffer(ob, pid, v, c->args[i + 1], 0); break;
	case 'B':
		/* getcwd returns the length including the NUL */
		if (c->nr == SYS_getcwd)
			print_path(ob, pid, v);
		else
			print_buffer(ob, pid, v, (unsigned long)c->ret,
				     c->nr == SYS_getrandom);
		break;
	case 'o': print_open_flags(ob, v); break;
	case 'c': PRINT_FLAGS(ob, open_flags, v, "0"); break;
	case 'm': print_mode(ob, v); break;
	case 'N': PRINT_FLAGS(ob, at_flags, v, "0"); break;
	case 'q': PRINT_FLAGS(ob, access_flags, v, "F_OK"); break;
	case 'P': PRINT_FLAGS(ob, prot_flags, v, "PROT_NONE"); break;
	case 'F': print_map_flags(ob, v); break;
	case 'g':
		if (signal_name((int)v))
			ob_printf(ob, "%s", signal_name((int)v));
		else
			ob_printf(ob, "%d", (int)v);
		break;
	case 'h':
		if (!PRINT_XLAT(ob, sigprocmask_hows, v))
			ob_printf(ob, "%#lx /* SIG_??? */", v);
		break;
	case 'k': case 'K': print_sigset(ob, pid, v); break;
	case 'a': case 'A': print_sigaction(ob, pid, v); break;
	case 't': case 'T': print_timespec(ob, pid, v); break;
	case 'v': print_string_array(ob, pid, v, 0); break;
	case 'e': print_string_array(ob, pid, v, 1); break;
	case 'w': PRINT_FLAGS(ob, wait_flags, v, "0"); break;
	case 'W': print_wait_status(ob, pid, v); break;
	case 'r':
		if (!PRINT_XLAT(ob, rlimits, v))
			ob_printf(ob, "%#lx /* RLIMIT_??? */", v);
		break;
	case 'R': print_rlimit(ob, pid, v); break;
	case 'z':
		if (!PRINT_XLAT(ob, whences, v))
			ob_printf(ob, "%#lx /* SEEK_??? */", v);
		break;
	case 'i':
		if (!PRINT_XLAT(ob, ioctl_reqs, v))
			ob_printf(ob, "%#lx", v);
		break;
	case 'L':
		if (!PRINT_XLAT(ob, fcntl_cmds, v))
			ob_printf(ob, "%#lx /* F_??? */", v);
		break;
	case 'C':
		if (!PRINT_XLAT(ob, clocks, v))
			ob_printf(ob, "%d", (int)v);
		break;
	case 'G': PRINT_FLAGS(ob, grnd_flags, v, "0"); break;
	case 'Y':
		if (!PRINT_XLAT(ob, ptrace_reqs, v))
			ob_printf(ob, "%#lx /* PTRACE_??? */", v);
		break;
	case 'X':
		if (!PRINT_XLAT(ob, arch_prctl_codes, v))
			ob_printf(ob, "%#lx /* ARCH_??? */", v);
		break;
	case 'E':
		if (!PRINT_XLAT(ob, futex_ops, v & 127))
			ob_printf(ob, "%lu", v & 127);
		if (v & 128)
			ob_printf(ob, "_PRIVATE");
		if (v & 256)
			ob_printf(ob, "|FUTEX_CLOCK_REALTIME");
		break;
	case 'V': print_iovec(ob, pid, v, c->args[i + 1]); break;
	case 'O': print_stat(ob, pid, v); break;
	case 'I': print_pipe_fds(ob, pid, v); break;
	case 'U': print_utsname(ob, pid, v); break;
	default: ob_printf(ob, "%#lx", v); break;
	}
}

/* clone(flags, stack, parent_tid, child_tid, tls), shown in the order
 * strace uses: child_stack and flags when it starts, the tid pointers
 * once it returns (the child's tid is written by then). */
void decode_clone(struct outbuf *ob, const struct call *c, int at_exit)
{
	unsigned long flags = c->args[0];
	int sig = (int)(flags & 0xff);

	if (!at_exit) {
		ob_printf(ob, "child_stack=");
		print_ptr(ob, c->args[1]);
		ob_printf(ob, ", flags=");
		PRINT_FLAGS(ob, clone_flags, flags & ~0xffUL, "");
		if (sig)
			ob_printf(ob, "%s%s", (flags & ~0xffUL) ? "|" : "",
				  signal_name(sig) ? signal_name(sig) : "?");
		else if (!(flags & ~0xffUL))
			ob_printf(ob, "0");
		return;
	}
	if (flags & 0x00100000) {
		int tid;

		ob_printf(ob, ", parent_tid=");
		if (c->ret > 0 && peek_bytes(c->pid, c->args[2], &tid, 4) == 0)
			ob_printf(ob, "[%d]", tid);
		else
			print_ptr(ob, c->args[2]);
	}
	if (flags & (0x01000000 | 0x00200000)) {
		ob_printf(ob, ", child_tidptr=");
		print_ptr(ob, c->args[3]);
	}
	if (flags & 0x00080000)
		ob_printf(ob, ", tls=%#lx", c->args[4]);
}

/* " = RESULT" without the spaces: "0", "0x55d0...", "-1 ENOENT (...)". */
void decode_result(struct outbuf *ob, const struct call *c, char kind)
{
	long r = c->ret;

	if (r < 0 && r >= -4095) {
		int err = (int)-r;
		const char *name = errno_name(err);

		switch (err) {
		case 512:
			ob_printf(ob, "? ERESTARTSYS (To be restarted if SA_RESTART is set)");
			return;
		case 513:
			ob_printf(ob, "? ERESTARTNOINTR (To be restarted)");
			return;
		case 514:
			ob_printf(ob, "? ERESTARTNOHAND (To be restarted if no handler)");
			return;
		case 516:
			ob_printf(ob, "? ERESTART_RESTARTBLOCK (Interrupted by signal)");
			return;
		}
		if (name)
			ob_printf(ob, "-1 %s (%s)", name, strerror(err));
		else
			ob_printf(ob, "-1 E??? (%d)", err);
		return;
	}
	switch (kind) {
	case 'x': ob_printf(ob, "%#lx", (unsigned long)r); break;
	case 'o': ob_printf(ob, "%#lo", (unsigned long)r); break;
	default: ob_printf(ob, "%ld", r); break;
	}
}

/* ---- siginfo ---- */

static const char *si_code_name(int signo, int code)
{
	static const char *const chld[] = { NULL, "CLD_EXITED", "CLD_KILLED",
					    "CLD_DUMPED", "CLD_TRAPPED",
					    "CLD_STOPPED", "CLD_CONTINUED" };
	static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR" };

	switch (code) {
	case 0: return "SI_USER";
	case 0x80: return "SI_KERNEL";
	case -1: return "SI_QUEUE";
	case -2: return "SI_TIMER";
	case -3: return "SI_MESGQ";
	case -4: return "SI_ASYNCIO";
	case -6: return "SI_TKILL";
	}
	if (signo == 17 && code > 0 && code <= 6)
		return chld[code];
	if (signo == 11 && code > 0 && code <= 2)
		return segv[code];
	if (signo == 5 && code == 1)
		return "TRAP_BRKPT";
	if (signo == 5 && code == 2)
		return "TRAP_TRACE";
	return NULL;
}

/* {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=42, ...}. The layout
 * is Linux's siginfo_t read as raw words, so it does not depend on how
 * the C library names the union members. */
void decode_siginfo(struct outbuf *ob, const void *siginfo)
{
	const int *w = siginfo;			/* signo, errno, code, pad */
	const unsigned char *u = (const unsigned char *)siginfo + 16;
	int signo = w[0], code = w[2];
	const char *name = signal_name(signo), *cname = si_code_name(signo, code);
	int pid, uid, status;
	long utime, stime;
	unsigned long addr;

	ob_printf(ob, "{si_signo=%s, si_code=", name ? name : "?");
	if (cname)
		ob_printf(ob, "%s", cname);
	else
		ob_printf(ob, "%d", code);
	memcpy(&pid, u, 4);
	memcpy(&uid, u + 4, 4);
	if (signo == 17 && code > 0) {
		memcpy(&status, u + 8, 4);
		memcpy(&utime, u + 16, 8);
		memcpy(&stime, u + 24, 8);
		ob_printf(ob, ", si_pid=%d, si_uid=%d, si_status=", pid, uid);
		if (code == 1 || !signal_name(status))
			ob_printf(ob, "%d", status);
		else
			ob_printf(ob, "%s", signal_name(status));
		ob_printf(ob, ", si_utime=%ld, si_stime=%ld", utime, stime);
	} else if (code <= 0 || code == 0x80) {
		if (code != 0x80)
			ob_printf(ob, ", si_pid=%d, si_uid=%d", pid, uid);
	} else if (signo == 4 || signo == 7 || signo == 8 || signo == 11 ||
		   signo == 5) {
		memcpy(&addr, u, 8);
		ob_printf(ob, ", si_addr=");
		print_ptr(ob, addr);
	}
	ob_printf(ob, "}");
}
