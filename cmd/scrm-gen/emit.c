#include "emit.h"

#include "banned.h"

void gen_put_uint_pad(strbuf *b, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width && n < (int)sizeof(tmp))
		tmp[n++] = '0';
	sb_grow(b, (size_t)n);
	while (n)
		b->buf[b->len++] = tmp[--n];
	b->buf[b->len] = '\0';
}

void gen_put_hex(strbuf *b, uint64_t v, int width)
{
	sb_grow(b, (size_t)width);
	for (int i = width - 1; i >= 0; i--)
		b->buf[b->len++] = "0123456789ABCDEF"[(v >> (4 * i)) & 15];
	b->buf[b->len] = '\0';
}

void gen_put_csv(strbuf *b, const char *s, size_t n)
{
	int quote = 0;
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		sb_add(b, s, n);
		return;
	}
	sb_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			sb_addc(b, '"');
		sb_addc(b, s[i]);
	}
	sb_addc(b, '"');
}

void gen_put_json(strbuf *b, const char *s, size_t n)
{
	sb_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			sb_addc(b, '\\');
			sb_addc(b, (char)c);
		} else if (c == '\n') {
			sb_add(b, "\\n", 2);
		} else if (c < 0x20) {
			sb_add(b, "\\u00", 4);
			put_hex(b, c, 2);
		} else {
			sb_addc(b, (char)c);
		}
	}
	sb_addc(b, '"');
}
