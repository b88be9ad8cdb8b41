#ifndef SCRM_MATCH_H
#define SCRM_MATCH_H
/*
 * scrm-match's working set: every record held as compact features
 * (interned value ids, 64-bit blocking keys), its text spilled to a
 * temporary file for the output. Memory grows with records, never with
 * candidate pairs: pairs are generated block by block and only accepted
 * links are kept.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "intern.h"
#include "model.h"
#include "options.h"
#include "run.h"
#include "value.h"

#define NO_DATE INT32_MIN

struct records {
	size_t n, cap;
	const struct model *model;
	/* the records' text (NDJSON, without uid and hid), in a temporary file */
	FILE *spill;
	uint64_t *off;
	uint32_t *len;
	char *map;		/* the spill file mapped, once everything is read */
	size_t map_len;
	/* what identifies a record: "src/rid" */
	intern *keys;
	uint32_t *key;
	/* comparison values: n x ncmp value ids (0: missing) */
	uint32_t *cmpv;
	/* deterministic ids: record i has det_val[det_off[i] .. det_off[i+1]) */
	uint32_t *det_off;
	struct det_value {
		uint16_t det;
		uint32_t value;
	} *det_val;
	size_t ndet_val, det_cap;
	uint8_t **shared;	/* per id type: value -> SHARED_* */
	/* blocking keys: n x nrules (0: no key) */
	uint64_t *bkey;
	/* roles used by the vetoes, the household and the survivorship */
	intern *names, *genders, *births, *idcards, *houses, *sources;
	uint32_t *name, *gender, *birth, *idcard, *house, *source;
	intern *compounds;	/* district|community, district|@road */
	uint32_t *comm, *road;	/* a flat's compound by its community, by its road (0: none) */
	uint32_t *room;		/* district|building|unit|room of a flat (an id in houses),
				 * 0 if none; ROOM_ONLY: the record names no compound */
	uint8_t *flat;		/* house is a flat (building and room), not a bare address */
	int house_cmp;		/* the comparison of "_household", -1 if none */
	int32_t *date;		/* days since 1970-01-01, NO_DATE */
	uint8_t *dataset;	/* --link: 0 for A, 1 for B */
	uint8_t *old;		/* --incremental: read from the state, already clustered */
	uint32_t *old_uid;	/* its uid in the state (an id in the run's uids) */
	int incremental;
};

#define ROOM_ONLY 0x80000000u

/* How many people an identifier value seems to belong to. */
enum { SHARED_NO = 0, SHARED_FAMILY = 1, SHARED_CROWD = 2 };

/* ---- load.c ---- */
/* The current record comes from the first file named (dataset A of --link, --clk, --intersect). */
int from_first_file(const scrm_run *run, const struct scrm_common *opt);
void records_init(struct records *r, const struct model *m);
void records_free(struct records *r);
/* Adds one record (which keeps its memory only for the call). */
void records_add(struct records *r, const sv *rec, uint8_t dataset);
/* Marks the last record added as one of the state's, with its uid. */
void records_mark_old(struct records *r, uint32_t uid);
/* After the last record: fan-out guards, the spill file mapped. */
void records_finish(struct records *r);
/* Records a and b name one home (by its community or by its road). */
int same_home(const struct records *r, size_t a, size_t b);
/*
 * One of a and b names its flat without the community or road, and the
 * rest agrees: building 25, room 1102 of 城阳区 on both sides.
 */
int same_room(const struct records *r, size_t a, size_t b);
/* The record's text (not NUL-terminated), valid after records_finish(). */
const char *records_text(const struct records *r, size_t i, size_t *len);

/* ---- pairs.c ---- */
#define LEVEL_MISSING 15	/* either side has no value: no evidence */
/* Could two names (ids in names) be one person's? */
int names_compatible(const intern *names, uint32_t a, uint32_t b);
/* The level at which two values of a comparison agree. */
int compare_values(const struct comparison *c, uint32_t va, uint32_t vb);
/* The level at which records a and b agree on comparison c. */
int pair_level(const struct records *r, int c, uint32_t a, uint32_t b);

struct link {
	uint32_t a, b;
	float weight;		/* total match weight (log2 Bayes factor) */
	uint8_t det;		/* 0, or 1 + the deterministic id type that linked them */
};

struct pair_stats {
	uint64_t candidates;	/* pairs compared */
	uint64_t deterministic;	/* pairs linked by an identifier */
	uint64_t probabilistic;	/* pairs linked by their match probability */
	uint64_t vetoed;	/* sharing an identifier, but clearly two people */
	uint64_t skipped_blocks, skipped_records;
	uint64_t em_pairs;
	uint64_t written;	/* --pairs lines */
	double candidate_prior;	/* share of matches among candidates (EM) */
	int em_iterations;
	double seconds;
	double u_seconds, em_seconds, score_seconds;
};

struct writer;
struct pair_opts {
	int link_mode;		/* only pairs across the two datasets */
	struct writer *pairs_out;	/* --pairs: every scored pair as NDJSON */
	int threads;
};

struct scorer;
#define PAIR_CERTAIN 64.0f	/* the weight of a pair sharing an identifier */

/*
 * Estimates u (random pairs), m and the prior (EM), then scores every
 * candidate pair; the accepted ones are the links. *scorer keeps the
 * weights for pair_weight() (scorer_release() it).
 */
void find_links(struct records *r, struct model *m, const struct pair_opts *o,
		struct link **links, size_t *nlinks, struct pair_stats *st, struct scorer **scorer);
/* A comparison pattern (4 bits per comparison: its level) and how many pairs show it. */
struct pattern {
	uint64_t levels;
	double count;
};
/*
 * EM with u fixed: m per level and m->prior, the share of matches among
 * the pairs counted (patterns with a zero count are skipped); returns the
 * iterations run.
 */
int em_fit(struct model *m, const struct pattern *p, size_t n);
/* The evidence of a pair (its weight without the prior); *informative = 0 if no field compared. */
float pair_weight(const struct scorer *s, uint32_t a, uint32_t b, int *informative);
float scorer_prior(const struct scorer *s);
float scorer_threshold(const struct scorer *s);
void scorer_release(struct scorer *s);

/* ---- cluster.c ---- */
struct cluster_stats {
	uint64_t clusters, refused_idcard, refused_size, refused_dataset, largest;
	uint64_t checked, resplit, unchecked;	/* clusters checked, split again, too big */
};
/*
 * Union-find over the links, strongest first, never joining two different
 * id cards (nor, with one_to_one, two records of one dataset); a cluster
 * only grows past max_cluster through an id card. cluster[i] gets the
 * smallest record index of record i's cluster.
 */
void cluster_links(const struct records *r, struct link *links, size_t n, int max_cluster,
		   int one_to_one, uint32_t *cluster, struct cluster_stats *st);

/*
 * A full run with --state: links between records the state put in one
 * person, where their evidence is for it (added to the links, weakest).
 */
void sticky_links(const struct records *r, const struct scorer *s, struct link **links, size_t *n);

/*
 * Checks every cluster of three records or more: when some pair in it has
 * evidence against (its comparisons' weights sum below 0), it is built
 * again from its records by average linkage: two parts join while the
 * prior plus the mean evidence of the pairs across them that compared
 * anything reaches cluster_weight (the log-odds of cluster_threshold).
 */
void refine_clusters(const struct records *r, const struct scorer *s, float cluster_weight,
		     uint32_t *cluster, struct cluster_stats *st);

/* ---- ids.c ---- */
struct state_entry;
/* What to do with a state file's header and entries (an error message, or NULL). */
struct state_reader {
	void (*header)(uint32_t runs, const sv *model, void *ud);
	const char *(*entry)(const struct state_entry *e, void *ud);
};
/* Reads a state file; exits 1 with the file and line named on bad content. */
void state_read(const char *path, const struct state_reader *rd, void *ud);
struct id_stats {
	uint64_t kept, created, merged, split;
};
/*
 * Person ids for the clusters: stable from run to run through a state
 * file (rid -> uid; when clusters merge the oldest uid survives), or, with
 * no state, derived from the cluster's first record key. uid[i] is an
 * intern id in uids.
 */
void assign_uids(const struct records *r, const uint32_t *cluster, const char *state_in,
		 intern *uids, uint32_t *uid, struct id_stats *st, uint32_t **born,
		 uint32_t *run);
/* A full run with --state: each record's uid in the state (old_uid). */
void state_uids(struct records *r, const char *path, intern *uids);
/*
 * The state for the next run, NDJSON (gzip when the name ends in .gz): a
 * header with the run count and the estimated model, then per record its
 * key, uid, the run that created the uid, and the record itself (for
 * --incremental).
 */
void write_state(const struct records *r, const struct model *m, const intern *uids,
		 const uint32_t *uid, const uint32_t *born, uint32_t run, const char *path);

struct json_parser;
struct state_entry {
	const char *key, *uid;
	size_t key_len, uid_len;
	uint32_t born;
	const sv *record;
};
int state_header(struct json_parser *jp, arena *a, const char *line, size_t len, uint32_t *runs,
		 const sv **model);
int state_line(struct json_parser *jp, arena *a, const char *line, size_t len,
	       struct state_entry *e);
/* Household ids: the address of each person's most recent record with one. */
void assign_hids(const struct records *r, const uint32_t *cluster, intern *hids, uint32_t *hid);

/* ---- psi.c: --intersect A B (private set intersection, last step) ---- */
void match_intersect(const struct scrm_tool *tool, const struct scrm_common *opt)
	__attribute__((noreturn));
/* ---- clk.c: --clk A B (Dice coefficient of CLK Bloom filters) ---- */
void match_clk(const struct scrm_tool *tool, const struct scrm_common *opt, double threshold)
	__attribute__((noreturn));

#endif
