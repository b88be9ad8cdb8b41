/*
 * scrm-eval's scores: small examples worked out by hand, then random
 * clusterings checked against the definitions applied pair by pair.
 */
#include "../../cmd/scrm-eval/eval.h"
#include "../../cmd/scrm-eval/truth.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "banned.h"

#define CHECK_NEAR(got, want, ctx)                                           \
	do {                                                                 \
		double g_ = (got), w_ = (want);                              \
		CHECK(fabs(g_ - w_) < 1e-12, "%s: got %.17g, want %.17g",    \
		      (ctx), g_, w_);                                        \
	} while (0)

/* One record: truth, pred ("" for none) and side labels. */
struct rec {
	const char *truth, *pred, *side;
};

static struct eval *score(const struct rec *recs, size_t n, int cross,
			  struct eval_result *r)
{
	struct eval *e = eval_new(cross);
	for (size_t i = 0; i < n; i++)
		eval_add(e, recs[i].truth, strlen(recs[i].truth),
			 *recs[i].pred ? recs[i].pred : NULL, strlen(recs[i].pred),
			 recs[i].side, strlen(recs[i].side));
	eval_compute(e, r);
	return e;
}

/*
 * truth a = {1,2,3}, b = {4,5}; pred x = {1,2}, y = {3,4}, z = {5}.
 * Pairs: true 3 + 1 = 4, predicted 1 + 1 = 2, tp (1,2) only.
 * B-cubed precision (1 + 1 + 1/2 + 1/2 + 1) / 5 = 4/5;
 * recall (2/3 + 2/3 + 1/3 + 1/2 + 1/2) / 5 = 8/15.
 */
static void test_hand_example(void)
{
	static const struct rec recs[] = {
		{ "a", "x", "" }, { "a", "x", "" }, { "a", "y", "" },
		{ "b", "y", "" }, { "b", "z", "" },
	};
	struct eval_result r;
	struct eval *e = score(recs, 5, 0, &r);
	CHECK_INT(r.records, 5, "records");
	CHECK_INT(r.truth_clusters, 2, "truth clusters");
	CHECK_INT(r.pred_clusters, 3, "pred clusters");
	CHECK_INT(r.truth_pairs, 4, "truth pairs");
	CHECK_INT(r.pred_pairs, 2, "pred pairs");
	CHECK_INT(r.tp, 1, "tp");
	CHECK_INT(r.fp, 1, "fp");
	CHECK_INT(r.fn, 3, "fn");
	CHECK_NEAR(r.pair_precision, 0.5, "pair precision");
	CHECK_NEAR(r.pair_recall, 0.25, "pair recall");
	CHECK_NEAR(r.pair_f1, 1.0 / 3, "pair f1");
	CHECK_NEAR(r.bcubed_precision, 4.0 / 5, "bcubed precision");
	CHECK_NEAR(r.bcubed_recall, 8.0 / 15, "bcubed recall");
	CHECK_NEAR(r.bcubed_f1, 2 * (4.0 / 5) * (8.0 / 15) / (4.0 / 5 + 8.0 / 15), "bcubed f1");
	eval_free(e);
}

/*
 * Sides A and B: r1 (a,x,A) r2 (a,x,B) r3 (a,x,A) r4 (b,y,A) r5 (b,x,B).
 * Across sides: true pairs (1,2) (2,3) (4,5) = 3; predicted pairs of x
 * {1,3} x {2,5} = 4; tp (1,2) (3,2) = 2. Without --cross: true 4,
 * predicted 6, tp 3. B-cubed is the same either way: precision
 * (3/4 * 3 + 1 + 1/4) / 5 = 7/10, recall (1 * 3 + 1/2 + 1/2) / 5 = 4/5.
 */
static void test_cross(void)
{
	static const struct rec recs[] = {
		{ "a", "x", "A" }, { "a", "x", "B" }, { "a", "x", "A" },
		{ "b", "y", "A" }, { "b", "x", "B" },
	};
	struct eval_result r;
	struct eval *e = score(recs, 5, 1, &r);
	CHECK_INT(r.truth_pairs, 3, "cross truth pairs");
	CHECK_INT(r.pred_pairs, 4, "cross pred pairs");
	CHECK_INT(r.tp, 2, "cross tp");
	CHECK_INT(r.fp, 2, "cross fp");
	CHECK_INT(r.fn, 1, "cross fn");
	CHECK_NEAR(r.pair_precision, 0.5, "cross precision");
	CHECK_NEAR(r.pair_recall, 2.0 / 3, "cross recall");
	CHECK_NEAR(r.pair_f1, 4.0 / 7, "cross f1");
	CHECK_NEAR(r.bcubed_precision, 0.7, "cross bcubed precision");
	CHECK_NEAR(r.bcubed_recall, 0.8, "cross bcubed recall");
	eval_free(e);

	e = score(recs, 5, 0, &r);
	CHECK_INT(r.truth_pairs, 4, "all truth pairs");
	CHECK_INT(r.pred_pairs, 6, "all pred pairs");
	CHECK_INT(r.tp, 3, "all tp");
	CHECK_NEAR(r.pair_precision, 0.5, "all precision");
	CHECK_NEAR(r.pair_recall, 0.75, "all recall");
	CHECK_NEAR(r.bcubed_precision, 0.7, "all bcubed precision");
	eval_free(e);
}

/* Undefined scores are NaN; records without a prediction stay apart. */
static void test_edges(void)
{
	static const struct rec singletons[] = {
		{ "a", "", "" }, { "a", "", "" }, { "b", "", "" },
	};
	static const struct rec perfect[] = {
		{ "1", "p", "" }, { "1", "p", "" }, { "2", "q", "" }, { "3", "r", "" },
	};
	struct eval_result r;
	struct eval *e = score(NULL, 0, 0, &r);
	CHECK_INT(r.records, 0, "empty records");
	CHECK(isnan(r.pair_precision) && isnan(r.pair_recall) && isnan(r.pair_f1),
	      "empty: pairwise scores undefined");
	CHECK(isnan(r.bcubed_precision) && isnan(r.bcubed_recall) && isnan(r.bcubed_f1),
	      "empty: B-cubed scores undefined");
	eval_free(e);

	e = score(singletons, 3, 0, &r);
	CHECK_INT(r.pred_clusters, 3, "no prediction: own clusters");
	CHECK_INT(r.pred_pairs, 0, "no prediction: no pairs");
	CHECK_INT(r.fn, 1, "no prediction: fn");
	CHECK(isnan(r.pair_precision), "no predicted pair: precision undefined");
	CHECK_NEAR(r.pair_recall, 0, "no predicted pair: recall");
	CHECK_NEAR(r.pair_f1, 0, "no predicted pair: f1");
	CHECK_NEAR(r.bcubed_precision, 1, "singletons: bcubed precision");
	CHECK_NEAR(r.bcubed_recall, (0.5 + 0.5 + 1) / 3, "singletons: bcubed recall");
	eval_free(e);

	e = score(perfect, 4, 0, &r);
	CHECK_NEAR(r.pair_precision, 1, "perfect precision");
	CHECK_NEAR(r.pair_recall, 1, "perfect recall");
	CHECK_NEAR(r.bcubed_f1, 1, "perfect bcubed f1");
	eval_free(e);

	e = score(perfect + 2, 2, 0, &r);
	CHECK(isnan(r.pair_precision) && isnan(r.pair_recall) && isnan(r.pair_f1),
	      "no pairs at all: pairwise undefined");
	CHECK_NEAR(r.bcubed_f1, 1, "no pairs at all: bcubed");
	eval_free(e);
}

static void test_pairs_64bit(void)
{
	CHECK_INT(eval_pairs(0), 0, "C(0,2)");
	CHECK_INT(eval_pairs(1), 0, "C(1,2)");
	CHECK_INT(eval_pairs(5), 10, "C(5,2)");
	/* 2^32 records in one cluster: 2^31 (2^32 - 1) pairs, past 2^32 and 2^53 */
	CHECK(eval_pairs(1ULL << 32) == (1ULL << 31) * ((1ULL << 32) - 1), "C(2^32,2)");
	CHECK(eval_pairs(3000000001ULL) == 3000000001ULL * 1500000000ULL, "C(3e9+1,2)");
}

/* ---- random clusterings against the definitions, pair by pair ---- */

static uint64_t rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

struct brute {
	uint64_t truth_pairs, pred_pairs, tp;
	double bp, br;
};

/* pred[i] < 0: record i has no prediction, a cluster of its own. */
static void brute_force(const int *truth, const int *pred, const int *side, size_t n,
			int cross, struct brute *b)
{
	memset(b, 0, sizeof(*b));
	for (size_t i = 0; i < n; i++) {
		double same_pred = 0, same_truth = 0, both = 0;
		for (size_t j = 0; j < n; j++) {
			int st = truth[i] == truth[j];
			int sp = i == j || (pred[i] >= 0 && pred[i] == pred[j]);
			same_truth += st;
			same_pred += sp;
			both += st && sp;
			if (j <= i || (cross && side[i] == side[j]))
				continue;
			b->truth_pairs += (uint64_t)st;
			b->pred_pairs += (uint64_t)sp;
			b->tp += (uint64_t)(st && sp);
		}
		b->bp += both / same_pred;
		b->br += both / same_truth;
	}
	b->bp /= (double)n;
	b->br /= (double)n;
}

static void random_trial(int trial, size_t n, unsigned ntruth, unsigned npred, int cross)
{
	int *truth = malloc(n * sizeof(int)), *pred = malloc(n * sizeof(int));
	int *side = malloc(n * sizeof(int));
	struct eval *e = eval_new(cross);
	struct eval_result r;
	struct brute b;
	char ctx[64];
	for (size_t i = 0; i < n; i++) {
		char t[16], p[16], s[16];
		truth[i] = (int)rnd(ntruth);
		pred[i] = rnd(10) == 0 ? -1 : (int)rnd(npred);
		side[i] = (int)rnd(3);
		snprintf(t, sizeof(t), "t%d", truth[i]);
		snprintf(p, sizeof(p), "%d", pred[i]);
		snprintf(s, sizeof(s), "side%d", side[i]);
		eval_add(e, t, strlen(t), pred[i] < 0 ? NULL : p, strlen(p), s, strlen(s));
	}
	eval_compute(e, &r);
	brute_force(truth, pred, side, n, cross, &b);
	snprintf(ctx, sizeof(ctx), "trial %d (cross %d)", trial, cross);
	CHECK(r.truth_pairs == b.truth_pairs && r.pred_pairs == b.pred_pairs && r.tp == b.tp,
	      "%s: pairs %llu/%llu/%llu, brute force %llu/%llu/%llu", ctx,
	      (unsigned long long)r.truth_pairs, (unsigned long long)r.pred_pairs,
	      (unsigned long long)r.tp, (unsigned long long)b.truth_pairs,
	      (unsigned long long)b.pred_pairs, (unsigned long long)b.tp);
	CHECK(fabs(r.bcubed_precision - b.bp) < 1e-12 && fabs(r.bcubed_recall - b.br) < 1e-12,
	      "%s: B-cubed %.15g/%.15g, brute force %.15g/%.15g", ctx, r.bcubed_precision,
	      r.bcubed_recall, b.bp, b.br);
	eval_free(e);
	free(truth);
	free(pred);
	free(side);
}

static void test_random(void)
{
	for (int i = 0; i < 40; i++)
		random_trial(i, 1 + rnd(400), 1 + rnd(60), 1 + rnd(80), i % 2);
	/* one big cluster each way, and all singletons */
	random_trial(100, 300, 1, 300, 0);
	random_trial(101, 300, 300, 1, 1);
}

/* ---- labels, keys, interning ---- */

static void test_labels(void)
{
	arena *a = arena_new();
	strbuf scratch = STRBUF_INIT, k1 = STRBUF_INIT, k2 = STRBUF_INIT;
	const char *s;
	size_t n;
	sv num = sv_num_text(a, "7", 1), str = sv_strz(a, "7"), empty = sv_strz(a, ""),
	   null = sv_null(), arr = sv_arr(), yes = sv_bool(1), computed = sv_num(0.5);
	CHECK(eval_label(&num, &scratch, &s, &n) && n == 1 && memcmp(s, "7", 1) == 0,
	      "a number is labelled by its text");
	CHECK(eval_label(&str, &scratch, &s, &n) && n == 1 && memcmp(s, "7", 1) == 0,
	      "a string is its own label");
	CHECK(!eval_label(&empty, &scratch, &s, &n), "\"\" is no label");
	CHECK(!eval_label(&null, &scratch, &s, &n), "null is no label");
	CHECK(!eval_label(&arr, &scratch, &s, &n), "[] is no label");
	CHECK(!eval_label(NULL, &scratch, &s, &n), "absent is no label");
	CHECK(eval_label(&yes, &scratch, &s, &n) && n == 4 && memcmp(s, "true", 4) == 0,
	      "true");
	CHECK(eval_label(&computed, &scratch, &s, &n) && n == 3 && memcmp(s, "0.5", 3) == 0,
	      "a computed number");
	sv_arr_push(a, &arr, sv_strz(a, "x"));
	CHECK(eval_label(&arr, &scratch, &s, &n) && n == 5 && memcmp(s, "[\"x\"]", 5) == 0,
	      "an array as JSON");

	/* ("ab", "c") and ("a", "bc") must not make the same key */
	{
		char *fields[] = { "src", "rid" };
		sv r1 = sv_obj(), r2 = sv_obj(), r3 = sv_obj();
		sv_set(a, &r1, "src", sv_strz(a, "ab"));
		sv_set(a, &r1, "rid", sv_strz(a, "c"));
		sv_set(a, &r2, "src", sv_strz(a, "a"));
		sv_set(a, &r2, "rid", sv_strz(a, "bc"));
		sv_set(a, &r3, "src", sv_strz(a, "a"));
		CHECK(eval_key(&r1, fields, 2, &k1, &scratch) &&
		      eval_key(&r2, fields, 2, &k2, &scratch) &&
		      (k1.len != k2.len || memcmp(k1.buf, k2.buf, k1.len) != 0),
		      "keys of different field values differ");
		CHECK(!eval_key(&r3, fields, 2, &k1, &scratch), "a key with a field missing");
	}
	sb_release(&scratch);
	sb_release(&k1);
	sb_release(&k2);
	arena_free(a);
}

static void test_intern(void)
{
	struct eval_intern *in = eval_intern_new();
	char buf[32];
	int ok = 1;
	uint32_t fresh = EVAL_NONE;
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(buf, sizeof(buf), "label-%d", i);
		/* the fresh id taken after label-2000 moves the later ones by one */
		ok &= eval_intern(in, buf, (size_t)n) == (uint32_t)i + (i > 2000);
		if (i == 2000)
			fresh = eval_intern_fresh(in);
	}
	CHECK(ok, "ids are dense, in first-seen order");
	CHECK_INT(eval_intern_count(in), 5001, "count with one fresh id");
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(buf, sizeof(buf), "label-%d", i);
		uint32_t want = (uint32_t)i + (i > 2000);
		ok &= eval_intern(in, buf, (size_t)n) == want &&
		      eval_intern_find(in, buf, (size_t)n) == want;
	}
	CHECK(ok, "every label found again after growing");
	CHECK(eval_intern_find(in, "label-x", 7) == EVAL_NONE, "unknown label");
	{
		size_t n;
		const char *t = eval_intern_text(in, 7, &n);
		CHECK(t && n == 7 && memcmp(t, "label-7", 7) == 0, "text of an id");
		CHECK(eval_intern_text(in, fresh, &n) == NULL, "a fresh id has no text");
	}
	eval_intern_free(in);
}

/* ---- truth files ---- */

static void test_truth_file(void)
{
	char path[] = "/tmp/scrm-test-eval-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	char *keys[] = { "src", "rid" };
	arena *a = arena_new();
	struct eval_truth *t;
	const char *s;
	size_t n;
	sv rec = sv_obj();

	fputs("src,rid,person,household\n"
	      "members,M1,p1,h1\n"
	      "sales,7,p1,h1\n"
	      "sales,8,,h2\n"
	      "members,M1,p1,h1\n", fp);
	fclose(fp);
	t = eval_truth_load(path, keys, 2, "person");
	CHECK_INT(eval_truth_keys(t), 3, "distinct keys (a repeated row is one)");

	sv_set(a, &rec, "src", sv_strz(a, "members"));
	sv_set(a, &rec, "rid", sv_strz(a, "M1"));
	CHECK(eval_truth_lookup(t, &rec, &s, &n) == TRUTH_FOUND && n == 2 &&
	      memcmp(s, "p1", 2) == 0, "found by key");
	sv_set(a, &rec, "src", sv_strz(a, "sales"));
	sv_set(a, &rec, "rid", sv_num_text(a, "7", 1));
	CHECK(eval_truth_lookup(t, &rec, &s, &n) == TRUTH_FOUND, "a number joins its text");
	sv_set(a, &rec, "rid", sv_strz(a, "8"));
	CHECK(eval_truth_lookup(t, &rec, &s, &n) == TRUTH_EMPTY, "a key without truth");
	sv_set(a, &rec, "rid", sv_strz(a, "9"));
	CHECK(eval_truth_lookup(t, &rec, &s, &n) == TRUTH_KEY_UNKNOWN, "an unknown key");
	sv_del(&rec, "rid");
	CHECK(eval_truth_lookup(t, &rec, &s, &n) == TRUTH_NO_KEY, "a record without its key");
	eval_truth_free(t);
	arena_free(a);
	unlink(path);
}

int main(void)
{
	test_hand_example();
	test_cross();
	test_edges();
	test_pairs_64bit();
	test_random();
	test_labels();
	test_intern();
	test_truth_file();
	return test_done();
}
