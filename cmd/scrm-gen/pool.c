#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "error.h"
#include "util.h"
#include "banned.h"

enum { SLOT_FREE, SLOT_BUSY, SLOT_READY };

struct slot {
	struct gen_block block;
	int state;
};

/*
 * A ring of 2 * threads slots: block k is made in slot k % nslots once
 * the writer has given back block k - nslots.
 */
struct gen_pool {
	const struct gen_world *w;
	uint64_t nblocks, next_make, next_write;
	struct slot *slots;
	size_t nslots;
	pthread_t *threads;
	int nthreads;
	int stop;
	pthread_mutex_t lock;
	pthread_cond_t changed;
};

static void *worker(void *arg)
{
	struct gen_pool *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct slot *s;
		uint64_t k;
		while (!p->stop && p->next_make < p->nblocks &&
		       p->slots[p->next_make % p->nslots].state != SLOT_FREE)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->stop || p->next_make >= p->nblocks)
			break;
		k = p->next_make++;
		s = &p->slots[k % p->nslots];
		s->state = SLOT_BUSY;
		pthread_mutex_unlock(&p->lock);
		gen_block_make(p->w, k, &s->block);
		pthread_mutex_lock(&p->lock);
		s->state = SLOT_READY;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct gen_pool *gen_pool_start(const struct gen_world *w, int threads)
{
	struct gen_pool *p = xcalloc(1, sizeof(*p));
	p->w = w;
	p->nblocks = gen_block_count(w);
	p->nthreads = threads > 1 ? threads : 0;
	p->nslots = p->nthreads ? 2 * (size_t)p->nthreads : 1;
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	for (size_t i = 0; i < p->nslots; i++)
		gen_block_init(&p->slots[i].block);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	if (p->nthreads) {
		p->threads = xcalloc((size_t)p->nthreads, sizeof(*p->threads));
		for (int i = 0; i < p->nthreads; i++)
			if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
				scrm_die(SCRM_EXIT_IO, "cannot start a worker thread");
	}
	return p;
}

struct gen_block *gen_pool_next(struct gen_pool *p)
{
	struct slot *s;
	if (p->next_write >= p->nblocks)
		return NULL;
	s = &p->slots[p->next_write % p->nslots];
	if (!p->nthreads) {
		gen_block_make(p->w, p->next_write, &s->block);
		return &s->block;
	}
	pthread_mutex_lock(&p->lock);
	while (s->state != SLOT_READY)
		pthread_cond_wait(&p->changed, &p->lock);
	pthread_mutex_unlock(&p->lock);
	return &s->block;
}

void gen_pool_done(struct gen_pool *p, struct gen_block *b)
{
	struct slot *s = &p->slots[p->next_write % p->nslots];
	UNUSED(b);
	p->next_write++;
	if (!p->nthreads)
		return;
	pthread_mutex_lock(&p->lock);
	s->state = SLOT_FREE;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

void gen_pool_stop(struct gen_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	for (size_t i = 0; i < p->nslots; i++)
		gen_block_release(&p->slots[i].block);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p->slots);
	free(p->threads);
	free(p);
}
