#ifndef SCRM_GEN_PEOPLE_H
#define SCRM_GEN_PEOPLE_H
/*
 * The population: households with an address (and perhaps an earlier
 * one), people with a name, a birth date, an ID number, phones and an
 * e-mail address. Uniqueness is built in rather than checked: ID numbers,
 * phone numbers, serials and addresses come from keyed permutations of
 * the person's or household's number, so two people never share one by
 * accident (only where the model says so: a family phone, a store phone).
 */
#include <stdint.h>

#include "gen.h"
#include "rand.h"
#include "tables.h"

/* ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number. */
char gen_idcard_check(const char *id17);

struct place {
	const struct county *county;
	uint32_t community;	/* its number within the county */
	int word, suffix, phase;	/* its name: gen_community_words[word] ... */
	int road, road_no;	/* county->roads[road], road_no号 */
	int building, unit, room;
	double lat, lon;	/* the community's position */
};

enum { FAMILY_NONE, FAMILY_LANDLINE, FAMILY_MOBILE };

struct household {
	uint32_t uid;		/* number of its first member */
	int size;
	struct place home;
	struct place prior;	/* where it lived before move_day */
	int move_day;		/* 0: it never moved */
	int family_phone;	/* FAMILY_*: what members give instead of their own number */
	char landline[9];	/* local digits (area code: home.county->area) */
};

struct person {
	uint32_t uid;
	const struct household *hh;
	int member;		/* 0: the first member */
	char sex;		/* 'M' or 'F' */
	int birth_y, birth_m, birth_d;
	char id_card[19];
	const struct surname *surname;
	const struct given_char *given[2];
	int given_len;		/* 1 or 2 characters */
	char name[32];
	char mobile[12];	/* "" when the person has none (uses the family phone) */
	char old_mobile[12];	/* the number before change_day, "" if never changed */
	char mobile2[12];	/* a second number, "" if none */
	int change_day;
	char email[64];		/* "" if none */
	int since;		/* first day as a customer */
};

/* Run-wide tables (gen.h's struct gen_world). */
struct gen_world {
	struct gen_config cfg;
	uint64_t slots;		/* address slots: two per person (home, prior) */
	uint64_t birth_cells;	/* ID birth-date/sequence cells per sex */
	uint32_t county_cum[32];
	uint32_t surname_cum[128];
	uint32_t given_name_cum[128];
	uint32_t prefix_cum[64];
	uint32_t domain_cum[16];
	uint32_t product_cum[32];
	uint64_t birth_year_start[128];	/* first cell of each year 1940.. */
	/* county codes by province (two leading digits), for birthplaces */
	int *county_codes;
	size_t county_codes_len;
	size_t province_start[100], province_len[100];
	/* abolished codes whose area is now each county of gen_counties */
	int former_code[32][4];
	int former_until[32][4];
	int first_day, last_day;
};

#define GEN_BIRTH_FIRST_YEAR 1940
#define GEN_BIRTH_LAST_YEAR 2007

/* Keys of the random streams and permutations, one per purpose. */
enum gen_stream {
	GS_BLOCK = 1, GS_HOUSEHOLD, GS_PERSON, GS_RECORDS, GS_SHUFFLE, GS_ADDRESS,
	GS_BIRTH, GS_MOBILE, GS_LANDLINE, GS_SERIAL, GS_DEVICE, GS_QQ, GS_EMAIL,
	GS_OPENID, GS_COMMUNITY, GS_STORE,
};

static inline uint64_t gen_key(const struct gen_world *w, enum gen_stream s)
{
	return mix64(w->cfg.seed * 0x9e3779b97f4a7c15ULL + (uint64_t)s);
}

/* The place of address slot s (a number below w->slots). */
void gen_place(const struct gen_world *w, uint64_t slot, struct place *pl);
void gen_household(const struct gen_world *w, uint32_t uid, int size, struct household *h);
/* head: the household's first member (NULL when p is the first). */
void gen_person(const struct gen_world *w, const struct household *h, int member,
		const struct person *head, struct person *p);

/* Mobile number number slot of person uid (0: main, 1: second, 2: earlier), 11 digits. */
void gen_mobile(const struct gen_world *w, uint64_t uid, int slot, char out[12]);

/* The community's name: word + suffix + phase. */
void gen_community_name(const struct place *pl, strbuf *out);

/* The rates of the noise model, scaled by --noise. */
static inline double gen_noise(const struct gen_world *w, double rate)
{
	double p = rate * w->cfg.noise;
	return p > 1 ? 1 : p;
}

#endif
