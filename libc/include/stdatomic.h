/* stdatomic.h: C11 atomics. There is no library code behind these: each
 * macro is one of the compiler's atomic built-ins, which become single
 * instructions (lock xadd, lock cmpxchg, xchg, mfence ...). gcc and
 * clang name their built-ins differently for _Atomic objects, hence the
 * two halves below:
 *
 *   gcc    __atomic_load_n(p, order), __atomic_fetch_add(p, v, order) ...
 *   clang  __c11_atomic_load(p, order), __c11_atomic_fetch_add(...) ...
 *
 * Supported: _Atomic integers, booleans and pointers, atomic_flag, the
 * fences. Not supported: _Atomic structures (they would need a lock
 * library, libatomic). As with gcc's own header, atomic_fetch_add on an
 * _Atomic pointer built with gcc adds bytes, not elements. */
#ifndef _STDATOMIC_H
#define _STDATOMIC_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	memory_order_relaxed = __ATOMIC_RELAXED,
	memory_order_consume = __ATOMIC_CONSUME,
	memory_order_acquire = __ATOMIC_ACQUIRE,
	memory_order_release = __ATOMIC_RELEASE,
	memory_order_acq_rel = __ATOMIC_ACQ_REL,
	memory_order_seq_cst = __ATOMIC_SEQ_CST
} memory_order;

typedef _Atomic _Bool atomic_bool;
typedef _Atomic char atomic_char;
typedef _Atomic signed char atomic_schar;
typedef _Atomic unsigned char atomic_uchar;
typedef _Atomic short atomic_short;
typedef _Atomic unsigned short atomic_ushort;
typedef _Atomic int atomic_int;
typedef _Atomic unsigned int atomic_uint;
typedef _Atomic long atomic_long;
typedef _Atomic unsigned long atomic_ulong;
typedef _Atomic long long atomic_llong;
typedef _Atomic unsigned long long atomic_ullong;
typedef _Atomic __CHAR16_TYPE__ atomic_char16_t;
typedef _Atomic __CHAR32_TYPE__ atomic_char32_t;
typedef _Atomic __WCHAR_TYPE__ atomic_wchar_t;
typedef _Atomic int_least8_t atomic_int_least8_t;
typedef _Atomic uint_least8_t atomic_uint_least8_t;
typedef _Atomic int_least16_t atomic_int_least16_t;
typedef _Atomic uint_least16_t atomic_uint_least16_t;
typedef _Atomic int_least32_t atomic_int_least32_t;
typedef _Atomic uint_least32_t atomic_uint_least32_t;
typedef _Atomic int_least64_t atomic_int_least64_t;
typedef _Atomic uint_least64_t atomic_uint_least64_t;
typedef _Atomic int_fast8_t atomic_int_fast8_t;
typedef _Atomic uint_fast8_t atomic_uint_fast8_t;
typedef _Atomic int_fast16_t atomic_int_fast16_t;
typedef _Atomic uint_fast16_t atomic_uint_fast16_t;
typedef _Atomic int_fast32_t atomic_int_fast32_t;
typedef _Atomic uint_fast32_t atomic_uint_fast32_t;
typedef _Atomic int_fast64_t atomic_int_fast64_t;
typedef _Atomic uint_fast64_t atomic_uint_fast64_t;
typedef _Atomic intptr_t atomic_intptr_t;
typedef _Atomic uintptr_t atomic_uintptr_t;
typedef _Atomic size_t atomic_size_t;
typedef _Atomic ptrdiff_t atomic_ptrdiff_t;
typedef _Atomic intmax_t atomic_intmax_t;
typedef _Atomic uintmax_t atomic_uintmax_t;

/* Every size up to 8 bytes is always lock-free on x86-64. */
#define ATOMIC_BOOL_LOCK_FREE __GCC_ATOMIC_BOOL_LOCK_FREE
#define ATOMIC_CHAR_LOCK_FREE __GCC_ATOMIC_CHAR_LOCK_FREE
#define ATOMIC_CHAR16_T_LOCK_FREE __GCC_ATOMIC_CHAR16_T_LOCK_FREE
#define ATOMIC_CHAR32_T_LOCK_FREE __GCC_ATOMIC_CHAR32_T_LOCK_FREE
#define ATOMIC_WCHAR_T_LOCK_FREE __GCC_ATOMIC_WCHAR_T_LOCK_FREE
#define ATOMIC_SHORT_LOCK_FREE __GCC_ATOMIC_SHORT_LOCK_FREE
#define ATOMIC_INT_LOCK_FREE __GCC_ATOMIC_INT_LOCK_FREE
#define ATOMIC_LONG_LOCK_FREE __GCC_ATOMIC_LONG_LOCK_FREE
#define ATOMIC_LLONG_LOCK_FREE __GCC_ATOMIC_LLONG_LOCK_FREE
#define ATOMIC_POINTER_LOCK_FREE __GCC_ATOMIC_POINTER_LOCK_FREE

#define ATOMIC_VAR_INIT(value) (value)
#define kill_dependency(y) (y)

/* atomic_flag: the one type C guarantees lock-free; a plain byte that
 * test_and_set sets with one xchg. */
typedef struct {
	unsigned char __set;
} atomic_flag;

#define ATOMIC_FLAG_INIT {0}
#define atomic_flag_test_and_set_explicit(f, order) __atomic_test_and_set(&(f)->__set, (order))
#define atomic_flag_test_and_set(f) atomic_flag_test_and_set_explicit(f, __ATOMIC_SEQ_CST)
#define atomic_flag_clear_explicit(f, order) __atomic_clear(&(f)->__set, (order))
#define atomic_flag_clear(f) atomic_flag_clear_explicit(f, __ATOMIC_SEQ_CST)

#define atomic_thread_fence(order) __atomic_thread_fence(order)
#define atomic_signal_fence(order) __atomic_signal_fence(order)
#define atomic_is_lock_free(obj) __atomic_is_lock_free(sizeof(*(obj)), (obj))

#ifdef __clang__

#define atomic_init(obj, value) __c11_atomic_init((obj), (value))
#define atomic_load_explicit(obj, order) __c11_atomic_load((obj), (order))
#define atomic_store_explicit(obj, value, order) __c11_atomic_store((obj), (value), (order))
#define atomic_exchange_explicit(obj, value, order) \
	__c11_atomic_exchange((obj), (value), (order))
#define atomic_compare_exchange_strong_explicit(obj, expected, desired, ok, fail) \
	__c11_atomic_compare_exchange_strong((obj), (expected), (desired), (ok), (fail))
#define atomic_compare_exchange_weak_explicit(obj, expected, desired, ok, fail) \
	__c11_atomic_compare_exchange_weak((obj), (expected), (desired), (ok), (fail))
#define atomic_fetch_add_explicit(obj, v, order) __c11_atomic_fetch_add((obj), (v), (order))
#define atomic_fetch_sub_explicit(obj, v, order) __c11_atomic_fetch_sub((obj), (v), (order))
#define atomic_fetch_or_explicit(obj, v, order) __c11_atomic_fetch_or((obj), (v), (order))
#define atomic_fetch_xor_explicit(obj, v, order) __c11_atomic_fetch_xor((obj), (v), (order))
#define atomic_fetch_and_explicit(obj, v, order) __c11_atomic_fetch_and((obj), (v), (order))

#else /* gcc */

#define atomic_init(obj, value) __atomic_store_n((obj), (value), __ATOMIC_RELAXED)
#define atomic_load_explicit(obj, order) __atomic_load_n((obj), (order))
#define atomic_store_explicit(obj, value, order) __atomic_store_n((obj), (value), (order))
#define atomic_exchange_explicit(obj, value, order) __atomic_exchange_n((obj), (value), (order))
#define atomic_compare_exchange_strong_explicit(obj, expected, desired, ok, fail) \
	__atomic_compare_exchange_n((obj), (expected), (desired), 0, (ok), (fail))
#define atomic_compare_exchange_weak_explicit(obj, expected, desired, ok, fail) \
	__atomic_compare_exchange_n((obj), (expected), (desired), 1, (ok), (fail))
#define atomic_fetch_add_explicit(obj, v, order) __atomic_fetch_add((obj), (v), (order))
#define atomic_fetch_sub_explicit(obj, v, order) __atomic_fetch_sub((obj), (v), (order))
#define atomic_fetch_or_explicit(obj, v, order) __atomic_fetch_or((obj), (v), (order))
#define atomic_fetch_xor_explicit(obj, v, order) __atomic_fetch_xor((obj), (v), (order))
#define atomic_fetch_and_explicit(obj, v, order) __atomic_fetch_and((obj), (v), (order))

#endif

/* The sequentially consistent forms: what to use unless you know why
 * not. */
#define atomic_load(obj) atomic_load_explicit(obj, __ATOMIC_SEQ_CST)
#define atomic_store(obj, value) atomic_store_explicit(obj, value, __ATOMIC_SEQ_CST)
#define atomic_exchange(obj, value) atomic_exchange_explicit(obj, value, __ATOMIC_SEQ_CST)
#define atomic_compare_exchange_strong(obj, expected, desired) \
	atomic_compare_exchange_strong_explicit(obj, expected, desired, __ATOMIC_SEQ_CST, \
						__ATOMIC_SEQ_CST)
#define atomic_compare_exchange_weak(obj, expected, desired) \
	atomic_compare_exchange_weak_explicit(obj, expected, desired, __ATOMIC_SEQ_CST, \
					      __ATOMIC_SEQ_CST)
#define atomic_fetch_add(obj, v) atomic_fetch_add_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_sub(obj, v) atomic_fetch_sub_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_or(obj, v) atomic_fetch_or_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_xor(obj, v) atomic_fetch_xor_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_and(obj, v) atomic_fetch_and_explicit(obj, v, __ATOMIC_SEQ_CST)

#endif
