/*
 * printk.c: formatting a message, keeping it in the log ring buffer and
 * writing it to the consoles; syslog(2), through which user space (the
 * dmesg command) reads and clears the ring. One lock serialises whole
 * messages so lines from different CPUs do not interleave.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include "kernel/printk.h"
#include "kernel/vsprintf.h"
#include "kernel/cmdline.h"
#include "kernel/param.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"
#include "arch/x86_64/arch.h"

int console_loglevel = 7; /* print everything but KERN_DEBUG */
KERNEL_PARAM("loglevel", "console shows messages below this level (0-8; default 7)");

static struct console *consoles;
static char log_buf[LOG_BUF_SIZE];
static uint64_t log_head; /* total bytes ever written; guarded by log_lock */

/* A bare test-and-set lock: printk must not depend on spinlock.c,
 * whose debug checks themselves print. */
static atomic_int log_lock;
static volatile bool panic_mode;

static bool log_lock_acquire(void)
{
	bool irq = arch_irq_save();
	while (atomic_exchange_explicit(&log_lock, 1, memory_order_acquire)) {
		if (panic_mode)
			return irq; /* panicking: write anyway */
		arch_cpu_relax();
	}
	return irq;
}

static void log_lock_release(bool irq)
{
	atomic_store_explicit(&log_lock, 0, memory_order_release);
	arch_irq_restore(irq);
}

void printk_panic_mode(void) { panic_mode = true; }

/*
 * The ring holds records, one per printk call: a header of REC_HDR bytes
 * (the byte '\001', the level as a digit, the time since boot in
 * nanoseconds as 16 hex digits), then the text. No text contains '\001',
 * so a reader that starts anywhere finds the next record at the next
 * '\001'. Positions count every byte ever written (log_head); the ring
 * keeps the last LOG_BUF_SIZE of them.
 */
#define REC_HDR 18

static uint64_t oldest_pos(void) { return log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0; }

/* The first record at or after POS. Caller holds log_lock. */
static uint64_t record_at_or_after(uint64_t pos)
{
	if (pos < oldest_pos())
		pos = oldest_pos();
	while (pos < log_head && log_buf[pos % LOG_BUF_SIZE] != '\001')
		pos++;
	return pos;
}

void register_console(struct console *con)
{
	bool irq = log_lock_acquire();
	con->next = consoles;
	consoles = con;
	log_lock_release(irq);
	/* replay what was logged before this console existed */
	char chunk[256];
	bool shown = true; /* the current message's level is shown */
	for (uint64_t pos = record_at_or_after(0); pos < log_head;) {
		size_t n = 0;
		while (n < sizeof chunk && pos < log_head) {
			char c = log_buf[pos++ % LOG_BUF_SIZE];
			if (c == '\001') { /* a record header */
				shown = log_buf[pos % LOG_BUF_SIZE] - '0' < console_loglevel;
				pos += REC_HDR - 1;
				continue;
			}
			if (shown)
				chunk[n++] = c;
		}
		con->write(chunk, n);
	}
}

void console_write(const char *s, size_t n)
{
	bool irq = log_lock_acquire();
	for (struct console *c = consoles; c; c = c->next)
		c->write(s, n);
	log_lock_release(irq);
}

/* Copy the records in [*from, log_head) into a new buffer (kmalloc'd,
 * the caller frees it); *from moves to the first whole record, *to is
 * log_head at the time. NULL when memory is short. */
static char *log_snapshot(uint64_t *from, uint64_t *to, size_t *n)
{
	char *raw = kmalloc(LOG_BUF_SIZE);
	if (!raw)
		return 0;
	bool irq = log_lock_acquire();
	uint64_t pos = record_at_or_after(*from);
	*from = pos;
	*to = log_head;
	size_t len = 0;
	for (; pos < log_head; pos++)
		raw[len++] = log_buf[pos % LOG_BUF_SIZE];
	log_lock_release(irq);
	*n = len;
	return raw;
}

static uint64_t hex_value(const char *s, int digits)
{
	uint64_t v = 0;
	for (int i = 0; i < digits; i++)
		v = v << 4 | (uint64_t)(s[i] <= '9' ? s[i] - '0' : s[i] - 'a' + 10);
	return v;
}

/* Format the record at RAW[*POS] as syslog(2) shows it: each line
 * begins `<level>[seconds.micros] `. *LINE_START says whether the output
 * so far ends a line (a record may continue the previous one's line).
 * Writes into OUT unless it is NULL; returns the length either way. */
static size_t format_record(const char *raw, size_t n, size_t *pos, bool *line_start, char *out)
{
	size_t i = *pos, o = 0;
	if (i + REC_HDR > n) { /* cannot happen: records are written whole */
		*pos = n;
		return 0;
	}
	int level = raw[i + 1] - '0';
	uint64_t ns = hex_value(raw + i + 2, 16);
	char prefix[48];
	int plen = snprintf(prefix, sizeof prefix, "<%d>[%5lu.%06lu] ", level, (unsigned long)(ns / 1000000000),
			    (unsigned long)(ns % 1000000000 / 1000));
	for (i += REC_HDR; i < n && raw[i] != '\001'; i++) {
		if (*line_start) {
			if (out)
				memcpy(out + o, prefix, (size_t)plen);
			o += (size_t)plen;
			*line_start = false;
		}
		if (out)
			out[o] = raw[i];
		o++;
		if (raw[i] == '\n')
			*line_start = true;
	}
	*pos = i;
	return o;
}

/* ---- syslog(2) ---- */

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define MINIMUM_CONSOLE_LOGLEVEL 1

static uint64_t clear_pos;  /* READ_ALL starts here (CLEAR moves it); log_lock */
static uint64_t syslog_pos; /* READ's next record; log_lock */
static int saved_console_loglevel = -1; /* CONSOLE_OFF's, for CONSOLE_ON */

/* Format every record of [from, log_head) into a new buffer; *N its
 * length, *TO the end of what was formatted. */
static char *format_from(uint64_t from, uint64_t *to, size_t *n)
{
	size_t rawn, pos = 0, total = 0;
	char *raw = log_snapshot(&from, to, &rawn);
	if (!raw)
		return 0;
	bool line_start = true;
	while (pos < rawn)
		total += format_record(raw, rawn, &pos, &line_start, 0);
	char *out = kmalloc(total ? total : 1);
	if (out) {
		pos = 0;
		line_start = true;
		size_t o = 0;
		while (pos < rawn)
			o += format_record(raw, rawn, &pos, &line_start, out + o);
	}
	kfree(raw);
	*n = total;
	return out;
}

/* READ_ALL: the newest whole lines that fit into LEN bytes. */
static long syslog_read_all(char *ubuf, size_t len, bool clear)
{
	bool irq = log_lock_acquire();
	uint64_t from = clear_pos;
	log_lock_release(irq);
	uint64_t to;
	size_t n;
	char *text = format_from(from, &to, &n);
	if (!text)
		return -ENOMEM;
	size_t skip = 0;
	if (n > len) {
		skip = n - len;
		while (skip < n && text[skip - 1] != '\n')
			skip++; /* start at a line */
	}
	long err = copy_to_user(ubuf, text + skip, n - skip) ? -EFAULT : 0;
	kfree(text);
	if (err)
		return err;
	if (clear) {
		irq = log_lock_acquire();
		if (clear_pos < to)
			clear_pos = to;
		log_lock_release(irq);
	}
	return (long)(n - skip);
}

static bool log_unread(void)
{
	return syslog_pos < log_head;
}

/* READ: wait for records not read yet, return as many as fit, consume them. */
static long syslog_read(char *ubuf, size_t len)
{
	int err = wait_event_killable(timer_wait_queue(), log_unread()); /* each tick looks */
	if (err)
		return -ERESTARTSYS;
	uint64_t from = syslog_pos, to;
	size_t rawn, pos = 0, o = 0;
	char *raw = log_snapshot(&from, &to, &rawn);
	char *out = raw ? kmalloc(len < LOG_BUF_SIZE ? len : LOG_BUF_SIZE) : 0;
	if (!out) {
		kfree(raw);
		return -ENOMEM;
	}
	size_t cap = len < LOG_BUF_SIZE ? len : LOG_BUF_SIZE;
	bool line_start = true;
	while (pos < rawn) {
		size_t p = pos;
		bool ls = line_start;
		size_t r = format_record(raw, rawn, &p, &ls, 0);
		if (o + r > cap && o > 0)
			break;
		if (o + r > cap) { /* one record longer than the buffer: its start */
			char *tmp = kmalloc(r);
			if (tmp) {
				format_record(raw, rawn, &pos, &line_start, tmp);
				memcpy(out, tmp, cap);
				kfree(tmp);
				o = cap;
			}
			pos = p;
			break;
		}
		o += format_record(raw, rawn, &pos, &line_start, out + o);
	}
	kfree(raw);
	long ret = copy_to_user(ubuf, out, o) ? -EFAULT : (long)o;
	kfree(out);
	if (ret >= 0) {
		bool irq = log_lock_acquire();
		if (syslog_pos < from + pos)
			syslog_pos = from + pos;
		log_lock_release(irq);
	}
	return ret;
}

size_t log_buf_read(char *buf, size_t len)
{
	uint64_t to;
	size_t n, skip = 0;
	char *text = format_from(0, &to, &n);
	if (!text)
		return 0;
	if (n > len) { /* the newest whole lines that fit */
		skip = n - len;
		while (skip < n && text[skip - 1] != '\n')
			skip++;
	}
	memcpy(buf, text + skip, n - skip);
	kfree(text);
	return n - skip;
}

long sys_syslog(int type, char *ubuf, int len)
{
	bool irq;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!ubuf || len < 0)
			return -EINVAL;
		if (len == 0)
			return 0;
		if (type == SYSLOG_ACTION_READ)
			return syslog_read(ubuf, (size_t)len);
		return syslog_read_all(ubuf, (size_t)len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		irq = log_lock_acquire();
		clear_pos = log_head;
		log_lock_release(irq);
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel < 0)
			saved_console_loglevel = console_loglevel;
		console_loglevel = MINIMUM_CONSOLE_LOGLEVEL;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel >= 0) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len < MINIMUM_CONSOLE_LOGLEVEL ? MINIMUM_CONSOLE_LOGLEVEL : len;
		saved_console_loglevel = -1; /* a later CONSOLE_ON does not undo this */
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD: {
		uint64_t to;
		size_t n;
		char *text = format_from(syslog_pos, &to, &n);
		if (!text)
			return -ENOMEM;
		kfree(text);
		return (long)n;
	}
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_SIZE;
	}
	return -EINVAL;
}

int vprintk(const char *fmt, va_list ap)
{
	char msg[512];
	int level = LOGLEVEL_DEFAULT;
	if (fmt[0] == '\001' && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	if (n >= (int)sizeof msg)
		n = sizeof msg - 1;
	for (int i = 0; i < n; i++)
		if (msg[i] == '\001')
			msg[i] = '?'; /* the byte starts a record in the ring */
	bool irq = log_lock_acquire();
	uint64_t ns = clock_monotonic_ns(); /* under the lock: records are in time order */
	log_buf[log_head++ % LOG_BUF_SIZE] = '\001';
	log_buf[log_head++ % LOG_BUF_SIZE] = (char)('0' + level);
	for (int shift = 60; shift >= 0; shift -= 4)
		log_buf[log_head++ % LOG_BUF_SIZE] = "0123456789abcdef"[(ns >> shift) & 15];
	for (int i = 0; i < n; i++)
		log_buf[log_head++ % LOG_BUF_SIZE] = msg[i];
	if (level < console_loglevel)
		for (struct console *c = consoles; c; c = c->next)
			c->write(msg, n);
	log_lock_release(irq);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void printk_init(void)
{
	const char *v = cmdline_get("loglevel");
	if (v)
		console_loglevel = (int)strtoul(v, 0, 10);
}
