/*
 * selftest.h: kernel self-tests, run at boot under the `test` option.
 *
 * A test is a function that returns NULL on success or a message saying
 * what went wrong; KTEST registers it, CHECK makes the common case short:
 *
 *   KTEST(kmalloc_small)
 *   {
 *           void *p = kmalloc(10);
 *           CHECK(p != NULL, "kmalloc(10) failed");
 *           kfree(p);
 *           return NULL;
 *   }
 *
 * Each result is one serial line, "TEST <name> PASS" or
 * "TEST <name> FAIL: <message>", which tests/run.py collects. At the end
 * the kernel leaves QEMU with EXIT_CODE_SUCCESS or EXIT_CODE_FAILURE.
 */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

#include <stddef.h>

/* isa-debug-exit makes QEMU's exit status (code << 1) | 1: 33 and 35 */
#define EXIT_CODE_SUCCESS 0x10
#define EXIT_CODE_FAILURE 0x11

struct ktest {
	const char *name;
	const char *(*fn)(void);
};

#define KTEST(test_name)                                                         \
	static const char *ktest_##test_name(void);                               \
	static const struct ktest ktest_entry_##test_name                          \
		__attribute__((used, section(".ktest"), aligned(8))) = { #test_name, \
									 ktest_##test_name }; \
	static const char *ktest_##test_name(void)

/* Format a failure message (kept in a static buffer until the next one). */
const char *ktest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (!(cond))                                                  \
			return ktest_fail(__FILE__, __LINE__, __VA_ARGS__);   \
	} while (0)

/* Run every registered test (or those named in test=a,b); returns failures. */
int run_selftests(const char *only);

#endif
