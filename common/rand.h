#ifndef SCRM_RAND_H
#define SCRM_RAND_H
/*
 * Deterministic pseudo-random numbers for generators and sampling:
 * splitmix64 (seeding, and hashing an index into a seed, so item i of a
 * run can be regenerated alone) and xoshiro256** (the stream). Integer
 * arithmetic only: the same seed gives the same numbers on every
 * platform. Not for secrets.
 */
#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* One splitmix64 step: advances *state, returns the next value. */
static inline uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The splitmix64 finaliser: a bijective mix of 64 bits (hashes small integers well). */
static inline uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Seeds r through splitmix64 (which never yields the all-zero state). */
void rng_seed(struct rng *r, uint64_t seed);

/* The stream of item index of a family keyed by key (a seed and a purpose). */
static inline void rng_seed_item(struct rng *r, uint64_t key, uint64_t index)
{
	rng_seed(r, mix64(key ^ mix64(index + 0x632be59bd9b4e019ULL)));
}

static inline uint64_t rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** 1.0 (Blackman and Vigna). */
static inline uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rng_rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n), n >= 1, without bias (Lemire's multiply and reject). */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	uint64_t m = (rng_next(r) >> 32) * n;
	uint32_t low = (uint32_t)m;
	if (low < n) {
		uint32_t floor = (uint32_t)(-n) % n;
		while (low < floor) {
			m = (rng_next(r) >> 32) * n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

/* Uniform in [lo, hi], lo <= hi. */
static inline int rng_between(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo) + 1);
}

/* Uniform in [0, 1) with 53 bits. */
static inline double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* 1 with probability p. */
static inline int rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/*
 * An index drawn by weight: cum[i] is the sum of the weights 0..i
 * (ascending, cum[n - 1] > 0).
 */
size_t rng_pick_cum(struct rng *r, const uint32_t *cum, size_t n);

/*
 * A keyed bijection of [0, n) (1 <= n <= 2^62): a four-round Feistel
 * network on the smallest even number of bits that holds n, walking the
 * cycle until the value falls inside the range. x < n. Turns a counter
 * into unique, random-looking values (serial numbers, phone numbers).
 */
uint64_t rand_permute(uint64_t x, uint64_t n, uint64_t key);

#endif
