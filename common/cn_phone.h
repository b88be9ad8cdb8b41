#ifndef SCRM_CN_PHONE_H
#define SCRM_CN_PHONE_H
/*
 * Phone-number normaliser for Chinese customer records: mainland mobiles,
 * landlines, hotlines and short codes, HK/MO/TW and foreign numbers, with
 * the junk heuristics of cn-cleaning-rules.md section 1.
 */
#include <stddef.h>

#include "flags.h"

enum phone_type {
	PHONE_NONE = 0,		/* empty field */
	PHONE_MOBILE,		/* mainland mobile, +86 1xxxxxxxxxx */
	PHONE_LANDLINE,		/* mainland fixed line with area code */
	PHONE_INTL,		/* another country or HK/MO/TW, E.164 */
	PHONE_HOTLINE,		/* 400/800 numbers */
	PHONE_SERVICE,		/* 95xxx, 10086, 110 ... short codes */
	PHONE_IOT,		/* 13-digit IoT MSISDN */
	PHONE_LOCAL_ONLY,	/* 7-8 digits without an area code */
	PHONE_MASKED,		/* 139****5678 */
	PHONE_INVALID,
};

struct phone_num {
	enum phone_type type;
	char e164[24];		/* "+8613912345678", "+8653288881234"; "" when invalid/masked/local-only/service */
	char ext[12];		/* extension digits, "" if none */
	const char *carrier;	/* original allocation carrier "中国移动" or NULL (a hint: number portability) */
	const char *subtype;	/* NULL, "data_card", "satellite", "mvno", "special_service", "iot" */
	/* Additions: */
	char national[24];	/* NSN after any country/trunk/IP prefix: "95588", "88881234",
				 * "139****5678", "53288881234"; the digits seen when invalid */
	char country[3];	/* ISO 3166 alpha-2 of the number when known ("CN", "HK", "US"), else "" */
	const char *place;	/* landline area "山东省青岛市" or NULL */
};

/*
 * Parses a phone field (any of the forms of section 1.3: +86, 0086, 86-,
 * (+86), full-width digits, spaces, dashes, tel:, trunk 0 before a mobile,
 * IP-dialling prefixes 17951/12593/17911..., landlines with area code in
 * any bracket/dash form, extensions 转/分机/ext./x/#/-NNNN after a complete
 * landline, several numbers in one field split on / 、 , ， ; ； | 或 or and
 * newlines only when every part parses on its own).
 * region: ISO 3166 alpha-2 of numbers written without a country code ("CN"
 * when NULL). Fills up to max numbers into out and returns how many it
 * filled, never more than max: 0 for an empty field, else at least 1 (an
 * unparsable field is one PHONE_INVALID number). With max <= 0 (out may
 * then be NULL) it returns how many numbers the field holds. Adds quality
 * flags for the field to f (may be NULL); phone_multiple tells of several.
 * No allocation unless the field is not ASCII.
 */
int cn_phone_parse(const char *s, size_t n, const char *region,
		   struct phone_num *out, int max, struct flags *f);

/*
 * 1 if the number is a known placeholder or a fake pattern of section 1.5
 * (13800138000, 8 equal digits, ascending runs, repeated motifs...).
 * Takes an E.164 number ("+86...": mobiles, and landline local parts) or
 * bare national digits; other countries are never fake.
 */
int cn_phone_is_fake(const char *e164);

/* "mobile", "landline", ... "invalid": a stable name for output. */
const char *cn_phone_type_name(enum phone_type t);

/* Reference tables generated from data/cn by scripts/gen/cn_phone_tables.sh. */
struct cn_area_code {
	unsigned short prefix;	/* national digits after the trunk 0: 532 */
	unsigned char digits;	/* digits of the prefix */
	unsigned char code_digits; /* digits of the area code: 3 for a catch-all 2-digit key */
	const char *place;
};
struct cn_carrier_prefix {
	unsigned short prefix;	/* 139, 1703, 15 */
	unsigned char digits;
	const char *carrier;
};
/* Both sorted by (digits, prefix). */
extern const struct cn_area_code cn_area_codes[];
extern const size_t cn_area_codes_len;
extern const struct cn_carrier_prefix cn_carrier_prefixes[];
extern const size_t cn_carrier_prefixes_len;

#endif
