/*
 * scrm-gen: the random streams, the keyed permutation, ID check
 * characters, the tables, the generated values read back by scrm-clean's
 * own parsers (every ID number valid and unique, every phone a mobile or
 * landline, every address in its county and flat), and the evidence that
 * links a person's rows (the ledger, and what the rows of a block carry).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cn_admin.h"
#include "cn_phone.h"
#include "date.h"
#include "flags.h"
#include "rand.h"
#include "../../cmd/scrm-clean/address.h"
#include "../../cmd/scrm-clean/email.h"
#include "../../cmd/scrm-clean/idcard.h"
#include "../../cmd/scrm-gen/forms.h"
#include "../../cmd/scrm-gen/gen.h"
#include "../../cmd/scrm-gen/ledger.h"
#include "../../cmd/scrm-gen/people.h"
#include "../../cmd/scrm-gen/tables.h"
#include "test.h"

#include "banned.h"

#define TODAY 20261124

static void test_streams(void)
{
	struct rng r = { { 1, 2, 3, 4 } };
	uint64_t st = 1234567;
	/* reference outputs of xoshiro256** and splitmix64 */
	CHECK(rng_next(&r) == 11520ULL, "xoshiro256** first output");
	CHECK(rng_next(&r) == 0ULL, "xoshiro256** second output");
	CHECK(rng_next(&r) == 1509978240ULL, "xoshiro256** third output");
	CHECK(rng_next(&r) == 1215971899390074240ULL, "xoshiro256** fourth output");
	CHECK(splitmix64(&st) == 6457827717110365317ULL, "splitmix64 first output");
	CHECK(splitmix64(&st) == 3203168211198807973ULL, "splitmix64 second output");

	struct rng a, b;
	rng_seed_item(&a, 42, 7);
	rng_seed_item(&b, 42, 7);
	int same = 1;
	for (int i = 0; i < 100; i++)
		same &= rng_next(&a) == rng_next(&b);
	CHECK(same, "the same key and index give the same stream");
	rng_seed_item(&b, 42, 8);
	CHECK(rng_next(&a) != rng_next(&b), "another index gives another stream");

	unsigned counts[7] = { 0 };
	int in_range = 1;
	for (int i = 0; i < 70000; i++) {
		uint32_t x = rng_below(&a, 7);
		in_range &= x < 7;
		if (x < 7)
			counts[x]++;
	}
	CHECK(in_range, "rng_below stays below n");
	for (int i = 0; i < 7; i++)
		CHECK(counts[i] > 9400 && counts[i] < 10600, "rng_below(7) bucket %d: %u", i,
		      counts[i]);
	int lo = 100, hi = -100;
	for (int i = 0; i < 10000; i++) {
		int x = rng_between(&a, -3, 3);
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
	}
	CHECK_INT(lo, -3, "rng_between low end");
	CHECK_INT(hi, 3, "rng_between high end");

	static const uint32_t cum[] = { 0, 10, 10, 40 };
	unsigned picked[4] = { 0 };
	for (int i = 0; i < 40000; i++)
		picked[rng_pick_cum(&a, cum, 4)]++;
	CHECK(picked[0] == 0 && picked[2] == 0, "zero weights are never picked");
	CHECK(picked[1] > 9000 && picked[1] < 11000, "weight 10 of 40: %u", picked[1]);
}

static void test_permute(void)
{
	static const uint64_t sizes[] = { 1, 2, 3, 5, 10, 64, 100, 1000, 4097, 65536, 100003 };
	unsigned char *seen = malloc(100003);
	for (size_t k = 0; k < ARRAY_SIZE(sizes); k++) {
		uint64_t n = sizes[k];
		int ok = 1;
		size_t fixed = 0;
		memset(seen, 0, n);
		for (uint64_t x = 0; x < n; x++) {
			uint64_t y = rand_permute(x, n, 99 + k);
			if (y >= n || seen[y])
				ok = 0;
			else
				seen[y] = 1;
			fixed += y == x;
		}
		CHECK(ok, "rand_permute is a bijection of [0, %llu)", (unsigned long long)n);
		if (n >= 1000)
			CHECK(fixed < n / 100, "rand_permute moves values (n %llu: %zu fixed)",
			      (unsigned long long)n, fixed);
	}
	free(seen);
	CHECK(rand_permute(5, 100000000, 1) != rand_permute(5, 100000000, 2),
	      "another key, another permutation");
}

static void test_check_character(void)
{
	CHECK(gen_idcard_check("37021219850615123") == '3', "370212198506151233");
	CHECK(gen_idcard_check("11010519491231002") == 'X', "11010519491231002X");
	CHECK(gen_idcard_check("44030520101010555") == '3', "440305201010105553");
	struct rng r;
	rng_seed(&r, 5);
	int agree = 1;
	for (int i = 0; i < 5000; i++) {
		char d[18];
		for (int k = 0; k < 17; k++)
			d[k] = (char)('0' + rng_below(&r, 10));
		d[17] = '\0';
		agree &= gen_idcard_check(d) == idcard_check_char(d);
	}
	CHECK(agree, "gen_idcard_check agrees with scrm-clean's idcard_check_char");
}

static int has_char(const char *han)
{
	return gen_given_char(han, strlen(han)) != NULL;
}

static void test_tables(void)
{
	int names_ok = 1;
	for (size_t i = 0; i < gen_given_names_len; i++)
		for (size_t k = 0; k < strlen(gen_given_names[i].han); k += 3) {
			char c[4] = { 0 };
			memcpy(c, gen_given_names[i].han + k, 3);
			if (!has_char(c)) {
				names_ok = 0;
				printf("# %s: %s not in gen_given_chars\n", gen_given_names[i].han, c);
			}
		}
	CHECK(names_ok, "the common given names are made of known characters");

	for (size_t i = 0; i < gen_counties_len; i++) {
		const struct county *c = &gen_counties[i];
		const struct cn_division *d = cn_admin_get(c->code);
		char buf[32];
		CHECK(d && d->status == CN_CURRENT && strcmp(d->name, c->district) == 0,
		      "county %d is %s", c->code, c->district);
		CHECK(d && d->lat > 0 && d->lon > 0, "county %d has a centroid", c->code);
		snprintf(buf, sizeof(buf), "%s", d ? d->province : "");
		CHECK_STR(buf, c->province, "province of the county");
		CHECK(strstr(c->city, c->city_short) == c->city, "%s starts with %s", c->city,
		      c->city_short);
	}

	int prefixes_ok = 1;
	for (size_t i = 0; i < gen_mobile_prefixes_len; i++) {
		char num[12];
		struct phone_num p;
		struct flags f = { .n = 0 };
		snprintf(num, sizeof(num), "%s58203716", gen_mobile_prefixes[i]);
		if (cn_phone_parse(num, 11, "CN", &p, 1, &f) != 1 || p.type != PHONE_MOBILE || f.n) {
			prefixes_ok = 0;
			printf("# prefix %s: not a plain mobile\n", gen_mobile_prefixes[i]);
		}
	}
	CHECK(prefixes_ok, "every mobile prefix is an allocated voice block");
}

/* A generated population, read back with scrm-clean's parsers. */
#define PEOPLE 4000

struct seen {
	char **v;
	size_t n;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t duplicates(struct seen *s)
{
	size_t d = 0;
	qsort(s->v, s->n, sizeof(char *), cmp_str);
	for (size_t i = 1; i < s->n; i++)
		d += strcmp(s->v[i], s->v[i - 1]) == 0;
	return d;
}

static void seen_add(struct seen *s, const char *v)
{
	s->v = realloc(s->v, (s->n + 1) * sizeof(char *));
	s->v[s->n++] = xstrdup(v);
}

static void seen_free(struct seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static int phone_is(const char *s, size_t n, enum phone_type type, const char *e164)
{
	struct phone_num p[2];
	struct flags f = { .n = 0 };
	int k = cn_phone_parse(s, n, "CN", p, 2, &f);
	return k == 1 && p[0].type == type && (!e164 || strcmp(p[0].e164, e164) == 0) &&
	       !flags_has(&f, "phone_fake");
}

static void check_person(const struct person *p, const struct person *head, struct seen *ids,
			 struct seen *mobiles, struct seen *emails, int *bad)
{
	struct idcard id;
	struct flags f = { .n = 0 };
	char e164[24];
	strbuf sb = STRBUF_INIT;

	if (!idcard_parse(p->id_card, 18, TODAY, &id, &f) || f.n || id.year != p->birth_y ||
	    id.month != p->birth_m || id.day != p->birth_d || id.gender != p->sex) {
		if ((*bad)++ < 5)
			printf("# person %u: ID number not valid or not theirs\n", p->uid);
	}
	seen_add(ids, p->id_card);
	if (p->mobile[0]) {
		snprintf(e164, sizeof(e164), "+86%s", p->mobile);
		if (!phone_is(p->mobile, 11, PHONE_MOBILE, e164) && (*bad)++ < 5)
			printf("# person %u: mobile not a plain mobile\n", p->uid);
		seen_add(mobiles, p->mobile);
	}
	if (p->old_mobile[0])
		seen_add(mobiles, p->old_mobile);
	if (p->mobile2[0])
		seen_add(mobiles, p->mobile2);
	if (p->email[0]) {
		f.n = 0;
		if ((!email_normalize(p->email, strlen(p->email), &sb, &f) || f.n) && (*bad)++ < 5)
			printf("# person %u: e-mail address flagged\n", p->uid);
		/* some share the address of the head of the family: counted once */
		if (!head || strcmp(p->email, head->email) != 0)
			seen_add(emails, p->email);
	}
	sb_release(&sb);
}

static void test_population(void)
{
	struct gen_config cfg = { 11, PEOPLE, 1.0 };
	struct gen_world *w = gen_world_new(&cfg);
	struct seen ids = { 0 }, mobiles = { 0 }, emails = { 0 }, landlines = { 0 };
	struct household hh;
	struct person members[5];
	int bad = 0, bad_landline = 0;
	size_t people = 0, movers = 0, changed = 0, with_email = 0;

	for (uint32_t uid = 0; uid < PEOPLE; uid += (uint32_t)hh.size) {
		int size = 1 + (int)(uid % 5);
		if (uid + (uint32_t)size > PEOPLE)
			size = (int)(PEOPLE - uid);
		gen_household(w, uid, size, &hh);
		movers += hh.move_day != 0;
		if (hh.family_phone == FAMILY_LANDLINE) {
			char t[24];
			int n = snprintf(t, sizeof(t), "0%s%s", hh.home.county->area, hh.landline);
			if (!phone_is(t, (size_t)n, PHONE_LANDLINE, NULL))
				bad_landline++;
			seen_add(&landlines, t);
		}
		for (int k = 0; k < size; k++) {
			gen_person(w, &hh, k, k ? &members[0] : NULL, &members[k]);
			check_person(&members[k], k ? &members[0] : NULL, &ids, &mobiles, &emails,
				     &bad);
			people++;
			changed += members[k].old_mobile[0] != 0;
			with_email += members[k].email[0] != 0;
		}
	}
	CHECK_INT(bad, 0, "people whose ID number, mobile or e-mail does not read back");
	CHECK_INT(bad_landline, 0, "landlines that do not read back");
	CHECK_INT(duplicates(&ids), 0, "ID numbers shared by two people");
	CHECK_INT(duplicates(&mobiles), 0, "mobile numbers shared by two people");
	CHECK_INT(duplicates(&landlines), 0, "landlines shared by two households");
	CHECK_INT(duplicates(&emails), 0, "e-mail addresses shared outside a family");
	CHECK(movers > 0 && changed > 0 && with_email > people / 4,
	      "movers %zu, changed numbers %zu, e-mail %zu", movers, changed, with_email);
	seen_free(&ids);
	seen_free(&mobiles);
	seen_free(&emails);
	seen_free(&landlines);
	gen_world_free(w);
}

/* Addresses: the county is always found; building, unit and room when written. */
static void test_addresses(void)
{
	struct gen_config cfg = { 3, 200000, 1.0 };
	struct gen_world *w = gen_world_new(&cfg);
	struct rng r;
	strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
	int wrong_county = 0, wrong_flat = 0, wrong_community = 0, flats = 0, missed_flat = 0;
	struct seen places = { 0 };

	rng_seed(&r, 17);
	for (uint64_t slot = 0; slot < 20000; slot++) {
		struct place pl;
		struct address a;
		struct flags f = { .n = 0 };
		char key[160];
		gen_place(w, rand_permute(slot, w->slots, 1), &pl);
		sb_reset(&sb);
		sb_reset(&name);
		gen_community_name(&pl, &name);
		snprintf(key, sizeof(key), "%d %s %d-%d-%d", pl.county->code, name.buf, pl.building,
			 pl.unit, pl.room);
		seen_add(&places, key);
		/* every fourth must name the flat, and says so */
		int need = slot % 4 == 0, flat = gen_form_address(&sb, &r, &pl, need);
		if (need && !flat)
			missed_flat++;
		if (!address_parse(sb.buf, sb.len, NULL, NULL, NULL, &a, &f) ||
		    a.adcode != pl.county->code) {
			if (wrong_county++ < 5)
				printf("# %s: adcode %d, want %d\n", sb.buf, a.adcode, pl.county->code);
			continue;
		}
		if (flat && !a.room[0] && missed_flat++ < 5)
			printf("# %s: the flat is not read back\n", sb.buf);
		if (a.room[0]) {
			char want[16];
			flats++;
			snprintf(want, sizeof(want), "%d", pl.room);
			if ((atoi(a.building) != pl.building || atoi(a.unit) != pl.unit ||
			     strcmp(a.room, want) != 0) && wrong_flat++ < 5)
				printf("# %s: flat %s-%s-%s\n", sb.buf, a.building, a.unit, a.room);
		}
		if (a.community[0] && !strstr(sb.buf, a.community) && wrong_community++ < 5)
			printf("# %s: community %s\n", sb.buf, a.community);
		if (a.community[0] && strncmp(a.community, name.buf, name.len) != 0 &&
		    strstr(sb.buf, name.buf) && wrong_community++ < 5)
			printf("# %s: community %s, want %s\n", sb.buf, a.community, name.buf);
	}
	CHECK_INT(wrong_county, 0, "addresses parsed to another county");
	CHECK_INT(wrong_flat, 0, "addresses parsed to another flat");
	CHECK_INT(missed_flat, 0, "addresses whose flat, required or said written, is not read back");
	CHECK_INT(wrong_community, 0, "addresses parsed to another community");
	CHECK(flats > 15000, "most addresses name the flat (%d)", flats);
	CHECK_INT(duplicates(&places), 0, "two address slots with the same flat");
	seen_free(&places);
	sb_release(&sb);
	sb_release(&name);
	gen_world_free(w);
}

/* Every phone and date form reads back as the value it was made from. */
static void test_forms(void)
{
	struct rng r;
	strbuf sb = STRBUF_INIT;
	int bad_phone = 0, bad_date = 0, ambiguous = 0;
	rng_seed(&r, 23);
	for (int i = 0; i < 3000; i++) {
		enum form_ctx ctx = (enum form_ctx)(i % 6);
		sb_reset(&sb);
		gen_form_mobile(&sb, &r, "13964081235", ctx);
		if (!phone_is(sb.buf, sb.len, PHONE_MOBILE, "+8613964081235") && bad_phone++ < 5)
			printf("# mobile form %s\n", sb.buf);
		sb_reset(&sb);
		gen_form_landline(&sb, &r, "532", "88881234", i % 7 ? NULL : "8001", 0);
		struct phone_num p[2];
		struct flags f = { .n = 0 };
		if ((cn_phone_parse(sb.buf, sb.len, "CN", p, 2, &f) != 1 ||
		     strncmp(p[0].e164, "+8653288881234", 14) != 0) && bad_phone++ < 5)
			printf("# landline form %s\n", sb.buf);
	}
	for (int i = 0; i < 7000; i++) {
		enum date_style style = (enum date_style)(i % 7);
		int day = (int)days_from_civil(2016, 1, 1) + (int)rng_below(&r, 3650), y, m, d;
		struct date_val v;
		enum date_status st;
		civil_from_days(day, &y, &m, &d);
		sb_reset(&sb);
		gen_form_date(&sb, &r, day, 8 * 3600 + (int)rng_below(&r, 14 * 3600), style);
		if (!sb.len)
			continue;
		if (style == DS_PAY && sb.buf[0] == '"')
			st = date_parse(sb.buf + 1, sb.len - 2, DATE_ALLOW_SERIAL, &v);
		else
			st = date_parse(sb.buf, sb.len, DATE_ALLOW_SERIAL, &v);
		if (st == DATE_AMBIGUOUS && style == DS_BIRTH) {
			ambiguous++;
			continue;
		}
		if ((st != DATE_OK || v.year != y || v.month != m || v.day != d) && bad_date++ < 5)
			printf("# date form %s: want %04d-%02d-%02d\n", sb.buf, y, m, d);
	}
	CHECK_INT(bad_phone, 0, "phone forms that do not read back");
	CHECK_INT(bad_date, 0, "date forms that do not read back");
	CHECK(ambiguous > 0, "some birth dates are day/month ambiguous");
	sb_release(&sb);
}

static void block_bytes(const struct gen_block *b, strbuf *out)
{
	for (int f = 0; f < GF_COUNT; f++) {
		const struct gen_part *pt = &b->part[f];
		for (size_t i = 0; i < pt->n; i++) {
			const struct gen_row *row = &pt->rows[pt->order[i]];
			sb_add(out, pt->text.buf + row->off, row->len);
		}
	}
}

static void test_blocks(void)
{
	struct gen_config cfg = { 9, 3 * GEN_BLOCK_PEOPLE / 2, 1.0 };
	struct gen_world *w = gen_world_new(&cfg);
	struct gen_block a, b;
	strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	int owners_ok = 1, dups_ok = 1, junk = 0, dups = 0;

	CHECK_INT(gen_block_count(w), 2, "blocks of 1.5 blocks' people");
	gen_block_init(&a);
	gen_block_init(&b);
	gen_block_make(w, 1, &a);
	gen_block_make(w, 0, &b);	/* another block in between: no state carried over */
	gen_block_make(w, 1, &b);
	block_bytes(&a, &x);
	block_bytes(&b, &y);
	CHECK(x.len > 0 && x.len == y.len && memcmp(x.buf, y.buf, x.len) == 0,
	      "a block is the same however it was reached");
	CHECK_INT(a.people, GEN_BLOCK_PEOPLE / 2, "people of the last block");
	for (int f = 0; f < GF_COUNT; f++) {
		const struct gen_part *pt = &a.part[f];
		for (size_t i = 0; i < pt->n; i++) {
			const struct gen_row *row = &pt->rows[i];
			if (row->kind == ROW_JUNK) {
				junk++;
				continue;
			}
			owners_ok &= row->person >= GEN_BLOCK_PEOPLE &&
				     row->person < GEN_BLOCK_PEOPLE + a.people &&
				     row->household <= row->person && row->person - row->household < 5;
			if (row->dup_of >= 0) {
				const struct gen_row *o = &pt->rows[row->dup_of];
				dups++;
				dups_ok &= o->dup_of < 0 && o->len == row->len &&
					   memcmp(pt->text.buf + o->off, pt->text.buf + row->off,
						  row->len) == 0 &&
					   o->person == row->person;
			}
		}
	}
	CHECK(owners_ok, "every row belongs to a person of the block and their household");
	CHECK(dups_ok, "a duplicate repeats its original exactly");
	CHECK(junk > 0 && dups > 0, "junk %d and duplicates %d are planted", junk, dups);

	/* --noise 0: neither */
	struct gen_config clean = { 9, GEN_BLOCK_PEOPLE, 0.0 };
	struct gen_world *w0 = gen_world_new(&clean);
	gen_block_make(w0, 0, &a);
	junk = dups = 0;
	for (int f = 0; f < GF_COUNT; f++)
		for (size_t i = 0; i < a.part[f].n; i++) {
			junk += a.part[f].rows[i].kind == ROW_JUNK;
			dups += a.part[f].rows[i].dup_of >= 0 || a.part[f].rows[i].store_phone;
		}
	CHECK(junk == 0 && dups == 0, "--noise 0 plants no junk, duplicates or store phones");
	gen_world_free(w0);
	gen_block_release(&a);
	gen_block_release(&b);
	sb_release(&x);
	sb_release(&y);
	gen_world_free(w);
}

static void test_ledger(void)
{
	struct ledger l;
	ledger_reset(&l);
	CHECK(ledger_links(&l, 0), "the first row starts the main group, or is an orphan");
	CHECK_INT(ledger_add(&l, 0), 0, "rows are numbered from 0");
	CHECK(ledger_links(&l, EV(EV_EMAIL)), "the first row with evidence starts the main group");
	ledger_add(&l, EV(EV_MOBILE) | EV(EV_HOME_FLAT));
	CHECK(ledger_main(&l) == (EV(EV_MOBILE) | EV(EV_HOME_FLAT)), "the main group's evidence");
	CHECK(!ledger_links(&l, EV(EV_EMAIL) | EV(EV_SERIAL + 2)), "nothing in common: not linked");
	CHECK_INT(ledger_add(&l, EV(EV_EMAIL) | EV(EV_SERIAL + 2)), 2, "a stray row");
	CHECK(ledger_links(&l, EV(EV_HOME_FLAT)), "the flat links");
	CHECK(!ledger_in_main(&l, 0) && ledger_in_main(&l, 1) && !ledger_in_main(&l, 2),
	      "the row without evidence and the stray are outside the main group");
	/* a row with the serial of the stray and the mobile of the main group joins both */
	ledger_add(&l, EV(EV_SERIAL + 2) | EV(EV_MOBILE));
	CHECK(ledger_in_main(&l, 2) && ledger_in_main(&l, 3), "a later row links the stray");
	CHECK(ledger_main(&l) & EV(EV_EMAIL), "and the stray's evidence is the main group's");
	CHECK(!ledger_in_main(&l, 0), "a row without evidence stays an orphan");
	CHECK(EV_COUNT <= 32, "the evidence fits a mask");
}

/* The text of a row of the block, as a string (the fields after the record id). */
static const char *row_text(const struct gen_part *pt, const struct gen_row *row, strbuf *out)
{
	sb_reset(out);
	sb_add(out, pt->text.buf + row->off, row->len);
	return out->buf;
}

/* Field k (from 0) of a tab-separated IoT row, into out. */
static void tsv_field(const char *s, int k, strbuf *out)
{
	sb_reset(out);
	for (; k > 0 && *s; s++)
		k -= *s == '\t';
	for (; *s && *s != '\t' && *s != '\n'; s++)
		sb_addc(out, *s);
}

/* Whether a row of person other than the one at skip (in file f) names s. */
static int person_has(const struct gen_block *b, uint32_t person, int f_skip, size_t skip,
		      const char *s)
{
	strbuf t = STRBUF_INIT;
	int found = 0;
	for (int f = 0; f < GF_COUNT && !found; f++)
		for (size_t i = 0; i < b->part[f].n && !found; i++) {
			const struct gen_row *row = &b->part[f].rows[i];
			if (row->kind != ROW_PERSON || row->person != person ||
			    (f == f_skip && (i == skip || row->dup_of == (int32_t)skip)))
				continue;
			found = strstr(row_text(&b->part[f], row, &t), s) != NULL;
		}
	sb_release(&t);
	return found;
}

/*
 * What links a person's rows: hardly any row is an orphan; a masked order
 * carries the buyer's account; an activation without the owner's number
 * has its serial on another of the owner's rows.
 */
static void test_evidence(void)
{
	struct gen_config cfg = { 9, GEN_BLOCK_PEOPLE, 1.0 };
	struct gen_world *w = gen_world_new(&cfg);
	struct gen_block b;
	strbuf t = STRBUF_INIT, phone = STRBUF_INIT, serial = STRBUF_INIT;
	size_t rows = 0, orphans = 0, masked = 0, masked_ok = 0, iot = 0, iot_phone = 0;
	size_t no_phone = 0, serial_elsewhere = 0;

	gen_block_init(&b);
	gen_block_make(w, 0, &b);
	for (int f = 0; f < GF_COUNT; f++)
		for (size_t i = 0; i < b.part[f].n; i++) {
			const struct gen_row *row = &b.part[f].rows[i];
			if (row->kind != ROW_PERSON || row->dup_of >= 0)
				continue;
			rows++;
			orphans += row->orphan;
			row_text(&b.part[f], row, &t);
			if (f == GF_ECOMMERCE && strstr(t.buf, "****")) {
				masked++;
				masked_ok += strstr(t.buf, "\"openid\":") != NULL;
			}
			if (f != GF_IOT)
				continue;
			iot++;
			tsv_field(t.buf, 4, &phone);
			tsv_field(t.buf, 1, &serial);
			if (phone.len == 11 || (phone.len && phone.buf[0] == '+')) {
				iot_phone++;
				continue;
			}
			no_phone++;
			serial_elsewhere += serial.len && person_has(&b, row->person, f, i, serial.buf);
		}
	CHECK(rows > 10000 && orphans * 500 < rows, "orphans: %zu of %zu rows", orphans, rows);
	CHECK(masked > 100 && masked_ok == masked, "masked orders with the buyer's account: %zu of %zu",
	      masked_ok, masked);
	CHECK(iot > 1000 && iot_phone * 100 > iot * 90, "activations with the owner's number: %zu of %zu",
	      iot_phone, iot);
	CHECK(serial_elsewhere * 10 > no_phone * 8,
	      "activations without it whose serial another row names: %zu of %zu", serial_elsewhere,
	      no_phone);
	gen_block_release(&b);
	sb_release(&t);
	sb_release(&phone);
	sb_release(&serial);
	gen_world_free(w);
}

int main(void)
{
	test_streams();
	test_permute();
	test_check_character();
	test_tables();
	test_population();
	test_addresses();
	test_forms();
	test_blocks();
	test_ledger();
	test_evidence();
	return test_done();
}
