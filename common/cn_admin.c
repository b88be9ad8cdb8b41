#include "cn_admin.h"

#include <string.h>

#include "banned.h"

/* Index of the first row of code, or -1 (rows are sorted by code). */
static long first_row(int code)
{
	size_t lo = 0, hi = cn_divisions_len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cn_divisions[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < cn_divisions_len && cn_divisions[lo].code == code)
		return (long)lo;
	return -1;
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

int cn_admin_is_municipality(int code)
{
	return code == 110000 || code == 120000 || code == 310000 || code == 500000;
}

/* The first 6 bytes (two Han characters) as a big-endian number. */
static uint64_t prefix_value(const char *s)
{
	uint64_t v = 0;
	for (int k = 0; k < 6; k++)
		v = v << 8 | (unsigned char)s[k];
	return v;
}

static int same6(const char *a, const char *b)
{
	uint32_t a4, b4;
	uint16_t a2, b2;
	memcpy(&a4, a, 4);
	memcpy(&b4, b, 4);
	memcpy(&a2, a + 4, 2);
	memcpy(&b2, b + 4, 2);
	return a4 == b4 && a2 == b2;
}

/* The run of keys whose first 6 bytes are those of s; returns its length. */
static size_t key_run(const char *s, size_t n, size_t *start)
{
	size_t h;
	if (n < 6)
		return 0;
	h = (size_t)(prefix_value(s) % cn_name_slots_len);
	for (;;) {
		uint32_t v = cn_name_slots[h];
		if (v == 0)
			return 0;
		if (same6(cn_name_keys[v >> 8].key, s)) {
			*start = v >> 8;
			return v & 0xff;
		}
		if (++h == cn_name_slots_len)
			h = 0;
	}
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
	size_t start = 0, run = key_run(s, n, &start), got = 0;
	for (size_t k = start; k < start + run && got < max; k++) {
		const struct cn_name_key *key = &cn_name_keys[k];
		if (key->len == n && memcmp(key->key, s, n) == 0)
			fill_match(&out[got++], key);
	}
	return got;
}

size_t cn_admin_match_prefix(const char *s, size_t n, struct cn_name_match *out, size_t max)
{
	size_t start = 0, run = key_run(s, n, &start), got = 0;
	for (size_t k = start; k < start + run && got < max; k++) {
		const struct cn_name_key *key = &cn_name_keys[k];
		if (key->len <= n && memcmp(key->key + 6, s + 6, key->len - 6u) == 0)
			fill_match(&out[got++], key);
	}
	return got;
}
