#ifndef SCRM_CLEAN_FIELDS_H
#define SCRM_CLEAN_FIELDS_H
/* Small fields of customer records: gender, product category, price. */
#include <stddef.h>

#include "util.h"

/*
 * 'M', 'F' or 0 (unknown, unspecified or not a gender). Accepts 男/女,
 * 男性/女性, 男士/女士, 先生/小姐/太太, M/F, male/female, Mr/Ms/Mrs, in
 * any case and in full-width forms. Codes: GB/T 2261.1 has 1 = male,
 * 2 = female (0 = unknown, 9 = unspecified), but many systems store 0 for
 * female: 1 -> 'M', 0 and 2 -> 'F', 9 -> 0.
 */
char gender_parse(const char *s, size_t n);

/*
 * The product category of a product word, a product line or a product
 * name ("对开门冰箱", "海尔 BCD-470WDPG 冰箱", "fridge", "KFR-35GW"):
 * "refrigerator", "freezer", "washer", "dryer", "air_conditioner", ...
 * (the static list in fields.c, 30 categories); NULL when none applies.
 * More specific words win: 冰柜 is a freezer, 洗碗机 a dishwasher,
 * 空调扇 a fan, 电热水壶 a kettle. Each category name maps to itself.
 */
const char *category_from_text(const char *s, size_t n);

/* Number of categories and the i-th name (for listings and tests). */
size_t category_count(void);
const char *category_name(size_t i);

/*
 * Writes the amount of a price field to out (reset first): currency marks
 * (¥ ￥ 元 RMB CNY 人民币 块), thousands separators and spaces go, the
 * digits and the dot stay as written: "¥1,299.00" -> "1299.00",
 * "1299元" -> "1299", "￥1299.5" -> "1299.5". 万 (and w) multiply by
 * 10000, 千 (and k) by 1000: "1.2万" -> "12000". A leading minus is kept
 * (refunds and returns in after-sales ledgers). Returns 1 for a price,
 * 0 for an empty or invalid field (out is then empty). Another currency
 * ($, USD, HK$, €) is invalid: it would need a rate.
 */
int price_parse(const char *s, size_t n, strbuf *out);

#endif
