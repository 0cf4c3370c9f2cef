/* assert.h: assert(expr) prints the failed expression with its place
 * and aborts; NDEBUG turns it off. Deliberately without an include
 * guard: C lets a file re-include it after changing NDEBUG. */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
	((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H
#define _ASSERT_H
#define static_assert _Static_assert
_Noreturn void __assert_fail(const char *expr, const char *file, int line,
			     const char *func);
#endif
