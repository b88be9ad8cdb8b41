/*
 * The passes that read every record before writing a model file: the
 * RFM cut points (--fit) and logistic regression (--train).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "options.h"
#include "score.h"
#include "writer.h"
#include "banned.h"

/* ---- RFM: NTILE(5) cut points ---- */

struct rfm_row {
	double v[3];
	char *uid;
};

struct rfm_set {
	size_t model;
	struct rfm_row *rows;
	size_t n, cap;
};

struct rfm_fit {
	struct rfm_set *sets;
	size_t nsets;
	const struct models *ms;
};

struct rfm_fit *rfm_fit_new(const struct models *ms, const char *path)
{
	struct rfm_fit *f = xcalloc(1, sizeof(*f));
	f->sets = xcalloc(ms->n ? ms->n : 1, sizeof(*f->sets));
	f->ms = ms;
	for (size_t i = 0; i < ms->n; i++)
		if (ms->m[i].type == M_RFM)
			f->sets[f->nsets++].model = i;
	if (!f->nsets)
		scrm_die(SCRM_EXIT_USAGE, "--fit: %s has no rfm model to fit", path);
	return f;
}

void rfm_fit_record(struct rfm_fit *f, const sv *rec, struct expr_ctx *ctx)
{
	const char *uid = sv_get_str(rec, "uid");
	for (size_t s = 0; s < f->nsets; s++) {
		struct rfm_set *set = &f->sets[s];
		double v[3];
		if (!rfm_values(&f->ms->m[set->model], rec, ctx, v))
			continue;
		grow_array((void **)&set->rows, &set->cap, set->n + 1, sizeof(*set->rows));
		memcpy(set->rows[set->n].v, v, sizeof(v));
		set->rows[set->n++].uid = xstrdup(uid ? uid : "");
	}
}

static int sort_dim;

/* The total order of NTILE: value, then uid bytewise (sqlite's BINARY). */
static int cmp_rows(const void *a, const void *b)
{
	const struct rfm_row *x = a, *y = b;
	double u = x->v[sort_dim], w = y->v[sort_dim];
	if (u != w)
		return u < w ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

static json_t *json_num(double d)
{
	if (d == floor(d) && fabs(d) < 9007199254740992.0)
		return json_integer((json_int_t)d);
	return json_real(d);
}

void rfm_fit_finish(struct rfm_fit *f, struct models *ms, const char *as_of)
{
	static const char *const keys[3] = { "recency", "frequency", "monetary" };
	for (size_t s = 0; s < f->nsets; s++) {
		struct rfm_set *set = &f->sets[s];
		struct model *m = &ms->m[set->model];
		json_t *cuts = json_object(), *fitted = json_object();
		size_t q = set->n / 5, r = set->n % 5;
		if (!set->n)
			scrm_die(SCRM_EXIT_DATA, "--fit: model \"%s\": no record with a purchase",
				 m->name);
		for (int k = 0; k < 3; k++) {
			json_t *arr = json_array();
			size_t end = 0;
			sort_dim = k;
			qsort(set->rows, set->n, sizeof(*set->rows), cmp_rows);
			for (int b = 0; b < 4; b++) {
				const struct rfm_row *last;
				end += q + ((size_t)b < r);
				last = &set->rows[end - 1];
				free(m->cuts[k][b].uid);
				m->cuts[k][b].key = last->v[k];
				m->cuts[k][b].uid = xstrdup(last->uid);
				json_array_append_new(arr, json_pack("[o,s]", json_num(k == RFM_R ?
							-last->v[k] + 0.0 : last->v[k]), last->uid));
			}
			json_object_set_new(cuts, keys[k], arr);
		}
		m->fitted = 1;
		json_object_set_new(fitted, "records", json_integer((json_int_t)set->n));
		if (as_of)
			json_object_set_new(fitted, "as_of", json_string(as_of));
		json_object_set_new(m->j, "cuts", cuts);
		json_object_set_new(m->j, "fitted", fitted);
		for (size_t i = 0; i < set->n; i++)
			free(set->rows[i].uid);
		free(set->rows);
	}
	free(f->sets);
	free(f);
}

/* ---- logistic regression by Newton's method (IRLS) ---- */

#define MAX_ITER 100

struct trainer {
	struct train_opts o;
	char **feat;
	expr **fe;
	expr *label;
	size_t p;
	double *x, *y;	/* n rows of p features; labels */
	unsigned char *test;
	size_t n, cap, ncap, skipped, ntest;
	/* results */
	double *beta;
	int iterations, converged;
	double auc, log_loss;
	const char *problem;
};

/* The --features list: expressions separated by commas outside brackets and quotes. */
static void split_features(struct trainer *t, const char *s)
{
	size_t n;
	char **v = expr_split_list(s, &n);
	for (size_t i = 0; i < n; i++)
		if (!*v[i])
			scrm_usage_error("--features: an empty feature");
	t->feat = v;
	t->p = n;
}

struct trainer *trainer_new(const struct train_opts *o)
{
	struct trainer *t = xcalloc(1, sizeof(*t));
	t->o = *o;
	if (!o->label || !o->features || !o->name)
		scrm_usage_error("--train needs --label, --features and --name");
	split_features(t, o->features);
	t->fe = xcalloc(t->p, sizeof(*t->fe));
	for (size_t i = 0; i < t->p; i++)
		t->fe[i] = expr_compile_or_die("--features", t->feat[i]);
	t->label = expr_compile_or_die("--label", o->label);
	return t;
}

static int label_value(const sv *v, double *y)
{
	double d;
	if (v->type == SV_BOOL) {
		*y = v->b;
		return 1;
	}
	if (v->type == SV_STR && (strcmp(v->u.s, "true") == 0 || strcmp(v->u.s, "false") == 0)) {
		*y = v->u.s[0] == 't';
		return 1;
	}
	if ((v->type == SV_NUM || v->type == SV_STR) && sv_to_double(v, &d) && (d == 0 || d == 1)) {
		*y = d;
		return 1;
	}
	return 0;
}

void trainer_record(struct trainer *t, const sv *rec, struct expr_ctx *ctx)
{
	sv lv = expr_eval(t->label, rec, ctx);
	double y;
	const char *uid = sv_get_str(rec, "uid");
	char idx[32];
	uint64_t h;
	if (!label_value(&lv, &y)) {
		t->skipped++;
		return;
	}
	if (t->n + 1 > t->cap) {
		size_t c = t->cap;
		grow_array((void **)&t->y, &c, t->n + 1, sizeof(*t->y));
		c = t->cap;
		grow_array((void **)&t->test, &c, t->n + 1, 1);
		t->x = xrealloc(t->x, c * t->p * sizeof(*t->x));
		t->cap = c;
	}
	for (size_t j = 0; j < t->p; j++) {
		sv v = expr_eval(t->fe[j], rec, ctx);
		int ok;
		t->x[t->n * t->p + j] = score_feature(&v, &ok);
		if (!ok) {
			t->skipped++;
			return;
		}
	}
	t->y[t->n] = y;
	if (!uid) {
		snprintf(idx, sizeof(idx), "#%zu", t->n + t->skipped);
		uid = idx;
	}
	h = hash64(uid, strlen(uid), t->o.seed);
	t->test[t->n] = (double)(h >> 11) / 9007199254740992.0 < t->o.holdout;
	t->ntest += t->test[t->n];
	t->n++;
}

static double linpred(const struct trainer *t, const double *beta, size_t i)
{
	double z = beta[0];
	for (size_t j = 0; j < t->p; j++)
		z += beta[j + 1] * t->x[i * t->p + j];
	return z;
}

/* Penalised log-likelihood over the training rows. */
static double loglik(const struct trainer *t, const double *beta)
{
	double ll = 0;
	for (size_t i = 0; i < t->n; i++) {
		double z;
		if (t->test[i])
			continue;
		z = linpred(t, beta, i);
		/* y z - log(1 + e^z), computed without overflow */
		ll += t->y[i] * z - (fmax(z, 0) + log1p(exp(-fabs(z))));
	}
	for (size_t j = 1; j <= t->p; j++)
		ll -= 0.5 * t->o.l2 * beta[j] * beta[j];
	return ll;
}

/* Solves A x = b (A symmetric positive definite, d x d) by Cholesky; 0 if singular. */
static int cholesky_solve(double *a, double *b, size_t d)
{
	for (size_t j = 0; j < d; j++) {
		double s = a[j * d + j];
		for (size_t k = 0; k < j; k++)
			s -= a[j * d + k] * a[j * d + k];
		if (!(s > 1e-12 * (1 + fabs(a[j * d + j]))))
			return 0;
		a[j * d + j] = sqrt(s);
		for (size_t i = j + 1; i < d; i++) {
			double v = a[i * d + j];
			for (size_t k = 0; k < j; k++)
				v -= a[i * d + k] * a[j * d + k];
			a[i * d + j] = v / a[j * d + j];
		}
	}
	for (size_t i = 0; i < d; i++) {
		for (size_t k = 0; k < i; k++)
			b[i] -= a[i * d + k] * b[k];
		b[i] /= a[i * d + i];
	}
	for (size_t i = d; i-- > 0;) {
		for (size_t k = i + 1; k < d; k++)
			b[i] -= a[k * d + i] * b[k];
		b[i] /= a[i * d + i];
	}
	return 1;
}

static void newton(struct trainer *t)
{
	size_t d = t->p + 1;
	double *h = xmalloc(d * d * sizeof(double)), *g = xmalloc(d * sizeof(double));
	double *nb = xmalloc(d * sizeof(double)), *xi = xmalloc(d * sizeof(double));
	double ll;
	t->beta = xcalloc(d, sizeof(double));
	ll = loglik(t, t->beta);
	for (t->iterations = 0; t->iterations < MAX_ITER; t->iterations++) {
		double step = 1, change = 0, nll = ll;
		int halvings;
		memset(h, 0, d * d * sizeof(double));
		memset(g, 0, d * sizeof(double));
		for (size_t i = 0; i < t->n; i++) {
			double mu, w;
			if (t->test[i])
				continue;
			mu = 1 / (1 + exp(-linpred(t, t->beta, i)));
			w = mu * (1 - mu);
			xi[0] = 1;
			memcpy(xi + 1, t->x + i * t->p, t->p * sizeof(double));
			for (size_t j = 0; j < d; j++) {
				g[j] += (t->y[i] - mu) * xi[j];
				for (size_t k = 0; k <= j; k++)
					h[j * d + k] += w * xi[j] * xi[k];
			}
		}
		for (size_t j = 1; j < d; j++) {
			g[j] -= t->o.l2 * t->beta[j];
			h[j * d + j] += t->o.l2;
		}
		for (size_t j = 0; j < d; j++)
			for (size_t k = j + 1; k < d; k++)
				h[j * d + k] = h[k * d + j];
		if (!cholesky_solve(h, g, d)) {
			t->problem = "the Hessian is singular (separable classes or collinear "
				     "features?); try --l2";
			break;
		}
		for (halvings = 0; halvings < 50; halvings++, step /= 2) {
			for (size_t j = 0; j < d; j++)
				nb[j] = t->beta[j] + step * g[j];
			nll = loglik(t, nb);
			if (nll >= ll - 1e-12 * (1 + fabs(ll)))
				break;
		}
		for (size_t j = 0; j < d; j++) {
			double c = fabs(nb[j] - t->beta[j]) / (1 + fabs(t->beta[j]));
			if (c > change)
				change = c;
		}
		memcpy(t->beta, nb, d * sizeof(double));
		ll = nll;
		if (change < 1e-10) {
			t->iterations++;
			t->converged = 1;
			break;
		}
	}
	if (!t->converged && !t->problem)
		t->problem = "no convergence in 100 iterations (separable classes?); try --l2";
	free(h);
	free(g);
	free(nb);
	free(xi);
}

struct scored {
	double p;
	double y;
};

static int cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	return x->p < y->p ? -1 : x->p > y->p;
}

/* AUC (Mann-Whitney, ties count half) and mean log-loss on the evaluation rows. */
static void evaluate(struct trainer *t, int on_test)
{
	struct scored *s = xmalloc((t->n ? t->n : 1) * sizeof(*s));
	size_t n = 0;
	double n1 = 0, ranks = 0, ll = 0;
	for (size_t i = 0; i < t->n; i++) {
		double p;
		if (t->test[i] != on_test)
			continue;
		p = 1 / (1 + exp(-linpred(t, t->beta, i)));
		s[n].p = p;
		s[n++].y = t->y[i];
		p = fmin(fmax(p, 1e-15), 1 - 1e-15);
		ll -= t->y[i] ? log(p) : log(1 - p);
		n1 += t->y[i];
	}
	qsort(s, n, sizeof(*s), cmp_scored);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		double pos = 0;
		while (j < n && s[j].p == s[i].p)
			pos += s[j++].y;
		ranks += pos * ((double)(i + 1 + j) / 2);
		i = j;
	}
	t->auc = n1 > 0 && n1 < (double)n ? (ranks - n1 * (n1 + 1) / 2) / (n1 * ((double)n - n1))
					   : NAN;
	t->log_loss = n ? ll / (double)n : NAN;
	free(s);
}

static json_t *json_metric(double v)
{
	return isfinite(v) ? json_real(floor(v * 1e6 + 0.5) / 1e6) : json_null();
}

void trainer_finish(struct trainer *t, struct models *ms)
{
	json_t *m = json_object(), *w = json_object(), *fit = json_object(), *list;
	size_t ntrain = t->n - t->ntest, i;
	int on_test = t->ntest > 0;
	if (ntrain == 0)
		scrm_die(SCRM_EXIT_DATA, "--train: no record with a 0/1 label and every feature");
	newton(t);
	evaluate(t, on_test);
	if (t->problem)
		scrm_warn("--train: model \"%s\": %s", t->o.name, t->problem);
	scrm_warn("--train: model \"%s\": %zu records (%zu held out, %zu skipped), %d iterations; "
		  "%s AUC %.4f, log-loss %.4f", t->o.name, ntrain, t->ntest, t->skipped,
		  t->iterations, on_test ? "holdout" : "training", t->auc, t->log_loss);
	json_object_set_new(m, "name", json_string(t->o.name));
	json_object_set_new(m, "type", json_string("logistic"));
	for (size_t j = 0; j < t->p; j++)
		json_object_set_new(w, t->feat[j], json_real(t->beta[j + 1]));
	json_object_set_new(m, "weights", w);
	json_object_set_new(m, "intercept", json_real(t->beta[0]));
	json_object_set_new(m, "l2", json_real(t->o.l2));
	json_object_set_new(fit, "label", json_string(t->o.label));
	json_object_set_new(fit, "records", json_integer((json_int_t)ntrain));
	json_object_set_new(fit, "holdout", json_integer((json_int_t)t->ntest));
	json_object_set_new(fit, "iterations", json_integer(t->iterations));
	json_object_set_new(fit, "converged", json_boolean(t->converged));
	json_object_set_new(fit, on_test ? "holdout_auc" : "training_auc", json_metric(t->auc));
	json_object_set_new(fit, on_test ? "holdout_log_loss" : "training_log_loss",
			    json_metric(t->log_loss));
	json_object_set_new(m, "fit", fit);
	list = json_object_get(ms->root, "models");
	for (i = 0; i < json_array_size(list); i++) {
		const char *name = json_string_value(json_object_get(json_array_get(list, i), "name"));
		if (name && strcmp(name, t->o.name) == 0)
			break;
	}
	if (i < json_array_size(list))
		json_array_set_new(list, i, m);
	else
		json_array_append_new(list, m);
}

void trainer_stats(strbuf *json, const struct trainer *t)
{
	sb_addf(json, ",\"train\":{\"records\":%zu,\"holdout\":%zu,\"skipped\":%zu,"
		"\"iterations\":%d,\"converged\":%s", t->n - t->ntest, t->ntest, t->skipped,
		t->iterations, t->converged ? "true" : "false");
	if (isfinite(t->auc))
		sb_addf(json, ",\"auc\":%.6f", t->auc);
	if (isfinite(t->log_loss))
		sb_addf(json, ",\"log_loss\":%.6f", t->log_loss);
	sb_addc(json, '}');
}
