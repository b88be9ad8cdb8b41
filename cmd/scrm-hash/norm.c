/*
 * Normalisation of identifiers by each platform's rules, as written down
 * in ../shared/ref/partner-hashing.md (sources there). Phone numbers go
 * through the same parser as scrm-clean (common/cn_phone.h).
 */
#include <ctype.h>
#include <string.h>

#include <utf8proc.h>

#include "cn_phone.h"
#include "hash.h"
#include "unicode.h"
#include "banned.h"

static int is_ws(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	       cp == '\v' || u_is_space(cp);
}

/* The bytes of s without leading and trailing white space. */
static void trim(const char **s, size_t *n)
{
	const char *p = *s, *e = *s + *n;
	int32_t cp;
	size_t k;
	while (p < e && (k = utf8_decode(p, (size_t)(e - p), &cp)) > 0 && is_ws(cp))
		p += k;
	while (e > p) {
		const char *q = e - 1;
		while (q > p && ((unsigned char)*q & 0xc0) == 0x80)
			q--;
		if (utf8_decode(q, (size_t)(e - q), &cp) == 0 || !is_ws(cp))
			break;
		e = q;
	}
	*s = p;
	*n = (size_t)(e - p);
}

enum {
	DROP_WS = 1,		/* white space */
	DROP_PUNCT = 2,		/* Unicode punctuation and symbols */
	DROP_DIGITS = 4,
	LOWER = 8,
	UPPER = 16,
};

/* Appends s to out, code point by code point, as flags say. */
static void filter(strbuf *out, const char *s, size_t n, unsigned flags)
{
	const char *e = s + n;
	while (s < e) {
		int32_t cp;
		char buf[4];
		size_t k = utf8_decode(s, (size_t)(e - s), &cp);
		if (k == 0) {	/* invalid byte: kept as is (readers reject such input) */
			sb_addc(out, *s++);
			continue;
		}
		s += k;
		if ((flags & DROP_WS) && is_ws(cp))
			continue;
		if (flags & (DROP_PUNCT | DROP_DIGITS)) {
			utf8proc_category_t c = utf8proc_category(cp);
			if ((flags & DROP_PUNCT) && c >= UTF8PROC_CATEGORY_PC &&
			    c <= UTF8PROC_CATEGORY_SO)
				continue;
			if ((flags & DROP_DIGITS) && c == UTF8PROC_CATEGORY_ND)
				continue;
		}
		if (flags & LOWER)
			cp = utf8proc_tolower(cp);
		else if (flags & UPPER)
			cp = utf8proc_toupper(cp);
		sb_add(out, buf, utf8_encode(cp, buf));
	}
}

/* A plausible address: one @, a local part, a dotted domain, no white space. */
static int email_ok(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n), *dot;
	if (!at || at == s || memchr(at + 1, '@', n - (size_t)(at + 1 - s)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (isspace((unsigned char)s[i]) || (unsigned char)s[i] < 0x20)
			return 0;
	dot = NULL;
	for (const char *p = at + 1; p < s + n; p++)
		if (*p == '.')
			dot = p;
	if (!dot || dot == at + 1 || s + n - dot - 1 < 2)
		return 0;
	return 1;
}

/* Drops dots and the +tag from the local part of a gmail address in out. */
static void gmail_local(strbuf *out)
{
	char *at = memchr(out->buf, '@', out->len);
	size_t j = 0, i;
	int tag = 0;
	if (!at)
		return;
	for (i = 0; out->buf + i < at; i++) {
		if (out->buf[i] == '+')
			tag = 1;
		if (tag || out->buf[i] == '.')
			continue;
		out->buf[j++] = out->buf[i];
	}
	memmove(out->buf + j, at, out->len - i);
	sb_setlen(out, j + (out->len - i));
}

static int norm_email(enum hsh_spec spec, const char *s, size_t n, strbuf *out)
{
	const char *at;
	trim(&s, &n);
	filter(out, s, n, LOWER | (spec == SPEC_GOOGLE ? DROP_WS : 0));
	if (!email_ok(out->buf, out->len))
		return 0;
	at = memchr(out->buf, '@', out->len);
	if ((spec == SPEC_GOOGLE && (strcmp(at, "@gmail.com") == 0 ||
				     strcmp(at, "@googlemail.com") == 0)) ||
	    (spec == SPEC_UID2 && strcmp(at, "@gmail.com") == 0))
		gmail_local(out);
	return out->len > 1 && out->buf[0] != '@';
}

static int norm_phone(enum hsh_spec spec, enum hsh_kind kind, const char *s, size_t n,
		      const char *region, strbuf *out)
{
	struct phone_num p;
	if (cn_phone_parse(s, n, region ? region : "CN", &p, 1, NULL) < 1 || !p.e164[0])
		return 0;
	if (kind == K_PHONE11 || spec == SPEC_TENCENT || spec == SPEC_OCEANENGINE) {
		if (p.type != PHONE_MOBILE || strncmp(p.e164, "+86", 3) != 0 ||
		    strlen(p.e164) != 14)
			return 0;
		sb_adds(out, p.e164 + 3);
		return 1;
	}
	sb_adds(out, spec == SPEC_META ? p.e164 + 1 : p.e164);
	return 1;
}

static const struct {
	const char *name, *code;
} countries[] = {
	{ "united states", "us" }, { "united states of america", "us" }, { "usa", "us" },
	{ "america", "us" }, { "china", "cn" }, { "中国", "cn" }, { "prc", "cn" },
	{ "中华人民共和国", "cn" }, { "people's republic of china", "cn" },
	{ "hong kong", "hk" }, { "香港", "hk" }, { "macau", "mo" }, { "macao", "mo" },
	{ "澳门", "mo" }, { "taiwan", "tw" }, { "台湾", "tw" }, { "japan", "jp" },
	{ "日本", "jp" }, { "korea", "kr" }, { "south korea", "kr" }, { "韩国", "kr" },
	{ "united kingdom", "gb" }, { "uk", "gb" }, { "great britain", "gb" },
	{ "英国", "gb" }, { "germany", "de" }, { "德国", "de" }, { "france", "fr" },
	{ "法国", "fr" }, { "singapore", "sg" }, { "新加坡", "sg" }, { "australia", "au" },
	{ "澳大利亚", "au" }, { "canada", "ca" }, { "加拿大", "ca" }, { "美国", "us" },
};

static int norm_country(enum hsh_spec spec, const char *s, size_t n, strbuf *out)
{
	trim(&s, &n);
	filter(out, s, n, LOWER);
	if (out->len == 2 && isalpha((unsigned char)out->buf[0]) &&
	    isalpha((unsigned char)out->buf[1])) {
		/* already a code */
	} else {
		size_t i;
		for (i = 0; i < ARRAY_SIZE(countries); i++)
			if (strcmp(out->buf, countries[i].name) == 0)
				break;
		if (i == ARRAY_SIZE(countries))
			return 0;
		sb_reset(out);
		sb_adds(out, countries[i].code);
	}
	if (spec == SPEC_GOOGLE) {
		out->buf[0] = (char)toupper((unsigned char)out->buf[0]);
		out->buf[1] = (char)toupper((unsigned char)out->buf[1]);
	}
	return 1;
}

static int norm_gender(const char *s, size_t n, strbuf *out)
{
	static const char *const f[] = { "f", "female", "woman", "w", "女", "女性", "女士" };
	static const char *const m[] = { "m", "male", "man", "男", "男性", "先生" };
	trim(&s, &n);
	filter(out, s, n, LOWER);
	for (size_t i = 0; i < ARRAY_SIZE(f); i++)
		if (strcmp(out->buf, f[i]) == 0) {
			sb_reset(out);
			sb_addc(out, 'f');
			return 1;
		}
	for (size_t i = 0; i < ARRAY_SIZE(m); i++)
		if (strcmp(out->buf, m[i]) == 0) {
			sb_reset(out);
			sb_addc(out, 'm');
			return 1;
		}
	return 0;
}

/* YYYY-MM-DD, YYYY/MM/DD, M/D/YYYY (the US order) or YYYYMMDD -> YYYYMMDD. */
static int norm_dob(const char *s, size_t n, strbuf *out)
{
	int part[3] = { 0, 0, 0 }, digits[3] = { 0, 0, 0 }, k = 0;
	int y, m, d;
	trim(&s, &n);
	if (n == 8) {
		for (size_t i = 0; i < 8; i++)
			if (!isdigit((unsigned char)s[i]))
				return 0;
		sb_add(out, s, 8);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (digits[k] >= 4)
				return 0;
			part[k] = part[k] * 10 + (s[i] - '0');
			digits[k]++;
		} else if ((s[i] == '-' || s[i] == '/' || s[i] == '.') && k < 2 && digits[k]) {
			k++;
		} else {
			return 0;
		}
	}
	if (k != 2 || !digits[2])
		return 0;
	if (digits[0] == 4) {
		y = part[0], m = part[1], d = part[2];
	} else if (digits[2] == 4) {
		y = part[2], m = part[0], d = part[1];
	} else {
		return 0;
	}
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	sb_addf(out, "%04d%02d%02d", y, m, d);
	return 1;
}

static int norm_zip(enum hsh_spec spec, const char *s, size_t n, strbuf *out)
{
	trim(&s, &n);
	if (spec == SPEC_GOOGLE) {
		sb_add(out, s, n);
		return n > 0;
	}
	/* US ZIP+4: the first five digits */
	if (n == 10 && s[5] == '-') {
		size_t i;
		for (i = 0; i < 10; i++)
			if (i != 5 && !isdigit((unsigned char)s[i]))
				break;
		if (i == 10)
			n = 5;
	}
	filter(out, s, n, LOWER | DROP_WS);
	{
		size_t j = 0;
		for (size_t i = 0; i < out->len; i++)
			if (out->buf[i] != '-')
				out->buf[j++] = out->buf[i];
		sb_setlen(out, j);
	}
	return out->len > 0;
}

int hsh_normalize(enum hsh_spec spec, enum hsh_kind kind, const char *s, size_t n,
		  const char *region, strbuf *out)
{
	sb_reset(out);
	if (!s)
		return 0;
	switch (kind) {
	case K_EMAIL:
		return norm_email(spec, s, n, out);
	case K_PHONE:
	case K_PHONE11:
		return norm_phone(spec, kind, s, n, region, out);
	case K_GIVEN:
	case K_FAMILY:
		trim(&s, &n);
		filter(out, s, n, LOWER | (spec == SPEC_META ? DROP_PUNCT | DROP_WS : 0));
		break;
	case K_CITY:
	case K_STATE:
		trim(&s, &n);
		filter(out, s, n, LOWER | DROP_WS | DROP_PUNCT | DROP_DIGITS);
		break;
	case K_ZIP:
		return norm_zip(spec, s, n, out);
	case K_COUNTRY:
		return norm_country(spec, s, n, out);
	case K_GENDER:
		return norm_gender(s, n, out);
	case K_DOB:
		return norm_dob(s, n, out);
	case K_IDCARD:
	case K_IDFA:
		trim(&s, &n);
		filter(out, s, n, UPPER | DROP_WS);
		break;
	case K_IMEI:
		trim(&s, &n);
		filter(out, s, n, LOWER | DROP_WS);
		break;
	case K_MAC:
		trim(&s, &n);
		for (size_t i = 0; i < n; i++)
			if (s[i] != ':' && s[i] != '-')
				sb_addc(out, (char)toupper((unsigned char)s[i]));
		break;
	case K_OAID:
		trim(&s, &n);
		sb_add(out, s, n);
		break;
	case K_HANDLE:
		trim(&s, &n);
		if (n && *s == '@')
			s++, n--;
		filter(out, s, n, LOWER);
		break;
	}
	return out->len > 0;
}
