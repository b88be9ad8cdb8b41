/*
 * The records of a block of people: each person's life as a customer
 * (registration, purchases in stores and online, the appliances they own
 * reporting to the IoT platform, repairs, calls) written as the rows of
 * the six source exports, with the planted noise: junk rows, exact
 * duplicate rows and store phones typed on customers' orders; and with
 * what links a person's rows, as real records carry it (see ledger.h and
 * person_row).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "emit.h"
#include "forms.h"
#include "gen.h"
#include "ledger.h"
#include "people.h"
#include "banned.h"

const char *const gen_platform_prefix[] = { "TM", "JD", "DY" };
static const char *const platform_name[] = { "tmall", "jd", "douyin" };
enum { PLATFORM_TMALL, PLATFORM_JD, PLATFORM_DOUYIN };

/* Planted noise per file, before --noise scales it: junk rows and exact duplicates. */
static const double junk_rate[GF_COUNT] = { 0.005, 0.004, 0.002, 0.003, 0, 0.015 };
static const double dup_rate[GF_COUNT] = { 0.008, 0.006, 0.004, 0.005, 0.005, 0.003 };
/* Sales orders that carry the store's or the salesperson's phone. */
#define STORE_PHONE_RATE 0.03
#define SALESPERSON_PHONE_RATE 0.01

/*
 * Orders that carry the appliance's serial, scanned at delivery or
 * installation; nearly all of those of a connected appliance, which the
 * installer binds to the owner's app by scanning its code.
 */
#define SALES_SERIAL_RATE 0.60
#define ONLINE_SERIAL_RATE 0.30
#define CONNECTED_SERIAL_RATE 0.90

#define MAX_HOUSEHOLD 5
#define MAX_OWNED 8

/* How a person came by an appliance. */
enum { BOUGHT_IN_STORE, BOUGHT_ONLINE, BOUGHT_ELSEWHERE };

struct owned {
	const struct product *prod;
	int k;			/* its number among the person's: EV_SERIAL + k */
	int day;		/* bought (or first used) */
	int how;		/* BOUGHT_* */
	int activated;		/* the day it joined the IoT platform, 0: never */
	char serial[16];
	char device[16];
};

/* Everything one person's rows are made from. */
struct maker {
	const struct gen_world *w;
	struct gen_block *b;
	struct rng r;
	const struct household *hh;
	const struct person *members;	/* the household, members[0] first */
	const struct person *p;
	strbuf *f;			/* a field being built */
	/* the row being written */
	uint32_t ev;			/* the evidence it carries so far */
	uint32_t main;			/* rewriting: the evidence of the person's main group */
	uint32_t want;			/* rewriting: the evidence to give it (part of main) */
	int give_phone;			/* no row of the person has given a number yet: give one */
	int gave_flat;			/* a row of the person has given the flat */
	int need_flat;			/* none has, and this is the last that can */
	int tag, store_phone;
	/* the person's rows so far */
	struct ledger led;
	struct {
		uint8_t file;
		uint32_t index;
	} where[LEDGER_ROWS];		/* ledger row -> row of the part */
};

/* ---- rows ---- */

static struct gen_row *add_row(struct maker *m, enum gen_file file, size_t off, int kind)
{
	struct gen_part *pt = &m->b->part[file];
	struct gen_row *row;
	GROW(pt->rows, pt->cap, pt->n + 1);
	row = &pt->rows[pt->n++];
	memset(row, 0, sizeof(*row));
	row->off = (uint32_t)off;
	row->len = (uint32_t)(pt->text.len - off);
	row->kind = (uint8_t)kind;
	row->dup_of = -1;
	if (kind == ROW_PERSON) {
		row->person = m->p->uid;
		row->household = m->hh->uid;
	}
	return row;
}

/* Ends a person's row; now and then the export repeats it exactly. */
static void end_row(struct maker *m, enum gen_file file, size_t off, int tag, int store_phone)
{
	struct gen_part *pt = &m->b->part[file];
	struct gen_row *row = add_row(m, file, off, ROW_PERSON);
	row->tag = (uint8_t)tag;
	row->store_phone = (uint8_t)store_phone;
	if (rng_chance(&m->r, gen_noise(m->w, dup_rate[file]))) {
		struct gen_row copy = *row;
		copy.dup_of = (int32_t)(pt->n - 1);
		GROW(pt->rows, pt->cap, pt->n + 1);
		pt->rows[pt->n++] = copy;
	}
}

static void csv_field(struct maker *m, enum gen_file file)
{
	strbuf *t = &m->b->part[file].text;
	put_c(t, ',');
	put_csv(t, m->f->buf ? m->f->buf : "", m->f->len);
	sb_reset(m->f);
}

static int time_of_day(struct rng *r)
{
	return rng_between(r, 8 * 3600, 21 * 3600 + 59 * 60);
}

/* ---- evidence ---- */

/*
 * When a row is written again (m->main set), it gives the first of the
 * ways to link it that the person's main group has: m->want. Otherwise
 * m->want is 0 and every field takes its chances. The phone number comes
 * last in every list: a row that can be linked otherwise keeps the number
 * drawn for it, the second mobile, the store's or a masked one.
 */
static void choose_link(struct maker *m, const uint32_t *ways, size_t n)
{
	m->want = 0;
	for (size_t i = 0; i < n && m->main; i++) {
		if (m->main & ways[i]) {
			m->want = m->main & ways[i];
			return;
		}
	}
}

#define CHOOSE_LINK(m, ways) choose_link((m), (ways), ARRAY_SIZE(ways))

static int wants(const struct maker *m, uint32_t ev)
{
	return (m->want & ev) != 0;
}

/* The name at the flat of pl: evidence once both are written (and read back). */
static uint32_t flat_ev(const struct maker *m, const struct place *pl)
{
	return pl == &m->hh->home ? EV(EV_HOME_FLAT) : EV(EV_PRIOR_FLAT);
}

static uint32_t serial_ev(const struct owned *o)
{
	return EV(EV_SERIAL + o->k);
}

/* ---- who, where, which number ---- */

static const struct place *place_at(const struct household *h, int day)
{
	return h->move_day && day < h->move_day ? &h->prior : &h->home;
}

static const char *mobile_at(const struct person *p, int day)
{
	if (!p->mobile[0])
		return NULL;
	return p->old_mobile[0] && day < p->change_day ? p->old_mobile : p->mobile;
}

struct phone {
	const char *mobile;	/* 11 digits, or NULL for the landline */
	const struct household *landline;
};

/* Which of the person's numbers ph is (the numbers are told apart by where they are kept). */
static uint32_t phone_ev(const struct maker *m, struct phone ph)
{
	const struct person *p = m->p, *head = &m->members[0];
	if (ph.landline)
		return EV(EV_LANDLINE);
	if (ph.mobile == p->mobile)
		return EV(EV_MOBILE);
	if (ph.mobile == p->old_mobile)
		return EV(EV_OLD_MOBILE);
	if (ph.mobile == p->mobile2)
		return EV(EV_MOBILE2);
	if (ph.mobile == head->mobile)
		return EV(EV_HEAD_MOBILE);
	if (ph.mobile == head->old_mobile)
		return EV(EV_HEAD_OLD_MOBILE);
	return 0;
}

/* A number of the person that m->want asks for: the one of day first, then the others. */
static int wanted_phone(const struct maker *m, int day, int mobile_only, struct phone *ph)
{
	const struct person *p = m->p, *head = &m->members[0];
	const char *const mobiles[] = {
		mobile_at(p, day), p->mobile, p->old_mobile, p->mobile2,
		mobile_at(head, day), head->mobile, head->old_mobile,
	};
	for (size_t i = 0; i < ARRAY_SIZE(mobiles); i++) {
		struct phone t = { mobiles[i], NULL };
		if (mobiles[i] && mobiles[i][0] && wants(m, phone_ev(m, t))) {
			*ph = t;
			return 1;
		}
	}
	if (!mobile_only && wants(m, EV(EV_LANDLINE))) {
		ph->mobile = NULL;
		ph->landline = m->hh;
		return 1;
	}
	return 0;
}

/* The number a person gives on day: their own, the second, or the family's. */
static struct phone phone_at(struct maker *m, int day, double family_share)
{
	struct phone ph = { NULL, NULL }, wanted;
	const struct person *p = m->p;
	int family = !p->mobile[0] ||
		 (m->hh->family_phone != FAMILY_NONE && rng_chance(&m->r, family_share));
	/* without a mobile of their own, people give the landline or a relative's mobile */
	if (!p->mobile[0] && rng_chance(&m->r, 0.3))
		ph.mobile = m->members[0].mobile;
	else if (family && m->hh->family_phone == FAMILY_LANDLINE)
		ph.landline = m->hh;
	else if (family && m->hh->family_phone == FAMILY_MOBILE)
		ph.mobile = mobile_at(&m->members[0], day);
	else if (p->mobile2[0] && rng_chance(&m->r, 0.2))
		ph.mobile = p->mobile2;
	else
		ph.mobile = mobile_at(p, day);
	if (!ph.mobile && !ph.landline)
		ph.mobile = m->members[0].mobile;
	return wanted_phone(m, day, 0, &wanted) ? wanted : ph;
}

/*
 * local_ok: the row's address names the city, so the area code may be
 * left out. Only for Qingdao: scrm-clean cannot tell which city an area
 * code shared by several cities (029 西安, 咸阳) stands for.
 */
static void put_phone(struct maker *m, struct phone ph, enum form_ctx ctx, int local_ok)
{
	if (ph.landline)
		local_ok = local_ok && strcmp(ph.landline->home.county->area, "532") == 0;
	if (ph.mobile)
		gen_form_mobile(m->f, &m->r, ph.mobile, ctx);
	else
		gen_form_landline(m->f, &m->r, ph.landline->home.county->area, ph.landline->landline,
			      NULL, local_ok);
	m->ev |= phone_ev(m, ph);
}

/* A mobile for systems that only take mobiles (online shops, apps). */
static const char *any_mobile(struct maker *m, int day)
{
	struct phone ph;
	const char *mob;
	if (wanted_phone(m, day, 1, &ph))
		return ph.mobile;
	mob = mobile_at(m->p, day);
	return mob ? mob : mobile_at(&m->members[0], day);
}

static void put_mobile(struct maker *m, strbuf *b, const char *mobile, enum form_ctx ctx)
{
	struct phone ph = { mobile, NULL };
	gen_form_mobile(b, &m->r, mobile, ctx);
	m->ev |= phone_ev(m, ph);
}

/* ---- names, addresses, identifiers ---- */

/*
 * A value the row must give as it is: written over the form drawn for it,
 * so that a row written again makes the same draws as the first time.
 */
static void put_plain(strbuf *f, size_t start, const char *value)
{
	sb_setlen(f, start);
	put(f, value);
}

/* Returns whether the surname reads back: with the flat, the name at the flat is evidence. */
static int put_name(struct maker *m, enum form_ctx ctx, uint32_t flat)
{
	size_t start = m->f->len;
	int ok = gen_form_name(m->f, &m->r, m->w, m->p, ctx);
	if (!wants(m, flat))
		return ok;
	put_plain(m->f, start, m->p->name);
	return 1;
}

/* Whether the row must give the address with its flat. */
static int needs_flat(const struct maker *m, const struct place *pl)
{
	return wants(m, flat_ev(m, pl)) || m->need_flat;
}

static void put_address(struct maker *m, const struct place *pl, int name_ok)
{
	if (!gen_form_address(m->f, &m->r, pl, needs_flat(m, pl)))
		return;
	m->gave_flat = 1;
	if (name_ok)
		m->ev |= flat_ev(m, pl);
}

static void put_email(struct maker *m)
{
	size_t start = m->f->len;
	int ok = gen_form_email(m->f, &m->r, m->w, m->p->email);
	if (wants(m, EV(EV_EMAIL)))
		put_plain(m->f, start, m->p->email), ok = 1;
	if (ok)
		m->ev |= EV(EV_EMAIL);
}

static void put_id_card(struct maker *m)
{
	size_t start = m->f->len;
	int ok = gen_form_id_card(m->f, &m->r, m->w, m->p);
	if (wants(m, EV(EV_ID_CARD)))
		put_plain(m->f, start, m->p->id_card), ok = 1;
	if (ok)
		m->ev |= EV(EV_ID_CARD);
}

/* ---- stores ---- */

/* Each county has three stores; the first six counties are Qingdao's. */
static const char *const store_kinds[] = { "旗舰店", "专卖店", "体验店" };
#define STORE_KINDS ((int)ARRAY_SIZE(store_kinds))
#define QINGDAO_STORES (6 * STORE_KINDS)

static int store_of(struct maker *m, const struct place *pl)
{
	int county = (int)(pl->county - gen_counties);
	return county * STORE_KINDS + (int)rng_below(&m->r, STORE_KINDS);
}

static void store_name(strbuf *b, int store)
{
	const struct county *c = &gen_counties[store / STORE_KINDS];
	put(b, c->city_short), put(b, c->district_short);
	put(b, store_kinds[store % STORE_KINDS]);
}

static void store_landline(const struct gen_world *w, int store, char local[9])
{
	uint64_t x = rand_permute((uint64_t)store, 10000000, gen_key(w, GS_STORE));
	snprintf(local, 9, "6%07llu", (unsigned long long)x);
}

/* ---- the six exports ---- */

/* What a row is about: the file and what the row function needs. */
struct what {
	enum gen_file file;
	const struct owned *o;	/* the appliance (sales, service, ecommerce, iot, fault calls) */
	int day;
	int snapshot;		/* members: the profile as it is now */
	const char *text;	/* service and fault calls: the fault; other calls: the topic */
};

/* The rows of a person, planned before they are written (see person_rows). */
struct plan {
	struct what row[LEDGER_ROWS];
	int n;
};

static void plan_add(struct plan *pl, const struct what *wh)
{
	if (pl->n < LEDGER_ROWS)
		pl->row[pl->n++] = *wh;
}

static void member_row(struct maker *m, const struct what *wh)
{
	const struct person *p = m->p;
	struct rng *r = &m->r;
	int birth = (int)days_from_civil(p->birth_y, p->birth_m, p->birth_d);
	/* the member table shows the profile as it is now, or as registered */
	int as_of = wh->snapshot ? m->w->last_day : wh->day;
	const struct place *pl = place_at(m->hh, as_of);
	const uint32_t ways[] = { EV(EV_ID_CARD), EV(EV_EMAIL), flat_ev(m, pl), EV_PHONES };
	int name_ok;
	double g;

	CHOOSE_LINK(m, ways);
	name_ok = put_name(m, FC_MEMBERS, flat_ev(m, pl));
	csv_field(m, GF_MEMBERS);
	put_phone(m, phone_at(m, as_of, 0.1), FC_MEMBERS, 0);
	csv_field(m, GF_MEMBERS);
	g = rng_unit(r);
	if (g < 0.70)
		put(m->f, p->sex == 'M' ? "男" : "女");
	else if (g < 0.80)
		put(m->f, p->sex == 'M' ? "M" : "F");
	else if (g < 0.85)
		put(m->f, p->sex == 'M' ? "1" : "2");
	csv_field(m, GF_MEMBERS);
	if (rng_chance(r, gen_noise(m->w, 0.02)))
		birth += rng_between(r, 1, 3);	/* a mistyped birthday */
	gen_form_date(m->f, r, birth, 0, DS_BIRTH);
	csv_field(m, GF_MEMBERS);
	if (p->email[0] && (rng_chance(r, 0.9) || wants(m, EV(EV_EMAIL))))
		put_email(m);
	csv_field(m, GF_MEMBERS);
	gen_form_date(m->f, r, wh->day, time_of_day(r), DS_REGISTER);
	csv_field(m, GF_MEMBERS);
	if (rng_chance(r, 0.92) || needs_flat(m, pl))
		put_address(m, pl, name_ok);
	csv_field(m, GF_MEMBERS);
	if (rng_chance(r, 0.6) || wants(m, EV(EV_ID_CARD)))
		put_id_card(m);
	csv_field(m, GF_MEMBERS);
}

static int paid_price(struct rng *r, const struct product *prod)
{
	int price = prod->price - 100 * (int)rng_below(r, 6);
	return price > 99 ? price : prod->price;
}

static void product_words(struct maker *m, const struct product *prod, int title_only_ok)
{
	double x = rng_unit(&m->r);
	if (x < 0.6) {
		put(m->f, prod->brand), put_c(m->f, ' '), put(m->f, prod->model), put_c(m->f, ' ');
		put(m->f, prod->title);
	} else if (x < 0.9 || !title_only_ok) {
		put(m->f, prod->brand), put_c(m->f, ' '), put(m->f, prod->title);
	} else {
		put(m->f, prod->title);
	}
}

/* The store's landline or the salesperson's mobile, typed instead of the customer's number. */
static void store_phone(struct maker *m, int store, int salesperson)
{
	if (salesperson) {
		char mob[12];
		gen_mobile(m->w, GEN_MAX_PEOPLE + (uint64_t)store, 0, mob);
		gen_form_mobile(m->f, &m->r, mob, FC_SALES);
	} else {
		char local[9];
		store_landline(m->w, store, local);
		gen_form_landline(m->f, &m->r, gen_counties[store / STORE_KINDS].area, local,
				  NULL, 0);
	}
	m->store_phone = 1;
}

static void sales_phone(struct maker *m, int day, int store, int local_ok)
{
	double x = rng_unit(&m->r);
	double store_p = gen_noise(m->w, STORE_PHONE_RATE);
	double sales_p = gen_noise(m->w, SALESPERSON_PHONE_RATE);
	struct phone ph;
	if (x < store_p + sales_p) {
		store_phone(m, store, x >= store_p);
		/* an order that needs the customer's number has it too: 0532-6... / 139... */
		if (!wants(m, EV_PHONES) && !m->give_phone)
			return;
		put(m->f, " / ");
	}
	ph = phone_at(m, day, 0.15);
	put_phone(m, ph, FC_SALES, local_ok);
	/* both numbers in one field: 186... / 0532-... */
	if (!m->store_phone && ph.mobile && m->hh->family_phone == FAMILY_LANDLINE &&
	    rng_chance(&m->r, 0.1)) {
		put(m->f, " / ");
		gen_form_landline(m->f, &m->r, m->hh->home.county->area, m->hh->landline, NULL, 0);
		m->ev |= EV(EV_LANDLINE);
	}
}

static void sales_row(struct maker *m, const struct what *wh)
{
	const struct owned *o = wh->o;
	struct rng *r = &m->r;
	const struct place *pl = place_at(m->hh, o->day);
	const uint32_t ways[] = { flat_ev(m, pl), EV_PHONES };
	int store, has_address, name_ok;
	double x;

	CHOOSE_LINK(m, ways);
	store = store_of(m, pl);
	has_address = rng_chance(r, 0.97) || needs_flat(m, pl);
	name_ok = put_name(m, FC_SALES, flat_ev(m, pl));
	csv_field(m, GF_SALES);
	sales_phone(m, o->day, store, has_address);
	csv_field(m, GF_SALES);
	if (has_address)
		put_address(m, pl, name_ok);
	csv_field(m, GF_SALES);
	product_words(m, o->prod, 1);
	csv_field(m, GF_SALES);
	if (rng_chance(r, 0.9))
		put(m->f, o->prod->model);
	csv_field(m, GF_SALES);
	if (rng_chance(r, o->activated ? CONNECTED_SERIAL_RATE : SALES_SERIAL_RATE))
		put(m->f, o->serial), m->ev |= serial_ev(o);
	csv_field(m, GF_SALES);
	gen_form_price(m->f, r, paid_price(r, o->prod));
	csv_field(m, GF_SALES);
	gen_form_date(m->f, r, o->day, time_of_day(r), DS_ORDER);
	csv_field(m, GF_SALES);
	store_name(m->f, store);
	csv_field(m, GF_SALES);
	x = rng_unit(r);
	if (m->store_phone && x < 0.5)
		put(m->f, "门店代下单");
	else if (x < 0.05)
		put(m->f, "送货前电话联系");
	else if (x < 0.07)
		put(m->f, "送货前电话联系,\n谢谢");
	else if (x < 0.09)
		put(m->f, "需要安装");
	csv_field(m, GF_SALES);
}

static void service_row(struct maker *m, const struct what *wh)
{
	const struct owned *o = wh->o;
	struct rng *r = &m->r;
	const struct place *pl = place_at(m->hh, wh->day);
	const uint32_t ways[] = { serial_ev(o), flat_ev(m, pl), EV_PHONES };
	int name_ok;
	double x;

	CHOOSE_LINK(m, ways);
	name_ok = put_name(m, FC_SERVICE, flat_ev(m, pl));
	csv_field(m, GF_SERVICE);
	put_phone(m, phone_at(m, wh->day, 0.2), FC_SERVICE, 1);
	csv_field(m, GF_SERVICE);
	put_address(m, pl, name_ok);
	csv_field(m, GF_SERVICE);
	if (rng_chance(r, 0.95))
		put(m->f, o->prod->word);
	csv_field(m, GF_SERVICE);
	if (rng_chance(r, 0.85) || wants(m, serial_ev(o)))
		put(m->f, o->serial), m->ev |= serial_ev(o);
	csv_field(m, GF_SERVICE);
	x = rng_unit(r);
	if (x < 0.5)
		put(m->f, o->prod->word), put(m->f, wh->text);
	else if (x < 0.8)
		put(m->f, wh->text);
	else if (x < 0.95)
		put(m->f, o->prod->word), put(m->f, wh->text), put(m->f, ",客户要求尽快上门");
	else
		put(m->f, o->prod->word), put(m->f, wh->text), put(m->f, "，已多次报修");
	csv_field(m, GF_SERVICE);
	gen_form_date(m->f, r, wh->day, time_of_day(r), DS_SERVICE);
	csv_field(m, GF_SERVICE);
}

static void json_key(strbuf *t, const char *key)
{
	put(t, ",\""), put(t, key), put(t, "\":");
}

static void json_field(struct maker *m, strbuf *t, const char *key)
{
	json_key(t, key);
	put_json(t, m->f->buf ? m->f->buf : "", m->f->len);
	sb_reset(m->f);
}

static int pick_platform(struct rng *r)
{
	uint32_t x = rng_below(r, 100);
	return x < 50 ? PLATFORM_TMALL : x < 85 ? PLATFORM_JD : PLATFORM_DOUYIN;
}

/* which: 0-2 the account on each platform, 3 the shop's cookie */
static void online_id(struct maker *m, strbuf *t, const char *key, const char *prefix, int which)
{
	uint64_t x = rand_permute((uint64_t)m->p->uid * 4 + (uint64_t)which, 1ULL << 40,
				  gen_key(m->w, GS_OPENID));
	json_key(t, key);
	put_c(t, '"'), put(t, prefix), put_hex(t, x, 10), put_c(t, '"');
}

static void ecommerce_phone(struct maker *m, strbuf *t, const char *mob, int masked)
{
	json_key(t, "receiver_phone");
	if (masked) {
		/* the platform hides the middle digits: no longer evidence by itself */
		put_c(t, '"'), put_n(t, mob, 3), put(t, "****"), put(t, mob + 7), put_c(t, '"');
	} else if (rng_chance(&m->r, 0.03)) {
		struct phone ph = { mob, NULL };
		put(t, mob);	/* a JSON number */
		m->ev |= phone_ev(m, ph);
	} else {
		put_mobile(m, m->f, mob, FC_ECOMMERCE);
		put_json(t, m->f->buf, m->f->len);
		sb_reset(m->f);
	}
}

static void ecommerce_row(struct maker *m, const struct what *wh)
{
	/*
	 * Orders whose number the platform hides. A person's first rows give
	 * their number (see person_row), so about 15, 40 and 30% end masked.
	 */
	static const double mask_rate[] = { 0.19, 0.50, 0.37 };
	static const char *const account_prefix[] = { "oTmall_", "oJd_", "oDy_" };
	const struct owned *o = wh->o;
	strbuf *t = &m->b->part[GF_ECOMMERCE].text;
	struct rng *r = &m->r;
	const struct place *pl = place_at(m->hh, o->day);
	int platform = pick_platform(r), price = paid_price(r, o->prod), secs = time_of_day(r);
	const uint32_t ways[] = {
		EV(EV_OPENID + platform), serial_ev(o), EV(EV_EMAIL), flat_ev(m, pl),
		EV_PHONES & ~EV(EV_LANDLINE),
	};
	int masked, account, email, name_ok;

	CHOOSE_LINK(m, ways);
	masked = rng_chance(r, mask_rate[platform]) && !wants(m, EV_PHONES) && !m->give_phone;
	/* the buyer's account comes with every order whose number the platform hides */
	account = rng_chance(r, 0.85) || masked || wants(m, EV(EV_OPENID + platform));
	name_ok = put_name(m, FC_ECOMMERCE, flat_ev(m, pl));
	json_field(m, t, "buyer_name");
	ecommerce_phone(m, t, any_mobile(m, o->day), masked);
	if (rng_chance(r, 0.95) || needs_flat(m, pl)) {
		put_address(m, pl, name_ok);
		json_field(m, t, "shipping_address");
	}
	if (strcmp(o->prod->brand, "海尔") == 0 && rng_chance(r, 0.3))
		put(m->f, "Haier/");
	product_words(m, o->prod, 0);
	json_field(m, t, "product_title");
	if (rng_chance(r, o->activated ? CONNECTED_SERIAL_RATE : ONLINE_SERIAL_RATE) ||
	    wants(m, serial_ev(o))) {
		json_key(t, "sn");
		put_c(t, '"'), put(t, o->serial), put_c(t, '"');
		m->ev |= serial_ev(o);
	}
	json_key(t, "pay_amount");
	if (rng_chance(r, 0.5))
		put_uint(t, (uint64_t)price), put(t, ".00");
	else if (rng_chance(r, 0.6))
		put_uint(t, (uint64_t)price);
	else
		put_c(t, '"'), put_uint(t, (uint64_t)price), put(t, ".00\"");
	json_key(t, "pay_time");
	gen_form_date(t, r, o->day, secs, DS_PAY);
	json_key(t, "platform");
	put_c(t, '"'), put(t, platform_name[platform]), put_c(t, '"');
	if (account) {
		online_id(m, t, "openid", account_prefix[platform], platform);
		m->ev |= EV(EV_OPENID + platform);
	}
	email = m->p->email[0] &&
		(rng_chance(r, platform == PLATFORM_JD ? 0.4 : 0.1) || wants(m, EV(EV_EMAIL)));
	if (email) {
		put_email(m);
		json_field(m, t, "email");
	}
	if (rng_chance(r, 0.1))
		online_id(m, t, "anon_id", "ck_", 3);
	put(t, "}\n");
	m->tag = platform;
}

static void put_coord(strbuf *b, double v)
{
	/* four decimals, as the devices report them (v > 0 here) */
	uint64_t x = (uint64_t)(v * 10000 + 0.5);
	put_uint(b, x / 10000), put_c(b, '.'), put_uint_pad(b, x % 10000, 4);
}

/* The phone of the app account the appliance was bound to. */
static void iot_phone(struct maker *m, strbuf *t, int day)
{
	struct phone ph;
	double x = rng_unit(&m->r);
	if (wanted_phone(m, day, 1, &ph) || m->give_phone || x < 0.93) {
		put_mobile(m, t, any_mobile(m, day), FC_IOT);
	} else if (x < 0.95) {
		/* the module's own IoT number, not a person's */
		put(t, "1440"), put_uint_pad(t, rng_below(&m->r, 1000000000), 9);
	}
}

static void iot_row(struct maker *m, const struct what *wh)
{
	const struct owned *o = wh->o;
	strbuf *t = &m->b->part[GF_IOT].text;
	struct rng *r = &m->r;
	const struct place *pl = place_at(m->hh, wh->day);
	const uint32_t ways[] = { serial_ev(o), EV_PHONES & ~EV(EV_LANDLINE) };
	double x;

	CHOOSE_LINK(m, ways);
	put(t, o->device), put_c(t, '\t');
	if (rng_chance(r, 0.95) || wants(m, serial_ev(o)))
		put(t, o->serial), m->ev |= serial_ev(o);
	put_c(t, '\t'), put(t, o->prod->model), put_c(t, '\t');
	gen_form_date(t, r, wh->day, time_of_day(r), DS_IOT);
	put_c(t, '\t');
	iot_phone(m, t, wh->day);
	put_c(t, '\t');
	x = rng_unit(r);
	if (x < gen_noise(m->w, 0.02)) {
		put(t, "91.5\t"), put_coord(t, pl->lon);
	} else if (x < 0.6) {
		put_coord(t, pl->lat + ((double)rng_below(r, 41) - 20) / 10000), put_c(t, '\t');
		put_coord(t, pl->lon + ((double)rng_below(r, 41) - 20) / 10000);
	} else {
		put_c(t, '\t');
	}
	put_c(t, '\n');
}

static void fault_call_text(struct maker *m, const struct owned *o, const char *fault, strbuf *out)
{
	switch (rng_below(&m->r, 4)) {
	case 0:
		put(out, "客户反映"), put(out, o->prod->word), put(out, fault);
		put(out, "，要求上门维修。");
		break;
	case 1:
		put(out, o->prod->word), put(out, fault), put(out, "，已报修");
		break;
	case 2:
		put(out, "咨询"), put(out, o->prod->word), put(out, fault), put(out, "问题");
		break;
	default:
		put(out, o->prod->word), put(out, fault), put(out, ",\n客户很着急");
	}
}

static void call_row(struct maker *m, const struct what *wh)
{
	struct rng *r = &m->r;
	/* a caller from a number nobody knows is asked for their name and ID number */
	const uint32_t ways[] = { EV(EV_ID_CARD), EV_PHONES };

	CHOOSE_LINK(m, ways);
	put_phone(m, phone_at(m, wh->day, 0.25), FC_CALLCENTER, 0);
	csv_field(m, GF_CALLCENTER);
	put_name(m, FC_CALLCENTER, EV(EV_ID_CARD));
	csv_field(m, GF_CALLCENTER);
	gen_form_date(m->f, r, wh->day, time_of_day(r), DS_CALL);
	csv_field(m, GF_CALLCENTER);
	if (wh->o)
		fault_call_text(m, wh->o, wh->text, m->f);
	else
		put(m->f, wh->text);
	csv_field(m, GF_CALLCENTER);
	if (rng_chance(r, 0.15) || wants(m, EV(EV_ID_CARD)))
		put_id_card(m);
	csv_field(m, GF_CALLCENTER);
}

/* Writes the row's text (after its id) and notes its evidence in m->ev. */
static void write_row(struct maker *m, const struct what *wh)
{
	strbuf *t = &m->b->part[wh->file].text;
	m->ev = 0;
	m->tag = 0;
	m->store_phone = 0;
	switch (wh->file) {
	case GF_MEMBERS:
		member_row(m, wh);
		break;
	case GF_SALES:
		sales_row(m, wh);
		break;
	case GF_SERVICE:
		service_row(m, wh);
		break;
	case GF_ECOMMERCE:
		ecommerce_row(m, wh);
		return;
	case GF_IOT:
		iot_row(m, wh);
		return;
	default:
		call_row(m, wh);
	}
	put_c(t, '\n');
}

/*
 * A row of the person. One that shares no evidence with the person's
 * other rows is written again, giving something they have: the number
 * they gave before, the serial of the appliance, the platform account...
 * as real records carry what links them. Only when the other rows have
 * nothing this system could take is the row left an orphan.
 *
 * Until one of the person's rows gives a phone number, rows give one (no
 * masked order, store's number alone or activation without a number):
 * calls can only be linked by the number they come from (or an ID
 * number), and would have nothing to link to.
 */
static void person_row(struct maker *m, const struct what *wh)
{
	struct gen_part *pt = &m->b->part[wh->file];
	size_t off = pt->text.len;
	struct rng start = m->r;
	int i;

	m->main = 0;
	m->want = 0;
	m->give_phone = !(ledger_main(&m->led) & EV_PHONES);
	write_row(m, wh);
	if (!ledger_links(&m->led, m->ev)) {
		/* the same draws again, but for what it must give: the same platform, the same store... */
		m->r = start;
		sb_setlen(&pt->text, off);
		m->main = ledger_main(&m->led);
		write_row(m, wh);
		m->main = 0;
		m->want = 0;
	}
	i = ledger_add(&m->led, m->ev);
	if (i < LEDGER_ROWS) {
		m->where[i].file = (uint8_t)wh->file;
		m->where[i].index = (uint32_t)pt->n;
	}
	end_row(m, wh->file, off, m->tag, m->store_phone);
}

/* Flags the person's rows (and their exact copies) that ended outside their main group. */
static void mark_orphans(struct maker *m)
{
	for (int i = 0; i < m->led.n && i < LEDGER_ROWS; i++) {
		struct gen_part *pt = &m->b->part[m->where[i].file];
		uint32_t k = m->where[i].index;
		if (ledger_in_main(&m->led, i))
			continue;
		pt->rows[k].orphan = 1;
		if (k + 1 < pt->n && pt->rows[k + 1].dup_of == (int32_t)k)
			pt->rows[k + 1].orphan = 1;
	}
}

/* ---- junk ---- */

static int junk_day(struct maker *m)
{
	return rng_between(&m->r, m->w->first_day, m->w->last_day);
}

static const char *junk_pick(struct rng *r, const char *const *list, size_t n)
{
	return list[rng_below(r, (uint32_t)n)];
}

#define JUNK(r, list) junk_pick((r), (list), ARRAY_SIZE(list))

static const char *const junk_names[] = { "测试", "测试用户", "test", "客户", "顾客", "abc" };
static const char *const junk_phones[] = {
	"13800138000", "13900000000", "12345678901", "11111111111", "13000000000" };
static const char *const junk_emails[] = { "test@test.com", "a@a.com", "123456@qq.com", "" };
static const char *const junk_addresses[] = { "测试地址", "无", "", "测试" };

/* A test or placeholder row typed into the system: it belongs to nobody. */
static void junk_row(struct maker *m, enum gen_file file)
{
	strbuf *t = &m->b->part[file].text;
	size_t off = t->len;
	struct rng *r = &m->r;
	static const char *const junk_calls[] = { "95588", "10086", "12345", "13800138000" };
	static const char *const junk_call_texts[] = { "误拨", "挂断", "测试来电", "无声电话" };
	const char *name;

	switch (file) {
	case GF_MEMBERS:
		put_c(t, ','), put(t, JUNK(r, junk_names)), put_c(t, ','), put(t, JUNK(r, junk_phones));
		put(t, ",,,"), put(t, JUNK(r, junk_emails)), put_c(t, ',');
		gen_form_date(t, r, junk_day(m), time_of_day(r), DS_REGISTER);
		put_c(t, ','), put(t, JUNK(r, junk_addresses)), put(t, ",\n");
		break;
	case GF_SALES:
		put_c(t, ','), put(t, JUNK(r, junk_names)), put_c(t, ',');
		put(t, rng_chance(r, 0.5) ? "4006999999" : JUNK(r, junk_phones));
		put_c(t, ','), put(t, JUNK(r, junk_addresses)), put(t, ",海尔 冰柜,,,1599,");
		gen_form_date(t, r, junk_day(m), time_of_day(r), DS_ORDER);
		put_c(t, ','), store_name(t, (int)rng_below(r, QINGDAO_STORES)), put(t, ",门店代下单\n");
		break;
	case GF_SERVICE:
		put_c(t, ','), put(t, JUNK(r, junk_names)), put_c(t, ','), put(t, JUNK(r, junk_phones));
		put_c(t, ','), put(t, JUNK(r, junk_addresses)), put(t, ",冰箱,,测试工单,");
		gen_form_date(t, r, junk_day(m), time_of_day(r), DS_SERVICE);
		put_c(t, '\n');
		break;
	case GF_ECOMMERCE:
		name = rng_chance(r, 0.5) ? "测试" : "微信用户";
		put(t, ",\"buyer_name\":"), put_json(t, name, strlen(name));
		put(t, ",\"receiver_phone\":\""), put(t, JUNK(r, junk_phones));
		put(t, "\",\"shipping_address\":\"\",\"product_title\":\"海尔 热水器\","
		       "\"pay_amount\":0.01,\"pay_time\":");
		gen_form_date(t, r, junk_day(m), time_of_day(r), DS_PAY);
		put(t, ",\"platform\":\"tmall\"}\n");
		break;
	case GF_CALLCENTER:
		put_c(t, ','), put(t, JUNK(r, junk_calls)), put(t, ",,");
		gen_form_date(t, r, junk_day(m), time_of_day(r), DS_CALL);
		put_c(t, ','), put(t, JUNK(r, junk_call_texts)), put(t, ",\n");
		break;
	default:
		return;
	}
	add_row(m, file, off, ROW_JUNK);
}

static void maybe_junk(struct maker *m, enum gen_file file)
{
	if (junk_rate[file] > 0 && rng_chance(&m->r, gen_noise(m->w, junk_rate[file])))
		junk_row(m, file);
}

/* ---- a person's history ---- */

static void make_owned(struct maker *m, int k, int day, int how, struct owned *o)
{
	uint64_t x = (uint64_t)m->p->uid * MAX_OWNED + (uint64_t)k;
	uint64_t serial = rand_permute(x, 10000000000ULL, gen_key(m->w, GS_SERIAL));
	uint64_t device = rand_permute(x, 1ULL << 40, gen_key(m->w, GS_DEVICE));
	strbuf sb = { o->serial, 0, sizeof(o->serial) };
	o->prod = &gen_products[rng_pick_cum(&m->r, m->w->product_cum, gen_products_len)];
	o->k = k;
	o->day = day;
	o->how = how;
	o->activated = 0;
	put(&sb, "BH0"), put_c(&sb, o->prod->serial_letter), put_uint_pad(&sb, serial, 10);
	sb = (strbuf){ o->device, 0, sizeof(o->device) };
	put(&sb, "D-"), put_hex(&sb, device, 10);
}

static int purchases(struct rng *r)
{
	static const unsigned short w[] = { 22, 36, 22, 11, 6, 3 };
	unsigned x = rng_below(r, 100);
	for (int i = 0; i < (int)ARRAY_SIZE(w); i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return 0;
}

static void repairs(struct maker *m, const struct owned *o, struct plan *rows, struct plan *calls)
{
	int day = o->day;
	double p = 0.30;
	while (rng_chance(&m->r, p)) {
		const char *const *faults = gen_faults(o->prod->category);
		size_t nf = 0;
		const char *fault;
		while (faults[nf])
			nf++;
		fault = faults[rng_below(&m->r, (uint32_t)nf)];
		day += rng_between(&m->r, 30, 1500);
		if (day > m->w->last_day)
			break;
		if (rng_chance(&m->r, 0.5))
			plan_add(calls, &(struct what){ GF_CALLCENTER, o, day, 0, fault });
		plan_add(rows, &(struct what){ GF_SERVICE, o, day, 0, fault });
		p = 0.25;
	}
}

/* The appliances the person buys (in stores or online) or owns from elsewhere. */
static int plan_owned(struct maker *m, struct owned *owned)
{
	const struct gen_world *w = m->w;
	const struct person *p = m->p;
	struct rng *r = &m->r;
	int n = 0, online = p->birth_y >= 1980 ? 60 : p->birth_y >= 1965 ? 40 : 20;
	for (int k = purchases(r); k > 0 && n < MAX_OWNED - 1; k--, n++) {
		int day = rng_between(r, p->since, w->last_day);
		int how = (int)rng_below(r, 100) < online ? BOUGHT_ONLINE : BOUGHT_IN_STORE;
		make_owned(m, n, day, how, &owned[n]);
	}
	/* an appliance bought elsewhere still gets activated and repaired */
	if (rng_chance(r, 0.2))
		make_owned(m, n, rng_between(r, p->since, w->last_day), BOUGHT_ELSEWHERE, &owned[n]),
			n++;
	for (int k = 0; k < n; k++) {
		if ((owned[k].prod->flags & PRODUCT_SMART) && rng_chance(r, 0.55)) {
			int day = owned[k].day + rng_between(r, 1, 20);
			owned[k].activated = day <= w->last_day ? day : 0;
		}
	}
	return n;
}

static void plan_purchases(struct plan *rows, const struct owned *owned, int n, int how)
{
	enum gen_file file = how == BOUGHT_ONLINE ? GF_ECOMMERCE : GF_SALES;
	for (int k = 0; k < n; k++)
		if (owned[k].how == how)
			plan_add(rows, &(struct what){ file, &owned[k], owned[k].day, 0, NULL });
}

/* Calls about other matters than a fault: delivery, warranty, offers... */
static void topic_calls(struct maker *m, struct plan *calls)
{
	struct rng *r = &m->r;
	for (double pc = 0.2; rng_chance(r, pc); pc = 0.1) {
		int day = rng_between(r, m->p->since, m->w->last_day);
		const char *topic = gen_call_topics[rng_below(r, (uint32_t)gen_call_topics_len)];
		plan_add(calls, &(struct what){ GF_CALLCENTER, NULL, day, 0, topic });
	}
}

/*
 * Everything the person does, in the order the rows are written: each is
 * checked against the ones written before it (see person_row), so the
 * ones that nearly always carry the person's number come first (the
 * member profile, store orders) and calls, which can only give a number
 * or an ID number, last.
 */
static void plan_rows(struct maker *m, struct owned *owned, struct plan *rows)
{
	const struct gen_world *w = m->w;
	const struct person *p = m->p;
	struct rng *r = &m->r;
	struct plan calls;
	int n;

	rows->n = calls.n = 0;
	topic_calls(m, &calls);
	if (rng_chance(r, 0.55)) {
		plan_add(rows, &(struct what){ GF_MEMBERS, NULL, p->since, rng_chance(r, 0.6), NULL });
		/* registered again later, with another member number */
		if (rng_chance(r, 0.03))
			plan_add(rows, &(struct what){ GF_MEMBERS, NULL,
						       rng_between(r, p->since, w->last_day), 1, NULL });
	}
	n = plan_owned(m, owned);
	plan_purchases(rows, owned, n, BOUGHT_IN_STORE);
	plan_purchases(rows, owned, n, BOUGHT_ONLINE);
	for (int k = 0; k < n; k++) {
		if (owned[k].activated)
			plan_add(rows, &(struct what){ GF_IOT, &owned[k], owned[k].activated, 0, NULL });
		repairs(m, &owned[k], rows, &calls);
	}
	for (int k = 0; k < calls.n; k++)
		plan_add(rows, &calls.row[k]);
}

static int has_address(enum gen_file file)
{
	return file != GF_IOT && file != GF_CALLCENTER;
}

/*
 * A person's rows. One of them gives the flat (whoever's name is on it),
 * so that the person can be placed in their household: the last that has
 * an address does when the others have not.
 */
static void person_rows(struct maker *m)
{
	struct owned owned[MAX_OWNED];
	struct plan rows;
	int last_address = -1;

	plan_rows(m, owned, &rows);
	for (int k = 0; k < rows.n; k++)
		if (has_address(rows.row[k].file))
			last_address = k;
	ledger_reset(&m->led);
	m->gave_flat = 0;
	for (int k = 0; k < rows.n; k++) {
		m->need_flat = k == last_address && !m->gave_flat;
		person_row(m, &rows.row[k]);
		maybe_junk(m, rows.row[k].file);
	}
	m->need_flat = 0;
	mark_orphans(m);
}

/* ---- blocks ---- */

void gen_block_init(struct gen_block *b)
{
	memset(b, 0, sizeof(*b));
	for (int f = 0; f < GF_COUNT; f++)
		sb_init(&b->part[f].text);
	sb_init(&b->field);
}

void gen_block_release(struct gen_block *b)
{
	for (int f = 0; f < GF_COUNT; f++) {
		sb_release(&b->part[f].text);
		free(b->part[f].rows);
		free(b->part[f].order);
	}
	sb_release(&b->field);
	memset(b, 0, sizeof(*b));
}

uint64_t gen_block_count(const struct gen_world *w)
{
	return ((uint64_t)w->cfg.people + GEN_BLOCK_PEOPLE - 1) / GEN_BLOCK_PEOPLE;
}

static int household_size(struct rng *r)
{
	static const unsigned short w[] = { 25, 30, 25, 14, 6 };
	unsigned x = rng_below(r, 100);
	for (int i = 0; i < (int)ARRAY_SIZE(w); i++) {
		if (x < w[i])
			return i + 1;
		x -= w[i];
	}
	return 1;
}

/* Exports are not grouped by person: the rows of a block come in random order. */
static void shuffle(const struct gen_world *w, uint64_t index, struct gen_block *b)
{
	struct rng r;
	rng_seed_item(&r, gen_key(w, GS_SHUFFLE), index);
	for (int f = 0; f < GF_COUNT; f++) {
		struct gen_part *pt = &b->part[f];
		if (pt->n > pt->order_cap) {
			pt->order_cap = pt->n;
			pt->order = xrealloc(pt->order, pt->order_cap * sizeof(*pt->order));
		}
		for (size_t i = 0; i < pt->n; i++)
			pt->order[i] = (uint32_t)i;
		for (size_t i = pt->n; i > 1; i--) {
			size_t j = rng_below(&r, (uint32_t)i);
			uint32_t t = pt->order[i - 1];
			pt->order[i - 1] = pt->order[j];
			pt->order[j] = t;
		}
	}
}

void gen_block_make(const struct gen_world *w, uint64_t index, struct gen_block *b)
{
	struct rng r;
	struct household hh;
	struct person members[MAX_HOUSEHOLD];
	struct maker m = { .w = w, .b = b, .hh = &hh, .members = members, .f = &b->field };
	uint32_t first = (uint32_t)(index * GEN_BLOCK_PEOPLE);
	uint32_t n = w->cfg.people - first < GEN_BLOCK_PEOPLE ? w->cfg.people - first
							      : GEN_BLOCK_PEOPLE;

	for (int f = 0; f < GF_COUNT; f++) {
		sb_reset(&b->part[f].text);
		b->part[f].n = 0;
	}
	b->index = index;
	b->first_person = first;
	b->people = n;
	b->households = 0;
	rng_seed_item(&r, gen_key(w, GS_BLOCK), index);
	for (uint32_t i = 0; i < n;) {
		int size = household_size(&r);
		if ((uint32_t)size > n - i)
			size = (int)(n - i);
		gen_household(w, first + i, size, &hh);
		for (int k = 0; k < size; k++)
			gen_person(w, &hh, k, k ? &members[0] : NULL, &members[k]);
		for (int k = 0; k < size; k++) {
			m.p = &members[k];
			rng_seed_item(&m.r, gen_key(w, GS_RECORDS), members[k].uid);
			person_rows(&m);
		}
		i += (uint32_t)size;
		b->households++;
	}
	shuffle(w, index, b);
}
