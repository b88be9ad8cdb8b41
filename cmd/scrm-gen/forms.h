#ifndef SCRM_GEN_FORMS_H
#define SCRM_GEN_FORMS_H
/*
 * The forms values take in the exports: one true value (a phone number,
 * a date, an address, a name) written the many ways the source systems
 * and the people typing into them write it. Each writer appends to a
 * strbuf and draws its choices from the record's stream. The typing
 * errors (typos, traditional characters, a wrong digit) are scaled by
 * --noise; the plain variety of forms is not.
 */
#include "people.h"
#include "rand.h"
#include "util.h"

/* Which source system a value is written for: each has its habits. */
enum form_ctx { FC_MEMBERS, FC_SALES, FC_SERVICE, FC_ECOMMERCE, FC_IOT, FC_CALLCENTER };

/* An 11-digit mobile number in one of the forms of ctx. */
void gen_form_mobile(strbuf *b, struct rng *r, const char *mobile, enum form_ctx ctx);

/*
 * A landline: area code (no trunk 0), local digits, extension or NULL.
 * local_ok: the record's address names the city, so the area code may be left out.
 */
void gen_form_landline(strbuf *b, struct rng *r, const char *area, const char *local,
		   const char *ext, int local_ok);

enum date_style {
	DS_BIRTH,	/* members 生日: often missing, sometimes day/month ambiguous */
	DS_REGISTER,	/* members 注册时间: Excel serials too */
	DS_ORDER,	/* sales 下单时间 */
	DS_SERVICE,	/* service 报修时间, minutes */
	DS_PAY,		/* ecommerce pay_time: a JSON value, string or Unix time */
	DS_IOT,		/* iot 激活时间: Unix seconds or milliseconds mostly */
	DS_CALL,	/* callcenter 来电时间 */
};

/* day: days since 1970-01-01; secs: seconds into the day (China Standard Time). */
void gen_form_date(strbuf *b, struct rng *r, int day, int secs, enum date_style style);

/*
 * An address of the place, in one of the forms people write (full, short,
 * 3-2-301 ...). need_flat: always with the flat. Returns whether the flat
 * (building, unit and room) is written.
 */
int gen_form_address(strbuf *b, struct rng *r, const struct place *pl, int need_flat);

/*
 * The person's name as a source system has it (variants, honorifics,
 * typos). Returns whether scrm-clean reads back the surname (the name,
 * or the surname of 张先生, starts with it unchanged).
 */
int gen_form_name(strbuf *b, struct rng *r, const struct gen_world *w, const struct person *p,
		  enum form_ctx ctx);

/* An e-mail address: case changes and typed domain slips. Returns 0 after a slip. */
int gen_form_email(strbuf *b, struct rng *r, const struct gen_world *w, const char *email);

/*
 * The ID number: 18 digits, sometimes x, the old 15-digit form, masked or
 * mistyped. Returns whether scrm-clean reads back the number (not masked
 * or mistyped).
 */
int gen_form_id_card(strbuf *b, struct rng *r, const struct gen_world *w, const struct person *p);

/* A price in yuan as a sales export writes it (¥4,299.00, 3299元 ...). */
void gen_form_price(strbuf *b, struct rng *r, int yuan);

/* Appends s with its ASCII digits, '-' and spaces made full-width. */
void gen_form_fullwidth(strbuf *b, const char *s);

#endif
