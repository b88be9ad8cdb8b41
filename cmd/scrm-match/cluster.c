/*
 * Clusters: union-find over the accepted links, strongest first:
 * deterministic links (in the order of the model's identifiers, id cards
 * first), then probabilistic ones by weight. A link is refused when it
 * would put two different id cards in one person, and (with one_to_one)
 * two records of one dataset; a cluster only grows past max_cluster
 * through an id card, so a chain of weak links cannot glue a crowd into
 * one person. The order is total, so the result does not depend on the
 * order the pairs were found in.
 */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "banned.h"

static int det_rank(uint8_t det)
{
	return det ? det : 255;	/* deterministic first, in model order */
}

static int cmp_link(const void *x, const void *y)
{
	const struct link *a = x, *b = y;
	if (det_rank(a->det) != det_rank(b->det))
		return det_rank(a->det) - det_rank(b->det);
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

struct component {
	uint32_t parent;
	uint32_t size;
	uint32_t idcard;	/* the one id card in it, 0 if none */
	uint8_t datasets;	/* bit per dataset */
};

static uint32_t find(struct component *c, uint32_t i)
{
	while (c[i].parent != i) {
		c[i].parent = c[c[i].parent].parent;
		i = c[i].parent;
	}
	return i;
}

/* Joins two roots; the bigger one stays the root and keeps its id card. */
static void unite(struct component *c, uint32_t a, uint32_t b)
{
	if (c[a].size < c[b].size) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	c[b].parent = a;
	c[a].size += c[b].size;
	if (!c[a].idcard)
		c[a].idcard = c[b].idcard;
	c[a].datasets |= c[b].datasets;
}

void cluster_links(const struct records *r, struct link *links, size_t n, int max_cluster,
		   int one_to_one, uint32_t *cluster, struct cluster_stats *st)
{
	struct component *c = xmalloc((r->n ? r->n : 1) * sizeof(*c));
	uint8_t idcard_det = 0;
	memset(st, 0, sizeof(*st));
	for (int d = 0; d < r->model->ndets; d++)
		if (strcmp(r->model->dets[d].name, "id_card") == 0)
			idcard_det = (uint8_t)(d + 1);
	for (size_t i = 0; i < r->n; i++) {
		c[i].parent = (uint32_t)i;
		c[i].size = 1;
		c[i].idcard = r->idcard[i];
		c[i].datasets = (uint8_t)(1u << r->dataset[i]);
	}
	/* --incremental: the state's people stay whole */
	if (r->incremental) {
		uint32_t *first = NULL;
		size_t nfirst = 0;
		for (size_t i = 0; i < r->n; i++) {
			uint32_t u = r->old_uid[i], a, b;
			if (!r->old[i])
				continue;
			if (u >= nfirst) {
				size_t nn = nfirst ? nfirst : 1024;
				while (nn <= u)
					nn *= 2;
				first = xrealloc(first, nn * sizeof(*first));
				for (size_t k = nfirst; k < nn; k++)
					first[k] = UINT32_MAX;
				nfirst = nn;
			}
			if (first[u] == UINT32_MAX) {
				first[u] = (uint32_t)i;
				continue;
			}
			a = find(c, first[u]);
			b = find(c, (uint32_t)i);
			if (a != b)
				unite(c, a, b);
		}
		free(first);
	}
	qsort(links, n, sizeof(*links), cmp_link);
	for (size_t k = 0; k < n; k++) {
		uint32_t a = find(c, links[k].a), b = find(c, links[k].b);
		if (a == b)
			continue;
		if (c[a].idcard && c[b].idcard && c[a].idcard != c[b].idcard) {
			st->refused_idcard++;
			continue;
		}
		if (one_to_one && (c[a].datasets & c[b].datasets)) {
			st->refused_dataset++;
			continue;
		}
		if (c[a].size + c[b].size > (uint32_t)max_cluster &&
		    !(idcard_det && links[k].det == idcard_det)) {
			st->refused_size++;
			continue;
		}
		unite(c, a, b);
	}
	/* each cluster is named by its first record */
	for (size_t i = 0; i < r->n; i++)
		cluster[i] = UINT32_MAX;
	for (size_t i = 0; i < r->n; i++) {
		uint32_t root = find(c, (uint32_t)i);
		if (cluster[root] == UINT32_MAX) {
			cluster[root] = (uint32_t)i;
			st->clusters++;
			if (c[root].size > st->largest)
				st->largest = c[root].size;
		}
	}
	for (size_t i = 0; i < r->n; i++)
		cluster[i] = cluster[find(c, (uint32_t)i)];
	free(c);
}

#define MAX_REFINE 400	/* larger clusters are left as they are (and counted) */
#define STICKY_WEIGHT -1e30f	/* after every link of this run's evidence */

/*
 * A full run with --state: two records the state put in one person stay
 * together unless the evidence now speaks against it. Ambiguous evidence
 * (a phone the family now shares, with a record that has no name) does not
 * move a record; the weakest links, so this run's evidence comes first.
 */
void sticky_links(const struct records *r, const struct scorer *s, struct link **links, size_t *n)
{
	uint32_t nu = 0, *start, *mem, *fill;
	size_t cap = *n;
	for (size_t i = 0; i < r->n; i++)
		if (r->old_uid[i] > nu)
			nu = r->old_uid[i];
	start = xcalloc((size_t)nu + 2, sizeof(uint32_t));
	fill = xmalloc(((size_t)nu + 2) * sizeof(uint32_t));
	mem = xmalloc((r->n ? r->n : 1) * sizeof(uint32_t));
	for (size_t i = 0; i < r->n; i++)
		start[r->old_uid[i] + 1]++;
	for (uint32_t u = 1; u <= nu + 1; u++)
		start[u] += start[u - 1];
	memcpy(fill, start, ((size_t)nu + 2) * sizeof(uint32_t));
	for (size_t i = 0; i < r->n; i++)
		mem[fill[r->old_uid[i]]++] = (uint32_t)i;
	for (uint32_t u = 1; u <= nu; u++) {
		uint32_t first = start[u], k = start[u + 1] - start[u];
		if (k < 2 || k > MAX_REFINE)
			continue;
		for (uint32_t i = 1; i < k; i++)
			for (uint32_t j = 0; j < i; j++) {
				int informative;
				float w = pair_weight(s, mem[first + j], mem[first + i], &informative);
				if (!informative || w <= 0)
					continue;
				GROW(*links, cap, *n + 1);
				(*links)[*n].a = mem[first + j];
				(*links)[*n].b = mem[first + i];
				(*links)[*n].weight = STICKY_WEIGHT;
				(*links)[*n].det = 0;
				(*n)++;
				break;
			}
	}
	free(start);
	free(fill);
	free(mem);
}


/* Part q joins part p: their sums and counts against every other part add up. */
static void join_parts(float *sum, float *cnt, int *size, int *part, int k, int p, int q)
{
	for (int x = 0; x < k; x++) {
		sum[p * k + x] += sum[q * k + x];
		sum[x * k + p] = sum[p * k + x];
		cnt[p * k + x] += cnt[q * k + x];
		cnt[x * k + p] = cnt[p * k + x];
	}
	size[p] += size[q];
	size[q] = 0;
	for (int i = 0; i < k; i++)
		if (part[i] == q)
			part[i] = p;
}

/*
 * Two records of one person of the state: with --incremental they stay
 * together; in a full run, unless a veto now says they are two people.
 */
static int still_one(const struct records *r, const struct scorer *s, uint32_t a, uint32_t b)
{
	int informative;
	return (r->old[a] && r->old[b]) || pair_weight(s, a, b, &informative) > -PAIR_CERTAIN;
}

/*
 * Average-linkage rebuild of one cluster's members; returns the number of
 * parts. A person of the state starts as one part: it was checked when it
 * was built, and only what joins it is in question.
 */
static int rebuild(const struct records *r, const struct scorer *s, const uint32_t *mem, int k,
		   float cluster_weight, uint32_t *cluster)
{
	float *sum = xmalloc((size_t)k * (size_t)k * sizeof(float));
	float *cnt = xmalloc((size_t)k * (size_t)k * sizeof(float));
	float prior = scorer_prior(s);
	int *size = xmalloc((size_t)k * sizeof(int)), *part = xmalloc((size_t)k * sizeof(int));
	float least = 1e30f;
	int parts = k;
	for (int i = 0; i < k; i++) {
		size[i] = 1;
		part[i] = i;
		sum[i * k + i] = cnt[i * k + i] = 0;
		for (int j = i + 1; j < k; j++) {
			int informative;
			float w = pair_weight(s, mem[i], mem[j], &informative);
			sum[i * k + j] = sum[j * k + i] = w;
			cnt[i * k + j] = cnt[j * k + i] = (float)informative;
			if (w < least)
				least = w;
		}
	}
	if (least >= 0) {
		parts = 1;	/* no pair speaks against the others: nothing to do */
		goto done;
	}
	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k && r->old_uid[mem[i]]; j++)
			if (part[j] != part[i] && r->old_uid[mem[j]] == r->old_uid[mem[i]] &&
			    still_one(r, s, mem[i], mem[j])) {
				join_parts(sum, cnt, size, part, k, part[i], part[j]);
				parts--;
			}
	for (;;) {
		int bp = -1, bq = -1;
		float best = -1e30f;
		for (int p = 0; p < k; p++) {
			if (!size[p])
				continue;
			for (int q = p + 1; q < k; q++) {
				float avg;
				if (!size[q] || cnt[p * k + q] == 0)
					continue;	/* nothing compared across: no reason to join */
				avg = prior + sum[p * k + q] / cnt[p * k + q];
				if (avg > best) {
					best = avg;
					bp = p;
					bq = q;
				}
			}
		}
		if (bp < 0 || best < cluster_weight)
			break;
		join_parts(sum, cnt, size, part, k, bp, bq);
		parts--;
	}
	/* each part is named by its first record */
	for (int p = 0; p < k; p++) {
		uint32_t first = UINT32_MAX;
		for (int i = 0; i < k; i++)
			if (part[i] == p && mem[i] < first)
				first = mem[i];
		for (int i = 0; i < k; i++)
			if (part[i] == p)
				cluster[mem[i]] = first;
	}
done:
	free(sum);
	free(cnt);
	free(size);
	free(part);
	return parts;
}

void refine_clusters(const struct records *r, const struct scorer *s, float cluster_weight,
		     uint32_t *cluster, struct cluster_stats *st)
{
	uint32_t *count = xcalloc(r->n + 1, sizeof(uint32_t));
	uint32_t *start = xcalloc(r->n + 1, sizeof(uint32_t));
	uint32_t *mem = xmalloc((r->n ? r->n : 1) * sizeof(uint32_t));
	uint32_t *fill = xmalloc((r->n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < r->n; i++)
		count[cluster[i]]++;
	for (size_t i = 0, pos = 0; i < r->n; i++) {
		start[i] = (uint32_t)pos;
		fill[i] = (uint32_t)pos;
		pos += count[i];
	}
	for (size_t i = 0; i < r->n; i++)
		mem[fill[cluster[i]]++] = (uint32_t)i;
	for (size_t c = 0; c < r->n; c++) {
		int k = (int)count[c];
		if (k < 3)
			continue;
		if (k > MAX_REFINE) {
			st->unchecked++;
			continue;
		}
		st->checked++;
		if (rebuild(r, s, mem + start[c], k, cluster_weight, cluster) > 1)
			st->resplit++;
	}
	/* count again */
	st->clusters = st->largest = 0;
	memset(count, 0, (r->n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < r->n; i++)
		count[cluster[i]]++;
	for (size_t i = 0; i < r->n; i++)
		if (count[i]) {
			st->clusters++;
			if (count[i] > st->largest)
				st->largest = count[i];
		}
	free(count);
	free(start);
	free(mem);
	free(fill);
}
