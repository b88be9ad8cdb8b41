/*
 * Masked display values for staff-facing lists: enough to recognise a
 * customer on the phone, not enough to contact or identify one.
 *   phone   138****5678 (first 3 and last 4 digits of a mobile; else the last 4)
 *   name    张*, 欧阳** (the first character), J*** for Latin names
 *   email   a***@qq.com (the first character of the local part)
 *   id_card 370***********1234 (first 3 and last 4)
 *   other   the first character and stars
 */
#include <string.h>

#include "cn_phone.h"
#include "hash.h"
#include "unicode.h"
#include "banned.h"

static void stars(strbuf *out, size_t n)
{
	while (n--)
		sb_addc(out, '*');
}

static size_t first_char(const char *s, size_t n)
{
	int32_t cp;
	size_t k = utf8_decode(s, n, &cp);
	return k ? k : (n ? 1 : 0);
}

void hsh_mask(enum hsh_mask what, const char *s, size_t n, strbuf *out)
{
	char digits[64];
	size_t nd = 0, k;
	const char *at;
	sb_reset(out);
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return;
	switch (what) {
	case MASK_PHONE: {
		struct phone_num p;
		if (cn_phone_parse(s, n, "CN", &p, 1, NULL) == 1 && p.type == PHONE_MOBILE &&
		    strlen(p.national) == 11) {
			sb_add(out, p.national, 3);
			stars(out, 4);
			sb_add(out, p.national + 7, 4);
			return;
		}
	}
		for (size_t i = 0; i < n && nd < sizeof(digits); i++)
			if (s[i] >= '0' && s[i] <= '9')
				digits[nd++] = s[i];
		/* +86 and 0086 prefixes are not part of the number shown */
		if (nd == 13 && digits[0] == '8' && digits[1] == '6' && digits[2] == '1')
			memmove(digits, digits + 2, nd -= 2);
		if (nd == 11 && digits[0] == '1') {
			sb_add(out, digits, 3);
			stars(out, 4);
			sb_add(out, digits + 7, 4);
		} else if (nd > 4) {
			stars(out, nd - 4);
			sb_add(out, digits + nd - 4, 4);
		} else {
			stars(out, nd ? nd : 1);
		}
		return;
	case MASK_EMAIL:
		at = memchr(s, '@', n);
		if (!at || at == s) {
			stars(out, 3);
			return;
		}
		k = first_char(s, (size_t)(at - s));
		sb_add(out, s, k);
		stars(out, 3);
		sb_add(out, at, n - (size_t)(at - s));
		return;
	case MASK_IDCARD:
		if (n >= 8) {
			sb_add(out, s, 3);
			stars(out, n - 7);
			sb_add(out, s + n - 4, 4);
		} else {
			stars(out, n);
		}
		return;
	case MASK_NAME:
	case MASK_OTHER:
		k = first_char(s, n);
		if (utf8_length(s, n) <= 1) {	/* a one-character name shows nothing */
			sb_addc(out, '*');
			return;
		}
		sb_add(out, s, k);
		stars(out, utf8_length(s + k, n - k));
		return;
	}
}
