#include "forms.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "emit.h"
#include "banned.h"

/* An index drawn by the small integer weights w[0..n). */
static int pick(struct rng *r, const unsigned short *w, int n)
{
	unsigned total = 0, x;
	for (int i = 0; i < n; i++)
		total += w[i];
	x = rng_below(r, total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define PICK(r, w) pick((r), (w), (int)ARRAY_SIZE(w))

void gen_form_fullwidth(strbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			char fw[3] = { (char)0xEF, (char)0xBC, (char)(0x90 + (*s - '0')) };
			put_n(b, fw, 3);
		} else if (*s == '-') {
			put(b, "－");
		} else {
			put_c(b, *s);
		}
	}
}

/* ---- phones ---- */

enum mobile_form {
	MF_PLAIN, MF_SPACED, MF_DASHED, MF_PLUS86_SPACED, MF_PLUS86, MF_0086_DASHED, MF_86,
	MF_FULLWIDTH, MF_PAREN86, MF_TRUNK0, MF_COUNT
};

static const unsigned short mobile_mix[][MF_COUNT] = {
	[FC_MEMBERS] = { 600, 100, 80, 60, 40, 40, 30, 30, 20, 0 },
	[FC_SALES] = { 550, 150, 120, 50, 40, 30, 20, 20, 20, 0 },
	[FC_SERVICE] = { 600, 100, 100, 100, 20, 10, 50, 20, 0, 0 },
	[FC_ECOMMERCE] = { 950, 0, 0, 0, 50, 0, 0, 0, 0, 0 },
	[FC_IOT] = { 900, 0, 0, 0, 100, 0, 0, 0, 0, 0 },
	[FC_CALLCENTER] = { 850, 0, 0, 0, 100, 0, 0, 0, 0, 50 },
};

void gen_form_mobile(strbuf *b, struct rng *r, const char *m, enum form_ctx ctx)
{
	switch (pick(r, mobile_mix[ctx], MF_COUNT)) {
	case MF_PLAIN:
		put(b, m);
		break;
	case MF_SPACED:
		put_n(b, m, 3), put_c(b, ' '), put_n(b, m + 3, 4), put_c(b, ' '), put(b, m + 7);
		break;
	case MF_DASHED:
		put_n(b, m, 3), put_c(b, '-'), put_n(b, m + 3, 4), put_c(b, '-'), put(b, m + 7);
		break;
	case MF_PLUS86_SPACED:
		put(b, "+86 ");
		put_n(b, m, 3), put_c(b, ' '), put_n(b, m + 3, 4), put_c(b, ' '), put(b, m + 7);
		break;
	case MF_PLUS86:
		put(b, "+86"), put(b, m);
		break;
	case MF_0086_DASHED:
		put(b, "0086-");
		put_n(b, m, 3), put_c(b, '-'), put_n(b, m + 3, 4), put_c(b, '-'), put(b, m + 7);
		break;
	case MF_86:
		put(b, "86"), put(b, m);
		break;
	case MF_FULLWIDTH:
		gen_form_fullwidth(b, m);
		break;
	case MF_PAREN86:
		put(b, "(+86)"), put(b, m);
		break;
	default:
		put_c(b, '0'), put(b, m);
	}
}

void gen_form_landline(strbuf *b, struct rng *r, const char *area, const char *local,
		   const char *ext, int local_ok)
{
	static const unsigned short mix[] = { 350, 100, 200, 100, 50, 50, 100 };
	size_t half = strlen(local) / 2;
	int form = PICK(r, mix);
	if (form == 6 && !local_ok)
		form = 0;
	switch (form) {
	case 0:
		put_c(b, '0'), put(b, area), put_c(b, '-'), put(b, local);
		break;
	case 1:
		put(b, "(0"), put(b, area), put_c(b, ')'), put(b, local);
		break;
	case 2:
		put_c(b, '0'), put(b, area), put(b, local);
		break;
	case 3:
		put_c(b, '0'), put(b, area), put_c(b, ' ');
		put_n(b, local, half), put_c(b, ' '), put(b, local + half);
		break;
	case 4:
		put(b, "+86 (0) "), put(b, area), put_c(b, ' ');
		put_n(b, local, half), put_c(b, ' '), put(b, local + half);
		break;
	case 5: {
		char t[32];
		size_t n = (size_t)snprintf(t, sizeof(t), "0%s-", area);
		memcpy(t + n, local, half);
		t[n + half] = '\0';
		gen_form_fullwidth(b, t);
		put_c(b, ' ');
		gen_form_fullwidth(b, local + half);
		break;
	}
	default:
		put(b, local);
	}
	if (ext) {
		static const char *const sep[] = { "转", "-", "分机", " ext. " };
		put(b, sep[rng_below(r, ARRAY_SIZE(sep))]);
		put(b, ext);
	}
}

/* ---- dates ---- */

static void put2(strbuf *b, int v)
{
	put_uint_pad(b, (uint64_t)v, 2);
}

static void iso_date(strbuf *b, int y, int m, int d, char sep)
{
	put_uint_pad(b, (uint64_t)y, 4), put_c(b, sep), put2(b, m), put_c(b, sep), put2(b, d);
}

static void hms(strbuf *b, int secs, int with_seconds)
{
	put2(b, secs / 3600), put_c(b, ':'), put2(b, secs / 60 % 60);
	if (with_seconds)
		put_c(b, ':'), put2(b, secs % 60);
}

static void slash_date(strbuf *b, int y, int m, int d)
{
	put_uint(b, (uint64_t)y), put_c(b, '/'), put_uint(b, (uint64_t)m), put_c(b, '/');
	put_uint(b, (uint64_t)d);
}

static void chinese_date(strbuf *b, int y, int m, int d)
{
	put_uint(b, (uint64_t)y), put(b, "年"), put_uint(b, (uint64_t)m), put(b, "月");
	put_uint(b, (uint64_t)d), put(b, "日");
}

static int excel_serial(int day)
{
	return day - (int)days_from_civil(1899, 12, 30);
}

static int64_t unix_time(int day, int secs)
{
	return (int64_t)day * 86400 + secs - 8 * 3600;
}

static void birth_date(strbuf *b, struct rng *r, int day, int y, int m, int d)
{
	static const unsigned short mix[] = { 400, 150, 100, 100, 50, 20, 30, 150 };
	switch (PICK(r, mix)) {
	case 0:
		iso_date(b, y, m, d, '-');
		break;
	case 1:
		slash_date(b, y, m, d);
		break;
	case 2:
		chinese_date(b, y, m, d);
		break;
	case 3:
		put_uint_pad(b, (uint64_t)y, 4), put2(b, m), put2(b, d);
		break;
	case 4:
		iso_date(b, y, m, d, '.');
		break;
	case 5:
		put_uint(b, (uint64_t)excel_serial(day));
		break;
	case 6:
		/* day/month/year from a spreadsheet: ambiguous when both are <= 12 */
		if (d <= 12) {
			put2(b, d), put_c(b, '/'), put2(b, m), put_c(b, '/');
			put_uint_pad(b, (uint64_t)y, 4);
		} else {
			iso_date(b, y, m, d, '-');
		}
		break;
	default:
		break;	/* not given */
	}
}

void gen_form_date(strbuf *b, struct rng *r, int day, int secs, enum date_style style)
{
	int y, m, d, form;
	civil_from_days(day, &y, &m, &d);
	switch (style) {
	case DS_BIRTH:
		birth_date(b, r, day, y, m, d);
		return;
	case DS_REGISTER: {
		static const unsigned short mix[] = { 450, 150, 50, 100, 100, 150 };
		form = PICK(r, mix);
		if (form == 0)
			iso_date(b, y, m, d, '-'), put_c(b, ' '), hms(b, secs, 1);
		else if (form == 1)
			slash_date(b, y, m, d);
		else if (form == 2)
			put_uint_pad(b, (uint64_t)y, 4), put2(b, m), put2(b, d);
		else if (form == 3)
			chinese_date(b, y, m, d);
		else if (form == 4)
			put_uint(b, (uint64_t)excel_serial(day));
		else
			iso_date(b, y, m, d, '-');
		return;
	}
	case DS_ORDER: {
		static const unsigned short mix[] = { 500, 150, 100, 150, 50, 50 };
		form = PICK(r, mix);
		if (form == 0)
			iso_date(b, y, m, d, '-'), put_c(b, ' '), hms(b, secs, 1);
		else if (form == 1)
			slash_date(b, y, m, d);
		else if (form == 2)
			chinese_date(b, y, m, d);
		else if (form == 3)
			iso_date(b, y, m, d, '-');
		else if (form == 4)
			iso_date(b, y, m, d, '-'), put_c(b, 'T'), hms(b, secs, 1);
		else
			put_uint(b, (uint64_t)excel_serial(day));
		return;
	}
	case DS_SERVICE: {
		static const unsigned short mix[] = { 500, 200, 200, 100 };
		form = PICK(r, mix);
		if (form == 0)
			iso_date(b, y, m, d, '-'), put_c(b, ' '), hms(b, secs, 0);
		else if (form == 1)
			iso_date(b, y, m, d, '/'), put_c(b, ' '), hms(b, secs, 0);
		else if (form == 2)
			iso_date(b, y, m, d, '-');
		else
			iso_date(b, y, m, d, '.');
		return;
	}
	case DS_PAY: {
		static const unsigned short mix[] = { 600, 200, 150, 50 };
		form = PICK(r, mix);
		if (form == 2) {
			put_uint(b, (uint64_t)unix_time(day, secs));
			return;
		}
		put_c(b, '"');
		iso_date(b, y, m, d, '-');
		if (form == 0)
			put_c(b, ' '), hms(b, secs, 1);
		else if (form == 1)
			put_c(b, 'T'), hms(b, secs, 1), put(b, "+08:00");
		put_c(b, '"');
		return;
	}
	case DS_IOT: {
		static const unsigned short mix[] = { 500, 200, 200, 100 };
		form = PICK(r, mix);
		if (form == 0)
			put_uint(b, (uint64_t)unix_time(day, secs));
		else if (form == 1)
			put_uint(b, (uint64_t)unix_time(day, secs) * 1000 + rng_below(r, 1000));
		else if (form == 2)
			iso_date(b, y, m, d, '-'), put_c(b, ' '), hms(b, secs, 1);
		else
			iso_date(b, y, m, d, '-');
		return;
	}
	case DS_CALL: {
		static const unsigned short mix[] = { 900, 50, 50 };
		form = PICK(r, mix);
		if (form == 0) {
			iso_date(b, y, m, d, '-'), put_c(b, ' '), hms(b, secs, 1);
		} else if (form == 1) {
			iso_date(b, y, m, d, '-');
		} else {
			slash_date(b, y, m, d), put_c(b, ' ');
			put_uint(b, (uint64_t)(secs / 3600)), put_c(b, ':'), put2(b, secs / 60 % 60);
		}
		return;
	}
	}
}

/* ---- addresses ---- */

static void admin_part(strbuf *b, struct rng *r, const struct county *c)
{
	static const unsigned short mix[] = { 450, 250, 100, 80, 120 };
	int municipality = strcmp(c->province, c->city) == 0;
	switch (PICK(r, mix)) {
	case 0:
		if (!municipality)
			put(b, c->province);
		put(b, c->city), put(b, c->district);
		break;
	case 1:
		put(b, c->city), put(b, c->district);
		break;
	case 2:
		/* 山东青岛市崂山区 */
		if (!municipality)
			put(b, c->province_short);
		put(b, municipality ? c->city_short : c->city), put(b, c->district);
		break;
	case 3:
		/* 山东青岛崂山区 */
		if (!municipality)
			put(b, c->province_short);
		put(b, c->city_short), put(b, c->district);
		break;
	default:
		/* 崂山区… alone, where the name is unique */
		if (!c->local_unique)
			put(b, c->city);
		put(b, c->district);
	}
}

/* Returns whether the flat (building and room) is written. */
static int flat_part(strbuf *b, struct rng *r, const struct place *pl, int need_flat)
{
	static const unsigned short mix[] = { 450, 250, 120, 80, 50, 50 };
	int form = PICK(r, mix);
	if (need_flat && form == (int)ARRAY_SIZE(mix) - 1)
		form = 0;
	switch (form) {
	case 0:
		put_uint(b, (uint64_t)pl->building), put(b, "号楼");
		put_uint(b, (uint64_t)pl->unit), put(b, "单元");
		put_uint(b, (uint64_t)pl->room), put(b, "室");
		break;
	case 1:
		put_uint(b, (uint64_t)pl->building), put_c(b, '-');
		put_uint(b, (uint64_t)pl->unit), put_c(b, '-');
		put_uint(b, (uint64_t)pl->room);
		break;
	case 2:
		put_uint(b, (uint64_t)pl->building), put(b, "栋");
		put_uint(b, (uint64_t)pl->unit), put(b, "单元");
		put_uint(b, (uint64_t)pl->room);
		break;
	case 3:
		put_uint(b, (uint64_t)pl->building), put(b, "号楼");
		put_uint(b, (uint64_t)pl->unit), put(b, "单元");
		put_uint(b, (uint64_t)pl->room);
		break;
	case 4:
		put(b, ", "), put_uint(b, (uint64_t)pl->building), put(b, "号楼");
		put_uint(b, (uint64_t)pl->unit), put(b, "单元");
		put_uint(b, (uint64_t)pl->room);
		break;
	default:
		return 0;	/* the community only */
	}
	return 1;
}

int gen_form_address(strbuf *b, struct rng *r, const struct place *pl, int need_flat)
{
	const char *sep = rng_chance(r, 0.03) ? " " : "";
	int community = !rng_chance(r, 0.10);
	admin_part(b, r, pl->county);
	put(b, sep);
	if (!community || rng_chance(r, 0.6)) {
		put(b, pl->county->roads[pl->road]);
		put_uint(b, (uint64_t)pl->road_no), put(b, "号");
		put(b, sep);
	}
	if (community) {
		gen_community_name(pl, b);
		/* 海尔花园小区: the suffix people add */
		if (pl->suffix != 1 && rng_chance(r, 0.05))
			put(b, "小区");
	}
	return flat_part(b, r, pl, need_flat);
}

/* ---- names ---- */

enum name_form {
	NF_PLAIN, NF_SPACED, NF_TRAD, NF_TYPO, NF_SURNAME_HON, NF_FULL_HON, NF_PINYIN,
	NF_NICKNAME, NF_TECHNICIAN, NF_EMPTY, NF_COUNT
};

/* Per mille; typos, traditional characters and technicians are scaled by --noise. */
static const unsigned short name_mix[][NF_COUNT] = {
	[FC_MEMBERS] = { 0, 50, 20, 20, 10, 0, 0, 0, 0, 0 },
	[FC_SALES] = { 0, 40, 20, 40, 30, 0, 0, 0, 0, 0 },
	[FC_SERVICE] = { 0, 30, 10, 30, 250, 50, 0, 0, 20, 0 },
	[FC_ECOMMERCE] = { 0, 30, 30, 20, 0, 0, 50, 30, 0, 0 },
	[FC_IOT] = { 0 },
	[FC_CALLCENTER] = { 0, 0, 0, 30, 300, 0, 0, 0, 0, 400 },
};

static int name_form(struct rng *r, const struct gen_world *w, enum form_ctx ctx)
{
	unsigned short mix[NF_COUNT];
	unsigned rest = 1000;
	for (int i = 1; i < NF_COUNT; i++) {
		double v = name_mix[ctx][i];
		if (i == NF_TRAD || i == NF_TYPO || i == NF_TECHNICIAN)
			v = gen_noise(w, v / 1000) * 1000;
		mix[i] = (unsigned short)(v < rest ? v : rest);
		rest -= mix[i];
	}
	mix[0] = (unsigned short)rest;
	return pick(r, mix, NF_COUNT);
}

static const char *honorific(struct rng *r, const struct person *p)
{
	if (p->sex == 'M')
		return "先生";
	return p->birth_y >= 1990 && rng_chance(r, 0.5) ? "小姐" : "女士";
}

static void put_capitalised(strbuf *b, const char *s, int upper)
{
	for (size_t i = 0; s[i]; i++)
		put_c(b, (char)((i == 0 || upper) && s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]));
}

static void pinyin_name(strbuf *b, struct rng *r, const struct person *p)
{
	int upper = rng_chance(r, 0.2), western = rng_chance(r, 0.3);
	strbuf given = STRBUF_INIT;
	for (int i = 0; i < p->given_len; i++)
		sb_adds(&given, p->given[i]->pinyin);
	if (western)
		put_capitalised(b, given.buf, upper), put_c(b, ' ');
	put_capitalised(b, p->surname->pinyin, upper);
	if (!western)
		put_c(b, ' '), put_capitalised(b, given.buf, upper);
	sb_release(&given);
}

/* Returns whether the surname is left as it is (the typo is in the given name). */
static int typo_name(strbuf *b, struct rng *r, const struct person *p)
{
	int at = (int)rng_below(r, (uint32_t)p->given_len);
	int typo_given = p->given[at]->typo != NULL;
	if (!typo_given && p->given_len == 2 && p->given[1 - at]->typo) {
		at = 1 - at;
		typo_given = 1;
	}
	put(b, !typo_given && p->surname->typo ? p->surname->typo : p->surname->han);
	for (int i = 0; i < p->given_len; i++)
		put(b, typo_given && i == at ? p->given[i]->typo : p->given[i]->han);
	return typo_given || !p->surname->typo;
}

static void spaced_name(strbuf *b, struct rng *r, const struct person *p)
{
	int every = p->given_len == 2 && rng_chance(r, 0.3);
	put(b, p->surname->han);
	put(b, rng_chance(r, 0.1) ? "  " : " ");
	for (int i = 0; i < p->given_len; i++) {
		if (i && every)
			put_c(b, ' ');
		put(b, p->given[i]->han);
	}
}

int gen_form_name(strbuf *b, struct rng *r, const struct gen_world *w, const struct person *p,
		  enum form_ctx ctx)
{
	switch (name_form(r, w, ctx)) {
	case NF_SPACED:
		spaced_name(b, r, p);
		break;
	case NF_TRAD:
		put(b, p->surname->trad ? p->surname->trad : p->surname->han);
		for (int i = 0; i < p->given_len; i++)
			put(b, p->given[i]->trad ? p->given[i]->trad : p->given[i]->han);
		return !p->surname->trad;
	case NF_TYPO:
		return typo_name(b, r, p);
	case NF_SURNAME_HON:
		put(b, p->surname->han), put(b, honorific(r, p));
		break;
	case NF_FULL_HON:
		put(b, p->name), put(b, honorific(r, p));
		break;
	case NF_PINYIN:
		pinyin_name(b, r, p);
		return 0;
	case NF_NICKNAME:
		if (rng_chance(r, 0.5))
			put(b, "微信用户");
		else
			put(b, "用户"), put_uint(b, 10000 + rng_below(r, 90000));
		return 0;
	case NF_TECHNICIAN:
		/* the technician's name typed where the customer's belongs */
		put(b, gen_surnames[rng_below(r, 20)].han), put(b, "师傅");
		return 0;
	case NF_EMPTY:
		return 0;
	default:
		put(b, p->name);
	}
	return 1;
}

/* ---- e-mail, ID numbers, prices ---- */

static const char *domain_typo(const char *domain, struct rng *r)
{
	static const struct {
		const char *domain, *typo[3];
	} typos[] = {
		{ "qq.com", { "qq.con", "qq.cm", "qq.co" } },
		{ "163.com", { "163.cm", "163.con", "163.co" } },
		{ "126.com", { "126.con", "126.con", "126.cm" } },
		{ "sina.com", { "sina.con", "sian.com", "sina.con" } },
		{ "gmail.com", { "gmial.com", "gmail.con", "gamil.com" } },
		{ "hotmail.com", { "hotmial.com", "hotmail.con", "hotmail.con" } },
		{ "outlook.com", { "outlook.con", "outlook.con", "outlook.con" } },
		{ "foxmail.com", { "foxmail.con", "foxmail.con", "foxmail.con" } },
	};
	for (size_t i = 0; i < ARRAY_SIZE(typos); i++)
		if (strcmp(typos[i].domain, domain) == 0)
			return typos[i].typo[rng_below(r, 3)];
	return domain;
}

int gen_form_email(strbuf *b, struct rng *r, const struct gen_world *w, const char *email)
{
	const char *at = strchr(email, '@');
	double x = rng_unit(r);
	size_t local = (size_t)(at - email);
	if (x < 0.08) {
		for (const char *s = email; *s; s++)
			put_c(b, (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s));
	} else if (x < 0.15) {
		/* Zhangwei@QQ.com */
		put_c(b, (char)(email[0] >= 'a' && email[0] <= 'z' ? email[0] - 32 : email[0]));
		put_n(b, email + 1, local);
		if (strcmp(at + 1, "qq.com") == 0)
			put(b, "QQ.com");
		else
			put(b, at + 1);
	} else if (x < 0.15 + gen_noise(w, 0.04)) {
		put_n(b, email, local + 1);
		put(b, domain_typo(at + 1, r));
		return 0;
	} else {
		put(b, email);
	}
	return 1;
}

int gen_form_id_card(strbuf *b, struct rng *r, const struct gen_world *w, const struct person *p)
{
	double x = rng_unit(r);
	const char *id = p->id_card;
	/* (sequences 996-999 of 15-digit numbers were for people born in the 1800s) */
	if (x < 0.03 && p->birth_y < 2000 && memcmp(id + 14, "996", 3) < 0) {
		/* the 15-digit number of before 1999: no century, no check character */
		put_n(b, id, 6), put_n(b, id + 8, 9);
	} else if (x < 0.05) {
		put_n(b, id, 6), put(b, "********"), put_n(b, id + 14, 4);
		return 0;
	} else if (x < 0.05 + gen_noise(w, 0.01)) {
		/* one digit of the sequence mistyped: the check character no longer fits */
		char t[19];
		memcpy(t, id, 19);
		t[15] = (char)('0' + (t[15] - '0' + 1 + (int)rng_below(r, 8)) % 10);
		put(b, t);
		return 0;
	} else if (id[17] == 'X' && rng_chance(r, 0.5)) {
		put_n(b, id, 17), put_c(b, 'x');
	} else {
		put(b, id);
	}
	return 1;
}

static void thousands(strbuf *b, int yuan)
{
	if (yuan >= 1000)
		put_uint(b, (uint64_t)(yuan / 1000)), put_c(b, ','),
			put_uint_pad(b, (uint64_t)(yuan % 1000), 3);
	else
		put_uint(b, (uint64_t)yuan);
}

void gen_form_price(strbuf *b, struct rng *r, int yuan)
{
	static const unsigned short mix[] = { 350, 200, 150, 100, 100, 50, 50 };
	switch (PICK(r, mix)) {
	case 0:
		put_uint(b, (uint64_t)yuan);
		break;
	case 1:
		put(b, "¥"), thousands(b, yuan), put(b, ".00");
		break;
	case 2:
		put_uint(b, (uint64_t)yuan), put(b, "元");
		break;
	case 3:
		put_uint(b, (uint64_t)yuan), put(b, ".00");
		break;
	case 4:
		thousands(b, yuan);
		break;
	case 5:
		put_uint(b, (uint64_t)yuan - 1), put(b, ".5");
		break;
	default:
		put(b, "￥"), thousands(b, yuan);
	}
}
