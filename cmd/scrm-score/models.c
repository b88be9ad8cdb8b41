/*
 * The model file: {"models": [{"name": ..., "type": ..., ...}, ...]},
 * read with jansson and checked entirely before any record is read.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "error.h"
#include "io.h"
#include "score.h"
#include "writer.h"
#include "banned.h"

/* Service lives in years: CHEAA standards; tv is our choice (man page). */
static const struct {
	const char *category;
	double years;
} service_life[] = {
	{ "refrigerator", 10 }, { "air_conditioner", 10 }, { "washer", 8 },
	{ "range_hood", 8 }, { "gas_stove", 8 }, { "water_heater", 8 }, { "tv", 8 },
};

struct ctx {
	const char *path;
	const char *name;
	char label[64];
};

__attribute__((format(printf, 2, 3), noreturn))
static void bad(const struct ctx *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->name)
		scrm_die(SCRM_EXIT_USAGE, "%s: model \"%s\": %s", c->path, c->name, msg);
	scrm_die(SCRM_EXIT_USAGE, "%s: %s: %s", c->path, c->label, msg);
}

static double get_num(const struct ctx *c, json_t *o, const char *key, double def, double min,
		       double max)
{
	json_t *v = json_object_get(o, key);
	double d;
	if (!v)
		return def;
	if (!json_is_number(v))
		bad(c, "%s: expected a number", key);
	d = json_number_value(v);
	if (!isfinite(d) || d < min || d > max)
		bad(c, "%s: expected a number from %g to %g", key, min, max);
	return d;
}

static const char *get_str(const struct ctx *c, json_t *o, const char *key, int required)
{
	json_t *v = json_object_get(o, key);
	if (!v) {
		if (required)
			bad(c, "missing field \"%s\"", key);
		return NULL;
	}
	if (!json_is_string(v) || !*json_string_value(v))
		bad(c, "%s: expected a non-empty string", key);
	return json_string_value(v);
}

/* A string or an array of strings. */
static char **get_strs(const struct ctx *c, json_t *o, const char *key, size_t *n)
{
	json_t *v = json_object_get(o, key);
	char **out;
	if (!v)
		bad(c, "missing field \"%s\"", key);
	if (json_is_string(v)) {
		out = xmalloc(sizeof(*out));
		out[0] = xstrdup(json_string_value(v));
		*n = 1;
		return out;
	}
	if (!json_is_array(v) || json_array_size(v) == 0)
		bad(c, "%s: expected a category or an array of categories", key);
	*n = json_array_size(v);
	out = xcalloc(*n, sizeof(*out));
	for (size_t i = 0; i < *n; i++) {
		json_t *s = json_array_get(v, i);
		if (!json_is_string(s) || !*json_string_value(s))
			bad(c, "%s: expected strings", key);
		out[i] = xstrdup(json_string_value(s));
	}
	return out;
}

static expr *compile(const struct ctx *c, const char *src)
{
	char what[512];
	snprintf(what, sizeof(what), "%s: model \"%s\"", c->path, c->name);
	return expr_compile_or_die(what, src);
}

static void check_keys(const struct ctx *c, json_t *o, const char *allowed)
{
	const char *key = conf_unknown_key(o, allowed);
	if (key)
		bad(c, "unknown field \"%s\"", key);
}

static void load_points(const struct ctx *c, struct model *m, json_t *o)
{
	json_t *rules = json_object_get(o, "rules");
	check_keys(c, o, " name type rules base ");
	if (!rules)
		bad(c, "missing field \"rules\"");
	if (!json_is_array(rules))
		bad(c, "rules: expected an array of {\"when\", \"points\"}");
	m->base = get_num(c, o, "base", 0, -1e9, 1e9);
	m->nterms = json_array_size(rules);
	m->terms = xcalloc(m->nterms ? m->nterms : 1, sizeof(*m->terms));
	for (size_t i = 0; i < m->nterms; i++) {
		json_t *r = json_array_get(rules, i), *w, *p;
		if (!json_is_object(r))
			bad(c, "rules[%zu]: expected an object {\"when\", \"points\"}", i);
		w = json_object_get(r, "when");
		p = json_object_get(r, "points");
		if (!json_is_string(w))
			bad(c, "rules[%zu]: missing field \"when\" (an expression)", i);
		if (!json_is_number(p))
			bad(c, "rules[%zu]: missing field \"points\" (a number)", i);
		m->terms[i].text = xstrdup(json_string_value(w));
		m->terms[i].e = compile(c, m->terms[i].text);
		m->terms[i].w = json_number_value(p);
	}
}

static void load_replacement(const struct ctx *c, struct model *m, json_t *o)
{
	double def = 0;
	check_keys(c, o, " name type category life steepness service_points service_max "
		   "fault_points ");
	m->category = xstrdup(get_str(c, o, "category", 1));
	for (size_t i = 0; i < sizeof(service_life) / sizeof(service_life[0]); i++)
		if (strcmp(service_life[i].category, m->category) == 0)
			def = service_life[i].years;
	m->life = get_num(c, o, "life", def, 0, 100);
	if (m->life <= 0)
		bad(c, "no service life known for \"%s\": give \"life\" in years", m->category);
	m->steepness = get_num(c, o, "steepness", 6, 0.1, 100);
	m->service_points = get_num(c, o, "service_points", 5, 0, 100);
	m->service_max = get_num(c, o, "service_max", 20, 0, 100);
	m->fault_points = get_num(c, o, "fault_points", 15, 0, 100);
}

static void load_cross(const struct ctx *c, struct model *m, json_t *o)
{
	check_keys(c, o, " name type owns lacks half_life ");
	m->owns = get_strs(c, o, "owns", &m->nowns);
	m->lacks = get_strs(c, o, "lacks", &m->nlacks);
	m->half_life = get_num(c, o, "half_life", 0, 0, 1000);
}

static void load_set(const struct ctx *c, struct model *m, json_t *o)
{
	check_keys(c, o, " name type set ");
	m->owns = get_strs(c, o, "set", &m->nowns);
	if (m->nowns < 2)
		bad(c, "set: a set needs two categories or more");
}

static void load_activity(const struct ctx *c, struct model *m, json_t *o)
{
	json_t *ev = json_object_get(o, "events"), *v;
	const char *key;
	size_t i = 0;
	check_keys(c, o, " name type events half_life scale ");
	if (!ev)
		bad(c, "missing field \"events\"");
	if (!json_is_object(ev) || json_object_size(ev) == 0)
		bad(c, "events: expected an object of event type -> weight");
	m->nevents = json_object_size(ev);
	m->events = xcalloc(m->nevents, sizeof(*m->events));
	m->event_w = xcalloc(m->nevents, sizeof(*m->event_w));
	json_object_foreach(ev, key, v) {
		if (!json_is_number(v))
			bad(c, "events.%s: expected a number", key);
		m->events[i] = xstrdup(key);
		m->event_w[i++] = json_number_value(v);
	}
	m->half_life = get_num(c, o, "half_life", 180, 1e-3, 1e6);
	m->scale = get_num(c, o, "scale", 3, 1e-6, 1e9);
}

static const char *const rfm_keys[3] = { "recency", "frequency", "monetary" };
static const char *const rfm_defaults[3] = {
	"days_since(max(products, date))", "count(products)", "sum(products, price)"
};

static void load_rfm(const struct ctx *c, struct model *m, json_t *o)
{
	json_t *cuts;
	check_keys(c, o, " name type recency frequency monetary field cuts fitted ");
	for (int k = 0; k < 3; k++) {
		const char *s = get_str(c, o, rfm_keys[k], 0);
		m->rfm_src[k] = xstrdup(s ? s : rfm_defaults[k]);
		m->rfm_e[k] = compile(c, m->rfm_src[k]);
	}
	m->rfm_field = xstrdup(get_str(c, o, "field", 0) ? get_str(c, o, "field", 0) : "rfm");
	cuts = json_object_get(o, "cuts");
	if (!cuts)
		return;
	if (!json_is_object(cuts))
		bad(c, "cuts: expected an object written by --fit");
	for (int k = 0; k < 3; k++) {
		json_t *a = json_object_get(cuts, rfm_keys[k]);
		if (!json_is_array(a) || json_array_size(a) != 4)
			bad(c, "cuts.%s: expected four [value, uid] pairs (run --fit)", rfm_keys[k]);
		for (size_t i = 0; i < 4; i++) {
			json_t *p = json_array_get(a, i);
			json_t *v = json_array_get(p, 0), *u = json_array_get(p, 1);
			if (!json_is_array(p) || json_array_size(p) != 2 || !json_is_number(v) ||
			    !json_is_string(u))
				bad(c, "cuts.%s[%zu]: expected [value, uid]", rfm_keys[k], i);
			m->cuts[k][i].key = k == RFM_R ? -json_number_value(v) : json_number_value(v);
			m->cuts[k][i].uid = xstrdup(json_string_value(u));
		}
	}
	m->fitted = 1;
}

static void load_logistic(const struct ctx *c, struct model *m, json_t *o)
{
	json_t *w = json_object_get(o, "weights"), *v;
	const char *key;
	size_t i = 0;
	check_keys(c, o, " name type weights intercept l2 fit ");
	if (!w)
		bad(c, "missing field \"weights\"");
	if (!json_is_object(w))
		bad(c, "weights: expected an object of feature -> weight");
	m->base = get_num(c, o, "intercept", 0, -1e300, 1e300);
	m->l2 = get_num(c, o, "l2", 0, 0, 1e300);
	m->nterms = json_object_size(w);
	m->terms = xcalloc(m->nterms ? m->nterms : 1, sizeof(*m->terms));
	json_object_foreach(w, key, v) {
		if (!json_is_number(v))
			bad(c, "weights: \"%s\": expected a number", key);
		m->terms[i].text = xstrdup(key);
		m->terms[i].e = compile(c, key);
		m->terms[i++].w = json_number_value(v);
	}
}

static const struct {
	const char *name;
	int type;
	void (*load)(const struct ctx *, struct model *, json_t *);
} types[] = {
	{ "points", M_POINTS, load_points },
	{ "replacement", M_REPLACEMENT, load_replacement },
	{ "cross_purchase", M_CROSS, load_cross },
	{ "set_purchase", M_SET, load_set },
	{ "rfm", M_RFM, load_rfm },
	{ "activity", M_ACTIVITY, load_activity },
	{ "logistic", M_LOGISTIC, load_logistic },
};

static void load_model(struct models *ms, size_t i, json_t *o)
{
	struct ctx c = { ms->path, NULL, { 0 } };
	struct model *m = &ms->m[i];
	const char *type;
	size_t t;
	snprintf(c.label, sizeof(c.label), "models[%zu]", i);
	if (!json_is_object(o))
		bad(&c, "expected an object with name and type");
	c.name = NULL;
	m->name = xstrdup(get_str(&c, o, "name", 1));
	c.name = m->name;
	for (const char *p = m->name; *p; p++)
		if (*p == '.' || *p == ' ')
			bad(&c, "a name must not hold dots or spaces");
	for (size_t k = 0; k < i; k++)
		if (strcmp(ms->m[k].name, m->name) == 0)
			bad(&c, "a second model of this name");
	type = get_str(&c, o, "type", 1);
	for (t = 0; t < sizeof(types) / sizeof(types[0]); t++)
		if (strcmp(types[t].name, type) == 0)
			break;
	if (t == sizeof(types) / sizeof(types[0]))
		bad(&c, "unknown type \"%s\" (points, replacement, cross_purchase, set_purchase, "
		    "rfm, activity or logistic)", type);
	m->type = types[t].type;
	m->j = o;
	types[t].load(&c, m, o);
}

void models_load(struct models *ms, const char *path)
{
	json_t *list;
	memset(ms, 0, sizeof(*ms));
	if (path) {
		ms->root = conf_load(path);
		ms->path = xstrdup(path);
	} else {
		ms->root = conf_load_text("default models", scrm_default_models_json,
					  strlen(scrm_default_models_json));
		ms->path = xstrdup("default models");
	}
	list = json_object_get(ms->root, "models");
	if (!json_is_object(ms->root) || !json_is_array(list))
		scrm_die(SCRM_EXIT_USAGE, "%s: expected {\"models\": [...]}", ms->path);
	ms->n = json_array_size(list);
	ms->m = xcalloc(ms->n ? ms->n : 1, sizeof(*ms->m));
	for (size_t i = 0; i < ms->n; i++)
		load_model(ms, i, json_array_get(list, i));
}

void models_empty(struct models *ms)
{
	memset(ms, 0, sizeof(*ms));
	ms->root = json_pack("{s:[]}", "models");
	ms->path = xstrdup("-");
	ms->m = xcalloc(1, sizeof(*ms->m));
}

static void free_strs(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

static void model_free(struct model *m)
{
	free(m->name);
	for (size_t i = 0; i < m->nterms; i++) {
		free(m->terms[i].text);
		expr_free(m->terms[i].e);
	}
	free(m->terms);
	free(m->category);
	free_strs(m->owns, m->nowns);
	free_strs(m->lacks, m->nlacks);
	free_strs(m->events, m->nevents);
	free(m->event_w);
	for (int k = 0; k < 3; k++) {
		free(m->rfm_src[k]);
		expr_free(m->rfm_e[k]);
		for (int i = 0; i < 4; i++)
			free(m->cuts[k][i].uid);
	}
	free(m->rfm_field);
}

void models_free(struct models *ms)
{
	for (size_t i = 0; i < ms->n; i++)
		model_free(&ms->m[i]);
	free(ms->m);
	free(ms->path);
	if (ms->root)
		json_decref(ms->root);
	memset(ms, 0, sizeof(*ms));
}

void models_select(struct models *ms, const char *names)
{
	char *list = xstrdup(names), *save = NULL;
	unsigned char *keep = xcalloc(ms->n ? ms->n : 1, 1);
	size_t n = 0;
	for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;
		for (i = 0; i < ms->n; i++)
			if (strcmp(ms->m[i].name, tok) == 0)
				break;
		if (i == ms->n) {
			char name[128];
			snprintf(name, sizeof(name), "%s", tok);
			free(list);
			free(keep);
			scrm_die(SCRM_EXIT_USAGE, "--only: %s has no model \"%s\"", ms->path, name);
		}
		keep[i] = 1;
	}
	for (size_t i = 0; i < ms->n; i++) {
		if (keep[i])
			ms->m[n++] = ms->m[i];
		else
			model_free(&ms->m[i]);
	}
	ms->n = n;
	free(list);
	free(keep);
}

/* JSON as people write it: two-space indent, short arrays of scalars on one line, numbers in their shortest exact form. */
static void dump(strbuf *sb, json_t *v, int indent)
{
	char buf[64];
	size_t n;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *x;
		size_t i = 0;
		if (!json_object_size(v)) {
			sb_adds(sb, "{}");
			break;
		}
		sb_adds(sb, "{\n");
		json_object_foreach(v, key, x) {
			sb_addf(sb, "%*s", indent + 2, "");
			json_write_string(sb, key, strlen(key));
			sb_adds(sb, ": ");
			dump(sb, x, indent + 2);
			sb_adds(sb, ++i < json_object_size(v) ? ",\n" : "\n");
		}
		sb_addf(sb, "%*s}", indent, "");
		break;
	}
	case JSON_ARRAY: {
		int flat = json_array_size(v) <= 8;
		for (size_t i = 0; flat && i < json_array_size(v); i++)
			if (json_is_object(json_array_get(v, i)) || json_is_array(json_array_get(v, i)))
				flat = 0;
		if (!json_array_size(v)) {
			sb_adds(sb, "[]");
			break;
		}
		sb_adds(sb, flat ? "[" : "[\n");
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (!flat)
				sb_addf(sb, "%*s", indent + 2, "");
			dump(sb, json_array_get(v, i), indent + 2);
			if (i + 1 < json_array_size(v))
				sb_adds(sb, flat ? ", " : ",\n");
		}
		if (flat)
			sb_adds(sb, "]");
		else
			sb_addf(sb, "\n%*s]", indent, "");
		break;
	}
	case JSON_STRING:
		json_write_string(sb, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		sb_addf(sb, "%lld", (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		n = format_double(json_real_value(v), buf, sizeof(buf));
		sb_add(sb, buf, n);
		/* a real stays a real when read back */
		if (!strpbrk(buf, ".eEn"))
			sb_adds(sb, ".0");
		break;
	case JSON_TRUE:
		sb_adds(sb, "true");
		break;
	case JSON_FALSE:
		sb_adds(sb, "false");
		break;
	case JSON_NULL:
		sb_adds(sb, "null");
		break;
	}
}

void models_write(const struct models *ms, const char *path, writer *w)
{
	strbuf sb;
	sb_init(&sb);
	dump(&sb, ms->root, 0);
	sb_addc(&sb, '\n');
	if (path) {
		output *o = out_open(path, 0, 0);
		out_write(o, sb_str(&sb), sb.len);
		out_close(o, 1);
	} else {
		wr_write_raw(w, sb_str(&sb), sb.len);
	}
	sb_release(&sb);
}
