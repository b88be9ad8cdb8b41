/*
 * What scrm-match writes: every record with its uid and hid (link mode),
 * or one profile per person: golden values by documented survivorship
 * (most trusted source, then most recent, then most frequent), every
 * phone, e-mail and address seen with its sources, the products with
 * their service history, event counts, and the records merged (rids), so
 * nothing is lost.
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "reader.h"
#include "util.h"
#include "banned.h"

/* ---- link mode ---- */

static void append_ids(strbuf *sb, const char *uid, const char *hid)
{
	sb_adds(sb, "\"uid\":");
	json_write_string(sb, uid, strlen(uid));
	if (hid && *hid) {
		sb_adds(sb, ",\"hid\":");
		json_write_string(sb, hid, strlen(hid));
	}
}

size_t write_linked(writer *w, const struct records *r, const intern *uids, const uint32_t *uid,
		    const intern *hids, const uint32_t *hid)
{
	size_t written = 0;
	strbuf line = STRBUF_INIT;
	struct json_parser jp = { 0 };
	arena *a = arena_new();
	for (size_t i = 0; i < r->n; i++) {
		size_t len;
		const char *text = records_text(r, i, &len);
		const char *u = intern_str(uids, uid[i]), *h = hid[i] ? intern_str(hids, hid[i]) : NULL;
		if (r->old[i])
			continue;	/* --incremental: the state's records were written before */
		written++;
		if (wr_format(w) == FMT_NDJSON) {
			/* the record's text as read, the ids spliced in before its '}' */
			sb_reset(&line);
			sb_add(&line, text, len - 1);
			if (len > 2)
				sb_addc(&line, ',');
			append_ids(&line, u, h);
			sb_adds(&line, "}\n");
			wr_write_raw(w, line.buf, line.len);
			continue;
		}
		sv rec;
		if (json_parse_record(&jp, text, len, a, &rec) < 0)
			scrm_die(SCRM_EXIT_IO, "a temporary file was damaged");
		sv_set(a, &rec, "uid", sv_strz(a, u));
		if (h)
			sv_set(a, &rec, "hid", sv_strz(a, h));
		if (wr_record(w, &rec) < 0)
			scrm_warn("record %zu left out: %s", i + 1, wr_error(w));
		arena_reset(a);
	}
	json_parser_release(&jp);
	arena_free(a);
	sb_release(&line);
	return written;
}

/* ---- profiles ---- */

/* The person fields a profile chooses one value for, in output order. */
static const char *const golden_fields[] = {
	"name", "given_name", "family_name", "gender", "birthdate", "id_card", "phone",
	"landline", "email", "member_id", "openid", "province", "city", "district", "adcode",
	"address", "community", "building", "unit", "room", "lat", "lon",
};

struct candidate {
	const sv *value;
	int rank;		/* of its source: lower is more trusted */
	int32_t date;
	uint32_t count;
};

struct person {
	arena *a;
	sv *recs;
	int *rank;
	int32_t *date;
	const char **src;
	size_t n, cap;
};

static int source_rank(const struct model *m, const char *src)
{
	for (int i = 0; i < m->nsources; i++)
		if (src && strcmp(m->sources[i], src) == 0)
			return i;
	return m->nsources;
}

static int same_value(const sv *a, const sv *b)
{
	if (a->type != b->type)
		return 0;
	if (a->type == SV_STR)
		return a->len == b->len && memcmp(a->u.s, b->u.s, a->len) == 0;
	if (a->type == SV_NUM)
		return a->u.num.d == b->u.num.d;
	return 0;
}

static int scalar(const sv *v)
{
	return v && ((v->type == SV_STR && v->len) || v->type == SV_NUM);
}

/* Survivorship: most trusted source, then most recent, then most frequent, then first. */
static int better(const struct candidate *x, const struct candidate *y)
{
	if (x->rank != y->rank)
		return x->rank < y->rank;
	if (x->date != y->date)
		return x->date > y->date;
	return x->count > y->count;
}

const sv *golden_value(const sv *recs, const int *rank, const int32_t *date, size_t n,
			const char *field)
{
	struct candidate best = { NULL, 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		const sv *v = sv_get(&recs[i], field);
		struct candidate c;
		if (!scalar(v))
			continue;
		c.value = v;
		c.rank = rank[i];
		c.date = date[i];
		c.count = 0;
		for (size_t k = 0; k < n; k++) {
			const sv *o = sv_get(&recs[k], field);
			if (o && same_value(o, v))
				c.count++;
		}
		if (!best.value || better(&c, &best))
			best = c;
	}
	return best.value;
}

static const sv *golden(const struct person *p, const char *field)
{
	return golden_value(p->recs, p->rank, p->date, p->n, field);
}

static void add_source(arena *a, sv *list, const char *src)
{
	for (uint32_t i = 0; i < list->len; i++)
		if (strcmp(list->u.items[i].u.s, src) == 0)
			return;
	sv_arr_push(a, list, sv_str_ref(src, strlen(src)));
}

static const char *date_text(const sv *rec)
{
	const sv *d = sv_get(rec, "date");
	return d && d->type == SV_STR && d->len ? d->u.s : NULL;
}

/* Every value of the fields seen, with its sources and count: phones, emails, addresses. */
static sv value_list(const struct person *p, const char *const *fields, int nfields)
{
	arena *a = p->a;
	sv list = sv_arr();
	for (size_t i = 0; i < p->n; i++)
		for (int f = 0; f < nfields; f++) {
			const sv *v = sv_get(&p->recs[i], fields[f]);
			uint32_t nv = v && v->type == SV_ARR ? v->len : 1;
			for (uint32_t e = 0; v && e < nv; e++) {
				const sv *item = v->type == SV_ARR ? &v->u.items[e] : v;
				sv *entry = NULL;
				if (!scalar(item))
					continue;
				for (uint32_t k = 0; k < list.len; k++)
					if (same_value(sv_get(&list.u.items[k], "value"), item))
						entry = &list.u.items[k];
				if (!entry) {
					sv o = sv_obj();
					sv_set(a, &o, "value", *item);
					sv_set(a, &o, "sources", sv_arr());
					sv_set(a, &o, "count", sv_num(0));
					sv_arr_push(a, &list, o);
					entry = &list.u.items[list.len - 1];
				}
				add_source(a, sv_get(entry, "sources"), p->src[i]);
				sv_get(entry, "count")->u.num.d++;
				const char *d = date_text(&p->recs[i]);
				sv *last = sv_get(entry, "last_seen");
				if (d && (!last || strcmp(last->u.s, d) < 0))
					sv_set(a, entry, "last_seen", sv_strz(a, d));
			}
		}
	return list;
}

static int is_event(const sv *rec, const char *event)
{
	const sv *e = sv_get(rec, "event");
	return e && e->type == SV_STR && strcmp(e->u.s, event) == 0;
}

/* A connected appliance's fault report: the latest one stays on the product. */
static void note_fault(arena *a, sv *entry, const sv *rec)
{
	const char *d = date_text(rec);
	const sv *when = sv_get(entry, "fault_date");
	if (when && (!d || strcmp(d, when->u.s) < 0))
		return;
	sv_set(a, entry, "fault", *sv_get(rec, "fault"));
	if (d)
		sv_set(a, entry, "fault_date", sv_strz(a, d));
	else
		sv_del(entry, "fault_date");
}

static int by_date(const void *x, const void *y);

/* Service tickets and fault reports: what happened to a product, not when it came. */
static int is_history(const sv *rec)
{
	return is_event(rec, "service") || scalar(sv_get(rec, "fault"));
}

static int same_field(const sv *entry, const sv *rec, const char *field)
{
	const sv *v = sv_get(rec, field), *e = sv_get(entry, field);
	return scalar(v) && e && same_value(e, v);
}

/*
 * The product a record is about: the same serial or device; a history
 * record without them falls back on the newest product of its category.
 */
static sv *product_of(sv *list, const sv *rec)
{
	sv *best = NULL;
	for (uint32_t k = 0; k < list->len; k++) {
		sv *e = &list->u.items[k];
		if (same_field(e, rec, "serial") || same_field(e, rec, "device_id"))
			return e;
	}
	/* an order without the serial and the activation with it: one appliance */
	for (uint32_t k = 0; k < list->len; k++) {
		sv *e = &list->u.items[k];
		if (same_field(e, rec, "sku") &&
		    !sv_get(e, "serial") != !scalar(sv_get(rec, "serial")))
			return e;
	}
	if (!is_history(rec) || scalar(sv_get(rec, "serial")))
		return NULL;
	for (uint32_t k = 0; k < list->len; k++) {
		sv *e = &list->u.items[k];
		if (same_field(e, rec, "category") &&
		    (!best || by_date(e, best) > 0))
			best = e;
	}
	return best;
}

static void add_to_product(arena *a, sv *entry, const sv *rec, const char *src)
{
	static const char *const fields[] = { "category", "sku", "serial", "date", "price" };
	/* the purchase says what and when; other records fill what is missing */
	for (size_t f = 0; f < ARRAY_SIZE(fields); f++) {
		const sv *v = sv_get(rec, fields[f]);
		if (f >= 3 && is_history(rec))
			break;	/* a ticket's date is not the purchase date */
		if (scalar(v) && (!sv_get(entry, fields[f]) || is_event(rec, "purchase")))
			sv_set(a, entry, fields[f], *v);
	}
	if (!sv_get(entry, "source") || is_event(rec, "purchase"))
		sv_set(a, entry, "source", sv_str_ref(src, strlen(src)));
	if (scalar(sv_get(rec, "device_id")))
		sv_set(a, entry, "device_id", *sv_get(rec, "device_id"));
	if (scalar(sv_get(rec, "fault")))
		note_fault(a, entry, rec);
	if (is_event(rec, "service")) {
		sv *n = sv_get(entry, "services");
		if (n)
			n->u.num.d++;
		else
			sv_set(a, entry, "services", sv_num(1));
	}
}

/*
 * One entry per product: purchases and activations first (by serial when
 * there is one), then the service tickets and fault reports as its history.
 */
static sv product_list(const struct person *p)
{
	arena *a = p->a;
	sv list = sv_arr();
	for (int history = 0; history < 2; history++)
		for (size_t i = 0; i < p->n; i++) {
			const sv *rec = &p->recs[i];
			sv *entry;
			if (is_history(rec) != history)
				continue;
			if (!scalar(sv_get(rec, "category")) && !scalar(sv_get(rec, "sku")) &&
			    !scalar(sv_get(rec, "serial")))
				continue;
			entry = product_of(&list, rec);
			if (!entry) {
				sv_arr_push(a, &list, sv_obj());
				entry = &list.u.items[list.len - 1];
			}
			add_to_product(a, entry, rec, p->src[i]);
		}
	return list;
}

static int by_date(const void *x, const void *y)
{
	const sv *a = sv_get(x, "date"), *b = sv_get(y, "date");
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a->u.s, b->u.s);
}

/* Service tickets and calls, oldest first, with their free text: the complaint history. */
static sv contact_list(const struct person *p)
{
	static const char *const fields[] = { "category", "serial", "text" };
	arena *a = p->a;
	sv list = sv_arr();
	for (size_t i = 0; i < p->n; i++) {
		const sv *rec = &p->recs[i];
		const char *d = date_text(rec);
		sv c = sv_obj();
		if (!is_event(rec, "service") && !is_event(rec, "call"))
			continue;
		sv_set(a, &c, "event", *sv_get(rec, "event"));
		if (d)
			sv_set(a, &c, "date", sv_strz(a, d));
		for (size_t f = 0; f < ARRAY_SIZE(fields); f++) {
			const sv *v = sv_get(rec, fields[f]);
			if (scalar(v))
				sv_set(a, &c, fields[f], *v);
		}
		sv_set(a, &c, "source", sv_str_ref(p->src[i], strlen(p->src[i])));
		sv_arr_push(a, &list, c);
	}
	if (list.len > 1)
		qsort(list.u.items, list.len, sizeof(sv), by_date);
	return list;
}

static int str_order(const void *x, const void *y)
{
	const sv *a = x, *b = y;
	return strcmp(a->u.s, b->u.s);
}

/* Per event type the dates it happened on, oldest first (recency-weighted activity). */
static sv event_dates(const struct person *p)
{
	arena *a = p->a;
	sv dates = sv_obj();
	for (size_t i = 0; i < p->n; i++) {
		const sv *e = sv_get(&p->recs[i], "event");
		const char *d = date_text(&p->recs[i]);
		sv *list;
		if (!e || e->type != SV_STR || !e->len || !d)
			continue;
		list = sv_get(&dates, e->u.s);
		if (!list)
			list = sv_set_copykey(a, &dates, e->u.s, sv_arr());
		sv_arr_push(a, list, sv_strz(a, d));
	}
	for (uint32_t k = 0; k < dates.len; k++) {
		sv *list = &dates.u.pairs[k].val;
		qsort(list->u.items, list->len, sizeof(sv), str_order);
	}
	return dates;
}

static void write_profile(writer *w, const struct model *m, struct person *p, const char *uid,
			  const char *hid, const sv *rids)
{
	static const char *const phone_fields[] = { "phone", "phone_alt", "landline" };
	static const char *const email_fields[] = { "email" };
	static const char *const address_fields[] = { "address" };
	arena *a = p->a;
	sv prof = sv_obj(), events = sv_obj(), sources = sv_arr();
	const char *first = NULL, *last = NULL;

	sv_set(a, &prof, "uid", sv_strz(a, uid));
	if (hid && *hid)
		sv_set(a, &prof, "hid", sv_strz(a, hid));
	for (size_t f = 0; f < ARRAY_SIZE(golden_fields); f++) {
		const sv *v = golden(p, golden_fields[f]);
		if (v)
			sv_set(a, &prof, golden_fields[f], *v);
	}
	/* the model's own compared fields, for data of another shape */
	for (int c = 0; c < m->ncmp; c++)
		for (int k = 0; k < m->cmp[c].nfields; k++)
			if (!sv_get(&prof, m->cmp[c].fields[k])) {
				const sv *v = golden(p, m->cmp[c].fields[k]);
				if (v)
					sv_set(a, &prof, m->cmp[c].fields[k], *v);
			}
	sv_set(a, &prof, "phones", value_list(p, phone_fields, 3));
	sv_set(a, &prof, "emails", value_list(p, email_fields, 1));
	sv_set(a, &prof, "addresses", value_list(p, address_fields, 1));
	sv_set(a, &prof, "products", product_list(p));
	for (size_t i = 0; i < p->n; i++) {
		const sv *e = sv_get(&p->recs[i], "event");
		const char *d = date_text(&p->recs[i]);
		if (e && e->type == SV_STR && e->len) {
			sv *n = sv_get(&events, e->u.s);
			if (n)
				n->u.num.d++;
			else
				sv_set_copykey(a, &events, e->u.s, sv_num(1));
		}
		add_source(a, &sources, p->src[i]);
		if (d && (!first || strcmp(d, first) < 0))
			first = d;
		if (d && (!last || strcmp(d, last) > 0))
			last = d;
	}
	sv_set(a, &prof, "events", events);
	sv_set(a, &prof, "event_dates", event_dates(p));
	sv_set(a, &prof, "contacts", contact_list(p));
	sv_set(a, &prof, "sources", sources);
	if (first)
		sv_set(a, &prof, "first_seen", sv_strz(a, first));
	if (last)
		sv_set(a, &prof, "last_seen", sv_strz(a, last));
	sv_set(a, &prof, "records", sv_num((double)p->n));
	sv_set(a, &prof, "rids", *rids);
	if (wr_record(w, &prof) < 0)
		scrm_warn("profile of %s left out: %s", uid, wr_error(w));
}

void write_profiles(writer *w, const struct records *r, const uint32_t *cluster,
		    const intern *uids, const uint32_t *uid, const intern *hids,
		    const uint32_t *hid)
{
	const struct model *m = r->model;
	struct person p = { 0 };
	struct json_parser jp = { 0 };
	uint32_t *next = xmalloc((r->n ? r->n : 1) * sizeof(uint32_t));
	uint32_t *tail = xmalloc((r->n ? r->n : 1) * sizeof(uint32_t));
	p.a = arena_new();
	/* chain each cluster's records in input order */
	for (size_t i = 0; i < r->n; i++) {
		next[i] = UINT32_MAX;
		if (cluster[i] != i)
			next[tail[cluster[i]]] = (uint32_t)i;
		tail[cluster[i]] = (uint32_t)i;
	}
	for (size_t c = 0; c < r->n; c++) {
		sv rids = sv_arr();
		if (cluster[c] != c)
			continue;
		p.n = 0;
		for (uint32_t i = (uint32_t)c; i != UINT32_MAX; i = next[i]) {
			size_t len;
			const char *text = records_text(r, i, &len);
			const sv *src;
			GROW(p.recs, p.cap, p.n + 1);
			p.rank = xrealloc(p.rank, p.cap * sizeof(int));
			p.date = xrealloc(p.date, p.cap * sizeof(int32_t));
			p.src = xrealloc(p.src, p.cap * sizeof(char *));
			if (json_parse_record(&jp, text, len, p.a, &p.recs[p.n]) < 0)
				scrm_die(SCRM_EXIT_IO, "a temporary file was damaged");
			src = sv_get(&p.recs[p.n], "src");
			p.src[p.n] = src && src->type == SV_STR ? src->u.s : "";
			p.rank[p.n] = source_rank(m, p.src[p.n]);
			p.date[p.n] = r->date[i];
			sv_arr_push(p.a, &rids, sv_str_ref(intern_str(r->keys, r->key[i]),
							   intern_len(r->keys, r->key[i])));
			p.n++;
		}
		write_profile(w, m, &p, intern_str(uids, uid[c]),
			      hid[c] ? intern_str(hids, hid[c]) : NULL, &rids);
		arena_reset(p.a);
	}
	free(next);
	free(tail);
	free(p.recs);
	free(p.rank);
	free(p.date);
	free(p.src);
	arena_free(p.a);
	json_parser_release(&jp);
}
