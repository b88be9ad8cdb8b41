#ifndef SCRM_GEN_POOL_H
#define SCRM_GEN_POOL_H
/*
 * Blocks made on worker threads and handed to the writer in block order.
 * Each block depends only on the run's tables and its number, so the
 * files are the same whatever the number of threads.
 */
#include "gen.h"

struct gen_pool;

/* threads <= 1: blocks are made by gen_pool_next() itself, on the caller's thread. */
struct gen_pool *gen_pool_start(const struct gen_world *w, int threads);
/* The next block in order, or NULL after the last. Give it back with gen_pool_done(). */
struct gen_block *gen_pool_next(struct gen_pool *p);
void gen_pool_done(struct gen_pool *p, struct gen_block *b);
/* Waits for the workers and frees everything. */
void gen_pool_stop(struct gen_pool *p);

#endif
