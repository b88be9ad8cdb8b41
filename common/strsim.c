#include "strsim.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "unicode.h"
#include "util.h"
#include "banned.h"

/* ---- decoding ---- */

/* Code points of one string: in buf when they fit, on the heap if not. */
struct cps {
	int32_t *p;
	size_t n;
	int32_t buf[STRSIM_STACK];
};

/* Decodes at most cap code points; *used is the number of bytes read. */
static size_t decode_some(const char *s, size_t n, int32_t *out, size_t cap,
			  size_t *used)
{
	size_t i = 0, k = 0;

	while (i < n && k < cap) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t len;

		if (c < 0x80) {
			out[k++] = c;
			i++;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (!len) {
			cp = 0xdc00 + c;	/* surrogateescape */
			len = 1;
		}
		out[k++] = cp;
		i += len;
	}
	*used = i;
	return k;
}

size_t strsim_decode(const char *s, size_t n, int32_t *out, size_t cap)
{
	size_t used, k = decode_some(s, n, out, cap, &used);

	while (used < n) {
		int32_t rest[32];
		size_t u;

		k += decode_some(s + used, n - used, rest, ARRAY_SIZE(rest), &u);
		used += u;
	}
	return k;
}

static void cps_load(struct cps *c, const char *s, size_t n)
{
	size_t used;

	c->p = c->buf;
	c->n = decode_some(s, n, c->buf, STRSIM_STACK, &used);
	if (used < n) {
		/* at most one code point per byte left */
		c->p = xmalloc((c->n + n - used) * sizeof(*c->p));
		memcpy(c->p, c->buf, c->n * sizeof(*c->p));
		c->n += decode_some(s + used, n - used, c->p + c->n, n - used,
				    &used);
	}
}

static void cps_release(struct cps *c)
{
	if (c->p != c->buf)
		free(c->p);
}

static int bytes_equal(const char *a, size_t na, const char *b, size_t nb)
{
	return na == nb && !memcmp(a, b, na);
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* ---- Jaro and Jaro-Winkler ---- */

static size_t jaro_range(size_t na, size_t nb)
{
	size_t r = (na > nb ? na : nb) / 2;

	return r ? r - 1 : 0;
}

/* m matches, t of them out of order: jellyfish's order of operations. */
static double jaro_score(size_t m, size_t t, size_t na, size_t nb)
{
	if (!m)
		return 0.0;
	t /= 2;
	return ((double)m / na + (double)m / nb + ((double)m - t) / m) / 3.0;
}

static uint64_t low_bits(size_t n)
{
	return n < 64 ? (UINT64_C(1) << n) - 1 : ~UINT64_C(0);
}

/*
 * Both strings of at most 64 code points: the matched positions are bits
 * of two registers. The common prefix matches itself in order (each of
 * its characters finds its own position first), so it is skipped.
 */
static double jaro_short(const int32_t *a, size_t na, const int32_t *b,
			 size_t nb, size_t pre)
{
	uint64_t af = low_bits(pre), bf = af;
	size_t range = jaro_range(na, nb), m = pre, t = 0, i, j, k;

	for (i = pre; i < na; i++) {
		size_t lo = i > range ? i - range : 0;
		size_t hi = min_size(i + range + 1, nb);

		for (j = lo; j < hi; j++) {
			if (a[i] == b[j] && !((bf >> j) & 1)) {
				af |= UINT64_C(1) << i;
				bf |= UINT64_C(1) << j;
				m++;
				break;
			}
		}
	}
	/* the matches in order on both sides: count the pairs that differ */
	for (i = k = pre; m > pre && i < na; i++) {
		if (!((af >> i) & 1))
			continue;
		while (!((bf >> k) & 1))
			k++;
		t += a[i] != b[k++];
	}
	return jaro_score(m, t, na, nb);
}

/* Longer strings: the same with bit sets in memory. */
static int flag_get(const uint64_t *f, size_t i)
{
	return (f[i / 64] >> (i % 64)) & 1;
}

static void flag_set(uint64_t *f, size_t i)
{
	f[i / 64] |= UINT64_C(1) << (i % 64);
}

static double jaro_long(const int32_t *a, size_t na, const int32_t *b,
			size_t nb, size_t pre)
{
	uint64_t small[8], *af, *bf;
	size_t wa = (na + 63) / 64, wb = (nb + 63) / 64;
	size_t range = jaro_range(na, nb), m = pre, t = 0, i, j, k;

	af = wa + wb <= ARRAY_SIZE(small) ? small :
		xmalloc((wa + wb) * sizeof(*af));
	bf = af + wa;
	memset(af, 0, (wa + wb) * sizeof(*af));
	for (i = 0; i < pre; i++) {
		flag_set(af, i);
		flag_set(bf, i);
	}
	for (i = pre; i < na; i++) {
		size_t lo = i > range ? i - range : 0;
		size_t hi = min_size(i + range + 1, nb);

		for (j = lo; j < hi; j++) {
			if (a[i] == b[j] && !flag_get(bf, j)) {
				flag_set(af, i);
				flag_set(bf, j);
				m++;
				break;
			}
		}
	}
	for (i = k = pre; m > pre && i < na; i++) {
		if (!flag_get(af, i))
			continue;
		while (!flag_get(bf, k))
			k++;
		t += a[i] != b[k++];
	}
	if (af != small)
		free(af);
	return jaro_score(m, t, na, nb);
}

double jaro_cp(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
	size_t pre;

	if (!na || !nb)
		return na == nb ? 1.0 : 0.0;
	pre = common_prefix_cp(a, na, b, nb);
	if (na <= 64 && nb <= 64)
		return jaro_short(a, na, b, nb, pre);
	return jaro_long(a, na, b, nb, pre);
}

static double winkler(double j, const int32_t *a, size_t na, const int32_t *b,
		      size_t nb)
{
	size_t l = 0, lim = min_size(min_size(na, nb), JW_PREFIX_MAX);

	if (j <= JW_BOOST_THRESHOLD)
		return j;
	while (l < lim && a[l] == b[l])
		l++;
	return j + l * JW_PREFIX_SCALE * (1.0 - j);
}

double jaro_winkler_cp(const int32_t *a, size_t na, const int32_t *b,
		       size_t nb)
{
	return winkler(jaro_cp(a, na, b, nb), a, na, b, nb);
}

/* A code-point measure applied to two UTF-8 strings (equal bytes: 1). */
static double on_code_points(double (*fn)(const int32_t *, size_t, const int32_t *, size_t),
			     const char *a, size_t na, const char *b, size_t nb)
{
	struct cps ca, cb;
	double r;

	if (bytes_equal(a, na, b, nb))
		return 1.0;
	cps_load(&ca, a, na);
	cps_load(&cb, b, nb);
	r = fn(ca.p, ca.n, cb.p, cb.n);
	cps_release(&ca);
	cps_release(&cb);
	return r;
}

double jaro(const char *a, size_t na, const char *b, size_t nb)
{
	return on_code_points(jaro_cp, a, na, b, nb);
}

double jaro_winkler(const char *a, size_t na, const char *b, size_t nb)
{
	return on_code_points(jaro_winkler_cp, a, na, b, nb);
}

/* ---- common prefix and suffix ---- */

size_t common_prefix_cp(const int32_t *a, size_t na, const int32_t *b,
			size_t nb)
{
	size_t i = 0, lim = min_size(na, nb);

	while (i < lim && a[i] == b[i])
		i++;
	return i;
}

size_t common_suffix_cp(const int32_t *a, size_t na, const int32_t *b,
			size_t nb)
{
	size_t i = 0, lim = min_size(na, nb);

	while (i < lim && a[na - 1 - i] == b[nb - 1 - i])
		i++;
	return i;
}

static int is_continuation(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* Code points in valid UTF-8: the bytes that are not continuations. */
static size_t count_chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += !is_continuation(s[i]);
	return k;
}

size_t common_prefix_len(const char *a, size_t na, const char *b, size_t nb)
{
	size_t p = 0, lim = min_size(na, nb);

	while (p < lim && a[p] == b[p])
		p++;
	/* a character cut short by the first difference is not common */
	while (p > 0 && ((p < na && is_continuation(a[p])) ||
			 (p < nb && is_continuation(b[p]))))
		p--;
	return count_chars(a, p);
}

size_t common_suffix_len(const char *a, size_t na, const char *b, size_t nb)
{
	size_t s = 0, lim = min_size(na, nb);

	while (s < lim && a[na - 1 - s] == b[nb - 1 - s])
		s++;
	while (s > 0 && is_continuation(a[na - s]))
		s--;
	return count_chars(a + na - s, s);
}

/* ---- Levenshtein and optimal string alignment ---- */

/* Bit i set where p[i] == c. */
static inline uint64_t match_mask(const int32_t *p, size_t m, int32_t c)
{
	uint64_t eq = 0;
	size_t i;

	for (i = 0; i < m; i++)
		eq |= (uint64_t)(p[i] == c) << i;
	return eq;
}

/*
 * Hyyrö's bit-parallel edit distance (Myers 1999 for Levenshtein, Hyyrö
 * 2003 for the transpositions of OSA): pattern p of 1..64 code points as
 * one bit column, text t of n >= m. Returns k + 1 once the distance must
 * exceed k: each text position left can lower it by at most one.
 */
static int edit_bits(const int32_t *p, size_t m, const int32_t *t, size_t n,
		     int k, int osa)
{
	uint64_t vp = ~UINT64_C(0), vn = 0, d0 = 0, pm_old = 0;
	uint64_t last = UINT64_C(1) << (m - 1);
	int dist = (int)m;
	size_t j;

	for (j = 0; j < n; j++) {
		uint64_t pm = match_mask(p, m, t[j]);
		uint64_t tr = osa ? (((~d0) & pm) << 1) & pm_old : 0;
		uint64_t hp, hn;

		d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
		hp = vn | ~(d0 | vp);
		hn = d0 & vp;
		dist += (hp & last) != 0;
		dist -= (hn & last) != 0;
		if (dist - (int)(n - 1 - j) > k)
			return k + 1;
		hp = (hp << 1) | 1;
		hn <<= 1;
		vp = hn | ~(d0 | hp);
		vn = hp & d0;
		pm_old = pm;
	}
	return dist;
}

/*
 * Ukkonen's banded dynamic programme for long strings: only cells within
 * k of the diagonal can stay <= k. Rows run over b (the shorter), three
 * of them for the transpositions of OSA; cells outside the band read as
 * k + 1. Returns k + 1 as soon as a whole row exceeds k.
 */
static int edit_banded(const int32_t *a, size_t na, const int32_t *b,
		       size_t nb, int k, int osa)
{
	size_t w = nb + 1, uk = (size_t)k, i, j;
	int inf = k + 1, d;
	int *mem = xmalloc(3 * w * sizeof(*mem));
	int *r2 = mem, *r1 = mem + w, *r0 = mem + 2 * w, *tmp;

	for (j = 0; j < w; j++) {
		r1[j] = j <= uk ? (int)j : inf;
		r0[j] = r2[j] = inf;
	}
	for (i = 1; i <= na; i++) {
		size_t lo = i > uk ? i - uk : 1;
		size_t hi = min_size(i + uk, nb);
		int rowmin;

		r0[lo - 1] = lo == 1 && i <= uk ? (int)i : inf;
		rowmin = r0[lo - 1];
		for (j = lo; j <= hi; j++) {
			int v = r1[j - 1] + (a[i - 1] != b[j - 1]);

			if (r1[j] + 1 < v)
				v = r1[j] + 1;
			if (r0[j - 1] + 1 < v)
				v = r0[j - 1] + 1;
			if (osa && i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r2[j - 2] + 1 < v)
				v = r2[j - 2] + 1;
			r0[j] = v < inf ? v : inf;
			if (r0[j] < rowmin)
				rowmin = r0[j];
		}
		if (rowmin > k) {
			free(mem);
			return inf;
		}
		tmp = r2;
		r2 = r1;
		r1 = r0;
		r0 = tmp;
	}
	d = r1[nb];
	free(mem);
	return d;
}

static int edit_distance(const int32_t *a, size_t na, const int32_t *b,
			 size_t nb, int max, int osa)
{
	size_t pre = common_prefix_cp(a, na, b, nb), suf;
	int bound, d;

	/* equal ends cost nothing (for OSA too: swapping equals is a no-op) */
	a += pre;
	b += pre;
	na -= pre;
	nb -= pre;
	suf = common_suffix_cp(a, na, b, nb);
	na -= suf;
	nb -= suf;
	if (na < nb) {
		const int32_t *t = a;
		size_t tn = na;

		a = b;
		na = nb;
		b = t;
		nb = tn;
	}
	/* no distance exceeds the longer length: a bound above it is none */
	bound = max < 0 || (size_t)max > na ? (int)na : max;
	if (na - nb > (size_t)bound)
		return bound + 1;
	if (!nb)
		return (int)na;
	if (nb <= 64)
		d = edit_bits(b, nb, a, na, bound, osa);
	else
		d = edit_banded(a, na, b, nb, bound, osa);
	return d > bound ? bound + 1 : d;
}

int levenshtein_cp(const int32_t *a, size_t na, const int32_t *b, size_t nb,
		   int max)
{
	return edit_distance(a, na, b, nb, max, 0);
}

int damerau_levenshtein_cp(const int32_t *a, size_t na, const int32_t *b,
			   size_t nb, int max)
{
	return edit_distance(a, na, b, nb, max, 1);
}

static int edit_utf8(const char *a, size_t na, const char *b, size_t nb,
		     int max, int osa)
{
	struct cps ca, cb;
	int d;

	if (bytes_equal(a, na, b, nb))
		return 0;
	cps_load(&ca, a, na);
	cps_load(&cb, b, nb);
	d = edit_distance(ca.p, ca.n, cb.p, cb.n, max, osa);
	cps_release(&ca);
	cps_release(&cb);
	return d;
}

int levenshtein(const char *a, size_t na, const char *b, size_t nb, int max)
{
	return edit_utf8(a, na, b, nb, max, 0);
}

int damerau_levenshtein(const char *a, size_t na, const char *b, size_t nb,
			int max)
{
	return edit_utf8(a, na, b, nb, max, 1);
}

/* ---- Jaccard over tokens and bigrams ---- */

static double jaccard_ratio(size_t na, size_t nb, size_t common)
{
	size_t all = na + nb - common;

	return all ? (double)common / all : 1.0;
}

/*
 * The bigrams of both strings go into one open-addressing hash table
 * (sorting them cost twice as much on addresses): a slot holds key + 1
 * (0 = empty) and which sides have it.
 */
struct gram_set {
	uint64_t *key;
	unsigned char *side;
	size_t mask;
	size_t count[2], common;
};

#define GRAM_STACK_SLOTS 256

static uint64_t bigram_key(const int32_t *s, size_t n, size_t i)
{
	/* one character alone: a high word no bigram has */
	if (n == 1)
		return (UINT64_C(0xffffffff) << 32) | (uint32_t)s[0];
	return ((uint64_t)(uint32_t)s[i] << 32) | (uint32_t)s[i + 1];
}

static void gram_add(struct gram_set *g, uint64_t key, int side)
{
	size_t h = (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 32) & g->mask;

	key++;
	while (g->key[h] && g->key[h] != key)
		h = (h + 1) & g->mask;
	if (!g->key[h])
		g->key[h] = key;
	if (g->side[h] & (1 << side))
		return;
	g->side[h] |= 1 << side;
	g->count[side]++;
	g->common += g->side[h] == 3;
}

static void gram_add_all(struct gram_set *g, const int32_t *s, size_t n,
			 int side)
{
	size_t i, grams = n > 1 ? n - 1 : n;

	for (i = 0; i < grams; i++)
		gram_add(g, bigram_key(s, n, i), side);
}

double jaccard_bigrams_cp(const int32_t *a, size_t na, const int32_t *b,
			  size_t nb)
{
	uint64_t key_buf[GRAM_STACK_SLOTS];
	unsigned char side_buf[GRAM_STACK_SLOTS];
	struct gram_set g = { key_buf, side_buf, 0, { 0, 0 }, 0 };
	size_t slots = 16;

	while (2 * slots < 3 * (na + nb))	/* at most two thirds full */
		slots *= 2;
	if (slots > GRAM_STACK_SLOTS) {
		g.key = xcalloc(slots, sizeof(*g.key));
		g.side = xcalloc(slots, 1);
	} else {
		memset(g.key, 0, slots * sizeof(*g.key));
		memset(g.side, 0, slots);
	}
	g.mask = slots - 1;
	gram_add_all(&g, a, na, 0);
	gram_add_all(&g, b, nb, 1);
	if (g.key != key_buf) {
		free(g.key);
		free(g.side);
	}
	return jaccard_ratio(g.count[0], g.count[1], g.common);
}

double jaccard_bigrams(const char *a, size_t na, const char *b, size_t nb)
{
	return on_code_points(jaccard_bigrams_cp, a, na, b, nb);
}

static int is_token_char(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') ||
		       ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	if (cp >= 0x3005 && cp <= 0x3007)	/* 々 〆 〇 */
		return 1;
	return !(u_is_space(cp) || cp == 0xb7 || cp == 0x30fb ||
		 (cp >= 0x2000 && cp <= 0x206f) ||	/* general punctuation */
		 (cp >= 0x3000 && cp <= 0x303f) ||	/* CJK punctuation */
		 (cp >= 0xfe10 && cp <= 0xfe6f) ||	/* vertical, small forms */
		 (cp >= 0xff01 && cp <= 0xff0f) ||	/* full-width ASCII punctuation */
		 (cp >= 0xff1a && cp <= 0xff20) ||
		 (cp >= 0xff3b && cp <= 0xff40) ||
		 (cp >= 0xff5b && cp <= 0xff65));
}

struct token {
	const char *s;
	size_t n;
};

struct tokens {
	struct token *v;
	size_t n, cap;
	struct token buf[32];
};

static void tokens_add(struct tokens *t, const char *s, size_t n)
{
	if (t->n == t->cap) {
		size_t cap = 2 * t->cap;

		if (t->v == t->buf) {
			t->v = xmalloc(cap * sizeof(*t->v));
			memcpy(t->v, t->buf, t->n * sizeof(*t->v));
		} else {
			t->v = xrealloc(t->v, cap * sizeof(*t->v));
		}
		t->cap = cap;
	}
	t->v[t->n].s = s;
	t->v[t->n].n = n;
	t->n++;
}

static int token_cmp(const struct token *x, const struct token *y)
{
	int c = memcmp(x->s, y->s, min_size(x->n, y->n));

	if (c)
		return c;
	return (x->n > y->n) - (x->n < y->n);
}

static int token_qcmp(const void *x, const void *y)
{
	return token_cmp(x, y);
}

/* Splits s into t, then sorts and removes repeats. */
static void tokenize(struct tokens *t, const char *s, size_t n)
{
	size_t i = 0, start = 0, k;
	int in = 0;

	t->v = t->buf;
	t->n = 0;
	t->cap = ARRAY_SIZE(t->buf);
	while (i < n) {
		int32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		int tok;

		if (!len)
			len = 1;	/* an invalid byte (cp -1) is part of a token */
		tok = cp < 0 || is_token_char(cp);
		if (tok && !in)
			start = i;
		else if (!tok && in)
			tokens_add(t, s + start, i - start);
		in = tok;
		i += len;
	}
	if (in)
		tokens_add(t, s + start, n - start);

	if (t->n > 32) {
		qsort(t->v, t->n, sizeof(*t->v), token_qcmp);
	} else {
		for (i = 1; i < t->n; i++) {
			struct token x = t->v[i];

			for (k = i; k > 0 && token_cmp(&t->v[k - 1], &x) > 0; k--)
				t->v[k] = t->v[k - 1];
			t->v[k] = x;
		}
	}
	for (i = k = 0; i < t->n; i++)
		if (!k || token_cmp(&t->v[k - 1], &t->v[i]))
			t->v[k++] = t->v[i];
	t->n = k;
}

double token_jaccard(const char *a, size_t na, const char *b, size_t nb)
{
	struct tokens ta, tb;
	size_t i = 0, j = 0, common = 0;
	double r;

	tokenize(&ta, a, na);
	tokenize(&tb, b, nb);
	while (i < ta.n && j < tb.n) {
		int c = token_cmp(&ta.v[i], &tb.v[j]);

		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			common++;
			i++;
			j++;
		}
	}
	r = jaccard_ratio(ta.n, tb.n, common);
	if (ta.v != ta.buf)
		free(ta.v);
	if (tb.v != tb.buf)
		free(tb.v);
	return r;
}

/* ---- dates ---- */

struct ymd {
	int y, m, d;	/* d = 0: month precision */
};

/* The number made of the n digits at s, or -1; stops at a NUL. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_ascii_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int parse_ymd(const char *s, struct ymd *out)
{
	if (!s || (out->y = digits(s, 4)) < 0 || s[4] != '-' ||
	    (out->m = digits(s + 5, 2)) < 1 || out->m > 12)
		return -1;
	out->d = 0;
	if (s[7] == '\0')
		return 0;
	if (s[7] != '-' || (out->d = digits(s + 8, 2)) < 1 ||
	    out->d > date_days_in_month(out->y, out->m) ||
	    (s[10] != '\0' && s[10] != 'T' && s[10] != ' '))
		return -1;
	return 0;
}

int iso_date_days(const char *s, long *days)
{
	struct ymd d;

	if (parse_ymd(s, &d) || !d.d)
		return -1;
	*days = days_from_civil(d.y, d.m, d.d);
	return 0;
}

int date_days_between(const char *a, const char *b, long *days)
{
	long da, db;

	*days = 0;
	if (iso_date_days(a, &da) || iso_date_days(b, &db))
		return -1;
	*days = db - da;
	return 0;
}

enum date_level date_compare_level(const char *a, const char *b, int near_days)
{
	struct ymd x, y;
	long apart;

	if (parse_ymd(a, &x) || parse_ymd(b, &y))
		return DATE_LEVEL_INVALID;
	if (x.y == y.y && x.m == y.m)
		return x.d == y.d ? DATE_LEVEL_EXACT : DATE_LEVEL_SAME_MONTH;
	if (x.y == y.y && x.m == y.d && x.d == y.m)
		return DATE_LEVEL_SWAPPED;
	if (x.y == y.y)
		return DATE_LEVEL_SAME_YEAR;
	if (near_days >= 0 && x.d && y.d) {
		apart = days_from_civil(y.y, y.m, y.d) -
			days_from_civil(x.y, x.m, x.d);
		if (labs(apart) <= near_days)
			return DATE_LEVEL_NEAR;
	}
	return DATE_LEVEL_DIFFERENT;
}

/* ---- phonetic keys ---- */

static int upper_letter(char c)
{
	int u = (unsigned char)c & ~0x20;	/* bytes >= 0x80 stay >= 0x80 */

	return u >= 'A' && u <= 'Z' ? u : 0;
}

int soundex(const char *s, size_t n, char out[5])
{
	/* A..Z; 0 for the vowels and Y, which separate; H and W are skipped */
	static const char code[] = "01230120022455012623010202";
	size_t i = 0;
	int k = 1;
	char last;

	while (i < n && !upper_letter(s[i]))
		i++;
	if (i == n) {
		out[0] = '\0';
		return 0;
	}
	out[0] = (char)upper_letter(s[i++]);
	last = code[out[0] - 'A'];
	for (; i < n && k < 4; i++) {
		int c = upper_letter(s[i]);
		char d;

		if (!c || c == 'H' || c == 'W')
			continue;
		d = code[c - 'A'];
		if (d != '0' && d != last)
			out[k++] = d;
		last = d;
	}
	while (k < 4)
		out[k++] = '0';
	out[4] = '\0';
	return 4;
}

static int is_vowel(char c)
{
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

static int has_prefix_n(const char *s, size_t n, const char *p)
{
	size_t pn = strlen(p);

	return n >= pn && !memcmp(s, p, pn);
}

static int has_suffix_n(const char *s, size_t n, const char *p)
{
	size_t pn = strlen(p);

	return n >= pn && !memcmp(s + n - pn, p, pn);
}

/* Steps 1 and 2: rewrites the start and the end of the name. */
static size_t nysiis_ends(char *name, size_t len)
{
	if (has_prefix_n(name, len, "MAC")) {
		name[1] = 'C';
	} else if (has_prefix_n(name, len, "KN")) {
		memmove(name, name + 1, --len);
	} else if (name[0] == 'K') {
		name[0] = 'C';
	} else if (has_prefix_n(name, len, "PH") ||
		   has_prefix_n(name, len, "PF")) {
		name[0] = name[1] = 'F';
	} else if (has_prefix_n(name, len, "SCH")) {
		name[1] = name[2] = 'S';
	}
	if (has_suffix_n(name, len, "IE") || has_suffix_n(name, len, "EE")) {
		name[--len - 1] = 'Y';
	} else if (has_suffix_n(name, len, "DT") || has_suffix_n(name, len, "RT") ||
		   has_suffix_n(name, len, "RD") || has_suffix_n(name, len, "NT") ||
		   has_suffix_n(name, len, "ND")) {
		name[--len - 1] = 'D';
	}
	return len;
}

size_t nysiis(const char *s, size_t n, char *out, size_t size)
{
	char name[NYSIIS_MAX_NAME], key[NYSIIS_MAX_NAME + 1];
	char prev;	/* the previous letter as rewritten */
	size_t len = 0, klen = 1, i;

	for (i = 0; i < n && len < NYSIIS_MAX_NAME; i++)
		if (upper_letter(s[i]))
			name[len++] = (char)upper_letter(s[i]);
	if (!len) {
		if (size)
			out[0] = '\0';
		return 0;
	}
	len = nysiis_ends(name, len);
	key[0] = prev = name[0];
	for (i = 1; i < len; i++) {
		char c = name[i], next = i + 1 < len ? name[i + 1] : '\0';
		char unit[2] = { c, 0 };	/* what position i becomes */

		if (c == 'E' && next == 'V') {
			unit[0] = 'A';
			unit[1] = 'F';
			i++;
		} else if (is_vowel(c)) {
			unit[0] = 'A';
		} else if (c == 'Q' || c == 'Z' || c == 'M') {
			unit[0] = c == 'Q' ? 'G' : c == 'Z' ? 'S' : 'N';
		} else if (c == 'K') {
			unit[0] = next == 'N' ? 'N' : 'C';
		} else if (c == 'S' && next == 'C' && i + 2 < len &&
			   name[i + 2] == 'H') {
			unit[0] = unit[1] = 'S';
			i += 2;
		} else if (c == 'P' && next == 'H') {
			unit[0] = 'F';
			i++;
		} else if (c == 'H' && (!is_vowel(name[i - 1]) || !next ||
					!is_vowel(next))) {
			unit[0] = is_vowel(name[i - 1]) ? 'A' : prev;
		} else if (c == 'W' && is_vowel(name[i - 1])) {
			unit[0] = 'A';
		}
		prev = unit[1] ? unit[1] : unit[0];
		if (prev != key[klen - 1]) {
			key[klen++] = unit[0];
			if (unit[1])
				key[klen++] = unit[1];
		}
	}
	if (klen > 1 && key[klen - 1] == 'S')
		klen--;
	if (klen > 1 && key[klen - 2] == 'A' && key[klen - 1] == 'Y')
		key[--klen - 1] = 'Y';
	if (klen > 1 && key[klen - 1] == 'A')
		klen--;
	if (size) {
		size_t w = min_size(klen, size - 1);

		memcpy(out, key, w);
		out[w] = '\0';
	}
	return klen;
}
