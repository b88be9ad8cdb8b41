/*
 * Scoring one record with every model: the formulas of the man page's
 * MODEL FILE section.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "score.h"
#include "banned.h"

double score_round(double v)
{
	if (!(v > 0))	/* also NaN */
		return 0;
	if (v > 100)
		v = 100;
	return floor(v * 10 + 0.5) / 10;
}

/* Explanation values: four decimals are plenty to read. */
static sv num4(double v)
{
	return sv_num(floor(v * 1e4 + 0.5) / 1e4);
}

int score_days(const sv *v, long *days)
{
	struct date_val d;
	if (!v || v->type != SV_STR ||
	    date_parse(v->u.s, v->len, 0, &d) != DATE_OK)
		return 0;
	*days = days_from_civil(d.year, d.month, d.day ? d.day : 1);
	return 1;
}

double score_feature(const sv *v, int *ok)
{
	double d;
	*ok = 1;
	if (v->type == SV_NUM && isfinite(v->u.num.d))
		return v->u.num.d;
	if (v->type == SV_BOOL)
		return v->b;
	if (v->type == SV_STR && sv_to_double(v, &d) && isfinite(d))
		return d;
	*ok = 0;
	return 0;
}

static const char *product_category(const sv *p)
{
	return p->type == SV_OBJ ? sv_get_str(p, "category") : NULL;
}

static int in_list(const char *s, char *const *list, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/*
 * The newest product of the categories (by date; one without a date only
 * when none has one). *age is its age in years, or -1 when unknown.
 */
static const sv *newest(const sv *products, char *const *cats, size_t ncats, long today,
			double *age)
{
	const sv *best = NULL;
	long best_days = 0;
	int best_dated = 0;
	*age = -1;
	if (!products || products->type != SV_ARR)
		return NULL;
	for (uint32_t i = 0; i < products->len; i++) {
		const sv *p = &products->u.items[i];
		long d;
		int dated;
		if (!in_list(product_category(p), cats, ncats))
			continue;
		dated = score_days(sv_get(p, "date"), &d);
		if (!best || (dated && (!best_dated || d > best_days))) {
			best = p;
			best_dated = dated;
			best_days = dated ? d : 0;
		}
	}
	if (best && best_dated)
		*age = today > best_days ? (double)(today - best_days) / 365.25 : 0;
	return best;
}

static double score_points(const struct model *m, const sv *rec, struct expr_ctx *ctx, sv *ex)
{
	double sum = m->base;
	if (ex)
		sv_set(ctx->a, ex, "base", num4(m->base));
	for (size_t i = 0; i < m->nterms; i++)
		if (expr_test(m->terms[i].e, rec, ctx)) {
			sum += m->terms[i].w;
			if (ex)
				sv_set(ctx->a, ex, m->terms[i].text, num4(m->terms[i].w));
		}
	if (ex)
		sv_set(ctx->a, ex, "sum", num4(sum));
	return sum;
}

static double score_replacement(const struct model *m, const sv *rec, struct expr_ctx *ctx,
				sv *ex)
{
	double age, curve = 0, svc = 0, fault = 0, n = 0;
	int ok;
	const sv *p = newest(sv_get(rec, "products"), &m->category, 1, ctx->today, &age), *f, *s;
	if (!p) {
		if (ex)
			sv_set(ctx->a, ex, "owned", sv_bool(0));
		return 0;
	}
	if (age >= 0)
		curve = 100 / (1 + exp(-m->steepness * (age / m->life - 1)));
	s = sv_get(p, "services");
	if (s)
		n = score_feature(s, &ok);
	if (n > 0)
		svc = fmin(n * m->service_points, m->service_max);
	f = sv_get(p, "fault");
	if (f && !sv_is_empty(f) && !(f->type == SV_BOOL && !f->b))
		fault = m->fault_points;
	if (ex) {
		sv_set(ctx->a, ex, "age_years", age >= 0 ? num4(age) : sv_null());
		sv_set(ctx->a, ex, "life_years", num4(m->life));
		sv_set(ctx->a, ex, "curve", num4(curve));
		sv_set(ctx->a, ex, "services", num4(n));
		sv_set(ctx->a, ex, "service_points", num4(svc));
		sv_set(ctx->a, ex, "fault_points", num4(fault));
	}
	return curve + svc + fault;
}

static int owns_any(const sv *products, char *const *cats, size_t n)
{
	if (!products || products->type != SV_ARR)
		return 0;
	for (uint32_t i = 0; i < products->len; i++)
		if (in_list(product_category(&products->u.items[i]), cats, n))
			return 1;
	return 0;
}

static double score_cross(const struct model *m, const sv *rec, struct expr_ctx *ctx, sv *ex)
{
	const sv *products = sv_get(rec, "products");
	double age, v = 0;
	const sv *p = newest(products, m->owns, m->nowns, ctx->today, &age);
	int lacks = !owns_any(products, m->lacks, m->nlacks);
	if (p && lacks) {
		v = 100;
		if (m->half_life > 0 && age > 0)
			v = 100 * exp2(-age / m->half_life);
	}
	if (ex) {
		sv_set(ctx->a, ex, "owns", sv_bool(p != NULL));
		sv_set(ctx->a, ex, "lacks", sv_bool(lacks));
		if (p && m->half_life > 0)
			sv_set(ctx->a, ex, "age_years", age >= 0 ? num4(age) : sv_null());
	}
	return v;
}

static double score_set(const struct model *m, const sv *rec, struct expr_ctx *ctx, sv *ex)
{
	const sv *products = sv_get(rec, "products");
	size_t k = 0;
	sv owned = sv_arr(), missing = sv_arr();
	for (size_t i = 0; i < m->nowns; i++) {
		int has = owns_any(products, &m->owns[i], 1);
		k += has;
		if (ex)
			sv_arr_push(ctx->a, has ? &owned : &missing, sv_str_static(m->owns[i]));
	}
	if (ex) {
		sv_set(ctx->a, ex, "owned", owned);
		sv_set(ctx->a, ex, "missing", missing);
	}
	if (k == 0 || k == m->nowns)
		return 0;
	return 100.0 * (double)k / (double)m->nowns;
}

static double score_activity(const struct model *m, const sv *rec, struct expr_ctx *ctx, sv *ex)
{
	const sv *ed = sv_get(rec, "event_dates");
	double total = 0;
	for (size_t i = 0; i < m->nevents; i++) {
		const sv *dates = ed && ed->type == SV_OBJ ? sv_get(ed, m->events[i]) : NULL;
		double x = 0;
		if (dates && dates->type == SV_ARR)
			for (uint32_t k = 0; k < dates->len; k++) {
				long d;
				if (score_days(&dates->u.items[k], &d))
					x += exp2(-(double)(ctx->today > d ? ctx->today - d : 0) /
						  m->half_life);
			}
		total += m->event_w[i] * x;
		if (ex)
			sv_set(ctx->a, ex, m->events[i], num4(m->event_w[i] * x));
	}
	if (ex)
		sv_set(ctx->a, ex, "total", num4(total));
	return 100 * (1 - exp(-total / m->scale));
}

int rfm_values(const struct model *m, const sv *rec, struct expr_ctx *ctx, double v[3])
{
	for (int k = 0; k < 3; k++) {
		sv x = expr_eval(m->rfm_e[k], rec, ctx);
		int ok;
		v[k] = score_feature(&x, &ok);
		if (!ok && k == RFM_R)
			return 0;
	}
	v[RFM_R] = -v[RFM_R];
	return 1;
}

int rfm_bucket(const struct cut *cuts, double key, const char *uid)
{
	int b = 1;
	for (int i = 0; i < 4; i++)
		if (key > cuts[i].key || (key == cuts[i].key && strcmp(uid, cuts[i].uid) > 0))
			b++;
	return b;
}

/* The standard R x F segment map (rows r = 1..5, columns f = 1..5). */
const char *rfm_segment(int r, int f)
{
	static const char *const map[5][5] = {
		{ "Hibernating", "Hibernating", "At Risk", "At Risk", "Cannot Lose Them" },
		{ "Hibernating", "Hibernating", "At Risk", "At Risk", "Cannot Lose Them" },
		{ "About To Sleep", "About To Sleep", "Need Attention", "Loyal Customers",
		  "Loyal Customers" },
		{ "Promising", "Potential Loyalists", "Potential Loyalists", "Loyal Customers",
		  "Loyal Customers" },
		{ "New Customers", "Potential Loyalists", "Potential Loyalists", "Champions",
		  "Champions" },
	};
	return map[r - 1][f - 1];
}

static double score_rfm(const struct model *m, sv *rec, struct expr_ctx *ctx, sv *ex)
{
	double v[3];
	int b[3];
	const char *uid = sv_get_str(rec, "uid");
	sv o = sv_obj();
	if (!rfm_values(m, rec, ctx, v)) {
		sv_del(rec, m->rfm_field);
		if (ex)
			sv_set(ctx->a, ex, "purchases", sv_num(0));
		return 0;
	}
	for (int k = 0; k < 3; k++)
		b[k] = rfm_bucket(m->cuts[k], v[k], uid ? uid : "");
	sv_set(ctx->a, &o, "r", sv_num(b[RFM_R]));
	sv_set(ctx->a, &o, "f", sv_num(b[RFM_F]));
	sv_set(ctx->a, &o, "m", sv_num(b[RFM_M]));
	sv_set(ctx->a, &o, "segment", sv_str_static(rfm_segment(b[RFM_R], b[RFM_F])));
	sv_set(ctx->a, rec, m->rfm_field, o);
	if (ex) {
		sv_set(ctx->a, ex, "recency_days", num4(-v[RFM_R]));
		sv_set(ctx->a, ex, "frequency", num4(v[RFM_F]));
		sv_set(ctx->a, ex, "monetary", num4(v[RFM_M]));
	}
	return 100.0 * (b[0] + b[1] + b[2] - 3) / 12.0;
}

static double score_logistic(const struct model *m, const sv *rec, struct expr_ctx *ctx, sv *ex)
{
	double z = m->base;
	if (ex)
		sv_set(ctx->a, ex, "intercept", num4(m->base));
	for (size_t i = 0; i < m->nterms; i++) {
		sv x = expr_eval(m->terms[i].e, rec, ctx);
		int ok;
		double t = m->terms[i].w * score_feature(&x, &ok);
		z += t;
		if (ex)
			sv_set(ctx->a, ex, m->terms[i].text, ok ? num4(t) : sv_null());
	}
	if (ex)
		sv_set(ctx->a, ex, "logit", num4(z));
	return 100 / (1 + exp(-z));
}

void score_record(const struct models *ms, sv *rec, struct expr_ctx *ctx, int explain,
		  struct score_acc *acc)
{
	const sv *old = sv_get(rec, "score");
	sv scores = sv_obj(), exs = sv_obj();
	if (old && old->type == SV_OBJ) {
		/* a copy of the pairs: the input's object is not appended to in place */
		scores = sv_obj();
		for (uint32_t i = 0; i < old->len; i++)
			sv_append(ctx->a, &scores, old->u.pairs[i].key, old->u.pairs[i].val);
	}
	for (size_t i = 0; i < ms->n; i++) {
		const struct model *m = &ms->m[i];
		sv ex = sv_obj(), *pex = explain ? &ex : NULL;
		double v = 0;
		switch (m->type) {
		case M_POINTS: v = score_points(m, rec, ctx, pex); break;
		case M_REPLACEMENT: v = score_replacement(m, rec, ctx, pex); break;
		case M_CROSS: v = score_cross(m, rec, ctx, pex); break;
		case M_SET: v = score_set(m, rec, ctx, pex); break;
		case M_RFM: v = score_rfm(m, rec, ctx, pex); break;
		case M_ACTIVITY: v = score_activity(m, rec, ctx, pex); break;
		case M_LOGISTIC: v = score_logistic(m, rec, ctx, pex); break;
		}
		v = score_round(v);
		sv_set(ctx->a, &scores, m->name, sv_num(v));
		/* the models after this one can read score.<name> */
		sv_set(ctx->a, rec, "score", scores);
		if (explain)
			sv_set(ctx->a, &exs, m->name, ex);
		if (acc) {
			acc->tenths[i] += (uint64_t)llround(v * 10);
			acc->nonzero[i] += v > 0;
		}
	}
	if (acc)
		acc->records++;
	if (explain)
		sv_set(ctx->a, rec, "score_explain", exs);
}
