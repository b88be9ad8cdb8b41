#ifndef SCRM_TAG_CATALOG_H
#define SCRM_TAG_CATALOG_H
/*
 * The product catalogue of scrm-tag --catalog: sku -> category, attrs
 * and any other columns, read as CSV, TSV or NDJSON. Before the rules
 * run, each product of a profile whose sku is listed gets the members it
 * lacks (attrs: the '|'-separated attributes column as an array).
 */
#include <stdint.h>

#include "value.h"

struct catalog;

struct catalog_counts {
	uint64_t products;	/* products with a sku */
	uint64_t matched;	/* ... found in the catalogue */
	uint64_t unknown;	/* ... not found */
};

struct catalog *catalog_load(const char *path);
void catalog_free(struct catalog *c);
size_t catalog_size(const struct catalog *c);

/*
 * Returns products (an array) with the listed products enriched: copies
 * in a, the input is not changed. Counts go to cnt.
 */
sv catalog_enrich(const struct catalog *c, arena *a, const sv *products,
		  struct catalog_counts *cnt);

#endif
