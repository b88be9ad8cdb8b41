#include "unicode.h"

#include <stdlib.h>
#include <utf8proc.h>

#include "banned.h"

long utf8_invalid_at(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) {
			i++;
			/* skip ASCII 8 bytes at a time */
			while (i + 8 <= n) {
				uint64_t w;
				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			continue;
		}
		if (c >= 0xe1 && c <= 0xec) {
			/* the common 3-byte case (most of CJK) first */
			if (i + 2 >= n || (p[i + 1] & 0xc0) != 0x80 || (p[i + 2] & 0xc0) != 0x80)
				return (long)i;
			i += 3;
		} else if (c >= 0xc2 && c <= 0xdf) {
			if (i + 1 >= n || (p[i + 1] & 0xc0) != 0x80)
				return (long)i;
			i += 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			/* E0: no overlong forms; ED: no surrogates */
			unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
			if (i + 2 >= n || p[i + 1] < lo || p[i + 1] > hi || (p[i + 2] & 0xc0) != 0x80)
				return (long)i;
			i += 3;
		} else if (c >= 0xf0 && c <= 0xf4) {
			unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
			if (i + 3 >= n || p[i + 1] < lo || p[i + 1] > hi ||
			    (p[i + 2] & 0xc0) != 0x80 || (p[i + 3] & 0xc0) != 0x80)
				return (long)i;
			i += 4;
		} else {
			return (long)i;
		}
	}
	return -1;
}

size_t utf8_decode_any(const char *s, size_t n, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t len;
	if (n == 0)
		return 0;
	len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
	if (len <= 0) {
		*cp = -1;
		return 0;
	}
	*cp = c;
	return (size_t)len;
}

size_t utf8_encode(int32_t cp, char *out)
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

size_t utf8_length(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}

int u_is_han(int32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x20000 && cp <= 0x3134f) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       cp == 0x3007;
}

int u_is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
	       cp == '\f' || cp == 0xa0 || cp == 0x3000 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f;
}

static int32_t map_dash(int32_t cp)
{
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x30fc ||
	    cp == 0xff70 || cp == 0xfe58 || cp == 0xfe63 || cp == 0xff0d || cp == 0x2043)
		return '-';
	return cp;
}

static int32_t map_middot(int32_t cp)
{
	switch (cp) {
	case 0x30fb: case 0xff65: case 0x2022: case 0x2027: case 0x22c5:
	case 0x2219: case 0x0387: case 0x16eb: case 0x2e31: case 0xb7:
		return 0xb7;
	}
	return cp;
}

struct map_opts {
	unsigned opts;
};

static utf8proc_int32_t custom_map(utf8proc_int32_t cp, void *data)
{
	const struct map_opts *m = data;
	if (m->opts & U_DASHES)
		cp = map_dash(cp);
	if (m->opts & U_MIDDOT)
		cp = map_middot(cp);
	return cp;
}

/*
 * 1 when NFKC leaves s as it is: printable ASCII and the CJK ideographs
 * (U+3400..U+9FFF, no decompositions, combining class 0), plus a few CJK
 * punctuation marks that have no compatibility mapping. Most Chinese names
 * and addresses qualify, and skip utf8proc's decomposition entirely.
 */
static int nfkc_stable(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned c = p[i];
		if (c >= 0x20 && c < 0x7f) {
			i++;
		} else if (c >= 0xe4 && c <= 0xe9 && i + 2 < n) {
			i += 3;
		} else if (c == 0xe3 && i + 2 < n) {
			unsigned cp = ((c & 0x0fu) << 12) | ((p[i + 1] & 0x3fu) << 6) | (p[i + 2] & 0x3fu);
			if (cp < 0x3400 && !(cp >= 0x3001 && cp <= 0x3002) &&
			    !(cp >= 0x300a && cp <= 0x3011))
				return 0;
			i += 3;
		} else {
			return 0;
		}
	}
	return 1;
}

static int is_ascii_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int u_is_normal(const char *s, size_t n, unsigned opts)
{
	if (!(opts & U_NFKC) || !nfkc_stable(s, n))
		return 0;
	if ((opts & U_TRIM) && n && (s[0] == ' ' || s[n - 1] == ' '))
		return 0;
	for (size_t i = 1; (opts & U_TRIM) && i < n; i++)
		if (s[i] == ' ' && s[i - 1] == ' ')
			return 0;
	if (opts & U_CASEFOLD)
		for (size_t i = 0; i < n; i++)
			if (s[i] >= 'A' && s[i] <= 'Z')
				return 0;
	return 1;
}

/* Appends s (already mapped) to out, trimming and collapsing white space. */
static void add_trimmed(strbuf *out, const char *s, size_t n)
{
	size_t start = out->len;
	int pending_space = 0;
	size_t i = 0;
	while (i < n) {
		int32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			cp = (unsigned char)s[i];
			len = 1;
		}
		if (u_is_space(cp)) {
			pending_space = out->len > start;
		} else {
			if (pending_space)
				sb_addc(out, ' ');
			pending_space = 0;
			sb_add(out, s + i, len);
		}
		i += len;
	}
}

/*
 * The rules of u_normalize() for text where they touch ASCII only (ASCII,
 * or NFKC-stable Han): control characters as utf8proc's STRIPCC treats
 * them, case folding, and trimming. Space bytes never occur inside a
 * UTF-8 sequence, so this works byte by byte.
 */
static void ascii_normalize(strbuf *out, const char *s, size_t n, unsigned opts)
{
	int pending_space = 0, started = 0;
	sb_grow(out, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((opts & U_NFKC) && (c < 0x20 || c == 0x7f)) {
			/* utf8proc STRIPCC: tabs and newlines become spaces, the rest go */
			if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
				c = ' ';
			else
				continue;
		}
		if (opts & U_TRIM) {
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
				pending_space = started;
				continue;
			}
			if (pending_space)
				out->buf[out->len++] = ' ';
			pending_space = 0;
			started = 1;
		}
		if ((opts & U_CASEFOLD) && c >= 'A' && c <= 'Z')
			c += 32;
		out->buf[out->len++] = (char)c;
	}
	out->buf[out->len] = '\0';
}

void u_normalize(strbuf *out, const char *s, size_t n, unsigned opts)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t len;
	int flags = 0;
	struct map_opts m = { opts };

	if (is_ascii_only(s, n) || ((opts & U_NFKC) && nfkc_stable(s, n))) {
		/* Han has no case: the ASCII rules are the whole job */
		ascii_normalize(out, s, n, opts);
		return;
	}
	if (opts & U_NFKC)
		flags |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE |
			 UTF8PROC_STRIPCC;
	else
		flags |= UTF8PROC_STABLE;
	if (opts & U_CASEFOLD)
		flags |= UTF8PROC_CASEFOLD;
	len = utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
				  &dst, (utf8proc_option_t)flags, custom_map, &m);
	if (len < 0) {
		/* invalid UTF-8: copy it unchanged (readers reject it earlier) */
		sb_add(out, s, n);
		return;
	}
	if (opts & U_DASHES || opts & U_MIDDOT) {
		/* NFKC may produce new dashes or dots (U+FF65 -> U+30FB): map again */
		strbuf tmp = STRBUF_INIT;
		size_t i = 0;
		while (i < (size_t)len) {
			int32_t cp;
			size_t l = utf8_decode((const char *)dst + i, (size_t)len - i, &cp);
			char enc[4];
			if (!l)
				break;
			cp = custom_map(cp, &m);
			sb_add(&tmp, enc, utf8_encode(cp, enc));
			i += l;
		}
		free(dst);
		dst = (utf8proc_uint8_t *)sb_detach(&tmp);
		len = (utf8proc_ssize_t)strlen((const char *)dst);
	}
	if (opts & U_TRIM)
		add_trimmed(out, (const char *)dst, (size_t)len);
	else
		sb_add(out, dst, (size_t)len);
	free(dst);
}

void u_join_han(strbuf *out, const char *s, size_t n)
{
	size_t i = 0;
	int32_t prev = -1;
	while (i < n) {
		int32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			sb_addc(out, s[i]);
			i++;
			prev = -1;
			continue;
		}
		if (u_is_space(cp) && u_is_han(prev)) {
			/* drop the run of spaces if a Han character follows */
			size_t j = i + len;
			int32_t next = -1;
			while (j < n) {
				size_t l = utf8_decode(s + j, n - j, &next);
				if (!l || !u_is_space(next))
					break;
				j += l;
			}
			if (j < n && u_is_han(next)) {
				i = j;
				continue;
			}
		}
		sb_add(out, s + i, len);
		prev = cp;
		i += len;
	}
}
