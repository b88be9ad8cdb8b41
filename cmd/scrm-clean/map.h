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

#define MAP_PASS NULL		/* unmapped: passes through unchanged */
extern const char MAP_DROP[];	/* dropped by the map file */

struct field_map *map_new(void);
void map_free(struct field_map *m);
/* Loads a map file; exits 2 with file and position on any error. */
void map_load(struct field_map *m, const char *path);
const char *map_source(const struct field_map *m);	/* NULL if not set */
const char *map_event(const struct field_map *m);
/* The canonical field for a column, MAP_DROP, or MAP_PASS. Cached. */
const char *map_column(struct field_map *m, const char *column);
/* Writes the built-in synonyms as "field<TAB>synonym" lines (for the man page). */
void map_dump_synonyms(void);

#endif
