/* rand.c: pseudo-random numbers (rand, srand, rand_r, random,
 * srandom). Not for anything secret.
 *
 * rand is a 64-bit linear congruential generator (Knuth's MMIX
 * constants) returning the top 31 bits, whose period and quality are
 * far better than those of its low bits. */
#include <stdlib.h>

static unsigned long long state = 1;

void srand(unsigned seed)
{
	state = seed;
}

int rand(void)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(state >> 33);
}

/* The whole state must fit in *SEED, so this one is a 32-bit LCG whose
 * output is then mixed (xorshift-multiply) to hide its weak low bits. */
int rand_r(unsigned *seed)
{
	unsigned x = *seed = *seed * 1103515245u + 12345u;

	x ^= x >> 16;
	x *= 0x45d9f3bu;
	x ^= x >> 16;
	return (int)(x & RAND_MAX);
}

long random(void)
{
	return rand();
}

void srandom(unsigned seed)
{
	srand(seed);
}
