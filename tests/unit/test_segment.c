/*
 * scrm-segment's parts: haversine against known distances, the comma
 * list splitter, exact fixed-point sums, group ordering, the lift
 * intervals against hand formulas, k-means on separated blobs (every
 * start finds them; labels by size) and the map grid.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/scrm-segment/seg.h"
#include "test.h"
#include "util.h"
#include "value.h"

#include "banned.h"

static void test_haversine(void)
{
	/* one degree of latitude: R * pi / 180 */
	double d = seg_haversine(36, 120, 37, 120);
	CHECK(fabs(d - 6371.0088 * M_PI / 180) < 1e-9, "1 degree: %.9f", d);
	CHECK(seg_haversine(36.07, 120.38, 36.07, 120.38) == 0, "same point");
	/* Qingdao - Beijing, about 551 km */
	d = seg_haversine(36.0671, 120.3826, 39.9042, 116.4074);
	CHECK(d > 545 && d < 557, "Qingdao-Beijing %.1f", d);
	/* antipodes: half the circumference */
	d = seg_haversine(0, 0, 0, 180);
	CHECK(fabs(d - 6371.0088 * M_PI) < 1e-6, "antipodes %.6f", d);
}

static void test_split(void)
{
	size_t n;
	char **v = expr_split_list(" a, max(b, c) ,\"x,y\" , d.e", &n);
	CHECK_INT(n, 4, "items");
	CHECK_STR(v[0], "a", "item 0");
	CHECK_STR(v[1], "max(b, c)", "item 1");
	CHECK_STR(v[2], "\"x,y\"", "item 2");
	CHECK_STR(v[3], "d.e", "item 3");
	expr_free_list(v, n);
	v = expr_split_list("", &n);
	CHECK_INT(n, 1, "empty: one empty item");
	expr_free_list(v, n);
	{
		char *c = seg_column_name("sum_", "score.replace_refrigerator");
		CHECK_STR(c, "sum_score_replace_refrigerator", "column");
		free(c);
		c = seg_column_name("avg_", "count(products) / 2");
		CHECK_STR(c, "avg_count_products_2", "column of an expression");
		free(c);
	}
}

static void test_fixed(void)
{
	__int128 s = 0;
	for (int i = 0; i < 1000; i++)
		s += seg_fix(0.1);
	CHECK(seg_unfix(s) == 100, "1000 x 0.1 = %.17g", seg_unfix(s));
	CHECK(seg_unfix(seg_fix(-2.5)) == -2.5, "negative");
	CHECK(seg_unfix(seg_fix(4299.99)) == 4299.99, "price");
}

static void test_groups(void)
{
	struct seg_gtable t;
	__int128 f[1];
	uint64_t nn[1] = { 1 };
	size_t n;
	struct seg_group **v;
	seg_gt_init(&t, 1);
	for (int i = 0; i < 300; i++) {
		char key[16];
		snprintf(key, sizeof(key), "[\"k%d\"]", i % 7);
		f[0] = seg_fix(i);
		seg_gt_add(&t, key, strlen(key), 0, 1, f, nn);
	}
	v = seg_gt_sorted(&t, &n);
	CHECK_INT(n, 7, "groups");
	CHECK_STR(v[0]->key, "[\"k0\"]", "largest first");
	CHECK_INT(v[0]->count, 43, "count of k0");
	CHECK_STR(v[6]->key, "[\"k6\"]", "then by key");
	CHECK(seg_unfix(v[0]->fix[0]) == 6321, "sum of k0: 7 x (0 + ... + 42)");
	free(v);
	seg_gt_free(&t);
}

static double num_of(const sv *obj, const char *key)
{
	const sv *v = sv_get(obj, key);
	return v && v->type == SV_NUM ? v->u.num.d : NAN;
}

static void test_lift(void)
{
	arena *a = arena_new();
	struct seg_lift l = { { 1800, 200 }, { 171, 9 } };
	sv rec = sv_obj();
	double p1 = 171.0 / 1800, p0 = 9.0 / 200, se, sl;
	seg_lift_record(a, &rec, &l, "converted");
	se = sqrt(p1 * (1 - p1) / 1800 + p0 * (1 - p0) / 200);
	sl = sqrt(1 / 171.0 - 1 / 1800.0 + 1 / 9.0 - 1 / 200.0);
	CHECK(fabs(num_of(&rec, "difference_lo") - (p1 - p0 - 1.959963984540054 * se)) < 1e-6,
	      "Wald lo");
	CHECK(fabs(num_of(&rec, "lift_hi") - exp(log(p1 / p0) + 1.959963984540054 * sl)) < 1e-6,
	      "Katz hi");
	rec = sv_obj();
	l = (struct seg_lift){ { 10, 0 }, { 3, 0 } };
	seg_lift_record(a, &rec, &l, "converted");
	CHECK(sv_get(&rec, "lift")->type == SV_NULL, "empty control: null lift");
	CHECK(sv_get(&rec, "difference")->type == SV_NULL, "empty control: null difference");
	arena_free(a);
	CHECK(seg_outcome_true(&(sv){ .type = SV_BOOL, .b = 1 }), "true");
	{
		sv s = sv_str_static("Yes"), z = sv_str_static("0");
		CHECK(seg_outcome_true(&s), "Yes");
		CHECK(!seg_outcome_true(&z), "\"0\" is not converted");
	}
}

static void test_kmeans(void)
{
	/* three tight blobs of 50, 30 and 20 points */
	static const double cx[3] = { 0, 10, 0 }, cy[3] = { 0, 0, 10 };
	static const int size[3] = { 50, 30, 20 };
	double X[200];
	size_t n = 0;
	struct seg_kmeans m = { 0 };
	for (int b = 0; b < 3; b++)
		for (int i = 0; i < size[b]; i++) {
			X[2 * n] = cx[b] + 0.01 * (i % 5);
			X[2 * n + 1] = cy[b] + 0.01 * (i % 3);
			n++;
		}
	m.d = 2;
	seg_kmeans_fit(&m, X, n, 3, 1, 10, 300);
	CHECK_INT(m.sizes[0], 50, "c0 is the largest");
	CHECK_INT(m.sizes[1], 30, "c1");
	CHECK_INT(m.sizes[2], 20, "c2");
	CHECK(m.inertia < 0.01, "blobs found: inertia %g", m.inertia);
	{
		double x[2] = { 10, 0 }, d2;
		CHECK_INT(seg_kmeans_assign(&m, x, &d2), 1, "a point of blob 2");
	}
	free(m.mean);
	free(m.sd);
	free(m.c);
	free(m.sizes);
}

static void test_map(void)
{
	struct seg_map m;
	double lat, lon;
	seg_map_init(&m, 36.0, 36.1, 120.3, 120.4, 0.5);
	CHECK(m.nx > 10 && m.ny > 20, "cells %ld x %ld", m.nx, m.ny);
	CHECK(seg_map_cell(&m, 36.05, 120.35) >= 0, "centre inside");
	CHECK(seg_map_cell(&m, 37, 120.35) == -1, "outside");
	seg_map_latlon(&m, 0, 0, &lat, &lon);
	CHECK(fabs(lat - 36.05) < 1e-12 && fabs(lon - 120.35) < 1e-12, "centre");
}

int main(void)
{
	test_haversine();
	test_split();
	test_fixed();
	test_groups();
	test_lift();
	test_kmeans();
	test_map();
	return test_done();
}
