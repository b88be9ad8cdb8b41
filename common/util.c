#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "banned.h"

static void out_of_memory(size_t n)
{
	scrm_die(SCRM_EXIT_IO, "out of memory allocating %zu bytes", n);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void grow_array(void **items, size_t *cap, size_t need, size_t sz)
{
	size_t n = *cap;
	if (need <= n)
		return;
	if (n < 8)
		n = 8;
	while (n < need)
		n += n / 2 + 8;
	if (n > SIZE_MAX / sz)
		out_of_memory(SIZE_MAX);
	*items = xrealloc(*items, n * sz);
	*cap = n;
}

void sb_init(strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void sb_release(strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

void sb_reset(strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_grow_slow(strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 64;
		while (cap < need)
			cap *= 2;
		sb->buf = xrealloc(sb->buf, cap);
		sb->cap = cap;
	}
}

void sb_adds(strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	sb_grow(sb, 64);
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len) {
		sb_grow(sb, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

char *sb_detach(strbuf *sb)
{
	char *p;
	if (!sb->buf)
		return xstrdup("");
	p = sb->buf;
	sb_init(sb);
	return p;
}

void sb_setlen(strbuf *sb, size_t len)
{
	if (len > sb->len)
		sb_grow(sb, len - sb->len);
	sb->len = len;
	if (sb->buf)
		sb->buf[len] = '\0';
}

int has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

int ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

int is_ascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

size_t digit_run(const char *s)
{
	size_t n = 0;
	while (is_ascii_digit((unsigned char)s[n]))
		n++;
	return n;
}

long long parse_uint_n(const char *s, size_t n)
{
	long long v = 0;
	if (n == 0 || n > 18)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!is_ascii_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A 64-bit multiply-xorshift hash over 8-byte words (wyhash-like mixing). */
static uint64_t mix64(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t hash64(const void *data, size_t n, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = mix64(h ^ w, 0xa0761d6478bd642fULL);
		p += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w = 0;
		memcpy(&w, p, n);
		h = mix64(h ^ w ^ ((uint64_t)n << 56), 0xe7037ed1a0b428dbULL);
	}
	return mix64(h, 0x8ebc6af09c88c6e3ULL);
}
