#ifndef SCRM_CLEAN_CLEAN_H
#define SCRM_CLEAN_CLEAN_H
/* One raw record in, one canonical record out (or a reject). */
#include <stdint.h>

#include "run.h"

struct field_map;

struct clean_opts {
	struct field_map *map;
	const char *source;	/* --source, else the map's, else the file's stem */
	const char *event;	/* --event, else the map's, else from the source */
	const char *region;	/* phone numbers without a country code */
	int keep_raw;
	int drop_invalid;
	int dedupe;
	int today;		/* yyyymmdd: --as-of, else the current date */
};

struct cleaner;

struct cleaner *cleaner_new(const struct clean_opts *o);
void cleaner_free(struct cleaner *c);
/* The scrm_record_fn: cleans rec and emits or rejects it. */
void cleaner_record(scrm_run *run, sv *rec, void *ud);
/* Adds "flags": {name: count} and the dedupe table size to --stats. */
void cleaner_stats(strbuf *json, void *ud);

#endif
