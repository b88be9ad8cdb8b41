/*
 * Small helpers of scrm-segment (seg.h): lists, numbers, hashing, the
 * group tables and the lift statistics.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg.h"
#include "banned.h"


int seg_num(const sv *v, double *out)
{
	if (!v)
		return 0;
	if (v->type == SV_NUM) {
		*out = v->u.num.d;
		return isfinite(*out);
	}
	if (v->type == SV_BOOL) {
		*out = v->b;
		return 1;
	}
	if (v->type == SV_STR && v->len)
		return sv_to_double(v, out) && isfinite(*out);
	return 0;
}

const char *seg_key(const sv *rec, const char *field, size_t *len)
{
	const sv *v = sv_path(rec, field);
	if (!v)
		return NULL;
	if (v->type == SV_STR && v->len) {
		*len = v->len;
		return v->u.s;
	}
	if (v->type == SV_NUM && v->u.num.text) {
		*len = strlen(v->u.num.text);
		return v->u.num.text;
	}
	return NULL;
}

double seg_unit_hash(const char *key, size_t len, uint64_t seed)
{
	uint64_t h = hash64(key, len, seed * 0x9e3779b97f4a7c15ULL + 0x5e67e47ULL);
	/* a final mix: hash64 may be weak in its low bits */
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

char *seg_column_name(const char *prefix, const char *src)
{
	strbuf sb = STRBUF_INIT;
	int last_us = 0;
	sb_adds(&sb, prefix);
	for (const char *p = src; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80;
		if (ok) {
			sb_addc(&sb, *p);
			last_us = 0;
		} else if (!last_us) {
			sb_addc(&sb, '_');
			last_us = 1;
		}
	}
	while (sb.len > strlen(prefix) && sb.buf[sb.len - 1] == '_')
		sb_setlen(&sb, sb.len - 1);
	return sb_detach(&sb);
}

double seg_round(double x, int digits)
{
	double f = pow(10, digits);
	double r = x < 0 ? -floor(-x * f + 0.5) / f : floor(x * f + 0.5) / f;
	return r == 0 ? 0 : r;
}

sv seg_num_sv(arena *a, double x)
{
	char buf[40];
	size_t n;
	if (!isfinite(x))
		return sv_null();
	n = format_double(x == 0 ? 0 : x, buf, sizeof(buf));
	return sv_num_text(a, buf, n);
}

/* ---- group tables ---- */

__int128 seg_fix(double v)
{
	double s = v * 1e6;
	s = s < 0 ? -floor(-s + 0.5) : floor(s + 0.5);
	if (s > 1e30 || s < -1e30)
		return 0;
	return (__int128)s;
}

double seg_unfix(__int128 f)
{
	/* exact to the millionth: integer and fractional parts apart */
	__int128 ip = f / 1000000, fp = f % 1000000;
	return (double)ip + (double)fp / 1e6;
}

void seg_gt_init(struct seg_gtable *t, size_t nval)
{
	memset(t, 0, sizeof(*t));
	t->nval = nval;
}

void seg_gt_free(struct seg_gtable *t)
{
	for (size_t i = 0; i < t->nslots; i++) {
		free(t->g[i].key);
		free(t->g[i].fix);
		free(t->g[i].nnum);
	}
	free(t->g);
	memset(t, 0, sizeof(*t));
}

static struct seg_group *gt_slot(struct seg_gtable *t, const char *key, size_t len, uint32_t store,
				 uint64_t h)
{
	size_t mask = t->nslots - 1, i = h & mask;
	for (; t->g[i].key; i = (i + 1) & mask) {
		struct seg_group *g = &t->g[i];
		if (g->hash == h && g->store == store && g->keylen == len &&
		    memcmp(g->key, key, len) == 0)
			return g;
	}
	return &t->g[i];
}

static void gt_grow(struct seg_gtable *t)
{
	size_t old = t->nslots;
	struct seg_group *og = t->g;
	t->nslots = old ? old * 2 : 64;
	t->g = xcalloc(t->nslots, sizeof(*t->g));
	for (size_t i = 0; i < old; i++)
		if (og[i].key)
			*gt_slot(t, og[i].key, og[i].keylen, og[i].store, og[i].hash) = og[i];
	free(og);
}

void seg_gt_add(struct seg_gtable *t, const char *key, size_t len, uint32_t store, uint64_t count,
		const __int128 *fix, const uint64_t *nnum)
{
	uint64_t h = hash64(key, len, store);
	struct seg_group *g;
	if ((t->n + 1) * 2 > t->nslots)
		gt_grow(t);
	g = gt_slot(t, key, len, store, h);
	if (!g->key) {
		g->key = xstrndup(key, len);
		g->keylen = len;
		g->hash = h;
		g->store = store;
		g->fix = xcalloc(t->nval + 1, sizeof(__int128));
		g->nnum = xcalloc(t->nval + 1, sizeof(uint64_t));
		t->n++;
	}
	g->count += count;
	for (size_t i = 0; i < t->nval; i++) {
		g->fix[i] += fix[i];
		g->nnum[i] += nnum[i];
	}
}

void seg_gt_merge(struct seg_gtable *into, const struct seg_gtable *from)
{
	for (size_t i = 0; i < from->nslots; i++) {
		const struct seg_group *g = &from->g[i];
		if (g->key)
			seg_gt_add(into, g->key, g->keylen, g->store, g->count, g->fix, g->nnum);
	}
}

static int cmp_group(const void *pa, const void *pb)
{
	const struct seg_group *a = *(struct seg_group *const *)pa;
	const struct seg_group *b = *(struct seg_group *const *)pb;
	size_t n;
	int c;
	if (a->store != b->store)
		return a->store < b->store ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	n = a->keylen < b->keylen ? a->keylen : b->keylen;
	c = memcmp(a->key, b->key, n);
	if (c)
		return c;
	return a->keylen < b->keylen ? -1 : a->keylen > b->keylen;
}

struct seg_group **seg_gt_sorted(const struct seg_gtable *t, size_t *n)
{
	struct seg_group **v = xcalloc(t->n + 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < t->nslots; i++)
		if (t->g[i].key)
			v[k++] = &t->g[i];
	qsort(v, k, sizeof(*v), cmp_group);
	*n = k;
	return v;
}

/* ---- lift ---- */

int seg_outcome_true(const sv *v)
{
	static const char *const yes[] = { "1", "true", "yes", "y", "t" };
	if (!v)
		return 0;
	switch (v->type) {
	case SV_BOOL:
		return v->b;
	case SV_NUM:
		return v->u.num.d != 0;
	case SV_STR:
		for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
			if (ascii_ieq(v->u.s, yes[i]))
				return 1;
		return 0;
	default:
		return 0;
	}
}

#define Z975 1.959963984540054

static void put(arena *a, sv *obj, const char *key, double x, int digits)
{
	sv_append(a, obj, key, isfinite(x) ? seg_num_sv(a, seg_round(x, digits)) : sv_null());
}

void seg_lift_record(arena *a, sv *obj, const struct seg_lift *l, const char *outcome)
{
	double n1 = (double)l->n[0], x1 = (double)l->x[0];
	double n0 = (double)l->n[1], x0 = (double)l->x[1];
	double p1 = n1 > 0 ? x1 / n1 : NAN, p0 = n0 > 0 ? x0 / n0 : NAN;
	double d = p1 - p0, se, lo = NAN, hi = NAN, lift = NAN, llo = NAN, lhi = NAN, z = NAN;
	double pval = NAN;
	sv_append(a, obj, "outcome", sv_strz(a, outcome));
	sv_append(a, obj, "target_n", seg_num_sv(a, n1));
	sv_append(a, obj, "target_converted", seg_num_sv(a, x1));
	put(a, obj, "target_rate", p1, 6);
	sv_append(a, obj, "control_n", seg_num_sv(a, n0));
	sv_append(a, obj, "control_converted", seg_num_sv(a, x0));
	put(a, obj, "control_rate", p0, 6);
	if (n1 > 0 && n0 > 0) {
		/* Wald interval of the difference of two proportions */
		se = sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);
		lo = d - Z975 * se;
		hi = d + Z975 * se;
		/* two-proportion z test, pooled */
		double pp = (x1 + x0) / (n1 + n0);
		double sp = sqrt(pp * (1 - pp) * (1 / n1 + 1 / n0));
		if (sp > 0) {
			z = d / sp;
			pval = erfc(fabs(z) / sqrt(2));
		}
		/*
		 * Katz log interval of the ratio; with a zero count, 0.5 is
		 * added to every cell (Haldane-Anscombe) for the interval only.
		 */
		double a1 = x1, b1 = n1, a0 = x0, b0 = n0;
		if (x1 == 0 || x0 == 0) {
			a1 += 0.5;
			b1 += 1;
			a0 += 0.5;
			b0 += 1;
		}
		double r = (a1 / b1) / (a0 / b0);
		double sl = sqrt(1 / a1 - 1 / b1 + 1 / a0 - 1 / b0);
		llo = exp(log(r) - Z975 * sl);
		lhi = exp(log(r) + Z975 * sl);
		if (x0 > 0)
			lift = p1 / p0;
	}
	put(a, obj, "difference", d, 6);
	put(a, obj, "difference_lo", lo, 6);
	put(a, obj, "difference_hi", hi, 6);
	put(a, obj, "lift", lift, 6);
	put(a, obj, "lift_lo", llo, 6);
	put(a, obj, "lift_hi", lhi, 6);
	put(a, obj, "z", z, 6);
	put(a, obj, "p_value", pval, 6);
	sv_append(a, obj, "ci_method",
		  sv_str_static("95%: Wald (difference), Katz log (lift), 0.5 added on zero cells"));
}
