#include "address.h"

#include <stdint.h>
#include <string.h>

#include "cn_admin.h"
#include "unicode.h"
#include "util.h"

#include "banned.h"

#define TEXT_MAX 1024		/* normalised bytes looked at; the rest is dropped */
#define MATCH_MAX 32		/* names matching at one position */
#define STEPS_MAX 12		/* administrative tokens, repeats included */

/* ---------------------------------------------------------------- text */

/* Decodes the code point at s; a stray byte decodes as itself (length 1). */
static inline size_t next_cp(const char *s, size_t n, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xf0) == 0xe0 && n >= 3 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80) {
		*cp = (int32_t)((u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu));
		return 3;
	}
	len = utf8_decode(s, n, cp);
	if (len == 0) {
		*cp = u[0];
		return 1;
	}
	return len;
}

/* Bytes of the character at s, as next_cp() steps. */
static inline size_t char_len(const char *s, size_t n)
{
	int32_t cp;
	return next_cp(s, n, &cp);
}

/*
 * What the address normalisation makes of cp: ASCII for full-width forms,
 * dashes and CJK punctuation, cp itself when NFKC leaves it alone, -1 when
 * only utf8proc can tell.
 */
static int32_t map_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp < 0x20 || cp == 0x7f ? ' ' : cp;
	if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf))
		return cp;
	if (cp >= 0xff01 && cp <= 0xff5e)
		return cp - 0xfee0;
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x30fc ||
	    cp == 0xff70 || cp == 0xfe58 || cp == 0xfe63 || cp == 0x2043)
		return '-';
	switch (cp) {
	case 0x3000:
		return ' ';
	case 0x3001:		/* 、 */
		return ',';
	case 0x3002:		/* 。 */
		return '.';
	case 0x3010:		/* 【 */
		return '[';
	case 0x3011:		/* 】 */
		return ']';
	case 0xb7: case 0xd7: case 0x3007: case 0x300a: case 0x300b:
	case 0x2018: case 0x2019: case 0x201c: case 0x201d:
		return cp;
	}
	return -1;
}

/* Is u[0, 3) a Han character of U+5000..9FFF (the bulk of the block: NFKC keeps them)? */
static inline int is_plain_han(const unsigned char *u)
{
	uint16_t next;
	memcpy(&next, u + 1, 2);	/* both continuation bytes in one test */
	return u[0] - 0xe5u < 5u && (next & 0xc0c0) == 0x8080;
}

/*
 * Bytes at the start of u[0, n) that map to themselves, whole characters
 * of room bytes at most: printable ASCII but the space, and Han of
 * U+5000..9FFF (most of an address).
 */
static size_t plain_run(const unsigned char *u, size_t n, size_t room)
{
	size_t i = 0;
	if (n > room)
		n = room;
	while (i < n) {
		if (u[i] - 0x21u < 0x5eu)
			i++;
		else if (n - i >= 3 && is_plain_han(u + i))
			i += 3;
		else
			break;
	}
	return i;
}

/*
 * Maps s into out (cap bytes, NUL-terminated). Untrusted text stops at the
 * first code point that needs real NFKC: returns 0 then. *spaces tells
 * whether a space was written.
 */
static int map_text(const char *s, size_t n, char *out, size_t cap, int trusted, size_t *len,
		    int *spaces)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, w = 0;
	*spaces = 0;
	while (i < n) {
		int32_t cp, m;
		size_t l = plain_run(u + i, n - i, cap - 1 - w);
		if (l) {
			memcpy(out + w, s + i, l);
			w += l, i += l;
			if (i == n)
				break;
		}
		l = next_cp(s + i, n - i, &cp);
		m = map_cp(cp);
		if (m < 0 && !trusted)
			return 0;
		if (m >= 0 && m < 0x80) {
			if (w + 1 >= cap)
				break;
			out[w++] = (char)m;
			*spaces |= m == ' ';
		} else {
			if (w + l >= cap)
				break;
			memcpy(out + w, s + i, l);
			w += l;
		}
		i += l;
	}
	out[w] = '\0';
	*len = w;
	return 1;
}

static inline int is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Drops spaces except one between two ASCII letters or digits ("Room 301"). */
static size_t tidy_spaces(char *t, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		if (t[i] != ' ') {
			t[w++] = t[i];
			continue;
		}
		while (j < n && t[j] == ' ')
			j++;
		if (w > 0 && j < n && is_alnum((unsigned char)t[w - 1]) &&
		    is_alnum((unsigned char)t[j]))
			t[w++] = ' ';
		i = j - 1;
	}
	t[w] = '\0';
	return w;
}

/*
 * Most addresses are printable ASCII and common Han only, which the
 * normalisation keeps as they are. Telling so character by character
 * costs a mispredicted branch at every switch between digits and Han, so
 * is_plain_text() looks at eight bytes at a time, without branches: in
 * each word one bit per byte (its high bit) says what the byte is.
 */
#define BYTES(c) (UINT64_C(0x0101010101010101) * (c))
#define HIGH_BITS BYTES(0x80)
#define LOW_BITS BYTES(0x7f)

/* Eight bytes, u[0] lowest (compilers make it one load). */
static inline uint64_t load8(const unsigned char *u)
{
	return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 | (uint64_t)u[3] << 24 |
	       (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 | (uint64_t)u[6] << 48 |
	       (uint64_t)u[7] << 56;
}

/*
 * Is u[0, n) printable ASCII but the space, and three-byte characters led
 * by E4..E9 (U+4000..9FFF) but U+4DC0..4DFF (E4 B7 xx)? The normalisation
 * keeps all of them as they are.
 */
static int is_plain_text(const unsigned char *u, size_t n)
{
	uint64_t bad = 0, lead_carry = 0, e4_carry = 0;
	for (size_t i = 0;; i += 8) {
		unsigned char tail[8];
		uint64_t x, low, high, top, cont, lead, e4, b7;
		if (n - i >= 8) {
			x = load8(u + i);
		} else {
			memset(tail, 'a', sizeof(tail));	/* padding: plain, no continuation */
			memcpy(tail, u + i, n - i);
			x = load8(tail);
		}
		/* adding 0x80 - c to the low seven bits sets the high bit of bytes >= c */
		low = x & LOW_BITS;
		high = x & HIGH_BITS;
		/* ASCII outside 0x21..0x7e */
		bad |= ~high & (~(low + BYTES(0x80 - 0x21)) | (low + BYTES(0x80 - 0x7f))) & HIGH_BITS;
		top = high & (x << 1);					/* 11xxxxxx */
		cont = high ^ top;					/* 10xxxxxx */
		lead = top & (low + BYTES(0x80 - 0x64)) & ~(low + BYTES(0x80 - 0x6a));	/* E4..E9 */
		bad |= top ^ lead;
		e4 = lead & ~(low + BYTES(0x80 - 0x65));
		b7 = cont & (low + BYTES(0x80 - 0x37)) & ~(low + BYTES(0x80 - 0x38));
		/* the continuation bytes are exactly the two after each lead (next byte: << 8) */
		bad |= cont ^ (lead << 8 | lead << 16 | lead_carry);
		bad |= (e4 << 8 | e4_carry) & b7;
		lead_carry = lead >> 56 | lead >> 48;
		e4_carry = e4 >> 56;
		if (n - i < 8)
			return bad == 0;
	}
}

/*
 * NFKC (fast path for Han, ASCII and full-width text), dashes, CJK
 * punctuation, spaces. Returns the text and its length in *len: s itself
 * when it is plain text (*plain), which the normalisation keeps as it is,
 * else buf (cap bytes). The parsers read no byte past *len.
 */
static const char *normalise(const char *s, size_t n, char *buf, size_t cap, size_t *len,
			     int *plain)
{
	int spaces = 0;
	*plain = n < cap && is_plain_text((const unsigned char *)s, n);
	if (*plain) {
		*len = n;
		return s;
	}
	if (!map_text(s, n, buf, cap, 0, len, &spaces)) {
		strbuf sb = STRBUF_INIT;
		u_normalize(&sb, s, n, U_NFKC | U_DASHES);
		map_text(sb_str(&sb), sb.len, buf, cap, 1, len, &spaces);
		sb_release(&sb);
	}
	if (spaces)
		*len = tidy_spaces(buf, *len);
	return buf;
}

/* A literal with its length. */
struct word {
	const char *s;
	size_t len;
};

#define W(x) { x, sizeof(x) - 1 },
#define WORDS_END { NULL, 0 }

/* Length of w if s[0, n) starts with it, else 0 (first byte checked inline). */
static inline size_t lit_n(const char *s, size_t n, const char *w, size_t len)
{
	return len <= n && s[0] == w[0] && (len < 3 || (s[1] == w[1] && s[2] == w[2])) &&
	       memcmp(s, w, len) == 0 ? len : 0;
}

#define LIT(s, n, w) lit_n((s), (n), (w), sizeof(w) - 1)

/* The first word of the list that s[0, n) starts with; its length, 0 if none. */
static size_t lit_any(const char *s, size_t n, const struct word *ws)
{
	for (; ws->s; ws++) {
		size_t k = 0;
		if (ws->len > n)
			continue;
		while (k < ws->len && s[k] == ws->s[k])
			k++;
		if (k == ws->len)
			return k;
	}
	return 0;
}

/*
 * A filter on the first character of the words of a list: one bit of 64
 * per byte value (mod 64) of its last byte, which holds the low six bits
 * of the code point, and, for a three-byte character, of its middle byte
 * (the next six bits). A Han character that starts no word of the list
 * mostly fails it: a scan costs a test per character, not one per word.
 */
struct filter {
	uint64_t last, mid;
};

#define BIT64(b) (UINT64_C(1) << ((unsigned char)(b) & 63))
#define IS_ASCII(x) ((unsigned char)(x)[0] < 0x80)
#define LAST_BIT(x) | BIT64(IS_ASCII(x) ? (x)[0] : (x)[2])
#define MID_BIT(x) | (IS_ASCII(x) ? 0 : BIT64((x)[1]))
#define FILTER_OF(LIST) ((struct filter){ 0 LIST(LAST_BIT), 0 LIST(MID_BIT) })

/*
 * May a word of filter f start at s[0, n)? Words begin with an ASCII or a
 * Han (three-byte) character; for other characters the answer is yes.
 */
static inline int may_start(const char *s, size_t n, struct filter f)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return (int)(f.last >> (u[0] & 63) & 1);
	if ((u[0] & 0xf0) != 0xe0)
		return 1;
	return n >= 3 && (f.last >> (u[2] & 63) & f.mid >> (u[1] & 63) & 1);
}

/*
 * The fast path of the scans: is s[0, n) a three-byte character (as
 * next_cp() steps) that no word of filter f starts with? Most Han are.
 */
static inline int han_outside(const char *s, size_t n, struct filter f)
{
	const unsigned char *u = (const unsigned char *)s;
	uint16_t next;
	if (n < 3 || (u[0] & 0xf0) != 0xe0)
		return 0;
	memcpy(&next, u + 1, 2);	/* both continuation bytes in one test */
	return (next & 0xc0c0) == 0x8080 && !(f.last >> (u[2] & 63) & f.mid >> (u[1] & 63) & 1);
}

/*
 * In plain text (is_plain_text()), the first i' >= i where a Han character
 * starts that may start a word of filter f (n if none): every character
 * start is visited, as next_cp() steps would, but eight bytes at a time,
 * leads only: ASCII costs nothing and no branch depends on whether digits
 * or Han come next.
 */
static size_t next_plain_han(const unsigned char *u, size_t n, size_t i, struct filter f)
{
	for (; i < n; i += 8) {
		uint64_t x = 0, leads;
		if (n - i >= 8) {
			x = load8(u + i);
		} else {
			for (size_t k = 0; k < n - i; k++)
				x |= (uint64_t)u[i + k] << 8 * k;
		}
		leads = x & (x << 1) & HIGH_BITS;	/* 11xxxxxx: in plain text, leads */
		for (; leads; leads &= leads - 1) {
			/* the index of the lowest lead: its byte of 0x0001020304050607 */
			size_t k = (size_t)(((leads & -leads) >> 7) * UINT64_C(0x0001020304050607) >> 56);
			const unsigned char *c = u + i + k;
			if (f.last >> (c[2] & 63) & f.mid >> (c[1] & 63) & 1)
				return i + k;
		}
	}
	return n;
}

/*
 * Word lists are X-macros, X("路") X("大道")...: one spelling gives the
 * words and their filter (computed at compile time). WORD_MATCHER(name,
 * LIST) defines name(s, n): the length of the first word of LIST that s
 * starts with, 0 if none.
 */
#define WORD_MATCHER(name, LIST)                                                  \
	static size_t name(const char *s, size_t n)                               \
	{                                                                         \
		static const struct word words[] = { LIST(W) WORDS_END };         \
		return may_start(s, n, FILTER_OF(LIST)) ? lit_any(s, n, words) : 0; \
	}

static int ends_with(const char *s, size_t n, const char *w, size_t len)
{
	return len <= n && memcmp(s + n - len, w, len) == 0;
}

static int contains(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);
	for (size_t i = 0; i + l <= n; i++)
		if (memcmp(s + i, w, l) == 0)
			return 1;
	return 0;
}

static inline int is_sep(int c)
{
	return c == ' ' || c == ',' || c == '.' || c == '-' || c == '/' || c == '|' ||
	       c == '(' || c == ')' || c == '[' || c == ']' || c == ':' || c == ';' ||
	       c == '_' || c == '>' || c == '\\' || c == '"' || c == '\'';
}

static inline size_t skip_seps(const char *s, size_t n, size_t i)
{
	while (i < n && is_sep((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * memset and memcpy through pointers the compiler cannot see through: GCC
 * expands them into rep stosq / rep movsq when it knows a bound on the
 * size, several times slower than the C library on these sizes.
 */
static void *(*const volatile clear)(void *, int, size_t) = memset;
static void *(*const volatile copy)(void *, const void *, size_t) = memcpy;

/* Copies s[0, n) into dst (cap bytes, apart from s), cut at a character boundary. */
static void copy_field(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	copy(dst, s, n);
	dst[n] = '\0';
}

/* ---------------------------------------------------------------- junk */

static const struct word junk_words[] = {
	W("test") W("testaddress") W("测试") W("测试地址") W("无") W("不详") W("暂无") W("未知")
	W("没有") W("空") W("无地址") W("地址不详") W("详见备注") W("null") W("none") W("n/a")
	W("na") W("xxx") W("地址") W("其他") W("其它") W("未填") W("不知道") W("-") WORDS_END,
};

/* Test strings, placeholders, one repeated character, no words at all. */
static int is_junk(const char *t, size_t n)
{
	char low[32];
	int32_t first, cp;
	size_t i, l, words = 0, han = 0, same = 1;
	if (LIT(t, n, "测试"))
		return 1;
	if (n < sizeof(low)) {
		for (i = 0; i < n; i++)
			low[i] = (char)((t[i] >= 'A' && t[i] <= 'Z') ? t[i] + 32 : t[i]);
		low[n] = '\0';
		for (const struct word *w = junk_words; w->s; w++)
			if (w->len == n && memcmp(low, w->s, n) == 0)
				return 1;
	}
	l = next_cp(t, n, &first);
	for (i = 0; i < n; i += l) {
		l = next_cp(t + i, n - i, &cp);
		if (cp != first)
			same = 0;
		if (u_is_han(cp))
			han++, words++;
		else if (cp < 0x80 && is_alnum(cp))
			words++;
		if (han && !same)
			return 0;	/* Chinese words: not a placeholder */
	}
	if (same || words == 0)
		return 1;
	/* "1", "abc", "test 123": no Chinese and hardly anything else */
	return han == 0 && (n <= 3 || (n < 16 && contains(low, n, "test")));
}

/* ---------------------------------------------------------------- admin */

/* Current codes of the matched units; city = the province for municipalities. */
struct admin {
	int prov, city, district;
};

/* The names at one position of the text, shortest first. */
struct names {
	size_t n;
	struct cn_name_match m[MATCH_MAX];
};

#define MEMO_SIZE 4

struct parser {
	const char *s;
	size_t n;
	const struct admin *ctx;	/* from the hint columns, for tie-breaking */
	int former;			/* a former name was used */
	int ambiguous;			/* level left ambiguous, 0 if none */
	/* the names at recent positions: a step's look-aheads are the next step's lookups */
	unsigned memo_next;
	const struct names *pinned;	/* in use by the current step: not replaced */
	size_t memo_at[MEMO_SIZE];	/* the position of each entry, -1 if none */
	struct names memo[MEMO_SIZE];
};

enum fit { FIT_NO, FIT_REPEAT, FIT_NEW };

static inline int province_of(int code)
{
	return (int)((unsigned)code / 10000 * 10000);	/* codes are >= 0: cheaper unsigned */
}

static int deepest(const struct admin *a)
{
	return a->district ? a->district : a->city ? a->city : a->prov;
}

static int depth(const struct admin *a)
{
	return a->district ? CN_COUNTY : a->city ? CN_PREFECTURE : a->prov ? CN_PROVINCE : 0;
}

static inline void apply(struct admin *a, const struct cn_division *c)
{
	a->prov = province_of(c->code);
	if (c->level == CN_PROVINCE) {
		a->city = cn_admin_is_municipality(c->code) ? c->code : 0;
	} else if (c->level == CN_PREFECTURE) {
		a->city = c->code;
	} else {
		a->district = c->code;
		if (cn_admin_is_municipality(a->prov))
			a->city = a->prov;
		else
			a->city = c->parent_code != a->prov ? c->parent_code : 0;
	}
}

/* Can unit c come next after a? A short county name needs its province first. */
static inline enum fit fits(const struct admin *a, const struct cn_division *c, unsigned kind,
		     const struct admin *ctx)
{
	switch (c->level) {
	case CN_PROVINCE:
		if (a->prov == c->code)
			return FIT_REPEAT;
		return a->prov ? FIT_NO : FIT_NEW;
	case CN_PREFECTURE:
		if (a->city == c->code)
			return FIT_REPEAT;
		if (a->city || a->district || (a->prov && province_of(c->code) != a->prov))
			return FIT_NO;
		return FIT_NEW;
	default:
		if (a->district == c->code)
			return FIT_REPEAT;
		if (a->district)
			return FIT_NO;
		if (a->city)
			return c->parent_code == a->city ? FIT_NEW : FIT_NO;
		if (a->prov)
			return province_of(c->code) == a->prov ? FIT_NEW : FIT_NO;
		if (kind & CN_KEY_ALIAS)
			return ctx && ctx->prov == province_of(c->code) ? FIT_NEW : FIT_NO;
		return FIT_NEW;
	}
}

/* Is unit c compatible with the units of a (same or nested)? */
static int agrees(const struct admin *a, const struct cn_division *c)
{
	struct admin b = { 0, 0, 0 };
	apply(&b, c);
	return (!a->prov || a->prov == b.prov) &&
	       (!a->city || !b.city || a->city == b.city) &&
	       (!a->district || !b.district || a->district == b.district);
}

#define STREET_WORDS(X) X("路") X("街") X("道") X("巷") X("弄") X("桥") X("门") X("胡同") \
	X("大道") X("大街") X("广场") X("花园") X("小区") X("大厦") X("公寓")
WORD_MATCHER(street_word, STREET_WORDS)

#define DIRECTIONS(X) X("东") X("西") X("南") X("北") X("中")
WORD_MATCHER(direction, DIRECTIONS)

/* 北京路, 香港中路, 朝阳门: a short name that is part of a street or building name. */
static int street_follows(const char *s, size_t n)
{
	if (LIT(s, n, "街道"))
		return 0;
	if (street_word(s, n))
		return 1;
	if (direction(s, n) && n >= 6)
		return LIT(s + 3, n - 3, "路") || LIT(s + 3, n - 3, "街") || LIT(s + 3, n - 3, "大街");
	return 0;
}

struct cand {
	const struct cn_division *cur;
	unsigned kind;
};

/* The first k bytes of a word read by load8(): tail_mask[k]. */
static const uint64_t tail_mask[9] = {
	0, 0xff, 0xffff, 0xffffff, 0xffffffff, UINT64_C(0xffffffffff), UINT64_C(0xffffffffffff),
	UINT64_C(0xffffffffffffff), UINT64_C(0xffffffffffffffff),
};

/* Looks up the names at s[i] into a memo entry: names_at() when not memoised. */
static const struct names *find_names(struct parser *p, size_t i)
{
	const char *s = p->s + i;
	size_t n = p->n - i, nm = 0, k = 0, run;
	const struct cn_name_key *key;
	struct names *e;
	if (&p->memo[p->memo_next] == p->pinned)
		p->memo_next = (p->memo_next + 1) % MEMO_SIZE;
	p->memo_at[p->memo_next] = i;
	e = &p->memo[p->memo_next];
	p->memo_next = (p->memo_next + 1) % MEMO_SIZE;
	/* cn_admin_match_prefix(), dropping short names before a street as it goes */
	key = cn_admin_key_run(s, n, &run);
	for (; run > 0 && nm < MATCH_MAX; run--, key++) {
		size_t l = key->len;	/* its first 6 bytes are those of the run */
		if (l > n)
			continue;
		if (l <= 14 && n >= 14) {	/* most names: the rest in one word */
			if ((load8(key->tail) ^ load8((const unsigned char *)s + 6)) & tail_mask[l - 6])
				continue;
		} else if (memcmp(key->key + 6, s + 6, l - 6) != 0) {
			continue;
		}
		nm++;
		if ((key->kind & CN_KEY_ALIAS) && street_follows(s + l, n - l))
			continue;
		e->m[k].row = &cn_divisions[key->row];
		e->m[k].cur = &cn_divisions[key->cur];
		e->m[k].len = key->len;
		e->m[k].kind = key->kind;
		k++;
	}
	e->n = k;
	return e;
}

/*
 * Names matching at s[i], minus short names running into a street name.
 * The result stays valid while pinned, else until two more positions are
 * looked up.
 */
static inline const struct names *names_at(struct parser *p, size_t i)
{
	for (unsigned j = 0; j < MEMO_SIZE; j++)
		if (p->memo_at[j] == i)
			return &p->memo[j];
	return find_names(p, i);
}

/* Rank: current names before former ones, then the higher level (吉林 is the province). */
static unsigned rank(const struct cand *c)
{
	return (c->kind & CN_KEY_FORMER ? 8u : 0u) + c->cur->level;
}

/* Keeps the candidates of the best rank, one per unit; returns how many. */
static size_t best_rank(struct cand *c, size_t n)
{
	unsigned best = ~0u;
	size_t k = 0;
	if (n <= 1)
		return n;
	for (size_t j = 0; j < n; j++)
		if (rank(&c[j]) < best)
			best = rank(&c[j]);
	for (size_t j = 0; j < n; j++) {
		size_t d;
		if (rank(&c[j]) != best)
			continue;
		for (d = 0; d < k && c[d].cur != c[j].cur; d++)
			;
		if (d == k)
			c[k++] = c[j];
	}
	return k;
}

/*
 * The best new units among the names m[0, nm) (of one length): keeps the
 * best rank, one entry per unit. Sets *repeat when a name repeats a
 * matched unit.
 */
static size_t cands_of_len(struct parser *p, const struct admin *a,
			   const struct cn_name_match *m, size_t nm, struct cand *out, int *repeat)
{
	size_t n = 0;
	*repeat = 0;
	for (size_t j = 0; j < nm; j++) {
		enum fit f;
		struct cand c;
		f = fits(a, m[j].cur, m[j].kind, p->ctx);
		if (f == FIT_REPEAT)
			*repeat = 1;
		if (f != FIT_NEW)
			continue;
		c.cur = m[j].cur;
		c.kind = m[j].kind;
		out[n++] = c;
	}
	return best_rank(out, n);
}

/* Does a new unit follow at i once a holds? (崂山区 after 青岛市) */
static int continues(struct parser *p, const struct admin *a, size_t i)
{
	const struct names *at = names_at(p, skip_seps(p->s, p->n, i));
	for (size_t j = 0; j < at->n; j++)
		if (fits(a, at->m[j].cur, at->m[j].kind, p->ctx) == FIT_NEW)
			return 1;
	return 0;
}

static int continues_with(struct parser *p, const struct admin *a,
			  const struct cn_division *c, size_t i)
{
	struct admin b = *a;
	if (c)
		apply(&b, c);
	return continues(p, &b, i);
}

/* Several units fit: the hint columns or the next name may settle it. */
static size_t narrow(struct parser *p, const struct admin *a, struct cand *c,
		     size_t nc, size_t end)
{
	size_t k = 0;
	if (p->ctx && depth(p->ctx)) {
		for (size_t j = 0; j < nc; j++)
			if (agrees(p->ctx, c[j].cur))
				c[k++] = c[j];
		if (k)
			nc = k;
	}
	if (nc > 1) {
		k = 0;
		for (size_t j = 0; j < nc; j++)
			if (continues_with(p, a, c[j].cur, end))
				c[k++] = c[j];
		if (k)
			nc = k;
	}
	return nc;
}

/* Keeps the levels all candidates share (朝阳区: none; 市中区 in 山东: the province). */
static void apply_common(struct admin *a, const struct cand *c, size_t nc)
{
	struct admin x = { 0, 0, 0 };
	apply(&x, c[0].cur);
	for (size_t j = 1; j < nc; j++) {
		struct admin y = { 0, 0, 0 };
		apply(&y, c[j].cur);
		if (y.prov != x.prov)
			x.prov = x.city = 0;
		if (y.city != x.city)
			x.city = 0;
	}
	if (!a->prov)
		a->prov = x.prov;
	if (!a->city && x.city && a->prov == x.prov)
		a->city = x.city;
}

#define TOWN_WORDS(X) X("街道") X("镇") X("乡")
WORD_MATCHER(town_word, TOWN_WORDS)

/* Words around the administrative names that name no unit. */
#define SKIP_WORDS(X) X("中华人民共和国") X("中国") X("市辖区") X("省直辖县级行政区划") \
	X("自治区直辖县级行政区划") X("省直辖县级行政单位")
WORD_MATCHER(skip_word, SKIP_WORDS)

enum step {
	STEP_NONE,
	STEP_MATCHED,
	STEP_TOWN,		/* 城阳|街道: the unit is known, the text names its town */
	STEP_AMBIGUOUS,
};

/*
 * Matches one administrative name at s[i]: the longest that fits, unless
 * a shorter one lets the next name fit too (青岛|市北区, not 青岛市|北区).
 */
static enum step admin_step(struct parser *p, struct admin *a, size_t *i)
{
	const struct names *at = names_at(p, *i);
	const struct cn_name_match *m = at->m;
	struct cand bufs[2][MATCH_MAX], *best = NULL;
	unsigned len = 0;
	size_t nc = 0, end;
	int spare = 0;		/* the buffer the next candidates go to */

	p->pinned = at;		/* the look-aheads must not replace m */
	/* the names of one length are m[lo, hi): longest first */
	for (size_t hi = at->n, lo; hi > 0; hi = lo) {
		struct cand *c = bufs[spare];
		unsigned l = m[hi - 1].len;
		int rep;
		size_t n;
		for (lo = hi - 1; lo > 0 && m[lo - 1].len == l; lo--)
			;
		n = cands_of_len(p, a, m + lo, hi - lo, c, &rep);
		if (!n && !rep)
			continue;
		if (!best) {
			best = c, len = l, nc = n;
			spare = 1;	/* the first choice stays in bufs[0] */
		}
		if (continues_with(p, a, n ? c[0].cur : NULL, *i + l)) {
			best = c, len = l, nc = n;
			break;
		}
	}
	p->pinned = NULL;
	if (!best)
		return STEP_NONE;
	if (nc > 1)
		nc = narrow(p, a, best, nc, *i + len);
	if (nc > 1) {
		apply_common(a, best, nc);
		p->ambiguous = best[0].cur->level;
		return STEP_AMBIGUOUS;
	}
	if (nc == 1) {
		apply(a, best[0].cur);
		if (best[0].kind & CN_KEY_FORMER)
			p->former = 1;
		end = *i + len;
		if ((best[0].kind & CN_KEY_ALIAS) && town_word(p->s + end, p->n - end))
			return STEP_TOWN;
	}
	*i += len;
	return STEP_MATCHED;
}

/* Matches the administrative names at the start of the text; returns where they end. */
static size_t parse_admin(struct parser *p, struct admin *a)
{
	size_t i = 0, end = 0;
	for (int steps = 0; steps < STEPS_MAX; steps++) {
		size_t l;
		i = skip_seps(p->s, p->n, i);
		if ((l = skip_word(p->s + i, p->n - i))) {
			i += l;
			end = i;
			continue;
		}
		if (admin_step(p, a, &i) != STEP_MATCHED)
			break;
		end = i;
	}
	return end;
}

/* A hint column: a code, or a name (short forms allowed) of the expected level. */
static void parse_hint(const char *h, int level, struct admin *a, int *former)
{
	char buf[192];
	const char *t;
	size_t n, nm, nc = 0;
	int plain;
	struct cn_name_match m[MATCH_MAX];
	struct cand c_ok[MATCH_MAX];

	if (!h || !*h)
		return;
	t = normalise(h, strlen(h), buf, sizeof(buf), &n, &plain);
	while (n > 0 && is_sep((unsigned char)t[n - 1]))
		n--;
	if (n == 6 && parse_uint_n(t, 6) > 0) {
		int code = cn_admin_successor((int)parse_uint_n(t, 6));
		const struct cn_division *d = cn_admin_get(code);
		if (d && fits(a, d, 0, NULL) == FIT_NEW)
			apply(a, d);
		return;
	}
	nm = cn_admin_find_name(t, n, m, MATCH_MAX);
	for (size_t j = 0; j < nm; j++) {
		const struct cn_division *c = m[j].cur;
		int lv = c->level;
		/* the city column may hold a municipality or a county-level city */
		if (level == CN_PREFECTURE && lv == CN_PROVINCE && cn_admin_is_municipality(c->code))
			lv = CN_PREFECTURE;
		if (level == CN_PREFECTURE && lv == CN_COUNTY && c->parent_code == province_of(c->code))
			lv = CN_PREFECTURE;
		if (lv == level && fits(a, c, 0, NULL) == FIT_NEW) {
			c_ok[nc].cur = c;
			c_ok[nc].kind = m[j].kind;
			nc++;
		}
	}
	nc = best_rank(c_ok, nc);
	if (nc != 1)
		return;
	apply(a, c_ok[0].cur);
	if (c_ok[0].kind & CN_KEY_FORMER)
		*former = 1;
}

/* Is a the same as, or inside, b? */
static int within(const struct admin *a, const struct admin *b)
{
	return (!b->prov || a->prov == b->prov) && (!b->city || a->city == b->city) &&
	       (!b->district || a->district == b->district);
}

/* Copies the name of unit code into dst (cap bytes); returns the unit, NULL if none. */
static const struct cn_division *copy_name(char *dst, size_t cap, int code)
{
	const struct cn_division *d = cn_admin_get(code);
	if (d)
		copy_field(dst, cap, d->name, d->name_len);
	return d;
}

static void fill_admin(struct address *out, const struct admin *a)
{
	const struct cn_division *d = NULL;
	if (a->prov)
		d = copy_name(out->province, sizeof(out->province), a->prov);
	if (a->city)
		d = copy_name(out->city, sizeof(out->city), a->city);
	if (a->district)
		d = copy_name(out->district, sizeof(out->district), a->district);
	out->adcode = deepest(a);	/* the last unit looked up */
	if (d && d->coord != CN_COORD_NONE) {
		out->lat = d->lat;
		out->lon = d->lon;
		out->has_centroid = 1;
	}
}

/* ---------------------------------------------------------------- detail */

/* Chinese numerals and their values; 十百千 (10 and up) multiply. */
#define CN_NUMERALS(X) X(U'零', 0) X(U'〇', 0) X(U'一', 1) X(U'二', 2) X(U'两', 2) X(U'三', 3) \
	X(U'四', 4) X(U'五', 5) X(U'六', 6) X(U'七', 7) X(U'八', 8) X(U'九', 9)          \
	X(U'十', 10) X(U'百', 100) X(U'千', 1000)
#define NUMERAL_LAST(c, v) | BIT64(c)
#define NUMERAL_MID(c, v) | BIT64((c) >> 6)
#define NUMERAL_FILTER ((struct filter){ 0 CN_NUMERALS(NUMERAL_LAST), 0 CN_NUMERALS(NUMERAL_MID) })
#define NUMERAL_CASE(c, v) case c: return v;

/* The value of the Chinese numeral cp, -1 if it is none (most text: one filter test). */
static int numeral_value(int32_t cp)
{
	struct filter f = NUMERAL_FILTER;
	if (cp < 0x3000 || !(f.last >> (cp & 63) & f.mid >> (cp >> 6 & 63) & 1))
		return -1;
	switch (cp) {
	CN_NUMERALS(NUMERAL_CASE)
	}
	return -1;
}

/* Writes v in decimal into key (32 bytes); returns the length. */
static size_t format_number(char *key, long v)
{
	char digits[24];
	size_t k = 0, len = 0;
	do {
		digits[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (k > 0)
		key[len++] = digits[--k];
	return len;
}

/* A number at s[i]: ASCII letters and digits, or Chinese numerals (十二, 三零一). */
struct num {
	size_t end;
	int digits;		/* only digits */
	size_t len;		/* of key */
	char key[32];
};

static int read_number(const char *s, size_t n, size_t i, struct num *v)
{
	size_t k = 0, j = i;
	int32_t cp;
	if (i >= n)
		return 0;
	if (is_alnum((unsigned char)s[i])) {
		v->digits = 1;
		/* leading zeros: 0501 -> 501, but 0 stays */
		while (s[j] == '0' && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9')
			j++;
		for (; j < n && is_alnum((unsigned char)s[j]); j++) {
			char c = s[j];
			if (c > '9') {		/* a letter: upper case */
				v->digits = 0;
				if (c >= 'a')
					c -= 32;
			}
			if (k < sizeof(v->key) - 1)
				v->key[k++] = c;
		}
	} else {
		long total = 0, cur = 0;
		int positional = 0, value;
		size_t l;
		while (j < n && (l = next_cp(s + j, n - j, &cp)) && (value = numeral_value(cp)) >= 0) {
			if (value >= 10) {
				total += (cur ? cur : 1) * value;
				cur = 0;
				positional = 1;
			} else if (positional) {
				cur = value;
			} else {
				cur = cur * 10 + value;
			}
			j += l;
			if (j - i > 30)
				return 0;
		}
		if (j == i)
			return 0;
		total += cur;
		k = format_number(v->key, total);
		v->digits = 1;
	}
	v->key[k] = '\0';
	v->len = k;
	v->end = j;
	return k > 0;
}

#define ROAD_WORDS(X) X("路") X("大道") X("大街") X("街") X("巷") X("弄") X("胡同") X("道")
WORD_MATCHER(road_word, ROAD_WORDS)

/* Number of ASCII digits at s[i, n). */
static inline size_t digits_at(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && s[j] >= '0' && s[j] <= '9')
		j++;
	return j - i;
}

/* 北段, 二段: a section of a long road, before its number (天府大道北段1700号). */
static size_t section_at(const char *s, size_t n)
{
	if (n >= 6 && (unsigned char)s[0] >= 0x80 && LIT(s + 3, n - 3, "段"))
		return 6;
	return 0;
}

/*
 * Where the last road + number ends (松岭路169号), 0 if none; *bare gets
 * the end of the last road name without a number.
 */
static size_t road_end(const char *s, size_t n, int plain, size_t *bare)
{
	size_t i = 0, end = 0, l;
	*bare = 0;
	while (i < n) {
		size_t j, d;
		/* fast paths: no road word starts with ASCII (they are all Han) or most Han */
		if (plain) {
			i = next_plain_han((const unsigned char *)s, n, i, FILTER_OF(ROAD_WORDS));
			if (i >= n)
				break;
		} else if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		} else if (han_outside(s + i, n - i, FILTER_OF(ROAD_WORDS))) {
			i += 3;
			continue;
		}
		if (!(l = road_word(s + i, n - i))) {
			i += char_len(s + i, n - i);
			continue;
		}
		if (LIT(s + i, n - i, "街道")) {	/* a town (街 is a road word) */
			i += sizeof("街道") - 1;
			continue;
		}
		j = i + l;
		j += section_at(s + j, n - j);
		d = digits_at(s, n, j);
		if (d && j + d < n && s[j + d] == '-' && digits_at(s, n, j + d + 1))
			d += 1 + digits_at(s, n, j + d + 1);
		if (d && (l = LIT(s + j + d, n - j - d, "号")) &&
		    !LIT(s + j + d + l, n - j - d - l, "楼")) {
			end = j + d + l;
			end += LIT(s + end, n - end, "院");
			i = end;
			continue;
		}
		if (!LIT(s + i, n - i, "道") && !LIT(s + i, n - i, "街"))
			*bare = j;
		i = j;
	}
	return end;
}


#define COMMUNITY_WORDS(X) X("小区") X("花园") X("家园") X("公寓") X("新村") X("庄园") \
	X("公馆") X("华府") X("大厦") X("广场") X("社区") X("山庄") X("中心") X("大楼")
WORD_MATCHER(community_word, COMMUNITY_WORDS)

/* One-character endings of community names: looked at once, at the end. */
static const struct word community_short[] = {
	W("苑") W("城") W("园") W("里") W("村") W("府") W("郡") W("邸")
	W("庭") W("湾") W("居") W("阁") W("院") W("坊") W("墅") WORDS_END,
};

/* Drops a leading town (沙子口街道, 李村镇): its name has two characters at least. */
static size_t skip_town(const char *s, size_t from, size_t to)
{
	size_t i = from + 6, best = from;
	/* a town word (3 bytes at least) must leave 6 bytes after it */
	while (i + 9 <= to) {
		size_t l = town_word(s + i, to - i);
		if (l && to - (i + l) >= 6) {
			best = i + l;
			break;
		}
		i += ((unsigned char)s[i] < 0x80) ? 1 : 3;
	}
	return best;
}

/* End of the community name in s[from, to) when no building follows: at a community word. */
static size_t community_end(const char *s, size_t from, size_t to)
{
	size_t i = from, end = 0;
	while (i < to) {
		size_t l = community_word(s + i, to - i);
		if (l) {
			end = i + l;
			i += l;
			continue;
		}
		i += ((unsigned char)s[i] < 0x80) ? 1 : 3;
	}
	for (const struct word *w = community_short; w->s; w++)
		if (ends_with(s + from, to - from, w->s, w->len))
			return to;
	return end;
}

static void set_community(struct address *out, const char *s, size_t from, size_t to)
{
	from = skip_seps(s, to, from);
	while (to > from && is_sep((unsigned char)s[to - 1]))
		to--;
	from = skip_town(s, from, to);
	if (to - from >= 6 || (to > from && (unsigned char)s[from] < 0x80))
		copy_field(out->community, sizeof(out->community), s + from, to - from);
}

/* Copies a number key into a fixed-size field of struct address. */
#define SET_KEY(field, num) copy_field((field), sizeof(field), (num).key, (num).len)

enum part { PART_NONE, PART_BUILDING, PART_UNIT, PART_FLOOR, PART_ROOM, PART_DASHED };

#define BUILDING_WORDS(X) X("号楼") X("号栋") X("号幢") X("号座") X("栋") X("幢") X("座") \
	X("#楼") X("#")
WORD_MATCHER(building_word, BUILDING_WORDS)

/* Is s[i] the end of the text, or a separator, letter or digit (after 号)? */
static int plain_after(const char *s, size_t n, size_t i)
{
	return i >= n || is_sep((unsigned char)s[i]) || is_alnum((unsigned char)s[i]);
}

struct house {
	int building, unit, room;
	int context;		/* a community or a road number precedes */
};

/* 15F, 3F: a floor written the English way. */
static int is_floor_key(const char *k)
{
	size_t d = digit_run(k);
	return d > 0 && k[d] == 'F' && k[d + 1] == '\0';
}

/* What the number ending at i is: 3|号楼, 2|单元, 12|层, 301|室, 3|-2-301. */
static enum part part_after(const char *s, size_t n, size_t i, const struct num *v,
			    const struct house *h, size_t *len)
{
	size_t l;
	struct num next;
	if ((l = building_word(s + i, n - i))) {
		*len = l;
		return PART_BUILDING;
	}
	if ((l = LIT(s + i, n - i, "单元")) || (v->digits && (l = LIT(s + i, n - i, "门")))) {
		*len = l;
		return PART_UNIT;
	}
	if ((l = LIT(s + i, n - i, "室")) || (l = LIT(s + i, n - i, "房")) ||
	    (l = LIT(s + i, n - i, "户"))) {
		*len = l;
		return PART_ROOM;
	}
	if (v->digits == 0 && is_floor_key(v->key)) {
		*len = 0;
		return PART_FLOOR;	/* 15F */
	}
	if ((l = LIT(s + i, n - i, "层"))) {
		*len = l;
		return PART_FLOOR;
	}
	if ((l = LIT(s + i, n - i, "楼"))) {
		/* 3楼 is a floor, unless a unit follows (3楼2单元) */
		*len = l;
		if (!h->building && read_number(s, n, i + l, &next) &&
		    LIT(s + next.end, n - next.end, "单元"))
			return PART_BUILDING;
		return PART_FLOOR;
	}
	if ((l = LIT(s + i, n - i, "号")) && !LIT(s + i + l, n - i - l, "院") &&
	    plain_after(s, n, i + l)) {
		*len = l;
		return h->building || h->unit ? PART_ROOM : PART_BUILDING;
	}
	if (i < n && s[i] == '-' && v->digits && i + 1 < n && is_alnum((unsigned char)s[i + 1])) {
		*len = 0;
		return PART_DASHED;
	}
	if (skip_seps(s, n, i) >= n && (h->building || h->unit ||
					(h->context && v->digits && v->len >= 3))) {
		*len = 0;
		return PART_ROOM;
	}
	return PART_NONE;
}

/* 3-2-301 (building-unit-room), 2-301 after a building, 12-1001 after a community. */
static size_t dashed(const char *s, size_t n, size_t i, const struct num *first,
		     struct address *out, struct house *h)
{
	struct num v[3];
	size_t k = 1, end;
	v[0] = *first;
	end = first->end;
	while (k < 3 && end + 1 < n && s[end] == '-' && read_number(s, n, end + 1, &v[k]) &&
	       v[k].digits) {
		end = v[k].end;
		k++;
	}
	if (k == 3 && !h->building) {
		SET_KEY(out->building, v[0]);
		SET_KEY(out->unit, v[1]);
		SET_KEY(out->room, v[2]);
	} else if (k == 2 && h->building && !h->unit) {
		SET_KEY(out->unit, v[0]);
		SET_KEY(out->room, v[1]);
	} else if (k == 2 && !h->building && h->context) {
		SET_KEY(out->building, v[0]);
		SET_KEY(out->room, v[1]);
	} else {
		return i;
	}
	h->building = h->unit = h->room = 1;
	end += LIT(s + end, n - end, "室");
	return end;
}

/* Community, building, unit and room from the text after the administrative part. */
static void parse_detail(const char *s, size_t n, int plain, struct address *out)
{
	size_t bare, poi = road_end(s, n, plain, &bare), i, first = n;
	struct house h = { 0, 0, 0, 0 };

	if (poi == 0 && bare && n - bare >= 9)
		poi = bare;
	i = poi;
	while (i < n && !h.room) {
		struct num v;
		int32_t cp;
		size_t l;
		enum part part;
		/* fast paths: ASCII but letters and digits, and most Han start no number */
		if ((unsigned char)s[i] < 0x80 && !is_alnum((unsigned char)s[i])) {
			i++;
			continue;
		}
		if (han_outside(s + i, n - i, NUMERAL_FILTER)) {
			i += 3;
			continue;
		}
		l = next_cp(s + i, n - i, &cp);
		if (!(is_alnum((unsigned char)s[i]) ||
		      ((unsigned char)s[i] >= 0x80 && numeral_value(cp) >= 0)) ||
		    !read_number(s, n, i, &v)) {
			i += l;
			continue;
		}
		l = 0;
		if (first == n) {
			size_t from = skip_seps(s, i, poi);
			h.context = poi > 0 || i - from >= 6;
		}
		part = part_after(s, n, v.end, &v, &h, &l);
		switch (part) {
		case PART_NONE:
			/* skip the whole run: 2期, SOHO, 一品 */
			i = v.end;
			continue;
		case PART_DASHED: {
			size_t end = dashed(s, n, i, &v, out, &h);
			if (end == i) {
				i = v.end;
				continue;
			}
			if (first == n)
				first = i;
			i = end;
			continue;
		}
		case PART_BUILDING:
			if (!h.building && !h.unit)
				SET_KEY(out->building, v);
			h.building = 1;
			break;
		case PART_UNIT:
			if (!h.unit)
				SET_KEY(out->unit, v);
			h.unit = 1;
			break;
		case PART_ROOM:
			SET_KEY(out->room, v);
			h.room = 1;
			break;
		case PART_FLOOR:
			break;
		}
		if (first == n)
			first = i;
		i = v.end + l;
	}
	if (first < n)
		set_community(out, s, poi, first);
	else if ((i = community_end(s, skip_seps(s, n, poi), n)) > 0)
		set_community(out, s, poi, i);
}

/* ---------------------------------------------------------------- entry */

int address_parse(const char *s, size_t n, const char *prov_hint, const char *city_hint,
		  const char *district_hint, struct address *out, struct flags *f)
{
	char buf[TEXT_MAX];
	const char *t;
	struct admin hint = { 0, 0, 0 }, text = { 0, 0, 0 };
	const struct admin *final = &text;
	struct parser p;
	size_t len, end = 0;
	int former = 0, junk = 0, plain;

	clear(out, 0, sizeof(*out));
	t = normalise(s, n, buf, sizeof(buf), &len, &plain);
	parse_hint(prov_hint, CN_PROVINCE, &hint, &former);
	parse_hint(city_hint, CN_PREFECTURE, &hint, &former);
	parse_hint(district_hint, CN_COUNTY, &hint, &former);

	p.s = t;
	p.n = len;
	p.ctx = &hint;
	p.former = 0;
	p.ambiguous = 0;
	p.memo_next = 0;
	p.pinned = NULL;
	for (unsigned j = 0; j < MEMO_SIZE; j++)
		p.memo_at[j] = (size_t)-1;
	if (len && is_junk(t, len)) {
		flag_add(f, "address_junk");
		junk = 1;
	} else if (len) {
		end = parse_admin(&p, &text);
	}

	if (!depth(&text)) {
		final = &hint;
	} else if (depth(&hint)) {
		const struct admin *deep = depth(&hint) > depth(&text) ? &hint : &text;
		const struct admin *shallow = deep == &hint ? &text : &hint;
		if (within(deep, shallow))
			final = deep;
		else
			flag_add(f, "address_admin_conflict");
	}
	if (final == &text && p.former)
		former = 1;
	if (former)
		flag_add(f, "address_admin_renamed");
	if (p.ambiguous && depth(final) < p.ambiguous)
		flag_add(f, "address_admin_ambiguous");
	if (depth(final))
		fill_admin(out, final);
	else if (len && !junk)
		flag_add(f, "address_unparsed");

	if (!junk && len) {
		end = skip_seps(t, len, end);
		copy_field(out->detail, sizeof(out->detail), t + end, len - end);
		parse_detail(t + end, len - end, plain, out);
	}
	return out->adcode != 0;
}
