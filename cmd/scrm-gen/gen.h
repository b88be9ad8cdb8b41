#ifndef SCRM_GEN_GEN_H
#define SCRM_GEN_GEN_H
/*
 * scrm-gen's model. People are numbered 0..N-1 and generated in blocks of
 * GEN_BLOCK_PEOPLE; everything about a person, a household or a block is
 * drawn from a stream seeded by the run's seed and that thing's number,
 * so any block can be generated alone (and on any thread) and the output
 * never depends on the order the blocks were made in.
 *
 * A block holds the rows of its people for each of the six source files:
 * the text of each row after its record id (ids and IoT line numbers are
 * given when the block is written, in file order), and who the row
 * belongs to.
 */
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum gen_file {
	GF_MEMBERS, GF_SALES, GF_SERVICE, GF_ECOMMERCE, GF_IOT, GF_CALLCENTER, GF_COUNT
};

#define GEN_BLOCK_PEOPLE 4096u
#define GEN_MAX_PEOPLE 10000000u

/* The first and last day records are dated (2016-01-01 .. 2025-12-31). */
#define GEN_FIRST_YEAR 2016
#define GEN_LAST_YEAR 2025

struct gen_config {
	uint64_t seed;
	uint32_t people;
	double noise;		/* multiplies every noise rate; 0: clean values */
};

/* What a row is. */
enum { ROW_PERSON = 0, ROW_JUNK = 1 };

struct gen_row {
	uint32_t off, len;	/* its text in the part, after the record id */
	uint32_t person;	/* person number (ROW_PERSON) */
	uint32_t household;	/* household number: its first member's person number */
	int32_t dup_of;		/* index of the row it repeats exactly, else -1 */
	uint8_t kind;		/* ROW_PERSON or ROW_JUNK */
	uint8_t tag;		/* ecommerce: the platform (the id prefix) */
	uint8_t store_phone;	/* the phone is a store's, not the customer's */
	uint8_t orphan;		/* not linked to the main group of its person's rows (ledger.h) */
	uint64_t id;		/* record id number, given by the writer */
};

struct gen_part {
	strbuf text;
	struct gen_row *rows;
	size_t n, cap;
	uint32_t *order;	/* the rows in file order: a shuffle of 0..n-1 */
	size_t order_cap;
};

struct gen_block {
	uint64_t index;
	uint32_t first_person, people, households;
	struct gen_part part[GF_COUNT];
	strbuf field;		/* working space of the value writers */
};

/* The run-wide tables built once from the config (read-only afterwards). */
struct gen_world;

struct gen_world *gen_world_new(const struct gen_config *cfg);
void gen_world_free(struct gen_world *w);

void gen_block_init(struct gen_block *b);
void gen_block_release(struct gen_block *b);
/* Fills b with the rows of block index (people index * GEN_BLOCK_PEOPLE ...). */
void gen_block_make(const struct gen_world *w, uint64_t index, struct gen_block *b);
/* Number of blocks of the run. */
uint64_t gen_block_count(const struct gen_world *w);

/* ID prefixes of the ecommerce platforms (gen_row.tag). */
extern const char *const gen_platform_prefix[];

#endif
