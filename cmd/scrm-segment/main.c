/*
 * scrm-segment: audiences, personas, k-means segments, holdout groups,
 * aggregates, geographic counts and heat maps, and campaign lift, over
 * the scored profiles of scrm-score.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "error.h"
#include "io.h"
#include "options.h"
#include "rand.h"
#include "reader.h"
#include "run.h"
#include "seg.h"
#include "banned.h"

enum {
	OPT_WHERE = 256, OPT_SELECT, OPT_LIMIT, OPT_SAMPLE, OPT_SEED, OPT_SPLIT, OPT_PERSONAS,
	OPT_PRINT_PERSONAS, OPT_KMEANS, OPT_FEATURES, OPT_FIT, OPT_CENTROIDS, OPT_N_INIT,
	OPT_GROUP_BY, OPT_COUNT, OPT_SUM, OPT_AVG, OPT_TOP, OPT_NEAR, OPT_RADIUS, OPT_STORES,
	OPT_NEAREST, OPT_COMMUNITIES, OPT_ASSIGN_KM, OPT_FORMAT, OPT_CELL, OPT_MIN_COUNT,
	OPT_TITLE, OPT_HOLDOUT, OPT_LIFT, OPT_OUTCOME, OPT_AS_OF
};

static const struct scrm_opt seg_options[] = {
	{ "where", 'w', required_argument, "expr",
	  "keep the records for which expr is true",
	  "Keep only the records for which expr (the expression language of scrm.7) is true; "
	  "every other option works on them. A compile error is shown with a caret under "
	  "the column and exits 2.",
	  OPT_WHERE },
	{ "select", 's', required_argument, "fields",
	  "write only these fields (comma-separated, dotted paths)",
	  "Write only these fields, comma-separated dotted paths such as "
	  "uid,city,score.replace_refrigerator, in this order and nested as in the input "
	  "(a missing field is written as null). The fields this run adds (segment, persona, "
	  "group, distance_km) follow unless listed.",
	  OPT_SELECT },
	{ "limit", 0, required_argument, "N",
	  "write at most N records (or aggregate rows)",
	  "Write at most N records, the first N that qualify in input order: reading stops "
	  "there, so --stats counts only the records read; or at most N rows of an "
	  "aggregate table (the whole input is read).",
	  OPT_LIMIT },
	{ "sample", 0, required_argument, "N",
	  "a reproducible random sample of N records (by a hash of uid and --seed)",
	  "Write a uniform random sample of N of the qualifying records without replacement: "
	  "the N with the smallest hash of uid and --seed (of the whole record when it has no "
	  "uid), written in hash order. The choice depends only on the uids and the seed, not "
	  "on --threads or the input order, and a smaller sample with the same seed is a prefix "
	  "of a larger one. Memory holds N records.",
	  OPT_SAMPLE },
	{ "seed", 0, required_argument, "S",
	  "seed of --sample, --holdout and k-means (default 1)", NULL, OPT_SEED },
	{ "split", 0, required_argument, "file",
	  "write several audiences in one pass, as a JSON file names them",
	  "Read a JSON file {\"audiences\": [{\"name\", \"where\", \"output\"}, ...]} and write "
	  "each audience (the records that pass --where and its own condition) to its output "
	  "file, atomically: CSV, TSV or NDJSON as the name ends (.csv, .tsv, .ndjson or .jsonl, "
	  "then optionally .gz for gzip), else the -O format (gzip with -z). A "
	  "record may land in several. Standard output (or -o) gets one summary record per "
	  "audience: name, output, count.",
	  OPT_SPLIT },
	{ "personas", 0, optional_argument, "file",
	  "add segment and persona from persona rules (default: the built-in set)",
	  "Add segment (the persona's id) and persona (its display name) from an ordered "
	  "list of rules, the first whose condition holds (see PERSONAS). Without file, the "
	  "built-in set: tech_pioneer 科技先锋, refinement_seeker 精致追求, brand_loyalist "
	  "品牌达人, comfortable_life 舒适生活, pragmatist 实用主义, other 其他.",
	  OPT_PERSONAS },
	{ "print-personas", 0, no_argument, NULL,
	  "print the built-in persona rules and exit", NULL, OPT_PRINT_PERSONAS },
	{ "kmeans", 'k', required_argument, "K",
	  "--fit: the number of clusters",
	  "With --fit: find K clusters (2 to 256) of the --features (see K-MEANS).",
	  OPT_KMEANS },
	{ "features", 0, required_argument, "list",
	  "--fit: comma-separated feature expressions",
	  "With --kmeans and --fit: the features, expressions separated by commas (commas "
	  "inside parentheses, brackets or quotes do not count). Records where a feature is "
	  "not a number (or numeric string, or boolean) are left out of the fit.",
	  OPT_FEATURES },
	{ "fit", 0, no_argument, NULL,
	  "fit k-means and write the centroids file (-o) instead of records",
	  "Read every qualifying record, fit k-means and write the centroids file (JSON) to "
	  "-o or standard output; no records are written. The inertia is in --stats.",
	  OPT_FIT },
	{ "centroids", 'c', required_argument, "file",
	  "add segment: the nearest centroid of a --fit file",
	  "Add segment, the name of the nearest centroid of file (written by --fit; the names "
	  "c0, c1... may be edited), on the standardised features the file names. A record "
	  "whose features are not all numbers gets segment null.",
	  OPT_CENTROIDS },
	{ "n-init", 0, required_argument, "N",
	  "--fit: k-means++ starts, the best kept (default 10)", NULL, OPT_N_INIT },
	{ "group-by", 'g', required_argument, "fields",
	  "aggregate per value of these fields (comma-separated)",
	  "Write one row per distinct value of the fields (expressions, comma-separated) "
	  "instead of the records: the fields, count, and the --sum and --avg columns, "
	  "ordered by count (descending), then by the key. See AGGREGATES.",
	  OPT_GROUP_BY },
	{ "count", 0, no_argument, NULL,
	  "aggregate: the number of records (the default aggregate)",
	  "Write the count of the qualifying records (one row, or one per group or store).",
	  OPT_COUNT },
	{ "sum", 0, required_argument, "fields",
	  "aggregate: sum_F of each field or expression F",
	  "Add sum_F for each of the comma-separated fields or expressions F (F with every "
	  "character but letters and digits as _): the sum of the numeric values, exact to "
	  "six decimals whatever the number of threads.",
	  OPT_SUM },
	{ "avg", 0, required_argument, "fields",
	  "aggregate: avg_F, the mean of the numeric values of F",
	  "Add avg_F for each F: the mean of its numeric values (records without one do not "
	  "count), rounded to six decimals; null when there are none.",
	  OPT_AVG },
	{ "top", 0, required_argument, "N",
	  "aggregate: only the N largest groups (per store)", NULL, OPT_TOP },
	{ "near", 0, required_argument, "LAT,LON",
	  "the point of --radius (a store); GCJ-02 degrees",
	  "A point, GCJ-02 latitude and longitude in degrees: with --radius and record or "
	  "group output, keep the records within the radius (adding distance_km); with "
	  "--nearest or --format it is the one store (id near).",
	  OPT_NEAR },
	{ "radius", 'r', required_argument, "KM",
	  "kilometres around --near or each store (haversine)", NULL, OPT_RADIUS },
	{ "stores", 0, required_argument, "file",
	  "many stores in one pass: id,name,lat,lon (CSV, TSV or NDJSON)",
	  "Read stores from file (id or store_id, name, lat, lon; GCJ-02). With --radius, "
	  "write per store the number of qualifying records within the radius (a record "
	  "counts for each store whose radius holds it), and with --group-by per store and "
	  "group; with --nearest, the communities of each store.",
	  OPT_STORES },
	{ "nearest", 'n', required_argument, "N",
	  "per store, the N nearest communities with their counts",
	  "With --communities: for each store (or --near) the N nearest communities (within "
	  "--radius, if given) and the number of qualifying records of each (see "
	  "COMMUNITIES), ranked by distance.",
	  OPT_NEAREST },
	{ "communities", 0, required_argument, "file",
	  "communities: community_id,name,lon,lat,households",
	  "Read residential communities from file (community_id, name, lon, lat and "
	  "optionally households; GCJ-02), for --nearest and the map labels.",
	  OPT_COMMUNITIES },
	{ "assign-km", 0, required_argument, "KM",
	  "a customer without a known community joins the nearest within KM (default 0.5)",
	  "A record whose community field names no community of the file joins the nearest "
	  "community centroid within KM kilometres (default 0.5; 0: by name only), unless its "
	  "position is only its district's centroid.",
	  OPT_ASSIGN_KM },
	{ "format", 'f', required_argument, "F",
	  "geographic output: geojson or svg (heat map); default records",
	  "Write a map instead of records: geojson (a FeatureCollection, [lon, lat]: grid "
	  "cells with counts, the stores and the --nearest communities) or svg (a "
	  "self-contained heat map). Needs --near or --stores, and --radius or --nearest for "
	  "the extent. Only counts are written, never a record.",
	  OPT_FORMAT },
	{ "cell", 0, required_argument, "KM",
	  "map cell side in km (default: a 40th of the map's larger side)", NULL, OPT_CELL },
	{ "min-count", 0, required_argument, "N",
	  "hide counts from 1 to N-1 (cells, groups, stores, communities)",
	  "Hide every count from 1 to N - 1: such grid cells and groups are left out, such "
	  "store and community counts are written as null (suppressed: true in GeoJSON), so "
	  "no small group of people can be singled out (default 1: nothing hidden; 0 shows "
	  "no one and stays).",
	  OPT_MIN_COUNT },
	{ "title", 0, required_argument, "text",
	  "the SVG map's title", NULL, OPT_TITLE },
	{ "holdout", 0, required_argument, "PCT",
	  "add group: control for PCT% of the records (hash of uid and --seed), else target",
	  "Add group: \"control\" for a share of PCT percent (0 to 100) of the records, chosen "
	  "by a hash of uid and --seed, \"target\" for the others. The same uid lands in the "
	  "same group on every run, for any --threads and any audience.",
	  OPT_HOLDOUT },
	{ "lift", 0, no_argument, NULL,
	  "compare conversion in target and control: lift and 95% intervals",
	  "Write one summary record instead of the records: per group (the group field, or "
	  "--holdout of this run) the records and conversions (--outcome), the rates, their "
	  "difference with a 95% Wald interval, the lift (ratio of the rates) with a 95% "
	  "Katz log interval, the pooled two-proportion z and its two-sided p-value (see "
	  "LIFT).",
	  OPT_LIFT },
	{ "outcome", 0, required_argument, "expr",
	  "--lift: the conversion field or expression (default converted)",
	  "With --lift: the outcome, a field or expression (default converted). true, a "
	  "non-zero number and the strings 1, true, yes, y, t (any case) count as converted; "
	  "anything else, or nothing, does not.",
	  OPT_OUTCOME },
	{ "as-of", 0, required_argument, "date",
	  "the date taken as today by the expressions (default: the current date)", NULL,
	  OPT_AS_OF },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

struct path {
	char **part;
	size_t n;
	const char *text;
};

struct settings {
	const char *where_src, *select, *split, *personas, *features, *centroids;
	const char *group_by, *sum, *avg, *stores, *communities, *format, *title, *outcome;
	long limit, sample, kmeans, n_init, top, nearest;
	uint64_t seed, min_count;
	double near_lat, near_lon, radius, assign_km, cell, holdout;
	int has_near, use_personas, fit, count, lift, as_of;
	long today;
};

static struct settings S = {
	.limit = -1, .sample = -1, .n_init = 10, .seed = 1, .min_count = 1, .assign_km = 0.5,
	.holdout = -1, .outcome = "converted"
};

static void on_option(int id, const char *arg, void *ud)
{
	struct settings *s = ud;
	switch (id) {
	case OPT_WHERE:
		s->where_src = arg;
		break;
	case OPT_SELECT:
		s->select = arg;
		break;
	case OPT_LIMIT:
		s->limit = scrm_opt_long("--limit", arg, 0, 1L << 62);
		break;
	case OPT_SAMPLE:
		s->sample = scrm_opt_long("--sample", arg, 1, 100000000L);
		break;
	case OPT_SEED:
		s->seed = (uint64_t)scrm_opt_long("--seed", arg, 0, 1L << 62);
		break;
	case OPT_SPLIT:
		s->split = arg;
		break;
	case OPT_PERSONAS:
		s->use_personas = 1;
		s->personas = arg;
		break;
	case OPT_PRINT_PERSONAS:
		fputs(scrm_default_personas_json, stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			scrm_die(SCRM_EXIT_IO, "cannot write the output");
		scrm_exit(SCRM_EXIT_OK);
	case OPT_KMEANS:
		s->kmeans = scrm_opt_long("--kmeans", arg, 2, 256);
		break;
	case OPT_FEATURES:
		s->features = arg;
		break;
	case OPT_FIT:
		s->fit = 1;
		break;
	case OPT_CENTROIDS:
		s->centroids = arg;
		break;
	case OPT_N_INIT:
		s->n_init = scrm_opt_long("--n-init", arg, 1, 1000);
		break;
	case OPT_GROUP_BY:
		s->group_by = arg;
		break;
	case OPT_COUNT:
		s->count = 1;
		break;
	case OPT_SUM:
		s->sum = arg;
		break;
	case OPT_AVG:
		s->avg = arg;
		break;
	case OPT_TOP:
		s->top = scrm_opt_long("--top", arg, 1, 1L << 40);
		break;
	case OPT_NEAR: {
		char *end;
		s->near_lat = strtod(arg, &end);
		if (end == arg || *end != ',')
			scrm_usage_error("--near: expected LAT,LON in degrees, got '%s'", arg);
		arg = end + 1;
		s->near_lon = strtod(arg, &end);
		if (end == arg || *end || !(fabs(s->near_lat) <= 90) || !(fabs(s->near_lon) <= 180))
			scrm_usage_error("--near: expected LAT,LON in degrees");
		s->has_near = 1;
		break;
	}
	case OPT_RADIUS:
		s->radius = scrm_opt_double("--radius", arg);
		if (!(s->radius > 0 && s->radius <= 20000))
			scrm_usage_error("--radius: expected kilometres > 0, got '%s'", arg);
		break;
	case OPT_STORES:
		s->stores = arg;
		break;
	case OPT_NEAREST:
		s->nearest = scrm_opt_long("--nearest", arg, 1, 100000);
		break;
	case OPT_COMMUNITIES:
		s->communities = arg;
		break;
	case OPT_ASSIGN_KM:
		s->assign_km = scrm_opt_double("--assign-km", arg);
		if (!(s->assign_km >= 0 && s->assign_km <= 100))
			scrm_usage_error("--assign-km: expected kilometres from 0 to 100");
		break;
	case OPT_FORMAT:
		if (strcmp(arg, "geojson") && strcmp(arg, "svg") && strcmp(arg, "records"))
			scrm_usage_error("--format: expected geojson, svg or records, got '%s'", arg);
		s->format = strcmp(arg, "records") ? arg : NULL;
		break;
	case OPT_CELL:
		s->cell = scrm_opt_double("--cell", arg);
		if (!(s->cell >= 0.01 && s->cell <= 1000))
			scrm_usage_error("--cell: expected kilometres from 0.01 to 1000");
		break;
	case OPT_MIN_COUNT:
		s->min_count = (uint64_t)scrm_opt_long("--min-count", arg, 1, 1L << 40);
		break;
	case OPT_TITLE:
		s->title = arg;
		break;
	case OPT_HOLDOUT:
		s->holdout = scrm_opt_double("--holdout", arg);
		if (!(s->holdout >= 0 && s->holdout <= 100))
			scrm_usage_error("--holdout: expected a percentage from 0 to 100, got '%s'",
					 arg);
		break;
	case OPT_LIFT:
		s->lift = 1;
		break;
	case OPT_OUTCOME:
		s->outcome = arg;
		break;
	case OPT_AS_OF:
		s->today = scrm_as_of(arg);
		s->as_of = 1;
		break;
	}
}

static const struct scrm_tool tool = {
	"scrm-segment",
	"Audiences, personas, k-means segments, holdout groups, aggregates, geographic "
	"counts and heat maps, and campaign lift over scored profiles.",
	"[file ...]",
	seg_options,
	on_option,
};

enum mode { M_RECORDS, M_SAMPLE, M_SPLIT, M_FIT, M_GROUP, M_GEO, M_LIFT };

struct audience {
	char *name, *where_src, *output;
	expr *where;
	writer *w;
	uint64_t n;
};

/* Everything compiled from the options. */
static struct {
	enum mode mode;
	expr *where, *outcome;
	struct path *sel;
	size_t nsel;
	struct seg_personas personas;
	struct seg_kmeans km;
	int km_assign;
	expr **keys, **vals;
	char **key_src, **val_col;
	size_t nkeys, nsum, navg;
	struct seg_places stores, comms;
	int have_stores, have_comms;
	struct seg_map map;
	int have_map;
	uint32_t *show_store, *show_comm;
	double *show_dist;
	size_t nshow;
	/* community name index */
	uint32_t *name_slot, *name_next;
	size_t name_nslots;
	struct audience *aud;
	size_t naud;
	uint64_t holdout_cut;
} G;

/* Counts over the run (merged from the workers). */
struct counts {
	uint64_t matched, no_position, coarse, unassigned, assigned, no_features, no_group;
	uint64_t control, target, on_map, off_map;
	uint64_t *seg;	/* per persona or cluster, +1 for none */
};

static struct counts T;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- sampling ---- */

struct cand {
	uint64_t h;
	char *text;
	size_t len;
};

struct heap {
	struct cand *c;
	size_t n, cap;
};

static int cand_less(const struct cand *a, const struct cand *b)
{
	size_t n;
	int c;
	if (a->h != b->h)
		return a->h < b->h;
	n = a->len < b->len ? a->len : b->len;
	c = memcmp(a->text, b->text, n);
	return c ? c < 0 : a->len < b->len;
}

/* A max-heap of the N smallest candidates. */
static void heap_offer(struct heap *hp, size_t limit, struct cand c)
{
	size_t i;
	if (hp->n == limit) {
		if (!cand_less(&c, &hp->c[0])) {
			free(c.text);
			return;
		}
		free(hp->c[0].text);
		/* replace the top and sift down */
		i = 0;
		for (;;) {
			size_t l = 2 * i + 1, r = l + 1, big = i;
			const struct cand *bc = &c;
			if (l < hp->n && cand_less(bc, &hp->c[l]))
				big = l, bc = &hp->c[l];
			if (r < hp->n && cand_less(bc, &hp->c[r]))
				big = r;
			if (big == i)
				break;
			hp->c[i] = hp->c[big];
			i = big;
		}
		hp->c[i] = c;
		return;
	}
	GROW(hp->c, hp->cap, hp->n + 1);
	i = hp->n++;
	while (i > 0 && cand_less(&hp->c[(i - 1) / 2], &c)) {
		hp->c[i] = hp->c[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	hp->c[i] = c;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	return cand_less(x, y) ? -1 : cand_less(y, x) ? 1 : 0;
}

static uint64_t key_hash(const char *key, size_t len, uint64_t purpose)
{
	return mix64(hash64(key, len, mix64(S.seed ^ purpose)));
}

/* ---- per worker ---- */

struct worker {
	struct counts c;
	struct heap heap;
	struct seg_gtable gt;
	struct seg_lift lift;
	uint64_t *store_count, *comm_count, *cells;
	strbuf sb, key;
	__int128 *fix;
	uint64_t *nnum;
	double *x;
	sv *rec;		/* current record (store callback) */
	const char *gkey;
	size_t gkeylen;
};

static size_t nseg(void)
{
	return G.personas.n ? G.personas.n : G.km_assign ? G.km.k : 0;
}

static void *worker_init(void *shared)
{
	struct worker *w = xcalloc(1, sizeof(*w));
	UNUSED(shared);
	w->c.seg = xcalloc(nseg() + 1, sizeof(uint64_t));
	seg_gt_init(&w->gt, G.nsum + G.navg);
	w->fix = xcalloc(G.nsum + G.navg + 1, sizeof(__int128));
	w->nnum = xcalloc(G.nsum + G.navg + 1, sizeof(uint64_t));
	w->x = xcalloc(G.km.d + 1, sizeof(double));
	if (G.mode == M_GEO) {
		w->store_count = xcalloc(G.stores.n + 1, sizeof(uint64_t));
		w->comm_count = xcalloc(G.comms.n + 1, sizeof(uint64_t));
		if (G.have_map)
			w->cells = xcalloc((size_t)(G.map.nx * G.map.ny), sizeof(uint64_t));
	}
	return w;
}

static void add_counts(struct counts *to, const struct counts *from)
{
	to->matched += from->matched;
	to->no_position += from->no_position;
	to->coarse += from->coarse;
	to->unassigned += from->unassigned;
	to->assigned += from->assigned;
	to->no_features += from->no_features;
	to->no_group += from->no_group;
	to->control += from->control;
	to->target += from->target;
	to->on_map += from->on_map;
	to->off_map += from->off_map;
	for (size_t i = 0; i <= nseg(); i++)
		to->seg[i] += from->seg[i];
}

static struct heap sample_heap;
static struct seg_gtable groups;
static struct seg_lift lift_total;
static uint64_t *store_total, *comm_total, *cell_total;

static void worker_finish(void *shared, void *worker)
{
	struct worker *w = worker;
	UNUSED(shared);
	pthread_mutex_lock(&lock);
	add_counts(&T, &w->c);
	for (size_t i = 0; i < w->heap.n; i++)
		heap_offer(&sample_heap, (size_t)S.sample, w->heap.c[i]);
	seg_gt_merge(&groups, &w->gt);
	for (int g = 0; g < 2; g++) {
		lift_total.n[g] += w->lift.n[g];
		lift_total.x[g] += w->lift.x[g];
	}
	if (G.mode == M_GEO) {
		for (size_t i = 0; i < G.stores.n; i++)
			store_total[i] += w->store_count[i];
		for (size_t i = 0; i < G.comms.n; i++)
			comm_total[i] += w->comm_count[i];
		for (long i = 0; G.have_map && i < G.map.nx * G.map.ny; i++)
			cell_total[i] += w->cells[i];
	}
	pthread_mutex_unlock(&lock);
	free(w->heap.c);
	seg_gt_free(&w->gt);
	free(w->store_count);
	free(w->comm_count);
	free(w->cells);
	free(w->c.seg);
	sb_release(&w->sb);
	sb_release(&w->key);
	free(w->fix);
	free(w->nnum);
	free(w->x);
	free(w);
}

static int position(const sv *rec, double *lat, double *lon)
{
	return seg_num(sv_get(rec, "lat"), lat) && seg_num(sv_get(rec, "lon"), lon) &&
	       fabs(*lat) <= 90 && fabs(*lon) <= 180 && !(*lat == 0 && *lon == 0);
}

/*
 * What every mode does first: --where, the --near/--radius filter (in the
 * modes where it filters), personas or k-means, holdout. 0: not kept.
 */
static int prepare(struct worker *w, sv *rec, struct expr_ctx *ctx)
{
	arena *a = ctx->a;
	if (rec->type != SV_OBJ)
		return 0;
	if (G.where && !expr_test(G.where, rec, ctx))
		return 0;
	if (S.has_near && S.radius > 0 && G.mode != M_GEO) {
		double lat, lon, d;
		if (!position(rec, &lat, &lon)) {
			w->c.no_position++;
			return 0;
		}
		d = seg_haversine(S.near_lat, S.near_lon, lat, lon);
		if (d > S.radius)
			return 0;
		if (G.mode == M_RECORDS || G.mode == M_SAMPLE || G.mode == M_SPLIT)
			sv_set(a, rec, "distance_km", seg_num_sv(a, seg_round(d, 3)));
	}
	w->c.matched++;
	if (G.personas.n) {
		int i = seg_personas_match(&G.personas, rec, ctx);
		w->c.seg[i < 0 ? G.personas.n : (size_t)i]++;
		sv_set(a, rec, "segment", i < 0 ? sv_null() : sv_str_static(G.personas.p[i].id));
		sv_set(a, rec, "persona", i < 0 ? sv_null() : sv_str_static(G.personas.p[i].name));
	} else if (G.km_assign) {
		if (seg_kmeans_features(&G.km, rec, ctx, w->x) != 0) {
			w->c.no_features++;
			w->c.seg[G.km.k]++;
			sv_set(a, rec, "segment", sv_null());
		} else {
			double dd;
			size_t c = seg_kmeans_assign(&G.km, w->x, &dd);
			w->c.seg[c]++;
			sv_set(a, rec, "segment", sv_str_static(G.km.names[c]));
		}
	}
	if (S.holdout >= 0) {
		size_t len;
		const char *k = seg_key(rec, "uid", &len);
		uint64_t h;
		if (!k) {
			sb_reset(&w->key);
			json_write(&w->key, rec);
			k = w->key.buf;
			len = w->key.len;
		}
		h = key_hash(k, len, 0x686f6c646f7574ULL) >> 11;	/* 53 bits */
		if (h < G.holdout_cut) {
			w->c.control++;
			sv_set(a, rec, "group", sv_str_static("control"));
		} else {
			w->c.target++;
			sv_set(a, rec, "group", sv_str_static("target"));
		}
	}
	return 1;
}

/* The record with only the --select fields (and what this run added). */
static sv project(arena *a, const sv *rec)
{
	static const char *const added[] = { "segment", "persona", "group", "distance_km" };
	sv out = sv_obj();
	if (!G.nsel)
		return *rec;
	for (size_t i = 0; i < G.nsel; i++) {
		const struct path *p = &G.sel[i];
		const sv *v = sv_path(rec, p->text);
		sv *obj = &out;
		for (size_t k = 0; k + 1 < p->n; k++) {
			sv *child = sv_get(obj, p->part[k]);
			if (!child || child->type != SV_OBJ)
				child = sv_set(a, obj, p->part[k], sv_obj());
			obj = child;
		}
		sv_set(a, obj, p->part[p->n - 1], v ? *v : sv_null());
	}
	for (size_t i = 0; i < ARRAY_SIZE(added); i++) {
		const sv *v = sv_get(rec, added[i]);
		if (v && !sv_get(&out, added[i]))
			sv_append(a, &out, added[i], *v);
	}
	return out;
}

static long emitted_records;

static void record_one(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	sv out;
	if (S.limit >= 0 && emitted_records >= S.limit) {
		scrm_run_stop(run);	/* --limit 0 */
		return;
	}
	if (!prepare(w, rec, &ctx))
		return;
	out = project(ctx.a, rec);
	scrm_emit(run, &out);
	/* --limit runs serially: nothing after the last record is read */
	if (S.limit >= 0 && ++emitted_records >= S.limit)
		scrm_run_stop(run);
}

static void sample_one(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	struct cand c;
	size_t len;
	const char *k;
	sv out;
	if (!prepare(w, rec, &ctx))
		return;
	out = project(ctx.a, rec);
	sb_reset(&w->sb);
	json_write(&w->sb, &out);
	k = seg_key(rec, "uid", &len);
	if (!k) {
		k = w->sb.buf;
		len = w->sb.len;
	}
	c.h = key_hash(k, len, 0x73616d706c65ULL);
	if (w->heap.n == (size_t)S.sample && c.h > w->heap.c[0].h)
		return;
	c.text = xstrndup(w->sb.buf, w->sb.len);
	c.len = w->sb.len;
	heap_offer(&w->heap, (size_t)S.sample, c);
}

static void split_one(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	sv out;
	if (!prepare(w, rec, &ctx))
		return;
	out = project(ctx.a, rec);
	for (size_t i = 0; i < G.naud; i++) {
		struct audience *au = &G.aud[i];
		if (au->where && !expr_test(au->where, rec, &ctx))
			continue;
		if (wr_record(au->w, &out) != 0)
			scrm_reject(run, rec, wr_error(au->w));
		else
			au->n++;
	}
}

/* ---- k-means fit ---- */

static double *fitX;
static size_t fitN, fitCap;

static void fit_one(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	if (!prepare(w, rec, &ctx))
		return;
	if (seg_kmeans_features(&G.km, rec, &ctx, w->x) != 0) {
		w->c.no_features++;
		return;
	}
	if ((fitN + 1) * G.km.d > fitCap) {
		fitCap = fitCap ? fitCap * 2 : 4096 * G.km.d;
		fitX = xrealloc(fitX, fitCap * sizeof(double));
	}
	memcpy(fitX + fitN * G.km.d, w->x, G.km.d * sizeof(double));
	fitN++;
}

/* ---- groups ---- */

static void group_values(struct worker *w, const sv *rec, struct expr_ctx *ctx)
{
	sb_reset(&w->key);
	sb_addc(&w->key, '[');
	for (size_t i = 0; i < G.nkeys; i++) {
		sv v = expr_eval(G.keys[i], rec, ctx);
		if (i)
			sb_addc(&w->key, ',');
		json_write(&w->key, &v);
	}
	sb_addc(&w->key, ']');
	for (size_t i = 0; i < G.nsum + G.navg; i++) {
		sv v = expr_eval(G.vals[i], rec, ctx);
		double d;
		if (seg_num(&v, &d) && fabs(d) < 1e18) {
			w->fix[i] = seg_fix(d);
			w->nnum[i] = 1;
		} else {
			w->fix[i] = 0;
			w->nnum[i] = 0;
		}
	}
}

static void store_hit(size_t idx, double dist, void *ud)
{
	struct worker *w = ud;
	UNUSED(dist);
	if (G.mode == M_GEO)
		w->store_count[idx]++;
	else
		seg_gt_add(&w->gt, w->key.buf, w->key.len, (uint32_t)idx, 1, w->fix, w->nnum);
}

static void group_one(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	double lat, lon;
	if (!prepare(w, rec, &ctx))
		return;
	group_values(w, rec, &ctx);
	if (!G.have_stores) {
		seg_gt_add(&w->gt, w->key.buf, w->key.len, 0, 1, w->fix, w->nnum);
		return;
	}
	if (!position(rec, &lat, &lon)) {
		w->c.no_position++;
		return;
	}
	seg_places_within(&G.stores, lat, lon, S.radius, store_hit, w);
}

/* ---- geography: stores, communities, map ---- */

static long community_by_name(const char *name, size_t len, double lat, double lon, int pos)
{
	uint64_t h;
	long best = -1;
	double bd = INFINITY;
	if (!G.name_nslots)
		return -1;
	h = hash64(name, len, 0);
	for (size_t i = h & (G.name_nslots - 1); G.name_slot[i];
	     i = (i + 1) & (G.name_nslots - 1)) {
		for (uint32_t k = G.name_slot[i]; k; k = G.name_next[k - 1]) {
			const struct seg_place *p = &G.comms.p[k - 1];
			double d;
			if (strlen(p->name) != len || memcmp(p->name, name, len) != 0)
				break;
			d = pos ? seg_haversine(lat, lon, p->lat, p->lon) : 0;
			if (best < 0 || d < bd) {
				best = k - 1;
				bd = d;
			}
		}
		if (best >= 0)
			return best;
	}
	return -1;
}

static void geo_one(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	double lat = 0, lon = 0;
	int pos, coarse = 0;
	if (!prepare(w, rec, &ctx))
		return;
	pos = position(rec, &lat, &lon);
	if (!pos)
		w->c.no_position++;
	else if ((coarse = seg_coarse_position(rec, lat, lon)))
		w->c.coarse++;
	if (pos && S.radius > 0)
		seg_places_within(&G.stores, lat, lon, S.radius, store_hit, w);
	if (pos && G.have_map) {
		long c = seg_map_cell(&G.map, lat, lon);
		/* a district centroid is no place on a street map: counted, not drawn */
		if (c >= 0 && coarse) {
			w->c.off_map++;
		} else if (c >= 0) {
			w->cells[c]++;
			w->c.on_map++;
		}
	}
	if (G.have_comms) {
		const sv *cn = sv_get(rec, "community");
		long idx = -1;
		if (cn && cn->type == SV_STR && cn->len)
			idx = community_by_name(cn->u.s, cn->len, lat, lon, pos);
		if (idx < 0 && pos && !coarse && S.assign_km > 0) {
			double d;
			idx = seg_places_nearest(&G.comms, lat, lon, S.assign_km, &d);
		}
		if (idx >= 0) {
			w->comm_count[idx]++;
			w->c.assigned++;
		} else {
			w->c.unassigned++;
		}
	}
}

/* ---- lift ---- */

static void lift_one(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	const char *g;
	int gi;
	sv v;
	if (!prepare(w, rec, &ctx))
		return;
	g = sv_get_str(rec, "group");
	if (g && strcmp(g, "target") == 0)
		gi = 0;
	else if (g && strcmp(g, "control") == 0)
		gi = 1;
	else {
		w->c.no_group++;
		return;
	}
	v = expr_eval(G.outcome, rec, &ctx);
	w->lift.n[gi]++;
	w->lift.x[gi] += seg_outcome_true(&v) ? 1 : 0;
}

/* ---- set-up ---- */

static void compile_list(const char *src, const char *opt, expr ***out, char ***text, size_t *n)
{
	char **v = expr_split_list(src, n);
	free(*out);
	*out = xcalloc(*n + 1, sizeof(expr *));
	*text = v;
	for (size_t i = 0; i < *n; i++) {
		if (!*v[i])
			scrm_usage_error("%s: an empty item in '%s'", opt, src);
		(*out)[i] = expr_compile_or_die(opt, v[i]);
	}
}

static void setup_select(void)
{
	size_t n;
	char **v = expr_split_list(S.select, &n);
	G.sel = xcalloc(n + 1, sizeof(*G.sel));
	G.nsel = n;
	for (size_t i = 0; i < n; i++) {
		struct path *p = &G.sel[i];
		const char *s = v[i];
		if (!*s)
			scrm_usage_error("--select: an empty field name in '%s'", S.select);
		p->text = v[i];
		for (;;) {
			const char *dot = strchr(s, '.');
			size_t len = dot ? (size_t)(dot - s) : strlen(s);
			if (!len)
				scrm_usage_error("--select: bad field path '%s'", v[i]);
			p->part = xrealloc(p->part, (p->n + 1) * sizeof(char *));
			p->part[p->n++] = xstrndup(s, len);
			if (!dot)
				break;
			s = dot + 1;
		}
	}
	free(v);	/* the strings live on in the paths */
}

static void setup_split(const struct scrm_common *opt)
{
	json_t *root = conf_load(S.split), *list;
	list = json_object_get(root, "audiences");
	if (!json_is_array(list) || json_array_size(list) == 0)
		scrm_die(SCRM_EXIT_USAGE, "%s: expected {\"audiences\": [{\"name\", \"where\", "
			 "\"output\"}, ...]}", S.split);
	G.naud = json_array_size(list);
	G.aud = xcalloc(G.naud, sizeof(*G.aud));
	for (size_t i = 0; i < G.naud; i++) {
		json_t *o = json_array_get(list, i);
		json_t *jn = json_object_get(o, "name"), *jo = json_object_get(o, "output");
		json_t *jw = json_object_get(o, "where");
		struct wr_opts wo = { 0 };
		char label[200];
		const char *name, *out;
		if (!json_is_object(o) || !json_is_string(jn) || !json_is_string(jo) ||
		    !*json_string_value(jn) || !*json_string_value(jo))
			scrm_die(SCRM_EXIT_USAGE, "%s: audiences[%zu]: needs a name and an output file",
				 S.split, i);
		if (jw && !json_is_string(jw))
			scrm_die(SCRM_EXIT_USAGE, "%s: audiences[%zu]: \"where\" must be a string",
				 S.split, i);
		name = json_string_value(jn);
		out = json_string_value(jo);
		for (size_t k = 0; k < i; k++)
			if (strcmp(G.aud[k].output, out) == 0)
				scrm_die(SCRM_EXIT_USAGE, "%s: audiences[%zu]: output '%s' is used twice",
					 S.split, i, out);
		G.aud[i].name = xstrdup(name);
		G.aud[i].output = xstrdup(out);
		if (jw) {
			G.aud[i].where_src = xstrdup(json_string_value(jw));
			snprintf(label, sizeof(label), "%s: audience \"%s\"", S.split, name);
			G.aud[i].where = expr_compile_or_die(label, G.aud[i].where_src);
		}
		/* the format of the name (.csv, .tsv, optionally .gz), else -O */
		wo.format = opt->out_format;
		if (has_suffix(out, ".csv") || has_suffix(out, ".csv.gz"))
			wo.format = FMT_CSV;
		else if (has_suffix(out, ".tsv") || has_suffix(out, ".tsv.gz"))
			wo.format = FMT_TSV;
		else if (has_suffix(out, ".ndjson") || has_suffix(out, ".ndjson.gz") ||
			 has_suffix(out, ".jsonl") || has_suffix(out, ".jsonl.gz"))
			wo.format = FMT_NDJSON;
		wo.gzip = opt->gzip > 0 ? 1 : -1;
		wo.quote_all = opt->quote_all;
		G.aud[i].w = wr_open(G.aud[i].output, &wo);
	}
	json_decref(root);
}

struct near_item {
	uint32_t comm;
	double dist;
};

static int cmp_near(const void *pa, const void *pb)
{
	const struct near_item *a = pa, *b = pb;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	return a->comm < b->comm ? -1 : a->comm > b->comm;
}

static void setup_geo(void)
{
	double la0 = INFINITY, la1 = -INFINITY, lo0 = INFINITY, lo1 = -INFINITY;
	if (G.have_comms) {
		/* name index */
		G.name_nslots = 16;
		while (G.name_nslots < G.comms.n * 2)
			G.name_nslots *= 2;
		G.name_slot = xcalloc(G.name_nslots, sizeof(uint32_t));
		G.name_next = xcalloc(G.comms.n, sizeof(uint32_t));
		for (size_t k = G.comms.n; k-- > 0;) {
			const char *nm = G.comms.p[k].name;
			size_t len = strlen(nm), i = hash64(nm, len, 0) & (G.name_nslots - 1);
			for (; G.name_slot[i]; i = (i + 1) & (G.name_nslots - 1))
				if (strcmp(G.comms.p[G.name_slot[i] - 1].name, nm) == 0)
					break;
			G.name_next[k] = G.name_slot[i];
			G.name_slot[i] = (uint32_t)k + 1;
		}
	}
	if (S.nearest) {
		struct near_item *it = xcalloc(G.comms.n, sizeof(*it));
		for (size_t s = 0; s < G.stores.n; s++) {
			size_t m = 0;
			for (size_t c = 0; c < G.comms.n; c++) {
				double d = seg_haversine(G.stores.p[s].lat, G.stores.p[s].lon,
							 G.comms.p[c].lat, G.comms.p[c].lon);
				if (S.radius > 0 && d > S.radius)
					continue;
				it[m].comm = (uint32_t)c;
				it[m++].dist = d;
			}
			qsort(it, m, sizeof(*it), cmp_near);
			if (m > (size_t)S.nearest)
				m = (size_t)S.nearest;
			G.show_store = xrealloc(G.show_store, (G.nshow + m + 1) * sizeof(uint32_t));
			G.show_comm = xrealloc(G.show_comm, (G.nshow + m + 1) * sizeof(uint32_t));
			G.show_dist = xrealloc(G.show_dist, (G.nshow + m + 1) * sizeof(double));
			for (size_t i = 0; i < m; i++) {
				G.show_store[G.nshow] = (uint32_t)s;
				G.show_comm[G.nshow] = it[i].comm;
				G.show_dist[G.nshow++] = it[i].dist;
			}
		}
		free(it);
	}
	if (!S.format)
		return;
	/* the map's extent: the rings and the communities shown, plus a margin */
	for (size_t s = 0; s < G.stores.n; s++) {
		double r = S.radius / 111.195, la = G.stores.p[s].lat, lo = G.stores.p[s].lon;
		double rl = r / cos(la * M_PI / 180);
		la0 = fmin(la0, la - r);
		la1 = fmax(la1, la + r);
		lo0 = fmin(lo0, lo - rl);
		lo1 = fmax(lo1, lo + rl);
	}
	for (size_t i = 0; i < G.nshow; i++) {
		const struct seg_place *p = &G.comms.p[G.show_comm[i]];
		la0 = fmin(la0, p->lat);
		la1 = fmax(la1, p->lat);
		lo0 = fmin(lo0, p->lon);
		lo1 = fmax(lo1, p->lon);
	}
	{
		double ml = (la1 - la0) * 0.06 + 0.002, mo = (lo1 - lo0) * 0.06 + 0.002;
		double cell = S.cell;
		struct seg_map probe;
		la0 -= ml;
		la1 += ml;
		lo0 -= mo;
		lo1 += mo;
		if (cell <= 0) {
			seg_map_init(&probe, la0, la1, lo0, lo1, 1);
			cell = fmax(probe.x1 - probe.x0, probe.y1 - probe.y0) / 40;
			cell = fmax(0.01, seg_round(cell, cell < 0.1 ? 3 : 2));
		}
		seg_map_init(&G.map, la0, la1, lo0, lo1, cell);
		if ((double)G.map.nx * (double)G.map.ny > 4e6)
			scrm_usage_error("--cell: %.3f km makes %ld x %ld cells; choose a larger cell",
					 cell, G.map.nx, G.map.ny);
		G.have_map = 1;
	}
}

static void setup(const struct scrm_common *opt)
{
	int aggregate = S.group_by || S.count || S.sum || S.avg || S.top;
	if (S.where_src)
		G.where = expr_compile_or_die("--where", S.where_src);
	if (S.select)
		setup_select();
	if ((S.kmeans || S.features) && !S.fit)
		scrm_usage_error("--kmeans and --features go with --fit (then assign with --centroids)");
	if (S.fit && (!S.kmeans || !S.features))
		scrm_usage_error("--fit needs --kmeans K and --features");
	if (S.fit && S.centroids)
		scrm_usage_error("--fit writes a centroids file; --centroids reads one: choose one");
	if (S.use_personas && (S.centroids || S.fit))
		scrm_usage_error("--personas and k-means both write segment: choose one");
	if (S.sample >= 0 && S.limit >= 0)
		scrm_usage_error("--sample already limits the output: drop --limit");
	if (S.radius > 0 && !S.has_near && !S.stores)
		scrm_usage_error("--radius needs --near or --stores");
	if (S.has_near && S.stores)
		scrm_usage_error("--near and --stores: choose one (--near is a single store)");
	if (S.nearest && !S.communities)
		scrm_usage_error("--nearest needs --communities");
	if ((S.nearest || S.format) && !S.has_near && !S.stores)
		scrm_usage_error("%s needs --near or --stores", S.nearest ? "--nearest" : "--format");
	if (S.format && !S.radius && !S.nearest)
		scrm_usage_error("--format %s needs --radius or --nearest for the map's extent",
				 S.format);
	if (S.stores && !S.radius && !S.nearest && !S.format)
		scrm_usage_error("--stores needs --radius (counts per store) or --nearest");
	if (S.lift && (aggregate || S.format || S.nearest || S.split || S.fit || S.sample >= 0))
		scrm_usage_error("--lift writes one summary: it does not combine with aggregates, "
				 "maps, --split, --fit or --sample");

	if (S.fit)
		G.mode = M_FIT;
	else if (S.lift)
		G.mode = M_LIFT;
	else if (S.nearest || S.format)
		G.mode = M_GEO;
	else if (aggregate || S.stores)
		G.mode = M_GROUP;
	else if (S.split)
		G.mode = M_SPLIT;
	else if (S.sample >= 0)
		G.mode = M_SAMPLE;
	else
		G.mode = M_RECORDS;
	if (G.mode != M_RECORDS && G.mode != M_SAMPLE && G.mode != M_SPLIT) {
		if (S.select)
			scrm_usage_error("--select shapes records; this run writes %s",
					 G.mode == M_FIT ? "a centroids file" : "counts");
	}
	if (S.split && G.mode != M_SPLIT)
		scrm_usage_error("--split writes records: it does not combine with aggregates or maps");
	if (S.sample >= 0 && G.mode != M_SAMPLE)
		scrm_usage_error("--sample writes records: it does not combine with aggregates or "
				 "maps");
	if (S.group_by && G.mode == M_GEO)
		scrm_usage_error("--group-by does not combine with --nearest or --format");
	if ((S.sum || S.avg || S.top) && G.mode == M_GEO)
		scrm_usage_error("--sum, --avg and --top do not combine with --nearest or --format");
	if (G.mode == M_GROUP && S.stores && !S.radius)
		scrm_usage_error("--stores with aggregates needs --radius");

	if (S.use_personas)
		seg_personas_load(&G.personas, S.personas);
	if (S.centroids) {
		seg_kmeans_load(&G.km, S.centroids);
		G.km_assign = 1;
	}
	if (S.fit) {
		G.km.feat_src = expr_split_list(S.features, &G.km.d);
		if (G.km.d == 0 || G.km.d > 64)
			scrm_usage_error("--features: expected 1 to 64 expressions");
		G.km.feat = xcalloc(G.km.d, sizeof(expr *));
		for (size_t j = 0; j < G.km.d; j++) {
			if (!*G.km.feat_src[j])
				scrm_usage_error("--features: an empty item in '%s'", S.features);
			G.km.feat[j] = expr_compile_or_die("--features", G.km.feat_src[j]);
		}
	}
	if (S.lift)
		G.outcome = expr_compile_or_die("--outcome", S.outcome);
	if (S.holdout >= 0)
		G.holdout_cut = (uint64_t)floor(S.holdout / 100 * 9007199254740992.0);
	if (G.mode == M_GROUP) {
		if (S.group_by)
			compile_list(S.group_by, "--group-by", &G.keys, &G.key_src, &G.nkeys);
		if (S.sum) {
			expr **e = NULL;
			char **t = NULL;
			compile_list(S.sum, "--sum", &e, &t, &G.nsum);
			G.vals = e;
			G.val_col = xcalloc(G.nsum + 1, sizeof(char *));
			for (size_t i = 0; i < G.nsum; i++)
				G.val_col[i] = seg_column_name("sum_", t[i]);
			expr_free_list(t, G.nsum);
		}
		if (S.avg) {
			expr **e = NULL;
			char **t = NULL;
			compile_list(S.avg, "--avg", &e, &t, &G.navg);
			G.vals = xrealloc(G.vals, (G.nsum + G.navg + 1) * sizeof(expr *));
			G.val_col = xrealloc(G.val_col, (G.nsum + G.navg + 1) * sizeof(char *));
			for (size_t i = 0; i < G.navg; i++) {
				G.vals[G.nsum + i] = e[i];
				G.val_col[G.nsum + i] = seg_column_name("avg_", t[i]);
			}
			free(e);
			expr_free_list(t, G.navg);
		}
	}
	if (S.stores) {
		seg_places_load(&G.stores, S.stores, 0);
		G.have_stores = 1;
	} else if (S.has_near && (G.mode == M_GEO)) {
		G.stores.n = 1;
		G.stores.p = xcalloc(1, sizeof(struct seg_place));
		G.stores.p[0].id = xstrdup("near");
		G.stores.p[0].name = xstrdup("near");
		G.stores.p[0].lat = S.near_lat;
		G.stores.p[0].lon = S.near_lon;
		G.stores.by_lat = xcalloc(1, sizeof(uint32_t));
		G.have_stores = 1;
	}
	if (S.communities && G.mode == M_GEO) {
		seg_places_load(&G.comms, S.communities, 1);
		G.have_comms = 1;
	} else if (S.communities) {
		scrm_usage_error("--communities goes with --nearest or --format");
	}
	if (G.mode == M_GEO)
		setup_geo();
	if (G.mode == M_SPLIT)
		setup_split(opt);
	if (G.mode == M_GEO) {
		store_total = xcalloc(G.stores.n + 1, sizeof(uint64_t));
		comm_total = xcalloc(G.comms.n + 1, sizeof(uint64_t));
		if (G.have_map)
			cell_total = xcalloc((size_t)(G.map.nx * G.map.ny), sizeof(uint64_t));
	}
	seg_gt_init(&groups, G.nsum + G.navg);
	T.seg = xcalloc(nseg() + 1, sizeof(uint64_t));
}

/* ---- output ---- */

static void write_rec(scrm_run *run, const sv *rec)
{
	writer *w = scrm_writer(run);
	if (wr_record(w, rec) != 0)
		scrm_die(SCRM_EXIT_DATA, "cannot write a row: %s", wr_error(w));
	scrm_add_out(run, 1);
}

static uint64_t suppressed;

static void write_sample(scrm_run *run)
{
	arena *a = arena_new();
	struct json_parser jp = { 0 };
	qsort(sample_heap.c, sample_heap.n, sizeof(struct cand), cmp_cand);
	for (size_t i = 0; i < sample_heap.n; i++) {
		sv rec;
		if (json_parse_record(&jp, sample_heap.c[i].text, sample_heap.c[i].len, a, &rec) == 0)
			write_rec(run, &rec);
		free(sample_heap.c[i].text);
		arena_reset(a);
	}
	free(sample_heap.c);
	sample_heap.c = NULL;
	json_parser_release(&jp);
	arena_free(a);
}

static sv count_sv(arena *a, uint64_t n)
{
	if (n > 0 && n < S.min_count) {
		suppressed++;
		return sv_null();
	}
	return seg_num_sv(a, (double)n);
}

static void write_groups(scrm_run *run)
{
	arena *a = arena_new();
	struct json_parser jp = { 0 };
	size_t n, rows = 0;
	struct seg_group **v;
	uint32_t cur_store = UINT32_MAX;
	long in_store = 0;
	if (G.have_stores && !G.nkeys) {
		/* every store gets its row, with 0 when nobody is near */
		__int128 *zf = xcalloc(G.nsum + G.navg + 1, sizeof(__int128));
		uint64_t *zn = xcalloc(G.nsum + G.navg + 1, sizeof(uint64_t));
		for (size_t i = 0; i < G.stores.n; i++)
			seg_gt_add(&groups, "[]", 2, (uint32_t)i, 0, zf, zn);
		free(zf);
		free(zn);
	}
	if (!G.have_stores && !G.nkeys && groups.n == 0) {
		/* the count of nothing is a row too */
		__int128 zf[1] = { 0 };
		uint64_t zn[1] = { 0 };
		__int128 *pf = G.nsum + G.navg ? xcalloc(G.nsum + G.navg, sizeof(__int128)) : zf;
		uint64_t *pn = G.nsum + G.navg ? xcalloc(G.nsum + G.navg, sizeof(uint64_t)) : zn;
		seg_gt_add(&groups, "[]", 2, 0, 0, pf, pn);
		if (pf != zf) {
			free(pf);
			free(pn);
		}
	}
	v = seg_gt_sorted(&groups, &n);
	for (size_t i = 0; i < n; i++) {
		const struct seg_group *g = v[i];
		sv rec = sv_obj(), wrap, *keys;
		char *text;
		size_t tl;
		if (g->store != cur_store) {
			cur_store = g->store;
			in_store = 0;
		}
		if (S.top && in_store >= S.top)
			continue;
		if (S.limit >= 0 && (long)rows >= S.limit)
			break;
		if (G.nkeys && g->count < S.min_count) {
			suppressed++;
			continue;
		}
		in_store++;
		/* the key back from its JSON text */
		tl = g->keylen + 8;
		text = xmalloc(tl + 1);
		snprintf(text, tl + 1, "{\"k\":%.*s}", (int)g->keylen, g->key);
		if (json_parse_record(&jp, text, strlen(text), a, &wrap) != 0)
			scrm_die(SCRM_EXIT_DATA, "internal error: bad group key");
		free(text);
		keys = sv_get(&wrap, "k");
		if (G.have_stores)
			sv_append(a, &rec, "store", sv_str_static(G.stores.p[g->store].id));
		for (size_t k = 0; k < G.nkeys && k < keys->len; k++)
			sv_set(a, &rec, G.key_src[k], keys->u.items[k]);
		sv_set(a, &rec, "count", count_sv(a, g->count));
		for (size_t k = 0; k < G.nsum + G.navg; k++) {
			double s = seg_unfix(g->fix[k]);
			sv val;
			if (g->count > 0 && g->count < S.min_count)
				val = sv_null();
			else if (k < G.nsum)
				val = seg_num_sv(a, seg_round(s, 6));
			else
				val = g->nnum[k] ? seg_num_sv(a, seg_round(s / (double)g->nnum[k], 6))
						 : sv_null();
			sv_set(a, &rec, G.val_col[k], val);
		}
		write_rec(run, &rec);
		rows++;
		arena_reset(a);
	}
	free(v);
	json_parser_release(&jp);
	arena_free(a);
}

static void write_geo(scrm_run *run)
{
	struct seg_geo_view v = { 0 };
	strbuf sb = STRBUF_INIT;
	v.map = G.have_map ? &G.map : NULL;
	v.cells = cell_total;
	v.stores = &G.stores;
	v.store_count = store_total;
	v.radius = S.radius;
	v.comms = &G.comms;
	v.comm_count = comm_total;
	v.show_store = G.show_store;
	v.show_comm = G.show_comm;
	v.show_dist = G.show_dist;
	v.nshow = G.nshow;
	v.min_count = S.min_count;
	v.title = S.title ? S.title : "Customer heat map";
	v.total = T.on_map;
	v.coarse = T.off_map;
	if (S.format && strcmp(S.format, "svg") == 0) {
		seg_svg(&sb, &v);
	} else if (S.format) {
		seg_geojson(&sb, &v);
	} else {
		arena *a = arena_new();
		long rank = 0;
		for (size_t i = 0; i < G.nshow; i++) {
			const struct seg_place *p = &G.comms.p[G.show_comm[i]];
			sv rec = sv_obj();
			rank = i && G.show_store[i] == G.show_store[i - 1] ? rank + 1 : 1;
			if (S.limit >= 0 && (long)i >= S.limit)
				break;
			sv_append(a, &rec, "store", sv_str_static(G.stores.p[G.show_store[i]].id));
			sv_append(a, &rec, "rank", seg_num_sv(a, (double)rank));
			sv_append(a, &rec, "community_id", sv_str_static(p->id));
			sv_append(a, &rec, "community", sv_str_static(p->name));
			sv_append(a, &rec, "lat", seg_num_sv(a, p->lat));
			sv_append(a, &rec, "lon", seg_num_sv(a, p->lon));
			sv_append(a, &rec, "households",
				  p->households >= 0 ? seg_num_sv(a, p->households) : sv_null());
			sv_append(a, &rec, "distance_km", seg_num_sv(a, seg_round(G.show_dist[i], 3)));
			sv_append(a, &rec, "count", count_sv(a, comm_total[G.show_comm[i]]));
			write_rec(run, &rec);
			arena_reset(a);
		}
		arena_free(a);
		return;
	}
	wr_write_raw(scrm_writer(run), sb_str(&sb), sb.len);
	scrm_add_out(run, 1);
	sb_release(&sb);
}

static void write_fit(scrm_run *run)
{
	strbuf sb = STRBUF_INIT;
	if (fitN < (size_t)S.kmeans)
		scrm_die(SCRM_EXIT_DATA, "--fit: %zu records with numeric features, fewer than "
			 "--kmeans %ld", fitN, S.kmeans);
	seg_kmeans_fit(&G.km, fitX, fitN, (size_t)S.kmeans, S.seed, (int)S.n_init, 300);
	seg_kmeans_write(&G.km, &sb);
	wr_write_raw(scrm_writer(run), sb_str(&sb), sb.len);
	sb_release(&sb);
	free(fitX);
	fitX = NULL;
}

static void write_split(scrm_run *run)
{
	arena *a = arena_new();
	for (size_t i = 0; i < G.naud; i++) {
		sv rec = sv_obj();
		wr_close(G.aud[i].w, 1);
		G.aud[i].w = NULL;
		sv_append(a, &rec, "audience", sv_str_static(G.aud[i].name));
		sv_append(a, &rec, "output", sv_str_static(G.aud[i].output));
		sv_append(a, &rec, "count", seg_num_sv(a, (double)G.aud[i].n));
		write_rec(run, &rec);
		arena_reset(a);
	}
	arena_free(a);
}

static void stats_extra(strbuf *json, void *ud)
{
	UNUSED(ud);
	sb_addf(json, ",\"matched\":%llu", (unsigned long long)T.matched);
	if (S.has_near || G.have_stores)
		sb_addf(json, ",\"no_position\":%llu", (unsigned long long)T.no_position);
	if (G.mode == M_GEO)
		sb_addf(json, ",\"coarse_position\":%llu,\"on_map\":%llu,\"coarse_on_map\":%llu",
			(unsigned long long)T.coarse, (unsigned long long)T.on_map,
			(unsigned long long)T.off_map);
	if (G.have_comms)
		sb_addf(json, ",\"community_assigned\":%llu,\"community_unknown\":%llu",
			(unsigned long long)T.assigned, (unsigned long long)T.unassigned);
	if (S.min_count > 1)
		sb_addf(json, ",\"suppressed\":%llu", (unsigned long long)suppressed);
	if (S.holdout >= 0)
		sb_addf(json, ",\"target\":%llu,\"control\":%llu", (unsigned long long)T.target,
			(unsigned long long)T.control);
	if (G.mode == M_LIFT)
		sb_addf(json, ",\"no_group\":%llu", (unsigned long long)T.no_group);
	if (G.mode == M_FIT || G.km_assign)
		sb_addf(json, ",\"no_features\":%llu", (unsigned long long)T.no_features);
	if (G.mode == M_FIT && G.km.c) {
		char buf[40];
		format_double(G.km.inertia, buf, sizeof(buf));
		sb_addf(json, ",\"fitted\":%llu,\"inertia\":%s,\"iterations\":%d",
			(unsigned long long)G.km.n, buf, G.km.iterations);
	}
	if (nseg()) {
		sb_adds(json, ",\"segments\":{");
		for (size_t i = 0; i < nseg(); i++) {
			const char *id = G.personas.n ? G.personas.p[i].id : G.km.names[i];
			json_write_string(json, id, strlen(id));
			sb_addf(json, ":%llu,", (unsigned long long)T.seg[i]);
		}
		sb_addf(json, "\"null\":%llu}", (unsigned long long)T.seg[nseg()]);
	}
}

static void free_all(void *arg)
{
	UNUSED(arg);
	expr_free(G.where);
	expr_free(G.outcome);
	for (size_t i = 0; i < G.nsel; i++) {
		for (size_t k = 0; k < G.sel[i].n; k++)
			free(G.sel[i].part[k]);
		free(G.sel[i].part);
		free((char *)G.sel[i].text);
	}
	free(G.sel);
	seg_personas_free(&G.personas);
	seg_kmeans_free(&G.km);
	for (size_t i = 0; i < G.nkeys; i++)
		expr_free(G.keys[i]);
	for (size_t i = 0; i < G.nsum + G.navg; i++) {
		expr_free(G.vals[i]);
		free(G.val_col[i]);
	}
	free(G.keys);
	free(G.vals);
	free(G.val_col);
	expr_free_list(G.key_src, G.nkeys);
	seg_places_free(&G.stores);
	seg_places_free(&G.comms);
	free(G.show_store);
	free(G.show_comm);
	free(G.show_dist);
	free(G.name_slot);
	free(G.name_next);
	for (size_t i = 0; i < G.naud; i++) {
		free(G.aud[i].name);
		free(G.aud[i].where_src);
		free(G.aud[i].output);
		expr_free(G.aud[i].where);
	}
	free(G.aud);
	seg_gt_free(&groups);
	free(store_total);
	free(comm_total);
	free(cell_total);
	free(T.seg);
	for (size_t i = 0; i < sample_heap.n && sample_heap.c; i++)
		free(sample_heap.c[i].text);
	free(sample_heap.c);
	free(fitX);
	memset(&G, 0, sizeof(G));
	T.seg = NULL;
	store_total = comm_total = cell_total = NULL;
	sample_heap.c = NULL;
	fitX = NULL;
}

int main(int argc, char **argv)
{
	struct scrm_common opt;
	struct scrm_run_opts ro = { 0 };
	struct scrm_record_ops ops = { worker_init, record_one, worker_finish, NULL };
	scrm_run *run;

	scrm_set_progname(argv[0]);
	scrm_install_signal_handlers();
	scrm_atexit(free_all, NULL);
	scrm_parse_options(&tool, argc, argv, &opt, &S);
	if (!S.as_of)
		S.today = scrm_today();
	setup(&opt);
	ro.typed = 1;
	ro.stats_extra = stats_extra;
	/* in input order on one thread: --limit counts, --split writes, --fit keeps order */
	if (S.limit >= 0 || G.mode == M_SPLIT || G.mode == M_FIT)
		ro.serial = 1;
	switch (G.mode) {
	case M_RECORDS:
		break;
	case M_SAMPLE:
		ops.record = sample_one;
		break;
	case M_SPLIT:
		ops.record = split_one;
		break;
	case M_FIT:
		ops.record = fit_one;
		break;
	case M_GROUP:
		ops.record = group_one;
		break;
	case M_GEO:
		ops.record = geo_one;
		break;
	case M_LIFT:
		ops.record = lift_one;
		break;
	}
	run = scrm_run_open(&tool, &opt, &ro);
	scrm_run_stream(run, &ops, NULL);
	switch (G.mode) {
	case M_RECORDS:
		break;
	case M_SAMPLE:
		write_sample(run);
		break;
	case M_SPLIT:
		write_split(run);
		break;
	case M_FIT:
		write_fit(run);
		break;
	case M_GROUP:
		write_groups(run);
		break;
	case M_GEO:
		write_geo(run);
		break;
	case M_LIFT: {
		arena *a = arena_new();
		sv rec = sv_obj();
		seg_lift_record(a, &rec, &lift_total, S.outcome);
		write_rec(run, &rec);
		arena_free(a);
		break;
	}
	}
	scrm_run_finish(run);
}
