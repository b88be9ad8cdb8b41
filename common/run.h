#ifndef SCRM_RUN_H
#define SCRM_RUN_H
/*
 * The streaming driver shared by the per-record tools: it reads every
 * input file in order, hands each record to the tool, writes what the
 * tool emits, routes rejects (to --rejects or to stderr), counts
 * everything for --stats, shows --progress, enforces --strict and
 * --max-rejects, and commits the outputs only when the run succeeds.
 *
 * Records are read in batches and handed to worker threads (--threads);
 * what the workers emit is written in input order, so the output is the
 * same byte for byte whatever the number of threads. A tool's record
 * function therefore keeps its scratch state per worker (init/finish).
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
	int serial;			/* records one by one on the main thread */
};

scrm_run *scrm_run_open(const struct scrm_tool *tool, const struct scrm_common *opt,
			const struct scrm_run_opts *ro);

/* What a tool does per record, with state per worker thread. */
struct scrm_record_ops {
	void *(*worker_init)(void *shared);	/* NULL: the shared pointer is used */
	void (*record)(scrm_run *run, sv *rec, void *worker);
	void (*worker_finish)(void *shared, void *worker);	/* merge counts, free */
	/* Gets a scrm_note() back when its record is written: main thread, input order. */
	void (*committed)(void *shared, const void *note, size_t n);
};

/* Reads all inputs; ops->record gets every well-formed record. */
void scrm_run_stream(scrm_run *run, const struct scrm_record_ops *ops, void *shared);

/* Writes a record to the output (it is rejected if the CSV header cannot hold it). */
void scrm_emit(scrm_run *run, const sv *rec);
/*
 * Writes rec unless an earlier record had the same key (in input order);
 * then dup (the record as read) goes to the rejects stream with reason,
 * counted as a duplicate.
 */
void scrm_emit_unique(scrm_run *run, const sv *rec, const uint64_t key[2], const sv *dup,
		      const char *reason);
/*
 * Attaches data (copied) to the next record this worker emits, for
 * ops->committed: counts that must only cover records really written.
 */
void scrm_note(scrm_run *run, const void *data, size_t n);
/* Sends a record to the rejects stream with a reason (no personal data). */
void scrm_reject(scrm_run *run, const sv *rec, const char *reason);

arena *scrm_arena(scrm_run *run);	/* the record's memory: reset after it */
const char *scrm_file(const scrm_run *run);	/* input file of the current record */
long scrm_line(const scrm_run *run);		/* its first line */

/*
 * For tools that gather every record first and write at the end (the
 * record function emits nothing): the output, and the count to add to
 * --stats "out".
 */
writer *scrm_writer(scrm_run *run);
void scrm_add_out(scrm_run *run, uint64_t n);

/*
 * No more input is read after the current record (--limit reached). For
 * serial runs (scrm_run_opts.serial): with workers, records already read
 * are still processed.
 */
void scrm_run_stop(scrm_run *run);

/* Commits the outputs, prints --stats, applies --max-rejects; never returns. */
void scrm_run_finish(scrm_run *run) __attribute__((noreturn));

#endif
