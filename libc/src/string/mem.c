/* mem.c: the memory-block functions (memcpy, memset, memmove, memcmp,
 * memchr and relatives). The compiler also calls memcpy, memset,
 * memmove and memcmp on its own (struct copies, array initialisers),
 * so these must never call themselves by accident: libc.mk builds
 * this library with the flags that stop gcc from "recognising" the
 * loops below as memcpy. */
#include <string.h>
#include <strings.h>

/* `rep movsb` copies rcx bytes from rsi to rdi; on current x86-64
 * CPUs the microcode moves whole cache lines, so this one instruction
 * is as fast as a hand-unrolled loop and far easier to read. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

/* Overlap is only a problem when DST starts inside SRC: then copy from
 * the end backwards. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n-- > 0)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (size_t i = 0; i < n; i++)
		if (p[i] != q[i])
			return p[i] - q[i];
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < n; i++)
		if (p[i] == (unsigned char)c)
			return (void *)(p + i);
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	while (n-- > 0)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return NULL;
}

void *mempcpy(void *restrict dst, const void *restrict src, size_t n)
{
	return (char *)memcpy(dst, src, n) + n;
}

/* Copies up to and including the first C; returns the byte after it in
 * DST, or NULL if C did not occur in the first N bytes. */
void *memccpy(void *restrict dst, const void *restrict src, int c, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (size_t i = 0; i < n; i++) {
		d[i] = s[i];
		if (s[i] == (unsigned char)c)
			return d + i + 1;
	}
	return NULL;
}

void *memmem(const void *hay, size_t hlen, const void *needle, size_t nlen)
{
	const unsigned char *h = hay;

	if (nlen == 0)
		return (void *)hay;
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (h[i] == *(const unsigned char *)needle &&
		    memcmp(h + i, needle, nlen) == 0)
			return (void *)(h + i);
	return NULL;
}

void bzero(void *s, size_t n)
{
	memset(s, 0, n);
}

int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}

void bcopy(const void *src, void *dst, size_t n)
{
	memmove(dst, src, n);
}
