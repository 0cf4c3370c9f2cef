/* decimal.c: exact binary-to-decimal conversion.
 *
 * A double is m * 2^e with m a 53-bit integer, so its value is either
 * an integer (e >= 0: m * 2^e) or a finite decimal fraction
 * (e < 0: m * 2^e = m * 5^-e / 10^-e). Either way it is enough to
 * compute one big integer, m * 2^e or m * 5^-e, which we do in base
 * 10^9 limbs so that printing it is trivial. That gives every decimal
 * digit of the number (at most 767 significant ones), with no
 * floating-point arithmetic and so no rounding error at all: printf
 * then rounds the digit string as asked, and strtod compares input text
 * against exact halfway points. */
#include <string.h>

#include "internal/decimal.h"

#define LIMB_BASE 1000000000U /* 10^9: nine decimal digits per limb */
#define MAX_LIMBS (DECIMAL_MAX_DIGITS / 9)

struct bignum {
	uint32_t limb[MAX_LIMBS]; /* least significant first */
	int n;
};

static void big_mul(struct bignum *b, uint32_t m)
{
	uint64_t carry = 0;

	for (int i = 0; i < b->n; i++) {
		uint64_t x = (uint64_t)b->limb[i] * m + carry;
		b->limb[i] = (uint32_t)(x % LIMB_BASE);
		carry = x / LIMB_BASE;
	}
	while (carry) {
		b->limb[b->n++] = (uint32_t)(carry % LIMB_BASE);
		carry /= LIMB_BASE;
	}
}

/* B *= BASE^EXP (BASE 2 or 5), in steps whose factor keeps every limb
 * product below 2^64. */
static void big_mul_pow(struct bignum *b, uint32_t base, int exp)
{
	uint32_t step = base == 2 ? 1U << 29 : 244140625U; /* 2^29, 5^12 */
	int per_step = base == 2 ? 29 : 12;

	for (; exp >= per_step; exp -= per_step)
		big_mul(b, step);
	uint32_t rest = 1;
	while (exp-- > 0)
		rest *= base;
	big_mul(b, rest);
}

/* All the digits of B, most significant first; returns the count. */
static int big_digits(const struct bignum *b, char *out)
{
	int len = 0;

	for (int i = b->n - 1; i >= 0; i--) {
		char nine[9];
		uint32_t v = b->limb[i];
		for (int k = 8; k >= 0; k--, v /= 10)
			nine[k] = (char)('0' + v % 10);
		int skip = 0;
		if (len == 0) /* no leading zeros on the top limb */
			while (skip < 8 && nine[skip] == '0')
				skip++;
		memcpy(out + len, nine + skip, (size_t)(9 - skip));
		len += 9 - skip;
	}
	return len;
}

void __decimal_from_binary(uint64_t mant, int exp, struct decimal *out)
{
	out->ndigits = 0;
	out->point = 1;
	if (mant == 0)
		return;
	while (!(mant & 1)) { /* fewer factors to multiply by */
		mant >>= 1;
		exp++;
	}

	struct bignum b = {{0}, 0};
	for (; mant; mant /= LIMB_BASE)
		b.limb[b.n++] = (uint32_t)(mant % LIMB_BASE);
	if (exp >= 0)
		big_mul_pow(&b, 2, exp);
	else
		big_mul_pow(&b, 5, -exp);
	out->ndigits = big_digits(&b, out->d);
	out->point = out->ndigits + (exp < 0 ? exp : 0);
	while (out->ndigits > 0 && out->d[out->ndigits - 1] == '0')
		out->ndigits--;
}

void __decimal_from_double(double v, struct decimal *out)
{
	uint64_t bits;

	memcpy(&bits, &v, sizeof bits);
	int biased = (int)((bits >> 52) & 0x7ff);
	uint64_t mant = bits & ((1ULL << 52) - 1);
	if (biased) /* normal numbers have a hidden leading 1 */
		mant |= 1ULL << 52;
	__decimal_from_binary(mant, biased ? biased - 1075 : -1074, out);
}

void __decimal_round(struct decimal *dec, int keep)
{
	if (keep >= dec->ndigits)
		return;
	if (keep < 0) {
		dec->ndigits = 0; /* below half a unit of the last place: 0 */
		return;
	}
	char first = dec->d[keep];
	int up;
	if (first != '5')
		up = first > '5';
	else if (keep + 1 < dec->ndigits) /* more non-zero digits follow */
		up = 1;
	else /* exactly half: to even (a digit before the point is 0) */
		up = keep > 0 && (dec->d[keep - 1] - '0') % 2 == 1;

	dec->ndigits = keep;
	if (up) {
		int i = keep - 1;
		while (i >= 0 && dec->d[i] == '9')
			i--;
		if (i < 0) { /* 999.. became 1000..: one more digit in front */
			dec->d[0] = '1';
			dec->ndigits = 1;
			dec->point++;
		} else {
			dec->d[i]++;
			dec->ndigits = i + 1;
		}
	}
	while (dec->ndigits > 0 && dec->d[dec->ndigits - 1] == '0')
		dec->ndigits--;
}
