#ifndef SCRM_SCORE_H
#define SCRM_SCORE_H
/*
 * scrm-score: the model file (models.c), per-record scoring (score.c),
 * the RFM fitting pass and logistic training (fit.c).
 */
#include <jansson.h>
#include <stdint.h>

#include "expr.h"
#include "util.h"
#include "value.h"
#include "writer.h"

enum model_type {
	M_POINTS, M_REPLACEMENT, M_CROSS, M_SET, M_RFM, M_ACTIVITY, M_LOGISTIC
};

/* A points rule (when, points) or a logistic feature (expression, weight). */
struct term {
	char *text;
	expr *e;
	double w;
};

/* An RFM cut point: the last (value, uid) of an NTILE bucket. */
struct cut {
	double key;	/* recency: -days, so that larger is better everywhere */
	char *uid;
};

enum { RFM_R, RFM_F, RFM_M };

struct model {
	char *name;
	int type;
	json_t *j;		/* the model's object in the file (for --fit) */
	double base;		/* points: base; logistic: intercept */
	struct term *terms;
	size_t nterms;
	/* replacement */
	char *category;
	double life, steepness, service_points, service_max, fault_points;
	/* cross_purchase (owns, lacks) and set_purchase (owns = the set) */
	char **owns, **lacks;
	size_t nowns, nlacks;
	double half_life;	/* cross_purchase: years (0: none); activity: days */
	/* activity */
	char **events;
	double *event_w;
	size_t nevents;
	double scale;
	/* rfm */
	char *rfm_src[3];
	expr *rfm_e[3];
	char *rfm_field;	/* the object r, f, m, segment go to (default "rfm") */
	int fitted;
	struct cut cuts[3][4];
	/* logistic */
	double l2;
};

struct models {
	struct model *m;
	size_t n;
	json_t *root;
	char *path;		/* file name for messages */
};

/* Loads a model file (NULL: the built-in default); exit 2 on any error. */
void models_load(struct models *ms, const char *path);
/* No models (--train without --model). */
void models_empty(struct models *ms);
void models_free(struct models *ms);
/* Keeps only the models named in a comma-separated list (exit 2 on unknown). */
void models_select(struct models *ms, const char *names);
/* Writes the file's JSON (as updated by --fit or --train) to path atomically, or to w. */
void models_write(const struct models *ms, const char *path, writer *w);

extern const char scrm_default_models_json[];

/* Scores: rounded to one decimal, clamped to 0..100. */
double score_round(double v);

/* Per-model sums for --stats, in tenths (exact, so thread counts agree). */
struct score_acc {
	uint64_t *tenths;
	uint64_t *nonzero;
	uint64_t records;
};

/*
 * Adds score.<name> for every model (and rfm fields, and with explain,
 * score_explain.<name>) to rec.
 */
void score_record(const struct models *ms, sv *rec, struct expr_ctx *ctx, int explain,
		  struct score_acc *acc);

/* RFM inputs of one record: 0 when it has no purchase (recency null). */
int rfm_values(const struct model *m, const sv *rec, struct expr_ctx *ctx, double v[3]);
/* The NTILE bucket (1..5) of (key, uid) under fitted cuts. */
int rfm_bucket(const struct cut *cuts, double key, const char *uid);
const char *rfm_segment(int r, int f);

/* A feature's value: numbers, numeric strings, true = 1, false = 0; else 0 with *ok = 0. */
double score_feature(const sv *v, int *ok);

/* Days since 1970-01-01 of a date string; 0 when it is not a date. */
int score_days(const sv *v, long *days);

/* fit.c */
struct rfm_fit;
struct rfm_fit *rfm_fit_new(const struct models *ms, const char *path);
void rfm_fit_record(struct rfm_fit *f, const sv *rec, struct expr_ctx *ctx);
/* Computes the cut points and stores them in the models and their JSON. */
void rfm_fit_finish(struct rfm_fit *f, struct models *ms, const char *as_of);

struct train_opts {
	const char *label, *features, *name;
	double l2, holdout;
	uint64_t seed;
};
struct trainer;
struct trainer *trainer_new(const struct train_opts *o);
void trainer_record(struct trainer *t, const sv *rec, struct expr_ctx *ctx);
/* Fits, reports on stderr, adds the model to ms (replacing one of the same name). */
void trainer_finish(struct trainer *t, struct models *ms);
void trainer_stats(strbuf *json, const struct trainer *t);

#endif
