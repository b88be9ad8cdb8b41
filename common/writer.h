#ifndef SCRM_WRITER_H
#define SCRM_WRITER_H
/*
 * Records out: NDJSON (the native format) or CSV/TSV with a header.
 * Numbers keep their source text, or are written in the shortest form
 * that reads back the same. CSV flattens nested objects to dotted column
 * names and joins arrays of scalars with "|"; quoting is minimal RFC 4180
 * (or every cell with quote_all). The CSV header is the tool's declared
 * columns plus every other column seen in the first records (a lookahead
 * window); a later record with a column outside the header is refused,
 * never written with a cell silently dropped.
 */
#include "util.h"
#include "value.h"

struct wr_opts {
	int format;		/* FMT_NDJSON, FMT_CSV or FMT_TSV */
	int gzip;		/* 1, 0, or -1: when the name ends in .gz */
	int level;		/* zlib level, 0 for the default (1) */
	int quote_all;
	int unbuffered;		/* flush after every record */
	int lookahead;		/* CSV records read before the header is fixed */
};

typedef struct writer writer;

writer *wr_open(const char *path, const struct wr_opts *opts);
/* Columns a CSV header starts with, in this order (NULL-terminated). */
void wr_declare(writer *w, const char *const *cols);
/* 0 when written; -1 when refused (wr_error() says why). */
int wr_record(writer *w, const sv *rec);
const char *wr_error(const writer *w);
/* Writes what is pending, finishes the stream and commits (or discards) it. */
void wr_close(writer *w, int commit);
void wr_flush(writer *w);
/* Writes text already serialised for this writer (whole NDJSON lines). */
void wr_write_raw(writer *w, const char *text, size_t n);
int wr_format(const writer *w);

/*
 * Formatting rows on other threads: once the header is fixed (always, for
 * NDJSON) a record can be formatted with a scratch of the thread's own and
 * the text written later with wr_write_raw(), in order.
 */
struct wr_row;
struct wr_row *wr_row_new(void);
void wr_row_free(struct wr_row *row);
int wr_header_fixed(const writer *w);
/* Appends rec's line to out; -1 (wr_row_error() says why) if it does not fit the header. */
int wr_format_row(const writer *w, struct wr_row *row, const sv *rec, strbuf *out);
const char *wr_row_error(const struct wr_row *row);

/* Serialises v as one-line JSON into sb (also used for CSV cells). */
void json_write(strbuf *sb, const sv *v);
void json_write_string(strbuf *sb, const char *s, size_t n);

#endif
