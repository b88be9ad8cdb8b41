#include "cn_names.h"

#include <string.h>

#include "unicode.h"
#include "banned.h"

size_t cn_surname_len(const char *name, size_t n)
{
	int32_t c1, c2, c3;
	size_t l1, l2, l3;
	if (n == 0)
		return 0;
	l1 = utf8_decode(name, n, &c1);
	if (!l1 || !u_is_han(c1)) {
		/* not a Han name: its first word */
		size_t w = 0;
		while (w < n && name[w] != ' ')
			w++;
		return w;
	}
	l2 = utf8_decode(name + l1, n - l1, &c2);
	l3 = l2 ? utf8_decode(name + l1 + l2, n - l1 - l2, &c3) : 0;
	/* 欧阳娜娜: a compound surname needs a given name after it */
	if (l2 && l3 && u_is_han(c2) && (cn_surname_class(name, l1 + l2) & CN_SURNAME_COMPOUND))
		return l1 + l2;
	return l1;
}

/*
 * Binary search of a table sorted by the bytes of its entries' first
 * member, a string, for s[0..n); NULL if absent.
 */
static const void *find_sorted(const void *table, size_t count, size_t stride, const char *s,
			       size_t n)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const void *e = (const char *)table + mid * stride;
		const char *t = *(const char *const *)e;
		size_t tl = strlen(t);
		int c = memcmp(s, t, n < tl ? n : tl);
		if (c == 0)
			c = n < tl ? -1 : n > tl;
		if (c == 0)
			return e;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const char *simplified_of(const char *ch, size_t len)
{
	const struct cn_t2s_pair *e = find_sorted(cn_t2s, cn_t2s_len, sizeof(*e), ch, len);
	return e ? e->simplified : NULL;
}

void cn_simplify(const char *s, size_t n, strbuf *out)
{
	size_t i = 0;
	while (i < n) {
		int32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		const char *simple;
		if (!l)
			l = 1;
		/* only multi-byte characters can be traditional Han */
		simple = l >= 3 ? simplified_of(s + i, l) : NULL;
		if (simple)
			sb_adds(out, simple);
		else
			sb_add(out, s + i, l);
		i += l;
	}
}

static const char *readings_of(const char *ch, size_t len)
{
	const struct cn_pinyin_entry *e = find_sorted(cn_pinyin, cn_pinyin_len, sizeof(*e), ch, len);
	return e ? e->readings : NULL;
}

#define PINYIN_MAX_CHARS 8
#define PINYIN_MAX_LETTERS 64

/* Does letters[0..n) spell chars[0..nchars) with one reading each? */
static int spells(const char *const *chars, int nchars, const char *letters, size_t n)
{
	const char *r;
	if (nchars == 0)
		return n == 0;
	for (r = chars[0]; *r; ) {
		size_t len = strcspn(r, " ");
		if (len <= n && memcmp(r, letters, len) == 0 &&
		    spells(chars + 1, nchars - 1, letters + len, n - len))
			return 1;
		r += len;
		while (*r == ' ')
			r++;
	}
	return 0;
}

static int is_syllable(const char *s, size_t n)
{
	return find_sorted(cn_pinyin_syllables, cn_pinyin_syllables_len, sizeof(char *), s, n) != NULL;
}

/* Is letters[0..n) a run of pinyin syllables? */
static int is_pinyin(const char *letters, size_t n)
{
	/* ok[i]: the first i letters are whole syllables */
	unsigned char ok[PINYIN_MAX_LETTERS + 1] = { 1 };
	for (size_t i = 0; i < n; i++)
		for (size_t len = 1; ok[i] && len <= 6 && i + len <= n; len++)
			if (is_syllable(letters + i, len))
				ok[i + len] = 1;
	return n > 0 && ok[n];
}

/* The characters of a Han name and their readings; 0 if one has none. */
static int han_readings(const char *s, size_t n, const char **out, size_t *lens)
{
	int k = 0;
	for (size_t i = 0; i < n; ) {
		size_t l = utf8_decode(s + i, n - i, &(int32_t){ 0 });
		const char *r;
		if (!l || k == PINYIN_MAX_CHARS || !(r = readings_of(s + i, l)))
			return 0;
		lens[k] = l;
		out[k++] = r;
		i += l;
	}
	return k;
}

enum cn_pinyin_fit cn_pinyin_fit(const char *han, size_t hn, const char *latin, size_t ln)
{
	const char *chars[PINYIN_MAX_CHARS], *turned[PINYIN_MAX_CHARS];
	size_t lens[PINYIN_MAX_CHARS], nl = 0, first_end = 0, last_start = 0, sbytes, nsur = 0;
	char letters[PINYIN_MAX_LETTERS];
	int n = han_readings(han, hn, chars, lens), in_word = 0;
	/* the letters only, lower case; where the first word ends and the last starts */
	for (size_t i = 0; i < ln; i++) {
		unsigned char c = (unsigned char)latin[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c >= 'a' && c <= 'z') {
			if (nl == PINYIN_MAX_LETTERS)
				return CN_PINYIN_UNKNOWN;
			if (!in_word)
				last_start = nl;
			letters[nl++] = (char)c;
			in_word = 1;
		} else if (c >= 0x80) {
			return CN_PINYIN_UNKNOWN;	/* not a name in Latin letters */
		} else {
			if (in_word && !first_end)
				first_end = nl;
			in_word = 0;
		}
	}
	if (!first_end)
		first_end = nl;
	if (n == 0 || !is_pinyin(letters, nl))
		return CN_PINYIN_UNKNOWN;
	/* surname first, or the given name first and the surname last */
	if (spells(chars, n, letters, nl))
		return CN_PINYIN_NAME;
	sbytes = cn_surname_len(han, hn);
	for (size_t b = 0; b < sbytes && nsur < (size_t)n; nsur++)
		b += lens[nsur];
	for (int k = 0; k < n; k++)
		turned[k] = chars[((size_t)k + nsur) % (size_t)n];
	if (nsur < (size_t)n && spells(turned, n, letters, nl))
		return CN_PINYIN_NAME;
	if (first_end < nl && (spells(chars, (int)nsur, letters, first_end) ||
			       spells(chars, (int)nsur, letters + last_start, nl - last_start)))
		return CN_PINYIN_SURNAME;
	return CN_PINYIN_OTHER;
}
