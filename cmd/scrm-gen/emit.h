#ifndef SCRM_GEN_EMIT_H
#define SCRM_GEN_EMIT_H
/* Appending text to a strbuf quickly: rows are built from many small pieces. */
#include <stdint.h>
#include <string.h>

#include "util.h"

static inline void put(strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static inline void put_n(strbuf *b, const char *s, size_t n)
{
	sb_add(b, s, n);
}

static inline void put_c(strbuf *b, char c)
{
	sb_addc(b, c);
}

/* Decimal, at least width digits (zero-padded). */
void gen_put_uint_pad(strbuf *b, uint64_t v, int width);

static inline void put_uint_pad(strbuf *b, uint64_t v, int width)
{
	gen_put_uint_pad(b, v, width);
}

static inline void put_uint(strbuf *b, uint64_t v)
{
	put_uint_pad(b, v, 1);
}

/* Upper-case hexadecimal, exactly width digits. */
void gen_put_hex(strbuf *b, uint64_t v, int width);
/* A CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF. */
void gen_put_csv(strbuf *b, const char *s, size_t n);
/* A JSON string with its quotes. */
void gen_put_json(strbuf *b, const char *s, size_t n);

/* (short names for the rows' code; the exported ones carry the tool's prefix) */
static inline void put_hex(strbuf *b, uint64_t v, int width)
{
	gen_put_hex(b, v, width);
}

static inline void put_csv(strbuf *b, const char *s, size_t n)
{
	gen_put_csv(b, s, n);
}

static inline void put_json(strbuf *b, const char *s, size_t n)
{
	gen_put_json(b, s, n);
}

#endif
