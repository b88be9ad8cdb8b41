/*
 * Loading, validating and evaluating the tag tree (rules.h).
 */
#include "rules.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "error.h"
#include "util.h"
#include "banned.h"

void rules_init(struct tag_rules *r)
{
	memset(r, 0, sizeof(*r));
}

void rules_free(struct tag_rules *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct tag_node *t = &r->nodes[i];
		free(t->id);
		free(t->name);
		free(t->when_src);
		expr_free(t->when);
		free(t->kids);
	}
	free(r->nodes);
	free(r->roots);
	free(r->slots);
	free(r->by_rank);
	memset(r, 0, sizeof(*r));
}

static int find(const struct tag_rules *r, const char *id, size_t len)
{
	if (!r->nslots)
		return -1;
	size_t mask = r->nslots - 1, i = hash64(id, len, 0) & mask;
	for (; r->slots[i]; i = (i + 1) & mask) {
		const struct tag_node *t = &r->nodes[r->slots[i] - 1];
		if (t->idlen == len && memcmp(t->id, id, len) == 0)
			return r->slots[i] - 1;
	}
	return -1;
}

static void index_node(struct tag_rules *r, int idx)
{
	if ((r->n + 1) * 2 > r->nslots) {
		size_t ns = r->nslots ? r->nslots * 2 : 256;
		free(r->slots);
		r->slots = xcalloc(ns, sizeof(int));
		r->nslots = ns;
		for (size_t k = 0; k < r->n; k++)
			if ((int)k != idx)
				index_node(r, (int)k);
	}
	size_t mask = r->nslots - 1;
	const struct tag_node *t = &r->nodes[idx];
	size_t i = hash64(t->id, t->idlen, 0) & mask;
	while (r->slots[i])
		i = (i + 1) & mask;
	r->slots[i] = idx + 1;
}

/* The node of id (len bytes), created with its missing ancestors as implicit groups. */
static int get_node(struct tag_rules *r, const char *id, size_t len)
{
	int idx = find(r, id, len), parent = -1;
	if (idx >= 0)
		return idx;
	for (size_t k = len; k-- > 0;)
		if (id[k] == '/') {
			parent = get_node(r, id, k);
			break;
		}
	GROW(r->nodes, r->cap, r->n + 1);
	idx = (int)r->n;
	struct tag_node *t = &r->nodes[idx];
	memset(t, 0, sizeof(*t));
	t->id = xstrndup(id, len);
	t->idlen = len;
	t->parent = parent;
	t->decl_load = -1;
	index_node(r, idx);
	r->n++;
	if (parent >= 0) {
		struct tag_node *p = &r->nodes[parent];
		GROW(p->kids, p->kids_cap, p->nkids + 1);
		p->kids[p->nkids++] = idx;
	} else {
		GROW(r->roots, r->roots_cap, r->nroots + 1);
		r->roots[r->nroots++] = idx;
	}
	return idx;
}

static void __attribute__((noreturn))
bad_node(const char *file, const char *id, size_t pos, const char *msg)
{
	if (id)
		scrm_die(SCRM_EXIT_USAGE, "%s: node \"%s\": %s", file, id, msg);
	scrm_die(SCRM_EXIT_USAGE, "%s: tags[%zu]: %s", file, pos, msg);
}

static const char *id_problem(const char *id)
{
	size_t n = strlen(id);
	if (n == 0)
		return "the id is empty";
	if (id[0] == '/' || id[n - 1] == '/' || strstr(id, "//"))
		return "the id has an empty path component";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)id[i] < 0x20)
			return "the id holds a control character";
	return NULL;
}

static void load_node(struct tag_rules *r, const char *file, size_t pos, json_t *o)
{
	const char *key, *id = NULL;
	json_t *v;
	char msg[200];

	if (!json_is_object(o))
		bad_node(file, NULL, pos, "a node must be a JSON object");
	v = json_object_get(o, "id");
	if (!v)
		bad_node(file, NULL, pos, "missing id");
	if (!json_is_string(v))
		bad_node(file, NULL, pos, "the id must be a string");
	id = json_string_value(v);
	if (id_problem(id))
		bad_node(file, id_problem(id) && *id ? id : NULL, pos, id_problem(id));
	if ((key = conf_unknown_key(o, " id name when exclusive description ")) != NULL) {
		snprintf(msg, sizeof(msg), "unknown key '%s' (expected id, name, when, "
			 "exclusive or description)", key);
		bad_node(file, id, pos, msg);
	}
	json_t *name = json_object_get(o, "name"), *when = json_object_get(o, "when");
	json_t *excl = json_object_get(o, "exclusive"), *desc = json_object_get(o, "description");
	if (name && !json_is_string(name))
		bad_node(file, id, pos, "name must be a string");
	if (when && !json_is_string(when))
		bad_node(file, id, pos, "when must be a string (an expression)");
	if (excl && !json_is_boolean(excl))
		bad_node(file, id, pos, "exclusive must be true or false");
	if (desc && !json_is_string(desc))
		bad_node(file, id, pos, "description must be a string");

	int idx = get_node(r, id, strlen(id));
	struct tag_node *t = &r->nodes[idx];
	if (t->decl_load == r->loads)
		bad_node(file, id, pos, "duplicate id");
	t->decl_load = r->loads;
	free(t->name);
	free(t->when_src);
	expr_free(t->when);
	t->name = name ? xstrdup(json_string_value(name)) : NULL;
	t->when_src = NULL;
	t->when = NULL;
	t->exclusive = excl ? json_is_true(excl) : 0;
	if (when) {
		struct expr_error err;
		const char *src = json_string_value(when);
		t->when_src = xstrdup(src);
		t->when = expr_compile(src, &err);
		if (!t->when) {
			snprintf(msg, sizeof(msg), "%s: node \"%s\"", file, id);
			expr_print_error(msg, src, &err);
			scrm_exit(SCRM_EXIT_USAGE);
		}
	}
}

static void load_root(struct tag_rules *r, const char *file, json_t *root)
{
	const char *key;
	json_t *tags;
	if (!json_is_object(root))
		scrm_die(SCRM_EXIT_USAGE, "%s: the rules must be a JSON object with a \"tags\" array",
			 file);
	if ((key = conf_unknown_key(root, " tags description ")) != NULL)
		scrm_die(SCRM_EXIT_USAGE, "%s: unknown key '%s' (expected tags or description)",
			 file, key);
	tags = json_object_get(root, "tags");
	if (!json_is_array(tags))
		scrm_die(SCRM_EXIT_USAGE, "%s: \"tags\" must be an array of nodes", file);
	for (size_t i = 0; i < json_array_size(tags); i++)
		load_node(r, file, i, json_array_get(tags, i));
	r->loads++;
	json_decref(root);
}

void rules_load_text(struct tag_rules *r, const char *name, const char *text, size_t len)
{
	load_root(r, name, conf_load_text(name, text, len));
}

void rules_load(struct tag_rules *r, const char *path)
{
	if (strcmp(path, "default") == 0)
		rules_load_text(r, "default", scrm_default_tags_json, strlen(scrm_default_tags_json));
	else
		load_root(r, path, conf_load(path));
}

static const struct tag_rules *sort_rules;

static int by_id(const void *a, const void *b)
{
	const struct tag_node *x = &sort_rules->nodes[*(const int *)a];
	const struct tag_node *y = &sort_rules->nodes[*(const int *)b];
	return strcmp(x->id, y->id);
}

void rules_finish(struct tag_rules *r)
{
	free(r->by_rank);
	r->by_rank = xmalloc((r->n + 1) * sizeof(int));
	for (size_t i = 0; i < r->n; i++)
		r->by_rank[i] = (int)i;
	sort_rules = r;
	qsort(r->by_rank, r->n, sizeof(int), by_id);
	for (size_t i = 0; i < r->n; i++)
		r->nodes[r->by_rank[i]].rank = (int)i;
}

size_t rules_count_tags(const struct tag_rules *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += r->nodes[i].when != NULL;
	return n;
}

struct eval_state {
	const struct tag_rules *r;
	const sv *rec;
	struct expr_ctx *ctx;
	int *out;
	size_t n;
};

/* 1 if the node is tagged or (a group) something below it is. */
static int eval_node(struct eval_state *s, int idx)
{
	const struct tag_node *t = &s->r->nodes[idx];
	int got = 0;
	if (t->when) {
		if (!expr_test(t->when, s->rec, s->ctx))
			return 0;
		s->out[s->n++] = t->rank;
		got = 1;
	}
	for (size_t i = 0; i < t->nkids; i++) {
		if (eval_node(s, t->kids[i])) {
			got = 1;
			if (t->exclusive)
				break;
		}
	}
	return got;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

size_t rules_eval(const struct tag_rules *r, const sv *rec, struct expr_ctx *ctx, int *out)
{
	struct eval_state s = { r, rec, ctx, out, 0 };
	for (size_t i = 0; i < r->nroots; i++)
		eval_node(&s, r->roots[i]);
	if (s.n > 1)
		qsort(out, s.n, sizeof(int), cmp_int);
	for (size_t i = 0; i < s.n; i++)
		out[i] = r->by_rank[out[i]];
	return s.n;
}
