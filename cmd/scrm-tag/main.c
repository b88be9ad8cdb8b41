/*
 * scrm-tag: hierarchical tags from a rules file (or the embedded default
 * taxonomy) and a product catalogue, added to each profile as a sorted
 * "tags" array, or written as a long (uid, tag) table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "date.h"
#include "error.h"
#include "options.h"
#include "reader.h"
#include "rules.h"
#include "run.h"
#include "writer.h"
#include "banned.h"

enum {
	OPT_RULES = 256, OPT_CATALOG, OPT_AS_OF, OPT_TAG_TABLE, OPT_NAMES, OPT_UID_FIELD,
	OPT_PRINT_DEFAULT
};

static const struct scrm_opt tag_options[] = {
	{ "rules", 'r', required_argument, "file",
	  "rules file (JSON tag tree); repeatable; default: the built-in taxonomy",
	  "Read the tag tree from file (see RULES FILE). May be given more than once: "
	  "later files add nodes, and a node they declare again replaces the earlier "
	  "one. The name default stands for the built-in taxonomy (write ./default for a "
	  "file of that name). Without --rules the built-in taxonomy is used.",
	  OPT_RULES },
	{ "catalog", 'c', required_argument, "file",
	  "product catalogue (CSV, TSV or NDJSON): sku, category, attributes, ...",
	  "Read a product catalogue from file (CSV, TSV or NDJSON, gzip or not) with a sku "
	  "column and any of category, attributes (a '|'-separated list such as "
	  "\"节能|智能|高端\", also named attrs) and other columns. Before the rules "
	  "run, each product whose sku is listed gets the members it lacks: attrs as an "
	  "array, category and every other non-empty column. The enrichment is only seen "
	  "by the rules; the record is written without it.",
	  OPT_CATALOG },
	{ "as-of", 0, required_argument, "date",
	  "the date taken as today by years_since() and days_since() (default: the current date)",
	  NULL, OPT_AS_OF },
	{ "tag-table", 0, no_argument, NULL,
	  "write one record {uid, tag} per tag instead of the tagged records",
	  "Write the long form instead of the records: one record {\"uid\": ..., \"tag\": "
	  "...} per tag of each record, in the order of the tags (records without tags "
	  "write nothing). With --names each also has name. -O csv makes it a table for "
	  "a warehouse.",
	  OPT_TAG_TABLE },
	{ "names", 0, no_argument, NULL,
	  "also write tag_names, the display names parallel to tags",
	  "Also write tag_names, an array of the display names of the tags in the same "
	  "order (a node without a name gives its id).",
	  OPT_NAMES },
	{ "uid-field", 0, required_argument, "field",
	  "the record's key in --tag-table output (default uid)",
	  "Key the rows of --tag-table with field (default uid), which may be a dotted "
	  "path such as member.id; the rows name the key as given, and a record without "
	  "it gives null.",
	  OPT_UID_FIELD },
	{ "print-default", 0, no_argument, NULL,
	  "print the built-in taxonomy (a rules file) and exit", NULL, OPT_PRINT_DEFAULT },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

struct tag_opts {
	const char **rules;
	size_t nrules;
	const char *catalog;
	long today;
	int tag_table;
	int names;
	const char *uid_field;
};

static void on_option(int id, const char *arg, void *ud)
{
	struct tag_opts *o = ud;
	switch (id) {
	case OPT_RULES:
		o->rules = xrealloc(o->rules, (o->nrules + 1) * sizeof(*o->rules));
		o->rules[o->nrules++] = arg;
		break;
	case OPT_CATALOG:
		o->catalog = arg;
		break;
	case OPT_AS_OF:
		o->today = scrm_as_of(arg);
		break;
	case OPT_TAG_TABLE:
		o->tag_table = 1;
		break;
	case OPT_NAMES:
		o->names = 1;
		break;
	case OPT_UID_FIELD:
		if (!*arg)
			scrm_usage_error("--uid-field: the name must not be empty");
		o->uid_field = arg;
		break;
	case OPT_PRINT_DEFAULT:
		fputs(scrm_default_tags_json, stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			scrm_die(SCRM_EXIT_IO, "cannot write the output");
		scrm_exit(SCRM_EXIT_OK);
	}
}

static const struct scrm_tool tool = {
	"scrm-tag",
	"Add hierarchical tags to profiles from a rules file (default: the built-in "
	"taxonomy) and a product catalogue.",
	"[file ...]",
	tag_options,
	on_option,
};

struct tagger {
	struct tag_opts o;
	struct tag_rules rules;
	struct catalog *cat;
	uint64_t *count;	/* per node */
	uint64_t tagged, untagged, decoded;
	struct catalog_counts cc;
};

struct worker {
	struct tagger *t;
	uint64_t *count;
	uint64_t tagged, untagged, decoded;
	struct catalog_counts cc;
	int *hits;
	struct expr_ctx ctx;
	struct json_parser jp;
	strbuf tmp;
};

static void *worker_init(void *shared)
{
	struct tagger *t = shared;
	struct worker *w = xcalloc(1, sizeof(*w));
	w->t = t;
	w->count = xcalloc(t->rules.n + 1, sizeof(uint64_t));
	w->hits = xcalloc(t->rules.n + 1, sizeof(int));
	w->ctx.today = t->o.today;
	return w;
}

static void worker_finish(void *shared, void *worker)
{
	struct tagger *t = shared;
	struct worker *w = worker;
	for (size_t i = 0; i < t->rules.n; i++)
		t->count[i] += w->count[i];
	t->tagged += w->tagged;
	t->untagged += w->untagged;
	t->decoded += w->decoded;
	t->cc.products += w->cc.products;
	t->cc.matched += w->cc.matched;
	t->cc.unknown += w->cc.unknown;
	free(w->count);
	free(w->hits);
	json_parser_release(&w->jp);
	sb_release(&w->tmp);
	free(w);
}

/* Members that scrm-match writes as arrays or objects: JSON text in a CSV cell. */
static int nested_member(const char *key)
{
	static const char *const names[] = {
		"products", "contacts", "phones", "emails", "addresses", "events",
		"event_dates", "score",
	};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(key, names[i]) == 0)
			return 1;
	return 0;
}

/* JSON text of a CSV cell back into a value; 0 if it is not JSON. */
static int decode_json(struct worker *w, arena *a, const sv *s, sv *out)
{
	sv obj;
	sb_reset(&w->tmp);
	sb_adds(&w->tmp, "{\"v\":");
	sb_add(&w->tmp, s->u.s, s->len);
	sb_addc(&w->tmp, '}');
	if (json_parse_record(&w->jp, w->tmp.buf, w->tmp.len, a, &obj) != 0)
		return 0;
	*out = *sv_get(&obj, "v");
	return 1;
}

/* "2024-01-02|2024-03-04" (a CSV cell of event_dates.TYPE) -> an array. */
static sv split_bars(arena *a, const sv *s)
{
	sv arr = sv_arr();
	const char *p = s->u.s, *end = p + s->len;
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *e = bar ? bar : end;
		if (e > p)
			sv_arr_push(a, &arr, sv_str(a, p, (size_t)(e - p)));
		p = e + 1;
	}
	return arr;
}

/*
 * What the rules see: the record, with the JSON text of CSV cells
 * decoded and the products enriched from the catalogue. A shallow copy
 * when anything changes; the record itself stays as read.
 */
static sv rule_view(struct worker *w, arena *a, const sv *rec)
{
	sv view = *rec;
	int copied = 0;
	if (rec->type != SV_OBJ)
		return view;
	for (uint32_t i = 0; i < rec->len; i++) {
		const char *key = rec->u.pairs[i].key;
		const sv *v = &rec->u.pairs[i].val;
		sv nv;
		int change = 0;
		/* cheap tests first: most members are plain strings and numbers */
		if (v->type == SV_STR ? !(v->len && (v->u.s[0] == '[' || v->u.s[0] == '{'))
				      : v->type != SV_OBJ && v->type != SV_ARR)
			continue;
		if (!nested_member(key))
			continue;
		nv = *v;
		if (v->type == SV_STR && v->len && (v->u.s[0] == '[' || v->u.s[0] == '{')) {
			change = decode_json(w, a, v, &nv);
			w->decoded += change;
		} else if (v->type == SV_OBJ && strcmp(key, "event_dates") == 0) {
			for (uint32_t k = 0; k < v->len && !change; k++)
				change = v->u.pairs[k].val.type == SV_STR;
			if (change) {
				nv = sv_obj();
				for (uint32_t k = 0; k < v->len; k++) {
					const sv *x = &v->u.pairs[k].val;
					sv_append(a, &nv, v->u.pairs[k].key,
						  x->type == SV_STR ? split_bars(a, x) : *x);
				}
			}
		}
		if (w->t->cat && strcmp(key, "products") == 0 && nv.type == SV_ARR) {
			sv e = catalog_enrich(w->t->cat, a, &nv, &w->cc);
			change |= e.u.items != nv.u.items;
			nv = e;
		}
		if (!change)
			continue;
		if (!copied) {
			view.u.pairs = arena_alloc(a, rec->len * sizeof(sv_pair));
			memcpy(view.u.pairs, rec->u.pairs, rec->len * sizeof(sv_pair));
			view.cap = rec->len;
			copied = 1;
		}
		view.u.pairs[i].val = nv;
	}
	return view;
}

static sv tag_name(const struct tag_node *t)
{
	return t->name ? sv_str_static(t->name) : sv_str_ref(t->id, t->idlen);
}

static void tag_record(scrm_run *run, sv *rec, void *state)
{
	struct worker *w = state;
	const struct tagger *t = w->t;
	arena *a = scrm_arena(run);
	sv view, tags = sv_arr(), names = sv_arr();
	size_t n;

	w->ctx.a = a;
	view = rule_view(w, a, rec);
	n = rules_eval(&t->rules, &view, &w->ctx, w->hits);
	if (n)
		w->tagged++;
	else
		w->untagged++;
	for (size_t i = 0; i < n; i++)
		w->count[w->hits[i]]++;

	if (t->o.tag_table) {
		const sv *uid = rec->type == SV_OBJ ? sv_path(rec, t->o.uid_field) : NULL;
		for (size_t i = 0; i < n; i++) {
			const struct tag_node *nd = &t->rules.nodes[w->hits[i]];
			sv row = sv_obj();
			sv_append(a, &row, t->o.uid_field, uid ? *uid : sv_null());
			sv_append(a, &row, "tag", sv_str_ref(nd->id, nd->idlen));
			if (t->o.names)
				sv_append(a, &row, "name", tag_name(nd));
			scrm_emit(run, &row);
		}
		return;
	}
	tags.u.items = arena_alloc(a, (n ? n : 1) * sizeof(sv));
	tags.cap = (uint32_t)(n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		const struct tag_node *nd = &t->rules.nodes[w->hits[i]];
		tags.u.items[i] = sv_str_ref(nd->id, nd->idlen);
	}
	tags.len = (uint32_t)n;
	if (rec->type != SV_OBJ)
		*rec = sv_obj();
	sv_set(a, rec, "tags", tags);
	if (t->o.names) {
		for (size_t i = 0; i < n; i++)
			sv_arr_push(a, &names, tag_name(&t->rules.nodes[w->hits[i]]));
		sv_set(a, rec, "tag_names", names);
	}
	scrm_emit(run, rec);
}

static void tag_stats(strbuf *json, void *ud)
{
	const struct tagger *t = ud;
	int first = 1;
	sb_addf(json, ",\"tagged\":%llu,\"untagged\":%llu", (unsigned long long)t->tagged,
		(unsigned long long)t->untagged);
	if (t->decoded)
		sb_addf(json, ",\"json_cells\":%llu", (unsigned long long)t->decoded);
	if (t->cat)
		sb_addf(json, ",\"catalog\":{\"skus\":%zu,\"products\":%llu,\"matched\":%llu,"
			"\"unknown_skus\":%llu}", catalog_size(t->cat),
			(unsigned long long)t->cc.products, (unsigned long long)t->cc.matched,
			(unsigned long long)t->cc.unknown);
	sb_adds(json, ",\"tags\":{");
	for (size_t r = 0; r < t->rules.n; r++) {
		int i = t->rules.by_rank[r];
		const struct tag_node *nd = &t->rules.nodes[i];
		if (!nd->when)
			continue;
		if (!first)
			sb_addc(json, ',');
		first = 0;
		json_write_string(json, nd->id, nd->idlen);
		sb_addf(json, ":%llu", (unsigned long long)t->count[i]);
	}
	sb_addc(json, '}');
}

static struct tagger tagger;

static void free_all(void *arg)
{
	struct tagger *t = arg;
	rules_free(&t->rules);
	catalog_free(t->cat);
	free(t->count);
	free(t->o.rules);
}

static const struct scrm_record_ops ops = {
	worker_init, tag_record, worker_finish, NULL,
};

int main(int argc, char **argv)
{
	struct scrm_common opt;
	struct scrm_run_opts ro = { 0 };
	static const char *table_cols[4];
	struct tagger *t = &tagger;
	scrm_run *run;

	scrm_set_progname(argv[0]);
	scrm_install_signal_handlers();
	t->o.today = -1000000;
	t->o.uid_field = "uid";
	rules_init(&t->rules);
	scrm_atexit(free_all, t);
	scrm_parse_options(&tool, argc, argv, &opt, &t->o);
	if (t->o.today == -1000000)
		t->o.today = scrm_today();
	if (t->o.nrules == 0)
		rules_load(&t->rules, "default");
	for (size_t i = 0; i < t->o.nrules; i++)
		rules_load(&t->rules, t->o.rules[i]);
	rules_finish(&t->rules);
	t->count = xcalloc(t->rules.n + 1, sizeof(uint64_t));
	if (t->o.catalog)
		t->cat = catalog_load(t->o.catalog);
	if (t->o.tag_table) {
		table_cols[0] = t->o.uid_field;
		table_cols[1] = "tag";
		table_cols[2] = t->o.names ? "name" : NULL;
		ro.columns = table_cols;
	}
	ro.typed = 1;
	ro.stats_extra = tag_stats;
	ro.stats_ud = t;
	run = scrm_run_open(&tool, &opt, &ro);
	scrm_run_stream(run, &ops, t);
	scrm_run_finish(run);
}
