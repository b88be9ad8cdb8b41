/*
 * scrm-match's parts on small known inputs: union-find clustering and its
 * guards, EM on an exact mixture of known m, u and prior, survivorship.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/scrm-match/match.h"
#include "../../cmd/scrm-match/output.h"
#include "reader.h"
#include "test.h"
#include "util.h"
#include "value.h"

#include "banned.h"

/* Valid id cards (checksums right), different people. */
#define ID_A "370212198506151233"
#define ID_B "110105200002293177"

static void load(struct records *r, const struct model *m, const char *const *lines, size_t n)
{
	struct json_parser jp;
	arena *a = arena_new();
	memset(&jp, 0, sizeof(jp));
	records_init(r, m);
	for (size_t i = 0; i < n; i++) {
		sv rec;
		if (json_parse_record(&jp, lines[i], strlen(lines[i]), a, &rec) != 0) {
			printf("bad fixture line %zu\n", i);
			exit(1);
		}
		records_add(r, &rec, 0);
		arena_reset(a);
	}
	records_finish(r);
	json_parser_release(&jp);
	arena_free(a);
}

static struct link lk(uint32_t a, uint32_t b, float w)
{
	struct link l;
	l.a = a;
	l.b = b;
	l.weight = w;
	l.det = 0;
	return l;
}

/* "0 0 0 3 3 5": cluster[i] of each record. */
static void check_clusters(const uint32_t *cluster, size_t n, const char *want, const char *ctx)
{
	char got[256];
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof(got) - 12; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%u", i ? " " : "",
					cluster[i]);
	got[len] = '\0';
	CHECK_STR(got, want, ctx);
}

static void test_union_find(void)
{
	static const char *const recs[] = {
		"{\"src\":\"s\",\"rid\":\"0\",\"name\":\"张伟\",\"id_card\":\"" ID_A "\"}",
		"{\"src\":\"s\",\"rid\":\"1\",\"name\":\"张伟\"}",
		"{\"src\":\"s\",\"rid\":\"2\",\"name\":\"张伟\",\"id_card\":\"" ID_B "\"}",
		"{\"src\":\"s\",\"rid\":\"3\",\"name\":\"李娜\"}",
		"{\"src\":\"s\",\"rid\":\"4\",\"name\":\"李娜\"}",
		"{\"src\":\"s\",\"rid\":\"5\",\"name\":\"王芳\"}",
	};
	struct model m;
	struct records r;
	struct cluster_stats st;
	uint32_t cluster[6];
	struct link links[8];
	model_default(&m);
	load(&r, &m, recs, 6);

	/* transitive: 3-4 and nothing else; singletons keep their own index */
	links[0] = lk(3, 4, 10);
	cluster_links(&r, links, 1, 100, 0, cluster, &st);
	check_clusters(cluster, 6, "0 1 2 3 3 5", "one link");
	CHECK_INT(st.clusters, 5, "clusters of one link");
	CHECK_INT(st.largest, 2, "largest of one link");

	/* a chain 0-1-2 would join two id cards: the weaker link is refused */
	links[0] = lk(0, 1, 20);
	links[1] = lk(1, 2, 10);
	links[2] = lk(3, 4, 10);
	cluster_links(&r, links, 3, 100, 0, cluster, &st);
	check_clusters(cluster, 6, "0 0 2 3 3 5", "id card chain");
	CHECK_INT(st.refused_idcard, 1, "refused id card");

	/* strongest first: now 1-2 wins and 0-1 is the refused one */
	links[0] = lk(0, 1, 10);
	links[1] = lk(1, 2, 20);
	cluster_links(&r, links, 2, 100, 0, cluster, &st);
	check_clusters(cluster, 6, "0 1 1 3 4 5", "strongest first");

	/* the size guard: no cluster grows past 3 except through an id card */
	links[0] = lk(1, 3, 9);
	links[1] = lk(3, 4, 8);
	links[2] = lk(4, 5, 7);
	links[3] = lk(1, 5, 6);
	cluster_links(&r, links, 4, 3, 0, cluster, &st);
	check_clusters(cluster, 6, "0 1 2 1 1 5", "size guard");
	CHECK_INT(st.refused_size, 2, "refused by size");
	CHECK_INT(st.largest, 3, "largest under the guard");

	/* an id-card link may pass the size guard */
	for (int d = 0; d < m.ndets; d++)
		if (strcmp(m.dets[d].name, "id_card") == 0) {
			links[0] = lk(0, 1, 64);
			links[1] = lk(1, 3, 64);
			links[2] = lk(3, 4, 64);
			for (int k = 0; k < 3; k++)
				links[k].det = (uint8_t)(d + 1);
			links[3] = lk(4, 5, 40);
		}
	cluster_links(&r, links, 4, 2, 0, cluster, &st);
	check_clusters(cluster, 6, "0 0 2 0 0 5", "id card passes the size guard");
	CHECK_INT(st.refused_size, 1, "only the id card passes");
	records_free(&r);
	model_free(&m);
}

/* Exact expected pattern counts of a two-class mixture, so EM must find it. */
static void test_em(void)
{
	static const double m_true[3][3] = { { 0.9, 0.07, 0.03 }, { 0.8, 0.15, 0.05 },
					     { 0.95, 0.04, 0.01 } };
	static const double u_true[3][3] = { { 0.01, 0.09, 0.9 }, { 0.05, 0.15, 0.8 },
					     { 0.001, 0.009, 0.99 } };
	const double prior = 0.2, total = 1e6;
	struct pattern pat[27];
	struct model m;
	size_t n = 0;
	int it;
	memset(&m, 0, sizeof(m));
	m.ncmp = 3;
	m.em_iterations = 1000;
	m.prior = 0.5;
	for (int c = 0; c < 3; c++) {
		m.cmp[c].nlevels = 3;
		for (int l = 0; l < 3; l++) {
			m.cmp[c].u[l] = u_true[c][l];
			m.cmp[c].m[l] = 1.0 / 3;	/* far from the truth */
		}
	}
	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 3; b++)
			for (int c = 0; c < 3; c++) {
				double pm = prior * m_true[0][a] * m_true[1][b] * m_true[2][c];
				double pu = (1 - prior) * u_true[0][a] * u_true[1][b] * u_true[2][c];
				pat[n].levels = (uint64_t)a | (uint64_t)b << 4 | (uint64_t)c << 8;
				pat[n].count = total * (pm + pu);
				n++;
			}
	it = em_fit(&m, pat, n);
	CHECK(it > 1 && it < 1000, "em converged in %d iterations", it);
	CHECK(fabs(m.prior - prior) < 1e-3, "em prior %.5f, want %.5f", m.prior, prior);
	for (int c = 0; c < 3; c++)
		for (int l = 0; l < 3; l++)
			CHECK(fabs(m.cmp[c].m[l] - m_true[c][l]) < 2e-3,
			      "em m[%d][%d] %.5f, want %.5f", c, l, m.cmp[c].m[l], m_true[c][l]);

	/* a missing level is no evidence: the same mixture with c2 unknown */
	for (size_t i = 0; i < n; i++)
		pat[i].levels = (pat[i].levels & 0xff) | (uint64_t)LEVEL_MISSING << 8;
	m.prior = 0.5;
	for (int c = 0; c < 3; c++)
		for (int l = 0; l < 3; l++)
			m.cmp[c].m[l] = 1.0 / 3;
	em_fit(&m, pat, n);
	CHECK(fabs(m.cmp[2].m[0] - 1.0 / 3) < 1e-12, "em leaves a missing comparison alone");
	CHECK(fabs(m.prior - prior) < 0.05, "em prior from two comparisons %.4f", m.prior);

	/* no pairs: nothing to learn, nothing changes */
	m.prior = 0.3;
	CHECK_INT(em_fit(&m, pat, 0), 0, "em without pairs");
	CHECK(m.prior == 0.3, "em without pairs keeps the prior");
}

static void test_survivorship(void)
{
	static const char *const recs[] = {
		"{\"src\":\"ecommerce\",\"phone\":\"+8613800000001\",\"email\":\"a@qq.com\",\"city\":\"青岛市\"}",
		"{\"src\":\"sales\",\"phone\":\"+8613800000002\",\"email\":\"b@qq.com\",\"city\":\"\"}",
		"{\"src\":\"sales\",\"phone\":\"+8613800000003\",\"email\":\"b@qq.com\"}",
		"{\"src\":\"members\",\"phone\":\"+8613800000004\",\"email\":\"c@qq.com\"}",
		"{\"src\":\"ecommerce\",\"email\":\"c@qq.com\",\"city\":\"济南市\"}",
	};
	struct json_parser jp;
	arena *a = arena_new();
	sv v[5];
	/* members most trusted (0), then sales (1), then ecommerce (2) */
	int rank[5] = { 2, 1, 1, 0, 2 };
	int32_t date[5] = { 300, 100, 200, 50, 250 };
	const sv *g;
	memset(&jp, 0, sizeof(jp));
	for (int i = 0; i < 5; i++)
		json_parse_record(&jp, recs[i], strlen(recs[i]), a, &v[i]);

	g = golden_value(v, rank, date, 5, "phone");
	CHECK_STR(g ? g->u.s : NULL, "+8613800000004", "most trusted source wins");
	g = golden_value(v, rank, date, 3, "phone");
	CHECK_STR(g ? g->u.s : NULL, "+8613800000003", "then the most recent");
	date[2] = 100;
	g = golden_value(v, rank, date, 3, "email");
	CHECK_STR(g ? g->u.s : NULL, "b@qq.com", "then the most frequent");
	g = golden_value(v, rank, date, 5, "city");
	CHECK_STR(g ? g->u.s : NULL, "青岛市", "empty values never survive");
	g = golden_value(v, rank, date, 5, "unit");
	CHECK(g == NULL, "no value: none");
	rank[1] = rank[2] = 0;
	date[1] = date[2] = 7;
	g = golden_value(v + 1, rank + 1, date + 1, 2, "phone");
	CHECK_STR(g ? g->u.s : NULL, "+8613800000002", "a full tie keeps the first");
	json_parser_release(&jp);
	arena_free(a);
}

int main(void)
{
	test_union_find();
	test_em();
	test_survivorship();
	return test_done();
}
