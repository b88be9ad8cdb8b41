#ifndef SCRM_CLEAN_IDCARD_H
#define SCRM_CLEAN_IDCARD_H
/*
 * Resident identity numbers (GB 11643-1999) and the numbers that share
 * their checksum: cn-cleaning-rules.md section 2.
 */
#include <stddef.h>

#include "flags.h"

struct idcard {
	char id[19];		/* normalised 18-char number, upper-case X; "" when invalid */
	int year, month, day;	/* birth date (foreign_pr_2023: 0, its layout is unverified) */
	char gender;		/* 'M' or 'F' (sequence parity); 0 when unknown */
	int region;		/* 6-digit region code as written (may be abolished) */
	const char *kind;	/* "resident", "hmt_residence_permit", "foreign_pr_2023" */
	char legacy15[16];	/* the original 15-digit number when converted */
};

/*
 * Validates s[0, n) as of today (yyyymmdd; 0: the system date). Returns 1
 * if valid (out filled), 0 if invalid or empty. A masked number (370212
 * ********1233) is invalid but keeps the visible region, year and sex.
 * Flags: id_card_invalid (bad shape or province), id_card_bad_checksum,
 * id_card_bad_date, id_card_masked; id_card_junk (placeholders: one digit
 * repeated, counting runs, the standard's examples; valid or not); on valid
 * numbers id_card_region_unknown, id_card_converted15, id_card_age_suspect
 * (over 110).
 */
int idcard_parse(const char *s, size_t n, int today, struct idcard *out, struct flags *f);

/* The MOD 11-2 check character of 17 ASCII digits, 0 if one is not a digit. */
char idcard_check_char(const char *d17);

#endif
