#include "truth.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "eval.h"
#include "util.h"
#include "banned.h"

struct eval_truth {
	struct eval_intern *keys;
	struct eval_intern *labels;
	uint32_t *label_of;	/* by key id: label id, or EVAL_NONE */
	size_t label_cap;
	char *const *fields;
	size_t nfields;
	strbuf key, scratch;
};

/* What a load holds, given back if a bad row ends the run. */
struct loading {
	struct eval_truth *t;
	reader *rd;
	arena *a;
};

void eval_truth_free(struct eval_truth *t)
{
	if (!t)
		return;
	eval_intern_free(t->keys);
	eval_intern_free(t->labels);
	free(t->label_of);
	sb_release(&t->key);
	sb_release(&t->scratch);
	free(t);
}

static void free_loading(void *arg)
{
	struct loading *l = arg;
	rd_close(l->rd);
	arena_free(l->a);
	eval_truth_free(l->t);
}

void eval_require_column(const reader *r, const char *field, const char *what)
{
	size_t n;
	const char *const *cols;
	if (rd_format(r) == FMT_NDJSON)
		return;
	cols = rd_columns(r, &n);
	if (!cols || !n)
		return;	/* an empty file: no header, no records */
	for (size_t i = 0; i < n; i++)
		if (strcmp(cols[i], field) == 0)
			return;
	scrm_die_at(SCRM_EXIT_DATA, rd_name(r), 1, "no column '%s' (%s)", field, what);
}

static void require_columns(const struct loading *l, const char *field)
{
	for (size_t i = 0; i < l->t->nfields; i++)
		eval_require_column(l->rd, l->t->fields[i], "--key");
	eval_require_column(l->rd, field, "--truth");
}

/* The key fields of a row that has none or an empty one, for the message. */
static const char *missing_key(const struct eval_truth *t, const sv *rec)
{
	const char *s;
	size_t n;
	strbuf scratch = STRBUF_INIT;
	const char *name = t->fields[0];
	for (size_t i = 0; i < t->nfields; i++)
		if (!eval_label(sv_path(rec, t->fields[i]), &scratch, &s, &n)) {
			name = t->fields[i];
			break;
		}
	sb_release(&scratch);
	return name;
}

static void add_row(struct loading *l, const sv *rec, const char *field)
{
	struct eval_truth *t = l->t;
	const char *s;
	size_t n;
	uint32_t key, known = eval_intern_count(t->keys), label = EVAL_NONE;
	if (!eval_key(rec, t->fields, t->nfields, &t->key, &t->scratch))
		scrm_die_at(SCRM_EXIT_DATA, rd_name(l->rd), rd_line(l->rd),
			    "no value for the key field '%s'", missing_key(t, rec));
	if (eval_label(sv_path(rec, field), &t->scratch, &s, &n))
		label = eval_intern(t->labels, s, n);
	key = eval_intern(t->keys, t->key.buf, t->key.len);
	if (key < known) {
		/* a repeated row is harmless; a contradicting one is not */
		if (t->label_of[key] != label)
			scrm_die_at(SCRM_EXIT_DATA, rd_name(l->rd), rd_line(l->rd),
				    "a key seen before with a different truth");
		return;
	}
	GROW(t->label_of, t->label_cap, (size_t)key + 1);
	t->label_of[key] = label;
}

struct eval_truth *eval_truth_load(const char *path, char *const *keys, size_t nkeys,
				   const char *field)
{
	struct rd_opts ro = { FMT_AUTO, 1, 0, 0 };
	struct loading l;
	int checked = 0;
	sv rec;

	l.t = xcalloc(1, sizeof(*l.t));
	l.t->keys = eval_intern_new();
	l.t->labels = eval_intern_new();
	l.t->fields = keys;
	l.t->nfields = nkeys;
	l.a = arena_new();
	l.rd = NULL;
	scrm_atexit(free_loading, &l);
	l.rd = rd_open(path, &ro);
	for (;;) {
		enum rd_status st = rd_next(l.rd, l.a, &rec);
		if (!checked) {
			require_columns(&l, field);
			checked = 1;
		}
		if (st == RD_EOF)
			break;
		if (st == RD_BAD)
			scrm_die_at(SCRM_EXIT_DATA, rd_name(l.rd), rd_line(l.rd), "%s",
				    rd_error(l.rd));
		add_row(&l, &rec, field);
		arena_reset(l.a);
	}
	scrm_atexit_remove(free_loading, &l);
	rd_close(l.rd);
	arena_free(l.a);
	return l.t;
}

enum eval_truth_status eval_truth_lookup(struct eval_truth *t, const sv *rec,
					 const char **s, size_t *n)
{
	uint32_t key, label;
	if (!eval_key(rec, t->fields, t->nfields, &t->key, &t->scratch))
		return TRUTH_NO_KEY;
	key = eval_intern_find(t->keys, t->key.buf, t->key.len);
	if (key == EVAL_NONE)
		return TRUTH_KEY_UNKNOWN;
	label = t->label_of[key];
	if (label == EVAL_NONE)
		return TRUTH_EMPTY;
	*s = eval_intern_text(t->labels, label, n);
	return TRUTH_FOUND;
}

uint64_t eval_truth_keys(const struct eval_truth *t)
{
	return eval_intern_count(t->keys);
}
