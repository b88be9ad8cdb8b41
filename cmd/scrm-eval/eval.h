#ifndef SCRM_EVAL_H
#define SCRM_EVAL_H
/*
 * Scoring a clustering against the truth. Each record brings its true
 * cluster label, its predicted one and, for record linkage across
 * datasets, the side it comes from. Only the contingency table is kept:
 * counts per (truth, pred) cell, and per (truth, pred, side) cell and its
 * margins when pairs are restricted across sides. Every metric follows
 * from these counts in O(cells), so no pair of records is ever visited and
 * memory grows with the number of distinct cells, at most the records.
 */
#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "value.h"

#define EVAL_NONE UINT32_MAX

/* Label text to dense ids 0, 1, 2... in first-seen order. */
struct eval_intern;

struct eval_intern *eval_intern_new(void);
void eval_intern_free(struct eval_intern *in);
uint32_t eval_intern(struct eval_intern *in, const char *s, size_t n);
/* The id of s, or EVAL_NONE when it was never interned. */
uint32_t eval_intern_find(const struct eval_intern *in, const char *s, size_t n);
/* A new id with no text: equal to no other (a record's own cluster). */
uint32_t eval_intern_fresh(struct eval_intern *in);
uint32_t eval_intern_count(const struct eval_intern *in);
/* The text of an id (NULL for a fresh one); valid until the next intern. */
const char *eval_intern_text(const struct eval_intern *in, uint32_t id, size_t *n);

/*
 * The text a value is compared by: a string as it is, a number as it was
 * written (so 7 and "7" are one label, 7 and 7.0 two), true or false, an
 * array or object as JSON. 0 when there is no label: absent, null, "", []
 * or {}. scratch holds the text when it has to be built.
 */
int eval_label(const sv *v, strbuf *scratch, const char **s, size_t *n);

/*
 * A join key: the labels of fields (dotted paths) of rec, each with its
 * length in front so that no choice of values can collide. 0 when one of
 * them has no label.
 */
int eval_key(const sv *rec, char *const *fields, size_t nfields, strbuf *key,
	     strbuf *scratch);

struct eval;

/* cross: count only pairs of records from different sides. */
struct eval *eval_new(int cross);
void eval_free(struct eval *e);

/*
 * Adds a record. pred NULL: it has no prediction and is a cluster of its
 * own. side is ignored unless cross. Cells count in 32 bits: more than
 * 2^32 - 2 records or distinct ids stop the run (exit 1).
 */
void eval_add(struct eval *e, const char *truth, size_t tn, const char *pred, size_t pn,
	      const char *side, size_t sn);

struct eval_result {
	uint64_t records;
	uint64_t truth_clusters, pred_clusters;
	/* pairs (across sides with cross) in one truth or predicted cluster */
	uint64_t truth_pairs, pred_pairs;
	uint64_t tp, fp, fn;
	/* NaN when undefined (a denominator of 0) */
	double pair_precision, pair_recall, pair_f1;
	double bcubed_precision, bcubed_recall, bcubed_f1;
};

void eval_compute(const struct eval *e, struct eval_result *r);

/* n choose 2 without overflowing for any n below 2^32. */
uint64_t eval_pairs(uint64_t n);

#endif
