#ifndef SCRM_UTIL_H
#define SCRM_UTIL_H
/* Allocation that cannot fail, growable strings, small string helpers. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x) ((void)(x))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *items (of *cap elements of size sz) so it can hold need elements. */
void grow_array(void **items, size_t *cap, size_t need, size_t sz);
#define GROW(arr, cap, need) grow_array((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* A growable, always NUL-terminated byte string. */
typedef struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

void sb_init(strbuf *sb);
void sb_release(strbuf *sb);
void sb_reset(strbuf *sb);
void sb_grow_slow(strbuf *sb, size_t extra);

/* Makes room for extra more bytes (and the NUL). */
static inline void sb_grow(strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->cap)
		sb_grow_slow(sb, extra);
}

static inline void sb_add(strbuf *sb, const void *data, size_t n)
{
	sb_grow(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(strbuf *sb, const char *s);
static inline void sb_addc(strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}
void sb_addf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the buffer (a "" literal never: always heap) and resets sb. */
char *sb_detach(strbuf *sb);
void sb_setlen(strbuf *sb, size_t len);
static inline const char *sb_str(const strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

int has_prefix(const char *s, const char *prefix);
int has_suffix(const char *s, const char *suffix);
/* ASCII-only case-insensitive equality; safe on UTF-8. */
int ascii_ieq(const char *a, const char *b);
int is_ascii_digit(int c);
/* Number of decimal digits at s (stops at the first non-digit). */
size_t digit_run(const char *s);
/* Parses a non-negative decimal integer that fills [s, s+n); -1 if not one. */
long long parse_uint_n(const char *s, size_t n);

/* Fast non-cryptographic 64-bit hash (for hash tables and dedupe keys). */
uint64_t hash64(const void *data, size_t n, uint64_t seed);

#endif
