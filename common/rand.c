#include "rand.h"

#include "banned.h"

void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

size_t rng_pick_cum(struct rng *r, const uint32_t *cum, size_t n)
{
	uint32_t x = rng_below(r, cum[n - 1]);
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The four rounds on a domain of 2 * half bits. */
static uint64_t feistel(uint64_t x, unsigned half, uint64_t key)
{
	uint64_t mask = (1ULL << half) - 1;
	uint64_t left = x >> half, right = x & mask;
	for (uint64_t round = 0; round < 4; round++) {
		uint64_t f = mix64(right ^ mix64(key + round)) & mask;
		uint64_t t = left ^ f;
		left = right;
		right = t;
	}
	return left << half | right;
}

uint64_t rand_permute(uint64_t x, uint64_t n, uint64_t key)
{
	unsigned half = 1;
	while (half < 31 && (1ULL << (2 * half)) < n)
		half++;
	do
		x = feistel(x, half, key);
	while (x >= n);
	return x;
}
