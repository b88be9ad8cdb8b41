#ifndef SCRM_MATCH_MODEL_H
#define SCRM_MATCH_MODEL_H
/*
 * The match model: which fields identify a person outright (deterministic
 * ids, with their fan-out guards), which are compared (Fellegi-Sunter
 * comparisons and their levels), how candidate pairs are found (blocking
 * rules), and the decision settings. Read from a JSON file (--model), or
 * the built-in model for scrm-clean's canonical records.
 */
#include <stddef.h>
#include <stdint.h>

#include "intern.h"

#define MAX_LEVELS 6
#define MAX_COMPARISONS 16
#define MAX_KEY_PARTS 4

enum cmp_type {
	CMP_EXACT,	/* exact, else */
	CMP_NAME,	/* exact, Jaro-Winkler bands, else (names: CJK or Latin) */
	CMP_STRING,	/* exact, Jaro-Winkler bands, else */
	CMP_EDIT,	/* exact, edit distance 1, 2, else (codes, numbers, ids) */
	CMP_DATE,	/* exact, one typo or day/month swapped, same year-month, same year, else */
	CMP_ADDRESS,	/* exact, bigram similarity bands, else */
	CMP_EMAIL,	/* exact, same user name, edit distance 1-2, else */
	CMP_PHONE,	/* exact, the same number with another extension, else */
};

struct comparison {
	char *name;		/* label (also the key in --pairs output) */
	char *fields[4];	/* record fields; several are joined with a space */
	int nfields;
	enum cmp_type type;
	int tf;			/* term-frequency adjustment of an exact agreement */
	double bands[MAX_LEVELS];	/* similarity bands for the fuzzy levels */
	int nlevels;		/* levels, the last one is "else" */
	const char *level_names[MAX_LEVELS];
	double m[MAX_LEVELS], u[MAX_LEVELS];
	intern *values;		/* distinct values (and their frequencies) */
};

enum key_fn {
	KEY_VALUE,	/* the value as it is */
	KEY_PREFIX,	/* the first arg code points */
	KEY_YEAR,	/* the first four characters of a date */
	KEY_SOUNDEX,
	KEY_NYSIIS,
	KEY_SURNAME,	/* a Chinese surname (compound ones too) or the first word */
	KEY_DIGITS,	/* digits only */
};

struct key_part {
	char *text;		/* as written: "surname(name)" */
	char *field;
	enum key_fn fn;
	int arg;
};

/* A blocking rule: records with equal keys (all parts present) are candidates. */
struct block_rule {
	char *label;
	struct key_part parts[MAX_KEY_PARTS];
	int nparts;
};

/* An identifier that links records on its own, unless vetoed. */
struct det_id {
	char *name;
	char *fields[4];	/* e.g. phone and phone_alt */
	int nfields;
	int fanout;		/* more distinct names than this: not an identifier */
	intern *values;
};

struct model {
	struct comparison cmp[MAX_COMPARISONS];
	int ncmp;
	struct block_rule *rules;
	int nrules;
	struct det_id *dets;
	int ndets;
	char *key_fields[4];	/* what identifies a record: src, rid */
	int nkey;
	/* fields the vetoes and the household use (NULL: not in the data) */
	char *name_field, *gender_field, *birth_field, *idcard_field, *date_field;
	char *house_fields[8];	/* community, building ... joined into the household key */
	int nhouse;
	char *address_field;	/* the fallback household key */
	char **sources;		/* survivorship: most trusted first */
	int nsources;
	double threshold;	/* match probability that links */
	double cluster_threshold;	/* probability that keeps a cluster's parts together */
	double prior;		/* share of matches among candidate pairs (EM updates it) */
	double random_prior;	/* chance that two random records match (scoring) */
	int max_block;		/* larger blocks are skipped (and counted) */
	int max_cluster;	/* larger clusters only grow through id cards */
	int em_iterations;
	int trained;		/* m, u and the priors come from a state: no estimation */
	int given_levels;	/* m and u come from the model file: no EM */
};

/* The built-in model for canonical records (scrm-fields.7). */
void model_default(struct model *m);
/* Loads a model file; exits 2 with the file named on any error. */
void model_load(struct model *m, const char *path);
void model_free(struct model *m);
/* Sets each comparison's level names from its type. */
void model_finish(struct model *m);
/* The whole model as JSON, the estimated m and u included: --model-out. */
void model_write(const struct model *m, const char *path);

#endif
