/*
 * scrm-score's parts: NTILE cut points from --fit against a direct
 * NTILE(5) over (value, uid) with many ties, for every size 1..40; the
 * R x F segment map; rounding and clamping of scores.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/scrm-score/score.h"
#include "reader.h"
#include "test.h"
#include "util.h"
#include "value.h"

#include "banned.h"

struct row {
	double v;
	char uid[16];
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

/* SQL NTILE(5) of 0-based position p among n rows. */
static int ntile(size_t p, size_t n)
{
	size_t q = n / 5, r = n % 5;
	if (p < r * (q + 1))
		return (int)(p / (q + 1)) + 1;
	return (int)(r + (p - r * (q + 1)) / q) + 1;
}

static void check_sizes(const char *path)
{
	for (size_t n = 1; n <= 40; n++) {
		struct models ms;
		struct rfm_fit *f;
		struct json_parser jp;
		arena *a = arena_new();
		struct expr_ctx ctx = { a, 20000, NULL };
		struct row rows[3][40];
		int bad = 0;
		memset(&jp, 0, sizeof(jp));
		models_load(&ms, path);
		f = rfm_fit_new(&ms, path);
		for (size_t i = 0; i < n; i++) {
			char line[128];
			sv rec;
			/* few distinct values: ties everywhere; uids not in value order */
			double r = (double)((i * 7) % 4), fr = (double)((i * 3) % 5 + 1),
			       m = (double)((i * 11) % 6) * 10.5;
			snprintf(line, sizeof(line), "{\"uid\":\"u%02zu\",\"r\":%g,\"f\":%g,\"m\":%g}",
				 (i * 17) % 41, r, fr, m);
			if (json_parse_record(&jp, line, strlen(line), a, &rec) != 0)
				abort();
			rfm_fit_record(f, &rec, &ctx);
			snprintf(rows[0][i].uid, sizeof(rows[0][i].uid), "u%02zu", (i * 17) % 41);
			memcpy(rows[1][i].uid, rows[0][i].uid, sizeof(rows[0][i].uid));
			memcpy(rows[2][i].uid, rows[0][i].uid, sizeof(rows[0][i].uid));
			rows[0][i].v = -r;
			rows[1][i].v = fr;
			rows[2][i].v = m;
		}
		rfm_fit_finish(f, &ms, NULL);
		for (int k = 0; k < 3; k++) {
			qsort(rows[k], n, sizeof(rows[k][0]), cmp_row);
			for (size_t p = 0; p < n; p++)
				if (rfm_bucket(ms.m[0].cuts[k], rows[k][p].v, rows[k][p].uid) !=
				    ntile(p, n))
					bad++;
		}
		CHECK(bad == 0, "n = %zu: %d people in the wrong NTILE bucket", n, bad);
		models_free(&ms);
		json_parser_release(&jp);
		arena_free(a);
	}
}

int main(void)
{
	char path[] = "/tmp/test_score_XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;
	if (fd < 0)
		return 2;
	fp = fdopen(fd, "w");
	fputs("{\"models\":[{\"name\":\"rfm\",\"type\":\"rfm\",\"recency\":\"r\","
	      "\"frequency\":\"f\",\"monetary\":\"m\"}]}\n", fp);
	fclose(fp);
	check_sizes(path);
	remove(path);

	CHECK_STR(rfm_segment(5, 5), "Champions", "55");
	CHECK_STR(rfm_segment(5, 4), "Champions", "54");
	CHECK_STR(rfm_segment(3, 5), "Loyal Customers", "35");
	CHECK_STR(rfm_segment(4, 4), "Loyal Customers", "44");
	CHECK_STR(rfm_segment(4, 2), "Potential Loyalists", "42");
	CHECK_STR(rfm_segment(5, 3), "Potential Loyalists", "53");
	CHECK_STR(rfm_segment(5, 1), "New Customers", "51");
	CHECK_STR(rfm_segment(4, 1), "Promising", "41");
	CHECK_STR(rfm_segment(3, 3), "Need Attention", "33");
	CHECK_STR(rfm_segment(3, 2), "About To Sleep", "32");
	CHECK_STR(rfm_segment(2, 5), "Cannot Lose Them", "25");
	CHECK_STR(rfm_segment(1, 3), "At Risk", "13");
	CHECK_STR(rfm_segment(2, 4), "At Risk", "24");
	CHECK_STR(rfm_segment(1, 1), "Hibernating", "11");
	CHECK_STR(rfm_segment(2, 2), "Hibernating", "22");

	CHECK(score_round(130) == 100, "clamp high");
	CHECK(score_round(-5) == 0, "clamp low");
	CHECK(score_round(NAN) == 0, "NaN");
	CHECK(score_round(66.66666) == 66.7, "one decimal");
	CHECK(score_round(0.25) == 0.3, "half up");
	return test_done();
}
