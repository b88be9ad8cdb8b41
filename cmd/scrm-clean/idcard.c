#include "idcard.h"

#include <string.h>
#include <time.h>

#include "cn_admin.h"
#include "unicode.h"
#include "util.h"

#include "banned.h"

#define ID_MAX 40		/* longer input is not an ID number */

char idcard_check_char(const char *d17)
{
	static const unsigned char w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	unsigned sum = 0;
	for (int i = 0; i < 17; i++) {
		if (d17[i] < '0' || d17[i] > '9')
			return 0;
		sum += (unsigned)(d17[i] - '0') * w[i];
	}
	return "10X98765432"[sum % 11];
}

/* Letters that OCR and typing put for X: x, ×, Cyrillic Х х, Greek Χ χ. */
static int is_x(int32_t cp)
{
	return cp == 'x' || cp == 'X' || cp == 0xd7 || cp == 0x425 || cp == 0x445 ||
	       cp == 0x3a7 || cp == 0x3c7;
}

static int ascii_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * NFKC, then drops spaces and dashes and maps the X look-alikes. Other
 * non-ASCII characters become '?' so that the shape check fails. Returns
 * the length, or ID_MAX when the text is too long to be a number.
 */
static size_t normalise_id(const char *s, size_t n, char *out)
{
	strbuf sb = STRBUF_INIT;
	size_t i = 0, w = 0;
	if (n > 4 * ID_MAX)
		return ID_MAX;
	if (!ascii_only(s, n)) {
		u_normalize(&sb, s, n, U_NFKC | U_DASHES);
		s = sb_str(&sb);
		n = sb.len;
	}
	/* a leading apostrophe is a spreadsheet's "keep as text" mark */
	if (n && s[0] == '\'')
		i = 1;
	while (i < n && w < ID_MAX) {
		int32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (l == 0)
			cp = '?', l = 1;
		i += l;
		if (u_is_space(cp) || cp == '-')
			continue;
		if (is_x(cp))
			out[w++] = 'X';
		else
			out[w++] = cp < 0x80 ? (char)cp : '?';
	}
	sb_release(&sb);
	return i < n ? ID_MAX : w;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	return (int)parse_uint_n(s, n);
}

/*
 * 370212********1233 or 3702121985XXXX1233: '*', or three X other than the
 * check character, among digits. Fills what is still visible.
 */
static int masked(const char *t, size_t n, struct idcard *out)
{
	size_t stars = 0, xs = 0, j;
	if (n != 15 && n != 18)
		return 0;
	for (j = 0; j < n; j++) {
		if (t[j] == '*')
			stars++;
		else if (t[j] == 'X' && !(n == 18 && j == 17))
			xs++;
		else if (!(t[j] >= '0' && t[j] <= '9') && !(n == 18 && j == 17 && t[j] == 'X'))
			return 0;
	}
	if ((stars == 0 && xs < 3) || stars + xs == n)
		return 0;
	if (all_digits(t, 6))
		out->region = num(t, 6);
	if (n == 18 && all_digits(t + 6, 4))
		out->year = num(t + 6, 4);
	else if (n == 15 && all_digits(t + 6, 2))
		out->year = 1900 + num(t + 6, 2);
	j = n == 18 ? 16 : 14;
	if (t[j] >= '0' && t[j] <= '9')
		out->gender = (t[j] - '0') % 2 ? 'M' : 'F';
	return 1;
}

/* ^[1-9]\d{16}[\dX]$ or the legacy ^[1-9]\d{14}$. */
static int good_shape(const char *t, size_t n)
{
	if (n == 15)
		return t[0] != '0' && all_digits(t, 15);
	if (n == 18)
		return t[0] != '0' && all_digits(t, 17) && (all_digits(t + 17, 1) || t[17] == 'X');
	return 0;
}

/*
 * GB 11643-1989 -> 1999: insert the century and add the check character.
 * Sequence codes 996-999 were kept for centenarians: born in the 1800s.
 */
static void convert15(const char *t, char *id)
{
	int seq = num(t + 12, 3);
	memcpy(id, t, 6);
	memcpy(id + 6, seq >= 996 ? "18" : "19", 2);
	memcpy(id + 8, t + 6, 9);
	id[17] = idcard_check_char(id);
	id[18] = '\0';
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int real_date(int y, int m, int d)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && is_leap(y));
}

static int system_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return 99991231;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* Province-level prefixes of GB/T 2260 and the HK/MO/TW permits (section 2.3 step 5). */
static int known_province(int p)
{
	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
	       (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) ||
	       p == 71 || p == 81 || p == 82 || p == 83;
}

/* Runs of ten or more ascending or descending digits (1234567890...). */
static int has_run(const char *d, size_t n)
{
	size_t up = 1, down = 1;
	for (size_t i = 1; i < n; i++) {
		int a = d[i - 1] - '0', b = d[i] - '0';
		up = b == (a + 1) % 10 ? up + 1 : 1;
		down = b == (a + 9) % 10 ? down + 1 : 1;
		if (up >= 10 || down >= 10)
			return 1;
	}
	return 0;
}

/* Placeholders: one digit repeated, counting runs, the standard's own examples. */
static int junk_id(const char *id)
{
	size_t same = 1;
	for (size_t i = 1; i < 17; i++)
		same += id[i] == id[0];
	return same == 17 || has_run(id, 17) || strcmp(id, "11010519491231002X") == 0 ||
	       strcmp(id, "440524188001010014") == 0;
}

int idcard_parse(const char *s, size_t n, int today, struct idcard *out, struct flags *f)
{
	char t[ID_MAX + 1], id[19];
	size_t len;
	int y, m, d, region;

	memset(out, 0, sizeof(*out));
	len = normalise_id(s, n, t);
	if (len == 0)
		return 0;
	t[len] = '\0';
	if (masked(t, len, out)) {
		flag_add(f, "id_card_masked");
		return 0;
	}
	if (!good_shape(t, len)) {
		flag_add(f, "id_card_invalid");
		return 0;
	}
	if (len == 15)
		convert15(t, id);
	else
		memcpy(id, t, 19);
	/* placeholders are worth telling apart from typos, valid or not */
	if (junk_id(id))
		flag_add(f, "id_card_junk");
	if (idcard_check_char(id) != id[17]) {
		flag_add(f, "id_card_bad_checksum");
		return 0;
	}
	if (id[0] == '9') {
		/* 2023 foreign permanent resident: the layout after the 9 is unverified */
		if (len == 15) {
			flag_add(f, "id_card_invalid");
			return 0;
		}
		memcpy(out->id, id, sizeof(out->id));
		out->kind = "foreign_pr_2023";
		return 1;
	}
	if (!known_province(num(id, 2))) {
		flag_add(f, "id_card_invalid");
		return 0;
	}
	if (today <= 0)
		today = system_today();
	y = num(id + 6, 4), m = num(id + 10, 2), d = num(id + 12, 2);
	if (!real_date(y, m, d) || y * 10000 + m * 100 + d < 18800101 ||
	    y * 10000 + m * 100 + d > today) {
		flag_add(f, "id_card_bad_date");
		return 0;
	}

	region = num(id, 6);
	memcpy(out->id, id, sizeof(out->id));
	out->year = y, out->month = m, out->day = d;
	out->gender = (id[16] - '0') % 2 ? 'M' : 'F';
	out->region = region;
	if (region == 810000 || region == 820000 || region == 830000) {
		out->kind = "hmt_residence_permit";
	} else {
		out->kind = "resident";
		if (!cn_admin_existed(region))
			flag_add(f, "id_card_region_unknown");
	}
	if (len == 15) {
		memcpy(out->legacy15, t, 15);
		flag_add(f, "id_card_converted15");
	}
	if (today / 10000 - y - (today % 10000 < m * 100 + d) > 110)
		flag_add(f, "id_card_age_suspect");
	return 1;
}
