#include "people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cn_admin.h"
#include "cn_phone.h"
#include "date.h"
#include "error.h"
#include "banned.h"

/* ---- calendar ---- */

static int days_in_year(int y)
{
	return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
}

char gen_idcard_check(const char *id17)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (id17[i] - '0') * weight[i];
	return "10X98765432"[sum % 11];
}

/* ---- the world ---- */

/* ID numbers a day can hold per sex, by birth decade: the age pyramid of customers. */
static int birth_capacity(int year)
{
	static const int per_decade[] = { 60, 200, 380, 450, 500, 420, 200 };
	return per_decade[(year - GEN_BIRTH_FIRST_YEAR) / 10];
}

static void cumulate(uint32_t *cum, size_t cap, size_t n, uint32_t (*weight)(size_t))
{
	uint32_t sum = 0;
	if (n > cap)
		scrm_die(SCRM_EXIT_USAGE, "internal error: table of %zu entries, room for %zu", n, cap);
	for (size_t i = 0; i < n; i++) {
		sum += weight(i);
		cum[i] = sum;
	}
}

static uint32_t county_weight(size_t i) { return gen_counties[i].weight; }
static uint32_t surname_weight(size_t i) { return gen_surnames[i].weight; }
static uint32_t prefix_weight(size_t i) { return gen_mobile_prefix_weights[i]; }
static uint32_t domain_weight(size_t i) { return gen_email_domain_weights[i]; }
static uint32_t product_weight(size_t i) { return gen_products[i].weight; }
/* Zipf-like: the first names of the list are by far the most common. */
static uint32_t given_name_weight(size_t i) { return (uint32_t)(120000 / (i + 4)); }

static int for_birthplace(const struct cn_division *d)
{
	int province = d->code / 10000;
	return d->level == CN_COUNTY && d->status == CN_CURRENT && d->code % 100 != 0 &&
	       province >= 11 && province <= 65 && strcmp(d->name, "市辖区") != 0;
}

/* Current county codes grouped by province: where people were born. */
static void index_birthplaces(struct gen_world *w)
{
	size_t n = 0;
	w->county_codes = xmalloc(cn_divisions_len * sizeof(int));
	for (int province = 11; province <= 65; province++) {
		w->province_start[province] = n;
		for (size_t i = 0; i < cn_divisions_len; i++) {
			const struct cn_division *d = &cn_divisions[i];
			if (for_birthplace(d) && d->code / 10000 == province &&
			    (n == 0 || w->county_codes[n - 1] != d->code))
				w->county_codes[n++] = d->code;
		}
		w->province_len[province] = n - w->province_start[province];
	}
	w->county_codes_len = n;
}

/* Abolished codes merged into each county (四方区 370205 into 市北区): older ID numbers keep them. */
static void index_former_codes(struct gen_world *w)
{
	char code[8];
	for (size_t c = 0; c < gen_counties_len; c++) {
		size_t k = 0;
		snprintf(code, sizeof(code), "%d", gen_counties[c].code);
		for (size_t i = 0; i < cn_divisions_len && k < 4; i++) {
			const struct cn_division *d = &cn_divisions[i];
			if (d->level == CN_COUNTY && d->status == CN_ABOLISHED && d->successors &&
			    strstr(d->successors, code) &&
			    d->code / 100 == gen_counties[c].code / 100) {
				w->former_code[c][k] = d->code;
				w->former_until[c][k] = d->valid_until;
				k++;
			}
		}
	}
}

static void gen_world_init(struct gen_world *w, const struct gen_config *cfg)
{
	memset(w, 0, sizeof(*w));
	w->cfg = *cfg;
	w->slots = 2 * (uint64_t)(cfg->people ? cfg->people : 1);
	cumulate(w->county_cum, ARRAY_SIZE(w->county_cum), gen_counties_len, county_weight);
	cumulate(w->surname_cum, ARRAY_SIZE(w->surname_cum), gen_surnames_len, surname_weight);
	cumulate(w->given_name_cum, ARRAY_SIZE(w->given_name_cum), gen_given_names_len,
		 given_name_weight);
	cumulate(w->prefix_cum, ARRAY_SIZE(w->prefix_cum), gen_mobile_prefixes_len, prefix_weight);
	cumulate(w->domain_cum, ARRAY_SIZE(w->domain_cum), gen_email_domains_len, domain_weight);
	cumulate(w->product_cum, ARRAY_SIZE(w->product_cum), gen_products_len, product_weight);
	for (int y = GEN_BIRTH_FIRST_YEAR; y <= GEN_BIRTH_LAST_YEAR; y++) {
		w->birth_year_start[y - GEN_BIRTH_FIRST_YEAR] = w->birth_cells;
		w->birth_cells += (uint64_t)days_in_year(y) * (uint64_t)birth_capacity(y);
	}
	index_birthplaces(w);
	index_former_codes(w);
	w->first_day = (int)days_from_civil(GEN_FIRST_YEAR, 1, 1);
	w->last_day = (int)days_from_civil(GEN_LAST_YEAR, 12, 31);
}

static void gen_world_release(struct gen_world *w)
{
	free(w->county_codes);
	w->county_codes = NULL;
}

/* ---- places ---- */

/* Positions in a community: 25 buildings, 2 units, 12 floors, 2 flats a floor. */
#define COMMUNITY_FLATS (25 * 2 * 12 * 2)

/*
 * Slot s of a county (slots numbered from its first) is flat s % 1200 of
 * community s / 1200. The first 768 communities of a county get distinct
 * names (word + suffix, in a keyed order), the next 768 the same names
 * with 二期, and so on to 八期: 6144 communities, 7.4 million flats, more
 * than the busiest county gets with 10 million people. So no two
 * households share an address.
 */

void gen_place(const struct gen_world *w, uint64_t slot, struct place *pl)
{
	uint32_t total = w->county_cum[gen_counties_len - 1];
	uint64_t x = slot * total / w->slots, start, t, q, h, name, names;
	size_t c = 0;
	const struct cn_division *d;
	size_t nroads = 0;

	while (w->county_cum[c] <= x)
		c++;
	/* the county's slots begin at the first s with s * total / slots >= cum[c - 1] */
	start = c ? (w->county_cum[c - 1] * w->slots + total - 1) / total : 0;
	t = slot - start;
	pl->county = &gen_counties[c];
	pl->community = (uint32_t)(t / COMMUNITY_FLATS);
	q = t % COMMUNITY_FLATS;
	pl->room = (int)(q % 2) + 1;
	q /= 2;
	pl->room += ((int)(q % 12) + 1) * 100;
	q /= 12;
	pl->unit = (int)(q % 2) + 1;
	pl->building = (int)(q / 2) + 1;

	names = gen_community_words_len * gen_community_suffixes_len;
	name = rand_permute(pl->community % names, names,
			    gen_key(w, GS_COMMUNITY) ^ (uint64_t)pl->county->code);
	pl->word = (int)(name % gen_community_words_len);
	pl->suffix = (int)(name / gen_community_words_len);
	pl->phase = (int)(pl->community / names % gen_phases_len);

	h = mix64(gen_key(w, GS_COMMUNITY) ^ ((uint64_t)pl->county->code << 32 | pl->community));
	while (pl->county->roads[nroads])
		nroads++;
	pl->road = (int)(h % nroads);
	pl->road_no = (int)((h >> 16) % 300) + 1;
	d = cn_admin_get(pl->county->code);
	/* within about 3 km of the district's centre */
	pl->lat = (d ? d->lat : 0) + ((double)((h >> 32) & 0xffff) / 65535.0 - 0.5) * 0.06;
	pl->lon = (d ? d->lon : 0) + ((double)((h >> 48) & 0xffff) / 65535.0 - 0.5) * 0.06;
}

void gen_community_name(const struct place *pl, strbuf *out)
{
	sb_adds(out, gen_community_words[pl->word]);
	sb_adds(out, gen_community_suffixes[pl->suffix]);
	sb_adds(out, gen_phases[pl->phase]);
}

/* ---- phones ---- */

static int fake_number(const char *digits)
{
	char e164[32];
	snprintf(e164, sizeof(e164), "+86%s", digits);
	return cn_phone_is_fake(e164);
}

void gen_mobile(const struct gen_world *w, uint64_t uid, int slot, char out[12])
{
	/*
	 * The 8 subscriber digits are unique per (person, slot): x < 3e7 for
	 * people, 3e7.. for stores. A number that looks fake (a repeated
	 * motif) is drawn again from x + 4e7, then x + 7e7: still unique.
	 */
	uint64_t x = uid * 3 + (uint64_t)slot;
	struct rng r;
	rng_seed_item(&r, gen_key(w, GS_MOBILE), x);
	for (uint64_t attempt = 0; attempt < 3; attempt++) {
		uint64_t base = attempt ? 10000000 + 30000000 * attempt : 0;
		uint64_t sub = rand_permute(x + base, 100000000, gen_key(w, GS_MOBILE));
		size_t i = rng_pick_cum(&r, w->prefix_cum, gen_mobile_prefixes_len);
		snprintf(out, 12, "%s%08llu", gen_mobile_prefixes[i], (unsigned long long)sub);
		if (!fake_number(out))
			return;
	}
}

static void make_landline(const struct gen_world *w, struct household *h)
{
	uint64_t local = rand_permute(h->uid, 10000000, gen_key(w, GS_LANDLINE));
	char digits[24];
	snprintf(h->landline, sizeof(h->landline), "8%07llu", (unsigned long long)local);
	snprintf(digits, sizeof(digits), "0%s%s", h->home.county->area, h->landline);
	if (fake_number(digits + 1))
		h->landline[0] = '5';
}

/* ---- households ---- */

void gen_household(const struct gen_world *w, uint32_t uid, int size, struct household *h)
{
	struct rng r;
	double p;

	memset(h, 0, sizeof(*h));
	rng_seed_item(&r, gen_key(w, GS_HOUSEHOLD), uid);
	h->uid = uid;
	h->size = size;
	gen_place(w, rand_permute(2 * (uint64_t)uid, w->slots, gen_key(w, GS_ADDRESS)), &h->home);
	if (rng_chance(&r, 0.10)) {
		gen_place(w, rand_permute(2 * (uint64_t)uid + 1, w->slots, gen_key(w, GS_ADDRESS)),
			  &h->prior);
		h->move_day = rng_between(&r, w->first_day + 180, w->last_day - 180);
	}
	p = rng_unit(&r);
	/* a landline belongs to the flat: only households that did not move have one */
	if (!h->move_day && p < (size == 1 ? 0.10 : 0.30))
		h->family_phone = FAMILY_LANDLINE;
	else if (size > 1 && p < 0.50)
		h->family_phone = FAMILY_MOBILE;
	if (h->family_phone == FAMILY_LANDLINE)
		make_landline(w, h);
}

/* ---- people ---- */

/*
 * Birth date, sex and ID sequence number from one cell of a keyed
 * permutation: no two people of the run can get the same ID number, in
 * any region, and the birth years follow birth_capacity().
 */
static void birth_cell(const struct gen_world *w, struct person *p, int *seq)
{
	uint64_t u = rand_permute(p->uid, 2 * w->birth_cells, gen_key(w, GS_BIRTH));
	uint64_t k = u >> 1, off;
	int year = GEN_BIRTH_FIRST_YEAR, cap, doy, slot;

	p->sex = (u & 1) ? 'M' : 'F';
	while (year < GEN_BIRTH_LAST_YEAR &&
	       w->birth_year_start[year + 1 - GEN_BIRTH_FIRST_YEAR] <= k)
		year++;
	off = k - w->birth_year_start[year - GEN_BIRTH_FIRST_YEAR];
	cap = birth_capacity(year);
	doy = (int)(off / (uint64_t)cap);
	slot = (int)(off % (uint64_t)cap);
	civil_from_days((int)days_from_civil(year, 1, 1) + doy, &p->birth_y, &p->birth_m,
			    &p->birth_d);
	/* 263 is prime to 500: distinct slots of a day stay distinct */
	*seq = 2 * (int)(((uint64_t)slot * 263 + (uint64_t)(year * 367 + doy) * 7) % 500) +
	       (p->sex == 'M');
}

/* Where the person was born: mostly where the household lives, else in the province or anywhere. */
static int birthplace(const struct gen_world *w, struct rng *r, const struct person *p)
{
	const struct county *home = p->hh->home.county;
	double x = rng_unit(r);
	size_t c = (size_t)(home - gen_counties);
	if (x < 0.55) {
		for (int k = 0; k < 4 && w->former_code[c][k]; k++)
			if (p->birth_y < w->former_until[c][k] && rng_chance(r, 0.3))
				return w->former_code[c][k];
		return home->code;
	}
	if (x < 0.85) {
		int province = home->code / 10000;
		if (w->province_len[province])
			return w->county_codes[w->province_start[province] +
					       rng_below(r, (uint32_t)w->province_len[province])];
	}
	return w->county_codes[rng_below(r, (uint32_t)w->county_codes_len)];
}

static void make_id_card(const struct gen_world *w, struct rng *r, struct person *p)
{
	int seq;
	birth_cell(w, p, &seq);
	snprintf(p->id_card, sizeof(p->id_card), "%06d%04d%02d%02d%03d", birthplace(w, r, p),
		 p->birth_y, p->birth_m, p->birth_d, seq);
	p->id_card[17] = gen_idcard_check(p->id_card);
	p->id_card[18] = '\0';
}

static const struct given_char *pick_char(struct rng *r, char sex)
{
	for (;;) {
		const struct given_char *g;
		g = &gen_given_chars[rng_below(r, (uint32_t)gen_given_chars_len)];
		if (g->sex == 'U' || g->sex == sex)
			return g;
	}
}

static void make_name(const struct gen_world *w, struct rng *r, struct person *p)
{
	strbuf sb = STRBUF_INIT;
	p->surname = &gen_surnames[rng_pick_cum(r, w->surname_cum, gen_surnames_len)];
	if (rng_chance(r, 0.25)) {
		/* one of the very common names: many people share them */
		const struct given_name *g;
		do
			g = &gen_given_names[rng_pick_cum(r, w->given_name_cum, gen_given_names_len)];
		while (g->sex != 'U' && g->sex != p->sex);
		p->given_len = (int)(strlen(g->han) / 3);
		for (int i = 0; i < p->given_len; i++)
			p->given[i] = gen_given_char(g->han + 3 * i, 3);
	} else {
		p->given_len = rng_chance(r, 0.15) ? 1 : 2;
		p->given[0] = pick_char(r, p->sex);
		if (p->given_len == 2) {
			do
				p->given[1] = pick_char(r, p->sex);
			while (p->given[1] == p->given[0] && !rng_chance(r, 0.05));
		}
	}
	sb_adds(&sb, p->surname->han);
	for (int i = 0; i < p->given_len; i++)
		sb_adds(&sb, p->given[i]->han);
	snprintf(p->name, sizeof(p->name), "%s", sb.buf);
	sb_release(&sb);
}

static void make_email(const struct gen_world *w, struct rng *r, struct person *p)
{
	size_t d = rng_pick_cum(r, w->domain_cum, gen_email_domains_len);
	const char *domain = gen_email_domains[d];
	unsigned long long tag = rand_permute(p->uid, 10000000, gen_key(w, GS_EMAIL));
	char given[32] = "";
	size_t n = 0;

	for (int i = 0; i < p->given_len; i++)
		n += (size_t)snprintf(given + n, sizeof(given) - n, "%s", p->given[i]->pinyin);
	if (strcmp(domain, "qq.com") == 0 && rng_chance(r, 0.7)) {
		/* a QQ number: unique like the person's number it comes from */
		uint64_t qq = rand_permute(p->uid, 900000000, gen_key(w, GS_QQ));
		snprintf(p->email, sizeof(p->email), "%llu@%s",
			 100000000ULL + (unsigned long long)qq, domain);
	} else if (strcmp(domain, "139.com") == 0 && p->mobile[0]) {
		/* China Mobile's mailbox is named after the number */
		snprintf(p->email, sizeof(p->email), "%s@%s", p->mobile, domain);
	} else {
		if (strcmp(domain, "139.com") == 0)
			domain = "163.com";
		switch (rng_below(r, 3)) {
		case 0:
			snprintf(p->email, sizeof(p->email), "%s%s%llu@%s", p->surname->pinyin, given,
				 tag, domain);
			break;
		case 1:
			snprintf(p->email, sizeof(p->email), "%c%s%llu@%s", p->surname->pinyin[0],
				 given, tag, domain);
			break;
		default:
			snprintf(p->email, sizeof(p->email), "%s.%s%llu@%s", p->surname->pinyin, given,
				 tag, domain);
		}
	}
}

/* The first day as a customer: in the window, and not before the 18th birthday. */
static int customer_since(const struct gen_world *w, struct rng *r, const struct person *p)
{
	int lo = (int)days_from_civil(p->birth_y + 18, p->birth_m, p->birth_d);
	int hi = w->last_day - 60;
	if (lo < w->first_day)
		lo = w->first_day;
	if (lo > hi - 60)
		lo = hi - 60;
	return rng_between(r, lo, hi - 300 > lo ? hi - 300 : hi);
}

void gen_person(const struct gen_world *w, const struct household *h, int member,
		const struct person *head, struct person *p)
{
	struct rng r;
	uint32_t uid = h->uid + (uint32_t)member;

	memset(p, 0, sizeof(*p));
	rng_seed_item(&r, gen_key(w, GS_PERSON), uid);
	p->uid = uid;
	p->hh = h;
	p->member = member;
	make_id_card(w, &r, p);
	make_name(w, &r, p);
	p->since = customer_since(w, &r, p);
	/* some older members have no phone of their own and give the family's */
	if (member > 0 && h->family_phone != FAMILY_NONE && rng_chance(&r, 0.10)) {
		p->mobile[0] = '\0';
	} else {
		gen_mobile(w, uid, 0, p->mobile);
		if (rng_chance(&r, 0.12)) {
			gen_mobile(w, uid, 2, p->old_mobile);
			p->change_day = rng_between(&r, p->since + 30, w->last_day);
		}
		if (rng_chance(&r, 0.10))
			gen_mobile(w, uid, 1, p->mobile2);
	}
	if (rng_chance(&r, 0.40)) {
		make_email(w, &r, p);
		/* a few share the e-mail address of the head of the family */
		if (head && head->email[0] && rng_chance(&r, 0.08))
			snprintf(p->email, sizeof(p->email), "%s", head->email);
	}
}

struct gen_world *gen_world_new(const struct gen_config *cfg)
{
	struct gen_world *w = xmalloc(sizeof(*w));
	gen_world_init(w, cfg);
	return w;
}

void gen_world_free(struct gen_world *w)
{
	if (!w)
		return;
	gen_world_release(w);
	free(w);
}
