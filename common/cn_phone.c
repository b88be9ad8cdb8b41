/*
 * Phone-number normaliser (cn-cleaning-rules.md section 1).
 *
 * A field is normalised (NFKC, dashes) only when it holds non-ASCII bytes,
 * split into parts when every part is a number on its own, and each part
 * goes through: label/tel: strip, digit scan, international or bare-86
 * prefix, trunk/IP prefix, classification, then extension and mask
 * fallbacks when the whole part is not a number. Results go to a caller's
 * array; nothing is allocated for ASCII input.
 */
#include "cn_phone.h"

#include <stdio.h>
#include <string.h>

#include "unicode.h"
#include "util.h"

#include "banned.h"

#define FIELD_MAX 1024		/* a longer field is not a phone number */
#define DIGITS_MAX 32
#define PARTS_MAX 8
#define EXT_MAX 6

struct span {
	const char *s;
	size_t n;
};

/* Numbering plan of a region, for numbers written without a country code. */
struct plan {
	char iso[3];
	unsigned short cc;
	char trunk;		/* national prefix dropped before the NSN, or 0 */
	unsigned char min, max;	/* length of the national significant number */
	const char *first;	/* digits an NSN may start with */
};

/*
 * A small table, enough to validate the regions customers of a Chinese
 * firm write most (section 1.4). Other calling codes are accepted with
 * phone_intl_unverified. NANP also needs its exchange digit checked.
 */
static const struct plan plans[] = {
	{ "CN", 86, '0', 0, 0, NULL },	/* classify_cn() */
	{ "HK", 852, 0, 8, 8, "23456789" },
	{ "MO", 853, 0, 8, 8, "268" },
	{ "TW", 886, '0', 8, 9, "23456789" },
	{ "US", 1, '1', 10, 10, "23456789" },
	{ "CA", 1, '1', 10, 10, "23456789" },
	{ "GB", 44, '0', 9, 10, "1235789" },
	{ "SG", 65, 0, 8, 8, "3689" },
	{ "JP", 81, '0', 9, 10, "123456789" },
	{ "KR", 82, '0', 8, 10, "12345678" },
	{ "AU", 61, '0', 9, 9, "23478" },
};

/*
 * Assigned ITU-T E.164 country calling codes (the list is prefix-free, so
 * the first match on 1, 2 then 3 digits is the code), in ascending order
 * for a binary search.
 */
static const unsigned short calling_codes[] = {
	1, 7,
	20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
	51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84,
	86, 90, 91, 92, 93, 94, 95, 98,
	211, 212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228,
	229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242,
	243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, 256,
	257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291,
	297, 298, 299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370,
	371, 372, 373, 374, 375, 376, 377, 378, 379, 380, 381, 382, 383, 385,
	386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505, 506, 507,
	508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672,
	673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 685, 686, 687,
	688, 689, 690, 691, 692, 800, 808, 850, 852, 853, 855, 856, 870, 878,
	880, 881, 882, 883, 886, 888, 960, 961, 962, 963, 964, 965, 966, 967,
	968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995,
	996, 998,
};

/*
 * Mainland mobile blocks 130..199 (section 1.1), one letter each:
 * M voice, V MVNO, D data card, S decided on 4-5 digits, - unallocated.
 */
static const char mobile_blocks[] =
	"MMMMSMMMMM"	/* 130-139: 1349 satellite */
	"-----D-D-S"	/* 140-149: 145/147 data cards, 149 flagged */
	"MMMM-MMMMM"	/* 150-159: 154 unallocated */
	"-SV--VMV--"	/* 160-169: only 1610 of 161 */
	"VVMMSMMMM-"	/* 170-179: 174 by sub-block */
	"MMMMMMMMMM"	/* 180-189 */
	"MMMM-MMMMM";	/* 190-199: 194 unallocated */

/* Placeholders typed when the real number is unknown (section 1.5). */
#define DIGITS(s) { s, sizeof(s) - 1 }

static const struct {
	const char *d;
	size_t len;	/* no strlen() for each number checked */
} placeholders[] = {
	DIGITS("13800138000"), DIGITS("13888888888"), DIGITS("13900000000"),
	DIGITS("13000000000"), DIGITS("18888888888"), DIGITS("13012345678"),
	DIGITS("13800000000"), DIGITS("12345678901"), DIGITS("11111111111"),
	DIGITS("00000000000"),
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static struct span trim(struct span t)
{
	while (t.n && is_blank_char(t.s[0]))
		t.s++, t.n--;
	while (t.n && is_blank_char(t.s[t.n - 1]))
		t.n--;
	return t;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* ASCII case-insensitive: does t hold word at offset i? */
static int word_at(struct span t, size_t i, const char *word)
{
	for (size_t k = 0; word[k]; k++)
		if (i + k >= t.n || ascii_lower(t.s[i + k]) != word[k])
			return 0;
	return 1;
}

static void flags_merge(struct flags *dst, const struct flags *src)
{
	if (!dst)
		return;
	for (int i = 0; i < src->n; i++)
		flag_add(dst, src->v[i]);
}

/* Copies n bytes into a fixed field, always terminated. */
static void set_field(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void set_e164(struct phone_num *p, const char *cc, const char *nsn, size_t n)
{
	size_t cl = strlen(cc);
	if (1 + cl + n >= sizeof(p->e164)) {
		p->e164[0] = '\0';
		return;
	}
	p->e164[0] = '+';
	memcpy(p->e164 + 1, cc, cl);
	memcpy(p->e164 + 1 + cl, nsn, n);
	p->e164[1 + cl + n] = '\0';
}

static void set_country(struct phone_num *p, const char *iso)
{
	memcpy(p->country, iso, 2);
	p->country[2] = '\0';
}

static enum phone_type set_invalid(struct phone_num *p, struct flags *f)
{
	memset(p, 0, sizeof(*p));
	p->type = PHONE_INVALID;
	flag_add(f, "phone_invalid");
	return PHONE_INVALID;
}

static const struct cn_area_code *area_lookup(const char *d, size_t n);

/* ---- fake and wrong-field heuristics (section 1.5) ---- */

static int all_same(const char *d, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (d[i] != d[0])
			return 0;
	return n > 0;
}

/* Longest run of digits going up or down by one. */
static size_t longest_run(const char *d, size_t n)
{
	size_t best = n ? 1 : 0, up = 1, down = 1;
	for (size_t i = 1; i < n; i++) {
		up = d[i] == d[i - 1] + 1 ? up + 1 : 1;
		down = d[i] == d[i - 1] - 1 ? down + 1 : 1;
		if (up > best)
			best = up;
		if (down > best)
			best = down;
	}
	return best;
}

static size_t most_frequent_count(const char *d, size_t n)
{
	size_t count[10] = { 0 }, best = 0;
	for (size_t i = 0; i < n; i++)
		if (is_digit(d[i]) && ++count[d[i] - '0'] > best)
			best = count[d[i] - '0'];
	return best;
}

/* A 2-4 digit motif repeated over all of d (12121212, 12341234). */
static int repeated_motif(const char *d, size_t n)
{
	for (size_t period = 2; period <= 4; period++) {
		size_t i = period;
		while (i < n && d[i] == d[i - period])
			i++;
		if (i == n && !all_same(d, period))
			return 1;
	}
	return 0;
}

static int is_placeholder(const char *d, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++)
		if (n == placeholders[i].len && memcmp(d, placeholders[i].d, n) == 0)
			return 1;
	return 0;
}

/* d: 11-digit mobile NSN; its subscriber part is the last 8 digits. */
static int fake_mobile(const char *d)
{
	const char *sub = d + 3;
	if (is_placeholder(d, 11) || all_same(sub, 8) || most_frequent_count(d, 11) >= 8 ||
	    longest_run(d, 11) >= 7 || repeated_motif(sub, 8))
		return 1;
	/* trailing 0000 counts only with another pattern in the middle block */
	return memcmp(sub + 4, "0000", 4) == 0 && (all_same(sub, 4) || longest_run(sub, 4) == 4);
}

/* A landline local part or a number without an area code. */
static int fake_local(const char *d, size_t n)
{
	return n >= 7 && (all_same(d, n) || longest_run(d, n) >= 7);
}

/* Any digit string that did not parse. */
static int fake_digits(const char *d, size_t n)
{
	return is_placeholder(d, n) || fake_local(d, n);
}

static int in_range(const char *d, size_t n, long long lo, long long hi)
{
	long long v = parse_uint_n(d, n);
	return v >= lo && v <= hi;
}

/* YYYYMMDD, as a birth or order date typed into a phone field. */
static int date_like(const char *d, size_t n)
{
	return n == 8 && in_range(d, 4, 1900, 2099) && in_range(d + 4, 2, 1, 12) &&
	       in_range(d + 6, 2, 1, 31);
}

/* An 18-digit (or 17 + X) or 15-digit ID number: region, then birth date. */
static int id_like(const char *d, size_t n, int x)
{
	if (d[0] < '1' || d[0] > '8')
		return 0;
	if (n + (size_t)x == 18)
		return date_like(d + 6, 8);
	if (n == 15 && !x)
		return in_range(d + 8, 2, 1, 12) && in_range(d + 10, 2, 1, 31);
	return 0;
}

/* 5-10 digits not starting with 0: a QQ number rather than a phone. */
static int qq_like(const char *d, size_t n)
{
	if (n < 5 || n > 10 || d[0] == '0')
		return 0;
	/* ten digits 1[3-9]... is a mobile with a digit missing */
	return !(n == 10 && d[0] == '1' && d[1] >= '3');
}

int cn_phone_is_fake(const char *e164)
{
	const char *d = e164;
	size_t n;
	if (!d)
		return 0;
	if (d[0] == '+') {
		if (d[1] != '8' || d[2] != '6')
			return 0;
		d += 3;
	}
	n = strlen(d);
	if (n == 0 || digit_run(d) != n)
		return 0;
	if (n == 11 && d[0] == '1')
		return fake_mobile(d);
	if (n >= 9 && n <= 11 && d[0] != '0') {
		const struct cn_area_code *a = area_lookup(d, n);
		if (a && n > a->code_digits)
			return fake_local(d + a->code_digits, n - a->code_digits);
	}
	return fake_digits(d, n);
}

/* ---- reference tables ---- */

/*
 * Both tables are sorted by (digits, prefix); one number orders them the
 * same way, and a plain binary search on it needs no comparison callback.
 */
static unsigned long table_key(unsigned digits, unsigned short prefix)
{
	return (unsigned long)digits << 16 | prefix;
}

static const struct cn_area_code *area_find(unsigned digits, unsigned short prefix)
{
	unsigned long key = table_key(digits, prefix);
	size_t lo = 0, hi = cn_area_codes_len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct cn_area_code *a = &cn_area_codes[mid];
		unsigned long k = table_key(a->digits, a->prefix);
		if (k == key)
			return a;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct cn_carrier_prefix *carrier_find(unsigned digits,
						     unsigned short prefix)
{
	unsigned long key = table_key(digits, prefix);
	size_t lo = 0, hi = cn_carrier_prefixes_len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct cn_carrier_prefix *c = &cn_carrier_prefixes[mid];
		unsigned long k = table_key(c->digits, c->prefix);
		if (k == key)
			return c;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Longest area code at d (the digits after the trunk 0). */
static const struct cn_area_code *area_lookup(const char *d, size_t n)
{
	for (unsigned digits = 3; digits >= 2; digits--) {
		const struct cn_area_code *a;
		if (n < digits)
			continue;
		a = area_find(digits, (unsigned short)parse_uint_n(d, digits));
		if (a)
			return a;
	}
	return NULL;
}

static const char *carrier_lookup(const char *d)
{
	for (unsigned digits = 4; digits >= 2; digits--) {
		const struct cn_carrier_prefix *c =
			carrier_find(digits, (unsigned short)parse_uint_n(d, digits));
		if (c)
			return c->carrier;
	}
	return NULL;
}

static int is_calling_code(long long cc)
{
	size_t lo = 0, hi = ARRAY_SIZE(calling_codes);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (calling_codes[mid] == cc)
			return 1;
		if (calling_codes[mid] < cc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Length of the calling code at d, or 0 when no assigned code starts d. */
static size_t calling_code_len(const char *d, size_t n)
{
	for (size_t len = 1; len <= 3 && len < n; len++)
		if (is_calling_code(parse_uint_n(d, len)))
			return len;
	return 0;
}

static const struct plan *plan_by_cc(long long cc)
{
	for (size_t i = 0; i < ARRAY_SIZE(plans); i++)
		if (plans[i].cc == cc)
			return &plans[i];
	return NULL;
}

/* Plan of a region code; CN when NULL or empty, NULL when unknown. */
static const struct plan *plan_by_region(const char *region)
{
	if (!region || !*region)
		return &plans[0];
	for (size_t i = 0; i < ARRAY_SIZE(plans); i++)
		if (ascii_ieq(region, plans[i].iso))
			return &plans[i];
	return NULL;
}

static int plan_accepts(const struct plan *pl, const char *nsn, size_t n)
{
	if (n < pl->min || n > pl->max || !strchr(pl->first, nsn[0]))
		return 0;
	/* NANP: the exchange code starts with 2-9 as the area code does */
	return pl->cc != 1 || (nsn[3] >= '2' && nsn[3] <= '9');
}

/* ---- mainland classification (section 1.3 step 7) ---- */

/* Fills the fields every mainland result shares. */
static enum phone_type set_cn(struct phone_num *p, enum phone_type type,
			      const char *nsn, size_t n, int with_e164)
{
	memset(p, 0, sizeof(*p));
	p->type = type;
	set_field(p->national, sizeof(p->national), nsn, n);
	set_country(p, "CN");
	if (with_e164)
		set_e164(p, "86", nsn, n);
	return type;
}

/*
 * The blocks of 134, 149, 161 and 174 that are decided on the 4th or 5th
 * digit. Returns 0 for an unallocated sub-block.
 */
static int special_block(const char *d, struct phone_num *p, struct flags *f)
{
	switch ((d[1] - '0') * 10 + (d[2] - '0')) {
	case 34:
		if (d[3] == '9')
			p->subtype = "satellite";
		return 1;
	case 49:
		p->subtype = "data_card";
		flag_add(f, "phone_data_card");
		return 1;
	case 61:
		return d[3] == '0';
	case 74:
		if (d[3] == '0' && d[4] <= '5') {
			p->subtype = "satellite";
			return 1;
		}
		if ((d[3] == '0' && d[4] >= '6') || (d[3] == '1' && d[4] <= '2')) {
			/* MIIT emergency communications: not a consumer line */
			p->subtype = "special_service";
			p->carrier = NULL;
			flag_add(f, "phone_special_service");
			return 1;
		}
		if (d[3] == '9') {
			/* maritime satellite, not a basic operator's line */
			p->subtype = "satellite";
			p->carrier = NULL;
			flag_add(f, "phone_satellite");
			return 1;
		}
		return 0;
	}
	return 0;
}

static enum phone_type classify_mobile(const char *d, size_t n, struct phone_num *p,
				       struct flags *f)
{
	struct flags bf;	/* only n needs a value: no 400-byte clear */
	char block;
	flags_clear(&bf);
	if (n != 11 || d[0] != '1' || d[1] < '3')
		return set_invalid(p, f);
	block = mobile_blocks[(d[1] - '3') * 10 + (d[2] - '0')];
	set_cn(p, PHONE_MOBILE, d, n, 1);
	p->carrier = carrier_lookup(d);
	switch (block) {
	case 'V':
		p->subtype = "mvno";
		break;
	case 'D':
		p->subtype = "data_card";
		break;
	case 'S':
		if (!special_block(d, p, &bf))
			return set_invalid(p, f);
		break;
	case 'M':
		break;
	default:
		return set_invalid(p, f);
	}
	flags_merge(f, &bf);
	if (fake_mobile(d))
		flag_add(f, "phone_fake");
	return PHONE_MOBILE;
}

/* d: area code and local number, without the trunk 0. */
static enum phone_type classify_landline(const char *d, size_t n, struct phone_num *p,
					 struct flags *f)
{
	const struct cn_area_code *a = area_lookup(d, n);
	const char *local;
	size_t local_len;
	if (!a || d[0] == '0' || n <= a->code_digits)
		return set_invalid(p, f);
	local = d + a->code_digits;
	local_len = n - a->code_digits;
	if (a->code_digits == 2 ? local_len != 8 : local_len < 7 || local_len > 8)
		return set_invalid(p, f);
	set_cn(p, PHONE_LANDLINE, d, n, 1);
	p->place = a->place;
	/* upstream libphonenumber accepts some of these: flag, don't reject */
	if (local[0] == '0' || local[0] == '1')
		flag_add(f, "landline_suspect");
	if (fake_local(local, local_len))
		flag_add(f, "phone_fake");
	return PHONE_LANDLINE;
}

static int is_hotline(const char *d, size_t n)
{
	return n == 10 && (memcmp(d, "400", 3) == 0 || memcmp(d, "800", 3) == 0);
}

static int is_iot(const char *d, size_t n)
{
	return n == 13 && d[0] == '1' &&
	       ((d[1] == '4' && strchr("014678", d[2])) || memcmp(d, "1064", 4) == 0);
}

/* 110/119/120..., 95xxx, 96xxx, 100xx, 12xxx: short codes, never a customer. */
static int is_service(const char *d, size_t n)
{
	static const char *const emergency[] = {
		"110", "112", "114", "117", "119", "120", "121", "122",
	};
	int nine = d[0] == '9' && (d[1] == '5' || d[1] == '6');
	if (n == 3) {
		for (size_t i = 0; i < ARRAY_SIZE(emergency); i++)
			if (memcmp(d, emergency[i], 3) == 0)
				return 1;
		return 0;
	}
	if (n == 5)
		return nine || (d[0] == '1' && d[1] >= '0' && d[1] <= '2');
	return n == 6 && nine;
}

/* IP-dialling prefix 1(?:[12]\d|79)\d\d (libphonenumber's CN national prefix for parsing). */
static int is_ip_prefix(const char *d)
{
	return d[0] == '1' && (d[1] == '1' || d[1] == '2' || (d[1] == '7' && d[2] == '9'));
}

static enum phone_type classify_cn(const char *d, size_t n, int after_cc,
				   struct phone_num *p, struct flags *f);

#define WANT(t) (1u << (t))

/* Tries a reading of d; p and f change only if its type is one of want. */
static int try_classify(const char *d, size_t n, int after_cc, unsigned want,
			struct phone_num *p, struct flags *f)
{
	struct phone_num tmp;
	struct flags tf;
	flags_clear(&tf);
	if (!(want & WANT(classify_cn(d, n, after_cc, &tmp, &tf))))
		return 0;
	*p = tmp;
	flags_merge(f, &tf);
	return 1;
}

static int try_landline(const char *d, size_t n, struct phone_num *p, struct flags *f)
{
	struct phone_num tmp;
	struct flags tf;
	flags_clear(&tf);
	if (classify_landline(d, n, &tmp, &tf) != PHONE_LANDLINE)
		return 0;
	*p = tmp;
	flags_merge(f, &tf);
	return 1;
}

/*
 * Classifies a mainland national number d (section 1.3 steps 6-7).
 * after_cc: d followed +86, so the area code may come without its 0.
 */
static enum phone_type classify_cn(const char *d, size_t n, int after_cc,
				   struct phone_num *p, struct flags *f)
{
	if (n == 0)
		return set_invalid(p, f);
	if (d[0] == '0') {
		/* trunk 0: before a mobile (0139...) or an area code (010, 0532) */
		if (n >= 3 && d[1] == '1' && d[2] != '0')
			return classify_mobile(d + 1, n - 1, p, f);
		return classify_landline(d + 1, n - 1, p, f);
	}
	if (is_hotline(d, n)) {
		set_cn(p, PHONE_HOTLINE, d, n, 1);
		flag_add(f, "phone_hotline");
		return PHONE_HOTLINE;
	}
	if (n == 11 && d[0] == '1')
		return classify_mobile(d, n, p, f);
	if (is_iot(d, n)) {
		set_cn(p, PHONE_IOT, d, n, 1);
		p->subtype = "iot";
		flag_add(f, "phone_iot");
		return PHONE_IOT;
	}
	/* after +86 the area code comes without its 0: +86 532 88881234 */
	if (after_cc && n >= 9 && n <= 11 && (d[0] != '1' || d[1] == '0') &&
	    try_landline(d, n, p, f))
		return PHONE_LANDLINE;
	if ((n == 16 || n == 17) && is_ip_prefix(d) &&
	    try_classify(d + 5, n - 5, 0, WANT(PHONE_MOBILE) | WANT(PHONE_LANDLINE), p, f))
		return p->type;
	if (is_service(d, n)) {
		set_cn(p, PHONE_SERVICE, d, n, 0);
		flag_add(f, "phone_service_number");
		return PHONE_SERVICE;
	}
	if ((n == 7 || n == 8) && d[0] >= '2') {
		set_cn(p, PHONE_LOCAL_ONLY, d, n, 0);
		flag_add(f, "phone_local_only");
		if (fake_local(d, n))
			flag_add(f, "phone_fake");
		if (date_like(d, n))
			flag_add(f, "phone_wrong_field");
		return PHONE_LOCAL_ONLY;
	}
	return set_invalid(p, f);
}

/* ---- digit scanning and prefixes (section 1.3 steps 4-5) ---- */

struct digits {
	char d[DIGITS_MAX + 1];
	size_t len;
	int plus;		/* a leading + */
	int id_x;		/* a final X after 17 digits: an ID number */
};

static int intl_prefixed(const struct digits *dg)
{
	return dg->plus || (dg->len >= 2 && dg->d[0] == '0' && dg->d[1] == '0');
}

/*
 * Collects the digits of t. Returns 0 when t holds anything but digits,
 * one leading +, the separators of a written number, a "(0)" after a
 * country code (dropped) or the X of an ID number.
 */
static int scan_digits(struct span t, struct digits *dg)
{
	dg->len = 0;
	dg->plus = dg->id_x = 0;
	for (size_t i = 0; i < t.n; i++) {
		char c = t.s[i];
		if (is_digit(c)) {
			if (dg->len == DIGITS_MAX)
				return 0;
			dg->d[dg->len++] = c;
		} else if (c == '+' && dg->len == 0 && !dg->plus) {
			dg->plus = 1;
		} else if (c == '(' && i + 2 < t.n && t.s[i + 1] == '0' && t.s[i + 2] == ')' &&
			   intl_prefixed(dg)) {
			i += 2;
		} else if ((c == 'X' || c == 'x') && dg->len == 17 && i + 1 == t.n) {
			dg->id_x = 1;
		} else if (!(is_blank_char(c) || c == '-' || c == '.' || c == '(' || c == ')' ||
			     c == '/')) {
			return 0;
		}
	}
	dg->d[dg->len] = '\0';
	return dg->len > 0;
}

static enum phone_type set_intl(struct phone_num *p, const char *cc, size_t cc_len,
				const char *nsn, size_t n, const char *iso)
{
	char code[4];
	memset(p, 0, sizeof(*p));
	set_field(code, sizeof(code), cc, cc_len);
	p->type = PHONE_INTL;
	set_e164(p, code, nsn, n);
	set_field(p->national, sizeof(p->national), nsn, n);
	if (iso)
		set_country(p, iso);
	return PHONE_INTL;
}

/* d: the digits after + or 00 (section 1.3 step 5). */
static enum phone_type parse_intl(const char *d, size_t n, struct phone_num *p, struct flags *f)
{
	size_t cl = calling_code_len(d, n);
	const char *nsn = d + cl;
	size_t nl = n - cl;
	const struct plan *pl;
	if (cl == 0)
		return set_invalid(p, f);
	pl = plan_by_cc(parse_uint_n(d, cl));
	if (pl && pl->cc == 86)
		return classify_cn(nsn, nl, 1, p, f);
	if (pl) {
		/* "+44 020 ..." : the trunk 0 does not belong after the code */
		if (pl->trunk == '0' && nl && nsn[0] == '0')
			nsn++, nl--;
		if (!plan_accepts(pl, nsn, nl))
			return set_invalid(p, f);
		return set_intl(p, d, cl, nsn, nl, pl->iso);
	}
	if (n < 7 || n > 15)
		return set_invalid(p, f);
	flag_add(f, "phone_intl_unverified");
	return set_intl(p, d, cl, nsn, nl, NULL);
}

/*
 * Bare 86 (section 1.3 step 5): stripped only when a mobile or a complete
 * landline remains, so an 8-digit local 86xxxxxx keeps its digits.
 */
static int strip_bare_86(const struct digits *dg, struct phone_num *p, struct flags *f)
{
	const char *rest = dg->d + 2;
	size_t n = dg->len - 2;
	if (dg->len < 12 || dg->d[0] != '8' || dg->d[1] != '6')
		return 0;
	if (n == 11 && rest[0] == '1')
		return try_classify(rest, n, 1, WANT(PHONE_MOBILE), p, f);
	return n <= 12 && try_classify(rest, n, 1, WANT(PHONE_LANDLINE), p, f);
}

/* A mainland number written without a country code. */
static enum phone_type parse_cn_national(const struct digits *dg, struct phone_num *p,
					 struct flags *f)
{
	if (!dg->id_x && strip_bare_86(dg, p, f))
		return p->type;
	if (!dg->id_x && classify_cn(dg->d, dg->len, 0, p, f) != PHONE_INVALID)
		return p->type;
	set_invalid(p, f);
	set_field(p->national, sizeof(p->national), dg->d, dg->len);
	if (id_like(dg->d, dg->len, dg->id_x) || qq_like(dg->d, dg->len))
		flag_add(f, "phone_wrong_field");
	return PHONE_INVALID;
}


/* A number written without a country code in a region other than CN. */
static enum phone_type parse_region(const struct plan *home, const struct digits *dg,
				    struct phone_num *p, struct flags *f)
{
	const char *nsn = dg->d;
	size_t n = dg->len;
	if (home) {
		char cc[8];
		/* NANP writes its trunk 1 before all ten digits: 1 (650) 555-1212 */
		if (home->trunk && nsn[0] == home->trunk && (home->trunk == '0' || n > home->max))
			nsn++, n--;
		if (plan_accepts(home, nsn, n)) {
			int cl = snprintf(cc, sizeof(cc), "%u", (unsigned)home->cc);
			return set_intl(p, cc, (size_t)cl, nsn, n, home->iso);
		}
	}
	/* a mainland mobile is unmistakable wherever the record comes from */
	if (dg->len == 11 && try_classify(dg->d, dg->len, 0, WANT(PHONE_MOBILE), p, f))
		return PHONE_MOBILE;
	if (!home)
		flag_add(f, "phone_intl_unverified");
	return set_invalid(p, f);
}

/* One number without an extension; home is NULL for an unknown region. */
static enum phone_type parse_number(struct span t, const struct plan *home,
				    struct phone_num *p, struct flags *f)
{
	struct digits dg;
	enum phone_type type;
	if (!scan_digits(t, &dg))
		return set_invalid(p, f);
	if (intl_prefixed(&dg)) {
		size_t skip = dg.plus ? 0 : 2;
		type = parse_intl(dg.d + skip, dg.len - skip, p, f);
	} else if (home && home->cc == 86) {
		type = parse_cn_national(&dg, p, f);
	} else {
		type = parse_region(home, &dg, p, f);
	}
	if (type == PHONE_INVALID && fake_digits(dg.d, dg.len))
		flag_add(f, "phone_fake");
	return type;
}

/* ---- masked numbers and extensions (sections 1.3 step 3, 1.5) ---- */

/* Length of the mask character at s: * x X × ● • ○, else 0. */
static size_t mask_char(const char *s, size_t n)
{
	static const char *const wide[] = { "\xc3\x97", "\xe2\x97\x8f", "\xe2\x80\xa2",
					    "\xe2\x97\x8b" };
	if (s[0] == '*' || s[0] == 'x' || s[0] == 'X')
		return 1;
	if ((unsigned char)s[0] < 0x80)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(wide); i++) {
		size_t len = strlen(wide[i]);
		if (len <= n && memcmp(s, wide[i], len) == 0)
			return len;
	}
	return 0;
}

/*
 * 139****5678, 139xxxx5678, 0532-8888****: digits with masked positions,
 * as e-commerce exports show them. national keeps the form, with '*'.
 */
static enum phone_type parse_masked(struct span t, struct phone_num *p, struct flags *f)
{
	char m[DIGITS_MAX + 1];
	size_t len = 0, masks = 0, xs = 0, shown = 0, skip = 0;
	int plus = 0;
	for (size_t i = 0; i < t.n;) {
		size_t ml = mask_char(t.s + i, t.n - i);
		char c = t.s[i];
		if (len == DIGITS_MAX)
			return PHONE_INVALID;
		if (ml) {
			m[len++] = '*';
			masks++;
			xs += c == 'x' || c == 'X';
			i += ml;
			continue;
		}
		if (is_digit(c))
			m[len++] = c, shown++;
		else if (c == '+' && len == 0 && !plus)
			plus = 1;
		else if (!(is_blank_char(c) || c == '-' || c == '.' || c == '(' || c == ')'))
			return PHONE_INVALID;
		i++;
	}
	/* one x is a typo or an extension marker, not a mask */
	if (masks == 0 || (masks == xs && xs < 2))
		return PHONE_INVALID;
	if (len >= 4 && memcmp(m, "0086", 4) == 0)
		skip = 4;
	else if (len >= 2 && memcmp(m, "86", 2) == 0 && (plus || len == 13))
		skip = 2;
	len -= skip;
	shown -= skip;
	if (shown < 3 || !((len == 11 && m[skip] == '1') ||
			   (len >= 10 && len <= 12 && m[skip] == '0')))
		return PHONE_INVALID;
	memset(p, 0, sizeof(*p));
	p->type = PHONE_MASKED;
	set_field(p->national, sizeof(p->national), m + skip, len);
	set_country(p, "CN");
	flag_add(f, "phone_masked");
	return PHONE_MASKED;
}

struct ext_split {
	size_t head;		/* bytes of t before the marker */
	char ext[EXT_MAX + 1];
	int dash;		/* marker was "-": only after a complete number */
};

static int is_mask_byte(char c)
{
	return c == '*' || c == 'x' || c == 'X';
}

/*
 * (转|分机|分|;ext=|ext\.?|x|#|-)\s*(\d{1,6})$ on the tail of t, case-insensitive
 * (;ext= is RFC 3966, and what scrm-clean writes).
 * Longer markers come first so "分机" is not read as "分".
 */
static int find_ext(struct span t, struct ext_split *e)
{
	static const char *const markers[] = {
		"分机号", "分机", "转", "分", "extension", ";ext=", "ext=", "ext.", "ext:", "ext",
		"x", "#", "-",
	};
	size_t end = t.n, start, m;
	while (end && is_blank_char(t.s[end - 1]))
		end--;
	start = end;
	while (start && is_digit(t.s[start - 1]))
		start--;
	if (start == end || end - start > EXT_MAX)
		return 0;
	m = start;
	while (m && (is_blank_char(t.s[m - 1]) || t.s[m - 1] == ':'))
		m--;
	for (size_t i = 0; i < ARRAY_SIZE(markers); i++) {
		size_t ml = strlen(markers[i]);
		if (ml >= m || !word_at(t, m - ml, markers[i]))
			continue;
		/* the last x of 139xxxx5678 masks a digit */
		if (ml == 1 && markers[i][0] == 'x' && is_mask_byte(t.s[m - 2]))
			return 0;
		e->head = m - ml;
		e->dash = markers[i][0] == '-';
		set_field(e->ext, sizeof(e->ext), t.s + start, end - start);
		return 1;
	}
	return 0;
}

/* Which numbers take an extension: "-NNNN" only a complete number does. */
static int takes_ext(enum phone_type type, int dash)
{
	switch (type) {
	case PHONE_LANDLINE:
	case PHONE_MOBILE:
	case PHONE_MASKED:
		return 1;
	case PHONE_HOTLINE:
	case PHONE_INTL:
	case PHONE_LOCAL_ONLY:
		return !dash;
	default:
		return 0;
	}
}

/* ---- parts and fields ---- */

/* Drops a leading tel:, 电话: or similar label. */
static struct span strip_label(struct span t)
{
	static const char *const labels[] = {
		"tel:", "telephone", "tel", "phone", "mobile", "mob", "cell",
		"手机号码", "手机号", "手机", "电话号码", "联系电话", "电话", "座机", "固话",
	};
	if (t.n == 0)
		return t;
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++) {
		size_t len;
		if (ascii_lower(t.s[0]) != labels[i][0])
			continue;	/* most fields start with a digit */
		len = strlen(labels[i]);
		if (len < t.n && word_at(t, 0, labels[i]) && !is_ascii_letter(t.s[len])) {
			t.s += len, t.n -= len;
			while (t.n && (is_blank_char(t.s[0]) || t.s[0] == ':'))
				t.s++, t.n--;
			return t;
		}
	}
	return t;
}

/* One number, with the extension and mask fallbacks of sections 1.3 and 1.5. */
static enum phone_type parse_part(struct span t, const struct plan *home,
				  struct phone_num *p, struct flags *f)
{
	struct flags wf, hf;
	struct phone_num h;
	struct ext_split e;
	flags_clear(&wf);
	flags_clear(&hf);
	t = strip_label(trim(t));
	if (parse_number(t, home, p, &wf) != PHONE_INVALID)
		goto done;
	if (find_ext(t, &e)) {
		struct span head = trim((struct span){ t.s, e.head });
		enum phone_type type = parse_number(head, home, &h, &hf);
		if (type == PHONE_INVALID) {
			hf.n = 0;
			type = parse_masked(head, &h, &hf);
		}
		if (takes_ext(type, e.dash)) {
			*p = h;
			set_field(p->ext, sizeof(p->ext), e.ext, strlen(e.ext));
			/* mobiles have no extensions: a marketplace relay number */
			if (type == PHONE_MOBILE || type == PHONE_MASKED)
				flag_add(&hf, "phone_platform_relay");
			flags_merge(f, &hf);
			return type;
		}
	}
	hf.n = 0;
	if (parse_masked(t, &h, &hf) == PHONE_MASKED) {
		*p = h;
		flags_merge(f, &hf);
		return PHONE_MASKED;
	}
done:
	flags_merge(f, &wf);
	return p->type;
}

/* Length of a field separator at t.s[i] (section 1.3 step 2), else 0. */
static size_t separator_at(struct span t, size_t i)
{
	char c = t.s[i];
	if (c == '/' || c == ',' || c == ';' || c == '|' || c == '\n')
		return 1;
	if ((unsigned char)c >= 0x80)
		return word_at(t, i, "\xe3\x80\x81") || word_at(t, i, "\xe6\x88\x96") ?
			3 : 0;	/* 、 或 */
	if ((c == 'o' || c == 'O') && word_at(t, i, "or") &&
	    (i == 0 || !is_ascii_letter(t.s[i - 1])) &&
	    (i + 2 == t.n || !is_ascii_letter(t.s[i + 2])))
		return 2;
	return 0;
}

/* Splits t on separators; returns the number of non-blank parts, or max + 1. */
static size_t split_parts(struct span t, struct span *parts, size_t max)
{
	size_t count = 0, start = 0;
	for (size_t i = 0; i <= t.n;) {
		size_t sl = i < t.n ? separator_at(t, i) : 1;
		if (!sl) {
			i++;
			continue;
		}
		struct span part = trim((struct span){ t.s + start, i - start });
		if (part.n) {
			if (count == max)
				return max + 1;
			parts[count++] = part;
		}
		i += sl;
		start = i;
	}
	return count;
}

/* Nothing but white space and punctuation ("", "-", "/", "--"): no number. */
static int is_empty_field(struct span t)
{
	for (size_t i = 0; i < t.n; i++) {
		unsigned char c = (unsigned char)t.s[i];
		if (c >= 0x80 || is_digit((char)c) || is_ascii_letter((char)c))
			return 0;
	}
	return 1;
}

static int is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * NFKC (full-width digits, ＋（）, U+3000) and dashes, line by line:
 * utf8proc would drop the newlines that separate numbers.
 */
static void normalise_field(strbuf *sb, const char *s, size_t n)
{
	size_t i = 0;
	for (;;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;
		u_normalize(sb, s + i, end - i, U_NFKC | U_DASHES);
		if (!nl)
			break;
		sb_addc(sb, '\n');
		i = end + 1;
	}
}

/* Several numbers, kept only if every part is a number of its own. */
static int parse_split(const struct span *parts, size_t count, const struct plan *home,
		       struct phone_num *res, struct flags *f)
{
	struct flags pf;
	flags_clear(&pf);
	for (size_t i = 0; i < count; i++)
		if (parse_part(parts[i], home, &res[i], &pf) == PHONE_INVALID)
			return 0;
	flags_merge(f, &pf);
	flag_add(f, "phone_multiple");
	return 1;
}

int cn_phone_parse(const char *s, size_t n, const char *region,
		   struct phone_num *out, int max, struct flags *f)
{
	const struct plan *home = plan_by_region(region);
	struct phone_num res[PARTS_MAX];
	struct span parts[PARTS_MAX];
	strbuf sb = STRBUF_INIT;
	struct span t = { s ? s : "", s ? n : 0 };
	size_t count;

	if (!out)
		max = 0;

	if (t.n > FIELD_MAX) {
		count = 1;
		set_invalid(&res[0], f);
		goto out;
	}
	if (!is_ascii(t.s, t.n)) {
		normalise_field(&sb, t.s, t.n);
		t.s = sb_str(&sb);
		t.n = sb.len;
	}
	if (is_empty_field(t)) {
		count = 0;
		goto out;
	}
	count = split_parts(t, parts, PARTS_MAX);
	if (count < 2 || count > PARTS_MAX || !parse_split(parts, count, home, res, f)) {
		count = 1;
		parse_part(t, home, &res[0], f);
	}
out:
	for (size_t i = 0; i < count && i < (size_t)(max > 0 ? max : 0); i++)
		out[i] = res[i];
	if (count == 0 && max > 0)
		memset(&out[0], 0, sizeof(out[0]));
	sb_release(&sb);
	/* never more than the caller's array holds; max <= 0 asks for the count */
	return max > 0 && count > (size_t)max ? max : (int)count;
}

const char *cn_phone_type_name(enum phone_type t)
{
	static const char *const names[] = {
		[PHONE_NONE] = "none",
		[PHONE_MOBILE] = "mobile",
		[PHONE_LANDLINE] = "landline",
		[PHONE_INTL] = "intl",
		[PHONE_HOTLINE] = "hotline",
		[PHONE_SERVICE] = "service",
		[PHONE_IOT] = "iot",
		[PHONE_LOCAL_ONLY] = "local_only",
		[PHONE_MASKED] = "masked",
		[PHONE_INVALID] = "invalid",
	};
	if ((unsigned)t >= ARRAY_SIZE(names))
		return "invalid";
	return names[t];
}
