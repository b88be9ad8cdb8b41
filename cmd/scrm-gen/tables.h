#ifndef SCRM_GEN_TABLES_H
#define SCRM_GEN_TABLES_H
/*
 * The vocabulary of the synthetic population: surnames by frequency,
 * given-name characters with pinyin, traditional forms and look-alike
 * typos, the counties people live in with their roads and phone area
 * codes, community names, products, faults and call-centre texts.
 * Weights are integers so sampling never depends on floating point.
 */
#include <stddef.h>
#include <stdint.h>

struct surname {
	const char *han;
	const char *trad;	/* traditional form, NULL when the same */
	const char *pinyin;
	const char *typo;	/* a homophone or look-alike typed by mistake, or NULL */
	uint32_t weight;	/* per 100,000 people */
};

struct given_char {
	const char *han;
	const char *trad;	/* NULL when the same */
	const char *pinyin;
	const char *typo;	/* NULL when none */
	char sex;		/* 'M', 'F' or 'U' (either) */
};

/* The most common full given names, most frequent first. */
struct given_name {
	const char *han;
	char sex;
};

struct county {
	int code;		/* GB/T 2260 */
	const char *province;	/* 山东省; for municipalities the city: 北京市 */
	const char *province_short;	/* 山东; 北京 */
	const char *city;	/* 青岛市 */
	const char *city_short;	/* 青岛 */
	const char *district;	/* 崂山区 */
	const char *district_short;	/* 崂山 */
	const char *area;	/* landline area code without the trunk 0: "532" */
	int local_unique;	/* 1: the district name alone names it (崂山区) */
	uint32_t weight;	/* share of households, per 10,000 */
	const char *const *roads;	/* NULL-terminated */
};

enum { PRODUCT_SMART = 1 };

struct product {
	const char *category;	/* canonical: refrigerator */
	const char *word;	/* the service system's category: 冰箱 */
	const char *brand;	/* 海尔, 卡萨帝, 统帅 */
	const char *model;	/* BCD-470WDPG */
	const char *title;	/* the product words of an order: 对开门冰箱 */
	int price;		/* list price in yuan */
	char serial_letter;	/* fourth character of the serial number */
	int flags;		/* PRODUCT_SMART: reports to the IoT platform */
	uint32_t weight;
};

extern const struct surname gen_surnames[];
extern const size_t gen_surnames_len;
extern const struct given_char gen_given_chars[];
extern const size_t gen_given_chars_len;
extern const struct given_name gen_given_names[];
extern const size_t gen_given_names_len;
extern const struct county gen_counties[];
extern const size_t gen_counties_len;
extern const char *const gen_community_words[];
extern const size_t gen_community_words_len;
extern const char *const gen_community_suffixes[];
extern const size_t gen_community_suffixes_len;
extern const char *const gen_phases[];
extern const size_t gen_phases_len;
extern const struct product gen_products[];
extern const size_t gen_products_len;
extern const char *const gen_mobile_prefixes[];
extern const uint32_t gen_mobile_prefix_weights[];
extern const size_t gen_mobile_prefixes_len;
extern const char *const gen_email_domains[];
extern const uint32_t gen_email_domain_weights[];
extern const size_t gen_email_domains_len;

/* Fault descriptions of a category ("不制冷"), NULL-terminated; never empty. */
const char *const *gen_faults(const char *category);
/* Reasons to call that name no fault: 咨询延保服务, 查询订单物流 ... */
extern const char *const gen_call_topics[];
extern const size_t gen_call_topics_len;

/* The character record of han (a given-name character), or NULL. */
const struct given_char *gen_given_char(const char *han, size_t n);

#endif
