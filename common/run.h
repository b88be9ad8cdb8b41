#ifndef SCRM_RUN_H
#define SCRM_RUN_H
/*
 * The streaming driver shared by the per-record tools: it reads every
 * input file in order, hands each record to the tool, writes what the
 * tool emits, routes rejects (to --rejects or to stderr), counts
 * everything for --stats, shows --progress, enforces --strict and
 * --max-rejects, and commits the outputs only when the run succeeds.
 */
#include "options.h"
#include "reader.h"
#include "util.h"
#include "value.h"
#include "writer.h"

typedef struct scrm_run scrm_run;

struct scrm_run_opts {
	const char *const *columns;	/* CSV output starts with these (NULL-terminated) */
	int typed;			/* canonical typing of CSV input (struct rd_opts) */
	/* Appends the tool's own members to the --stats line: ,"key":value... */
	void (*stats_extra)(strbuf *json, void *ud);
	void *stats_ud;
};

scrm_run *scrm_run_open(const struct scrm_tool *tool, const struct scrm_common *opt,
			const struct scrm_run_opts *ro);

typedef void (*scrm_record_fn)(scrm_run *run, sv *rec, void *ud);

/* Reads all inputs; fn gets every well-formed record (memory: scrm_arena()). */
void scrm_run_stream(scrm_run *run, scrm_record_fn fn, void *ud);

/* Writes a record to the output (it is rejected if the CSV header cannot hold it). */
void scrm_emit(scrm_run *run, const sv *rec);
/* Sends a record to the rejects stream with a reason (no personal data). */
void scrm_reject(scrm_run *run, const sv *rec, const char *reason);
/* Sends a dropped duplicate to the rejects stream: counted apart, no message. */
void scrm_reject_duplicate(scrm_run *run, const sv *rec, const char *reason);

arena *scrm_arena(scrm_run *run);	/* reset after every record */
const char *scrm_file(const scrm_run *run);	/* input file of the current record */
long scrm_line(const scrm_run *run);		/* its first line */
int scrm_input_format(const scrm_run *run);	/* format of the current file */
const char *const *scrm_input_columns(const scrm_run *run, size_t *n);

/* Commits the outputs, prints --stats, applies --max-rejects; never returns. */
void scrm_run_finish(scrm_run *run) __attribute__((noreturn));

#endif
