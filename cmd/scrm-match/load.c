#include "match.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cn_names.h"
#include "date.h"
#include "error.h"
#include "strsim.h"
#include "unicode.h"
#include "util.h"
#include "writer.h"
#include "banned.h"

#define GROW_RECORDS 4096

/* A temporary file that vanishes with the process. */
static FILE *spill_file(void)
{
	const char *dir = getenv("TMPDIR");
	strbuf path = STRBUF_INIT;
	int fd;
	FILE *fp;
	sb_addf(&path, "%s/scrm-match.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path.buf);
	if (fd < 0)
		scrm_die(SCRM_EXIT_IO, "cannot create a temporary file in '%s': %s",
			 dir && *dir ? dir : "/tmp", strerror(errno));
	unlink(path.buf);
	sb_release(&path);
	fp = fdopen(fd, "w+");
	if (!fp)
		scrm_die(SCRM_EXIT_IO, "cannot open a temporary file: %s", strerror(errno));
	return fp;
}

/* Appends the text of a scalar (the first element of an array). */
static int scalar_text(const sv *v, strbuf *out)
{
	if (!v)
		return 0;
	if (v->type == SV_ARR)
		return v->len ? scalar_text(&v->u.items[0], out) : 0;
	if (v->type == SV_STR) {
		sb_add(out, v->u.s, v->len);
		return v->len > 0;
	}
	if (v->type == SV_NUM) {
		char buf[40];
		if (v->u.num.text)
			sb_add(out, v->u.num.text, v->len);
		else
			sb_add(out, buf, format_double(v->u.num.d, buf, sizeof(buf)));
		return 1;
	}
	return 0;
}

/* The household key of the record being added: the virtual field "_household". */
static strbuf current_house = STRBUF_INIT;

/*
 * The fields of the record being added, found once: every field name the
 * model reads gets an id; one pass over the record's members fills their
 * values, and each normalised value is computed at most once.
 */
static struct field_index {
	intern *names;		/* field name -> id */
	const sv **value;	/* per id: the record's value, or NULL */
	uint32_t *norm_off, *norm_len;	/* per id: its normalised text in norm */
	uint8_t *state;		/* per id: 0 not looked at, 1 normalised */
	uint8_t *simplify;	/* per id: a name, compared in simplified characters */
	uint32_t name_id;	/* the name role's field */
	size_t cap;
	strbuf norm;
	const sv *rec;
} fx;

static uint32_t field_id(const char *field)
{
	uint32_t id = intern_add(fx.names, field, strlen(field));
	if (id >= fx.cap) {
		size_t cap = fx.cap ? fx.cap * 2 : 64;
		while (cap <= id)
			cap *= 2;
		fx.value = xrealloc(fx.value, cap * sizeof(*fx.value));
		fx.norm_off = xrealloc(fx.norm_off, cap * sizeof(*fx.norm_off));
		fx.norm_len = xrealloc(fx.norm_len, cap * sizeof(*fx.norm_len));
		fx.state = xrealloc(fx.state, cap);
		fx.simplify = xrealloc(fx.simplify, cap);
		memset(fx.value + fx.cap, 0, (cap - fx.cap) * sizeof(*fx.value));
		memset(fx.state + fx.cap, 0, cap - fx.cap);
		memset(fx.simplify + fx.cap, 0, cap - fx.cap);
		fx.cap = cap;
	}
	return id;
}

/*
 * scrm-clean's flags say when a value is no one's (微信用户, 13800138000,
 * test@test.com) or likely someone else's (刘师傅 on a repair ticket): then
 * it is no evidence, and the field counts as missing.  The flag names its
 * field ("phone_fake"); name flags reach the model's name field whatever
 * it is called.
 */
static const char *const no_evidence_suffix[] = {
	"_junk", "_fake", "_placeholder", "_role_suspect",
};

static void drop_flagged_values(const sv *flags)
{
	for (uint32_t i = 0; flags && flags->type == SV_ARR && i < flags->len; i++) {
		const sv *f = &flags->u.items[i];
		size_t len, n;
		uint32_t id;
		if (f->type != SV_STR)
			continue;
		len = strlen(f->u.s);
		for (size_t k = 0; k < ARRAY_SIZE(no_evidence_suffix); k++) {
			n = strlen(no_evidence_suffix[k]);
			if (len <= n || strcmp(f->u.s + len - n, no_evidence_suffix[k]) != 0)
				continue;
			if (len - n == 4 && memcmp(f->u.s, "name", 4) == 0)
				id = fx.name_id;
			else
				id = intern_find(fx.names, f->u.s, len - n);
			if (id)
				fx.value[id] = NULL;
			break;
		}
	}
}

static void index_record(const sv *rec)
{
	memset(fx.value, 0, fx.cap * sizeof(*fx.value));
	memset(fx.state, 0, fx.cap);
	sb_reset(&fx.norm);
	fx.rec = rec;
	for (uint32_t i = 0; rec->type == SV_OBJ && i < rec->len; i++) {
		uint32_t id = intern_find(fx.names, rec->u.pairs[i].key, strlen(rec->u.pairs[i].key));
		if (id && !fx.value[id])
			fx.value[id] = &rec->u.pairs[i].val;
	}
	drop_flagged_values(sv_get(rec, "_flags"));
}

/* The record's value of a field (a dotted path reaches into objects). */
static const sv *field_sv(const char *field)
{
	uint32_t id = intern_find(fx.names, field, strlen(field));
	if (id && fx.value[id])
		return fx.value[id];
	return strchr(field, '.') ? sv_path(fx.rec, field) : NULL;
}

/* A field's value as compared: NFKC, case folded, trimmed ("" if absent). */
static void field_value(const sv *rec, const char *field, strbuf *tmp, strbuf *out)
{
	uint32_t id;
	UNUSED(rec);
	sb_reset(tmp);
	sb_reset(out);
	if (field[0] == '_' && strcmp(field, "_household") == 0) {
		sb_add(out, sb_str(&current_house), current_house.len);
		return;
	}
	id = intern_find(fx.names, field, strlen(field));
	if (id && fx.state[id]) {
		sb_add(out, fx.norm.buf + fx.norm_off[id], fx.norm_len[id]);
		return;
	}
	if (scalar_text(field_sv(field), tmp))
		u_normalize(out, tmp->buf, tmp->len, U_NFKC | U_CASEFOLD | U_TRIM);
	if (id && fx.simplify[id] && out->len) {
		/* 張偉 and 张伟 are one name */
		sb_reset(tmp);
		cn_simplify(out->buf, out->len, tmp);
		sb_reset(out);
		sb_add(out, tmp->buf, tmp->len);
	}
	if (id) {
		fx.norm_off[id] = (uint32_t)fx.norm.len;
		fx.norm_len[id] = (uint32_t)out->len;
		sb_add(&fx.norm, out->buf, out->len);
		fx.state[id] = 1;
	}
}

static void register_field(const char *f)
{
	if (f)
		field_id(f);
}

/* Every field the model reads gets its id before the first record. */
static void register_fields(const struct model *m)
{
	fx.names = intern_new();
	for (int c = 0; c < m->ncmp; c++)
		for (int k = 0; k < m->cmp[c].nfields; k++)
			register_field(m->cmp[c].fields[k]);
	for (int d = 0; d < m->ndets; d++)
		for (int k = 0; k < m->dets[d].nfields; k++)
			register_field(m->dets[d].fields[k]);
	for (int i = 0; i < m->nrules; i++)
		for (int k = 0; k < m->rules[i].nparts; k++)
			register_field(m->rules[i].parts[k].field);
	for (int k = 0; k < m->nkey; k++)
		register_field(m->key_fields[k]);
	for (int k = 0; k < m->nhouse; k++)
		register_field(m->house_fields[k]);
	register_field(m->name_field);
	if (m->name_field) {
		fx.name_id = field_id(m->name_field);
		fx.simplify[fx.name_id] = 1;
	}
	for (int c = 0; c < m->ncmp; c++)
		for (int k = 0; k < m->cmp[c].nfields && m->cmp[c].type == CMP_NAME; k++)
			fx.simplify[field_id(m->cmp[c].fields[k])] = 1;
	register_field(m->gender_field);
	register_field(m->birth_field);
	register_field(m->idcard_field);
	register_field(m->date_field);
	register_field(m->address_field);
	register_field("src");
}

void records_init(struct records *r, const struct model *m)
{
	memset(r, 0, sizeof(*r));
	r->model = m;
	r->spill = spill_file();
	r->keys = intern_new();
	r->names = intern_new();
	r->genders = intern_new();
	r->births = intern_new();
	r->idcards = intern_new();
	r->houses = intern_new();
	r->compounds = intern_new();
	r->sources = intern_new();
	r->det_off = xcalloc(1, sizeof(uint32_t));
	r->house_cmp = -1;
	for (int c = 0; c < m->ncmp; c++)
		if (m->cmp[c].nfields == 1 && strcmp(m->cmp[c].fields[0], "_household") == 0)
			r->house_cmp = c;
	register_fields(m);
}

void records_free(struct records *r)
{
	if (r->map)
		munmap(r->map, r->map_len);
	if (r->spill)
		fclose(r->spill);
	free(r->off);
	free(r->len);
	free(r->key);
	free(r->cmpv);
	free(r->det_off);
	free(r->det_val);
	for (int i = 0; r->shared && i < r->model->ndets; i++)
		free(r->shared[i]);
	free(r->shared);
	free(r->bkey);
	free(r->name);
	free(r->gender);
	free(r->birth);
	free(r->idcard);
	free(r->house);
	free(r->comm);
	free(r->road);
	free(r->room);
	intern_free(r->compounds);
	free(r->flat);
	free(r->source);
	free(r->date);
	free(r->dataset);
	free(r->old);
	free(r->old_uid);
	intern_free(r->keys);
	intern_free(r->names);
	intern_free(r->genders);
	intern_free(r->births);
	intern_free(r->idcards);
	intern_free(r->houses);
	intern_free(r->sources);
	intern_free(fx.names);
	free(fx.value);
	free(fx.norm_off);
	free(fx.norm_len);
	free(fx.state);
	free(fx.simplify);
	sb_release(&fx.norm);
	memset(&fx, 0, sizeof(fx));
}

static void grow(struct records *r)
{
	const struct model *m = r->model;
	size_t cap = r->cap ? r->cap * 2 : GROW_RECORDS;
	r->off = xrealloc(r->off, cap * sizeof(*r->off));
	r->len = xrealloc(r->len, cap * sizeof(*r->len));
	r->key = xrealloc(r->key, cap * sizeof(*r->key));
	r->cmpv = xrealloc(r->cmpv, cap * (size_t)(m->ncmp ? m->ncmp : 1) * sizeof(*r->cmpv));
	r->det_off = xrealloc(r->det_off, (cap + 1) * sizeof(*r->det_off));
	r->bkey = xrealloc(r->bkey, cap * (size_t)m->nrules * sizeof(*r->bkey));
	r->name = xrealloc(r->name, cap * sizeof(*r->name));
	r->gender = xrealloc(r->gender, cap * sizeof(*r->gender));
	r->birth = xrealloc(r->birth, cap * sizeof(*r->birth));
	r->idcard = xrealloc(r->idcard, cap * sizeof(*r->idcard));
	r->house = xrealloc(r->house, cap * sizeof(*r->house));
	r->comm = xrealloc(r->comm, cap * sizeof(*r->comm));
	r->road = xrealloc(r->road, cap * sizeof(*r->road));
	r->room = xrealloc(r->room, cap * sizeof(*r->room));
	r->flat = xrealloc(r->flat, cap * sizeof(*r->flat));
	r->source = xrealloc(r->source, cap * sizeof(*r->source));
	r->date = xrealloc(r->date, cap * sizeof(*r->date));
	r->dataset = xrealloc(r->dataset, cap * sizeof(*r->dataset));
	r->old = xrealloc(r->old, cap * sizeof(*r->old));
	r->old_uid = xrealloc(r->old_uid, cap * sizeof(*r->old_uid));
	r->cap = cap;
}


static uint32_t intern_field(intern *t, const sv *rec, const char *field, strbuf *tmp,
			     strbuf *out)
{
	if (!field)
		return 0;
	field_value(rec, field, tmp, out);
	return out->len ? intern_add(t, out->buf, out->len) : 0;
}

/* Several fields joined with a space: one comparison value. */
static void joined_value(const sv *rec, char *const *fields, int n, strbuf *tmp, strbuf *val,
			 strbuf *out)
{
	sb_reset(out);
	for (int k = 0; k < n; k++) {
		field_value(rec, fields[k], tmp, val);
		if (!val->len)
			continue;
		if (out->len)
			sb_addc(out, ' ');
		sb_add(out, val->buf, val->len);
	}
}

/* A date compared as ISO 8601 when it reads as one (19081209, 1908/12/9 ...). */
static void iso_date(strbuf *v)
{
	struct date_val d;
	char buf[40];
	if (v->len && date_parse(v->buf, v->len, 0, &d) == DATE_OK && d.day) {
		d.has_time = 0;
		size_t n = date_format(&d, buf, sizeof(buf));
		sb_reset(v);
		sb_add(v, buf, n);
	}
}

static void add_det_value(struct records *r, uint16_t det, uint32_t value)
{
	size_t start = r->det_off[r->n];
	for (size_t k = start; k < r->ndet_val; k++)
		if (r->det_val[k].det == det && r->det_val[k].value == value)
			return;
	GROW(r->det_val, r->det_cap, r->ndet_val + 1);
	r->det_val[r->ndet_val].det = det;
	r->det_val[r->ndet_val].value = value;
	r->ndet_val++;
}

static void add_dets(struct records *r, strbuf *tmp, strbuf *val)
{
	const struct model *m = r->model;
	for (int d = 0; d < m->ndets; d++) {
		for (int k = 0; k < m->dets[d].nfields; k++) {
			const sv *v = field_sv(m->dets[d].fields[k]);
			uint32_t n = v && v->type == SV_ARR ? v->len : 1;
			for (uint32_t e = 0; v && e < n; e++) {
				const sv *item = v->type == SV_ARR ? &v->u.items[e] : v;
				sb_reset(tmp);
				sb_reset(val);
				if (!scalar_text(item, tmp))
					continue;
				u_normalize(val, tmp->buf, tmp->len, U_NFKC | U_CASEFOLD | U_TRIM);
				if (val->len)
					add_det_value(r, (uint16_t)d, intern_add(m->dets[d].values,
										 val->buf, val->len));
			}
		}
	}
}

/* One part of a blocking key, appended to out; 0 if the record has none. */
static int key_part(const sv *rec, const struct key_part *p, strbuf *tmp, strbuf *val, strbuf *out)
{
	field_value(rec, p->field, tmp, val);
	if (!val->len)
		return 0;
	switch (p->fn) {
	case KEY_VALUE:
		sb_add(out, val->buf, val->len);
		break;
	case KEY_PREFIX: {
		size_t i = 0;
		for (int k = 0; k < p->arg && i < val->len; k++) {
			int32_t cp;
			size_t l = utf8_decode(val->buf + i, val->len - i, &cp);
			i += l ? l : 1;
		}
		sb_add(out, val->buf, i);
		break;
	}
	case KEY_YEAR:
		if (val->len < 4)
			return 0;
		sb_add(out, val->buf, 4);
		break;
	case KEY_SOUNDEX:
	case KEY_NYSIIS: {
		char code[32];
		size_t n = p->fn == KEY_SOUNDEX ? (size_t)soundex(val->buf, val->len, code)
						: nysiis(val->buf, val->len, code, sizeof(code));
		if (!n)
			return 0;
		sb_add(out, code, n);
		break;
	}
	case KEY_SURNAME:
		sb_add(out, val->buf, cn_surname_len(val->buf, val->len));
		break;
	case KEY_DIGITS:
		for (size_t i = 0; i < val->len; i++)
			if (is_ascii_digit((unsigned char)val->buf[i]))
				sb_addc(out, val->buf[i]);
		break;
	}
	return 1;
}

static void add_block_keys(struct records *r, const sv *rec, strbuf *tmp, strbuf *val, strbuf *key)
{
	const struct model *m = r->model;
	uint64_t *out = &r->bkey[r->n * (size_t)m->nrules];
	for (int i = 0; i < m->nrules; i++) {
		const struct block_rule *rule = &m->rules[i];
		int ok = 1;
		sb_reset(key);
		for (int k = 0; k < rule->nparts && ok; k++) {
			size_t before = key->len;
			ok = key_part(rec, &rule->parts[k], tmp, val, key) && key->len > before;
			sb_addc(key, '\x1f');
		}
		out[i] = ok ? (hash64(key->buf, key->len, 0x6b6579) | 1) : 0;
	}
}

static int32_t parse_days(const sv *rec, const char *field, strbuf *tmp)
{
	struct date_val d;
	sb_reset(tmp);
	UNUSED(rec);
	if (!field || !scalar_text(field_sv(field), tmp))
		return NO_DATE;
	if (date_parse(tmp->buf, tmp->len, 0, &d) != DATE_OK || d.day == 0)
		return NO_DATE;
	return (int32_t)days_from_civil(d.year, d.month, d.day);
}

/*
 * A road and door number in an address (福州南路269号), as a key: the
 * three characters before 路/街/道/巷 and the number. Appends it to out;
 * 0 if the address has none.
 */
static int road_key(const char *s, size_t n, strbuf *out)
{
	static const char *const ends[] = { "路", "街", "道", "巷" };
	for (size_t i = 0; i + 3 < n; i++) {
		size_t d = i + 3, start = i, digits;
		int is_end = 0;
		for (size_t e = 0; e < ARRAY_SIZE(ends); e++)
			is_end |= memcmp(s + i, ends[e], 3) == 0;
		if (!is_end)
			continue;
		digits = 0;
		while (d + digits < n && is_ascii_digit((unsigned char)s[d + digits]))
			digits++;
		if (!digits || d + digits + 3 > n || memcmp(s + d + digits, "号", 3) != 0)
			continue;
		/* back over up to three Han characters */
		for (int k = 0; k < 3 && start >= 3 && ((unsigned char)s[start - 3] & 0xf0) == 0xe0; k++)
			start -= 3;
		sb_add(out, s + start, d + digits + 3 - start);
		return 1;
	}
	return 0;
}

static uint32_t compound_id(struct records *r, const char *district, size_t dlen,
			    const char *mark, const char *name, size_t len)
{
	strbuf b = STRBUF_INIT;
	uint32_t id;
	sb_add(&b, district, dlen);
	sb_addc(&b, '|');
	sb_adds(&b, mark);
	sb_add(&b, name, len);
	id = intern_add(r->compounds, b.buf, b.len);
	sb_release(&b);
	return id;
}

/*
 * The household key of a record. A flat (the model's house fields with a
 * building and a room) is its compound and its district|building|unit|room,
 * the compound named by its community (without the generic 小区) or by the
 * road and door number in its address; records naming a compound both ways
 * tie the two names together (records_finish). Building 7, room 901 of a
 * district is no address without the compound: such a record, and one
 * without a flat, is placed by its whole address without spaces and
 * punctuation. Returns the key as read (the final one comes when all
 * records are in).
 */
static uint32_t house_key(struct records *r, const sv *rec, strbuf *tmp, strbuf *val, strbuf *key)
{
	const struct model *m = r->model;
	int have_room = 0, have_building = 0, community = -1;
	strbuf road = STRBUF_INIT, comm = STRBUF_INIT, room = STRBUF_INIT;
	uint32_t first = 0;
	r->comm[r->n] = r->road[r->n] = r->room[r->n] = 0;
	r->flat[r->n] = 0;
	if (m->address_field) {
		field_value(rec, m->address_field, tmp, val);
		road_key(val->buf ? val->buf : "", val->len, &road);
	}
	sb_reset(key);
	for (int k = 0; k < m->nhouse; k++) {
		field_value(rec, m->house_fields[k], tmp, val);
		if (strcmp(m->house_fields[k], "community") == 0) {
			/* 富丽家园小区 is 富丽家园: the generic word adds nothing */
			if (val->len > 6 + 6 && has_suffix(val->buf, "小区"))
				sb_setlen(val, val->len - 6);
			community = k;
			sb_add(&comm, val->buf, val->len);
			continue;
		}
		if (val->len && strcmp(m->house_fields[k], "room") == 0)
			have_room = 1;
		if (val->len && strcmp(m->house_fields[k], "building") == 0)
			have_building = 1;
		sb_add(&room, val->buf, val->len);
		sb_addc(&room, '|');
	}
	if (m->nhouse && have_room && have_building) {
		/* the compound, by its community or its road, within the room's district */
		const char *district = room.buf;
		size_t dlen = strcspn(room.buf, "|");
		if (community < 0) {
			first = intern_add(r->houses, room.buf, room.len);
		} else if (comm.len || road.len) {
			if (comm.len)
				r->comm[r->n] = compound_id(r, district, dlen, "", comm.buf, comm.len);
			if (road.len)
				r->road[r->n] = compound_id(r, district, dlen, "@", road.buf, road.len);
			sb_reset(key);
			sb_adds(key, intern_str(r->compounds, r->comm[r->n] ? r->comm[r->n] : r->road[r->n]));
			sb_addc(key, '#');
			sb_add(key, room.buf, room.len);
			first = intern_add(r->houses, key->buf, key->len);
		}
		r->room[r->n] = intern_add(r->houses, room.buf, room.len) | (first ? 0 : ROOM_ONLY);
	}
	sb_release(&road);
	sb_release(&comm);
	if (first) {
		r->flat[r->n] = 1;
		sb_reset(&current_house);
		sb_add(&current_house, intern_str(r->houses, first), intern_len(r->houses, first));
		sb_release(&room);
		return first;
	}
	sb_release(&room);
	if (m->address_field) {
		field_value(rec, m->address_field, tmp, val);
		if (val->len) {
			/* spaces and punctuation do not make another home */
			sb_reset(key);
			for (size_t i = 0; i < val->len; i++)
				if (val->buf[i] != ' ' && val->buf[i] != ',' && val->buf[i] != '-')
					sb_addc(key, val->buf[i]);
			sb_reset(&current_house);
			sb_add(&current_house, key->buf, key->len);
			return intern_add(r->houses, key->buf, key->len);
		}
	}
	return 0;
}

static uint32_t cfind(uint32_t *p, uint32_t i)
{
	while (p[i] != i) {
		p[i] = p[p[i]];
		i = p[i];
	}
	return i;
}

struct road_comm {
	uint32_t road, comm;
};

static int cmp_road_comm(const void *x, const void *y)
{
	const struct road_comm *a = x, *b = y;
	if (a->road != b->road)
		return a->road < b->road ? -1 : 1;
	return a->comm < b->comm ? -1 : a->comm > b->comm;
}

/*
 * Ties each road to the community its records name with it, unless two
 * communities are each named with it twice or more: a door number that
 * two compounds claim names neither (records with the road alone then
 * keep the road's own key).
 */
static struct road_comm *tie_roads(const struct records *r, uint32_t *parent, size_t *namb)
{
	struct road_comm *rc = NULL;
	size_t n = 0, cap = 0, amb = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->comm[i] && r->road[i]) {
			GROW(rc, cap, n + 1);
			rc[n].road = r->road[i];
			rc[n++].comm = r->comm[i];
		}
	qsort(rc, n, sizeof(*rc), cmp_road_comm);
	for (size_t s = 0, e; s < n; s = e) {
		size_t named = 0;
		for (e = s; e < n && rc[e].road == rc[s].road;) {
			size_t k = e;
			while (k < n && rc[k].road == rc[e].road && rc[k].comm == rc[e].comm)
				k++;
			named += k - e >= 2;
			e = k;
		}
		if (named < 2) {
			for (size_t k = s; k < e; k++)
				parent[cfind(parent, rc[k].comm)] = cfind(parent, rc[k].road);
			continue;
		}
		/* kept (once per community, in place) for the flats named by the road alone */
		for (size_t k = s; k < e; k++)
			if (k == s || rc[k].comm != rc[k - 1].comm)
				rc[amb++] = rc[k];
	}
	*namb = amb;
	return rc;
}

/* The first of a road's communities in amb (sorted by road), or namb. */
static size_t shared_road(const struct road_comm *amb, size_t namb, uint32_t road)
{
	size_t lo = 0, hi = namb;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (amb[mid].road < road)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < namb && amb[lo].road == road ? lo : namb;
}

/* The key of a flat in a compound: "district|name#district|building|unit|room". */
static void flat_key(const struct records *r, uint32_t compound, size_t i, strbuf *key)
{
	sb_reset(key);
	sb_adds(key, intern_str(r->compounds, compound));
	sb_addc(key, '#');
	sb_adds(key, intern_str(r->houses, r->room[i] & ~ROOM_ONLY));
}

/*
 * A flat named by a road two compounds claim: the one compound whose
 * records name the same building, unit and room on that road, if only
 * one does; else the road's own key.
 */
static uint32_t flat_on_shared_road(struct records *r, size_t i, const struct road_comm *amb,
				    size_t namb, uint32_t *parent, const uint32_t *name,
				    strbuf *key)
{
	uint32_t found = 0;
	for (size_t k = shared_road(amb, namb, r->road[i]); k < namb && amb[k].road == r->road[i];
	     k++) {
		uint32_t h;
		flat_key(r, name[cfind(parent, amb[k].comm)], i, key);
		h = intern_find(r->houses, key->buf, key->len);
		if (h && found && h != found)
			return 0;
		if (h)
			found = h;
	}
	return found;
}

/*
 * A compound named both ways (福州南路269号雅居名苑) makes its community
 * and its road one compound: every flat in it gets one key, named by the
 * compound's smallest name, whichever way its records put it.
 */
static void unify_compounds(struct records *r)
{
	size_t n = intern_size(r->compounds) + 1;
	uint32_t *parent, *name;
	struct road_comm *amb;
	size_t namb;
	strbuf key = STRBUF_INIT;
	if (n == 1)
		return;
	parent = xmalloc(n * sizeof(*parent));
	name = xmalloc(n * sizeof(*name));
	for (size_t c = 0; c < n; c++)
		parent[c] = name[c] = (uint32_t)c;
	amb = tie_roads(r, parent, &namb);
	for (size_t c = 1; c < n; c++) {
		uint32_t root = cfind(parent, (uint32_t)c);
		if (strcmp(intern_str(r->compounds, (uint32_t)c), intern_str(r->compounds, name[root])) < 0)
			name[root] = (uint32_t)c;
	}
	for (int shared = 0; shared < 2; shared++)
		for (size_t i = 0; i < r->n; i++) {
			uint32_t c = r->comm[i] ? r->comm[i] : r->road[i], h = 0;
			if (!c || !r->flat[i] || shared != (!r->comm[i] && shared_road(amb, namb, c) < namb))
				continue;
			if (shared)
				h = flat_on_shared_road(r, i, amb, namb, parent, name, &key);
			if (!h) {
				flat_key(r, name[cfind(parent, c)], i, &key);
				h = intern_add(r->houses, key.buf, key.len);
			}
			r->house[i] = h;
		}
	sb_release(&key);
	free(amb);
	free(parent);
	free(name);
}

int from_first_file(const scrm_run *run, const struct scrm_common *opt)
{
	const char *f = scrm_file(run);
	/* the reader names a file by the argument itself: a file given twice is two */
	return f == opt->files[0] || (strcmp(opt->files[0], "-") == 0 && strcmp(f, "-") == 0);
}

int same_home(const struct records *r, size_t a, size_t b)
{
	return r->house[a] && r->house[a] == r->house[b];
}

int same_room(const struct records *r, size_t a, size_t b)
{
	uint32_t ra = r->room[a], rb = r->room[b];
	return ra && rb && (ra | rb) & ROOM_ONLY && (ra & ~ROOM_ONLY) == (rb & ~ROOM_ONLY);
}

static void spill_record(struct records *r, const sv *rec, strbuf *text)
{
	sv copy = *rec;
	/* uid and hid are this tool's to write */
	copy.u.pairs = NULL;
	copy.len = copy.cap = 0;
	sb_reset(text);
	sb_addc(text, '{');
	for (uint32_t i = 0, n = 0; i < rec->len; i++) {
		const sv_pair *p = &rec->u.pairs[i];
		if (strcmp(p->key, "uid") == 0 || strcmp(p->key, "hid") == 0)
			continue;
		if (n++)
			sb_addc(text, ',');
		json_write_string(text, p->key, strlen(p->key));
		sb_addc(text, ':');
		json_write(text, &p->val);
	}
	sb_addc(text, '}');
	UNUSED(copy);
	r->off[r->n] = (uint64_t)ftello(r->spill);
	r->len[r->n] = (uint32_t)text->len;
	if (fwrite(text->buf, 1, text->len, r->spill) != text->len)
		scrm_die(SCRM_EXIT_IO, "cannot write a temporary file: %s", strerror(errno));
}

void records_add(struct records *r, const sv *rec, uint8_t dataset)
{
	static strbuf tmp, val, key, text;
	const struct model *m = r->model;
	if (r->n == r->cap)
		grow(r);
	spill_record(r, rec, &text);
	index_record(rec);

	sb_reset(&key);
	for (int k = 0; k < m->nkey; k++) {
		sb_reset(&tmp);
		if (k)
			sb_addc(&key, '/');
		if (scalar_text(field_sv(m->key_fields[k]), &tmp))
			sb_add(&key, tmp.buf, tmp.len);
	}
	if (key.len <= (size_t)(m->nkey > 1 ? m->nkey - 1 : 0))
		sb_addf(&key, "#%zu", r->n + 1);	/* no key: its position */
	r->key[r->n] = intern_add(r->keys, key.buf, key.len);

	sb_reset(&current_house);
	r->house[r->n] = house_key(r, rec, &tmp, &val, &key);
	for (int c = 0; c < m->ncmp; c++) {
		const struct comparison *cmp = &m->cmp[c];
		joined_value(rec, cmp->fields, cmp->nfields, &tmp, &val, &key);
		if (cmp->type == CMP_DATE)
			iso_date(&key);
		r->cmpv[r->n * (size_t)m->ncmp + c] =
			key.len ? intern_add(cmp->values, key.buf, key.len) : 0;
	}
	add_dets(r, &tmp, &val);
	r->det_off[r->n + 1] = (uint32_t)r->ndet_val;
	add_block_keys(r, rec, &tmp, &val, &key);
	r->name[r->n] = intern_field(r->names, rec, m->name_field, &tmp, &val);
	r->gender[r->n] = intern_field(r->genders, rec, m->gender_field, &tmp, &val);
	r->birth[r->n] = intern_field(r->births, rec, m->birth_field, &tmp, &val);
	r->idcard[r->n] = intern_field(r->idcards, rec, m->idcard_field, &tmp, &val);
	r->source[r->n] = intern_field(r->sources, rec, "src", &tmp, &val);
	r->date[r->n] = parse_days(rec, m->date_field, &tmp);
	r->dataset[r->n] = dataset;
	r->old[r->n] = 0;
	r->old_uid[r->n] = 0;
	r->n++;
}

void records_mark_old(struct records *r, uint32_t uid)
{
	r->old[r->n - 1] = 1;
	r->old_uid[r->n - 1] = uid;
	r->incremental = 1;
}

/*
 * An identifier value carried by more distinct names than its fan-out
 * (a store's phone typed on every order) identifies no one.
 */
struct value_name {
	uint32_t value, name;
};

static int cmp_value_name(const void *a, const void *b)
{
	const struct value_name *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

static void mark_shared(struct records *r)
{
	const struct model *m = r->model;
	r->shared = xcalloc((size_t)(m->ndets ? m->ndets : 1), sizeof(*r->shared));
	for (int d = 0; d < m->ndets; d++) {
		struct value_name *pairs = NULL;
		size_t np = 0, cap = 0;
		r->shared[d] = xcalloc(intern_size(m->dets[d].values) + 1, 1);
		for (size_t i = 0; i < r->n; i++)
			for (uint32_t k = r->det_off[i]; k < r->det_off[i + 1]; k++)
				if (r->det_val[k].det == d && r->name[i]) {
					GROW(pairs, cap, np + 1);
					pairs[np].value = r->det_val[k].value;
					pairs[np].name = r->name[i];
					np++;
				}
		if (np)
			qsort(pairs, np, sizeof(*pairs), cmp_value_name);
		for (size_t s = 0, e; s < np; s = e) {
			size_t distinct = 1;
			int family = 0;
			for (e = s + 1; e < np && pairs[e].value == pairs[s].value; e++)
				if (pairs[e].name != pairs[e - 1].name) {
					distinct++;
					/* two names that cannot be one person's: two people */
					for (size_t k = s; k < e && !family; k++)
						if (pairs[k].name != pairs[e].name &&
						    !names_compatible(r->names, pairs[k].name, pairs[e].name))
							family = 1;
				}
			if (distinct > (size_t)m->dets[d].fanout)
				r->shared[d][pairs[s].value] = SHARED_CROWD;
			else if (family)
				r->shared[d][pairs[s].value] = SHARED_FAMILY;
		}
		free(pairs);
	}
}

void records_finish(struct records *r)
{
	mark_shared(r);
	unify_compounds(r);
	if (fflush(r->spill) != 0)
		scrm_die(SCRM_EXIT_IO, "cannot write a temporary file: %s", strerror(errno));
	r->map_len = (size_t)ftello(r->spill);
	if (r->map_len) {
		r->map = mmap(NULL, r->map_len, PROT_READ, MAP_PRIVATE, fileno(r->spill), 0);
		if (r->map == MAP_FAILED)
			scrm_die(SCRM_EXIT_IO, "cannot map a temporary file: %s", strerror(errno));
	}
}

const char *records_text(const struct records *r, size_t i, size_t *len)
{
	*len = r->len[i];
	return r->map + r->off[i];
}
