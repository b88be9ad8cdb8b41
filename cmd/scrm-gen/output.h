#ifndef SCRM_GEN_OUTPUT_H
#define SCRM_GEN_OUTPUT_H
/*
 * Writing the blocks: the six exports and truth.csv. Record ids and IoT
 * line numbers are given here, in file order, so they run 1, 2, 3...
 * through each file whatever the blocks were made on. An exact duplicate
 * row repeats its original's id (the IoT file has no id: its duplicate
 * gets its own line number, as scrm-clean's rid would).
 */
#include <stdint.h>

#include "gen.h"

struct gen_counts {
	uint64_t people, households;
	uint64_t rows[GF_COUNT], junk[GF_COUNT], duplicates[GF_COUNT];
	uint64_t store_phones;
	uint64_t orphans;	/* rows that share no evidence with their person's other rows */
	uint64_t bytes;
};

struct gen_writer;

/* Opens DIR/members.csv ... DIR/truth.csv (with .gz when gzip), atomically. */
struct gen_writer *gen_writer_open(const char *dir, int gzip);
void gen_writer_block(struct gen_writer *wr, struct gen_block *b);
const struct gen_counts *gen_writer_counts(const struct gen_writer *wr);
/* Commits every file (renames them into place) and frees wr. */
void gen_writer_close(struct gen_writer *wr);

#endif
