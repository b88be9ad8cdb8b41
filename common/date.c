#include "date.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "unicode.h"
#include "util.h"
#include "banned.h"

/*
 * The parser first rewrites the input into a short byte string: digits and
 * ASCII punctuation stay, full-width forms become ASCII, Chinese numerals
 * become digits and the Chinese unit characters become the marker bytes
 * below (never valid ASCII, so they cannot come from the input). This does
 * the part of NFKC that dates need without utf8proc and without malloc.
 */
enum {
	MK_YEAR = 0x81,		/* 年 */
	MK_MONTH = 0x82,	/* 月 */
	MK_DAY = 0x83,		/* 日 号 號 */
	MK_HOUR = 0x84,		/* 时 時 点 點 */
	MK_MIN = 0x85,		/* 分 */
	MK_SEC = 0x86,		/* 秒 */
	MK_AM = 0x87,		/* 上午 */
	MK_PM = 0x88,		/* 下午 */
};

#define DATE_BUF 96
#define NUMERAL_MAX 8
#define TEN (-1)		/* 十 inside a numeral run */

struct canon {
	unsigned char buf[DATE_BUF];
	size_t len;
	int numeral[NUMERAL_MAX];	/* pending run of Chinese numerals */
	int nnumeral;
	int bad;
	int skip_space;		/* after 年 and 月: "2015 年 3 月" */
};

/* is_ascii_digit(), inline: the parser asks it for every byte. */
static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void canon_put(struct canon *c, int byte)
{
	if (byte == ' ' && c->skip_space)
		return;
	c->skip_space = 0;
	if (c->len >= sizeof(c->buf)) {
		c->bad = 1;
		return;
	}
	c->buf[c->len++] = (unsigned char)byte;
}

/* 十二 = 12, 二十一 = 21, 三十 = 30; without 十 the digits are read in a row. */
static void flush_numerals(struct canon *c)
{
	int ten_at = -1, n = c->nnumeral;

	if (n == 0)
		return;
	c->nnumeral = 0;
	for (int i = 0; i < n; i++) {
		if (c->numeral[i] != TEN)
			continue;
		if (ten_at >= 0) {
			c->bad = 1;
			return;
		}
		ten_at = i;
	}
	if (ten_at < 0) {
		for (int i = 0; i < n; i++)
			canon_put(c, '0' + c->numeral[i]);
		return;
	}
	/* at most one digit either side of 十 */
	if (ten_at > 1 || n - ten_at - 1 > 1) {
		c->bad = 1;
		return;
	}
	canon_put(c, '0' + (ten_at == 1 ? c->numeral[0] : 1));
	canon_put(c, '0' + (ten_at + 1 < n ? c->numeral[ten_at + 1] : 0));
}

static void add_numeral(struct canon *c, int v)
{
	if (c->nnumeral >= NUMERAL_MAX) {
		c->bad = 1;
		return;
	}
	c->numeral[c->nnumeral++] = v;
}

/* Value of a Chinese numeral character, TEN for 十, or -2. */
static int numeral_value(int32_t cp)
{
	switch (cp) {
	case 0x3007: case 0x25cb: case 0x96f6: return 0;	/* 〇 ○ 零 */
	case 0x4e00: return 1;
	case 0x4e8c: case 0x4e24: return 2;		/* 二 两 */
	case 0x4e09: return 3;
	case 0x56db: return 4;
	case 0x4e94: return 5;
	case 0x516d: return 6;
	case 0x4e03: return 7;
	case 0x516b: return 8;
	case 0x4e5d: return 9;
	case 0x5341: return TEN;
	}
	return -2;
}

/* Marker byte for a Chinese unit character, or 0. */
static int unit_marker(int32_t cp)
{
	switch (cp) {
	case 0x5e74: return MK_YEAR;
	case 0x6708: return MK_MONTH;
	case 0x65e5: case 0x53f7: case 0x865f: return MK_DAY;
	case 0x65f6: case 0x6642: case 0x70b9: case 0x9ede: return MK_HOUR;
	case 0x5206: return MK_MIN;
	case 0x79d2: return MK_SEC;
	}
	return 0;
}

/* ASCII equivalent of a full-width form, space or dash; -1 if none. */
static int32_t ascii_of(int32_t cp)
{
	if (cp < 0x80)
		return cp;
	if (cp >= 0xff01 && cp <= 0xff5e)
		return cp - 0xfee0;
	if (u_is_space(cp))
		return ' ';
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		return '-';
	return -1;
}

/* 星期四, 礼拜天, 周四 (s is just past cp): length to skip, or 0. */
static size_t weekday_len(const char *s, size_t n, int32_t cp)
{
	int32_t a, d;
	size_t l = 0, m;
	int v;

	if (cp == 0x661f || cp == 0x793c) {
		l = utf8_decode(s, n, &a);
		if (l == 0 || a != (cp == 0x661f ? 0x671f : 0x62dc))
			return 0;
	} else if (cp != 0x5468) {
		return 0;
	}
	m = utf8_decode(s + l, n - l, &d);
	v = m ? numeral_value(d) : -2;
	if (m == 0 || !((v >= 1 && v <= 6) || d == 0x65e5 || d == 0x5929))
		return 0;
	return l + m;
}

/* Drops a weekday and its brackets: the date says it all. */
static size_t skip_weekday(const char *s, size_t n, size_t i, struct canon *c)
{
	while (c->len && (c->buf[c->len - 1] == ' ' || c->buf[c->len - 1] == '('))
		c->len--;
	if (i < n && s[i] == ')')
		i++;
	else if (i + 3 <= n && memcmp(s + i, "\xef\xbc\x89", 3) == 0)
		i += 3;		/* ） */
	canon_put(c, ' ');
	return i;
}

static int canonicalize(const char *s, size_t n, struct canon *c)
{
	size_t i = 0;

	c->len = 0;
	c->nnumeral = 0;
	c->bad = 0;
	c->skip_space = 0;
	while (i < n && !c->bad) {
		int32_t cp, a;
		size_t len, l;
		int v;

		if ((unsigned char)s[i] < 0x80) {
			if (c->nnumeral)
				flush_numerals(c);
			canon_put(c, s[i++]);
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			return 0;
		i += len;
		if ((l = weekday_len(s + i, n - i, cp)) > 0) {
			flush_numerals(c);
			i = skip_weekday(s, n, i + l, c);
			continue;
		}
		if ((v = numeral_value(cp)) != -2) {
			add_numeral(c, v);
			continue;
		}
		flush_numerals(c);
		if ((cp == 0x4e0a || cp == 0x4e0b) && i + 3 <= n &&
		    utf8_decode(s + i, n - i, &a) == 3 && a == 0x5348) {
			canon_put(c, cp == 0x4e0a ? MK_AM : MK_PM);	/* 上午 下午 */
			i += 3;
		} else if ((v = unit_marker(cp)) != 0) {
			while (c->len && c->buf[c->len - 1] == ' ')
				c->len--;
			canon_put(c, v);
			c->skip_space = v == MK_YEAR || v == MK_MONTH;
		} else if ((a = ascii_of(cp)) >= 0) {
			canon_put(c, (int)a);
		} else {
			return 0;
		}
	}
	flush_numerals(c);
	return !c->bad;
}

struct scan {
	const unsigned char *p, *end;
};

static int peek(const struct scan *sc)
{
	return sc->p < sc->end ? *sc->p : -1;
}

static int take(struct scan *sc, int c)
{
	if (peek(sc) != c)
		return 0;
	sc->p++;
	return 1;
}

static void skip_spaces(struct scan *sc)
{
	while (take(sc, ' '))
		;
}

/* Reads a run of digits: its value (when it has at most 9) and length. */
static int number(struct scan *sc, int *val, int *ndigits)
{
	int v = 0, nd = 0;

	while (sc->p < sc->end && is_digit(*sc->p)) {
		if (nd < 9)
			v = v * 10 + (*sc->p - '0');
		nd++;
		sc->p++;
	}
	*val = v;
	*ndigits = nd;
	return nd > 0;
}

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

/* Howard Hinnant's days_from_civil: exact over the whole int range used here. */
long days_from_civil(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int valid_ymd(int y, int m, int d)
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12)
		return 0;
	/* day 0 is month precision */
	return d >= 0 && d <= date_days_in_month(y, m);
}

/* A two-digit year: the date must exist in 19yy or 20yy. */
static int valid_yy(int yy, int m, int d)
{
	return d >= 1 && (valid_ymd(1900 + yy, m, d) || valid_ymd(2000 + yy, m, d));
}

static void set_from_days(struct date_val *out, long days, long secs, int has_time)
{
	civil_from_days(days, &out->year, &out->month, &out->day);
	out->has_time = has_time;
	out->hour = (int)(secs / 3600);
	out->min = (int)(secs / 60 % 60);
	out->sec = (int)(secs % 60);
}

#define EXCEL_MAX 2958465L	/* 9999-12-31 */

static enum date_status excel_to_date(long serial, long secs, int has_time,
				      struct date_val *out)
{
	if (secs >= 86400) {
		serial++;
		secs -= 86400;
	}
	if (serial < 1 || serial > EXCEL_MAX)
		return DATE_INVALID;
	if (serial == 60) {
		/* Lotus 1-2-3 took 1900 for a leap year; Excel kept the bug */
		*out = (struct date_val){ 1900, 2, 29, has_time, 0, 0, 0 };
		out->hour = (int)(secs / 3600);
		out->min = (int)(secs / 60 % 60);
		out->sec = (int)(secs % 60);
		return DATE_OK;
	}
	/* serials after the phantom day are one too high */
	set_from_days(out, days_from_civil(1899, 12, serial < 60 ? 31 : 30) + serial,
		      secs, has_time);
	return DATE_OK;
}

enum date_status date_from_excel(double serial, struct date_val *out)
{
	double whole;
	long secs;

	memset(out, 0, sizeof(*out));
	if (!isfinite(serial) || serial < 1 || serial >= EXCEL_MAX + 1)
		return DATE_INVALID;
	whole = floor(serial);
	secs = lround((serial - whole) * 86400);
	return excel_to_date((long)whole, secs, serial != whole, out);
}

#define CST_OFFSET (8 * 3600)	/* China Standard Time, no DST since 1991 */

enum date_status date_from_unix(long long secs, struct date_val *out)
{
	long long t = secs + CST_OFFSET;
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);

	memset(out, 0, sizeof(*out));
	/* up to 9999-12-31 */
	if (days < days_from_civil(1000, 1, 1) || days > days_from_civil(9999, 12, 31))
		return DATE_INVALID;
	set_from_days(out, (long)days, (long)(t - days * 86400), 1);
	return DATE_OK;
}

/* "42075" or "42075.5": an Excel serial written as digits. */
static enum date_status excel_from_text(const unsigned char *p, size_t nint,
					const unsigned char *frac, size_t nfrac,
					struct date_val *out)
{
	long serial = (long)parse_uint_n((const char *)p, nint);
	long long num = 0, den = 1;

	if (serial < 10000 || serial > 60000)
		return DATE_INVALID;
	for (size_t i = 0; i < nfrac && i < 9; i++) {
		num = num * 10 + (frac[i] - '0');
		den *= 10;
	}
	/* rounded to the second, as Excel displays it */
	return excel_to_date(serial, (long)((num * 86400 * 2 + den) / (2 * den)),
			     frac != NULL, out);
}

static enum date_status compact_date(const unsigned char *p, size_t nd,
				     struct date_val *out)
{
	const char *s = (const char *)p;
	int y = (int)parse_uint_n(s, 4), m = (int)parse_uint_n(s + 4, 2);
	int d = (int)parse_uint_n(s + 6, 2);

	if (!valid_ymd(y, m, d) || d == 0)
		return DATE_INVALID;
	*out = (struct date_val){ y, m, d, 0, 0, 0, 0 };
	if (nd == 14) {
		int h = (int)parse_uint_n(s + 8, 2), mi = (int)parse_uint_n(s + 10, 2);
		int sec = (int)parse_uint_n(s + 12, 2);
		if (h > 23 || mi > 59 || sec > 59)
			return DATE_INVALID;
		out->has_time = 1;
		out->hour = h;
		out->min = mi;
		out->sec = sec;
	}
	return DATE_OK;
}

/* The input is digits, maybe with one fraction: compact dates and serials. */
static enum date_status parse_digits(const unsigned char *p, size_t n,
				     unsigned opts, struct date_val *out)
{
	size_t nint = 0;
	const unsigned char *frac = NULL;
	size_t nfrac = 0;

	while (nint < n && is_digit(p[nint]))
		nint++;
	if (nint < n) {
		frac = p + nint + 1;
		nfrac = n - nint - 1;
		if (nfrac == 0)
			return DATE_INVALID;
		return (opts & DATE_ALLOW_SERIAL) && nint == 5 ?
			excel_from_text(p, nint, frac, nfrac, out) : DATE_INVALID;
	}
	switch (nint) {
	case 8:
	case 14:
		return compact_date(p, nint, out);
	case 6: {
		/* YYMMDD: the century is unknown */
		int yy = (int)parse_uint_n((const char *)p, 2);
		int m = (int)parse_uint_n((const char *)p + 2, 2);
		int d = (int)parse_uint_n((const char *)p + 4, 2);
		return valid_yy(yy, m, d) ? DATE_AMBIGUOUS : DATE_INVALID;
	}
	}
	if (!(opts & DATE_ALLOW_SERIAL))
		return DATE_INVALID;
	if (nint == 5)
		return excel_from_text(p, nint, NULL, 0, out);
	if (nint == 10)
		return date_from_unix(parse_uint_n((const char *)p, 10), out);
	if (nint == 13)
		return date_from_unix(parse_uint_n((const char *)p, 13) / 1000, out);
	return DATE_INVALID;
}

/* ASCII case-insensitive; w is lower case. */
static int take_word(struct scan *sc, const char *w)
{
	size_t n;

	for (n = 0; w[n]; n++) {
		int c;
		if (sc->p + n >= sc->end)
			return 0;
		c = sc->p[n];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != w[n])
			return 0;
	}
	sc->p += n;
	return 1;
}

/* -1: none, 0: AM, 1: PM */
static int take_ampm(struct scan *sc)
{
	if (take(sc, MK_AM) || take_word(sc, "am") || take_word(sc, "a.m."))
		return 0;
	if (take(sc, MK_PM) || take_word(sc, "pm") || take_word(sc, "p.m."))
		return 1;
	return -1;
}

/* Z, +08:00, +0800, +08, -05:00: read and dropped (wall time is kept). */
static int skip_zone(struct scan *sc)
{
	int v, nd;

	if (take(sc, 'Z') || take(sc, 'z'))
		return 1;
	if (!take(sc, '+') && !take(sc, '-'))
		return 1;
	if (!number(sc, &v, &nd) || (nd != 2 && nd != 4))
		return 0;
	if (nd == 2 && take(sc, ':') && (!number(sc, &v, &nd) || nd != 2))
		return 0;
	return 1;
}

/* "10:20", "10:20:30.5", "10时20分30秒", "下午3点", "3:20 PM", then a zone. */
static int parse_time(struct scan *sc, struct date_val *out)
{
	int h, mi = 0, sec = 0, nd, ampm, v;

	ampm = take_ampm(sc);
	skip_spaces(sc);
	if (!number(sc, &h, &nd) || nd > 2)
		return 0;
	if (take(sc, ':')) {
		if (!number(sc, &mi, &nd) || nd != 2)
			return 0;
		if (take(sc, ':')) {
			if (!number(sc, &sec, &nd) || nd != 2)
				return 0;
			if ((take(sc, '.') || take(sc, ',')) && !number(sc, &v, &nd))
				return 0;	/* fraction of a second: dropped */
		}
	} else if (take(sc, MK_HOUR)) {
		if (number(sc, &mi, &nd)) {
			if (nd > 2)
				return 0;
			take(sc, MK_MIN);
			if (number(sc, &sec, &nd) && (nd > 2 || !take(sc, MK_SEC)))
				return 0;
		}
	} else {
		return 0;
	}
	skip_spaces(sc);
	if (ampm < 0)
		ampm = take_ampm(sc);
	skip_spaces(sc);
	if (!skip_zone(sc))
		return 0;
	skip_spaces(sc);
	if (sc->p != sc->end)
		return 0;
	if (ampm >= 0) {
		if (h < 1 || h > 12)
			return 0;
		h = h % 12 + (ampm ? 12 : 0);
	}
	if (h > 23 || mi > 59 || sec > 59)
		return 0;
	out->has_time = 1;
	out->hour = h;
	out->min = mi;
	out->sec = sec;
	return 1;
}

/* After the date: nothing, or a time after a space, a 'T' or a Chinese 日. */
static int parse_rest(struct scan *sc, struct date_val *out)
{
	skip_spaces(sc);
	if (sc->p == sc->end)
		return 1;
	if (!take(sc, 'T'))
		take(sc, 't');
	return parse_time(sc, out);
}

/* 2015年3月12日, 2015年3月 (day 0), 15年3月12日 (ambiguous century). */
static enum date_status parse_chinese(struct scan *sc, int y, int ny,
				      struct date_val *out)
{
	int m, d = 0, nm, nd = 0;

	if (!take(sc, MK_YEAR) || !number(sc, &m, &nm) || nm > 2 || !take(sc, MK_MONTH))
		return DATE_INVALID;
	if (number(sc, &d, &nd)) {
		if (nd > 2 || d == 0)
			return DATE_INVALID;
		take(sc, MK_DAY);
	}
	if (!parse_rest(sc, out) || (nd == 0 && out->has_time))
		return DATE_INVALID;
	if (ny == 2)
		return (nd ? valid_yy(y, m, d) : m >= 1 && m <= 12) ?
			DATE_AMBIGUOUS : DATE_INVALID;
	if (ny != 4 || !valid_ymd(y, m, d))
		return DATE_INVALID;
	out->year = y;
	out->month = m;
	out->day = d;
	return DATE_OK;
}

/* Which of D/M/Y and M/D/Y a date with the year last can be. */
static enum date_status day_month_order(int a, int b, int *m, int *d)
{
	if (a > 12 && b <= 12) {
		*d = a;
		*m = b;
	} else if (b > 12 && a <= 12) {
		*m = a;
		*d = b;
	} else if (a <= 12 && b <= 12) {
		if (a != b)
			return DATE_AMBIGUOUS;
		*m = *d = a;
	} else {
		return DATE_INVALID;
	}
	return DATE_OK;
}

/* 2015-03-12, 2015/3/12, 2015.03.12, 13/04/2015, 2015-03 and the like. */
static enum date_status parse_separated(struct scan *sc, int a, int na,
					struct date_val *out)
{
	int sep = peek(sc), b, c = 0, nb, nc = 0, y, m, d;
	enum date_status st;

	sc->p++;
	if (!number(sc, &b, &nb) || nb > 2)
		return DATE_INVALID;
	if (take(sc, sep)) {
		if (!number(sc, &c, &nc))
			return DATE_INVALID;
	} else if (na != 4 || sep == '.') {
		return DATE_INVALID;
	}
	if (!parse_rest(sc, out) || (nc == 0 && out->has_time))
		return DATE_INVALID;
	if (na == 4 && nc <= 2) {
		y = a, m = b, d = c;
		if (nc && d == 0)
			return DATE_INVALID;
	} else if (na <= 2 && nc == 4) {
		y = c;
		if ((st = day_month_order(a, b, &m, &d)) != DATE_OK)
			return st;
	} else if (na <= 2 && nc == 2) {
		/* some two-digit year: Y/M/D, D/M/Y or M/D/Y, century unknown */
		if (valid_yy(a, b, c) || valid_yy(c, b, a) || valid_yy(c, a, b))
			return DATE_AMBIGUOUS;
		return DATE_INVALID;
	} else {
		return DATE_INVALID;
	}
	if (!valid_ymd(y, m, d))
		return DATE_INVALID;
	out->year = y;
	out->month = m;
	out->day = d;
	return DATE_OK;
}

static int all_digits_or_dot(const unsigned char *p, size_t n)
{
	int dots = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '.')
			dots++;
		else if (!is_digit(p[i]))
			return 0;
	}
	return dots <= 1 && p[0] != '.';
}

static enum date_status parse_canon(const unsigned char *p, size_t n, unsigned opts,
				    struct date_val *out)
{
	struct scan sc = { p, p + n };
	int a, na;

	if (all_digits_or_dot(p, n))
		return parse_digits(p, n, opts, out);
	if (!number(&sc, &a, &na) || na > 4)
		return DATE_INVALID;
	switch (peek(&sc)) {
	case MK_YEAR:
		return parse_chinese(&sc, a, na, out);
	case '-':
	case '/':
	case '.':
		return parse_separated(&sc, a, na, out);
	}
	return DATE_INVALID;
}

enum date_status date_parse(const char *s, size_t n, unsigned opts,
			    struct date_val *out)
{
	struct canon c;
	const unsigned char *p;
	size_t len;
	enum date_status st;

	memset(out, 0, sizeof(*out));
	if (!canonicalize(s, n, &c))
		return DATE_INVALID;
	p = c.buf;
	len = c.len;
	while (len && (*p == ' ' || *p < 0x20)) {
		p++;
		len--;
	}
	while (len && (p[len - 1] == ' ' || p[len - 1] < 0x20))
		len--;
	if (len == 0)
		return DATE_EMPTY;
	st = parse_canon(p, len, opts, out);
	if (st != DATE_OK)
		memset(out, 0, sizeof(*out));
	return st;
}

/* Writes v as width zero-padded digits (a hot path: no printf). */
static char *put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

size_t date_format(const struct date_val *d, char *buf, size_t size)
{
	char tmp[32], *p = tmp;
	size_t n;
	if (d->year < 0 || d->year > 9999)
		return 0;
	p = put_digits(p, d->year, 4);
	*p++ = '-';
	p = put_digits(p, d->month, 2);
	if (d->day != 0) {
		*p++ = '-';
		p = put_digits(p, d->day, 2);
		if (d->has_time) {
			*p++ = 'T';
			p = put_digits(p, d->hour, 2);
			*p++ = ':';
			p = put_digits(p, d->min, 2);
			*p++ = ':';
			p = put_digits(p, d->sec, 2);
		}
	}
	/* snprintf's contract: truncate to fit, return the full length */
	n = (size_t)(p - tmp);
	if (size > 0) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(buf, tmp, k);
		buf[k] = '\0';
	}
	return n;
}

int date_is_placeholder(const struct date_val *d)
{
	static const struct { short y; signed char m, d; } junk[] = {
		{ 1900, 1, 1 }, { 1899, 12, 30 }, { 1899, 12, 31 }, { 1970, 1, 1 },
		{ 0, 0, 0 }, { 1753, 1, 1 }, { 1601, 1, 1 }, { 9999, 12, 31 },
		{ 2000, 1, 1 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(junk); i++)
		if (d->year == junk[i].y && d->month == junk[i].m && d->day == junk[i].d)
			return 1;
	return 0;
}
