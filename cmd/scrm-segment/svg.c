/*
 * The SVG heat map (seg.h): grid cells coloured by count on a sequential
 * palette (ColorBrewer YlOrRd, log-spaced classes), the stores and their
 * radius rings, the top communities labelled with their counts, a legend,
 * a scale bar and a title. Equirectangular projection around the map's
 * centre with cos(lat) scaling, so a ring is a circle and the scale bar
 * holds across the map. Self-contained (no fonts, images or scripts
 * fetched), deterministic: fixed-precision coordinates only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg.h"
#include "banned.h"

static const char *const palette[7] = {
	"#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"
};

#define MAX_LABELS 12

static void esc(strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			sb_adds(sb, "&amp;");
			break;
		case '<':
			sb_adds(sb, "&lt;");
			break;
		case '>':
			sb_adds(sb, "&gt;");
			break;
		case '"':
			sb_adds(sb, "&quot;");
			break;
		default:
			if ((unsigned char)*s < 0x20)
				sb_addc(sb, ' ');
			else
				sb_addc(sb, *s);
		}
	}
}

struct classes {
	int k;
	uint64_t lo, ub[7];
	const char *col[7];
};

static void make_classes(struct classes *c, uint64_t lo, uint64_t max)
{
	uint64_t span;
	memset(c, 0, sizeof(*c));
	if (lo < 1)
		lo = 1;
	c->lo = lo;
	if (max < lo)
		return;
	span = max - lo + 1;
	c->k = span < 7 ? (int)span : 7;
	for (int i = 1; i <= c->k; i++) {
		double e = (double)lo * pow((double)max / (double)lo, (double)i / c->k);
		uint64_t ub = (uint64_t)ceil(e - 1e-9);
		uint64_t prev = i > 1 ? c->ub[i - 2] : lo - 1;
		if (ub <= prev)
			ub = prev + 1;
		c->ub[i - 1] = ub;
	}
	c->ub[c->k - 1] = max;
	for (int i = 0; i < c->k; i++)
		c->col[i] = palette[c->k == 1 ? 6 : (int)lround(i * 6.0 / (c->k - 1))];
}

static const char *class_of(const struct classes *c, uint64_t n)
{
	for (int i = 0; i < c->k; i++)
		if (n <= c->ub[i])
			return c->col[i];
	return c->k ? c->col[c->k - 1] : palette[0];
}

static double nice_length(double km)
{
	static const double steps[] = { 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50,
					100, 200, 250, 500, 1000 };
	double best = steps[0];
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
		if (steps[i] <= km)
			best = steps[i];
	return best;
}

static void fmt_km(strbuf *sb, double km)
{
	if (km < 1)
		sb_addf(sb, "%.0f m", km * 1000);
	else
		sb_addf(sb, "%g km", km);
}

/* Rough text width: CJK characters are square, others about 0.6 em. */
static double text_width(const char *s, double size)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			w += 0.6 * size;
		else if (*p >= 0xe0)
			w += size;
	}
	return w;
}

struct box {
	double x, y, w, h;
};

#define MAX_BOXES 64

/* Takes the box if it overlaps none placed before. */
static int place(struct box *b, size_t *n, double x, double y, double w, double h)
{
	for (size_t i = 0; i < *n; i++)
		if (x < b[i].x + b[i].w && b[i].x < x + w && y < b[i].y + b[i].h && b[i].y < y + h)
			return 0;
	if (*n < MAX_BOXES)
		b[(*n)++] = (struct box){ x, y, w, h };
	return 1;
}

struct label {
	size_t comm;
	uint64_t count;
};

static int cmp_label(const void *pa, const void *pb)
{
	const struct label *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->comm < b->comm ? -1 : a->comm > b->comm;
}

void seg_svg(strbuf *sb, const struct seg_geo_view *v)
{
	const struct seg_map *m = v->map;
	double spanx = m->x1 - m->x0, spany = m->y1 - m->y0;
	double ppk = fmin(660 / spanx, 760 / spany);
	double mw = spanx * ppk, mh = spany * ppk, mx = 24, my = 84;
	double lx = mx + mw + 32, W = lx + 210, H = fmax(my + mh + 48, 560);
	uint64_t max = 0, shown_cells = 0, hidden = 0;
	struct classes cl;
	struct label *labels = xcalloc(v->nshow + 1, sizeof(*labels));
	size_t nlab = 0, nbox = 0;
	struct box boxes[MAX_BOXES];

	for (long i = 0; i < m->nx * m->ny; i++) {
		if (v->cells[i] == 0)
			continue;
		if (v->cells[i] < v->min_count) {
			hidden++;
			continue;
		}
		shown_cells++;
		if (v->cells[i] > max)
			max = v->cells[i];
	}
	make_classes(&cl, v->min_count, max);

#define PX(x) (mx + ((x) - m->x0) * ppk)
#define PY(y) (my + (m->y1 - (y)) * ppk)
	sb_addf(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		    "viewBox=\"0 0 %.0f %.0f\" font-family=\"Noto Sans CJK SC, Source Han Sans SC, "
		    "WenQuanYi Micro Hei, DejaVu Sans, sans-serif\">\n", W, H, W, H);
	sb_adds(sb, "<title>");
	esc(sb, v->title);
	sb_adds(sb, "</title>\n");
	sb_addf(sb, "<defs><clipPath id=\"map\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\"/></clipPath></defs>\n", mx, my, mw, mh);
	sb_addf(sb, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", W, H);
	sb_adds(sb, "<text x=\"24\" y=\"38\" font-size=\"22\" font-weight=\"bold\" fill=\"#222\">");
	esc(sb, v->title);
	sb_adds(sb, "</text>\n<text x=\"24\" y=\"64\" font-size=\"13\" fill=\"#555\">");
	sb_addf(sb, "%llu matching customers on the map; cells of ", (unsigned long long)v->total);
	fmt_km(sb, m->cell);
	if (v->radius > 0) {
		sb_adds(sb, "; ring: ");
		fmt_km(sb, v->radius);
	}
	sb_adds(sb, "; counts only, no individuals");
	if (v->coarse)
		sb_addf(sb, "; %llu more known only by district, not drawn",
			(unsigned long long)v->coarse);
	sb_adds(sb, "</text>\n");

	/* map frame and light grid */
	sb_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#f3f3ef\" "
		    "stroke=\"#888\" stroke-width=\"1\"/>\n", mx, my, mw, mh);
	sb_adds(sb, "<g clip-path=\"url(#map)\">\n<g fill-opacity=\"0.88\" stroke=\"none\">\n");
	for (long iy = 0; iy < m->ny; iy++)
		for (long ix = 0; ix < m->nx; ix++) {
			uint64_t n = v->cells[iy * m->nx + ix];
			double x = m->x0 + ix * m->cell, y = m->y0 + (iy + 1) * m->cell;
			if (n == 0 || n < v->min_count)
				continue;
			sb_addf(sb, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
				    "fill=\"%s\"><title>%llu</title></rect>\n", PX(x), PY(y),
				m->cell * ppk, m->cell * ppk, class_of(&cl, n), (unsigned long long)n);
		}
	sb_adds(sb, "</g>\n");
	/* rings and stores */
	for (size_t i = 0; v->stores && i < v->stores->n; i++) {
		const struct seg_place *p = &v->stores->p[i];
		double x, y;
		seg_map_xy(m, p->lat, p->lon, &x, &y);
		if (v->radius > 0)
			sb_addf(sb, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"none\" "
				    "stroke=\"#2166ac\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n",
				PX(x), PY(y), v->radius * ppk);
	}
	/* community labels: the most customers first */
	for (size_t i = 0; i < v->nshow; i++) {
		size_t c = v->show_comm[i], k;
		for (k = 0; k < nlab; k++)
			if (labels[k].comm == c)
				break;
		if (k == nlab) {
			labels[nlab].comm = c;
			labels[nlab++].count = v->comm_count[c];
		}
	}
	qsort(labels, nlab, sizeof(*labels), cmp_label);
	/* labels that do not overlap: the stores' first, then by count */
	for (size_t i = 0; v->stores && i < v->stores->n; i++) {
		const struct seg_place *p = &v->stores->p[i];
		double x, y;
		seg_map_xy(m, p->lat, p->lon, &x, &y);
		place(boxes, &nbox, PX(x) - 6, PY(y) - 10, 12, 20);
		place(boxes, &nbox, PX(x) + 9, PY(y) + 4, text_width(p->name, 12) + 130, 16);
	}
	for (size_t i = 0, shown = 0; i < nlab && shown < MAX_LABELS; i++) {
		const struct seg_place *p = &v->comms->p[labels[i].comm];
		double x, y, w;
		static const double dx[4] = { 6, 6, -6, -6 }, dy[4] = { -16, 2, -16, 2 };
		int pos;
		if (labels[i].count == 0 || labels[i].count < v->min_count)
			break;
		seg_map_xy(m, p->lat, p->lon, &x, &y);
		w = text_width(p->name, 11) + 8 * 7;
		for (pos = 0; pos < 4; pos++)
			if (place(boxes, &nbox, dx[pos] < 0 ? PX(x) - 6 - w : PX(x) + dx[pos],
				  PY(y) + dy[pos], w, 14))
				break;
		if (pos == 4)
			continue;
		shown++;
		sb_addf(sb, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\" fill=\"#222\" "
			    "stroke=\"#fff\" stroke-width=\"1\"/>\n", PX(x), PY(y));
		sb_addf(sb, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"11\" fill=\"#111\" "
			    "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"%s>",
			PX(x) + dx[pos], PY(y) + dy[pos] + 11, dx[pos] < 0 ? " text-anchor=\"end\"" : "");
		esc(sb, p->name);
		sb_addf(sb, " %llu</text>\n", (unsigned long long)labels[i].count);
	}
	for (size_t i = 0; v->stores && i < v->stores->n; i++) {
		const struct seg_place *p = &v->stores->p[i];
		double x, y;
		seg_map_xy(m, p->lat, p->lon, &x, &y);
		sb_addf(sb, "<path d=\"M%.2f %.2f l5 -9 l5 9 l-5 9 z\" fill=\"#2166ac\" stroke=\"#fff\" "
			    "stroke-width=\"1.5\"/>\n", PX(x) - 5, PY(y));
		sb_addf(sb, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"12\" font-weight=\"bold\" "
			    "fill=\"#2166ac\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">",
			PX(x) + 9, PY(y) + 16);
		esc(sb, p->name);
		if (v->radius > 0 && (v->store_count[i] >= v->min_count || !v->store_count[i]))
			sb_addf(sb, ": %llu within ", (unsigned long long)v->store_count[i]);
		else if (v->radius > 0)
			sb_adds(sb, ": suppressed within ");
		if (v->radius > 0)
			fmt_km(sb, v->radius);
		sb_adds(sb, "</text>\n");
	}
	sb_adds(sb, "</g>\n");

	/* scale bar */
	{
		double len = nice_length(spanx / 4), bx = mx + 14, by = my + mh - 16;
		sb_addf(sb, "<g><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"6\" fill=\"#222\"/>"
			    "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"6\" fill=\"#fff\" "
			    "stroke=\"#222\" stroke-width=\"1\"/>", bx, by, len * ppk / 2,
			bx + len * ppk / 2, by, len * ppk / 2);
		sb_addf(sb, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"11\" fill=\"#222\">0</text>",
			bx - 3, by - 4);
		sb_addf(sb, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"11\" fill=\"#222\" "
			    "text-anchor=\"end\">", bx + len * ppk + 3, by - 4);
		fmt_km(sb, len);
		sb_adds(sb, "</text></g>\n");
		sb_addf(sb, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"12\" font-weight=\"bold\" "
			    "fill=\"#222\" text-anchor=\"middle\">N</text>"
			    "<path d=\"M%.2f %.2f l5 12 l-5 -4 l-5 4 z\" fill=\"#222\"/>\n",
			mx + mw - 20, my + 20, mx + mw - 20, my + 24);
	}

	/* legend */
	{
		double y = my + 8;
		sb_addf(sb, "<g font-size=\"12\" fill=\"#222\"><text x=\"%.1f\" y=\"%.1f\" "
			    "font-weight=\"bold\">Customers per cell</text>\n", lx, y);
		y += 10;
		if (cl.k == 0) {
			sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\">no cell to show</text>\n", lx, y + 14);
			y += 22;
		}
		for (int i = 0; i < cl.k; i++) {
			uint64_t lo = i ? cl.ub[i - 1] + 1 : cl.lo;
			sb_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"16\" fill=\"%s\" "
				    "stroke=\"#999\" stroke-width=\"0.5\"/>", lx, y, cl.col[i]);
			if (lo == cl.ub[i])
				sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\">%llu</text>\n", lx + 30, y + 12.5,
					(unsigned long long)lo);
			else
				sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\">%llu&#8211;%llu</text>\n",
					lx + 30, y + 12.5, (unsigned long long)lo,
					(unsigned long long)cl.ub[i]);
			y += 20;
		}
		y += 10;
		sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\">%llu cells shown</text>\n", lx, y,
			(unsigned long long)shown_cells);
		y += 16;
		if (v->min_count > 1) {
			sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\">%llu cells under %llu hidden</text>\n",
				lx, y, (unsigned long long)hidden, (unsigned long long)v->min_count);
			y += 16;
		}
		y += 12;
		sb_addf(sb, "<path d=\"M%.1f %.1f l5 -9 l5 9 l-5 9 z\" fill=\"#2166ac\"/>"
			    "<text x=\"%.1f\" y=\"%.1f\">store</text>\n", lx + 6, y, lx + 30, y + 4);
		y += 24;
		if (v->radius > 0) {
			sb_addf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"none\" stroke=\"#2166ac\" "
				    "stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" "
				    "y=\"%.1f\">radius ", lx + 11, y, lx + 30, y + 4);
			fmt_km(sb, v->radius);
			sb_adds(sb, "</text>\n");
			y += 24;
		}
		if (nlab) {
			sb_addf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#222\"/>"
				    "<text x=\"%.1f\" y=\"%.1f\">community: customers</text>\n",
				lx + 11, y, lx + 30, y + 4);
			y += 24;
		}
		sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#666\">GCJ-02, "
			    "equirectangular</text>\n", lx, y);
		sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#666\">scrm-segment"
			    "</text>\n</g>\n", lx, y + 14);
	}
	sb_adds(sb, "</svg>\n");
	free(labels);
#undef PX
#undef PY
}
