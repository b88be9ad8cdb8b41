#include "address.h"

#include <stdio.h>
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
static size_t next_cp(const char *s, size_t n, int32_t *cp)
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

/*
 * Maps s into out (cap bytes, NUL-terminated). Untrusted text stops at the
 * first code point that needs real NFKC: returns 0 then.
 */
static int map_text(const char *s, size_t n, char *out, size_t cap, int trusted, size_t *len)
{
	size_t i = 0, w = 0;
	while (i < n) {
		int32_t cp;
		size_t l = next_cp(s + i, n - i, &cp);
		int32_t m = map_cp(cp);
		if (m < 0 && !trusted)
			return 0;
		if (m >= 0 && m < 0x80) {
			if (w + 1 >= cap)
				break;
			out[w++] = (char)m;
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

static int is_alnum(int c)
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

/* NFKC (fast path for Han, ASCII and full-width text), dashes, CJK punctuation, spaces. */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
	size_t len = 0;
	if (!map_text(s, n, out, cap, 0, &len)) {
		strbuf sb = STRBUF_INIT;
		u_normalize(&sb, s, n, U_NFKC | U_DASHES);
		map_text(sb_str(&sb), sb.len, out, cap, 1, &len);
		sb_release(&sb);
	}
	return tidy_spaces(out, len);
}

/* A literal with its length: the word lists are scanned at every character. */
struct word {
	const char *s;
	size_t len;
};

#define W(x) { x, sizeof(x) - 1 }
#define WORDS_END { NULL, 0 }

/* Length of w if s[0, n) starts with it, else 0 (first byte checked inline). */
static inline size_t lit_n(const char *s, size_t n, const char *w, size_t len)
{
	return len <= n && s[0] == w[0] && (len < 3 || (s[1] == w[1] && s[2] == w[2])) &&
	       memcmp(s, w, len) == 0 ? len : 0;
}

#define LIT(s, n, w) lit_n((s), (n), (w), sizeof(w) - 1)

/* The first word of the list that s starts with. */
static size_t lit_any(const char *s, size_t n, const struct word *ws)
{
	if (n == 0)
		return 0;
	for (; ws->s; ws++) {
		size_t l = lit_n(s, n, ws->s, ws->len);
		if (l)
			return l;
	}
	return 0;
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

static int is_sep(int c)
{
	return c == ' ' || c == ',' || c == '.' || c == '-' || c == '/' || c == '|' ||
	       c == '(' || c == ')' || c == '[' || c == ']' || c == ':' || c == ';' ||
	       c == '_' || c == '>' || c == '\\' || c == '"' || c == '\'';
}

static size_t skip_seps(const char *s, size_t n, size_t i)
{
	while (i < n && is_sep((unsigned char)s[i]))
		i++;
	return i;
}

/* Copies s[0, n) into dst (cap bytes), cut at a character boundary. */
static void copy_field(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* ---------------------------------------------------------------- junk */

static const char *const junk_words[] = {
	"test", "testaddress", "测试", "测试地址", "无", "不详", "暂无", "未知", "没有",
	"空", "无地址", "地址不详", "详见备注", "null", "none", "n/a", "na", "xxx",
	"地址", "其他", "其它", "未填", "不知道", "-", NULL,
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
		for (i = 0; junk_words[i]; i++)
			if (strcmp(low, junk_words[i]) == 0)
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

struct parser {
	const char *s;
	size_t n;
	const struct admin *ctx;	/* from the hint columns, for tie-breaking */
	int former;			/* a former name was used */
	int ambiguous;			/* level left ambiguous, 0 if none */
	/* the names at one position: a look-ahead is the next step's lookup */
	size_t memo_at, memo_n;
	struct cn_name_match memo[MATCH_MAX];
};

enum fit { FIT_NO, FIT_REPEAT, FIT_NEW };

static int province_of(int code)
{
	return code / 10000 * 10000;
}

static int deepest(const struct admin *a)
{
	return a->district ? a->district : a->city ? a->city : a->prov;
}

static int depth(const struct admin *a)
{
	return a->district ? CN_COUNTY : a->city ? CN_PREFECTURE : a->prov ? CN_PROVINCE : 0;
}

static void apply(struct admin *a, const struct cn_division *c)
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
static enum fit fits(const struct admin *a, const struct cn_division *c, unsigned kind,
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

static const struct word street_words[] = {
	W("路"), W("街"), W("道"), W("巷"), W("弄"), W("桥"), W("门"), W("胡同"), W("大道"),
	W("大街"), W("广场"), W("花园"), W("小区"), W("大厦"), W("公寓"), WORDS_END,
};

static const struct word directions[] = { W("东"), W("西"), W("南"), W("北"), W("中"), WORDS_END };

/* 北京路, 香港中路, 朝阳门: a short name that is part of a street or building name. */
static int street_follows(const char *s, size_t n)
{
	if (LIT(s, n, "街道"))
		return 0;
	if (lit_any(s, n, street_words))
		return 1;
	if (lit_any(s, n, directions) && n >= 6)
		return LIT(s + 3, n - 3, "路") || LIT(s + 3, n - 3, "街") || LIT(s + 3, n - 3, "大街");
	return 0;
}

struct cand {
	const struct cn_division *cur;
	unsigned kind;
};

/* Names matching at s[i], minus short names running into a street name. */
static size_t names_at(struct parser *p, size_t i, struct cn_name_match *m)
{
	size_t nm, k = 0;
	if (p->memo_at == i) {
		memcpy(m, p->memo, p->memo_n * sizeof(m[0]));
		return p->memo_n;
	}
	nm = cn_admin_match_prefix(p->s + i, p->n - i, m, MATCH_MAX);
	for (size_t j = 0; j < nm; j++) {
		size_t end = i + m[j].len;
		if ((m[j].kind & CN_KEY_ALIAS) && street_follows(p->s + end, p->n - end))
			continue;
		m[k++] = m[j];
	}
	p->memo_at = i;
	p->memo_n = k;
	memcpy(p->memo, m, k * sizeof(m[0]));
	return k;
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
 * The best new units among the names of length len: keeps the best rank,
 * one entry per unit. Sets *repeat when a name repeats a matched unit.
 */
static size_t cands_of_len(struct parser *p, const struct admin *a,
			   const struct cn_name_match *m, size_t nm, unsigned len,
			   struct cand *out, int *repeat)
{
	size_t n = 0;
	*repeat = 0;
	for (size_t j = 0; j < nm; j++) {
		enum fit f;
		struct cand c;
		if (m[j].len != len)
			continue;
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
	struct cn_name_match m[MATCH_MAX];
	size_t nm;
	i = skip_seps(p->s, p->n, i);
	nm = names_at(p, i, m);
	for (size_t j = 0; j < nm; j++)
		if (fits(a, m[j].cur, m[j].kind, p->ctx) == FIT_NEW)
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

static const struct word town_words[] = { W("街道"), W("镇"), W("乡"), WORDS_END };

static const struct word skip_words[] = {
	W("中华人民共和国"), W("中国"), W("市辖区"), W("省直辖县级行政区划"), W("自治区直辖县级行政区划"),
	W("省直辖县级行政单位"), WORDS_END,
};

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
	struct cn_name_match m[MATCH_MAX];
	struct cand c[MATCH_MAX], best[MATCH_MAX];
	unsigned lens[MATCH_MAX], len = 0;
	size_t nm, nl = 0, nc = 0, end;
	int chosen = 0;

	nm = names_at(p, *i, m);
	for (size_t j = 0; j < nm; j++) {
		size_t k;
		for (k = 0; k < nl && lens[k] != m[j].len; k++)
			;
		if (k == nl)
			lens[nl++] = m[j].len;
	}
	/* longest first */
	for (size_t j = 1; j < nl; j++)
		for (size_t k = j; k > 0 && lens[k] > lens[k - 1]; k--) {
			unsigned t = lens[k];
			lens[k] = lens[k - 1];
			lens[k - 1] = t;
		}
	for (size_t j = 0; j < nl; j++) {
		int rep;
		size_t n = cands_of_len(p, a, m, nm, lens[j], c, &rep);
		if (!n && !rep)
			continue;
		if (!chosen) {
			chosen = 1, len = lens[j], nc = n;
			memcpy(best, c, n * sizeof(c[0]));
		}
		if (continues_with(p, a, n ? c[0].cur : NULL, *i + lens[j])) {
			len = lens[j], nc = n;
			memcpy(best, c, n * sizeof(c[0]));
			break;
		}
	}
	if (!chosen)
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
		if ((best[0].kind & CN_KEY_ALIAS) && lit_any(p->s + end, p->n - end, town_words))
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
		if ((l = lit_any(p->s + i, p->n - i, skip_words))) {
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
	char t[192];
	size_t n, nm, nc = 0;
	struct cn_name_match m[MATCH_MAX];
	struct cand c_ok[MATCH_MAX];

	if (!h || !*h)
		return;
	n = normalise(h, strlen(h), t, sizeof(t));
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

static void fill_admin(struct address *out, const struct admin *a)
{
	const struct cn_division *d;
	if (a->prov && (d = cn_admin_get(a->prov)))
		copy_field(out->province, sizeof(out->province), d->name, strlen(d->name));
	if (a->city && (d = cn_admin_get(a->city)))
		copy_field(out->city, sizeof(out->city), d->name, strlen(d->name));
	if (a->district && (d = cn_admin_get(a->district)))
		copy_field(out->district, sizeof(out->district), d->name, strlen(d->name));
	out->adcode = deepest(a);
	d = cn_admin_get(out->adcode);
	if (d && d->coord != CN_COORD_NONE) {
		out->lat = d->lat;
		out->lon = d->lon;
		out->has_centroid = 1;
	}
}

/* ---------------------------------------------------------------- detail */

/* 零〇一二两三...九 -> 0-9, else -1. */
static int cn_digit(int32_t cp)
{
	static const int32_t digits[] = { 0x96f6, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94,
					  0x516d, 0x4e03, 0x516b, 0x4e5d };
	if (cp == 0x3007)
		return 0;
	if (cp == 0x4e24)	/* 两 */
		return 2;
	for (int k = 0; k < 10; k++)
		if (digits[k] == cp)
			return k;
	return -1;
}

/* 十百千 -> 10, 100, 1000, else 0. */
static int cn_unit(int32_t cp)
{
	return cp == 0x5341 ? 10 : cp == 0x767e ? 100 : cp == 0x5343 ? 1000 : 0;
}

/* A number at s[i]: ASCII letters and digits, or Chinese numerals (十二, 三零一). */
struct num {
	size_t end;
	int digits;		/* only digits */
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
		for (; j < n && is_alnum((unsigned char)s[j]); j++) {
			char c = s[j];
			if (c >= 'a' && c <= 'z')
				c -= 32;
			if (!(c >= '0' && c <= '9'))
				v->digits = 0;
			if (k == 0 && c == '0' && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9')
				continue;	/* leading zero */
			if (k < sizeof(v->key) - 1)
				v->key[k++] = c;
		}
	} else {
		long total = 0, cur = 0;
		int positional = 0;
		size_t l;
		while (j < n && (l = next_cp(s + j, n - j, &cp)) &&
		       (cn_digit(cp) >= 0 || cn_unit(cp))) {
			if (cn_unit(cp)) {
				total += (cur ? cur : 1) * cn_unit(cp);
				cur = 0;
				positional = 1;
			} else if (positional) {
				cur = cn_digit(cp);
			} else {
				cur = cur * 10 + cn_digit(cp);
			}
			j += l;
			if (j - i > 30)
				return 0;
		}
		if (j == i)
			return 0;
		total += cur;
		k = (size_t)snprintf(v->key, sizeof(v->key), "%ld", total);
		v->digits = 1;
	}
	v->key[k] = '\0';
	v->end = j;
	return k > 0;
}

static int is_cn_numeral_at(const char *s, size_t n, size_t i)
{
	int32_t cp;
	if (i >= n || (unsigned char)s[i] < 0x80)
		return 0;
	next_cp(s + i, n - i, &cp);
	return cn_digit(cp) >= 0 || cn_unit(cp);
}

static const struct word road_words[] = {
	W("路"), W("大道"), W("大街"), W("街"), W("巷"), W("弄"), W("胡同"), W("道"), WORDS_END,
};

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
static size_t road_end(const char *s, size_t n, size_t *bare)
{
	size_t i = 0, end = 0, l;
	*bare = 0;
	while (i < n) {
		size_t j, d;
		if (LIT(s + i, n - i, "街道")) {
			i += sizeof("街道") - 1;
			continue;
		}
		if (!(l = lit_any(s + i, n - i, road_words))) {
			int32_t cp;
			i += next_cp(s + i, n - i, &cp);
			continue;
		}
		j = i + l;
		j += section_at(s + j, n - j);
		d = digit_run(s + j);
		if (d && j + d < n && s[j + d] == '-' && digit_run(s + j + d + 1))
			d += 1 + digit_run(s + j + d + 1);
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


static const struct word community_long[] = {
	W("小区"), W("花园"), W("家园"), W("公寓"), W("新村"), W("庄园"), W("公馆"),
	W("华府"), W("大厦"), W("广场"), W("社区"), W("山庄"), W("中心"), W("大楼"), WORDS_END,
};

static const struct word community_short[] = {
	W("苑"), W("城"), W("园"), W("里"), W("村"), W("府"), W("郡"), W("邸"),
	W("庭"), W("湾"), W("居"), W("阁"), W("院"), W("坊"), W("墅"), WORDS_END,
};

/* Drops a leading town (沙子口街道, 李村镇): its name has two characters at least. */
static size_t skip_town(const char *s, size_t from, size_t to)
{
	size_t i = from + 6, best = from;
	while (i + 3 <= to) {
		size_t l = lit_any(s + i, to - i, town_words);
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
		size_t l = lit_any(s + i, to - i, community_long);
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
#define SET_KEY(field, key) copy_field((field), sizeof(field), (key), strlen(key))

enum part { PART_NONE, PART_BUILDING, PART_UNIT, PART_FLOOR, PART_ROOM, PART_DASHED };

static const struct word building_words[] = {
	W("号楼"), W("号栋"), W("号幢"), W("号座"), W("栋"), W("幢"), W("座"), W("#楼"), W("#"), WORDS_END,
};

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
	if ((l = lit_any(s + i, n - i, building_words))) {
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
					(h->context && v->digits && strlen(v->key) >= 3))) {
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
		SET_KEY(out->building, v[0].key);
		SET_KEY(out->unit, v[1].key);
		SET_KEY(out->room, v[2].key);
	} else if (k == 2 && h->building && !h->unit) {
		SET_KEY(out->unit, v[0].key);
		SET_KEY(out->room, v[1].key);
	} else if (k == 2 && !h->building && h->context) {
		SET_KEY(out->building, v[0].key);
		SET_KEY(out->room, v[1].key);
	} else {
		return i;
	}
	h->building = h->unit = h->room = 1;
	end += LIT(s + end, n - end, "室");
	return end;
}

/* Community, building, unit and room from the text after the administrative part. */
static void parse_detail(const char *s, size_t n, struct address *out)
{
	size_t bare, poi = road_end(s, n, &bare), i, first = n;
	struct house h = { 0, 0, 0, 0 };

	if (poi == 0 && bare && n - bare >= 9)
		poi = bare;
	i = poi;
	while (i < n && !h.room) {
		struct num v;
		size_t l = 0;
		enum part part;
		if (!(is_alnum((unsigned char)s[i]) || is_cn_numeral_at(s, n, i)) ||
		    !read_number(s, n, i, &v)) {
			int32_t cp;
			i += next_cp(s + i, n - i, &cp);
			continue;
		}
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
				SET_KEY(out->building, v.key);
			h.building = 1;
			break;
		case PART_UNIT:
			if (!h.unit)
				SET_KEY(out->unit, v.key);
			h.unit = 1;
			break;
		case PART_ROOM:
			SET_KEY(out->room, v.key);
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
	char t[TEXT_MAX];
	struct admin hint = { 0, 0, 0 }, text = { 0, 0, 0 };
	const struct admin *final = &text;
	struct parser p;
	size_t len, end = 0;
	int former = 0, junk = 0;

	memset(out, 0, sizeof(*out));
	len = normalise(s, n, t, sizeof(t));
	parse_hint(prov_hint, CN_PROVINCE, &hint, &former);
	parse_hint(city_hint, CN_PREFECTURE, &hint, &former);
	parse_hint(district_hint, CN_COUNTY, &hint, &former);

	p.s = t;
	p.n = len;
	p.ctx = &hint;
	p.former = 0;
	p.ambiguous = 0;
	p.memo_at = (size_t)-1;
	p.memo_n = 0;
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
		parse_detail(t + end, len - end, out);
	}
	return out->adcode != 0;
}
