#ifndef SCRM_CN_ADMIN_H
#define SCRM_CN_ADMIN_H
/*
 * Chinese administrative divisions (GB/T 2260), every code of 1981-2024
 * with its validity years, successors and, for current units, a GCJ-02
 * centroid. The tables are generated from data/cn/cn_admin_divisions.csv
 * by scripts/gen/cn_admin_table.sh and searched in place: no start-up
 * cost, no allocation.
 *
 * Data: yescallop/areacodes (CC0); centroids from Vonng/adcode via cpca
 * (CC BY 4.0, "Vonng/adcode (data from NBS, MCA, Amap)").
 */
#include <stddef.h>
#include <stdint.h>

enum cn_level {
	CN_PROVINCE = 1,	/* XX0000: 省, 自治区, 直辖市, 特别行政区 */
	CN_PREFECTURE = 2,	/* XXXX00: 地级市, 地区, 自治州, 盟 */
	CN_COUNTY = 3,		/* 区, 县, 县级市, 旗, 自治县... */
};

enum cn_status {
	CN_CURRENT = 0,		/* 在用 */
	CN_CHANGED = 1,		/* an earlier name or area of a code (变更) */
	CN_ABOLISHED = 2,	/* 弃用 */
};

enum cn_coord {
	CN_COORD_NONE = 0,	/* historical rows */
	CN_COORD_EXACT,		/* centroid of the unit itself */
	CN_COORD_RENAMED,	/* centroid of the unit under its former name */
	CN_COORD_PARENT,	/* unit newer than the source: parent's centroid */
};

/* One (code, name, period) row. Rows of one code are adjacent, current first. */
struct cn_division {
	const char *name;	/* name during the period: "崂山区" */
	const char *province;	/* province-level name at the time */
	const char *parent;	/* prefecture at the time, "直辖" if directly under the province, "" for provinces */
	const char *successors;	/* as in the data: "370203[1994];370203", "" if none */
	double lon, lat;	/* GCJ-02; 0 when coord == CN_COORD_NONE */
	int code;
	int parent_code;	/* prefecture, or the province for 直辖 units and prefectures; 0 for provinces */
	int current;		/* code that holds the unit today (itself when current), 0 if none */
	short valid_from;	/* year, inclusive */
	short valid_until;	/* year, exclusive; 0 while current */
	unsigned char level;	/* enum cn_level */
	unsigned char status;	/* enum cn_status */
	unsigned char coord;	/* enum cn_coord */
	unsigned char name_len;	/* bytes of name */
};

/* The current row of code, else its latest row; NULL if the code never existed. */
const struct cn_division *cn_admin_get(int code);
/* The row of code in force during year; NULL if none. */
const struct cn_division *cn_admin_at(int code, int year);
/* All rows of code (current first, then newest first); returns how many. */
size_t cn_admin_rows(int code, const struct cn_division **first);
/* 1 if code was ever a GB/T 2260 division code (ID cards keep abolished ones). */
int cn_admin_existed(int code);
/* The current code that replaced code (code itself when current); 0 if none. */
int cn_admin_successor(int code);
/* Is code a municipality (北京, 天津, 上海, 重庆)? (inline: address parsing asks often) */
static inline int cn_admin_is_municipality(int code)
{
	return code == 110000 || code == 120000 || code == 310000 || code == 500000;
}

/*
 * Name index: full names of every row plus short forms (崂山, 青岛, 广西,
 * 恩施, 恩施州...). Keys of former names point at the current unit.
 */
enum {
	CN_KEY_ALIAS = 1,	/* a short form, not the official name */
	CN_KEY_FORMER = 2,	/* the name of a unit that was renamed or abolished */
};

struct cn_name_match {
	const struct cn_division *row;	/* the row the name comes from */
	const struct cn_division *cur;	/* the current unit it stands for */
	unsigned len;			/* bytes of the name */
	unsigned kind;			/* CN_KEY_* bits */
};

/* Units whose full name or short form is exactly s[0, n); returns how many (at most max). */
size_t cn_admin_find_name(const char *s, size_t n, struct cn_name_match *out, size_t max);
/*
 * Names that are a prefix of s[0, n), any length, shortest first (the keys
 * are sorted by bytes); returns how many (at most max).
 */
size_t cn_admin_match_prefix(const char *s, size_t n, struct cn_name_match *out, size_t max);

/*
 * The keys that start with the first two characters of s[0, n): a run of
 * *count keys (cn_name_keys, sorted by bytes), NULL if none. The building
 * block of the two functions above, for callers that filter as they go.
 */
const struct cn_name_key *cn_admin_key_run(const char *s, size_t n, size_t *count);

/* The generated tables (scripts/gen/cn_admin_table.sh). */
struct cn_name_key {
	const char *key;
	unsigned short len;
	unsigned short kind;
	unsigned short row;	/* index into cn_divisions */
	unsigned short cur;	/* index of the current row */
	unsigned char tail[8];	/* bytes 6..13 of key, zero-padded: compared without a call */
};

extern const struct cn_division cn_divisions[];
extern const size_t cn_divisions_len;
extern const struct cn_name_key cn_name_keys[];
extern const size_t cn_name_keys_len;
/*
 * Open-addressing hashes, linear probing, sizes powers of two. Every key
 * starts with two three-byte characters (Han), code points a and b:
 * cn_name_slots holds prefix = a << 16 | b and run = start * 256 + count
 * of the keys that start with them (run 0: empty slot); cn_code_slots, on
 * a code, holds its first row + 1 (0: empty). Home slots (multiply-shift,
 * see cn_admin.c): (a * 165902235 + b * 133473217) >> 16, for a code c
 * (c * 165902235) >> 16, both modulo the size.
 */
struct cn_name_slot {
	uint32_t prefix;
	uint32_t run;
};

extern const struct cn_name_slot cn_name_slots[];
extern const size_t cn_name_slots_len;
extern const uint16_t cn_code_slots[];
extern const size_t cn_code_slots_len;

#endif
