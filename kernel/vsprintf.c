/* vsprintf.c: the formatter behind printk and snprintf. */
#include <stdint.h>
#include "kernel/vsprintf.h"

size_t (*vsprintf_symbol_hook)(char *buf, size_t size, uintptr_t addr);

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters produced so far, stored or not */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16 };

static void put_number(struct out *o, uint64_t v, int neg, unsigned base, int upper,
		       int flags, int width, int prec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	const char *prefix = "";

	if (v == 0 && prec == 0)
		n = 0;
	else
		do {
			tmp[n++] = digits[v % base];
			v /= base;
		} while (v);

	if (neg)
		prefix = "-";
	else if (flags & F_PLUS)
		prefix = "+";
	else if (flags & F_SPACE)
		prefix = " ";
	if ((flags & F_ALT) && base == 16 && n > 0 && !(n == 1 && tmp[0] == '0'))
		prefix = upper ? "0X" : "0x";
	if ((flags & F_ALT) && base == 8 && (n == 0 || tmp[n - 1] != '0'))
		tmp[n++] = '0';

	int plen = 0;
	while (prefix[plen])
		plen++;
	int zeros = prec > n ? prec - n : 0;
	int fill = width - plen - zeros - n;
	if ((flags & F_ZERO) && !(flags & F_LEFT) && prec < 0) {
		zeros += fill > 0 ? fill : 0;
		fill = 0;
	}
	if (!(flags & F_LEFT))
		pad(o, ' ', fill);
	for (int i = 0; i < plen; i++)
		put(o, prefix[i]);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		pad(o, ' ', fill);
}

static void put_string(struct out *o, const char *s, int flags, int width, int prec)
{
	int n = 0;
	if (!s)
		s = "(null)";
	while (s[n] && (prec < 0 || n < prec))
		n++;
	if (!(flags & F_LEFT))
		pad(o, ' ', width - n);
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	if (flags & F_LEFT)
		pad(o, ' ', width - n);
}

static int parse_int(const char **fmt)
{
	int v = 0;
	while (**fmt >= '0' && **fmt <= '9')
		v = v * 10 + (*(*fmt)++ - '0');
	return v;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		int flags = 0;
		for (;; fmt++) {
			if (*fmt == '-') flags |= F_LEFT;
			else if (*fmt == '0') flags |= F_ZERO;
			else if (*fmt == '+') flags |= F_PLUS;
			else if (*fmt == ' ') flags |= F_SPACE;
			else if (*fmt == '#') flags |= F_ALT;
			else break;
		}
		int width = 0, prec = -1;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0)
				flags |= F_LEFT, width = -width;
			fmt++;
		} else {
			width = parse_int(&fmt);
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				prec = parse_int(&fmt);
			}
		}
		int size_mod = 0; /* -2 hh, -1 h, 0 int, 1 long, 2 long long */
		for (;; fmt++) {
			if (*fmt == 'h') size_mod--;
			else if (*fmt == 'l') size_mod++;
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') size_mod = 1;
			else break;
		}

		unsigned base = 10;
		int upper = 0, is_signed = 0;
		switch (*fmt) {
		case 'd':
		case 'i':
			is_signed = 1;
			break;
		case 'u':
			break;
		case 'x':
			base = 16;
			break;
		case 'X':
			base = 16, upper = 1;
			break;
		case 'o':
			base = 8;
			break;
		case 'p': {
			uintptr_t p = (uintptr_t)va_arg(ap, void *);
			if (fmt[1] == 'S' && vsprintf_symbol_hook) {
				char sym[128];
				fmt++;
				vsprintf_symbol_hook(sym, sizeof sym, p);
				put_string(&o, sym, flags, width, prec);
				continue;
			}
			put_number(&o, p, 0, 16, 0, flags | F_ALT, width, prec);
			continue;
		}
		case 'c':
			flags &= F_LEFT;
			if (!(flags & F_LEFT))
				pad(&o, ' ', width - 1);
			put(&o, (char)va_arg(ap, int));
			if (flags & F_LEFT)
				pad(&o, ' ', width - 1);
			continue;
		case 's':
			put_string(&o, va_arg(ap, const char *), flags, width, prec);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 0:
			fmt--; /* a lone % at the end */
			continue;
		default:
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}

		uint64_t v;
		int neg = 0;
		if (is_signed) {
			int64_t s;
			if (size_mod >= 1)
				s = size_mod == 1 ? va_arg(ap, long) : va_arg(ap, long long);
			else
				s = va_arg(ap, int);
			if (size_mod == -1)
				s = (short)s;
			else if (size_mod <= -2)
				s = (signed char)s;
			neg = s < 0;
			v = neg ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
		} else {
			if (size_mod >= 1)
				v = size_mod == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned long long);
			else
				v = va_arg(ap, unsigned int);
			if (size_mod == -1)
				v = (unsigned short)v;
			else if (size_mod <= -2)
				v = (unsigned char)v;
		}
		put_number(&o, v, neg, base, upper, flags, width, prec);
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
