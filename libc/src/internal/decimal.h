/* internal/decimal.h: exact decimal expansions of binary floating-point
 * numbers (src/stdlib/decimal.c), shared by printf's %f/%e/%g and by
 * strtod, which uses them to round correctly. */
#ifndef _INTERNAL_DECIMAL_H
#define _INTERNAL_DECIMAL_H

#include <stdint.h>

/* mant * 2^exp with mant < 2^64 has at most 767 + 20 significant
 * decimal digits for any double-sized exponent. */
#define DECIMAL_MAX_DIGITS 864

/* value = 0.d[0] d[1] ... d[ndigits-1] * 10^point; digits are ASCII,
 * without leading or trailing zeros; zero has ndigits == 0. */
struct decimal {
	char d[DECIMAL_MAX_DIGITS];
	int ndigits;
	int point;
};

/* The exact value of MANT * 2^EXP (EXP between -1100 and 1100). */
void __decimal_from_binary(uint64_t mant, int exp, struct decimal *out);

/* The exact value of the finite double |V|. */
void __decimal_from_double(double v, struct decimal *out);

/* Keeps KEEP significant digits, rounding half to even (KEEP < 0:
 * the value becomes 0). */
void __decimal_round(struct decimal *dec, int keep);

#endif
