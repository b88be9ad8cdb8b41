#include "email.h"

#include <string.h>

#include "unicode.h"
#include "util.h"
#include "banned.h"

#define LOCAL_MAX 64
#define DOMAIN_MAX 253
#define ADDRESS_MAX 254

/* A literal and its length, known at compile time: no strlen() per lookup. */
struct lit {
	const char *s;
	size_t len;
};

#define LIT(s) { s, sizeof(s) - 1 }

/* The big mail providers of §5.2: typo fixes aim at these only. */
static const struct lit known_domains[] = {
	LIT("qq.com"), LIT("vip.qq.com"), LIT("foxmail.com"), LIT("163.com"),
	LIT("126.com"), LIT("yeah.net"), LIT("vip.163.com"), LIT("188.com"),
	LIT("sina.com"), LIT("sina.cn"), LIT("vip.sina.com"), LIT("sohu.com"),
	LIT("139.com"), LIT("189.cn"), LIT("wo.cn"), LIT("aliyun.com"), LIT("21cn.com"),
	LIT("tom.com"), LIT("gmail.com"), LIT("outlook.com"), LIT("hotmail.com"),
	LIT("live.com"), LIT("icloud.com"), LIT("yahoo.com"),
};

/* Written without a TLD so often that appending .com is safe. */
static const struct lit bare_names[] = { LIT("qq"), LIT("163"), LIT("126") };

static const struct lit dead_domains[] = { LIT("yahoo.com.cn"), LIT("yahoo.cn") };

/* Written in the e-mail column instead of an address. */
static const struct lit placeholders[] = {
	LIT("无"), LIT("没有"), LIT("暂无"), LIT("未知"), LIT("不详"), LIT("空"),
	LIT("null"), LIT("none"), LIT("nil"), LIT("n/a"), LIT("na"), LIT("no"),
	LIT("-"), LIT("--"), LIT("/"), LIT("."), LIT("0"), LIT("?"), LIT("x"),
	LIT("xx"), LIT("xxx"),
};

static const struct lit junk_locals[] = {
	LIT("test"), LIT("testing"), LIT("tester"), LIT("ceshi"), LIT("abc"),
	LIT("asdf"), LIT("qwe"), LIT("qwer"), LIT("qwerty"), LIT("none"), LIT("no"),
	LIT("null"), LIT("nil"), LIT("wu"), LIT("example"), LIT("sample"), LIT("demo"),
	LIT("noreply"), LIT("no-reply"), LIT("nobody"),
};

static const struct lit junk_domains[] = {
	LIT("test.com"), LIT("test.cn"), LIT("example.com"), LIT("example.org"),
	LIT("example.net"), LIT("xxx.com"), LIT("abc.com"), LIT("a.com"),
	LIT("aaa.com"), LIT("123.com"), LIT("email.com"), LIT("domain.com"),
};

static int in_list(const char *s, size_t n, const struct lit *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (list[i].len == n && list[i].s[0] == s[0] &&
		    memcmp(s, list[i].s, n) == 0)
			return 1;
	return 0;
}

#define IN_LIST(s, n, list) in_list((s), (n), (list), ARRAY_SIZE(list))

enum edit { EDIT_NONE, EDIT_SUB, EDIT_SWAP, EDIT_DEL, EDIT_INS, EDIT_FAR };

/*
 * How a differs from b, when by at most one edit (Damerau-Levenshtein
 * distance <= 1). *doubled: the one deletion removes a repeated letter
 * (qqq -> qq), the typical short-name slip.
 */
static enum edit one_edit(const char *a, size_t an, const char *b, size_t bn,
			  int *doubled)
{
	size_t i = 0;

	*doubled = 0;
	while (i < an && i < bn && a[i] == b[i])
		i++;
	if (an == bn) {
		if (i == an)
			return EDIT_NONE;
		if (memcmp(a + i + 1, b + i + 1, an - i - 1) == 0)
			return EDIT_SUB;
		if (i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		    memcmp(a + i + 2, b + i + 2, an - i - 2) == 0)
			return EDIT_SWAP;
		return EDIT_FAR;
	}
	if (an == bn + 1 && memcmp(a + i + 1, b + i, bn - i) == 0) {
		*doubled = (i > 0 && a[i] == a[i - 1]) || (i + 1 < an && a[i] == a[i + 1]);
		return EDIT_DEL;
	}
	if (bn == an + 1 && memcmp(a + i, b + i + 1, an - i) == 0)
		return EDIT_INS;
	return EDIT_FAR;
}

static int is_atext(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_ascii_digit(c) ||
	       (c != 0 && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

/* Dot-atom: atext runs joined by single dots. */
static int valid_local(const char *s, size_t n)
{
	if (n == 0 || n > LOCAL_MAX || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.' ? s[i + 1] == '.' : !is_atext((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

/* LDH (or UTF-8 IDN) labels of 1-63 bytes; returns the label count or 0. */
static int count_labels(const char *s, size_t n)
{
	int labels = 0;
	size_t start = 0;

	if (n == 0 || n > DOMAIN_MAX)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = i < n ? (unsigned char)s[i] : '.';
		if (c == '.') {
			size_t len = i - start;
			if (len == 0 || len > 63 || s[start] == '-' || s[i - 1] == '-')
				return 0;
			labels++;
			start = i + 1;
		} else if (!((c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '-' ||
			     c >= 0x80)) {
			return 0;
		}
	}
	return labels;
}

/* The TLD: 2+ letters, an A-label (xn--) or a U-label. */
static int valid_tld(const char *s, size_t n)
{
	const char *dot = s + n;
	size_t len;

	while (dot > s && dot[-1] != '.')
		dot--;
	len = (size_t)(s + n - dot);
	if (len >= 4 && memcmp(dot, "xn--", 4) == 0)
		return 1;
	if ((unsigned char)dot[0] >= 0x80)
		return 1;
	if (len < 2)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!(dot[i] >= 'a' && dot[i] <= 'z'))
			return 0;
	return 1;
}

/* Removes white space, which NFKC made ASCII; the readers rejected NULs. */
static void drop_spaces(strbuf *sb)
{
	size_t j = 0;

	for (size_t i = 0; i < sb->len; i++) {
		char c = sb->buf[i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f')
			sb->buf[j++] = c;
	}
	sb_setlen(sb, j);
}

/* 。 and , (from ，) in the domain are dots typed with a Chinese IME. */
static void fix_domain_dots(strbuf *sb, size_t dom)
{
	size_t j = dom;

	for (size_t i = dom; i < sb->len; i++) {
		if (sb->buf[i] == '\xe3' && i + 3 <= sb->len &&
		    memcmp(sb->buf + i, "\xe3\x80\x82", 3) == 0) {
			sb->buf[j++] = '.';
			i += 2;
		} else {
			sb->buf[j++] = sb->buf[i] == ',' ? '.' : sb->buf[i];
		}
	}
	while (j > dom && sb->buf[j - 1] == '.')
		j--;
	sb_setlen(sb, j);
}

static void replace_domain(strbuf *sb, size_t dom, const char *domain)
{
	sb_setlen(sb, dom);
	sb_adds(sb, domain);
}

/* Length of the name part of a known domain: "vip.qq" of "vip.qq.com". */
static size_t name_len(const struct lit *domain)
{
	size_t i = domain->len;

	while (i > 0 && domain->s[i - 1] != '.')
		i--;
	return i > 0 ? i - 1 : domain->len;
}

/*
 * A TLD slip after a known name (qq.con, 163.cm, gmail.co, qq.com.cn):
 * the name is exact, so the fix is certain when one known TLD is that
 * close. Returns 1 if it fixed, -1 if several fit, 0 if none.
 */
static int fix_tld_slip(strbuf *sb, size_t dom, struct flags *f)
{
	const char *d = sb->buf + dom, *hit = NULL;
	size_t dn = sb->len - dom;
	int hits = 0, doubled;

	for (size_t i = 0; i < ARRAY_SIZE(known_domains); i++) {
		const char *k = known_domains[i].s;
		size_t nl, tl;
		const char *t;
		size_t tn;

		if (d[0] != k[0])
			continue;	/* the name must be exact */
		nl = name_len(&known_domains[i]);
		tl = known_domains[i].len - nl - 1;
		t = d + nl + 1;
		if (dn <= nl + 1 || memcmp(d, k, nl + 1) != 0)
			continue;
		tn = dn - nl - 1;
		if (one_edit(t, tn, k + nl + 1, tl, &doubled) != EDIT_FAR ||
		    (nl == 2 && memcmp(d, "qq", 2) == 0 &&
		     ((tn == 6 && memcmp(t, "com.cn", 6) == 0) || (tn == 2 && memcmp(t, "cn", 2) == 0)))) {
			hit = k;
			hits++;
		}
	}
	if (hits == 1) {
		replace_domain(sb, dom, hit);
		flag_add(f, "email_typo_fixed");
		return 1;
	}
	return hits ? -1 : 0;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ascii_digit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

/*
 * A slip in the name (gmial.com, hotmial.com, sian.com, qqq.com): fixed
 * when exactly one known domain is one edit away and the slip is a safe
 * one. Short names land on other real domains with a single substitution
 * (life.com, 165.com), so for them only a swap or a doubled letter counts.
 */
static void fix_name_slip(strbuf *sb, size_t dom, struct flags *f)
{
	const char *d = sb->buf + dom, *hit = NULL, *dot;
	size_t dn = sb->len - dom, first;
	int hits = 0, safe = 0;

	for (size_t i = 0; i < ARRAY_SIZE(known_domains); i++) {
		int dbl;
		enum edit e = one_edit(d, dn, known_domains[i].s, known_domains[i].len, &dbl);
		if (e == EDIT_FAR || e == EDIT_NONE)
			continue;
		hit = known_domains[i].s;
		hits++;
		safe = e == EDIT_SWAP || (e == EDIT_DEL && dbl);
	}
	if (hits == 0)
		return;
	dot = memchr(d, '.', dn);
	first = dot ? (size_t)(dot - d) : dn;
	if (hits == 1 && !all_digits(d, first) && (first >= 5 || safe)) {
		replace_domain(sb, dom, hit);
		flag_add(f, "email_typo_fixed");
		return;
	}
	flag_add(f, "email_typo_suspect");
}

static void fix_typos(strbuf *sb, size_t dom, struct flags *f)
{
	const char *d = sb->buf + dom;
	size_t dn = sb->len - dom;
	int r;

	if (IN_LIST(d, dn, known_domains))
		return;
	if ((r = fix_tld_slip(sb, dom, f)) != 0) {
		if (r < 0)
			flag_add(f, "email_typo_suspect");
		return;
	}
	fix_name_slip(sb, dom, f);
}

/* 123, 123456, 0123, 1234567890: the digits typed to get past a form. */
static int is_digit_sequence(const char *s, size_t n)
{
	if (n < 3 || !all_digits(s, n))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] != s[i - 1] + 1 && !(s[i - 1] == '9' && s[i] == '0'))
			return 0;
	return 1;
}

static int is_one_char_repeated(const char *s, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (s[i] != s[0])
			return 0;
	return n >= 3;
}

static int is_junk(const char *local, size_t ln, const char *d, size_t dn)
{
	const char *dot = memchr(d, '.', dn);
	size_t first = dot ? (size_t)(dot - d) : dn;

	if (IN_LIST(local, ln, junk_locals) || IN_LIST(d, dn, junk_domains))
		return 1;
	if (is_digit_sequence(local, ln) || is_one_char_repeated(local, ln))
		return 1;
	if (ln <= 3 && ln == first && memcmp(local, d, ln) == 0)
		return 1;	/* a@a.com, abc@abc.cn */
	for (size_t i = 0; i < ln; i++)
		if (local[i] != 'x')
			return 0;
	return 1;		/* x@, xxx@ */
}

/* A numeric local part at QQ mail is a QQ number: [1-9][0-9]{4,10}. */
static int bad_qq_number(const char *local, size_t ln, const char *d, size_t dn)
{
	if (!(dn == 6 && memcmp(d, "qq.com", 6) == 0) &&
	    !(dn == 10 && memcmp(d, "vip.qq.com", 10) == 0))
		return 0;
	if (!all_digits(local, ln))
		return 0;
	return local[0] == '0' || ln < 5 || ln > 11;
}

static int invalid(struct flags *f)
{
	flag_add(f, "email_invalid");
	return 0;
}

int email_normalize(const char *s, size_t n, strbuf *out, struct flags *f)
{
	const char *at;
	size_t dom, ln;
	int labels;

	sb_reset(out);
	u_normalize(out, s, n, U_NFKC | U_CASEFOLD);
	drop_spaces(out);
	if (out->len == 0)
		return 0;
	if (IN_LIST(out->buf, out->len, placeholders)) {
		flag_add(f, "email_junk");
		return 0;
	}
	if (out->len >= 7 && memcmp(out->buf, "mailto:", 7) == 0) {
		memmove(out->buf, out->buf + 7, out->len - 7);
		sb_setlen(out, out->len - 7);
	}
	at = memchr(out->buf, '@', out->len);
	if (!at || memchr(at + 1, '@', out->len - (size_t)(at - out->buf) - 1))
		return invalid(f);
	ln = (size_t)(at - out->buf);
	dom = ln + 1;
	fix_domain_dots(out, dom);
	if (!valid_local(out->buf, ln))
		return invalid(f);
	labels = count_labels(out->buf + dom, out->len - dom);
	if (labels == 0)
		return invalid(f);
	if (labels == 1) {
		if (!IN_LIST(out->buf + dom, out->len - dom, bare_names))
			return invalid(f);
		sb_adds(out, ".com");
		flag_add(f, "email_typo_fixed");
	}
	if (IN_LIST(out->buf + dom, out->len - dom, dead_domains))
		flag_add(f, "email_dead_domain");
	else
		fix_typos(out, dom, f);
	if (!valid_tld(out->buf + dom, out->len - dom) || out->len > ADDRESS_MAX)
		return invalid(f);
	if (bad_qq_number(out->buf, ln, out->buf + dom, out->len - dom))
		flag_add(f, "email_qq_invalid");
	if (is_junk(out->buf, ln, out->buf + dom, out->len - dom))
		flag_add(f, "email_junk");
	return 1;
}
