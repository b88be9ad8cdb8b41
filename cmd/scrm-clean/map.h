#ifndef SCRM_CLEAN_MAP_H
#define SCRM_CLEAN_MAP_H
/*
 * Source column -> canonical field: built-in Chinese and English header
 * synonyms, overridden or extended by a --map file:
 *   {"source": "sales", "event": "purchase",
 *    "fields": {"收货人": "name", "联系电话": "phone"}, "drop": ["备注"]}
 * Column names are compared after NFKC, case folding and removal of
 * spaces, '_', '-' and '.', so "Phone Number" and "phone_number" agree.
 */

struct field_map;

/* What becomes of one source column. */
struct map_target {
	int field;		/* enum schema_field, or -1: not a canonical field */
	const char *rename;	/* a name of the map's own (field -1), else NULL */
	int drop;		/* dropped by the map file */
	int product;		/* its name suggests a product name or title */
};

struct field_map *map_new(void);
void map_free(struct field_map *m);
/* Loads a map file; exits 2 with file and position on any error. */
void map_load(struct field_map *m, const char *path);
const char *map_source(const struct field_map *m);	/* NULL if not set */
const char *map_event(const struct field_map *m);
/* What the map does with a column (cached: call it per record). */
const struct map_target *map_column(struct field_map *m, const char *column);
/* Writes the built-in synonyms as "field<TAB>synonym" lines (for the man page). */
void map_dump_synonyms(void);

#endif
