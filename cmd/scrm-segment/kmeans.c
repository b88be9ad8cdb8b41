/*
 * K-means (seg.h): z-score standardisation with the population standard
 * deviation, greedy k-means++ seeding (2 + ln k candidates per centre, the
 * one lowering the potential most, as scikit-learn), Lloyd iterations
 * until no point changes cluster, best of n_init starts by inertia. An
 * empty cluster takes the point farthest from its centre. All sums run
 * in point order on one thread: the same input gives the same clusters.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "error.h"
#include "rand.h"
#include "seg.h"
#include "banned.h"

int seg_kmeans_features(const struct seg_kmeans *m, const sv *rec, struct expr_ctx *ctx, double *x)
{
	for (size_t j = 0; j < m->d; j++) {
		sv v = expr_eval(m->feat[j], rec, ctx);
		if (!seg_num(&v, &x[j]))
			return -1;
	}
	return 0;
}

static double d2(const double *a, const double *b, size_t d)
{
	double s = 0;
	for (size_t j = 0; j < d; j++) {
		double t = a[j] - b[j];
		s += t * t;
	}
	return s;
}

static size_t nearest(const double *c, size_t k, size_t d, const double *x, double *best)
{
	size_t bi = 0;
	double bd = d2(x, c, d);
	for (size_t i = 1; i < k; i++) {
		double t = d2(x, c + i * d, d);
		if (t < bd) {
			bd = t;
			bi = i;
		}
	}
	*best = bd;
	return bi;
}

/* Index of the first cum[i] > r (cum ascending); clipped to n - 1. */
static size_t search_cum(const double *cum, size_t n, double r)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cum[mid] <= r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n ? lo : n - 1;
}

static void plusplus(const double *Z, size_t n, size_t d, size_t k, struct rng *r, double *c,
		     double *closest, double *cum, double *cand)
{
	int trials = 2 + (int)log((double)k);
	size_t first = (size_t)(rng_unit(r) * (double)n);
	double pot = 0;
	if (first >= n)
		first = n - 1;
	memcpy(c, Z + first * d, d * sizeof(double));
	for (size_t i = 0; i < n; i++) {
		closest[i] = d2(Z + i * d, c, d);
		pot += closest[i];
	}
	for (size_t ci = 1; ci < k; ci++) {
		double acc = 0, best_pot = INFINITY;
		size_t best = 0;
		for (size_t i = 0; i < n; i++) {
			acc += closest[i];
			cum[i] = acc;
		}
		for (int t = 0; t < trials; t++) {
			size_t id = search_cum(cum, n, rng_unit(r) * pot);
			double p = 0;
			for (size_t i = 0; i < n; i++) {
				double dd = d2(Z + i * d, Z + id * d, d);
				p += dd < closest[i] ? dd : closest[i];
			}
			if (p < best_pot) {
				best_pot = p;
				best = id;
			}
		}
		memcpy(cand, Z + best * d, d * sizeof(double));
		memcpy(c + ci * d, cand, d * sizeof(double));
		pot = 0;
		for (size_t i = 0; i < n; i++) {
			double dd = d2(Z + i * d, cand, d);
			if (dd < closest[i])
				closest[i] = dd;
			pot += closest[i];
		}
	}
}

/* Lloyd iterations from the centres in c; returns the inertia. */
static double lloyd(const double *Z, size_t n, size_t d, size_t k, double *c, uint32_t *label,
		    double *dist, double *sum, uint64_t *cnt, int max_iter, int *iters)
{
	double inertia = 0;
	int it;
	for (size_t i = 0; i < n; i++)
		label[i] = UINT32_MAX;
	for (it = 0; it < max_iter; it++) {
		size_t changed = 0;
		for (size_t i = 0; i < n; i++) {
			size_t l = nearest(c, k, d, Z + i * d, &dist[i]);
			if (label[i] != l) {
				label[i] = (uint32_t)l;
				changed++;
			}
		}
		if (!changed)
			break;
		memset(sum, 0, k * d * sizeof(double));
		memset(cnt, 0, k * sizeof(uint64_t));
		for (size_t i = 0; i < n; i++) {
			double *s = sum + label[i] * d;
			for (size_t j = 0; j < d; j++)
				s[j] += Z[i * d + j];
			cnt[label[i]]++;
		}
		for (size_t ci = 0; ci < k; ci++) {
			if (cnt[ci] == 0) {
				/* an empty cluster takes the point farthest from its centre */
				size_t far = 0;
				for (size_t i = 1; i < n; i++)
					if (dist[i] > dist[far])
						far = i;
				memcpy(c + ci * d, Z + far * d, d * sizeof(double));
				dist[far] = 0;
				continue;
			}
			for (size_t j = 0; j < d; j++)
				c[ci * d + j] = sum[ci * d + j] / (double)cnt[ci];
		}
	}
	for (size_t i = 0; i < n; i++) {
		label[i] = (uint32_t)nearest(c, k, d, Z + i * d, &dist[i]);
		inertia += dist[i];
	}
	*iters = it + 1;
	return inertia;
}

static const struct seg_kmeans *sort_model;
static const uint64_t *sort_sizes;

static int cmp_cluster(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	size_t d = sort_model->d;
	if (sort_sizes[a] != sort_sizes[b])
		return sort_sizes[a] > sort_sizes[b] ? -1 : 1;
	for (size_t j = 0; j < d; j++) {
		double x = sort_model->c[a * d + j], y = sort_model->c[b * d + j];
		if (x != y)
			return x < y ? -1 : 1;
	}
	return a < b ? -1 : a > b;
}

void seg_kmeans_fit(struct seg_kmeans *m, const double *X, size_t n, size_t k, uint64_t seed,
		    int n_init, int max_iter)
{
	size_t d = m->d;
	double *Z = xmalloc(n * d * sizeof(double) + 1);
	double *c = xcalloc(k * d, sizeof(double)), *bestc = xcalloc(k * d, sizeof(double));
	double *closest = xmalloc(n * sizeof(double) + 1), *cum = xmalloc(n * sizeof(double) + 1);
	double *cand = xcalloc(d, sizeof(double)), *sum = xcalloc(k * d, sizeof(double));
	uint32_t *label = xmalloc(n * sizeof(uint32_t) + 1);
	uint64_t *cnt = xcalloc(k, sizeof(uint64_t));
	double best = INFINITY;
	size_t *order = xcalloc(k, sizeof(size_t));

	m->k = k;
	m->n = n;
	m->seed = seed;
	m->n_init = n_init;
	m->mean = xcalloc(d, sizeof(double));
	m->sd = xcalloc(d, sizeof(double));
	for (size_t j = 0; j < d; j++) {
		double s = 0, ss = 0;
		for (size_t i = 0; i < n; i++)
			s += X[i * d + j];
		m->mean[j] = s / (double)n;
		for (size_t i = 0; i < n; i++) {
			double t = X[i * d + j] - m->mean[j];
			ss += t * t;
		}
		m->sd[j] = sqrt(ss / (double)n);
		for (size_t i = 0; i < n; i++)
			Z[i * d + j] = m->sd[j] > 0 ? (X[i * d + j] - m->mean[j]) / m->sd[j] : 0;
	}
	for (int run = 0; run < n_init; run++) {
		struct rng r;
		int iters;
		double in;
		rng_seed_item(&r, seed, (uint64_t)run);
		plusplus(Z, n, d, k, &r, c, closest, cum, cand);
		in = lloyd(Z, n, d, k, c, label, closest, sum, cnt, max_iter, &iters);
		if (in < best) {
			best = in;
			memcpy(bestc, c, k * d * sizeof(double));
			m->iterations = iters;
		}
	}
	/* final sizes, clusters ordered by size (then centre) */
	m->c = bestc;
	memset(cnt, 0, k * sizeof(uint64_t));
	best = 0;
	for (size_t i = 0; i < n; i++) {
		double dd;
		cnt[nearest(bestc, k, d, Z + i * d, &dd)]++;
		best += dd;
	}
	for (size_t i = 0; i < k; i++)
		order[i] = i;
	sort_model = m;
	sort_sizes = cnt;
	qsort(order, k, sizeof(size_t), cmp_cluster);
	m->c = xcalloc(k * d, sizeof(double));
	m->sizes = xcalloc(k, sizeof(uint64_t));
	for (size_t i = 0; i < k; i++) {
		memcpy(m->c + i * d, bestc + order[i] * d, d * sizeof(double));
		m->sizes[i] = cnt[order[i]];
	}
	m->inertia = best;
	free(bestc);
	free(Z);
	free(c);
	free(closest);
	free(cum);
	free(cand);
	free(sum);
	free(label);
	free(cnt);
	free(order);
}

size_t seg_kmeans_assign(const struct seg_kmeans *m, const double *x, double *dd)
{
	double z[64];
	for (size_t j = 0; j < m->d; j++)
		z[j] = m->sd[j] > 0 ? (x[j] - m->mean[j]) / m->sd[j] : 0;
	return nearest(m->c, m->k, m->d, z, dd);
}

static void num(strbuf *sb, double x)
{
	char buf[40];
	format_double(x == 0 ? 0 : x, buf, sizeof(buf));
	sb_adds(sb, buf);
}

static void nums(strbuf *sb, const double *v, size_t n)
{
	sb_addc(sb, '[');
	for (size_t j = 0; j < n; j++) {
		if (j)
			sb_adds(sb, ", ");
		num(sb, v[j]);
	}
	sb_addc(sb, ']');
}

void seg_kmeans_write(const struct seg_kmeans *m, strbuf *sb)
{
	double raw[64];
	sb_addf(sb, "{\n  \"k\": %zu,\n  \"features\": [", m->k);
	for (size_t j = 0; j < m->d; j++) {
		if (j)
			sb_adds(sb, ", ");
		json_write_string(sb, m->feat_src[j], strlen(m->feat_src[j]));
	}
	sb_adds(sb, "],\n  \"mean\": ");
	nums(sb, m->mean, m->d);
	sb_adds(sb, ",\n  \"sd\": ");
	nums(sb, m->sd, m->d);
	sb_adds(sb, ",\n  \"centroids\": [\n");
	for (size_t i = 0; i < m->k; i++) {
		for (size_t j = 0; j < m->d; j++)
			raw[j] = m->mean[j] + m->c[i * m->d + j] * m->sd[j];
		sb_addf(sb, "    {\"segment\": \"c%zu\", \"size\": %llu, \"z\": ", i,
			(unsigned long long)m->sizes[i]);
		nums(sb, m->c + i * m->d, m->d);
		sb_adds(sb, ", \"center\": ");
		nums(sb, raw, m->d);
		sb_adds(sb, i + 1 < m->k ? "},\n" : "}\n");
	}
	sb_adds(sb, "  ],\n  \"inertia\": ");
	num(sb, m->inertia);
	sb_addf(sb, ",\n  \"n\": %llu,\n  \"seed\": %llu,\n  \"n_init\": %d\n}\n",
		(unsigned long long)m->n, (unsigned long long)m->seed, m->n_init);
}

static void bad(const char *path, const char *msg)
{
	scrm_die(SCRM_EXIT_USAGE, "%s: %s (write it with scrm-segment --kmeans K --features ... "
		 "--fit)", path, msg);
}

static int get_nums(json_t *a, double *out, size_t n)
{
	if (!json_is_array(a) || json_array_size(a) != n)
		return -1;
	for (size_t j = 0; j < n; j++) {
		json_t *v = json_array_get(a, j);
		if (!json_is_number(v))
			return -1;
		out[j] = json_number_value(v);
	}
	return 0;
}

void seg_kmeans_load(struct seg_kmeans *m, const char *path)
{
	json_t *root = conf_load(path), *f, *cs;
	m->path = xstrdup(path);
	f = json_object_get(root, "features");
	cs = json_object_get(root, "centroids");
	if (!json_is_array(f) || json_array_size(f) == 0 || json_array_size(f) > 64)
		bad(path, "\"features\": expected an array of 1 to 64 expressions");
	if (!json_is_array(cs) || json_array_size(cs) == 0)
		bad(path, "\"centroids\": expected a non-empty array");
	m->d = json_array_size(f);
	m->k = json_array_size(cs);
	m->feat_src = xcalloc(m->d, sizeof(char *));
	m->feat = xcalloc(m->d, sizeof(expr *));
	for (size_t j = 0; j < m->d; j++) {
		json_t *s = json_array_get(f, j);
		char label[200];
		if (!json_is_string(s))
			bad(path, "\"features\": expected strings");
		m->feat_src[j] = xstrdup(json_string_value(s));
		snprintf(label, sizeof(label), "%s: features[%zu]", path, j);
		m->feat[j] = expr_compile_or_die(label, m->feat_src[j]);
	}
	m->mean = xcalloc(m->d, sizeof(double));
	m->sd = xcalloc(m->d, sizeof(double));
	if (get_nums(json_object_get(root, "mean"), m->mean, m->d) ||
	    get_nums(json_object_get(root, "sd"), m->sd, m->d))
		bad(path, "\"mean\" and \"sd\": expected one number per feature");
	m->c = xcalloc(m->k * m->d, sizeof(double));
	m->sizes = xcalloc(m->k, sizeof(uint64_t));
	m->names = xcalloc(m->k, sizeof(char *));
	for (size_t i = 0; i < m->k; i++) {
		json_t *o = json_array_get(cs, i), *s;
		char buf[32];
		if (!json_is_object(o) || get_nums(json_object_get(o, "z"), m->c + i * m->d, m->d))
			bad(path, "\"centroids\": each needs \"z\", one number per feature");
		s = json_object_get(o, "segment");
		snprintf(buf, sizeof(buf), "c%zu", i);
		if (s && (!json_is_string(s) || !*json_string_value(s)))
			bad(path, "\"centroids\": \"segment\" must be a non-empty string");
		m->names[i] = xstrdup(s ? json_string_value(s) : buf);
	}
	json_decref(root);
}

void seg_kmeans_free(struct seg_kmeans *m)
{
	for (size_t j = 0; j < m->d; j++) {
		free(m->feat_src ? m->feat_src[j] : NULL);
		expr_free(m->feat ? m->feat[j] : NULL);
	}
	free(m->feat_src);
	free(m->feat);
	free(m->mean);
	free(m->sd);
	free(m->c);
	free(m->sizes);
	for (size_t i = 0; m->names && i < m->k; i++)
		free(m->names[i]);
	free(m->names);
	free(m->path);
	memset(m, 0, sizeof(*m));
}
