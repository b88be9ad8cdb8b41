#include "model.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "error.h"
#include "util.h"
#include "banned.h"

static const char *model_path;
static json_t *loading;	/* the file being read: freed by model_free() if an error exits */

/* ---- building a model ---- */

static struct comparison *add_cmp(struct model *m, const char *name, enum cmp_type type, int tf)
{
	struct comparison *c = &m->cmp[m->ncmp++];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(name);
	c->type = type;
	c->tf = tf;
	return c;
}

static void add_field(char **fields, int *n, int max, const char *f)
{
	if (*n < max)
		fields[(*n)++] = xstrdup(f);
}

static struct det_id *add_det(struct model *m, const char *name, int fanout)
{
	struct det_id *d;
	m->dets = xrealloc(m->dets, (size_t)(m->ndets + 1) * sizeof(*m->dets));
	d = &m->dets[m->ndets++];
	memset(d, 0, sizeof(*d));
	d->name = xstrdup(name);
	d->fanout = fanout;
	return d;
}

static const struct {
	const char *name;
	enum key_fn fn;
} key_fns[] = {
	{ "prefix", KEY_PREFIX }, { "year", KEY_YEAR }, { "soundex", KEY_SOUNDEX },
	{ "nysiis", KEY_NYSIIS }, { "surname", KEY_SURNAME }, { "digits", KEY_DIGITS },
};

/* "field", "fn(field)" or "prefix(field,3)"; 0 if it does not parse. */
static int parse_key_part(const char *s, struct key_part *p)
{
	const char *open = strchr(s, '(');
	memset(p, 0, sizeof(*p));
	if (!open) {
		if (!*s)
			return 0;
		p->field = xstrdup(s);
		p->fn = KEY_VALUE;
		return 1;
	}
	size_t flen = (size_t)(open - s);
	const char *close = strchr(open, ')');
	if (!close || close[1])
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(key_fns); i++)
		if (strlen(key_fns[i].name) == flen && memcmp(key_fns[i].name, s, flen) == 0) {
			const char *comma = memchr(open, ',', (size_t)(close - open));
			const char *fend = comma ? comma : close;
			if (fend == open + 1)
				return 0;
			p->fn = key_fns[i].fn;
			p->field = xstrndup(open + 1, (size_t)(fend - open - 1));
			p->arg = comma ? atoi(comma + 1) : 0;
			if (p->fn == KEY_PREFIX && p->arg <= 0) {
				free(p->field);
				p->field = NULL;
				return 0;
			}
			return 1;
		}
	return 0;
}

static void add_rule(struct model *m, const char *const *parts)
{
	struct block_rule *r;
	strbuf label = STRBUF_INIT;
	m->rules = xrealloc(m->rules, (size_t)(m->nrules + 1) * sizeof(*m->rules));
	r = &m->rules[m->nrules++];
	memset(r, 0, sizeof(*r));
	for (; *parts && r->nparts < MAX_KEY_PARTS; parts++) {
		if (!parse_key_part(*parts, &r->parts[r->nparts]))
			scrm_die(SCRM_EXIT_USAGE, "%s: bad blocking key '%s' (a field, or "
				 "prefix(field,N), year(), soundex(), nysiis(), surname(), digits())",
				 model_path ? model_path : "the built-in model", *parts);
		sb_addf(&label, "%s%s", r->nparts ? "+" : "", *parts);
		r->parts[r->nparts].text = xstrdup(*parts);
		r->nparts++;
	}
	r->label = sb_detach(&label);
}

void model_default(struct model *m)
{
	struct comparison *c;
	struct det_id *d;
	static const char *const rules[][MAX_KEY_PARTS + 1] = {
		{ "id_card" }, { "phone" }, { "email" }, { "member_id" }, { "openid" },
		{ "device_id" }, { "serial" }, { "anon_id" }, { "landline" },
		{ "name", "birthdate" }, { "name", "district" },
		{ "surname(name)", "birthdate", "city" },
		{ "_household" },
	};
	static const struct {
		const char *name;
		int fanout;
	} ids[] = {
		{ "id_card", 2 }, { "phone", 4 }, { "email", 3 }, { "member_id", 2 },
		{ "openid", 2 }, { "device_id", 4 }, { "serial", 4 }, { "anon_id", 10 },
	};

	memset(m, 0, sizeof(*m));
	add_field(m->key_fields, &m->nkey, 4, "src");
	add_field(m->key_fields, &m->nkey, 4, "rid");
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		d = add_det(m, ids[i].name, ids[i].fanout);
		add_field(d->fields, &d->nfields, 4, ids[i].name);
		if (strcmp(ids[i].name, "phone") == 0)
			add_field(d->fields, &d->nfields, 4, "phone_alt");
	}
	c = add_cmp(m, "name", CMP_NAME, 1);
	add_field(c->fields, &c->nfields, 4, "name");
	c->bands[0] = 0.92;
	c->bands[1] = 0.8;
	c = add_cmp(m, "birthdate", CMP_DATE, 0);
	add_field(c->fields, &c->nfields, 4, "birthdate");
	c = add_cmp(m, "gender", CMP_EXACT, 0);
	add_field(c->fields, &c->nfields, 4, "gender");
	c = add_cmp(m, "id_card", CMP_EDIT, 0);
	add_field(c->fields, &c->nfields, 4, "id_card");
	c = add_cmp(m, "phone", CMP_PHONE, 1);
	add_field(c->fields, &c->nfields, 4, "phone");
	c = add_cmp(m, "landline", CMP_PHONE, 1);
	add_field(c->fields, &c->nfields, 4, "landline");
	c = add_cmp(m, "email", CMP_EMAIL, 0);
	add_field(c->fields, &c->nfields, 4, "email");
	c = add_cmp(m, "address", CMP_ADDRESS, 1);
	add_field(c->fields, &c->nfields, 4, "address");
	c->bands[0] = 0.8;
	c->bands[1] = 0.5;
	c = add_cmp(m, "household", CMP_EXACT, 1);
	add_field(c->fields, &c->nfields, 4, "_household");
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++)
		add_rule(m, rules[i]);
	m->name_field = xstrdup("name");
	m->gender_field = xstrdup("gender");
	m->birth_field = xstrdup("birthdate");
	m->idcard_field = xstrdup("id_card");
	m->date_field = xstrdup("date");
	add_field(m->house_fields, &m->nhouse, 8, "district");
	add_field(m->house_fields, &m->nhouse, 8, "community");
	add_field(m->house_fields, &m->nhouse, 8, "building");
	add_field(m->house_fields, &m->nhouse, 8, "unit");
	add_field(m->house_fields, &m->nhouse, 8, "room");
	m->address_field = xstrdup("address");
	{
		static const char *const srcs[] = {
			"members", "ecommerce", "sales", "service", "iot", "callcenter",
		};
		m->sources = xcalloc(ARRAY_SIZE(srcs), sizeof(char *));
		for (size_t i = 0; i < ARRAY_SIZE(srcs); i++)
			m->sources[m->nsources++] = xstrdup(srcs[i]);
	}
	m->threshold = 0.95;
	m->cluster_threshold = 0.003;	/* tuned on scrm-gen at 68k and 2M records */
	m->prior = 0.1;
	m->max_block = 500;
	m->max_cluster = 500;
	m->em_iterations = 60;
	model_finish(m);
}

/* ---- the JSON form ---- */

static const struct {
	const char *name;
	enum cmp_type type;
} cmp_types[] = {
	{ "exact", CMP_EXACT }, { "name", CMP_NAME }, { "string", CMP_STRING },
	{ "edit", CMP_EDIT }, { "date", CMP_DATE }, { "address", CMP_ADDRESS },
	{ "email", CMP_EMAIL }, { "phone", CMP_PHONE },
};


static void bad_model(const char *what)
{
	scrm_die(SCRM_EXIT_USAGE, "%s: %s", model_path, what);
}

static char *str_member(json_t *o, const char *key, int required)
{
	json_t *v = json_object_get(o, key);
	if (!v) {
		if (required) {
			char msg[128];
			snprintf(msg, sizeof(msg), "missing \"%s\"", key);
			bad_model(msg);
		}
		return NULL;
	}
	if (json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		char msg[128];
		snprintf(msg, sizeof(msg), "\"%s\" must be a string", key);
		bad_model(msg);
	}
	return xstrdup(json_string_value(v));
}

static void fields_member(json_t *o, char **fields, int *n, int max)
{
	json_t *v = json_object_get(o, "fields"), *f;
	size_t i;
	if (json_is_string(v)) {
		add_field(fields, n, max, json_string_value(v));
		return;
	}
	if (!json_is_array(v) || json_array_size(v) == 0)
		bad_model("\"fields\" must be a field name or an array of them");
	json_array_foreach(v, i, f) {
		if (!json_is_string(f))
			bad_model("\"fields\" must hold field names");
		add_field(fields, n, max, json_string_value(f));
	}
}

static void load_comparisons(struct model *m, json_t *arr)
{
	size_t i;
	json_t *o;
	if (!json_is_array(arr))
		bad_model("\"comparisons\" must be an array");
	json_array_foreach(arr, i, o) {
		char *name = str_member(o, "name", 1), *type = str_member(o, "type", 1);
		struct comparison *c;
		json_t *bands = json_object_get(o, "bands"), *b;
		size_t k;
		int found = -1;
		if (m->ncmp == MAX_COMPARISONS)
			bad_model("too many comparisons");
		for (size_t t = 0; t < ARRAY_SIZE(cmp_types); t++)
			if (strcmp(type, cmp_types[t].name) == 0)
				found = (int)t;
		if (found < 0)
			bad_model("a comparison \"type\" must be exact, name, string, edit, date, "
				  "address, email or phone");
		c = add_cmp(m, name, cmp_types[found].type, json_is_true(json_object_get(o, "tf")));
		fields_member(o, c->fields, &c->nfields, 4);
		json_array_foreach(bands, k, b) {
			if (!json_is_number(b) || k >= 3)
				bad_model("\"bands\" must be up to three numbers");
			c->bands[k] = json_number_value(b);
		}
		free(name);
		free(type);
	}
}

static void load_dets(struct model *m, json_t *arr)
{
	size_t i;
	json_t *o;
	if (!json_is_array(arr))
		bad_model("\"deterministic\" must be an array");
	json_array_foreach(arr, i, o) {
		char *name = str_member(o, "name", 1);
		json_t *fan = json_object_get(o, "fanout");
		struct det_id *d = add_det(m, name, fan ? (int)json_integer_value(fan) : 3);
		if (fan && (!json_is_integer(fan) || d->fanout < 1))
			bad_model("\"fanout\" must be a whole number >= 1");
		if (json_object_get(o, "fields"))
			fields_member(o, d->fields, &d->nfields, 4);
		else
			add_field(d->fields, &d->nfields, 4, name);
		free(name);
	}
}

static void load_rules(struct model *m, json_t *arr)
{
	size_t i;
	json_t *rule;
	if (!json_is_array(arr))
		bad_model("\"blocking\" must be an array of arrays of keys");
	json_array_foreach(arr, i, rule) {
		const char *parts[MAX_KEY_PARTS + 1] = { NULL };
		size_t k;
		json_t *p;
		if (!json_is_array(rule) || json_array_size(rule) == 0 ||
		    json_array_size(rule) > MAX_KEY_PARTS)
			bad_model("each blocking rule is an array of 1 to 4 keys");
		json_array_foreach(rule, k, p) {
			if (!json_is_string(p))
				bad_model("blocking keys are strings");
			parts[k] = json_string_value(p);
		}
		add_rule(m, parts);
	}
}

static void set_role(char **dst, json_t *roles, const char *key)
{
	free(*dst);
	*dst = roles ? str_member(roles, key, 0) : NULL;
}

static double num_member(json_t *o, const char *key, double def, double lo, double hi)
{
	json_t *v = json_object_get(o, key);
	double d;
	if (!v)
		return def;
	d = json_number_value(v);
	if (!json_is_number(v) || d < lo || d > hi) {
		char msg[128];
		snprintf(msg, sizeof(msg), "\"%s\" must be a number from %g to %g", key, lo, hi);
		bad_model(msg);
	}
	return d;
}

static void load_household(struct model *m, json_t *h)
{
	for (int i = 0; i < m->nhouse; i++)
		free(m->house_fields[i]);
	m->nhouse = 0;
	free(m->address_field);
	m->address_field = NULL;
	if (!h || json_is_null(h))
		return;
	if (json_object_get(h, "fields"))
		fields_member(h, m->house_fields, &m->nhouse, 8);
	m->address_field = str_member(h, "address", 0);
}

static void load_sources(struct model *m, json_t *arr)
{
	size_t i;
	json_t *s;
	for (int k = 0; k < m->nsources; k++)
		free(m->sources[k]);
	free(m->sources);
	m->sources = NULL;
	m->nsources = 0;
	if (!json_is_array(arr))
		bad_model("\"sources\" must be an array of source names, most trusted first");
	m->sources = xcalloc(json_array_size(arr) + 1, sizeof(char *));
	json_array_foreach(arr, i, s) {
		if (!json_is_string(s))
			bad_model("\"sources\" must hold names");
		m->sources[m->nsources++] = xstrdup(json_string_value(s));
	}
}

/*
 * The m and u of each level, as --model-out wrote them: a model trained on
 * one extract scores the next without estimating again.  All comparisons
 * give them or none does.
 */
static void load_levels(struct model *m, json_t *arr)
{
	size_t i, l;
	json_t *o, *lv;
	int given = 0;
	json_array_foreach(arr, i, o) {
		struct comparison *c = &m->cmp[i];
		json_t *levels = json_object_get(o, "levels");
		char msg[200];
		if (!levels)
			continue;
		given++;
		if (!json_is_array(levels) || (int)json_array_size(levels) != c->nlevels) {
			snprintf(msg, sizeof(msg), "comparison '%s' has %d levels", c->name, c->nlevels);
			bad_model(msg);
		}
		json_array_foreach(levels, l, lv) {
			json_t *name = json_object_get(lv, "level");
			double mv = json_number_value(json_object_get(lv, "m"));
			double uv = json_number_value(json_object_get(lv, "u"));
			if (!json_is_string(name) || strcmp(json_string_value(name), c->level_names[l]) != 0) {
				snprintf(msg, sizeof(msg), "level %zu of comparison '%s' must be '%s'",
					 l + 1, c->name, c->level_names[l]);
				bad_model(msg);
			}
			if (!(mv > 0 && mv <= 1 && uv > 0 && uv <= 1)) {
				snprintf(msg, sizeof(msg), "level '%s' of comparison '%s' needs an m and "
					 "a u above 0 and at most 1", c->level_names[l], c->name);
				bad_model(msg);
			}
			c->m[l] = mv;
			c->u[l] = uv;
		}
	}
	if (given && given != m->ncmp)
		bad_model("either every comparison gives its \"levels\" or none does");
	m->given_levels = given > 0;
}

static void check_keys(json_t *root)
{
	const char *key = conf_unknown_key(root, " key deterministic comparisons blocking roles "
					   "household sources threshold cluster_threshold prior "
					   "random_prior max_block max_cluster em_iterations comment ");
	if (key) {
		char msg[160];
		snprintf(msg, sizeof(msg), "unknown key '%s' in the model", key);
		bad_model(msg);
	}
}

void model_load(struct model *m, const char *path)
{
	json_t *root, *v;
	model_path = path;
	root = loading = conf_load(path);
	if (!json_is_object(root))
		bad_model("the model must be a JSON object");
	check_keys(root);
	if ((v = json_object_get(root, "key")) != NULL) {
		for (int i = 0; i < m->nkey; i++)
			free(m->key_fields[i]);
		m->nkey = 0;
		json_t *o = json_pack("{sO}", "fields", v);
		fields_member(o, m->key_fields, &m->nkey, 4);
		json_decref(o);
	}
	if ((v = json_object_get(root, "comparisons")) != NULL) {
		for (int i = 0; i < m->ncmp; i++) {
			free(m->cmp[i].name);
			for (int k = 0; k < m->cmp[i].nfields; k++)
				free(m->cmp[i].fields[k]);
			intern_free(m->cmp[i].values);
		}
		m->ncmp = 0;
		load_comparisons(m, v);
	}
	if ((v = json_object_get(root, "deterministic")) != NULL ||
	    json_object_get(root, "comparisons")) {
		/* a model of its own has its own identifiers, or none */
		for (int i = 0; i < m->ndets; i++) {
			free(m->dets[i].name);
			for (int k = 0; k < m->dets[i].nfields; k++)
				free(m->dets[i].fields[k]);
			intern_free(m->dets[i].values);
		}
		m->ndets = 0;
		if (v)
			load_dets(m, v);
	}
	if ((v = json_object_get(root, "blocking")) != NULL) {
		for (int i = 0; i < m->nrules; i++) {
			free(m->rules[i].label);
			for (int k = 0; k < m->rules[i].nparts; k++) {
				free(m->rules[i].parts[k].field);
				free(m->rules[i].parts[k].text);
			}
		}
		m->nrules = 0;
		load_rules(m, v);
	}
	if ((v = json_object_get(root, "roles")) != NULL || json_object_get(root, "comparisons")) {
		/* a model of its own names its roles, or has none */
		set_role(&m->name_field, v, "name");
		set_role(&m->gender_field, v, "gender");
		set_role(&m->birth_field, v, "birthdate");
		set_role(&m->idcard_field, v, "id_card");
		set_role(&m->date_field, v, "date");
	}
	if ((v = json_object_get(root, "household")) != NULL || json_object_get(root, "comparisons"))
		load_household(m, v);
	if ((v = json_object_get(root, "sources")) != NULL)
		load_sources(m, v);
	m->threshold = num_member(root, "threshold", m->threshold, 0, 1);
	m->cluster_threshold = num_member(root, "cluster_threshold", m->cluster_threshold, 0, 1);
	m->prior = num_member(root, "prior", m->prior, 1e-9, 0.999);
	/* the chance two random records match depends on the data: estimated each run */
	num_member(root, "random_prior", 0, 0, 1);
	m->max_block = (int)num_member(root, "max_block", m->max_block, 2, 1e7);
	m->max_cluster = (int)num_member(root, "max_cluster", m->max_cluster, 2, 1e9);
	m->em_iterations = (int)num_member(root, "em_iterations", m->em_iterations, 0, 10000);
	if (m->ncmp == 0 && m->ndets == 0)
		bad_model("the model has neither comparisons nor deterministic identifiers");
	if (m->nrules == 0)
		bad_model("the model has no blocking rules");
	model_finish(m);
	if ((v = json_object_get(root, "comparisons")) != NULL)
		load_levels(m, v);
	json_decref(root);
	loading = NULL;
}

/* ---- levels ---- */

static void set_levels(struct comparison *c)
{
	static const char *const exact_else[] = { "exact", "else" };
	static const char *const edit[] = { "exact", "edit1", "edit2", "else" };
	static const char *const date[] = { "exact", "typo", "year_month", "year", "else" };
	static const char *const email[] = { "exact", "user", "edit2", "else" };
	static const char *const phone[] = { "exact", "number", "else" };
	static char band_names[MAX_COMPARISONS][MAX_LEVELS][32];
	static int next;
	const char *const *names = NULL;
	int n = 0;
	switch (c->type) {
	case CMP_EXACT:
		names = exact_else, n = 2;
		break;
	case CMP_EDIT:
		names = edit, n = 4;
		break;
	case CMP_DATE:
		names = date, n = 5;
		break;
	case CMP_EMAIL:
		names = email, n = 4;
		break;
	case CMP_PHONE:
		names = phone, n = 3;
		break;
	case CMP_NAME:
	case CMP_STRING:
	case CMP_ADDRESS: {
		/* exact, one level per band, else */
		int slot = next++ % MAX_COMPARISONS, nb = 0;
		if (c->bands[0] == 0) {
			c->bands[0] = c->type == CMP_ADDRESS ? 0.8 : 0.92;
			c->bands[1] = c->type == CMP_ADDRESS ? 0.5 : 0.8;
		}
		while (nb < 3 && c->bands[nb] > 0)
			nb++;
		c->level_names[0] = "exact";
		for (int b = 0; b < nb; b++) {
			snprintf(band_names[slot][b], sizeof(band_names[slot][b]), "%s>=%g",
				 c->type == CMP_ADDRESS ? "sim" : "jw", c->bands[b]);
			c->level_names[b + 1] = band_names[slot][b];
		}
		if (c->type == CMP_NAME) {
			/* 王 (from 王先生) and 王伟, Rob and Robert */
			c->level_names[nb + 1] = "initial";
			c->level_names[nb + 2] = "else";
			c->nlevels = nb + 3;
			return;
		}
		c->level_names[nb + 1] = "else";
		c->nlevels = nb + 2;
		return;
	}
	}
	for (int i = 0; i < n; i++)
		c->level_names[i] = names[i];
	c->nlevels = n;
}

void model_finish(struct model *m)
{
	for (int i = 0; i < m->ncmp; i++) {
		struct comparison *c = &m->cmp[i];
		set_levels(c);
		/* starting points for EM: agreement likely among matches, rare among others */
		for (int l = 0; l < c->nlevels; l++) {
			c->m[l] = l == 0 ? 0.8 : l == c->nlevels - 1 ? 0.05 : 0.15 / (c->nlevels - 2);
			c->u[l] = l == c->nlevels - 1 ? 0.9 : 0.1 / (c->nlevels - 1);
		}
		if (!c->values)
			c->values = intern_new();
	}
	for (int i = 0; i < m->ndets; i++)
		if (!m->dets[i].values)
			m->dets[i].values = intern_new();
}

void model_free(struct model *m)
{
	json_decref(loading);
	loading = NULL;
	for (int i = 0; i < m->ncmp; i++) {
		free(m->cmp[i].name);
		for (int k = 0; k < m->cmp[i].nfields; k++)
			free(m->cmp[i].fields[k]);
		intern_free(m->cmp[i].values);
	}
	for (int i = 0; i < m->ndets; i++) {
		free(m->dets[i].name);
		for (int k = 0; k < m->dets[i].nfields; k++)
			free(m->dets[i].fields[k]);
		intern_free(m->dets[i].values);
	}
	free(m->dets);
	for (int i = 0; i < m->nrules; i++) {
		free(m->rules[i].label);
		for (int k = 0; k < m->rules[i].nparts; k++) {
			free(m->rules[i].parts[k].field);
			free(m->rules[i].parts[k].text);
		}
	}
	free(m->rules);
	for (int i = 0; i < m->nkey; i++)
		free(m->key_fields[i]);
	for (int i = 0; i < m->nhouse; i++)
		free(m->house_fields[i]);
	for (int i = 0; i < m->nsources; i++)
		free(m->sources[i]);
	free(m->sources);
	free(m->name_field);
	free(m->gender_field);
	free(m->birth_field);
	free(m->idcard_field);
	free(m->date_field);
	free(m->address_field);
	memset(m, 0, sizeof(*m));
}

static const char *type_name(enum cmp_type t)
{
	for (size_t i = 0; i < ARRAY_SIZE(cmp_types); i++)
		if (cmp_types[i].type == t)
			return cmp_types[i].name;
	return "?";
}

static json_t *string_array(char *const *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static void set_role_member(json_t *roles, const char *key, const char *field)
{
	if (field)
		json_object_set_new(roles, key, json_string(field));
}

static json_t *comparison_json(const struct comparison *c)
{
	json_t *o = json_object(), *levels = json_array();
	for (int l = 0; l < c->nlevels; l++)
		json_array_append_new(levels, json_pack("{s:s,s:f,s:f}", "level", c->level_names[l],
							"m", c->m[l], "u", c->u[l]));
	json_object_set_new(o, "name", json_string(c->name));
	json_object_set_new(o, "type", json_string(type_name(c->type)));
	json_object_set_new(o, "fields", string_array(c->fields, c->nfields));
	json_object_set_new(o, "tf", json_boolean(c->tf));
	if (c->type == CMP_NAME || c->type == CMP_STRING || c->type == CMP_ADDRESS) {
		json_t *bands = json_array();
		for (int b = 0; b < 3 && c->bands[b] > 0; b++)
			json_array_append_new(bands, json_real(c->bands[b]));
		json_object_set_new(o, "bands", bands);
	}
	json_object_set_new(o, "levels", levels);
	return o;
}

/* Everything --model reads, so the file written is a model to use again. */
void model_write(const struct model *m, const char *path)
{
	json_t *root = json_object(), *cmps = json_array(), *dets = json_array();
	json_t *rules = json_array(), *roles = json_object(), *house = json_object();
	for (int i = 0; i < m->ndets; i++)
		json_array_append_new(dets, json_pack("{s:s,s:o,s:i}", "name", m->dets[i].name,
						      "fields", string_array(m->dets[i].fields,
									     m->dets[i].nfields),
						      "fanout", m->dets[i].fanout));
	for (int i = 0; i < m->ncmp; i++)
		json_array_append_new(cmps, comparison_json(&m->cmp[i]));
	for (int i = 0; i < m->nrules; i++) {
		json_t *rule = json_array();
		for (int k = 0; k < m->rules[i].nparts; k++)
			json_array_append_new(rule, json_string(m->rules[i].parts[k].text));
		json_array_append_new(rules, rule);
	}
	set_role_member(roles, "name", m->name_field);
	set_role_member(roles, "gender", m->gender_field);
	set_role_member(roles, "birthdate", m->birth_field);
	set_role_member(roles, "id_card", m->idcard_field);
	set_role_member(roles, "date", m->date_field);
	if (m->nhouse)
		json_object_set_new(house, "fields", string_array(m->house_fields, m->nhouse));
	if (m->address_field)
		json_object_set_new(house, "address", json_string(m->address_field));
	json_object_set_new(root, "key", string_array(m->key_fields, m->nkey));
	json_object_set_new(root, "deterministic", dets);
	json_object_set_new(root, "comparisons", cmps);
	json_object_set_new(root, "blocking", rules);
	json_object_set_new(root, "roles", roles);
	if (!json_object_size(house)) {
		json_decref(house);
		house = json_null();
	}
	json_object_set_new(root, "household", house);
	json_object_set_new(root, "sources", string_array(m->sources, m->nsources));
	json_object_set_new(root, "threshold", json_real(m->threshold));
	json_object_set_new(root, "cluster_threshold", json_real(m->cluster_threshold));
	json_object_set_new(root, "prior", json_real(m->prior));
	json_object_set_new(root, "random_prior", json_real(m->random_prior));
	json_object_set_new(root, "max_block", json_integer(m->max_block));
	json_object_set_new(root, "max_cluster", json_integer(m->max_cluster));
	json_object_set_new(root, "em_iterations", json_integer(m->em_iterations));
	if (json_dump_file(root, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		scrm_die(SCRM_EXIT_IO, "cannot write '%s'", path);
	json_decref(root);
}
