#ifndef SCRM_UNICODE_H
#define SCRM_UNICODE_H
/* UTF-8 helpers and normalisation (utf8proc underneath). */
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Offset of the first byte that is not valid UTF-8, or -1 when all is valid. */
long utf8_invalid_at(const char *s, size_t n);
/* The general case of utf8_decode(). */
size_t utf8_decode_any(const char *s, size_t n, int32_t *cp);

/*
 * Decodes one code point at s (n bytes available); returns its length, or
 * 0 (and *cp = -1) if s does not start with a valid sequence. ASCII and
 * the 3-byte sequences of most CJK take the inline path.
 */
static inline size_t utf8_decode(const char *s, size_t n, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (n && p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (n >= 3 && p[0] >= 0xe1 && p[0] <= 0xec && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		*cp = ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		return 3;
	}
	return utf8_decode_any(s, n, cp);
}
/* Encodes cp into out (4 bytes); returns the length. */
size_t utf8_encode(int32_t cp, char *out);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s, size_t n);

int u_is_han(int32_t cp);
int u_is_space(int32_t cp);

/* Options of u_normalize(). */
enum {
	U_NFKC = 1 << 0,	/* compatibility composition, default-ignorables and controls dropped */
	U_CASEFOLD = 1 << 1,	/* Unicode case folding */
	U_DASHES = 1 << 2,	/* U+2010..2015, U+2212, U+30FC, U+FF70 and friends -> '-' */
	U_MIDDOT = 1 << 3,	/* the middle-dot family -> U+00B7 */
	U_TRIM = 1 << 4,	/* trim, and collapse runs of white space to one space */
};

/*
 * Appends the normalised form of s to out. Invalid UTF-8 is copied as is
 * (the readers reject it before a tool sees it). ASCII-only input takes a
 * fast path that does not call utf8proc.
 */
void u_normalize(strbuf *out, const char *s, size_t n, unsigned opts);

/*
 * 1 when u_normalize(s, opts) would give s back unchanged, decided
 * quickly (and conservatively: 0 means "maybe not"). Needs U_NFKC.
 */
int u_is_normal(const char *s, size_t n, unsigned opts);

/* Appends s with spaces between two Han characters removed. */
void u_join_han(strbuf *out, const char *s, size_t n);

#endif
