/*
 * Phone normaliser: the oracle table of cn-cleaning-rules.md section 1.6
 * under our rules, the forms of 1.3, the junk of 1.5, multi-number
 * fields, extensions and other regions. Each row checks the type, E.164,
 * extension and the exact set of flags the field gets.
 */
#include <stdio.h>
#include <string.h>

#include "cn_phone.h"
#include "flags.h"
#include "test.h"

#include "banned.h"

enum { MOB = PHONE_MOBILE, LAND = PHONE_LANDLINE, INTL = PHONE_INTL,
       HOT = PHONE_HOTLINE, SERV = PHONE_SERVICE, IOT = PHONE_IOT,
       LOCAL = PHONE_LOCAL_ONLY, MASK = PHONE_MASKED, BAD = PHONE_INVALID };

struct row {
	const char *in;
	const char *region;
	int type;
	const char *e164;
	const char *ext;
	const char *flags;	/* exactly these, space-separated */
};

/* Oracle rows 1-49 (row 50 is in multi[]); comments say where we differ. */
static const struct row oracle[] = {
	{ "13800138000", NULL, MOB, "+8613800138000", "", "phone_fake" },
	{ "+86 138 0013 8000", NULL, MOB, "+8613800138000", "", "phone_fake" },
	{ "0086-139-1234-5678", NULL, MOB, "+8613912345678", "", "phone_fake" },
	{ "86-13912345678", NULL, MOB, "+8613912345678", "", "phone_fake" },
	{ "8613912345678", NULL, MOB, "+8613912345678", "", "phone_fake" },
	{ "８６１３９１２３４５６７８", NULL, MOB, "+8613912345678", "", "phone_fake" },
	{ "1391234567８", NULL, MOB, "+8613912345678", "", "phone_fake" },
	{ "013912345678", NULL, MOB, "+8613912345678", "", "phone_fake" },
	{ "+86 (0) 532 8888 1234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532-88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "(0532)88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "88881234", NULL, LOCAL, "", "", "phone_local_only" },
	/* local part starting with 1: accepted but flagged (1.3 step 7) */
	{ "010-12345678", NULL, LAND, "+861012345678", "", "landline_suspect phone_fake" },
	/* rows 14, 15: the oracle can't parse these extensions */
	{ "021-6888 8888 转 8001", NULL, LAND, "+862168888888", "8001", "" },
	{ "0532-88881234-8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234 ext. 8001", NULL, LAND, "+8653288881234", "8001", "" },
	/* RFC 3966, as scrm-clean writes it: a second cleaning keeps it */
	{ "+8653288881234;ext=8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "tel:+86-532-8888-1234;ext=8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "+8613853102476;ext=1234", NULL, MOB, "+8613853102476", "1234", "phone_platform_relay" },
	{ "12345678901", NULL, BAD, "", "", "phone_invalid phone_fake" },
	{ "13888888888", NULL, MOB, "+8613888888888", "", "phone_fake" },
	{ "11111111111", NULL, BAD, "", "", "phone_invalid phone_fake" },
	{ "1380013800", NULL, BAD, "", "", "phone_invalid" },
	{ "138001380001", NULL, BAD, "", "", "phone_invalid" },
	{ "14512345678", NULL, MOB, "+8614512345678", "", "phone_fake" },
	/* row 23: 149 data card, accepted and flagged */
	{ "14912345678", NULL, MOB, "+8614912345678", "", "phone_data_card phone_fake" },
	/* row 24: 13-digit IoT, TOO_LONG for the oracle */
	{ "1440123456789", NULL, IOT, "+861440123456789", "", "phone_iot" },
	{ "17012345678", NULL, MOB, "+8617012345678", "", "phone_fake" },
	{ "17112345678", NULL, MOB, "+8617112345678", "", "phone_fake" },
	{ "16212345678", NULL, MOB, "+8616212345678", "", "phone_fake" },
	{ "16512345678", NULL, MOB, "+8616512345678", "", "phone_fake" },
	{ "16712345678", NULL, MOB, "+8616712345678", "", "phone_fake" },
	{ "16612345678", NULL, MOB, "+8616612345678", "", "phone_fake" },
	{ "16112345678", NULL, BAD, "", "", "phone_invalid phone_fake" },
	/* row 32: 1610 is valid upstream (9.0.35); the Debian oracle is stale */
	{ "16101234567", NULL, MOB, "+8616101234567", "", "phone_fake" },
	{ "19212345678", NULL, MOB, "+8619212345678", "", "phone_fake" },
	{ "19412345678", NULL, BAD, "", "", "phone_invalid phone_fake" },
	{ "15412345678", NULL, BAD, "", "", "phone_invalid phone_fake" },
	{ "17400123456", NULL, MOB, "+8617400123456", "", "phone_fake" },
	/* rows 37, 38: maritime satellite and MIIT emergency, flagged */
	{ "17491234567", NULL, MOB, "+8617491234567", "", "phone_satellite phone_fake" },
	{ "17412345678", NULL, MOB, "+8617412345678", "", "phone_special_service phone_fake" },
	{ "13491234567", NULL, MOB, "+8613491234567", "", "phone_fake" },
	{ "4006999999", NULL, HOT, "+864006999999", "", "phone_hotline" },
	{ "800-820-8820", NULL, HOT, "+868008208820", "", "phone_hotline" },
	{ "95588", NULL, SERV, "", "", "phone_service_number" },
	{ "10086", NULL, SERV, "", "", "phone_service_number" },
	{ "+852 9123 4567", NULL, INTL, "+85291234567", "", "" },
	{ "+853 6612 3456", NULL, INTL, "+85366123456", "", "" },
	{ "+886 912 345 678", NULL, INTL, "+886912345678", "", "" },
	{ "+1 650-253-0000", NULL, INTL, "+16502530000", "", "" },
	{ "+44 20 7946 0958", NULL, INTL, "+442079460958", "", "" },
	{ "tel:+86-532-8888-1234", NULL, LAND, "+8653288881234", "", "" },
};

/* Section 1.3 forms, on numbers that match no fake pattern. */
static const struct row forms[] = {
	{ "13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "139 5328 1234", NULL, MOB, "+8613953281234", "", "" },
	{ "139-5328-1234", NULL, MOB, "+8613953281234", "", "" },
	{ " 139.5328.1234 ", NULL, MOB, "+8613953281234", "", "" },
	{ "+86 139 5328 1234", NULL, MOB, "+8613953281234", "", "" },
	{ "+86-13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "+8613953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "0086 13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "86-13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "86 139 5328 1234", NULL, MOB, "+8613953281234", "", "" },
	{ "(+86)13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "(+86) 139-5328-1234", NULL, MOB, "+8613953281234", "", "" },
	{ "+86 (0)13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "１３９５３２８１２３４", NULL, MOB, "+8613953281234", "", "" },
	{ "１３９－５３２８－１２３４", NULL, MOB, "+8613953281234", "", "" },
	{ "＋８６　１３９５３２８１２３４", NULL, MOB, "+8613953281234", "", "" },
	{ "139\xe2\x80\x8b" "5328\xef\xbb\xbf" "1234", NULL, MOB, "+8613953281234", "", "" },
	{ "tel:+86-13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "TEL: 13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "手机：13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "Phone 13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "013953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "17951 13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "1795113953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "12593 139 5328 1234", NULL, MOB, "+8613953281234", "", "" },
	{ "17911-13953281234", NULL, MOB, "+8613953281234", "", "" },
	{ "17951 0532 88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532 8888 1234", NULL, LAND, "+8653288881234", "", "" },
	{ "（0532）88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "(0532) 8888-1234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532—88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532–88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532‐88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532－88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532.8888.1234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532-8888-1234", NULL, LAND, "+8653288881234", "", "" },
	{ "0532/88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "电话: 0532-88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "010 6888 8888", NULL, LAND, "+861068888888", "", "" },
	{ "020-38881234", NULL, LAND, "+862038881234", "", "" },
	{ "0755-26881234", NULL, LAND, "+8675526881234", "", "" },
	{ "0755-01881234", NULL, LAND, "+8675501881234", "", "landline_suspect" },
	/* no per-code local lengths in the data: 7 digits pass for 3-digit codes */
	{ "0532-8888123", NULL, LAND, "+865328888123", "", "" },
	{ "021-8888123", NULL, BAD, "", "", "phone_invalid" },
	{ "0532-888812345", NULL, BAD, "", "", "phone_invalid" },
	{ "0123-5830271", NULL, BAD, "", "", "phone_invalid" },
	/* catch-all keys 33/34/58/70 stand for a 3-digit code */
	{ "0335-3012345", NULL, LAND, "+863353012345", "", "" },
	{ "0349 5021234", NULL, LAND, "+863495021234", "", "" },
	{ "0580-2021234", NULL, LAND, "+865802021234", "", "" },
	{ "0701-6221234", NULL, LAND, "+867016221234", "", "" },
	{ "+86 532 88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "+86 0532 88881234", NULL, LAND, "+8653288881234", "", "" },
	{ "+86 10 68888888", NULL, LAND, "+861068888888", "", "" },
	{ "0086 21 68888888", NULL, LAND, "+862168888888", "", "" },
	{ "8653288881234", NULL, LAND, "+8653288881234", "", "" },
	{ "86 10 68888888", NULL, LAND, "+861068888888", "", "" },
	{ "86-0532-88881234", NULL, LAND, "+8653288881234", "", "" },
	/* bare 86 is never stripped from 8-10 digits */
	{ "86123456", NULL, LOCAL, "", "", "phone_local_only" },
	{ "86532881", NULL, LOCAL, "", "", "phone_local_only" },
	{ "8612345678", NULL, BAD, "", "", "phone_invalid phone_wrong_field phone_fake" },
	{ "861395328123", NULL, BAD, "", "", "phone_invalid" },
	{ "+86 400 699 9999", NULL, HOT, "+864006999999", "", "phone_hotline" },
	{ "400-699-9999", NULL, HOT, "+864006999999", "", "phone_hotline" },
	{ "1064812345678", NULL, IOT, "+861064812345678", "", "phone_iot" },
	{ "148 0123 4567 89", NULL, IOT, "+861480123456789", "", "phone_iot" },
	{ "14801234567890", NULL, BAD, "", "", "phone_invalid phone_fake" },
	{ "+86 95588", NULL, SERV, "", "", "phone_service_number" },
	{ "15012345678", NULL, MOB, "+8615012345678", "", "phone_fake" },
	{ "14053281234", NULL, BAD, "", "", "phone_invalid" },
	{ "17953281234", NULL, BAD, "", "", "phone_invalid" },
	{ "17413281234", NULL, BAD, "", "", "phone_invalid" },
	{ "17406281234", NULL, MOB, "+8617406281234", "", "phone_special_service" },
	{ "17405281234", NULL, MOB, "+8617405281234", "", "" },
	{ "+86 14953281234", NULL, MOB, "+8614953281234", "", "phone_data_card" },
	{ "10953281234", NULL, BAD, "", "", "phone_invalid" },
};

static const struct row extensions[] = {
	{ "0532-88881234转8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234 转 8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234分机8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234 分机号：8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234分8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234 ext.8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234 EXT 8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234x8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234 X 8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234#8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "0532-88881234 ＃8001", NULL, LAND, "+8653288881234", "8001", "" },
	{ "021-68888888 x8001", NULL, LAND, "+862168888888", "8001", "" },
	{ "(0532)88881234-801", NULL, LAND, "+8653288881234", "801", "" },
	{ "0532-88881234-1", NULL, LAND, "+8653288881234", "1", "" },
	{ "+86 532 8888 1234 ext 800123", NULL, LAND, "+8653288881234", "800123", "" },
	{ "0532-88881234-8001234", NULL, BAD, "", "", "phone_invalid" },
	{ "0532-88881234转", NULL, BAD, "", "", "phone_invalid" },
	{ "0532-8888转8001", NULL, BAD, "", "", "phone_invalid" },
	{ "4006999999转1", NULL, HOT, "+864006999999", "1", "phone_hotline" },
	/* "-N" is an extension only after a complete landline (or a relay) */
	{ "400-699-9999-1", NULL, BAD, "", "", "phone_invalid" },
	{ "88881234-801", NULL, BAD, "", "", "phone_invalid" },
	{ "88881234转801", NULL, LOCAL, "", "801", "phone_local_only" },
	{ "+44 20 7946 0958 ext. 12", NULL, INTL, "+442079460958", "12", "" },
	/* relay numbers: a mobile never has an extension */
	{ "17053281234-5678", NULL, MOB, "+8617053281234", "5678", "phone_platform_relay" },
	{ "13953281234转5678", NULL, MOB, "+8613953281234", "5678", "phone_platform_relay" },
	{ "170xxxxxxxx-1234", NULL, MASK, "", "1234", "phone_masked phone_platform_relay" },
	{ "138****5678转1234", NULL, MASK, "", "1234", "phone_masked phone_platform_relay" },
};

/* Section 1.5: masks, placeholders, patterns, services, wrong fields, junk. */
static const struct row junk[] = {
	{ "139****5678", NULL, MASK, "", "", "phone_masked" },
	{ "139xxxx5678", NULL, MASK, "", "", "phone_masked" },
	{ "139XXXX5678", NULL, MASK, "", "", "phone_masked" },
	{ "139*****678", NULL, MASK, "", "", "phone_masked" },
	{ "139 **** 5678", NULL, MASK, "", "", "phone_masked" },
	{ "+86 139****5678", NULL, MASK, "", "", "phone_masked" },
	{ "86-139****5678", NULL, MASK, "", "", "phone_masked" },
	{ "１３９＊＊＊＊５６７８", NULL, MASK, "", "", "phone_masked" },
	{ "139●●●●5678", NULL, MASK, "", "", "phone_masked" },
	{ "0532-8888****", NULL, MASK, "", "", "phone_masked" },
	{ "1**********", NULL, BAD, "", "", "phone_invalid" },
	{ "139x5678", NULL, BAD, "", "", "phone_invalid" },
	{ "13900000000", NULL, MOB, "+8613900000000", "", "phone_fake" },
	{ "13000000000", NULL, MOB, "+8613000000000", "", "phone_fake" },
	{ "18888888888", NULL, MOB, "+8618888888888", "", "phone_fake" },
	{ "13012345678", NULL, MOB, "+8613012345678", "", "phone_fake" },
	{ "13800000000", NULL, MOB, "+8613800000000", "", "phone_fake" },
	{ "00000000000", NULL, BAD, "", "", "phone_invalid phone_fake" },
	{ "13988888888", NULL, MOB, "+8613988888888", "", "phone_fake" },
	{ "18181888888", NULL, MOB, "+8618181888888", "", "phone_fake" },
	{ "13998765432", NULL, MOB, "+8613998765432", "", "phone_fake" },
	{ "13912121212", NULL, MOB, "+8613912121212", "", "phone_fake" },
	{ "13912341234", NULL, MOB, "+8613912341234", "", "phone_fake" },
	{ "13912312312", NULL, MOB, "+8613912312312", "", "phone_fake" },
	{ "15888880000", NULL, MOB, "+8615888880000", "", "phone_fake" },
	{ "13956780000", NULL, MOB, "+8613956780000", "", "phone_fake" },
	/* 0000 alone is not a pattern: many businesses own such numbers */
	{ "13953280000", NULL, MOB, "+8613953280000", "", "" },
	{ "0532-88888888", NULL, LAND, "+8653288888888", "", "phone_fake" },
	{ "88888888", NULL, LOCAL, "", "", "phone_local_only phone_fake" },
	{ "110", NULL, SERV, "", "", "phone_service_number" },
	{ "119", NULL, SERV, "", "", "phone_service_number" },
	{ "120", NULL, SERV, "", "", "phone_service_number" },
	{ "122", NULL, SERV, "", "", "phone_service_number" },
	{ "12345", NULL, SERV, "", "", "phone_service_number" },
	{ "10010", NULL, SERV, "", "", "phone_service_number" },
	{ "10000", NULL, SERV, "", "", "phone_service_number" },
	{ "96166", NULL, SERV, "", "", "phone_service_number" },
	{ "955880", NULL, SERV, "", "", "phone_service_number" },
	{ "800-8208820", NULL, HOT, "+868008208820", "", "phone_hotline" },
	{ "20150312", NULL, LOCAL, "", "", "phone_local_only phone_wrong_field" },
	{ "2015-03-12", NULL, LOCAL, "", "", "phone_local_only phone_wrong_field" },
	{ "19850612", NULL, BAD, "", "", "phone_invalid phone_wrong_field" },
	{ "110105194912310021", NULL, BAD, "", "", "phone_invalid phone_wrong_field" },
	{ "11010519491231002X", NULL, BAD, "", "", "phone_invalid phone_wrong_field" },
	{ "110105491231002", NULL, BAD, "", "", "phone_invalid phone_wrong_field" },
	{ "584930271", NULL, BAD, "", "", "phone_invalid phone_wrong_field" },
	{ "2839475610", NULL, BAD, "", "", "phone_invalid phone_wrong_field" },
	{ "123456", NULL, BAD, "", "", "phone_invalid phone_wrong_field" },
	{ "58493", NULL, BAD, "", "", "phone_invalid phone_wrong_field" },
	{ "abc", NULL, BAD, "", "", "phone_invalid" },
	{ "无", NULL, BAD, "", "", "phone_invalid" },
	{ "null", NULL, BAD, "", "", "phone_invalid" },
	{ "N/A", NULL, BAD, "", "", "phone_invalid" },
	{ "13953281234abc", NULL, BAD, "", "", "phone_invalid" },
	{ "12", NULL, BAD, "", "", "phone_invalid" },
	{ "0532", NULL, BAD, "", "", "phone_invalid" },
	{ "1395328123413953281234139532812341", NULL, BAD, "", "", "phone_invalid" },
	{ "++8613953281234", NULL, BAD, "", "", "phone_invalid" },
	{ "139+53281234", NULL, BAD, "", "", "phone_invalid" },
};

static const struct row regions[] = {
	{ "0085291234567", NULL, INTL, "+85291234567", "", "" },
	{ "+852 1538 2746", NULL, BAD, "", "", "phone_invalid" },
	{ "+852 8412 3456", NULL, INTL, "+85284123456", "", "" },
	{ "+853 2812 3456", NULL, INTL, "+85328123456", "", "" },
	{ "+886 2 2345 6789", NULL, INTL, "+886223456789", "", "" },
	{ "+886 0912 345 678", NULL, INTL, "+886912345678", "", "" },
	{ "+44 (0)20 7946 0958", NULL, INTL, "+442079460958", "", "" },
	{ "+44 020 7946 0958", NULL, INTL, "+442079460958", "", "" },
	{ "+1 650 055 1212", NULL, BAD, "", "", "phone_invalid" },
	{ "+65 6123 4567", NULL, INTL, "+6561234567", "", "" },
	{ "+81 90-1234-5678", NULL, INTL, "+819012345678", "", "" },
	{ "+82 10-1234-5678", NULL, INTL, "+821012345678", "", "" },
	{ "+61 2 9374 4000", NULL, INTL, "+61293744000", "", "" },
	{ "+7 495 123-45-67", NULL, INTL, "+74951234567", "", "phone_intl_unverified" },
	{ "+49 30 12345678", NULL, INTL, "+493012345678", "", "phone_intl_unverified" },
	/* the first and the last calling codes of the table */
	{ "+211 912 345 678", NULL, INTL, "+211912345678", "", "phone_intl_unverified" },
	{ "+998 90 123 4567", NULL, INTL, "+998901234567", "", "phone_intl_unverified" },
	{ "0033 1 23 45 67 89", NULL, INTL, "+33123456789", "", "phone_intl_unverified" },
	{ "+999 5382714", NULL, BAD, "", "", "phone_invalid" },
	{ "+49 1", NULL, BAD, "", "", "phone_invalid" },
	{ "+49 30 5827 4193 0582 7", NULL, BAD, "", "", "phone_invalid" },
	{ "91234567", "HK", INTL, "+85291234567", "", "" },
	{ "9123 4567", "hk", INTL, "+85291234567", "", "" },
	{ "2812 3456", "MO", INTL, "+85328123456", "", "" },
	{ "0912-345-678", "TW", INTL, "+886912345678", "", "" },
	{ "(02) 2345-6789", "TW", INTL, "+886223456789", "", "" },
	{ "1 (650) 555-1212", "US", INTL, "+16505551212", "", "" },
	{ "(650) 555-1212", "US", INTL, "+16505551212", "", "" },
	{ "650-555-1212", "CA", INTL, "+16505551212", "", "" },
	{ "020 7946 0958", "GB", INTL, "+442079460958", "", "" },
	{ "07911 123456", "GB", INTL, "+447911123456", "", "" },
	{ "6123 4567", "SG", INTL, "+6561234567", "", "" },
	{ "090-1234-5678", "JP", INTL, "+819012345678", "", "" },
	{ "010-1234-5678", "KR", INTL, "+821012345678", "", "" },
	{ "02 9374 4000", "AU", INTL, "+61293744000", "", "" },
	{ "0412 345 678", "AU", INTL, "+61412345678", "", "" },
	{ "13953281234", "HK", MOB, "+8613953281234", "", "" },
	{ "12345", "HK", BAD, "", "", "phone_invalid" },
	{ "+86 13953281234", "US", MOB, "+8613953281234", "", "" },
	{ "0532-88881234", "cn", LAND, "+8653288881234", "", "" },
	{ "0532-88881234", "", LAND, "+8653288881234", "", "" },
	{ "0658392714", "FR", BAD, "", "", "phone_invalid phone_intl_unverified" },
	{ "+33 6 12 34 56 78", "FR", INTL, "+33612345678", "", "phone_intl_unverified" },
	{ "13953281234", "FR", MOB, "+8613953281234", "", "" },
};

/* Counts the space-separated names of list that f lacks; n is their number. */
static int missing_flags(const struct flags *f, const char *list, int *n)
{
	int missing = 0;
	*n = 0;
	while (*list) {
		char name[64];
		size_t len = strcspn(list, " ");
		if (len && len < sizeof(name)) {
			memcpy(name, list, len);
			name[len] = '\0';
			(*n)++;
			if (!flags_has(f, name)) {
				printf("  missing flag %s\n", name);
				missing++;
			}
		}
		list += len;
		while (*list == ' ')
			list++;
	}
	return missing;
}

static void show_flags(const char *in, const struct flags *f)
{
	printf("  %s: flags:", in);
	for (int i = 0; i < f->n; i++)
		printf(" %s", f->v[i]);
	printf("\n");
}

static void check_flags(const char *in, const struct flags *f, const char *want)
{
	int n, missing = missing_flags(f, want, &n);
	CHECK(missing == 0 && f->n == n, "%s: flags, want \"%s\"", in, want);
	if (missing || f->n != n)
		show_flags(in, f);
}

static void check_rows(const struct row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct row *r = &rows[i];
		struct phone_num p[4];
		struct flags f = { { 0 }, 0 };
		int got = cn_phone_parse(r->in, strlen(r->in), r->region, p, 4, &f);
		CHECK_INT(got, 1, r->in);
		if (got < 1)
			continue;
		CHECK(p[0].type == (enum phone_type)r->type, "%s: type %s, want %s", r->in,
		      cn_phone_type_name(p[0].type),
		      cn_phone_type_name((enum phone_type)r->type));
		CHECK_STR(p[0].e164, r->e164, r->in);
		CHECK_STR(p[0].ext, r->ext, r->in);
		check_flags(r->in, &f, r->flags);
	}
}

struct multi {
	const char *in;
	int count;
	int type[3];
	const char *e164[3];
	const char *ext[3];
	const char *flags;
};

static const struct multi multis[] = {
	/* oracle row 50: TOO_LONG for the oracle, two numbers for us */
	{ "139 1234 5678 / 0532-88881234", 2, { MOB, LAND }, { "+8613912345678", "+8653288881234" },
	  { "", "" }, "phone_multiple phone_fake" },
	{ "13953281234、13853281234", 2, { MOB, MOB }, { "+8613953281234", "+8613853281234" },
	  { "", "" }, "phone_multiple" },
	{ "13953281234;0532-88881234", 2, { MOB, LAND }, { "+8613953281234", "+8653288881234" },
	  { "", "" }, "phone_multiple" },
	{ "13953281234，13853281234", 2, { MOB, MOB }, { "+8613953281234", "+8613853281234" },
	  { "", "" }, "phone_multiple" },
	{ "13953281234；13853281234", 2, { MOB, MOB }, { "+8613953281234", "+8613853281234" },
	  { "", "" }, "phone_multiple" },
	{ "13953281234 | 13853281234", 2, { MOB, MOB }, { "+8613953281234", "+8613853281234" },
	  { "", "" }, "phone_multiple" },
	{ "13953281234或13853281234", 2, { MOB, MOB }, { "+8613953281234", "+8613853281234" },
	  { "", "" }, "phone_multiple" },
	{ "13953281234 or 0532-88881234", 2, { MOB, LAND }, { "+8613953281234", "+8653288881234" },
	  { "", "" }, "phone_multiple" },
	{ "13953281234 OR 13853281234", 2, { MOB, MOB }, { "+8613953281234", "+8613853281234" },
	  { "", "" }, "phone_multiple" },
	/* "or" inside a word separates nothing */
	{ "13953281234 color 13853281234", 1, { BAD }, { "" }, { "" }, "phone_invalid" },
	{ "13953281234\n13853281234", 2, { MOB, MOB }, { "+8613953281234", "+8613853281234" },
	  { "", "" }, "phone_multiple" },
	{ "13953281234\r\n0532-88881234", 2, { MOB, LAND }, { "+8613953281234", "+8653288881234" },
	  { "", "" }, "phone_multiple" },
	{ "０５３２－８８８８１２３４\n１３９５３２８１２３４", 2, { LAND, MOB },
	  { "+8653288881234", "+8613953281234" }, { "", "" }, "phone_multiple" },
	{ "0532-88881234转8001/13953281234", 2, { LAND, MOB },
	  { "+8653288881234", "+8613953281234" }, { "8001", "" }, "phone_multiple" },
	{ "13953281234/139****5678", 2, { MOB, MASK }, { "+8613953281234", "" }, { "", "" },
	  "phone_multiple phone_masked" },
	{ "13953281234/95588/88881234", 3, { MOB, SERV, LOCAL }, { "+8613953281234", "", "" },
	  { "", "", "" }, "phone_multiple phone_service_number phone_local_only" },
	{ "13953281234 / ", 1, { MOB }, { "+8613953281234" }, { "" }, "" },
	{ "13953281234 / abc", 1, { BAD }, { "" }, { "" }, "phone_invalid" },
	{ "13953281234,1234", 1, { BAD }, { "" }, { "" }, "phone_invalid" },
	{ "1/2/3/4/5/6/7/8/9", 1, { BAD }, { "" }, { "" },
	  "phone_invalid phone_wrong_field phone_fake" },
};

static void check_multis(void)
{
	for (size_t i = 0; i < sizeof(multis) / sizeof(multis[0]); i++) {
		const struct multi *m = &multis[i];
		struct phone_num p[3];
		struct flags f = { { 0 }, 0 };
		int got = cn_phone_parse(m->in, strlen(m->in), NULL, p, 3, &f);
		CHECK_INT(got, m->count, m->in);
		for (int k = 0; k < got && k < m->count; k++) {
			CHECK(p[k].type == (enum phone_type)m->type[k], "%s [%d]: type %s", m->in, k,
			      cn_phone_type_name(p[k].type));
			CHECK_STR(p[k].e164, m->e164[k], m->in);
			CHECK_STR(p[k].ext, m->ext[k], m->in);
		}
		check_flags(m->in, &f, m->flags);
	}
}

struct detail {
	const char *in;
	const char *carrier;
	const char *subtype;
	const char *national;
	const char *country;
	const char *place;
};

/* Fields beyond type/e164/ext: carrier (a hint), subtype, national form, place. */
static const struct detail details[] = {
	{ "13800138000", "中国移动", NULL, "13800138000", "CN", NULL },
	{ "13053281234", "中国联通", NULL, "13053281234", "CN", NULL },
	{ "15312345678", "中国电信", NULL, "15312345678", "CN", NULL },
	{ "15012345678", "中国移动", NULL, "15012345678", "CN", NULL },
	{ "14512345678", "中国联通", "data_card", "14512345678", "CN", NULL },
	{ "14712345678", "中国移动", "data_card", "14712345678", "CN", NULL },
	{ "14912345678", NULL, "data_card", "14912345678", "CN", NULL },
	{ "17012345678", "中国电信", "mvno", "17012345678", "CN", NULL },
	{ "17051234567", "中国移动", "mvno", "17051234567", "CN", NULL },
	{ "17112345678", "中国联通", "mvno", "17112345678", "CN", NULL },
	{ "16212345678", NULL, "mvno", "16212345678", "CN", NULL },
	{ "16101234567", "中国广电", NULL, "16101234567", "CN", NULL },
	{ "19212345678", "中国广电", NULL, "19212345678", "CN", NULL },
	{ "17400123456", "中国电信", "satellite", "17400123456", "CN", NULL },
	{ "17491234567", NULL, "satellite", "17491234567", "CN", NULL },
	{ "17412345678", NULL, "special_service", "17412345678", "CN", NULL },
	{ "13491234567", NULL, "satellite", "13491234567", "CN", NULL },
	{ "13481234567", "中国移动", NULL, "13481234567", "CN", NULL },
	{ "1440123456789", NULL, "iot", "1440123456789", "CN", NULL },
	{ "0532-88881234", NULL, NULL, "53288881234", "CN", "山东省青岛市" },
	{ "010-68888888", NULL, NULL, "1068888888", "CN", "北京市" },
	{ "0335-3012345", NULL, NULL, "3353012345", "CN", "河北省秦皇岛市" },
	{ "88881234", NULL, NULL, "88881234", "CN", NULL },
	{ "95588", NULL, NULL, "95588", "CN", NULL },
	{ "139****5678", NULL, NULL, "139****5678", "CN", NULL },
	{ "+852 9123 4567", NULL, NULL, "91234567", "HK", NULL },
	{ "+1 650-253-0000", NULL, NULL, "6502530000", "US", NULL },
	{ "+49 30 12345678", NULL, NULL, "3012345678", "", NULL },
};

static void check_details(void)
{
	for (size_t i = 0; i < sizeof(details) / sizeof(details[0]); i++) {
		const struct detail *d = &details[i];
		struct phone_num p;
		int got = cn_phone_parse(d->in, strlen(d->in), NULL, &p, 1, NULL);
		CHECK_INT(got, 1, d->in);
		CHECK_STR(p.carrier, d->carrier, d->in);
		CHECK_STR(p.subtype, d->subtype, d->in);
		CHECK_STR(p.national, d->national, d->in);
		CHECK_STR(p.country, d->country, d->in);
		CHECK_STR(p.place, d->place, d->in);
	}
}

static void check_empty(void)
{
	static const char *const empty[] = { "", "   ", "-", "--", " / ", "\n", "　", "（）", "+" };
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		struct phone_num p;
		struct flags f = { { 0 }, 0 };
		p.type = PHONE_INVALID;
		CHECK_INT(cn_phone_parse(empty[i], strlen(empty[i]), NULL, &p, 1, &f), 0, empty[i]);
		CHECK_INT(p.type, PHONE_NONE, empty[i]);
		CHECK_INT(f.n, 0, empty[i]);
	}
	CHECK_INT(cn_phone_parse(NULL, 0, NULL, NULL, 0, NULL), 0, "NULL field");
}

static void check_api_edges(void)
{
	struct phone_num p[2];
	const char *three = "13953281234/13853281234/13753281234";
	const char *s = "13953281234";
	char big[2048];

	/* more numbers than room: max filled and returned; max 0 counts */
	CHECK_INT(cn_phone_parse(three, strlen(three), NULL, p, 2, NULL), 2, "max 2 of 3");
	CHECK_STR(p[1].e164, "+8613853281234", "max 2 of 3, second");
	CHECK_INT(cn_phone_parse(three, strlen(three), NULL, NULL, 0, NULL), 3, "count 3");
	CHECK_INT(cn_phone_parse(s, strlen(s), NULL, NULL, 0, NULL), 1, "count only");
	CHECK_INT(cn_phone_parse(s, strlen(s), NULL, NULL, 1, NULL), 1, "NULL out");
	/* n bounds the field: no NUL needed */
	CHECK_INT(cn_phone_parse("1395328123499", 11, NULL, p, 1, NULL), 1, "length n");
	CHECK_STR(p[0].e164, "+8613953281234", "length n");
	memset(big, '1', sizeof(big));
	CHECK_INT(cn_phone_parse(big, sizeof(big), NULL, p, 1, NULL), 1, "huge field");
	CHECK_INT(p[0].type, PHONE_INVALID, "huge field");
	/* invalid UTF-8 is not a number */
	CHECK_INT(cn_phone_parse("139\xff" "53281234", 12, NULL, p, 1, NULL), 1, "bad utf-8");
	CHECK_INT(p[0].type, PHONE_INVALID, "bad utf-8");
	CHECK_STR(cn_phone_type_name(PHONE_MOBILE), "mobile", "type name");
	CHECK_STR(cn_phone_type_name(PHONE_LOCAL_ONLY), "local_only", "type name");
	CHECK_STR(cn_phone_type_name((enum phone_type)99), "invalid", "type name");
}

static void check_is_fake(void)
{
	static const struct {
		const char *in;
		int want;
	} cases[] = {
		{ "+8613800138000", 1 }, { "+8613953281234", 0 }, { "13888888888", 1 },
		{ "+8613912121212", 1 }, { "+8613953280000", 0 }, { "+8613912345678", 1 },
		{ "+8653288888888", 1 }, { "+8653288881234", 0 }, { "+861012345678", 1 },
		{ "+85291234567", 0 }, { "+11111111111", 0 }, { "", 0 },
		{ "abc", 0 }, { "12345678901", 1 }, { "00000000000", 1 },
		{ "+861068888888", 0 }, { "+861088888888", 1 }, { "+863353333333", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_INT(cn_phone_is_fake(cases[i].in), cases[i].want, cases[i].in);
	CHECK_INT(cn_phone_is_fake(NULL), 0, "NULL");
}

/* The generated tables: sorted, as the lookups' binary search needs. */
static void check_tables(void)
{
	int sorted = 1;
	for (size_t i = 1; i < cn_area_codes_len; i++) {
		const struct cn_area_code *a = &cn_area_codes[i - 1], *b = &cn_area_codes[i];
		if (a->digits > b->digits || (a->digits == b->digits && a->prefix >= b->prefix))
			sorted = 0;
	}
	CHECK(sorted, "area codes sorted");
	CHECK_INT(cn_area_codes_len, 328, "area code rows");
	sorted = 1;
	for (size_t i = 1; i < cn_carrier_prefixes_len; i++) {
		const struct cn_carrier_prefix *a = &cn_carrier_prefixes[i - 1];
		const struct cn_carrier_prefix *b = &cn_carrier_prefixes[i];
		if (a->digits > b->digits || (a->digits == b->digits && a->prefix >= b->prefix))
			sorted = 0;
	}
	CHECK(sorted, "carrier prefixes sorted");
	CHECK_INT(cn_carrier_prefixes_len, 64, "carrier rows");
}

#define ROWS(a) (a), sizeof(a) / sizeof((a)[0])

int main(void)
{
	size_t cases = sizeof(oracle) / sizeof(oracle[0]) + sizeof(forms) / sizeof(forms[0]) +
		       sizeof(extensions) / sizeof(extensions[0]) +
		       sizeof(junk) / sizeof(junk[0]) + sizeof(regions) / sizeof(regions[0]) +
		       sizeof(multis) / sizeof(multis[0]);
	check_rows(ROWS(oracle));
	check_rows(ROWS(forms));
	check_rows(ROWS(extensions));
	check_rows(ROWS(junk));
	check_rows(ROWS(regions));
	check_multis();
	check_details();
	check_empty();
	check_api_edges();
	check_is_fake();
	check_tables();
	printf("# %zu parse cases\n", cases);
	return test_done();
}
