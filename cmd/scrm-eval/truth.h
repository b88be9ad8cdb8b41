#ifndef SCRM_EVAL_TRUTH_H
#define SCRM_EVAL_TRUTH_H
/*
 * A truth file (CSV, TSV or NDJSON, gzip or not): key fields and the true
 * cluster of each key, such as scrm-gen's truth.csv (src, rid, person,
 * household). It is loaded whole, one interned key and label per row, and
 * records are joined to it by the same key fields.
 */
#include <stddef.h>
#include <stdint.h>

#include "reader.h"
#include "value.h"

struct eval_truth;

/*
 * Loads path. A malformed row, a row without a key field, a CSV header
 * without a key or truth column and a key given two different truths
 * stop the run (exit 1, with the file and line). A row with an empty
 * truth leaves its records without truth.
 */
struct eval_truth *eval_truth_load(const char *path, char *const *keys, size_t nkeys,
				   const char *field);
void eval_truth_free(struct eval_truth *t);

enum eval_truth_status {
	TRUTH_FOUND,
	TRUTH_EMPTY,		/* the key is in the file, without a truth */
	TRUTH_NO_KEY,		/* rec has no value for a key field */
	TRUTH_KEY_UNKNOWN,	/* the key is not in the file */
};

/* The truth of rec's key (text valid until the next lookup). */
enum eval_truth_status eval_truth_lookup(struct eval_truth *t, const sv *rec,
					 const char **s, size_t *n);
uint64_t eval_truth_keys(const struct eval_truth *t);	/* distinct keys in the file */

/*
 * For a CSV or TSV input whose header has been read: stops the run (exit
 * 1) when no column is named field. what names the option ("--truth").
 * The other columns are not listed: a file without a header would show
 * its first row.
 */
void eval_require_column(const reader *r, const char *field, const char *what);

#endif
