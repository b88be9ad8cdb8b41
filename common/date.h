#ifndef SCRM_DATE_H
#define SCRM_DATE_H
/*
 * Dates as Chinese source systems write them (cn-cleaning-rules.md §5.1).
 *
 * Accepted by date_parse():
 *   2015-03-12  2015/3/12  2015.03.12  20150312  20150312102030
 *   2015年3月12日  2015年03月12号  二〇一五年三月十二日  (full-width digits too)
 *   any of these followed by a time: " 10:20", " 10:20:30(.123)",
 *   "T02:20:30Z", "T02:20:30+08:00", "10时20分30秒", "下午3点", "3:20 PM";
 *   a zone (Z, +08:00, -0500) is dropped: the wall time is kept as written.
 *   13/04/2015 (D/M/Y) and 04/13/2015 (M/D/Y) when only one order is a date.
 *   2015年3月, 2015-03, 2015/3: month precision, OK with day = 0.
 *   With DATE_ALLOW_SERIAL only: Excel serials (5 digits, 10000-60000,
 *   an optional fraction is the time of day; the 1900 system) and Unix time
 *   (10 digits seconds, 13 digits milliseconds, shown in UTC+8).
 *
 * DATE_AMBIGUOUS, never a guess:
 *   03/04/2015 (both fields <= 12 and different);
 *   any two-digit year (12/03/15, 15年3月12日, 150312 read as YYMMDD):
 *   the century is unknown. Six digits are never read as a date otherwise.
 */
#include <stddef.h>

struct date_val {
	int year, month, day;	/* day 0: month precision */
	int has_time, hour, min, sec;
};

enum date_status { DATE_EMPTY, DATE_OK, DATE_INVALID, DATE_AMBIGUOUS };

enum {
	DATE_ALLOW_SERIAL = 1,	/* Excel serials and Unix time: date columns only */
};

/* Parses s; *out is set on DATE_OK and zeroed otherwise. */
enum date_status date_parse(const char *s, size_t n, unsigned opts,
			    struct date_val *out);

/* Excel 1900-system serial (1 = 1900-01-01, 60 = the Lotus 1900-02-29). */
enum date_status date_from_excel(double serial, struct date_val *out);
/* Unix seconds, as a wall time in China Standard Time (UTC+8). */
enum date_status date_from_unix(long long secs, struct date_val *out);

/*
 * Writes "2015-03-12", "2015-03-12T10:20:30" or, for month precision,
 * "2015-03"; returns the length snprintf would have written.
 */
size_t date_format(const struct date_val *d, char *buf, size_t size);

/* Days since 1970-01-01 in the proleptic Gregorian calendar, and back. */
long days_from_civil(int y, int m, int d);
void civil_from_days(long z, int *y, int *m, int *d);

int date_is_leap(int y);
int date_days_in_month(int y, int m);

/*
 * 1 for the junk dates of §5.1: 1900-01-01, 1899-12-30, 1899-12-31,
 * 1970-01-01, 0000-00-00, 1753-01-01, 1601-01-01, 9999-12-31, 2000-01-01.
 * Future dates and ages over 110 depend on "today": the caller checks them.
 */
int date_is_placeholder(const struct date_val *d);

#endif
