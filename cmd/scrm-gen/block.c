/*
 * The records of a block of people: each person's life as a customer
 * (registration, purchases in stores and online, the appliances they own
 * reporting to the IoT platform, repairs, calls) written as the rows of
 * the six source exports, with the planted noise: junk rows, exact
 * duplicate rows and store phones typed on customers' orders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "emit.h"
#include "forms.h"
#include "gen.h"
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

#define MAX_HOUSEHOLD 5
#define MAX_OWNED 8

struct owned {
	const struct product *prod;
	int day;		/* bought (or first used) */
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

/* The number a person gives on day: their own, the second, or the family's. */
static struct phone phone_at(struct maker *m, int day, double family_share)
{
	struct phone ph = { NULL, NULL };
	const struct person *p = m->p;
	int family = !p->mobile[0] ||
		     (m->hh->family_phone != FAMILY_NONE && rng_chance(&m->r, family_share));
	if (family && m->hh->family_phone == FAMILY_LANDLINE)
		ph.landline = m->hh;
	else if (family && m->hh->family_phone == FAMILY_MOBILE)
		ph.mobile = mobile_at(&m->members[0], day);
	else if (p->mobile2[0] && rng_chance(&m->r, 0.2))
		ph.mobile = p->mobile2;
	else
		ph.mobile = mobile_at(p, day);
	if (!ph.mobile && !ph.landline)
		ph.mobile = m->members[0].mobile;
	return ph;
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
}

/* A mobile for systems that only take mobiles (online shops, apps). */
static const char *any_mobile(struct maker *m, int day)
{
	const char *mob = mobile_at(m->p, day);
	return mob ? mob : mobile_at(&m->members[0], day);
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

static void member_row(struct maker *m, int day, int snapshot)
{
	const struct person *p = m->p;
	strbuf *t = &m->b->part[GF_MEMBERS].text;
	size_t off = t->len;
	struct rng *r = &m->r;
	int birth = (int)days_from_civil(p->birth_y, p->birth_m, p->birth_d);
	/* the member table shows the profile as it is now, or as registered */
	int as_of = snapshot ? m->w->last_day : day;
	double g;

	gen_form_name(m->f, r, m->w, p, FC_MEMBERS);
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
	if (p->email[0] && rng_chance(r, 0.9))
		gen_form_email(m->f, r, m->w, p->email);
	csv_field(m, GF_MEMBERS);
	gen_form_date(m->f, r, day, time_of_day(r), DS_REGISTER);
	csv_field(m, GF_MEMBERS);
	if (rng_chance(r, 0.92))
		gen_form_address(m->f, r, place_at(m->hh, as_of));
	csv_field(m, GF_MEMBERS);
	if (rng_chance(r, 0.6))
		gen_form_id_card(m->f, r, m->w, p);
	csv_field(m, GF_MEMBERS);
	put_c(t, '\n');
	end_row(m, GF_MEMBERS, off, 0, 0);
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

static void sales_phone(struct maker *m, int day, int store, int local_ok, int *store_phone)
{
	double x = rng_unit(&m->r);
	double store_p = gen_noise(m->w, STORE_PHONE_RATE);
	double sales_p = gen_noise(m->w, SALESPERSON_PHONE_RATE);
	if (x < store_p) {
		char local[9];
		store_landline(m->w, store, local);
		gen_form_landline(m->f, &m->r, gen_counties[store / STORE_KINDS].area, local,
				  NULL, 0);
		*store_phone = 1;
	} else if (x < store_p + sales_p) {
		char mob[12];
		gen_mobile(m->w, GEN_MAX_PEOPLE + (uint64_t)store, 0, mob);
		gen_form_mobile(m->f, &m->r, mob, FC_SALES);
		*store_phone = 1;
	} else {
		struct phone ph = phone_at(m, day, 0.15);
		put_phone(m, ph, FC_SALES, local_ok);
		/* both numbers in one field: 186... / 0532-... */
		if (ph.mobile && m->hh->family_phone == FAMILY_LANDLINE && rng_chance(&m->r, 0.1)) {
			put(m->f, " / ");
			gen_form_landline(m->f, &m->r, m->hh->home.county->area, m->hh->landline,
					  NULL, 0);
		}
	}
}

static void sales_row(struct maker *m, const struct owned *o)
{
	strbuf *t = &m->b->part[GF_SALES].text;
	size_t off = t->len;
	struct rng *r = &m->r;
	const struct place *pl = place_at(m->hh, o->day);
	int store = store_of(m, pl);
	int store_phone = 0, has_address = rng_chance(r, 0.97);
	double x;

	gen_form_name(m->f, r, m->w, m->p, FC_SALES);
	csv_field(m, GF_SALES);
	sales_phone(m, o->day, store, has_address, &store_phone);
	csv_field(m, GF_SALES);
	if (has_address)
		gen_form_address(m->f, r, pl);
	csv_field(m, GF_SALES);
	product_words(m, o->prod, 1);
	csv_field(m, GF_SALES);
	if (rng_chance(r, 0.9))
		put(m->f, o->prod->model);
	csv_field(m, GF_SALES);
	gen_form_price(m->f, r, paid_price(r, o->prod));
	csv_field(m, GF_SALES);
	gen_form_date(m->f, r, o->day, time_of_day(r), DS_ORDER);
	csv_field(m, GF_SALES);
	store_name(m->f, store);
	csv_field(m, GF_SALES);
	x = rng_unit(r);
	if (store_phone && x < 0.5)
		put(m->f, "门店代下单");
	else if (x < 0.05)
		put(m->f, "送货前电话联系");
	else if (x < 0.07)
		put(m->f, "送货前电话联系,\n谢谢");
	else if (x < 0.09)
		put(m->f, "需要安装");
	csv_field(m, GF_SALES);
	put_c(t, '\n');
	end_row(m, GF_SALES, off, 0, store_phone);
}

static void service_row(struct maker *m, const struct owned *o, int day, const char *fault)
{
	strbuf *t = &m->b->part[GF_SERVICE].text;
	size_t off = t->len;
	struct rng *r = &m->r;
	double x;

	gen_form_name(m->f, r, m->w, m->p, FC_SERVICE);
	csv_field(m, GF_SERVICE);
	put_phone(m, phone_at(m, day, 0.2), FC_SERVICE, 1);
	csv_field(m, GF_SERVICE);
	gen_form_address(m->f, r, place_at(m->hh, day));
	csv_field(m, GF_SERVICE);
	if (rng_chance(r, 0.95))
		put(m->f, o->prod->word);
	csv_field(m, GF_SERVICE);
	if (rng_chance(r, 0.85))
		put(m->f, o->serial);
	csv_field(m, GF_SERVICE);
	x = rng_unit(r);
	if (x < 0.5)
		put(m->f, o->prod->word), put(m->f, fault);
	else if (x < 0.8)
		put(m->f, fault);
	else if (x < 0.95)
		put(m->f, o->prod->word), put(m->f, fault), put(m->f, ",客户要求尽快上门");
	else
		put(m->f, o->prod->word), put(m->f, fault), put(m->f, "，已多次报修");
	csv_field(m, GF_SERVICE);
	gen_form_date(m->f, r, day, time_of_day(r), DS_SERVICE);
	csv_field(m, GF_SERVICE);
	put_c(t, '\n');
	end_row(m, GF_SERVICE, off, 0, 0);
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
		put_c(t, '"'), put_n(t, mob, 3), put(t, "****"), put(t, mob + 7), put_c(t, '"');
	} else if (rng_chance(&m->r, 0.03)) {
		put(t, mob);	/* a JSON number */
	} else {
		gen_form_mobile(m->f, &m->r, mob, FC_ECOMMERCE);
		put_json(t, m->f->buf, m->f->len);
		sb_reset(m->f);
	}
}

static void ecommerce_row(struct maker *m, const struct owned *o)
{
	static const double mask_rate[] = { 0.15, 0.40, 0.30 };
	strbuf *t = &m->b->part[GF_ECOMMERCE].text;
	size_t off = t->len;
	struct rng *r = &m->r;
	int platform = pick_platform(r), price = paid_price(r, o->prod), secs = time_of_day(r);
	int masked = rng_chance(r, mask_rate[platform]), has_id = 0, email;

	gen_form_name(m->f, r, m->w, m->p, FC_ECOMMERCE);
	json_field(m, t, "buyer_name");
	ecommerce_phone(m, t, any_mobile(m, o->day), masked);
	if (rng_chance(r, 0.95)) {
		gen_form_address(m->f, r, place_at(m->hh, o->day));
		json_field(m, t, "shipping_address");
	}
	if (strcmp(o->prod->brand, "海尔") == 0 && rng_chance(r, 0.3))
		put(m->f, "Haier/");
	product_words(m, o->prod, 0);
	json_field(m, t, "product_title");
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
	if (platform == PLATFORM_TMALL && rng_chance(r, 0.9)) {
		online_id(m, t, "openid", "oTmall_", 0);
		has_id = 1;
	} else if (platform == PLATFORM_DOUYIN && rng_chance(r, 0.8)) {
		online_id(m, t, "openid", "oDy_", 1);
		has_id = 1;
	}
	email = m->p->email[0] && rng_chance(r, platform == PLATFORM_JD ? 0.4 : 0.1);
	if (email) {
		gen_form_email(m->f, r, m->w, m->p->email);
		json_field(m, t, "email");
		has_id = 1;
	}
	/* a masked number and nothing else would leave the order with no identifier */
	if ((masked && !has_id) || rng_chance(r, 0.1))
		online_id(m, t, "anon_id", "ck_", 2);
	put(t, "}\n");
	end_row(m, GF_ECOMMERCE, off, platform, 0);
}

static void put_coord(strbuf *b, double v)
{
	/* four decimals, as the devices report them (v > 0 here) */
	uint64_t x = (uint64_t)(v * 10000 + 0.5);
	put_uint(b, x / 10000), put_c(b, '.'), put_uint_pad(b, x % 10000, 4);
}

static void iot_row(struct maker *m, const struct owned *o, int day)
{
	strbuf *t = &m->b->part[GF_IOT].text;
	size_t off = t->len;
	struct rng *r = &m->r;
	const struct place *pl = place_at(m->hh, day);
	double x;

	put(t, o->device), put_c(t, '\t');
	if (rng_chance(r, 0.95))
		put(t, o->serial);
	put_c(t, '\t'), put(t, o->prod->model), put_c(t, '\t');
	gen_form_date(t, r, day, time_of_day(r), DS_IOT);
	put_c(t, '\t');
	x = rng_unit(r);
	if (x < 0.80) {
		gen_form_mobile(t, r, any_mobile(m, day), FC_IOT);
	} else if (x < 0.82) {
		/* the module's own IoT number, not a person's */
		put(t, "1440"), put_uint_pad(t, rng_below(r, 1000000000), 9);
	}
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
	end_row(m, GF_IOT, off, 0, 0);
}

static void call_row(struct maker *m, int day, const char *text)
{
	strbuf *t = &m->b->part[GF_CALLCENTER].text;
	size_t off = t->len;
	struct rng *r = &m->r;

	put_phone(m, phone_at(m, day, 0.25), FC_CALLCENTER, 0);
	csv_field(m, GF_CALLCENTER);
	gen_form_name(m->f, r, m->w, m->p, FC_CALLCENTER);
	csv_field(m, GF_CALLCENTER);
	gen_form_date(m->f, r, day, time_of_day(r), DS_CALL);
	csv_field(m, GF_CALLCENTER);
	put(m->f, text);
	csv_field(m, GF_CALLCENTER);
	if (rng_chance(r, 0.15))
		gen_form_id_card(m->f, r, m->w, m->p);
	csv_field(m, GF_CALLCENTER);
	put_c(t, '\n');
	end_row(m, GF_CALLCENTER, off, 0, 0);
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
		put_c(t, ','), put(t, JUNK(r, junk_addresses)), put(t, ",海尔 冰柜,,1599,");
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

static void make_owned(struct maker *m, int k, int day, struct owned *o)
{
	uint64_t x = (uint64_t)m->p->uid * MAX_OWNED + (uint64_t)k;
	uint64_t serial = rand_permute(x, 10000000000ULL, gen_key(m->w, GS_SERIAL));
	uint64_t device = rand_permute(x, 1ULL << 40, gen_key(m->w, GS_DEVICE));
	strbuf sb = { o->serial, 0, sizeof(o->serial) };
	o->prod = &gen_products[rng_pick_cum(&m->r, m->w->product_cum, gen_products_len)];
	o->day = day;
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

static void repairs(struct maker *m, const struct owned *o)
{
	int day = o->day;
	double p = 0.30;
	strbuf text = STRBUF_INIT;
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
		if (rng_chance(&m->r, 0.5)) {
			sb_reset(&text);
			fault_call_text(m, o, fault, &text);
			call_row(m, day, text.buf);
			maybe_junk(m, GF_CALLCENTER);
		}
		service_row(m, o, day, fault);
		maybe_junk(m, GF_SERVICE);
		p = 0.25;
	}
	sb_release(&text);
}

static void person_rows(struct maker *m)
{
	const struct gen_world *w = m->w;
	const struct person *p = m->p;
	struct rng *r = &m->r;
	struct owned owned[MAX_OWNED];
	int n = 0, online = p->birth_y >= 1980 ? 60 : p->birth_y >= 1965 ? 40 : 20;

	if (rng_chance(r, 0.55)) {
		member_row(m, p->since, rng_chance(r, 0.6));
		maybe_junk(m, GF_MEMBERS);
		/* registered again later, with another member number */
		if (rng_chance(r, 0.03))
			member_row(m, rng_between(r, p->since, w->last_day), 1);
	}
	for (int k = purchases(r); k > 0 && n < MAX_OWNED - 1; k--) {
		make_owned(m, n, rng_between(r, p->since, w->last_day), &owned[n]);
		if ((int)rng_below(r, 100) < online) {
			ecommerce_row(m, &owned[n]);
			maybe_junk(m, GF_ECOMMERCE);
		} else {
			sales_row(m, &owned[n]);
			maybe_junk(m, GF_SALES);
		}
		n++;
	}
	/* an appliance bought elsewhere still gets activated and repaired */
	if (rng_chance(r, 0.2))
		make_owned(m, n, rng_between(r, p->since, w->last_day), &owned[n]), n++;
	for (int k = 0; k < n; k++) {
		if ((owned[k].prod->flags & PRODUCT_SMART) && rng_chance(r, 0.55)) {
			int day = owned[k].day + rng_between(r, 1, 20);
			if (day <= w->last_day)
				iot_row(m, &owned[k], day);
		}
		repairs(m, &owned[k]);
	}
	for (double pc = 0.2; rng_chance(r, pc); pc = 0.1) {
		call_row(m, rng_between(r, p->since, w->last_day),
			 gen_call_topics[rng_below(r, (uint32_t)gen_call_topics_len)]);
		maybe_junk(m, GF_CALLCENTER);
	}
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
	struct maker m = { w, b, { { 0 } }, &hh, members, NULL, &b->field };
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
