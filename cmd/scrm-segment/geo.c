/*
 * Geography (seg.h): haversine distances, store and community files
 * searched by latitude band, the map grid and GeoJSON output.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cn_admin.h"
#include "error.h"
#include "reader.h"
#include "seg.h"
#include "banned.h"

#define DEG (M_PI / 180.0)
#define KM_PER_DEG (SEG_EARTH_KM * DEG)

double seg_haversine(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
	double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
	double h = s1 * s1 + cos(lat1 * DEG) * cos(lat2 * DEG) * s2 * s2;
	if (h > 1)
		h = 1;
	return 2 * SEG_EARTH_KM * asin(sqrt(h));
}

static const char *cell_str(const sv *rec, const char *const *names, size_t *which)
{
	for (size_t i = 0; names[i]; i++) {
		const sv *v = sv_get(rec, names[i]);
		if (v && v->type == SV_STR && v->len) {
			*which = i;
			return v->u.s;
		}
		if (v && v->type == SV_NUM) {
			*which = i;
			return v->u.num.text ? v->u.num.text : NULL;
		}
	}
	return NULL;
}

static int cell_num(const sv *rec, const char *name, double *out)
{
	const sv *v = sv_get(rec, name);
	return v && seg_num(v, out);
}

static const struct seg_places *sort_pl;

static int cmp_lat(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	double x = sort_pl->p[a].lat, y = sort_pl->p[b].lat;
	if (x != y)
		return x < y ? -1 : 1;
	return a < b ? -1 : a > b;
}

void seg_places_load(struct seg_places *pl, const char *path, int communities)
{
	static const char *const store_ids[] = { "id", "store_id", "store", NULL };
	static const char *const comm_ids[] = { "community_id", "id", NULL };
	static const char *const names[] = { "name", "community", NULL };
	const char *what = communities ? "communities" : "stores";
	struct rd_opts ro = { FMT_AUTO, 0, 0, 0 };
	reader *r;
	arena *a = arena_new();
	size_t cap = 0;
	enum rd_status st;
	sv rec;
	memset(pl, 0, sizeof(*pl));
	r = rd_open(path, &ro);
	while ((st = rd_next(r, a, &rec)) != RD_EOF) {
		struct seg_place p = { 0 };
		const char *id, *name;
		size_t w;
		if (st == RD_BAD)
			scrm_die_at(SCRM_EXIT_USAGE, rd_name(r), rd_line(r), "%s", rd_error(r));
		id = cell_str(&rec, communities ? comm_ids : store_ids, &w);
		if (!id || !*id)
			scrm_die_at(SCRM_EXIT_USAGE, rd_name(r), rd_line(r),
				    "%s: no %s", what, communities ? "community_id" : "id");
		if (!cell_num(&rec, "lat", &p.lat) || !cell_num(&rec, "lon", &p.lon) ||
		    p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180)
			scrm_die_at(SCRM_EXIT_USAGE, rd_name(r), rd_line(r),
				    "%s: lat and lon must be numbers (degrees, GCJ-02)", what);
		name = cell_str(&rec, names, &w);
		p.id = xstrdup(id);
		p.name = xstrdup(name ? name : id);
		p.households = -1;
		if (communities && sv_get(&rec, "households") &&
		    !sv_is_empty(sv_get(&rec, "households")) &&
		    (!cell_num(&rec, "households", &p.households) || p.households < 0))
			scrm_die_at(SCRM_EXIT_USAGE, rd_name(r), rd_line(r),
				    "%s: households must be a number >= 0", what);
		GROW(pl->p, cap, pl->n + 1);
		pl->p[pl->n++] = p;
		arena_reset(a);
	}
	if (pl->n == 0)
		scrm_die(SCRM_EXIT_USAGE, "%s: no %s in the file", rd_name(r), what);
	if (pl->n > UINT32_MAX / 2)
		scrm_die(SCRM_EXIT_USAGE, "%s: too many %s", rd_name(r), what);
	rd_close(r);
	arena_free(a);
	pl->by_lat = xcalloc(pl->n, sizeof(uint32_t));
	for (size_t i = 0; i < pl->n; i++)
		pl->by_lat[i] = (uint32_t)i;
	sort_pl = pl;
	qsort(pl->by_lat, pl->n, sizeof(uint32_t), cmp_lat);
}

void seg_places_free(struct seg_places *pl)
{
	for (size_t i = 0; i < pl->n; i++) {
		free(pl->p[i].id);
		free(pl->p[i].name);
	}
	free(pl->p);
	free(pl->by_lat);
	memset(pl, 0, sizeof(*pl));
}

/* First by_lat position with lat >= x. */
static size_t lower_lat(const struct seg_places *pl, double x)
{
	size_t lo = 0, hi = pl->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pl->p[pl->by_lat[mid]].lat < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void seg_places_within(const struct seg_places *pl, double lat, double lon, double km,
		       void (*fn)(size_t idx, double dist, void *ud), void *ud)
{
	double band = km / KM_PER_DEG * 1.0001 + 1e-9;
	for (size_t i = lower_lat(pl, lat - band); i < pl->n; i++) {
		uint32_t k = pl->by_lat[i];
		double d;
		if (pl->p[k].lat > lat + band)
			break;
		d = seg_haversine(lat, lon, pl->p[k].lat, pl->p[k].lon);
		if (d <= km)
			fn(k, d, ud);
	}
}

long seg_places_nearest(const struct seg_places *pl, double lat, double lon, double cap,
			double *dist)
{
	double band = cap / KM_PER_DEG * 1.0001 + 1e-9, best = INFINITY;
	long bi = -1;
	for (size_t i = lower_lat(pl, lat - band); i < pl->n; i++) {
		uint32_t k = pl->by_lat[i];
		double d;
		if (pl->p[k].lat > lat + band)
			break;
		d = seg_haversine(lat, lon, pl->p[k].lat, pl->p[k].lon);
		if (d <= cap && (d < best || (d == best && (long)k < bi))) {
			best = d;
			bi = k;
		}
	}
	*dist = best;
	return bi;
}

int seg_coarse_position(const sv *rec, double lat, double lon)
{
	const sv *v = sv_get(rec, "adcode");
	double code;
	const struct cn_division *dv;
	if (!v || !seg_num(v, &code) || code < 100000 || code > 999999)
		return 0;
	for (int up = 0; up < 3; up++) {
		dv = cn_admin_get((int)code);
		if (!dv)
			return 0;
		if (fabs(dv->lat - lat) < 1e-6 && fabs(dv->lon - lon) < 1e-6)
			return 1;
		if (!dv->parent_code)
			return 0;
		code = dv->parent_code;
	}
	return 0;
}

/* ---- the map ---- */

void seg_map_init(struct seg_map *m, double lat_min, double lat_max, double lon_min,
		  double lon_max, double cell)
{
	memset(m, 0, sizeof(*m));
	m->lat0 = (lat_min + lat_max) / 2;
	m->lon0 = (lon_min + lon_max) / 2;
	m->ky = KM_PER_DEG;
	m->kx = KM_PER_DEG * cos(m->lat0 * DEG);
	seg_map_xy(m, lat_min, lon_min, &m->x0, &m->y0);
	seg_map_xy(m, lat_max, lon_max, &m->x1, &m->y1);
	m->cell = cell;
	m->nx = (long)ceil((m->x1 - m->x0) / cell - 1e-9);
	m->ny = (long)ceil((m->y1 - m->y0) / cell - 1e-9);
	if (m->nx < 1)
		m->nx = 1;
	if (m->ny < 1)
		m->ny = 1;
	/* the grid covers whole cells, centred on the extent */
	double cx = (m->x0 + m->x1) / 2, cy = (m->y0 + m->y1) / 2;
	m->x0 = cx - m->nx * cell / 2;
	m->x1 = cx + m->nx * cell / 2;
	m->y0 = cy - m->ny * cell / 2;
	m->y1 = cy + m->ny * cell / 2;
}

void seg_map_xy(const struct seg_map *m, double lat, double lon, double *x, double *y)
{
	*x = (lon - m->lon0) * m->kx;
	*y = (lat - m->lat0) * m->ky;
}

void seg_map_latlon(const struct seg_map *m, double x, double y, double *lat, double *lon)
{
	*lon = m->lon0 + x / m->kx;
	*lat = m->lat0 + y / m->ky;
}

long seg_map_cell(const struct seg_map *m, double lat, double lon)
{
	double x, y;
	long ix, iy;
	seg_map_xy(m, lat, lon, &x, &y);
	if (x < m->x0 || y < m->y0 || x >= m->x1 || y >= m->y1)
		return -1;
	ix = (long)floor((x - m->x0) / m->cell);
	iy = (long)floor((y - m->y0) / m->cell);
	if (ix < 0 || iy < 0 || ix >= m->nx || iy >= m->ny)
		return -1;
	return iy * m->nx + ix;
}

/* ---- GeoJSON ---- */

static void coord(strbuf *sb, double lat, double lon)
{
	sb_addf(sb, "[%.6f,%.6f]", lon, lat);
}

static void str(strbuf *sb, const char *s)
{
	json_write_string(sb, s, strlen(s));
}

static void count(strbuf *sb, uint64_t n, uint64_t min)
{
	if (n > 0 && n < min)
		sb_adds(sb, "null,\"suppressed\":true");
	else
		sb_addf(sb, "%llu", (unsigned long long)n);
}

void seg_geojson(strbuf *sb, const struct seg_geo_view *v)
{
	const struct seg_map *m = v->map;
	int first = 1;
	sb_adds(sb, "{\"type\":\"FeatureCollection\",\"features\":[");
	for (long iy = 0; m && iy < m->ny; iy++)
		for (long ix = 0; ix < m->nx; ix++) {
			uint64_t n = v->cells[iy * m->nx + ix];
			double la0, lo0, la1, lo1;
			if (n == 0 || n < v->min_count)
				continue;
			seg_map_latlon(m, m->x0 + ix * m->cell, m->y0 + iy * m->cell, &la0, &lo0);
			seg_map_latlon(m, m->x0 + (ix + 1) * m->cell, m->y0 + (iy + 1) * m->cell,
				       &la1, &lo1);
			sb_adds(sb, first ? "\n" : ",\n");
			first = 0;
			sb_adds(sb, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
				    "\"coordinates\":[[");
			coord(sb, la0, lo0);
			sb_addc(sb, ',');
			coord(sb, la0, lo1);
			sb_addc(sb, ',');
			coord(sb, la1, lo1);
			sb_addc(sb, ',');
			coord(sb, la1, lo0);
			sb_addc(sb, ',');
			coord(sb, la0, lo0);
			sb_addf(sb, "]]},\"properties\":{\"kind\":\"cell\",\"cell_km\":%.3f,"
				    "\"count\":%llu}}", m->cell, (unsigned long long)n);
		}
	for (size_t i = 0; v->stores && i < v->stores->n; i++) {
		const struct seg_place *p = &v->stores->p[i];
		sb_adds(sb, first ? "\n" : ",\n");
		first = 0;
		sb_adds(sb, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":");
		coord(sb, p->lat, p->lon);
		sb_adds(sb, "},\"properties\":{\"kind\":\"store\",\"id\":");
		str(sb, p->id);
		sb_adds(sb, ",\"name\":");
		str(sb, p->name);
		if (v->radius > 0) {
			sb_addf(sb, ",\"radius_km\":%g,\"count\":", v->radius);
			count(sb, v->store_count[i], v->min_count);
		}
		sb_adds(sb, "}}");
	}
	for (size_t i = 0, rank = 0; i < v->nshow; i++) {
		const struct seg_place *p = &v->comms->p[v->show_comm[i]];
		rank = i && v->show_store[i] == v->show_store[i - 1] ? rank + 1 : 1;
		sb_adds(sb, first ? "\n" : ",\n");
		first = 0;
		sb_adds(sb, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":");
		coord(sb, p->lat, p->lon);
		sb_adds(sb, "},\"properties\":{\"kind\":\"community\",\"store\":");
		str(sb, v->stores->p[v->show_store[i]].id);
		sb_addf(sb, ",\"rank\":%zu", rank);
		sb_adds(sb, ",\"community_id\":");
		str(sb, p->id);
		sb_adds(sb, ",\"name\":");
		str(sb, p->name);
		if (p->households >= 0)
			sb_addf(sb, ",\"households\":%.0f", p->households);
		sb_addf(sb, ",\"distance_km\":%.3f,\"count\":", v->show_dist[i]);
		count(sb, v->comm_count[v->show_comm[i]], v->min_count);
		sb_adds(sb, "}}");
	}
	sb_adds(sb, "\n]}\n");
}
