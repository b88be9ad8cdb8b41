#include "eval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "writer.h"
#include "banned.h"

#define FRESH UINT32_MAX	/* length of an id that has no text */

/* ---- interning ---- */

/* 16 bytes an id, plus 4 to 6 for its slot and its text. */
struct intern_entry {
	uint64_t off;		/* in pool */
	uint32_t len;		/* FRESH: no text */
	uint32_t hash;		/* low half of the hash: most mismatches end here */
};

struct eval_intern {
	uint32_t *slots;	/* id + 1; 0 is an empty slot */
	size_t cap;		/* a power of two */
	struct intern_entry *ents;
	size_t n, ents_cap;
	strbuf pool;
};

struct eval_intern *eval_intern_new(void)
{
	struct eval_intern *in = xcalloc(1, sizeof(*in));
	in->cap = 1024;
	in->slots = xcalloc(in->cap, sizeof(*in->slots));
	return in;
}

void eval_intern_free(struct eval_intern *in)
{
	if (!in)
		return;
	free(in->slots);
	free(in->ents);
	sb_release(&in->pool);
	free(in);
}

static uint64_t text_hash(const char *s, size_t n)
{
	return hash64(s, n, 0);
}

static int entry_is(const struct eval_intern *in, const struct intern_entry *e, uint64_t h,
		    const char *s, size_t n)
{
	return e->hash == (uint32_t)h && e->len == n && e->len != FRESH &&
	       memcmp(in->pool.buf + e->off, s, n) == 0;
}

/* The slot that holds s, or the empty one where it would go. */
static size_t find_slot(const struct eval_intern *in, uint64_t h, const char *s, size_t n)
{
	size_t i = (h >> 32) & (in->cap - 1);
	while (in->slots[i] && !entry_is(in, &in->ents[in->slots[i] - 1], h, s, n))
		i = (i + 1) & (in->cap - 1);
	return i;
}

static void rehash(struct eval_intern *in)
{
	size_t ncap = in->cap * 2;
	uint32_t *ns = xcalloc(ncap, sizeof(*ns));
	for (size_t id = 0; id < in->n; id++) {
		const struct intern_entry *e = &in->ents[id];
		size_t i;
		if (e->len == FRESH)
			continue;
		i = (text_hash(in->pool.buf + e->off, e->len) >> 32) & (ncap - 1);
		while (ns[i])
			i = (i + 1) & (ncap - 1);
		ns[i] = (uint32_t)id + 1;
	}
	free(in->slots);
	in->slots = ns;
	in->cap = ncap;
}

static void die_too_many(const char *what) __attribute__((noreturn));
static void die_too_many(const char *what)
{
	scrm_die(SCRM_EXIT_DATA, "too many %s: counts are 32-bit", what);
}

static uint32_t new_id(struct eval_intern *in, uint64_t h, uint64_t off, uint32_t len)
{
	if (in->n >= UINT32_MAX - 2)
		die_too_many("distinct ids");
	GROW(in->ents, in->ents_cap, in->n + 1);
	in->ents[in->n] = (struct intern_entry){ off, len, (uint32_t)h };
	return (uint32_t)in->n++;
}

uint32_t eval_intern(struct eval_intern *in, const char *s, size_t n)
{
	uint64_t h = text_hash(s, n);
	size_t i = find_slot(in, h, s, n);
	uint32_t id;
	if (in->slots[i])
		return in->slots[i] - 1;
	if (n >= FRESH)
		die_too_many("bytes in an id");
	id = new_id(in, h, in->pool.len, (uint32_t)n);
	sb_add(&in->pool, s, n);
	in->slots[i] = id + 1;
	/* at most 70% full */
	if (in->n * 10 > in->cap * 7)
		rehash(in);
	return id;
}

uint32_t eval_intern_find(const struct eval_intern *in, const char *s, size_t n)
{
	uint64_t h = hash64(s, n, 0);
	size_t i = find_slot(in, h, s, n);
	return in->slots[i] ? in->slots[i] - 1 : EVAL_NONE;
}

uint32_t eval_intern_fresh(struct eval_intern *in)
{
	return new_id(in, 0, 0, FRESH);
}

uint32_t eval_intern_count(const struct eval_intern *in)
{
	return (uint32_t)in->n;
}

const char *eval_intern_text(const struct eval_intern *in, uint32_t id, size_t *n)
{
	const struct intern_entry *e = &in->ents[id];
	*n = e->len == FRESH ? 0 : e->len;
	return e->len == FRESH ? NULL : in->pool.buf + e->off;
}

/* ---- labels and keys ---- */

int eval_label(const sv *v, strbuf *scratch, const char **s, size_t *n)
{
	if (!v || sv_is_empty(v))
		return 0;
	switch (v->type) {
	case SV_STR:
		*s = v->u.s;
		*n = v->len;
		return 1;
	case SV_BOOL:
		*s = v->b ? "true" : "false";
		*n = strlen(*s);
		return 1;
	case SV_NUM:
		if (v->u.num.text) {
			*s = v->u.num.text;
			*n = v->len;
			return 1;
		}
		break;
	default:
		break;
	}
	/* a computed number, an array or an object: its JSON text */
	sb_reset(scratch);
	json_write(scratch, v);
	*s = scratch->buf;
	*n = scratch->len;
	return 1;
}

int eval_key(const sv *rec, char *const *fields, size_t nfields, strbuf *key,
	     strbuf *scratch)
{
	sb_reset(key);
	for (size_t i = 0; i < nfields; i++) {
		const char *s;
		size_t n;
		if (!eval_label(sv_path(rec, fields[i]), scratch, &s, &n))
			return 0;
		sb_addf(key, "%zu:", n);
		sb_add(key, s, n);
	}
	return 1;
}

/* ---- cell counts ---- */

/* Records in one cell of up to three ids; n == 0 marks an empty slot. */
struct cell {
	uint32_t k[3];
	uint32_t n;
};

struct counter {
	struct cell *cells;
	size_t cap, n;
};

static uint64_t mix3(const uint32_t k[3])
{
	uint64_t h = (uint64_t)k[0] * 0x9e3779b97f4a7c15ULL;
	h ^= (uint64_t)k[1] * 0xc2b2ae3d27d4eb4fULL + (h << 6) + (h >> 2);
	h ^= (uint64_t)k[2] * 0x165667b19e3779f9ULL + (h << 6) + (h >> 2);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static struct cell *counter_slot(struct cell *cells, size_t cap, const uint32_t k[3])
{
	size_t i = mix3(k) & (cap - 1);
	while (cells[i].n && (cells[i].k[0] != k[0] || cells[i].k[1] != k[1] ||
			      cells[i].k[2] != k[2]))
		i = (i + 1) & (cap - 1);
	return &cells[i];
}

static void counter_grow(struct counter *c)
{
	size_t ncap = c->cap ? c->cap * 2 : 1024;
	struct cell *nc = xcalloc(ncap, sizeof(*nc));
	for (size_t i = 0; i < c->cap; i++)
		if (c->cells[i].n)
			*counter_slot(nc, ncap, c->cells[i].k) = c->cells[i];
	free(c->cells);
	c->cells = nc;
	c->cap = ncap;
}

static void counter_add(struct counter *c, uint32_t a, uint32_t b, uint32_t d, uint32_t n)
{
	uint32_t k[3] = { a, b, d };
	struct cell *cell;
	/* at most 70% full: probes stay short, 16 bytes a cell */
	if ((c->n + 1) * 10 > c->cap * 7)
		counter_grow(c);
	cell = counter_slot(c->cells, c->cap, k);
	if (!cell->n) {
		memcpy(cell->k, k, sizeof(k));
		c->n++;
	}
	cell->n += n;
}

/* The counts summed over one id: cells keyed by ids i and j of src. */
static void counter_project(const struct counter *src, int i, int j, struct counter *dst)
{
	memset(dst, 0, sizeof(*dst));
	for (size_t s = 0; s < src->cap; s++)
		if (src->cells[s].n)
			counter_add(dst, src->cells[s].k[i], src->cells[s].k[j], 0,
				    src->cells[s].n);
}

/* Pairs of records that share a cell, summed over the cells. */
static uint64_t counter_pairs(const struct counter *c)
{
	uint64_t sum = 0;
	for (size_t i = 0; i < c->cap; i++)
		sum += eval_pairs(c->cells[i].n);
	return sum;
}

uint64_t eval_pairs(uint64_t n)
{
	/* halve the even factor first: n * (n - 1) may not fit */
	return n % 2 ? n * ((n - 1) / 2) : (n / 2) * (n - 1);
}

/* ---- the evaluation ---- */

struct eval {
	int cross;
	struct eval_intern *truth, *pred, *side;
	uint32_t *truth_size, *pred_size;	/* records per cluster, by id */
	size_t truth_cap, pred_cap;
	/*
	 * Records per (truth, pred, side) cell, side 0 without cross: the
	 * finest table; the coarser ones are summed from it when scoring,
	 * one at a time, so only one more table is ever held.
	 */
	struct counter cells;
	uint64_t records;
};

struct eval *eval_new(int cross)
{
	struct eval *e = xcalloc(1, sizeof(*e));
	e->cross = cross;
	e->truth = eval_intern_new();
	e->pred = eval_intern_new();
	e->side = eval_intern_new();
	return e;
}

void eval_free(struct eval *e)
{
	if (!e)
		return;
	eval_intern_free(e->truth);
	eval_intern_free(e->pred);
	eval_intern_free(e->side);
	free(e->truth_size);
	free(e->pred_size);
	free(e->cells.cells);
	free(e);
}

static void count_in(uint32_t **size, size_t *cap, uint32_t id)
{
	if (id >= *cap) {
		size_t old = *cap;
		GROW(*size, *cap, (size_t)id + 1);
		memset(*size + old, 0, (*cap - old) * sizeof(**size));
	}
	(*size)[id]++;
}

void eval_add(struct eval *e, const char *truth, size_t tn, const char *pred, size_t pn,
	      const char *side, size_t sn)
{
	uint32_t t, p, s = 0;
	/* cells and clusters count in 32 bits */
	if (e->records >= UINT32_MAX)
		die_too_many("records");
	t = eval_intern(e->truth, truth, tn);
	p = pred ? eval_intern(e->pred, pred, pn) : eval_intern_fresh(e->pred);
	if (e->cross)
		s = eval_intern(e->side, side ? side : "", side ? sn : 0);
	e->records++;
	count_in(&e->truth_size, &e->truth_cap, t);
	count_in(&e->pred_size, &e->pred_cap, p);
	counter_add(&e->cells, t, p, s, 1);
}

static uint64_t cluster_pairs(const uint32_t *size, uint32_t n)
{
	uint64_t sum = 0;
	for (uint32_t i = 0; i < n; i++)
		sum += eval_pairs(size[i]);
	return sum;
}

static double ratio(uint64_t num, uint64_t den)
{
	return den ? (double)num / (double)den : NAN;
}

static double harmonic_mean(double p, double r)
{
	return isnan(p) || isnan(r) || p + r == 0 ? NAN : 2 * p * r / (p + r);
}

/*
 * Mean over records of |own cell| / |own cluster|: the records of a cell
 * of n each count n / size, so a cluster contributes (sum of its cells'
 * n^2) / size. Summed in id order with compensation: the same bytes every
 * run, and no drift over millions of clusters.
 */
static double bcubed(const uint64_t *sq, const uint32_t *size, uint32_t n, uint64_t records)
{
	double sum = 0, carry = 0;
	if (!records)
		return NAN;
	for (uint32_t i = 0; i < n; i++) {
		double y = (double)sq[i] / (double)size[i] - carry;
		double t = sum + y;
		carry = (t - sum) - y;
		sum = t;
	}
	return sum / (double)records;
}

/* B-cubed from the (truth, pred) cells. */
static void bcubed_scores(const struct eval *e, const struct counter *tp,
			  struct eval_result *r)
{
	uint32_t nt = eval_intern_count(e->truth), np = eval_intern_count(e->pred);
	uint64_t *sq_truth = xcalloc(nt ? nt : 1, sizeof(uint64_t));
	uint64_t *sq_pred = xcalloc(np ? np : 1, sizeof(uint64_t));
	for (size_t i = 0; i < tp->cap; i++) {
		const struct cell *c = &tp->cells[i];
		uint64_t sq = (uint64_t)c->n * c->n;
		if (!c->n)
			continue;
		sq_truth[c->k[0]] += sq;
		sq_pred[c->k[1]] += sq;
	}
	r->bcubed_precision = bcubed(sq_pred, e->pred_size, np, e->records);
	r->bcubed_recall = bcubed(sq_truth, e->truth_size, nt, e->records);
	r->bcubed_f1 = harmonic_mean(r->bcubed_precision, r->bcubed_recall);
	free(sq_truth);
	free(sq_pred);
}

/* Pairs within one side of the cells summed over ids i and j. */
static uint64_t same_side_pairs(const struct counter *cells, int i, int j)
{
	struct counter c;
	uint64_t n;
	counter_project(cells, i, j, &c);
	n = counter_pairs(&c);
	free(c.cells);
	return n;
}

void eval_compute(const struct eval *e, struct eval_result *r)
{
	struct counter tp = e->cells;	/* without cross the cells are (truth, pred) */
	memset(r, 0, sizeof(*r));
	r->records = e->records;
	r->truth_clusters = eval_intern_count(e->truth);
	r->pred_clusters = eval_intern_count(e->pred);
	r->truth_pairs = cluster_pairs(e->truth_size, eval_intern_count(e->truth));
	r->pred_pairs = cluster_pairs(e->pred_size, eval_intern_count(e->pred));
	if (e->cross)
		counter_project(&e->cells, 0, 1, &tp);
	r->tp = counter_pairs(&tp);
	bcubed_scores(e, &tp, r);
	if (e->cross) {
		free(tp.cells);
		/* pairs across sides = all pairs - pairs within one side */
		r->tp -= counter_pairs(&e->cells);
		r->truth_pairs -= same_side_pairs(&e->cells, 0, 2);
		r->pred_pairs -= same_side_pairs(&e->cells, 1, 2);
	}
	r->fp = r->pred_pairs - r->tp;
	r->fn = r->truth_pairs - r->tp;
	r->pair_precision = ratio(r->tp, r->pred_pairs);
	r->pair_recall = ratio(r->tp, r->truth_pairs);
	r->pair_f1 = ratio(2 * r->tp, r->pred_pairs + r->truth_pairs);
}
