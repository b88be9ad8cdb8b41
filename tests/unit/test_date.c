#include "date.h"

#include <stdio.h>
#include <string.h>

#include "test.h"
#include "banned.h"

#define S DATE_ALLOW_SERIAL

static const struct {
	const char *in;
	unsigned opts;
	enum date_status st;
	const char *want;	/* date_format() of the result when DATE_OK */
} cases[] = {
	/* separators, Y-M-D */
	{ "2015-03-12", 0, DATE_OK, "2015-03-12" },
	{ "2015/3/12", 0, DATE_OK, "2015-03-12" },
	{ "2015.03.12", 0, DATE_OK, "2015-03-12" },
	{ "2015-3-2", 0, DATE_OK, "2015-03-02" },
	{ "  2015-03-12\t", 0, DATE_OK, "2015-03-12" },
	{ "2015-03/12", 0, DATE_INVALID, NULL },
	{ "2015-003-12", 0, DATE_INVALID, NULL },
	{ "2015-03-123", 0, DATE_INVALID, NULL },
	{ "15-03-2015-01", 0, DATE_INVALID, NULL },
	/* compact */
	{ "20150312", 0, DATE_OK, "2015-03-12" },
	{ "20150312102030", 0, DATE_OK, "2015-03-12T10:20:30" },
	{ "20150230", 0, DATE_INVALID, NULL },
	{ "20151312", 0, DATE_INVALID, NULL },
	{ "150312", 0, DATE_AMBIGUOUS, NULL },
	{ "151312", 0, DATE_INVALID, NULL },
	{ "1503", 0, DATE_INVALID, NULL },
	/* Chinese */
	{ "2015年3月12日", 0, DATE_OK, "2015-03-12" },
	{ "2015年03月12号", 0, DATE_OK, "2015-03-12" },
	{ "2015 年 3 月 12 日", 0, DATE_OK, "2015-03-12" },
	{ "2015年3月", 0, DATE_OK, "2015-03" },
	{ "2015年13月", 0, DATE_INVALID, NULL },
	{ "2015年", 0, DATE_INVALID, NULL },
	{ "15年3月12日", 0, DATE_AMBIGUOUS, NULL },
	{ "二〇一五年三月十二日", 0, DATE_OK, "2015-03-12" },
	{ "二零一五年十月二十一日", 0, DATE_OK, "2015-10-21" },
	{ "一九八八年十二月三十一日", 0, DATE_OK, "1988-12-31" },
	{ "二○○○年二月二十九日", 0, DATE_OK, "2000-02-29" },
	{ "二〇一五年二月三十日", 0, DATE_INVALID, NULL },
	{ "二〇一五年十月十日", 0, DATE_OK, "2015-10-10" },
	{ "二〇一五年三月二十三十日", 0, DATE_INVALID, NULL },
	{ "２０１５－０３－１２", 0, DATE_OK, "2015-03-12" },
	{ "２０１５年３月１２日", 0, DATE_OK, "2015-03-12" },
	{ "２０１５／３／１２　１０：２０", 0, DATE_OK, "2015-03-12T10:20:00" },
	{ "2015年3月12日星期四", 0, DATE_OK, "2015-03-12" },
	{ "2015年3月12日 星期四 10:20", 0, DATE_OK, "2015-03-12T10:20:00" },
	{ "2015-03-12（周四）", 0, DATE_OK, "2015-03-12" },
	{ "2015/3/12 (礼拜天)", 0, DATE_OK, "2015-03-12" },
	{ "2015年3月12日星期八", 0, DATE_INVALID, NULL },
	/* times */
	{ "2015-03-12 10:20:30", 0, DATE_OK, "2015-03-12T10:20:30" },
	{ "2015/3/12 10:20", 0, DATE_OK, "2015-03-12T10:20:00" },
	{ "2015/3/12 0:00:00", 0, DATE_OK, "2015-03-12T00:00:00" },
	{ "2015-03-12T02:20:30Z", 0, DATE_OK, "2015-03-12T02:20:30" },
	{ "2015-03-12T02:20:30.123Z", 0, DATE_OK, "2015-03-12T02:20:30" },
	{ "2015-03-12T10:20:30+08:00", 0, DATE_OK, "2015-03-12T10:20:30" },
	{ "2015-03-12T10:20:30-0500", 0, DATE_OK, "2015-03-12T10:20:30" },
	{ "2015-03-12 10:20:30 +08", 0, DATE_OK, "2015-03-12T10:20:30" },
	{ "2015-03-12 24:00:00", 0, DATE_INVALID, NULL },
	{ "2015-03-12 10:60", 0, DATE_INVALID, NULL },
	{ "2015-03-12 10:2", 0, DATE_INVALID, NULL },
	{ "2015-03-12T", 0, DATE_INVALID, NULL },
	{ "2015-03-12 abc", 0, DATE_INVALID, NULL },
	{ "2015-03 10:20", 0, DATE_INVALID, NULL },
	{ "2015/3/12 3:20 PM", 0, DATE_OK, "2015-03-12T15:20:00" },
	{ "2015/3/12 12:05 am", 0, DATE_OK, "2015-03-12T00:05:00" },
	{ "2015/3/12 3:20 P.M.", 0, DATE_OK, "2015-03-12T15:20:00" },
	{ "2015/3/12 3:20 a.m", 0, DATE_INVALID, NULL },
	{ "2015/3/12 3:20 p", 0, DATE_INVALID, NULL },
	{ "2015/3/12 13:05 pm", 0, DATE_INVALID, NULL },
	{ "2015/3/12 下午 3:20:30", 0, DATE_OK, "2015-03-12T15:20:30" },
	{ "2015年3月12日 上午10点", 0, DATE_OK, "2015-03-12T10:00:00" },
	{ "2015年3月12日10时20分30秒", 0, DATE_OK, "2015-03-12T10:20:30" },
	{ "2015年3月12日下午三点", 0, DATE_OK, "2015-03-12T15:00:00" },
	{ "2015年3月12日 10:20", 0, DATE_OK, "2015-03-12T10:20:00" },
	/* month precision */
	{ "2015-03", 0, DATE_OK, "2015-03" },
	{ "2015/3", 0, DATE_OK, "2015-03" },
	{ "2015.03", 0, DATE_INVALID, NULL },
	/* invalid calendar dates, leap years */
	{ "2015-02-30", 0, DATE_INVALID, NULL },
	{ "2015-02-29", 0, DATE_INVALID, NULL },
	{ "2016-02-29", 0, DATE_OK, "2016-02-29" },
	{ "2000-02-29", 0, DATE_OK, "2000-02-29" },
	{ "1900-02-29", 0, DATE_INVALID, NULL },
	{ "2015-04-31", 0, DATE_INVALID, NULL },
	{ "2015-12-31", 0, DATE_OK, "2015-12-31" },
	{ "2015-00-10", 0, DATE_INVALID, NULL },
	{ "2015-01-00", 0, DATE_INVALID, NULL },
	{ "0000-00-00", 0, DATE_INVALID, NULL },
	{ "0999-01-01", 0, DATE_INVALID, NULL },
	{ "9999-12-31", 0, DATE_OK, "9999-12-31" },
	/* day/month order */
	{ "03/04/2015", 0, DATE_AMBIGUOUS, NULL },
	{ "12/03/15", 0, DATE_AMBIGUOUS, NULL },
	{ "13/04/2015", 0, DATE_OK, "2015-04-13" },
	{ "04/13/2015", 0, DATE_OK, "2015-04-13" },
	{ "13.04.2015", 0, DATE_OK, "2015-04-13" },
	{ "05/05/2015", 0, DATE_OK, "2015-05-05" },
	{ "31/02/2015", 0, DATE_INVALID, NULL },
	{ "13/13/2015", 0, DATE_INVALID, NULL },
	{ "13/04/15", 0, DATE_AMBIGUOUS, NULL },
	{ "45/45/45", 0, DATE_INVALID, NULL },
	{ "03/04/2015 10:99", 0, DATE_INVALID, NULL },
	/* Excel serials */
	{ "42075", S, DATE_OK, "2015-03-12" },
	{ "42075", 0, DATE_INVALID, NULL },
	{ "42075.5", S, DATE_OK, "2015-03-12T12:00:00" },
	{ "42075.25", S, DATE_OK, "2015-03-12T06:00:00" },
	{ "42075.99998", S, DATE_OK, "2015-03-12T23:59:58" },
	{ "42075.9999999", S, DATE_OK, "2015-03-13T00:00:00" },
	{ "42075.", S, DATE_INVALID, NULL },
	{ "10000", S, DATE_OK, "1927-05-18" },
	{ "60000", S, DATE_OK, "2064-04-08" },
	{ "9999", S, DATE_INVALID, NULL },
	{ "60001", S, DATE_INVALID, NULL },
	{ "1234.5", S, DATE_INVALID, NULL },
	/* Unix time, shown in UTC+8 */
	{ "1426118400", S, DATE_OK, "2015-03-12T08:00:00" },
	{ "1426118400000", S, DATE_OK, "2015-03-12T08:00:00" },
	{ "1426118400999", S, DATE_OK, "2015-03-12T08:00:00" },
	{ "1426089600", S, DATE_OK, "2015-03-12T00:00:00" },
	{ "1426118400", 0, DATE_INVALID, NULL },
	{ "142611840", S, DATE_INVALID, NULL },
	/* empty and junk */
	{ "", 0, DATE_EMPTY, NULL },
	{ "   ", 0, DATE_EMPTY, NULL },
	{ "　", 0, DATE_EMPTY, NULL },
	{ "abc", 0, DATE_INVALID, NULL },
	{ "80后", 0, DATE_INVALID, NULL },
	{ "农历八月十五", 0, DATE_INVALID, NULL },
	{ "-", 0, DATE_INVALID, NULL },
	{ "2015-03-12 2015-03-12", 0, DATE_INVALID, NULL },
};

static void test_table(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct date_val d;
		char buf[32];
		enum date_status st = date_parse(cases[i].in, strlen(cases[i].in),
						 cases[i].opts, &d);
		CHECK_INT(st, cases[i].st, cases[i].in);
		if (st == DATE_OK && cases[i].want) {
			date_format(&d, buf, sizeof(buf));
			CHECK_STR(buf, cases[i].want, cases[i].in);
		} else if (st != DATE_OK) {
			CHECK(d.year == 0 && d.month == 0 && d.day == 0,
			      "%s: not zeroed", cases[i].in);
		}
	}
}

static void check_excel(double serial, const char *want)
{
	struct date_val d;
	char buf[32], ctx[64];

	snprintf(ctx, sizeof(ctx), "excel %g", serial);
	CHECK_INT(date_from_excel(serial, &d), DATE_OK, ctx);
	date_format(&d, buf, sizeof(buf));
	CHECK_STR(buf, want, ctx);
}

static void test_excel(void)
{
	struct date_val d;

	check_excel(1, "1900-01-01");
	check_excel(59, "1900-02-28");
	check_excel(60, "1900-02-29");	/* the Lotus leap-year bug */
	check_excel(61, "1900-03-01");
	check_excel(42075, "2015-03-12");
	check_excel(42075.5, "2015-03-12T12:00:00");
	check_excel(2958465, "9999-12-31");
	CHECK_INT(date_from_excel(0, &d), DATE_INVALID, "excel 0");
	CHECK_INT(date_from_excel(-5, &d), DATE_INVALID, "excel -5");
	CHECK_INT(date_from_excel(2958466, &d), DATE_INVALID, "excel max+1");
}

static void test_unix(void)
{
	struct date_val d;
	char buf[32];

	CHECK_INT(date_from_unix(0, &d), DATE_OK, "unix 0");
	date_format(&d, buf, sizeof(buf));
	CHECK_STR(buf, "1970-01-01T08:00:00", "unix 0");
	CHECK_INT(date_from_unix(-8 * 3600 - 1, &d), DATE_OK, "unix -28801");
	date_format(&d, buf, sizeof(buf));
	CHECK_STR(buf, "1969-12-31T23:59:59", "unix -28801");
}

static void test_civil(void)
{
	int y, m, d;
	long z;

	CHECK_INT(days_from_civil(1970, 1, 1), 0, "epoch");
	CHECK_INT(days_from_civil(2000, 3, 1), 11017, "2000-03-01");
	CHECK_INT(days_from_civil(1969, 12, 31), -1, "1969-12-31");
	CHECK_INT(days_from_civil(1899, 12, 30), -25569, "excel epoch");
	/* round trip over 1600..2400 */
	for (z = days_from_civil(1600, 1, 1); z < days_from_civil(2400, 1, 1); z++) {
		civil_from_days(z, &y, &m, &d);
		if (days_from_civil(y, m, d) != z || d < 1 ||
		    d > date_days_in_month(y, m))
			break;
	}
	CHECK_INT(z, days_from_civil(2400, 1, 1), "civil round trip");
	CHECK_INT(date_is_leap(1900), 0, "1900");
	CHECK_INT(date_is_leap(2000), 1, "2000");
	CHECK_INT(date_is_leap(2024), 1, "2024");
	CHECK_INT(date_days_in_month(2023, 2), 28, "feb 2023");
	CHECK_INT(date_days_in_month(2023, 13), 0, "month 13");
}

static void test_placeholder(void)
{
	static const struct {
		struct date_val d;
		int want;
	} p[] = {
		{ { 1900, 1, 1, 0, 0, 0, 0 }, 1 },
		{ { 1970, 1, 1, 1, 8, 0, 0 }, 1 },
		{ { 9999, 12, 31, 0, 0, 0, 0 }, 1 },
		{ { 1899, 12, 30, 0, 0, 0, 0 }, 1 },
		{ { 1753, 1, 1, 0, 0, 0, 0 }, 1 },
		{ { 1601, 1, 1, 0, 0, 0, 0 }, 1 },
		{ { 2000, 1, 1, 0, 0, 0, 0 }, 1 },
		{ { 0, 0, 0, 0, 0, 0, 0 }, 1 },
		{ { 1985, 1, 1, 0, 0, 0, 0 }, 0 },
		{ { 2015, 3, 12, 0, 0, 0, 0 }, 0 },
	};
	char ctx[32];

	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		snprintf(ctx, sizeof(ctx), "placeholder %zu", i);
		CHECK_INT(date_is_placeholder(&p[i].d), p[i].want, ctx);
	}
}

static void test_format(void)
{
	struct date_val d = { 2015, 3, 12, 0, 0, 0, 0 };
	char small[5];

	CHECK_INT(date_format(&d, small, sizeof(small)), 10, "format length");
	CHECK_STR(small, "2015", "format truncated");
}

int main(void)
{
	test_table();
	test_excel();
	test_unix();
	test_civil();
	test_placeholder();
	test_format();
	return test_done();
}
