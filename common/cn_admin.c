#include "cn_admin.h"

#include <string.h>

#include "banned.h"

/*
 * The multipliers of the multiply-shift hashes (cn_admin.h). The generator
 * computes the same in awk, exactly: the products stay below 2^53.
 */
#define HASH_A UINT64_C(165902235)
#define HASH_B UINT64_C(133473217)

/* Index of the first row of code, or -1. */
static long first_row(int code)
{
	size_t mask = cn_code_slots_len - 1;
	size_t h = (size_t)((uint32_t)code * HASH_A >> 16) & mask;
	for (;; h = (h + 1) & mask) {
		unsigned slot = cn_code_slots[h];
		if (slot == 0)
			return -1;
		if (cn_divisions[slot - 1].code == code)
			return (long)slot - 1;
	}
}

const struct cn_division *cn_admin_get(int code)
{
	long i = first_row(code);
	return i < 0 ? NULL : &cn_divisions[i];
}

size_t cn_admin_rows(int code, const struct cn_division **first)
{
	long i = first_row(code);
	size_t n = 0;
	*first = NULL;
	if (i < 0)
		return 0;
	*first = &cn_divisions[i];
	while ((size_t)i + n < cn_divisions_len && cn_divisions[i + (long)n].code == code)
		n++;
	return n;
}

const struct cn_division *cn_admin_at(int code, int year)
{
	const struct cn_division *r;
	size_t n = cn_admin_rows(code, &r);
	for (size_t k = 0; k < n; k++)
		if (r[k].valid_from <= year && (r[k].valid_until == 0 || year < r[k].valid_until))
			return &r[k];
	return NULL;
}

int cn_admin_existed(int code)
{
	return first_row(code) >= 0;
}

int cn_admin_successor(int code)
{
	const struct cn_division *d = cn_admin_get(code);
	return d ? d->current : 0;
}

/* The code point of the three-byte character at s, -1 if s does not start with one. */
static inline long cp3(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	uint16_t next;
	memcpy(&next, u + 1, 2);	/* both continuation bytes in one test */
	if ((u[0] & 0xf0) != 0xe0 || (next & 0xc0c0) != 0x8080)
		return -1;
	return (long)(u[0] & 0x0f) << 12 | (long)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
}

/*
 * The keys whose first 6 bytes are those of s[0, n) (n >= 6): the first, or
 * NULL; *count of them. The slot holds the two code points: one load per
 * probe. Equal code points of three-byte characters are equal bytes.
 */
static inline const struct cn_name_key *key_run(const char *s, size_t *count)
{
	size_t mask = cn_name_slots_len - 1, h;
	long a = cp3(s), b = cp3(s + 3);
	uint32_t prefix;
	if (a < 0 || b < 0)
		return NULL;
	prefix = (uint32_t)a << 16 | (uint32_t)b;
	h = (size_t)(((uint64_t)a * HASH_A + (uint64_t)b * HASH_B) >> 16) & mask;
	for (;; h = (h + 1) & mask) {
		const struct cn_name_slot *slot = &cn_name_slots[h];
		if (slot->run == 0)
			return NULL;
		if (slot->prefix == prefix) {
			*count = slot->run & 0xff;
			return &cn_name_keys[slot->run >> 8];
		}
	}
}

const struct cn_name_key *cn_admin_key_run(const char *s, size_t n, size_t *count)
{
	*count = 0;
	return n >= 6 ? key_run(s, count) : NULL;
}

static void fill_match(struct cn_name_match *m, const struct cn_name_key *k)
{
	m->row = &cn_divisions[k->row];
	m->cur = &cn_divisions[k->cur];
	m->len = k->len;
	m->kind = k->kind;
}

size_t cn_admin_find_name(const char *s, size_t n, struct cn_name_match *out, size_t max)
{
	size_t run, got = 0;
	const struct cn_name_key *key = cn_admin_key_run(s, n, &run);
	for (; run > 0 && got < max; run--, key++)
		if (key->len == n && memcmp(key->key, s, n) == 0)
			fill_match(&out[got++], key);
	return got;
}

/* Is a[0, n) equal to b[0, n)? Names are short: a loop beats a call to memcmp. */
static int same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (a[k] != b[k])
			return 0;
	return 1;
}

size_t cn_admin_match_prefix(const char *s, size_t n, struct cn_name_match *out, size_t max)
{
	size_t run, got = 0;
	const struct cn_name_key *key = cn_admin_key_run(s, n, &run);
	for (; run > 0 && got < max; run--, key++)
		if (key->len <= n && same_bytes(key->key + 6, s + 6, key->len - 6u))
			fill_match(&out[got++], key);
	return got;
}
