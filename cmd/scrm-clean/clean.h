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

/* Shared, read-only configuration of a run. */
struct cleaner *cleaner_new(const struct clean_opts *o);
void cleaner_free(struct cleaner *c);
/* The record operations (struct scrm_record_ops): per-worker state, one record. */
void *cleaner_worker_new(void *cleaner);
void cleaner_record(scrm_run *run, sv *rec, void *worker);
void cleaner_worker_finish(void *cleaner, void *worker);
/* Counts the flags of a record written (its scrm_note). */
void cleaner_committed(void *cleaner, const void *note, size_t n);
/* Adds "flags": {name: count} and the dedupe table size to --stats. */
void cleaner_stats(strbuf *json, void *ud);

#endif
