/*
 * vsprintf_test.c: the kernel's vsnprintf against the host C library's
 * snprintf, format by format, on the host. The kernel's formatter must
 * print exactly what C's does for every conversion they share.
 */
// uses: kernel/vsprintf.c
// flags: -Dvsnprintf=kernel_vsnprintf -Dsnprintf=kernel_snprintf_unused
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

/* kernel/vsprintf.c, built with its functions renamed (flags: above) */
int kernel_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

static int failures;

__attribute__((format(printf, 3, 4)))
static int kernel_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kernel_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define COMPARE(name, fmt, ...)                                                              \
	do {                                                                                 \
		char want[256], got[256];                                                    \
		int wn = snprintf(want, sizeof want, fmt, __VA_ARGS__);                     \
		int gn = kernel_snprintf(got, sizeof got, fmt, __VA_ARGS__);               \
		if (wn != gn || strcmp(want, got) != 0) {                                    \
			printf("FAIL vsprintf/%s: format \"%s\": libc \"%s\" (%d), kernel \"%s\" (%d)\n", \
			       name, fmt, want, wn, got, gn);                                \
			failures++;                                                          \
		} else {                                                                     \
			printf("PASS vsprintf/%s\n", name);                                  \
		}                                                                            \
	} while (0)

int main(void)
{
	COMPARE("d", "%d %d %d", 0, -42, 2147483647);
	COMPARE("d-min", "%d", (int)-2147483647 - 1);
	COMPARE("i-width", "[%5i|%-5i|%05i]", 42, 42, -42);
	COMPARE("u", "%u %u", 0u, 4294967295u);
	COMPARE("x", "%x %X %#x %#X %08x", 0xbeefu, 0xbeefu, 255u, 255u, 0xabu);
	COMPARE("o", "%o %#o", 8u, 8u);
	COMPARE("ld", "%ld %lu %lx", -1234567890123L, 18446744073709551615UL, 0xffffffffffUL);
	COMPARE("lld", "%lld %llu", -9223372036854775807LL - 1, 18446744073709551615ULL);
	COMPARE("zu", "%zu %zd %zx", (size_t)123456789, (ssize_t)-5, (size_t)0xfff);
	COMPARE("hh-h", "%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	COMPARE("c", "[%c%c%3c%-3c]", 'a', 'b', 'c', 'd');
	COMPARE("s", "[%s|%10s|%-10s|%.3s|%*s]", "hi", "right", "left", "truncate", 6, "star");
	COMPARE("precision", "%.5d %.0d %.3x [%8.3d]", 42, 0, 7u, -7);
	COMPARE("plus-space", "%+d %+d % d % d", 5, -5, 5, -5);
	COMPARE("percent", "100%% %d%%", 5);
	COMPARE("p", "%p", (void *)0xffffffff80100000UL);
	COMPARE("star-neg", "[%*d]", -6, 42);

	/* truncation: C99 semantics, returns the would-be length */
	char small[8];
	int n = kernel_snprintf(small, sizeof small, "%s", "0123456789");
	if (n != 10 || strcmp(small, "0123456") != 0) {
		printf("FAIL vsprintf/truncate: got \"%s\" (%d)\n", small, n);
		failures++;
	} else {
		printf("PASS vsprintf/truncate\n");
	}
	n = kernel_snprintf(NULL, 0, "%d", 12345);
	if (n != 5) {
		printf("FAIL vsprintf/size-zero: returned %d\n", n);
		failures++;
	} else {
		printf("PASS vsprintf/size-zero\n");
	}
	return failures ? 1 : 0;
}
