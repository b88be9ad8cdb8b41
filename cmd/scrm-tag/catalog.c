/*
 * The product catalogue (catalog.h).
 */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "reader.h"
#include "util.h"
#include "banned.h"

struct entry {
	const char *sku;
	size_t skulen;
	sv members;		/* object: what a product is given (attrs, category, ...) */
};

struct catalog {
	arena *a;		/* lives as long as the catalogue */
	struct entry *e;
	size_t n, cap;
	int *slots;		/* entry + 1; 0 empty */
	size_t nslots;
};

static const struct entry *lookup(const struct catalog *c, const char *sku, size_t len)
{
	if (!c->nslots)
		return NULL;
	size_t mask = c->nslots - 1, i = hash64(sku, len, 7) & mask;
	for (; c->slots[i]; i = (i + 1) & mask) {
		const struct entry *e = &c->e[c->slots[i] - 1];
		if (e->skulen == len && memcmp(e->sku, sku, len) == 0)
			return e;
	}
	return NULL;
}

static void rehash(struct catalog *c)
{
	size_t ns = c->nslots ? c->nslots * 2 : 1024;
	free(c->slots);
	c->slots = xcalloc(ns, sizeof(int));
	c->nslots = ns;
	for (size_t k = 0; k < c->n; k++) {
		size_t i = hash64(c->e[k].sku, c->e[k].skulen, 7) & (ns - 1);
		while (c->slots[i])
			i = (i + 1) & (ns - 1);
		c->slots[i] = (int)k + 1;
	}
}

/* "节能| 智能|" -> ["节能","智能"] */
static sv split_attrs(arena *a, const char *s, size_t n)
{
	sv arr = sv_arr();
	const char *p = s, *end = s + n;
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *e = bar ? bar : end, *b = p;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		const char *q = e;
		while (q > b && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		if (q > b)
			sv_arr_push(a, &arr, sv_str(a, b, (size_t)(q - b)));
		p = e + 1;
	}
	return arr;
}

struct catalog *catalog_load(const char *path)
{
	struct catalog *c = xcalloc(1, sizeof(*c));
	struct rd_opts ro = { FMT_AUTO, 0, 1, 0 };
	reader *r = rd_open(path, &ro);
	arena *tmp = arena_new();
	sv rec;
	enum rd_status st;
	c->a = arena_new();
	while ((st = rd_next(r, tmp, &rec)) != RD_EOF) {
		if (st == RD_BAD)
			scrm_die_at(SCRM_EXIT_USAGE, rd_name(r), rd_line(r), "bad catalogue row: %s",
				    rd_error(r));
		const sv *sku = sv_get(&rec, "sku");
		if (!sku || sku->type != SV_STR || sku->len == 0)
			scrm_die_at(SCRM_EXIT_USAGE, rd_name(r), rd_line(r),
				    "catalogue row without a sku");
		if (lookup(c, sku->u.s, sku->len))
			scrm_die_at(SCRM_EXIT_USAGE, rd_name(r), rd_line(r),
				    "sku %s listed twice in the catalogue", sku->u.s);
		GROW(c->e, c->cap, c->n + 1);
		struct entry *e = &c->e[c->n];
		e->sku = arena_strndup(c->a, sku->u.s, sku->len);
		e->skulen = sku->len;
		e->members = sv_obj();
		for (uint32_t i = 0; i < rec.len; i++) {
			const char *key = rec.u.pairs[i].key;
			const sv *v = &rec.u.pairs[i].val;
			if (strcmp(key, "sku") == 0 || sv_is_empty(v))
				continue;
			if (strcmp(key, "attributes") == 0 || strcmp(key, "attrs") == 0) {
				sv arr = v->type == SV_STR ? split_attrs(c->a, v->u.s, v->len)
							   : sv_copy(c->a, v);
				sv_set(c->a, &e->members, "attrs", arr);
				continue;
			}
			sv_set_copykey(c->a, &e->members, key, sv_copy(c->a, v));
		}
		c->n++;
		if ((c->n + 1) * 2 > c->nslots)
			rehash(c);
		else {
			size_t i = hash64(e->sku, e->skulen, 7) & (c->nslots - 1);
			while (c->slots[i])
				i = (i + 1) & (c->nslots - 1);
			c->slots[i] = (int)c->n;
		}
		arena_reset(tmp);
	}
	arena_free(tmp);
	rd_close(r);
	return c;
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	arena_free(c->a);
	free(c->e);
	free(c->slots);
	free(c);
}

size_t catalog_size(const struct catalog *c)
{
	return c->n;
}

sv catalog_enrich(const struct catalog *c, arena *a, const sv *products,
		  struct catalog_counts *cnt)
{
	sv out = *products;
	int copied = 0;
	if (products->type != SV_ARR)
		return out;
	for (uint32_t i = 0; i < products->len; i++) {
		const sv *p = &products->u.items[i];
		const sv *sku;
		const struct entry *e;
		if (p->type != SV_OBJ || !(sku = sv_get(p, "sku")) || sku->type != SV_STR ||
		    sku->len == 0)
			continue;
		cnt->products++;
		if (!(e = lookup(c, sku->u.s, sku->len))) {
			cnt->unknown++;
			continue;
		}
		cnt->matched++;
		if (!copied) {
			out.u.items = arena_alloc(a, products->len * sizeof(sv));
			memcpy(out.u.items, products->u.items, products->len * sizeof(sv));
			out.cap = products->len;
			copied = 1;
		}
		sv np = sv_obj();
		for (uint32_t k = 0; k < p->len; k++)
			sv_append(a, &np, p->u.pairs[k].key, p->u.pairs[k].val);
		for (uint32_t k = 0; k < e->members.len; k++) {
			const sv *have = sv_get(p, e->members.u.pairs[k].key);
			if (!have)
				sv_append(a, &np, e->members.u.pairs[k].key, e->members.u.pairs[k].val);
			else if (sv_is_empty(have))
				sv_set(a, &np, e->members.u.pairs[k].key, e->members.u.pairs[k].val);
		}
		out.u.items[i] = np;
	}
	return out;
}
