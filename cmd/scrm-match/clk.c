/*
 * scrm-match --clk A B --threshold T: compares every CLK (Bloom-filter
 * encoding, scrm-hash --clk) of A with every one of B by the Dice
 * coefficient 2|a&b| / (|a| + |b|) and writes the pairs from T up:
 * {"a": A's id, "b": B's id, "dice": 0.865517}. The id of a row is its
 * first member other than clk. A popcount loop over 64-bit words, the
 * pairs the popcounts alone rule out skipped, A split over --threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "error.h"
#include "match.h"
#include "run.h"
#include "writer.h"
#include "banned.h"

struct clk_set {
	uint64_t *bits;		/* n x words */
	uint32_t *pop;
	sv *id;
	size_t n, cap;
};

struct clk_run {
	const struct scrm_common *opt;
	arena *keep;
	struct clk_set set[2];
	size_t bytes, words;	/* per CLK */
	const char *id_key[2];
	double threshold;
	uint64_t comparisons, pairs;
	double compare_s;
	unsigned char *buf;
};

static void clk_gather(scrm_run *run, sv *rec, void *ud)
{
	struct clk_run *c = ud;
	const sv *v = rec->type == SV_OBJ ? sv_get(rec, "clk") : NULL;
	struct clk_set *s;
	size_t len = 0, cap;
	const sv *id = NULL;
	int d = from_first_file(run, c->opt) ? 0 : 1;
	uint32_t pop = 0;
	if (!v || v->type != SV_STR) {
		scrm_reject(run, rec, "no clk member");
		return;
	}
	cap = v->len;
	c->buf = xrealloc(c->buf, cap + 8);
	if (sodium_base642bin(c->buf, cap + 8, v->u.s, v->len, NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 || len == 0) {
		scrm_reject(run, rec, "clk is not Base64");
		return;
	}
	if (!c->bytes) {
		c->bytes = len;
		c->words = (len + 7) / 8;
	} else if (len != c->bytes) {
		scrm_reject(run, rec, "clk length differs from the first one");
		return;
	}
	for (uint32_t i = 0; i < rec->len; i++)
		if (strcmp(rec->u.pairs[i].key, "clk") != 0) {
			id = &rec->u.pairs[i].val;
			if (!c->id_key[d])
				c->id_key[d] = arena_strdup(c->keep, rec->u.pairs[i].key);
			break;
		}
	s = &c->set[d];
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->bits = xrealloc(s->bits, s->cap * c->words * sizeof(uint64_t));
		s->pop = xrealloc(s->pop, s->cap * sizeof(uint32_t));
		s->id = xrealloc(s->id, s->cap * sizeof(sv));
	}
	memset(c->buf + len, 0, 8);
	memcpy(s->bits + s->n * c->words, c->buf, c->words * 8);
	for (size_t i = 0; i < c->words; i++)
		pop += (uint32_t)__builtin_popcountll(s->bits[s->n * c->words + i]);
	s->pop[s->n] = pop;
	s->id[s->n] = id ? sv_copy(c->keep, id) : sv_null();
	s->n++;
}

#define CLK_ROUND 32	/* rows of A per thread and round */

struct pair {
	uint32_t a, b;
	double dice;
};

struct job {
	const struct clk_run *c;
	size_t from, to;
	struct pair *p;
	size_t n, cap;
	uint64_t comparisons;
};

__attribute__((target_clones("popcnt", "default")))
static uint32_t and_count(const uint64_t *x, const uint64_t *y, size_t words)
{
	uint32_t n = 0;
	for (size_t i = 0; i < words; i++)
		n += (uint32_t)__builtin_popcountll(x[i] & y[i]);
	return n;
}

static void *compare(void *arg)
{
	struct job *j = arg;
	const struct clk_run *c = j->c;
	const struct clk_set *A = &c->set[0], *B = &c->set[1];
	double t = c->threshold;
	for (size_t i = j->from; i < j->to; i++) {
		const uint64_t *x = A->bits + i * c->words;
		uint32_t pa = A->pop[i];
		for (size_t k = 0; k < B->n; k++) {
			uint32_t pb = B->pop[k], m = pa < pb ? pa : pb, both;
			double dice;
			if (pa + pb == 0 || 2.0 * m < t * (pa + pb))
				continue;
			j->comparisons++;
			both = and_count(x, B->bits + k * c->words, c->words);
			dice = 2.0 * both / (pa + pb);
			if (dice < t)
				continue;
			if (j->n == j->cap) {
				j->cap = j->cap ? j->cap * 2 : 256;
				j->p = xrealloc(j->p, j->cap * sizeof(*j->p));
			}
			j->p[j->n++] = (struct pair){ (uint32_t)i, (uint32_t)k, dice };
		}
	}
	return NULL;
}

static void clk_stats(strbuf *json, void *ud)
{
	const struct clk_run *c = ud;
	sb_addf(json, ",\"a\":%zu,\"b\":%zu,\"bits\":%zu,\"comparisons\":%llu,"
		"\"popcounts\":%llu,\"pairs\":%llu", c->set[0].n, c->set[1].n, c->bytes * 8,
		(unsigned long long)c->set[0].n * c->set[1].n, (unsigned long long)c->comparisons,
		(unsigned long long)c->pairs);
}

static struct clk_run clkrun;

static void clk_free(void *arg)
{
	struct clk_run *c = arg;
	for (int d = 0; d < 2; d++) {
		free(c->set[d].bits);
		free(c->set[d].pop);
		free(c->set[d].id);
	}
	free(c->buf);
	if (c->keep)
		arena_free(c->keep);
	memset(c, 0, sizeof(*c));
}

static const struct scrm_record_ops clk_ops = { NULL, clk_gather, NULL, NULL };

void match_clk(const struct scrm_tool *tool, const struct scrm_common *opt, double threshold)
{
	struct scrm_run_opts ro = { 0 };
	struct clk_run *c = &clkrun;
	struct job *jobs;
	pthread_t *tid;
	scrm_run *run;
	writer *w;
	arena *a;
	size_t nt;
	if (opt->nfiles != 2)
		scrm_usage_error("--clk needs two files of CLKs: A and B");
	c->opt = opt;
	c->threshold = threshold > 0 ? threshold : 0.8;
	c->keep = arena_new();
	scrm_atexit(clk_free, c);
	ro.serial = 1;
	ro.stats_extra = clk_stats;
	ro.stats_ud = c;
	run = scrm_run_open(tool, opt, &ro);
	scrm_run_stream(run, &clk_ops, c);

	nt = opt->threads > 0 ? (size_t)opt->threads : (size_t)sysconf(_SC_NPROCESSORS_ONLN);
	if (nt < 1)
		nt = 1;
	jobs = xcalloc(nt, sizeof(*jobs));
	tid = xcalloc(nt, sizeof(*tid));
	w = scrm_writer(run);
	a = arena_new();
	/*
	 * A in rounds of CLK_ROUND rows per thread, the pairs of a round
	 * written before the next: memory does not grow with the pairs.
	 */
	for (size_t base = 0; base < c->set[0].n; base += nt * CLK_ROUND) {
		size_t end = base + nt * CLK_ROUND < c->set[0].n ? base + nt * CLK_ROUND
								  : c->set[0].n;
		for (size_t t = 0; t < nt; t++) {
			jobs[t].c = c;
			jobs[t].from = base + (end - base) * t / nt;
			jobs[t].to = base + (end - base) * (t + 1) / nt;
			jobs[t].n = 0;
		}
		for (size_t t = 1; t < nt; t++)
			if (pthread_create(&tid[t], NULL, compare, &jobs[t]) != 0)
				scrm_die(SCRM_EXIT_IO, "cannot start a thread");
		compare(&jobs[0]);
		for (size_t t = 1; t < nt; t++)
			pthread_join(tid[t], NULL);
		for (size_t t = 0; t < nt; t++) {
			for (size_t i = 0; i < jobs[t].n; i++) {
				const struct pair *p = &jobs[t].p[i];
				char num[32];
				int k = snprintf(num, sizeof(num), "%.6f", p->dice);
				sv row = sv_obj();
				sv_append(a, &row, "a", c->set[0].id[p->a]);
				sv_append(a, &row, "b", c->set[1].id[p->b]);
				sv_append(a, &row, "dice", sv_num_text(a, num, (size_t)k));
				if (wr_record(w, &row) != 0)
					scrm_die(SCRM_EXIT_DATA, "--clk: %s", wr_error(w));
				c->pairs++;
				arena_reset(a);
			}
		}
	}
	for (size_t t = 0; t < nt; t++) {
		c->comparisons += jobs[t].comparisons;
		free(jobs[t].p);
	}
	arena_free(a);
	free(jobs);
	free(tid);
	scrm_add_out(run, c->pairs);
	scrm_run_finish(run);
}
