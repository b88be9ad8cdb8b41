#include "clean.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "cn_admin.h"
#include "cn_phone.h"
#include "date.h"
#include "email.h"
#include "error.h"
#include "fields.h"
#include "flags.h"
#include "idcard.h"
#include "map.h"
#include "name.h"
#include "schema.h"
#include "unicode.h"
#include "writer.h"
#include "banned.h"

#define MAX_PHONES 8
#define MAX_COLUMNS 256		/* columns planned by position; more are looked up */

/* What to do with the input column at one position (keys repeat record after record). */
struct column_plan {
	const char *key;	/* the record's key last time (CSV: the same pointer) */
	char *name;		/* a copy, to recognise NDJSON keys */
	const struct map_target *t;
};

/* Centroid text per division, so a coordinate is formatted once. */
struct centroid_text {
	int code;
	char lat[24], lon[24];
};

/* Flag counts for --stats. */
struct flag_counts {
	uint64_t n[128];
	const char *names[128];
	size_t len;
};

/* Read-only while records are cleaned: shared by the worker threads. */
struct cleaner {
	struct clean_opts o;
	struct flag_counts flags;	/* merged when the workers finish */
};

/* Scratch state of one worker thread. */
struct worker {
	struct clean_opts o;
	strbuf tmp, key;
	const char *stem_for;		/* the file the cached stem belongs to */
	char stem[128];
	const char *event_for;		/* the src the cached event belongs to */
	const char *event;
	char event_src[128];
	struct column_plan plan[MAX_COLUMNS];
	struct centroid_text centroids[1024];
};

/* One record while it is cleaned. */
struct rec {
	arena *a;
	struct worker *c;
	const sv *in;				/* the input record */
	const struct map_target *target[MAX_COLUMNS];
	const sv *val[F_COUNT];			/* first input value per canonical field */
	const sv *phones[MAX_PHONES];		/* phone-like values, in column order */
	int phone_field[MAX_PHONES];
	int nphones;
	sv out[F_COUNT];			/* cleaned values (SV_NULL: absent) */
	struct flags flags;
	sv raw;					/* originals of changed values (--keep-raw) */
	int synthetic_rid;
};

/* ---- small helpers ---- */

/* The text of a scalar input value; 0 for null, arrays and objects. */
static int text_of(const sv *v, const char **s, size_t *n)
{
	if (!v)
		return 0;
	switch (v->type) {
	case SV_STR:
		*s = v->u.s;
		*n = v->len;
		return 1;
	case SV_NUM:
		if (v->u.num.text) {
			*s = v->u.num.text;
			*n = v->len;
			return 1;
		}
		return 0;
	case SV_BOOL:
		*s = v->b ? "true" : "false";
		*n = strlen(*s);
		return 1;
	default:
		return 0;
	}
}

static int is_blank_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Values that mean "nothing here" in exports: NULL, N/A, 无, 不详 ... */
static int is_null_token(const char *s, size_t n)
{
	static const char *const tokens[] = {
		"null", "none", "nil", "n/a", "na", "-", "--", "---", "\\n", "/",
		"无", "暂无", "不详", "未知", "空", "#n/a", "undefined", "0",
	};
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 1;
	if (n > 9)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(tokens); i++)
		if (strlen(tokens[i]) == n) {
			char low[16];
			for (size_t k = 0; k < n; k++)
				low[k] = (char)((s[k] >= 'A' && s[k] <= 'Z') ? s[k] + 32 : s[k]);
			if (memcmp(low, tokens[i], n) == 0)
				return 1;
		}
	return 0;
}

/* The text of input field f when it holds something (not blank, not a null token). */
static int input_text(const struct rec *r, int f, const char **s, size_t *n)
{
	return text_of(r->val[f], s, n) && !is_null_token(*s, *n);
}

static void set_out(struct rec *r, int f, sv v)
{
	r->out[f] = v;
}

static void set_out_str(struct rec *r, int f, const char *s, size_t n)
{
	r->out[f] = sv_str(r->a, s, n);
}

static const sv *out_of(const struct rec *r, int f)
{
	return r->out[f].type != SV_NULL ? &r->out[f] : NULL;
}

static const char *out_str(const struct rec *r, int f)
{
	return r->out[f].type == SV_STR ? r->out[f].u.s : NULL;
}

/* Keeps the original of a changed or removed value under raw (--keep-raw). */
static void keep_raw(struct rec *r, int f, const char *s, size_t n)
{
	const sv *now = out_of(r, f);
	if (!r->c->o.keep_raw)
		return;
	if (now && now->type == SV_STR && now->len == n && memcmp(now->u.s, s, n) == 0)
		return;
	if (now && now->type == SV_NUM && now->u.num.text && now->len == n &&
	    memcmp(now->u.num.text, s, n) == 0)
		return;
	if (sv_get(&r->raw, schema_fields[f]))
		return;
	sv_append(r->a, &r->raw, schema_fields[f], sv_str(r->a, s, n));
}

/*
 * s normalised: NFKC, trimmed. s must be a whole value (s[n] == '\0'):
 * when nothing changes, the result is s itself, not a copy.
 */
static sv tidy(struct rec *r, const char *s, size_t n, unsigned extra)
{
	strbuf *t = &r->c->tmp;
	if (u_is_normal(s, n, U_NFKC | U_TRIM | extra))
		return sv_str_ref(s, n);
	sb_reset(t);
	u_normalize(t, s, n, U_NFKC | U_TRIM | extra);
	return sv_str(r->a, sb_str(t), t->len);
}

/* ---- field cleaners ---- */

/* An identifier or a short label: NFKC, trimmed; null tokens are no value. */
static void clean_plain(struct rec *r, int f)
{
	const char *s;
	size_t n;
	sv v;
	if (!text_of(r->val[f], &s, &n))
		return;
	if (!is_null_token(s, n)) {
		v = tidy(r, s, n, 0);
		if (v.len)
			set_out(r, f, v);
	}
	keep_raw(r, f, s, n);
}

/* Free text is kept as written (line breaks too), only trimmed. */
static void clean_text(struct rec *r)
{
	const char *s;
	size_t n;
	if (!text_of(r->val[F_TEXT], &s, &n))
		return;
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n)
		set_out_str(r, F_TEXT, s, n);
}

static void clean_name(struct rec *r)
{
	const char *s, *gs;
	size_t n, gn;
	struct name_info info;
	strbuf *t = &r->c->tmp;
	if (!text_of(r->val[F_NAME], &s, &n) || is_blank_text(s, n))
		return;
	memset(&info, 0, sizeof(info));
	name_normalize(s, n, t, &info, &r->flags);
	if (t->len)
		set_out_str(r, F_NAME, t->buf, t->len);
	keep_raw(r, F_NAME, s, n);
	/* 王先生: the honorific says what the gender column does not */
	if (info.gender && !input_text(r, F_GENDER, &gs, &gn))
		set_out(r, F_GENDER, sv_str_static(info.gender == 'M' ? "M" : "F"));
}

static void clean_gender(struct rec *r)
{
	const char *s;
	size_t n;
	char g;
	if (!input_text(r, F_GENDER, &s, &n))
		return;
	g = gender_parse(s, n);
	if (g)
		set_out(r, F_GENDER, sv_str_static(g == 'M' ? "M" : "F"));
	else
		flag_add(&r->flags, "gender_invalid");
	keep_raw(r, F_GENDER, s, n);
}

struct date_flags {
	const char *invalid, *ambiguous, *placeholder, *future;
};

/* A date field: ISO 8601 out; ambiguous or impossible dates are flagged, not guessed. */
static void clean_date(struct rec *r, int f, int date_only, const struct date_flags *df)
{
	const char *s;
	size_t n;
	struct date_val d;
	char buf[40];
	if (!input_text(r, f, &s, &n))
		return;
	switch (date_parse(s, n, DATE_ALLOW_SERIAL, &d)) {
	case DATE_OK:
		if (date_only)
			d.has_time = 0;
		if (date_is_placeholder(&d)) {
			flag_add(&r->flags, df->placeholder);
		} else if (d.year * 10000 + d.month * 100 + d.day > r->c->o.today) {
			flag_add(&r->flags, df->future);
			if (!date_only)
				set_out_str(r, f, buf, date_format(&d, buf, sizeof(buf)));
		} else if (date_only && d.day == 0) {
			flag_add(&r->flags, df->invalid);	/* a birth month is no birth date */
		} else {
			set_out_str(r, f, buf, date_format(&d, buf, sizeof(buf)));
		}
		break;
	case DATE_AMBIGUOUS:
		flag_add(&r->flags, df->ambiguous);
		break;
	default:
		flag_add(&r->flags, df->invalid);
		break;
	}
	keep_raw(r, f, s, n);
}

static void clean_id_card(struct rec *r)
{
	const char *s, *have;
	size_t n;
	struct idcard id;
	char birth[16];
	if (!input_text(r, F_ID_CARD, &s, &n))
		return;
	memset(&id, 0, sizeof(id));
	if (!idcard_parse(s, n, r->c->o.today, &id, &r->flags)) {
		keep_raw(r, F_ID_CARD, s, n);
		return;
	}
	set_out_str(r, F_ID_CARD, id.id, strlen(id.id));
	keep_raw(r, F_ID_CARD, s, n);
	/* what the number says about its holder */
	snprintf(birth, sizeof(birth), "%04d-%02d-%02d", id.year, id.month, id.day);
	have = out_str(r, F_BIRTHDATE);
	if (!have)
		set_out_str(r, F_BIRTHDATE, birth, strlen(birth));
	else if (strcmp(have, birth) != 0)
		flag_add(&r->flags, "birthdate_conflict");
	have = out_str(r, F_GENDER);
	if (!have)
		set_out(r, F_GENDER, sv_str_static(id.gender == 'M' ? "M" : "F"));
	else if (have[0] != id.gender)
		flag_add(&r->flags, "gender_conflict");
}

/* Places one number: the first mobile in phone, the first fixed line in landline. */
static void place_phone(struct rec *r, sv *alt, const struct phone_num *p)
{
	char buf[48];
	int f = p->type == PHONE_LANDLINE ? F_LANDLINE : F_PHONE;
	int n = p->ext[0] ? snprintf(buf, sizeof(buf), "%s;ext=%s", p->e164, p->ext)
			  : snprintf(buf, sizeof(buf), "%s", p->e164);
	const sv *have = out_of(r, f);
	if (n <= 0)
		return;
	if (!have) {
		set_out_str(r, f, buf, (size_t)n);
		return;
	}
	if (have->len == (uint32_t)n && memcmp(have->u.s, buf, (size_t)n) == 0)
		return;
	for (uint32_t i = 0; i < alt->len; i++)
		if (alt->u.items[i].len == (uint32_t)n &&
		    memcmp(alt->u.items[i].u.s, buf, (size_t)n) == 0)
			return;
	sv_arr_push(r->a, alt, sv_str(r->a, buf, (size_t)n));
}

/*
 * A 7-8 digit number without its area code, in a record whose address
 * names the city: the city's code completes it.
 */
static int complete_local(struct rec *r, struct phone_num *p)
{
	const char *city = out_str(r, F_CITY), *prov = out_str(r, F_PROVINCE);
	size_t local = strlen(p->national);
	if (!city || local < 7 || local > 8 || p->national[0] == '0' || p->national[0] == '1')
		return 0;
	char want[160], national[sizeof(p->national)];
	/* the table names places as 山东省青岛市, or 北京市 for a municipality */
	snprintf(want, sizeof(want), "%s%s", prov && strcmp(prov, city) ? prov : "", city);
	memcpy(national, p->national, sizeof(national));
	for (size_t i = 0; i < cn_area_codes_len; i++) {
		const struct cn_area_code *ac = &cn_area_codes[i];
		if (ac->code_digits != ac->digits || !ac->place)
			continue;
		if (strcmp(ac->place, want) != 0 && strcmp(ac->place, city) != 0)
			continue;
		if (ac->digits == 2 && local != 8)
			return 0;
		snprintf(p->e164, sizeof(p->e164), "+86%u%.8s", ac->prefix, national);
		p->type = PHONE_LANDLINE;
		flag_add(&r->flags, "landline_area_from_address");
		return 1;
	}
	return 0;
}

/* Every phone-like column: mobiles to phone, fixed lines to landline, the rest to phone_alt. */
static void clean_phones(struct rec *r)
{
	sv alt = sv_arr();
	const sv *old_alt = r->val[F_PHONE_ALT];
	for (int k = 0; k < r->nphones; k++) {
		struct phone_num nums[MAX_PHONES];
		const char *s;
		size_t n;
		int found;
		if (!text_of(r->phones[k], &s, &n) || is_blank_text(s, n))
			continue;
		found = cn_phone_parse(s, n, r->c->o.region, nums, MAX_PHONES, &r->flags);
		for (int i = 0; i < found; i++) {
			if (nums[i].type == PHONE_LOCAL_ONLY)
				complete_local(r, &nums[i]);
			if (nums[i].type == PHONE_MOBILE || nums[i].type == PHONE_LANDLINE ||
			    nums[i].type == PHONE_INTL)
				place_phone(r, &alt, &nums[i]);
		}
		/* the original of a column that was not an array element */
		if (r->c->o.keep_raw && r->phones[k] == r->val[r->phone_field[k]])
			keep_raw(r, r->phone_field[k], s, n);
	}
	if (alt.len)
		set_out(r, F_PHONE_ALT, alt);
	else if (old_alt && old_alt->type == SV_ARR && old_alt->len == 0)
		set_out(r, F_PHONE_ALT, *old_alt);
}

static void clean_email(struct rec *r)
{
	const char *s;
	size_t n;
	strbuf *t = &r->c->tmp;
	if (!text_of(r->val[F_EMAIL], &s, &n) || is_blank_text(s, n))
		return;
	if (email_normalize(s, n, t, &r->flags))
		set_out_str(r, F_EMAIL, t->buf, t->len);
	keep_raw(r, F_EMAIL, s, n);
}

/* The centroid of a division as text, formatted once per division. */
static const struct centroid_text *centroid(struct worker *c, int code, double lat, double lon)
{
	struct centroid_text *ct = &c->centroids[(unsigned)code % ARRAY_SIZE(c->centroids)];
	if (ct->code != code) {
		ct->code = code;
		format_double(lat, ct->lat, sizeof(ct->lat));
		format_double(lon, ct->lon, sizeof(ct->lon));
	}
	return ct;
}

static void set_address_part(struct rec *r, int f, const char *s)
{
	if (*s)
		set_out_str(r, f, s, strlen(s));
}

static void clean_address(struct rec *r)
{
	static const int parts[3] = { F_PROVINCE, F_CITY, F_DISTRICT };
	const char *s = "", *hint[3] = { NULL, NULL, NULL };
	size_t n = 0;
	struct address ad;
	int have_text = input_text(r, F_ADDRESS, &s, &n);

	for (int i = 0; i < 3; i++) {
		const char *hs;
		size_t hn;
		if (input_text(r, parts[i], &hs, &hn))
			hint[i] = arena_strndup(r->a, hs, hn);
	}
	if (!have_text && !hint[0] && !hint[1] && !hint[2])
		return;
	if (!have_text)
		s = "", n = 0;
	memset(&ad, 0, sizeof(ad));
	address_parse(s, n, hint[0], hint[1], hint[2], &ad, &r->flags);
	if (have_text) {
		set_out(r, F_ADDRESS, tidy(r, s, n, U_DASHES));
		keep_raw(r, F_ADDRESS, s, n);
	}
	set_address_part(r, F_PROVINCE, ad.province);
	set_address_part(r, F_CITY, ad.city);
	set_address_part(r, F_DISTRICT, ad.district);
	for (int i = 0; i < 3; i++) {
		/* a hint the parser could not place is kept as given */
		if (hint[i] && !out_of(r, parts[i]))
			set_out(r, parts[i], tidy(r, hint[i], strlen(hint[i]), 0));
		if (hint[i])
			keep_raw(r, parts[i], hint[i], strlen(hint[i]));
	}
	if (ad.adcode > 0) {
		char code[8];
		for (int i = 5, v = ad.adcode; i >= 0; i--, v /= 10)
			code[i] = (char)('0' + v % 10);
		set_out_str(r, F_ADCODE, code, 6);
	}
	set_address_part(r, F_COMMUNITY, ad.community);
	set_address_part(r, F_BUILDING, ad.building);
	set_address_part(r, F_UNIT, ad.unit);
	set_address_part(r, F_ROOM, ad.room);
	if (ad.has_centroid && !out_of(r, F_LAT) && !out_of(r, F_LON)) {
		const struct centroid_text *ct = centroid(r->c, ad.adcode, ad.lat, ad.lon);
		sv lat = sv_str_ref(ct->lat, strlen(ct->lat)), lon = sv_str_ref(ct->lon, strlen(ct->lon));
		lat.type = lon.type = SV_NUM;
		lat.u.num.text = ct->lat;
		lat.u.num.d = ad.lat;
		lon.u.num.text = ct->lon;
		lon.u.num.d = ad.lon;
		set_out(r, F_LAT, lat);
		set_out(r, F_LON, lon);
		flag_add(&r->flags, "geo_from_district");
	}
}

/* A number given in the record (lat, lon, age): kept as written if valid. */
static void clean_number(struct rec *r, int f, double lo, double hi, const char *f_invalid)
{
	const char *s;
	size_t n;
	sv v;
	double d;
	if (!input_text(r, f, &s, &n))
		return;
	if (r->val[f]->type == SV_NUM) {
		v = *r->val[f];
	} else {
		v = tidy(r, s, n, 0);
		if (sv_to_double(&v, &d))
			v = sv_num_text(r->a, v.u.s, v.len);
	}
	if (v.type == SV_NUM && v.u.num.d >= lo && v.u.num.d <= hi)
		set_out(r, f, v);
	else
		flag_add(&r->flags, f_invalid);
	keep_raw(r, f, s, n);
}

static void clean_coordinates(struct rec *r)
{
	clean_number(r, F_LAT, -90, 90, "geo_invalid");
	clean_number(r, F_LON, -180, 180, "geo_invalid");
	if (!out_of(r, F_LAT) != !out_of(r, F_LON)) {
		/* half a coordinate pair is no position */
		r->out[F_LAT] = sv_null();
		r->out[F_LON] = sv_null();
		flag_add(&r->flags, "geo_invalid");
	}
}

static void clean_price(struct rec *r)
{
	const char *s;
	size_t n;
	strbuf *t = &r->c->tmp;
	if (!input_text(r, F_PRICE, &s, &n))
		return;
	if (r->val[F_PRICE]->type == SV_NUM)
		set_out(r, F_PRICE, *r->val[F_PRICE]);
	else if (price_parse(s, n, t))
		set_out(r, F_PRICE, sv_num_text(r->a, t->buf, t->len));
	else
		flag_add(&r->flags, "price_invalid");
	keep_raw(r, F_PRICE, s, n);
}

static void clean_category(struct rec *r)
{
	const char *s, *cat = NULL;
	size_t n;
	if (input_text(r, F_CATEGORY, &s, &n)) {
		cat = category_from_text(s, n);
		if (cat) {
			set_out(r, F_CATEGORY, sv_str_static(cat));
		} else {
			/* unknown wording: kept, and said so */
			set_out(r, F_CATEGORY, tidy(r, s, n, 0));
			flag_add(&r->flags, "category_unknown");
		}
		keep_raw(r, F_CATEGORY, s, n);
		return;
	}
	/* no category column: the model, or a product-name column, may tell */
	if (input_text(r, F_SKU, &s, &n))
		cat = category_from_text(s, n);
	for (uint32_t i = 0; i < r->in->len && !cat; i++) {
		const sv_pair *p = &r->in->u.pairs[i];
		const struct map_target *t = r->target[i < MAX_COLUMNS ? i : 0];
		if (i >= MAX_COLUMNS)
			t = map_column(r->c->o.map, p->key);
		if (p->val.type == SV_STR && t->product && !t->drop && t->field < 0)
			cat = category_from_text(p->val.u.s, p->val.len);
	}
	if (cat)
		set_out(r, F_CATEGORY, sv_str_static(cat));
}

/* The kind of event a source system records, from its name. */
static const char *event_from_source(const char *src)
{
	static const struct {
		const char *word, *event;
	} kinds[] = {
		{ "member", "register" }, { "regist", "register" }, { "会员", "register" },
		{ "注册", "register" }, { "crm", "register" },
		{ "service", "service" }, { "after", "service" }, { "ticket", "service" },
		{ "repair", "service" }, { "售后", "service" }, { "工单", "service" },
		{ "维修", "service" }, { "install", "service" }, { "安装", "service" },
		{ "iot", "device" }, { "device", "device" }, { "activation", "device" },
		{ "设备", "device" }, { "激活", "device" }, { "smart", "device" },
		{ "call", "call" }, { "呼叫", "call" }, { "客服", "call" }, { "400", "call" },
		{ "web", "online" }, { "app", "online" }, { "online", "online" },
		{ "click", "online" }, { "cookie", "online" }, { "浏览", "online" },
		{ "sale", "purchase" }, { "order", "purchase" }, { "ecom", "purchase" },
		{ "shop", "purchase" }, { "mall", "purchase" }, { "retail", "purchase" },
		{ "pos", "purchase" }, { "jd", "purchase" }, { "tmall", "purchase" },
		{ "taobao", "purchase" }, { "销售", "purchase" }, { "订单", "purchase" },
		{ "电商", "purchase" }, { "商城", "purchase" },
	};
	char low[128];
	size_t n = strlen(src);
	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)((src[i] >= 'A' && src[i] <= 'Z') ? src[i] + 32 : src[i]);
	low[n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strstr(low, kinds[i].word))
			return kinds[i].event;
	return NULL;
}

/* Same, remembered for the last source name (it rarely changes). */
static const char *source_event(struct worker *c, const char *src)
{
	if (c->event_for && strcmp(c->event_src, src) == 0)
		return c->event;
	snprintf(c->event_src, sizeof(c->event_src), "%s", src);
	c->event_for = c->event_src;
	c->event = event_from_source(src);
	return c->event;
}

static int valid_event(const char *s)
{
	static const char *const events[] = {
		"register", "purchase", "service", "online", "device", "call",
	};
	for (size_t i = 0; i < ARRAY_SIZE(events); i++)
		if (strcmp(s, events[i]) == 0)
			return 1;
	return 0;
}

/* The file name without directories and extensions: "sales" for data/sales.csv.gz. */
static const char *file_stem(struct worker *c, const char *file)
{
	const char *base, *dot;
	size_t n;
	if (c->stem_for == file)
		return c->stem;
	c->stem_for = file;
	if (!file || strcmp(file, "-") == 0) {
		snprintf(c->stem, sizeof(c->stem), "stdin");
		return c->stem;
	}
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	dot = strchr(base, '.');
	n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	if (n >= sizeof(c->stem))
		n = sizeof(c->stem) - 1;
	memcpy(c->stem, base, n);
	c->stem[n] = '\0';
	return c->stem;
}

/* src, rid and event: where the record comes from. */
static void clean_origin(struct rec *r, scrm_run *run)
{
	const char *s, *src, *ev;
	size_t n;
	struct worker *c = r->c;

	if (c->o.source)
		src = c->o.source;
	else if (map_source(c->o.map))
		src = map_source(c->o.map);
	else if (input_text(r, F_SRC, &s, &n))
		src = arena_strndup(r->a, s, n);
	else
		src = file_stem(c, scrm_file(run));
	set_out(r, F_SRC, sv_str_ref(src, strlen(src)));

	if (input_text(r, F_RID, &s, &n)) {
		set_out(r, F_RID, tidy(r, s, n, 0));
	} else if (out_of(r, F_MEMBER_ID)) {
		set_out(r, F_RID, r->out[F_MEMBER_ID]);
	} else {
		/* FILE:LINE, with the file's base name so it does not depend on the directory */
		char buf[160];
		const char *file = scrm_file(run), *base = file ? strrchr(file, '/') : NULL;
		int len = snprintf(buf, sizeof(buf), "%s:%ld", base ? base + 1 : file ? file : "-",
				   scrm_line(run));
		set_out_str(r, F_RID, buf, (size_t)len);
		r->synthetic_rid = 1;
	}

	ev = c->o.event ? c->o.event : map_event(c->o.map);
	if (!ev && input_text(r, F_EVENT, &s, &n)) {
		sv e = tidy(r, s, n, U_CASEFOLD);
		if (valid_event(e.u.s))
			ev = e.u.s;
		else
			flag_add(&r->flags, "event_unknown");
	}
	if (!ev)
		ev = source_event(c, src);
	if (ev)
		set_out(r, F_EVENT, sv_str_ref(ev, strlen(ev)));
}

/* ---- the record ---- */

static int is_phone_field(int f)
{
	return f == F_PHONE || f == F_LANDLINE || f == F_PHONE_ALT;
}

/* Maps every input column, remembering the plan by position for the next record. */
static void stage_input(struct rec *r)
{
	struct worker *c = r->c;
	for (uint32_t i = 0; i < r->in->len; i++) {
		const sv_pair *p = &r->in->u.pairs[i];
		struct column_plan *plan = i < MAX_COLUMNS ? &c->plan[i] : NULL;
		const struct map_target *t;
		if (plan && (plan->key == p->key || (plan->name && strcmp(plan->name, p->key) == 0))) {
			t = plan->t;
			plan->key = p->key;
		} else {
			t = map_column(c->o.map, p->key);
			if (plan) {
				free(plan->name);
				plan->name = xstrdup(p->key);
				plan->key = p->key;
				plan->t = t;
			}
		}
		if (i < MAX_COLUMNS)
			r->target[i] = t;
		if (t->field < 0)
			continue;
		if (is_phone_field(t->field)) {
			if (p->val.type == SV_ARR) {
				for (uint32_t k = 0; k < p->val.len && r->nphones < MAX_PHONES; k++) {
					r->phone_field[r->nphones] = F_PHONE_ALT;
					r->phones[r->nphones++] = &p->val.u.items[k];
				}
			} else if (r->nphones < MAX_PHONES) {
				r->phone_field[r->nphones] = t->field;
				r->phones[r->nphones++] = &p->val;
			}
		}
		if (!r->val[t->field])
			r->val[t->field] = &p->val;
	}
}

static const struct map_target *target_of(const struct rec *r, uint32_t i)
{
	return i < MAX_COLUMNS ? r->target[i] : map_column(r->c->o.map, r->in->u.pairs[i].key);
}

/* Is the column passed through? (Unmapped, renamed, or a second column for a field.) */
static int passes_through(const struct rec *r, uint32_t i)
{
	const struct map_target *t = target_of(r, i);
	if (t->drop)
		return 0;
	if (t->field < 0)
		return 1;
	if (is_phone_field(t->field))
		return 0;
	return r->val[t->field] != &r->in->u.pairs[i].val;
}

/* Flags of an earlier run: an array, or "a|b" from a CSV cell. */
static void merge_input_flags(struct rec *r)
{
	const sv *f = r->val[F_FLAGS];
	if (f && f->type == SV_STR) {
		const char *p = f->u.s, *end = p + f->len;
		while (p < end) {
			const char *bar = memchr(p, '|', (size_t)(end - p));
			size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);
			if (n)
				flag_add(&r->flags, arena_strndup(r->a, p, n));
			p += n + 1;
		}
	}
	for (uint32_t i = 0; f && f->type == SV_ARR && i < f->len; i++)
		if (f->u.items[i].type == SV_STR && f->u.items[i].len)
			flag_add(&r->flags, f->u.items[i].u.s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void count_flag(struct flag_counts *fc, const char *name, uint64_t n)
{
	size_t k;
	for (k = 0; k < fc->len; k++)
		if (fc->names[k] == name || strcmp(fc->names[k], name) == 0)
			break;
	if (k == fc->len) {
		if (k == ARRAY_SIZE(fc->names))
			return;
		fc->names[k] = xstrdup(name);
		fc->len++;
	}
	fc->n[k] += n;
}

/* The record's flags travel with it as a note, counted if it is written. */
static void note_flags(scrm_run *run, struct worker *c, const struct flags *f)
{
	strbuf *sb = &c->key;
	if (!f->n)
		return;
	sb_reset(sb);
	for (int i = 0; i < f->n; i++)
		sb_add(sb, f->v[i], strlen(f->v[i]) + 1);
	scrm_note(run, sb->buf, sb->len);
}

static sv build_output(struct rec *r)
{
	sv out = sv_obj();
	out.u.pairs = arena_alloc(r->a, (F_COUNT + r->in->len + 2) * sizeof(sv_pair));
	out.cap = F_COUNT + r->in->len + 2;
	for (int f = 0; f < F_FLAGS; f++)
		if (r->out[f].type != SV_NULL)
			sv_append(r->a, &out, schema_fields[f], r->out[f]);
	for (uint32_t i = 0; i < r->in->len; i++) {
		const sv_pair *p = &r->in->u.pairs[i];
		const struct map_target *t = target_of(r, i);
		if (!passes_through(r, i))
			continue;
		/*
		 * Input keys are unique and a canonical name always maps to a
		 * field, so only a map's rename can meet a name already taken;
		 * then the first value stays.
		 */
		if (!t->rename)
			sv_append(r->a, &out, p->key, p->val);
		else if (!sv_get(&out, t->rename))
			sv_append(r->a, &out, t->rename, p->val);
	}
	if (r->flags.n) {
		sv arr = sv_arr();
		qsort(r->flags.v, (size_t)r->flags.n, sizeof(r->flags.v[0]), cmp_str);
		for (int i = 0; i < r->flags.n; i++)
			sv_arr_push(r->a, &arr, sv_str_static(r->flags.v[i]));
		sv_append(r->a, &out, "_flags", arr);
	}
	if (r->c->o.keep_raw) {
		const sv *old = r->val[F_RAW];
		for (uint32_t i = 0; old && old->type == SV_OBJ && i < old->len; i++)
			if (!sv_get(&r->raw, old->u.pairs[i].key))
				sv_append(r->a, &r->raw, old->u.pairs[i].key, old->u.pairs[i].val);
		if (r->raw.len)
			sv_append(r->a, &out, "raw", r->raw);
	} else if (r->val[F_RAW]) {
		sv_append(r->a, &out, "raw", *r->val[F_RAW]);
	}
	return out;
}

/* An identifier a match could use: not removed, and not known junk. */
static int has_usable_identifier(const struct rec *r)
{
	static const int ids[] = {
		F_ID_CARD, F_PHONE, F_LANDLINE, F_EMAIL, F_MEMBER_ID, F_OPENID,
		F_DEVICE_ID, F_SERIAL, F_ANON_ID,
	};
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		if (!out_of(r, ids[i]))
			continue;
		if (ids[i] == F_PHONE && flags_has(&r->flags, "phone_fake"))
			continue;
		if (ids[i] == F_EMAIL && flags_has(&r->flags, "email_junk"))
			continue;
		if (ids[i] == F_ID_CARD && flags_has(&r->flags, "id_card_junk"))
			continue;
		return 1;
	}
	return 0;
}

/* The --dedupe key of a cleaned record: all of it but a generated rid and raw. */
static void dedupe_key(struct rec *r, const sv *out, uint64_t key[2])
{
	strbuf *k = &r->c->key;
	sb_reset(k);
	for (uint32_t i = 0; i < out->len; i++) {
		const sv_pair *p = &out->u.pairs[i];
		if (strcmp(p->key, "raw") == 0 || (r->synthetic_rid && strcmp(p->key, "rid") == 0))
			continue;
		json_write_string(k, p->key, strlen(p->key));
		sb_addc(k, ':');
		json_write(k, &p->val);
		sb_addc(k, ',');
	}
	key[0] = hash64(k->buf, k->len, 1);
	key[1] = hash64(k->buf, k->len, 2);
}

/* Fields added by later stages pass through a second cleaning unchanged. */
static void keep_downstream(struct rec *r)
{
	static const int later[] = { F_UID, F_HID, F_TAGS, F_SCORE, F_SEGMENT, F_GROUP };
	for (size_t i = 0; i < ARRAY_SIZE(later); i++)
		if (r->val[later[i]])
			set_out(r, later[i], *r->val[later[i]]);
}

static const struct date_flags event_date_flags = {
	"date_invalid", "date_ambiguous", "date_placeholder", "date_future",
};
static const struct date_flags birth_date_flags = {
	"birthdate_invalid", "birthdate_ambiguous", "birthdate_placeholder", "birthdate_invalid",
};

void cleaner_record(scrm_run *run, sv *in, void *ud)
{
	struct worker *c = ud;
	struct rec *r = arena_alloc(scrm_arena(run), sizeof(*r));
	sv out;

	/* not all of it: target[] and the flag slots are written before they are read */
	memset(r->val, 0, sizeof(r->val));
	memset(r->out, 0, sizeof(r->out));
	r->nphones = 0;
	r->synthetic_rid = 0;
	flags_clear(&r->flags);
	r->a = scrm_arena(run);
	r->c = c;
	r->in = in;
	r->raw = sv_obj();
	stage_input(r);
	merge_input_flags(r);

	clean_plain(r, F_MEMBER_ID);
	clean_plain(r, F_OPENID);
	clean_plain(r, F_DEVICE_ID);
	clean_plain(r, F_SERIAL);
	clean_plain(r, F_ANON_ID);
	clean_origin(r, run);
	clean_date(r, F_DATE, 0, &event_date_flags);
	clean_name(r);
	clean_plain(r, F_GIVEN_NAME);
	clean_plain(r, F_FAMILY_NAME);
	clean_gender(r);
	clean_date(r, F_BIRTHDATE, 1, &birth_date_flags);
	clean_number(r, F_AGE, 0, 150, "age_invalid");
	clean_id_card(r);
	clean_email(r);
	clean_coordinates(r);
	clean_address(r);
	clean_phones(r);
	clean_plain(r, F_ADCODE);
	clean_category(r);
	clean_plain(r, F_SKU);
	clean_price(r);
	clean_plain(r, F_CHANNEL);
	clean_text(r);
	clean_plain(r, F_FAULT);
	keep_downstream(r);

	out = build_output(r);
	if (c->o.drop_invalid && !has_usable_identifier(r)) {
		scrm_reject(run, in, "no usable identifier");
		return;
	}
	note_flags(run, c, &r->flags);
	if (c->o.dedupe) {
		uint64_t key[2];
		dedupe_key(r, &out, key);
		scrm_emit_unique(run, &out, key, in, "duplicate");
		return;
	}
	scrm_emit(run, &out);
}

struct cleaner *cleaner_new(const struct clean_opts *o)
{
	struct cleaner *c = xcalloc(1, sizeof(*c));
	c->o = *o;
	if (!c->o.region)
		c->o.region = "CN";
	return c;
}

void cleaner_free(struct cleaner *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->flags.len; i++)
		free((char *)c->flags.names[i]);
	free(c);
}

void *cleaner_worker_new(void *shared)
{
	struct cleaner *c = shared;
	struct worker *w = xcalloc(1, sizeof(*w));
	w->o = c->o;
	return w;
}

void cleaner_worker_finish(void *shared, void *worker)
{
	struct cleaner *c = shared;
	struct worker *w = worker;
	UNUSED(c);
	for (size_t i = 0; i < MAX_COLUMNS; i++)
		free(w->plan[i].name);
	sb_release(&w->tmp);
	sb_release(&w->key);
	free(w);
}

void cleaner_committed(void *shared, const void *note, size_t n)
{
	struct cleaner *c = shared;
	const char *p = note, *end = p + n;
	while (p < end) {
		count_flag(&c->flags, p, 1);
		p += strlen(p) + 1;
	}
}

void cleaner_stats(strbuf *json, void *ud)
{
	struct cleaner *c = ud;
	const char *names[128];
	size_t order[128];
	for (size_t i = 0; i < c->flags.len; i++)
		names[i] = c->flags.names[i];
	/* flags by name, so the line is the same run after run */
	qsort(names, c->flags.len, sizeof(names[0]), cmp_str);
	for (size_t i = 0; i < c->flags.len; i++)
		for (size_t k = 0; k < c->flags.len; k++)
			if (c->flags.names[k] == names[i])
				order[i] = k;
	sb_adds(json, ",\"flags\":{");
	for (size_t i = 0; i < c->flags.len; i++) {
		if (i)
			sb_addc(json, ',');
		json_write_string(json, names[i], strlen(names[i]));
		sb_addf(json, ":%llu", (unsigned long long)c->flags.n[order[i]]);
	}
	sb_addc(json, '}');
}
