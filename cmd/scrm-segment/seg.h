#ifndef SCRM_SEG_H
#define SCRM_SEG_H
/*
 * scrm-segment's modules: personas (rules), k-means, group tables,
 * geography (stores, communities, grid, GeoJSON), the SVG heat map and
 * the holdout/lift statistics. Every external name starts with seg_.
 */
#include <stddef.h>
#include <stdint.h>

#include "expr.h"
#include "util.h"
#include "value.h"
#include "writer.h"

/* ---- small helpers (util in segment.c) ---- */

/* A number from a value (numbers and numeric strings); 0 if not one. */
int seg_num(const sv *v, double *out);
/* The key of a record for hashing (holdout, sampling): uid, else NULL. */
const char *seg_key(const sv *rec, const char *field, size_t *len);
/* Uniform [0, 1) from a hash of key and seed. */
double seg_unit_hash(const char *key, size_t len, uint64_t seed);
/* "sum_" + name with every byte but [A-Za-z0-9_] as '_'. */
char *seg_column_name(const char *prefix, const char *src);
/* Rounds to digits decimals (half away from zero). */
double seg_round(double x, int digits);
sv seg_num_sv(arena *a, double x);

/* ---- personas ---- */

struct seg_persona {
	char *id, *name, *when_src;
	expr *when;	/* NULL: matches every record */
};

struct seg_personas {
	struct seg_persona *p;
	size_t n;
	char *path;
};

extern const char scrm_default_personas_json[];

/* path NULL: the built-in set. Exits 2 on a bad file (3 if unreadable). */
void seg_personas_load(struct seg_personas *ps, const char *path);
void seg_personas_free(struct seg_personas *ps);
/* Index of the first persona that matches, or -1. */
int seg_personas_match(const struct seg_personas *ps, const sv *rec, struct expr_ctx *ctx);

/* ---- k-means ---- */

struct seg_kmeans {
	size_t k, d;
	char **feat_src;
	expr **feat;
	double *mean, *sd;	/* d each: standardisation (population sd) */
	double *c;		/* k * d centroids, standardised */
	uint64_t *sizes;	/* k: points per cluster in the fit */
	char **names;		/* k segment names (from the file), or NULL: c0, c1... */
	double inertia;		/* within-cluster sum of squares (standardised) */
	uint64_t n;		/* points fitted */
	uint64_t seed;
	int n_init, iterations;
	char *path;
};

/* Features of rec into x (d values); -1 if one is not a number. */
int seg_kmeans_features(const struct seg_kmeans *m, const sv *rec, struct expr_ctx *ctx,
			double *x);
/*
 * Fits k clusters to the n x d points X (raw values, standardised here):
 * k-means++ seeding (greedy, as scikit-learn), Lloyd iterations to a
 * fixed point, best of n_init starts by inertia. Deterministic.
 */
void seg_kmeans_fit(struct seg_kmeans *m, const double *X, size_t n, size_t k, uint64_t seed,
		    int n_init, int max_iter);
/* Nearest centroid of raw point x; its squared distance in *d2. */
size_t seg_kmeans_assign(const struct seg_kmeans *m, const double *x, double *d2);
void seg_kmeans_write(const struct seg_kmeans *m, strbuf *sb);
void seg_kmeans_load(struct seg_kmeans *m, const char *path);
void seg_kmeans_free(struct seg_kmeans *m);

/* ---- group tables ---- */

struct seg_group {
	char *key;		/* JSON text of the key array */
	size_t keylen;
	uint64_t hash;
	uint64_t count;
	__int128 *fix;		/* nval sums in millionths */
	uint64_t *nnum;		/* nval counts of numeric values */
	uint32_t store;		/* anchor index (stores mode), else 0 */
};

struct seg_gtable {
	struct seg_group *g;	/* slots */
	size_t nslots, n;
	size_t nval;
};

void seg_gt_init(struct seg_gtable *t, size_t nval);
void seg_gt_free(struct seg_gtable *t);
/* Adds a record to the group of key (vals[i] counted when ok[i]). */
void seg_gt_add(struct seg_gtable *t, const char *key, size_t len, uint32_t store,
		uint64_t count, const __int128 *fix, const uint64_t *nnum);
void seg_gt_merge(struct seg_gtable *into, const struct seg_gtable *from);
/* The groups in a new array (not slots), sorted: store, count desc, key. */
struct seg_group **seg_gt_sorted(const struct seg_gtable *t, size_t *n);
__int128 seg_fix(double v);
double seg_unfix(__int128 f);

/* ---- geography ---- */

#define SEG_EARTH_KM 6371.0088

double seg_haversine(double lat1, double lon1, double lat2, double lon2);

struct seg_place {
	char *id, *name;
	double lat, lon;
	double households;	/* communities; -1 when not given */
};

struct seg_places {
	struct seg_place *p;
	size_t n;
	uint32_t *by_lat;	/* indices sorted by latitude */
};

/*
 * Stores: CSV/TSV/NDJSON with id (or store_id), name, lat, lon.
 * Communities: community_id (or id), name, lon, lat, households.
 * A bad row exits 2 naming the file and line.
 */
void seg_places_load(struct seg_places *pl, const char *path, int communities);
void seg_places_free(struct seg_places *pl);
/*
 * Calls fn for every place within km of (lat, lon); with a latitude band
 * search, so many places cost little.
 */
void seg_places_within(const struct seg_places *pl, double lat, double lon, double km,
		       void (*fn)(size_t idx, double dist, void *ud), void *ud);
/* The nearest place within cap km, or -1. */
long seg_places_nearest(const struct seg_places *pl, double lat, double lon, double cap,
			double *dist);

/* 1 if (lat, lon) is the centroid of the record's adcode (a district-precision position). */
int seg_coarse_position(const sv *rec, double lat, double lon);

/* A map: equirectangular around the centre, cos(lat0) scaling, in km. */
struct seg_map {
	double lat0, lon0;	/* projection centre */
	double kx, ky;		/* km per degree of lon, lat */
	double x0, y0, x1, y1;	/* extent in km */
	double cell;		/* cell side, km */
	long nx, ny;
};

void seg_map_init(struct seg_map *m, double lat_min, double lat_max, double lon_min,
		  double lon_max, double cell);
void seg_map_xy(const struct seg_map *m, double lat, double lon, double *x, double *y);
void seg_map_latlon(const struct seg_map *m, double x, double y, double *lat, double *lon);
/* Cell index of a point, or -1 outside the map. */
long seg_map_cell(const struct seg_map *m, double lat, double lon);

/* What the geographic outputs show. */
struct seg_geo_view {
	const struct seg_map *map;
	const uint64_t *cells;		/* nx * ny counts */
	const struct seg_places *stores;
	const uint64_t *store_count;	/* per store */
	double radius;			/* km, 0: none */
	const struct seg_places *comms;
	const uint64_t *comm_count;	/* per community */
	/* the communities to show: (store, community, distance, rank) */
	const uint32_t *show_store, *show_comm;
	const double *show_dist;
	size_t nshow;
	uint64_t min_count;		/* counts under it are hidden */
	const char *title;
	uint64_t total;			/* matching records on the map */
	uint64_t coarse;		/* more placed only by district: not drawn */
};

void seg_geojson(strbuf *sb, const struct seg_geo_view *v);
void seg_svg(strbuf *sb, const struct seg_geo_view *v);

/* ---- lift ---- */

struct seg_lift {
	uint64_t n[2], x[2];	/* 0: target, 1: control */
};

/* Appends the summary record's members to obj. */
void seg_lift_record(arena *a, sv *obj, const struct seg_lift *l, const char *outcome);
/* Outcome truth: true, non-zero numbers, "1" "true" "yes" "y" "t" (any case). */
int seg_outcome_true(const sv *v);

#endif
