#ifndef SCRM_READER_H
#define SCRM_READER_H
/*
 * Records from one input file: NDJSON (jansson), CSV or TSV (libcsv), the
 * format detected per file unless forced. A malformed record (bad JSON,
 * ragged or unterminated CSV row, invalid UTF-8, NUL byte, overlong line)
 * comes back as RD_BAD with a reason that holds no personal data and a
 * record for the rejects stream; reading goes on with the next one.
 */
#include "io.h"
#include "util.h"
#include "value.h"

enum rd_format {
	FMT_AUTO = 0,
	FMT_NDJSON,
	FMT_CSV,
	FMT_TSV,
};

/* Parses "auto", "ndjson", "json", "csv", "tsv"; -1 when unknown. */
int rd_parse_format(const char *s, int allow_auto);
const char *rd_format_name(int fmt);

struct rd_opts {
	int format;	/* enum rd_format */
	/*
	 * Canonical typing of CSV cells: dotted columns become nested
	 * objects, known numeric fields numbers, known array fields arrays.
	 * Tools that read scrm's own output set it; scrm-clean does not.
	 */
	int typed;
	/*
	 * Copy CSV cells into the arena. Without it a record refers to the
	 * reader's own buffer and lasts only until the next rd_next().
	 */
	int copy;
	/*
	 * NDJSON: return each line unparsed, as a string record, with
	 * RD_DEFERRED, for a worker thread to parse with rd_parse_line()
	 * (the main thread only splits lines and checks their bytes).
	 */
	int defer;
};

enum rd_status {
	RD_EOF = 0,
	RD_RECORD,
	RD_BAD,
	RD_DEFERRED,
};

typedef struct reader reader;

reader *rd_open(const char *path, const struct rd_opts *opts);
void rd_close(reader *r);

/*
 * Reads the next record into *rec (memory from a, valid until a is reset).
 * On RD_BAD, rd_error() says why and *rec holds what could be read (the
 * raw line as "_raw", or the CSV cells as "_fields").
 */
enum rd_status rd_next(reader *r, arena *a, sv *rec);
const char *rd_error(const reader *r);
const char *rd_name(const reader *r);
long rd_line(const reader *r);		/* first line of the last record */
int rd_format(const reader *r);
/* Column names of a CSV/TSV input (after its header is read). */
const char *const *rd_columns(const reader *r, size_t *n);
input *rd_input(reader *r);

/*
 * One JSON object from text, numbers keeping their text (as the NDJSON
 * reader does): for records a tool stored and reads back. 0, or -1 if s
 * is not a JSON object. The parser holds scratch space: zero it first,
 * json_parser_release() at the end.
 */
struct json_parser {
	strbuf numbers;		/* number tokens of the current text */
	size_t *num_off;
	size_t nnum, num_cap, num_next;
};
int json_parse_record(struct json_parser *jp, const char *s, size_t n, arena *a, sv *out);
/*
 * Parses an NDJSON line the reader deferred: RD_RECORD, or RD_BAD with
 * the reason in err (no personal data) and the raw line as "_raw".
 */
enum rd_status rd_parse_line(struct json_parser *jp, const char *line, size_t len, arena *a,
			     sv *rec, char *err, size_t errsize);
void json_parser_release(struct json_parser *jp);

#endif
