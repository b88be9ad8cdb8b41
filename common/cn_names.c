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

static const char *simplified_of(const char *ch, size_t len)
{
	size_t lo = 0, hi = cn_t2s_len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *t = cn_t2s[mid].traditional;
		size_t tl = strlen(t);
		int c = memcmp(ch, t, len < tl ? len : tl);
		if (c == 0)
			c = len < tl ? -1 : len > tl;
		if (c == 0)
			return cn_t2s[mid].simplified;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
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
