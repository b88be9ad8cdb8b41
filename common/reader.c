#include "reader.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schema.h"
#include "unicode.h"
#include "util.h"
#include "banned.h"

/* A physical line kept while a CSV row spans several lines. */
struct held_line {
	size_t off, len;
	long lineno;
};

struct line_queue {
	strbuf text;
	struct held_line *lines;
	size_t n, cap, head;
};

struct reader {
	input *in;
	int format;
	int typed;
	int copy;
	int defer;	/* NDJSON lines go out unparsed (RD_DEFERRED) */
	long line;		/* first line of the current record */
	strbuf err;

	/* CSV */
	struct csv_parser csv;
	int csv_ready;
	char **cols;
	size_t ncols;
	int header_done;
	strbuf cells;		/* the cells of the row being read, NUL-separated */
	size_t *cell_off;
	size_t ncells, cell_cap;
	int row_done;
	struct line_queue held;		/* lines of the row in progress */
	struct line_queue replay;	/* lines to read again after a bad row */
	const char *cur_line;		/* the line being returned (for _raw) */
	size_t cur_len;
	long cur_lineno;

	/* NDJSON */
	struct json_parser jp;
};

int rd_parse_format(const char *s, int allow_auto)
{
	if (allow_auto && strcmp(s, "auto") == 0)
		return FMT_AUTO;
	if (strcmp(s, "ndjson") == 0 || strcmp(s, "json") == 0 || strcmp(s, "jsonl") == 0)
		return FMT_NDJSON;
	if (strcmp(s, "csv") == 0)
		return FMT_CSV;
	if (strcmp(s, "tsv") == 0)
		return FMT_TSV;
	return -1;
}

const char *rd_format_name(int fmt)
{
	switch (fmt) {
	case FMT_NDJSON: return "ndjson";
	case FMT_CSV: return "csv";
	case FMT_TSV: return "tsv";
	default: return "auto";
	}
}

static int no_space(unsigned char c)
{
	UNUSED(c);
	return 0;
}

static int is_newline(unsigned char c)
{
	return c == '\n';
}

/* First non-blank byte '{' means NDJSON; a tab-separated header means TSV. */
static int detect_format(reader *r, const char *path)
{
	const char *p;
	size_t n = in_peek(r->in, &p), i = 0, tabs = 0, commas = 0;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < n && p[i] == '{')
		return FMT_NDJSON;
	if (path && (has_suffix(path, ".tsv") || has_suffix(path, ".tsv.gz") ||
		     has_suffix(path, ".tab")))
		return FMT_TSV;
	for (; i < n && p[i] != '\n'; i++) {
		tabs += p[i] == '\t';
		commas += p[i] == ',';
	}
	return tabs > commas ? FMT_TSV : FMT_CSV;
}

reader *rd_open(const char *path, const struct rd_opts *opts)
{
	reader *r = xcalloc(1, sizeof(*r));
	r->in = in_open(path);
	r->typed = opts ? opts->typed : 0;
	r->copy = opts ? opts->copy : 0;
	r->defer = opts ? opts->defer : 0;
	r->format = opts && opts->format != FMT_AUTO ? opts->format : detect_format(r, path);
	if (r->format == FMT_CSV || r->format == FMT_TSV) {
		if (csv_init(&r->csv, 0) != 0)
			scrm_die(SCRM_EXIT_IO, "cannot initialise the CSV parser");
		csv_set_space_func(&r->csv, no_space);
		csv_set_term_func(&r->csv, is_newline);
		csv_set_delim(&r->csv, r->format == FMT_TSV ? '\t' : ',');
		r->csv_ready = 1;
	}
	return r;
}

static void queue_release(struct line_queue *q)
{
	sb_release(&q->text);
	free(q->lines);
}

void rd_close(reader *r)
{
	if (!r)
		return;
	if (r->csv_ready)
		csv_free(&r->csv);
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	sb_release(&r->cells);
	free(r->cell_off);
	queue_release(&r->held);
	queue_release(&r->replay);
	json_parser_release(&r->jp);
	sb_release(&r->err);
	in_close(r->in);
	free(r);
}

const char *rd_error(const reader *r)
{
	return sb_str(&r->err);
}

const char *rd_name(const reader *r)
{
	return in_name(r->in);
}

long rd_line(const reader *r)
{
	return r->line;
}

int rd_format(const reader *r)
{
	return r->format;
}

input *rd_input(reader *r)
{
	return r->in;
}

const char *const *rd_columns(const reader *r, size_t *n)
{
	*n = r->ncols;
	return (const char *const *)r->cols;
}

static enum rd_status bad(reader *r, arena *a, sv *rec, const char *raw, size_t len,
			  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Fills *rec with the raw text of a bad record: "_raw", or base64 if not UTF-8. */
static void raw_record(arena *a, sv *rec, const char *raw, size_t len)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	*rec = sv_obj();
	if (!raw)
		return;
	if (utf8_invalid_at(raw, len) < 0 && !memchr(raw, '\0', len)) {
		sv_set(a, rec, "_raw", sv_str(a, raw, len));
		return;
	}
	char *out = arena_alloc(a, (len + 2) / 3 * 4 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned char)raw[i] << 16;
		if (i + 1 < len)
			v |= (unsigned char)raw[i + 1] << 8;
		if (i + 2 < len)
			v |= (unsigned char)raw[i + 2];
		out[o++] = b64[(v >> 18) & 63];
		out[o++] = b64[(v >> 12) & 63];
		out[o++] = i + 1 < len ? b64[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < len ? b64[v & 63] : '=';
	}
	out[o] = '\0';
	sv_set(a, rec, "_raw_base64", sv_str(a, out, o));
}

static enum rd_status bad(reader *r, arena *a, sv *rec, const char *raw, size_t len,
			  const char *fmt, ...)
{
	va_list ap;
	char msg[512];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sb_reset(&r->err);
	sb_adds(&r->err, msg);
	raw_record(a, rec, raw, len);
	return RD_BAD;
}

/* ---------------- NDJSON ---------------- */

/*
 * Records the text of every number token of a JSON line, in document
 * order, so numbers are written back exactly as they were read (jansson
 * keeps only a double). Walking the parsed value in order (jansson keeps
 * object keys in insertion order) visits the numbers in the same order.
 */
static void scan_numbers(struct json_parser *r, const char *s, size_t n)
{
	size_t i = 0;
	sb_reset(&r->numbers);
	r->nnum = r->num_next = 0;
	while (i < n) {
		char c = s[i];
		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			i++;
		} else if (c == '-' || is_ascii_digit((unsigned char)c)) {
			size_t start = i;
			while (i < n && (is_ascii_digit((unsigned char)s[i]) || s[i] == '-' ||
					 s[i] == '+' || s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
				i++;
			GROW(r->num_off, r->num_cap, r->nnum + 1);
			r->num_off[r->nnum++] = r->numbers.len;
			sb_add(&r->numbers, s + start, i - start);
			sb_addc(&r->numbers, '\0');
		} else {
			i++;
		}
	}
}

static sv from_json(struct json_parser *r, arena *a, json_t *j)
{
	sv v = sv_null();
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *val;
		v = sv_obj();
		json_object_foreach(j, key, val)
			sv_set(a, &v, arena_strdup(a, key), from_json(r, a, val));
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *val;
		v = sv_arr();
		json_array_foreach(j, i, val)
			sv_arr_push(a, &v, from_json(r, a, val));
		break;
	}
	case JSON_STRING:
		v = sv_str(a, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		if (r->num_next < r->nnum) {
			const char *t = r->numbers.buf + r->num_off[r->num_next++];
			v = sv_num_text(a, t, strlen(t));
			v.u.num.d = json_number_value(j);
		} else {
			v = sv_num(json_number_value(j));
		}
		break;
	case JSON_TRUE:
		v = sv_bool(1);
		break;
	case JSON_FALSE:
		v = sv_bool(0);
		break;
	case JSON_NULL:
		break;
	}
	return v;
}

static const char *json_reason(const json_error_t *e)
{
	switch (json_error_code(e)) {
	case json_error_invalid_utf8: return "invalid UTF-8: in the line";
	case json_error_premature_end_of_input: return "bad JSON: unexpected end of line";
	case json_error_end_of_input_expected: return "bad JSON: text after the object";
	case json_error_null_character: return "NUL byte: in the line";
	case json_error_null_byte_in_key: return "NUL byte: in a key";
	case json_error_duplicate_key: return "bad JSON: duplicate key";
	case json_error_numeric_overflow: return "bad JSON: number out of range";
	case json_error_out_of_memory: return "out of memory";
	default: return "bad JSON: invalid syntax";
	}
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* One JSON object from a line; else the reason in msg. */
static enum rd_status parse_line(struct json_parser *jp, const char *line, size_t len, arena *a,
				 sv *rec, char *msg, size_t msgsize)
{
	json_error_t err;
	json_t *j = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &err);
	if (!j) {
		snprintf(msg, msgsize, "%s at column %d", json_reason(&err),
			 err.column > 0 ? err.column : err.position);
		return RD_BAD;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		snprintf(msg, msgsize, "not a JSON object");
		return RD_BAD;
	}
	scan_numbers(jp, line, len);
	*rec = from_json(jp, a, j);
	json_decref(j);
	return RD_RECORD;
}

static enum rd_status ndjson_next(reader *r, arena *a, sv *rec)
{
	const char *line;
	size_t len;
	char msg[256];
	for (;;) {
		enum in_status st = in_getline(r->in, &line, &len);
		if (st == IN_EOF)
			return RD_EOF;
		r->line = in_lineno(r->in);
		if (st == IN_TOO_LONG)
			return bad(r, a, rec, NULL, 0, "line too long: more than %u MiB",
				   SCRM_MAX_LINE >> 20);
		if (is_blank(line, len))
			continue;
		if (memchr(line, '\0', len))
			return bad(r, a, rec, line, len, "NUL byte: in the line");
		if (utf8_invalid_at(line, len) >= 0)
			return bad(r, a, rec, line, len, "invalid UTF-8: byte %ld",
				   utf8_invalid_at(line, len) + 1);
		if (r->defer) {
			*rec = sv_str(a, line, len);
			return RD_DEFERRED;
		}
		if (parse_line(&r->jp, line, len, a, rec, msg, sizeof(msg)) != RD_RECORD)
			return bad(r, a, rec, line, len, "%s", msg);
		return RD_RECORD;
	}
}

enum rd_status rd_parse_line(struct json_parser *jp, const char *line, size_t len, arena *a,
			     sv *rec, char *err, size_t errsize)
{
	if (parse_line(jp, line, len, a, rec, err, errsize) == RD_RECORD)
		return RD_RECORD;
	raw_record(a, rec, line, len);
	return RD_BAD;
}

void json_parser_release(struct json_parser *jp)
{
	sb_release(&jp->numbers);
	free(jp->num_off);
	memset(jp, 0, sizeof(*jp));
}

int json_parse_record(struct json_parser *jp, const char *s, size_t n, arena *a, sv *out)
{
	char msg[256];
	return parse_line(jp, s, n, a, out, msg, sizeof(msg)) == RD_RECORD ? 0 : -1;
}

/* ---------------- CSV / TSV ---------------- */

static void on_cell(void *s, size_t n, void *data)
{
	reader *r = data;
	GROW(r->cell_off, r->cell_cap, r->ncells + 1);
	r->cell_off[r->ncells++] = r->cells.len;
	if (n)
		sb_add(&r->cells, s, n);
	sb_addc(&r->cells, '\0');
	/* the cell's length is recovered from the next offset */
}

static void on_row(int c, void *data)
{
	reader *r = data;
	UNUSED(c);
	r->row_done = 1;
}

static size_t cell_len(const reader *r, size_t i)
{
	size_t end = i + 1 < r->ncells ? r->cell_off[i + 1] : r->cells.len;
	return end - r->cell_off[i] - 1;
}

static const char *cell(const reader *r, size_t i)
{
	return r->cells.buf + r->cell_off[i];
}

static void queue_push(struct line_queue *q, const char *s, size_t n, long lineno)
{
	GROW(q->lines, q->cap, q->n + 1);
	q->lines[q->n].off = q->text.len;
	q->lines[q->n].len = n;
	q->lines[q->n].lineno = lineno;
	q->n++;
	sb_add(&q->text, s, n);
}

static void queue_clear(struct line_queue *q)
{
	sb_reset(&q->text);
	q->n = q->head = 0;
}

/* Next physical line: lines given back after a bad row first, then the file. */
static enum in_status next_line(reader *r)
{
	if (r->replay.head < r->replay.n) {
		struct held_line *h = &r->replay.lines[r->replay.head++];
		r->cur_line = r->replay.text.buf + h->off;
		r->cur_len = h->len;
		r->cur_lineno = h->lineno;
		return IN_LINE;
	}
	if (r->replay.n)
		queue_clear(&r->replay);
	enum in_status st = in_getline(r->in, &r->cur_line, &r->cur_len);
	r->cur_lineno = in_lineno(r->in);
	return st;
}

/*
 * The row that began on the first held line is bad: give every later held
 * line back to be read again (a stray quote must not swallow the rows
 * after it), before any lines already waiting.
 */
static void replay_held(reader *r)
{
	struct line_queue q = { STRBUF_INIT, NULL, 0, 0, 0 };
	for (size_t i = 1; i < r->held.n; i++)
		queue_push(&q, r->held.text.buf + r->held.lines[i].off,
			   r->held.lines[i].len, r->held.lines[i].lineno);
	for (size_t i = r->replay.head; i < r->replay.n; i++)
		queue_push(&q, r->replay.text.buf + r->replay.lines[i].off,
			   r->replay.lines[i].len, r->replay.lines[i].lineno);
	queue_release(&r->replay);
	r->replay = q;
}

static void reset_row(reader *r)
{
	sb_reset(&r->cells);
	r->ncells = 0;
	r->row_done = 0;
}

static void restart_parser(reader *r)
{
	csv_free(&r->csv);
	csv_init(&r->csv, 0);
	csv_set_space_func(&r->csv, no_space);
	csv_set_term_func(&r->csv, is_newline);
	csv_set_delim(&r->csv, r->format == FMT_TSV ? '\t' : ',');
	reset_row(r);
}

enum row_status { ROW_OK, ROW_EOF, ROW_UNTERMINATED, ROW_TOO_LONG, ROW_BAD_QUOTE };

static void add_cell_start(reader *r)
{
	GROW(r->cell_off, r->cell_cap, r->ncells + 1);
	r->cell_off[r->ncells++] = r->cells.len;
}

/*
 * A one-line row with quoted cells, split here (RFC 4180: a quote opens a
 * cell, "" is a quote, the closing quote ends the cell): the cells libcsv
 * gives. A quote left open at the end of the line returns 0: the row goes
 * on over the next lines, and libcsv reads it. Text after a closing quote
 * ("ab"cd) returns -1: libcsv would read on in quoted mode and swallow
 * the lines after it, so the row is rejected instead.
 */
static int split_quoted_line(reader *r, const char *s, size_t n)
{
	char delim = r->format == FMT_TSV ? '\t' : ',';
	size_t i = 0;
	sb_grow(&r->cells, n + 1);
	for (;;) {
		add_cell_start(r);
		if (i < n && s[i] == '"') {
			for (i++;; i++) {
				if (i >= n)
					goto fallback;	/* the cell goes on past the line */
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						r->cells.buf[r->cells.len++] = '"';
						i++;
						continue;
					}
					i++;
					break;
				}
				r->cells.buf[r->cells.len++] = s[i];
			}
			if (i < n && s[i] != delim) {
				reset_row(r);
				return -1;
			}
		} else {
			const char *d = memchr(s + i, delim, n - i);
			size_t end = d ? (size_t)(d - s) : n;
			memcpy(r->cells.buf + r->cells.len, s + i, end - i);
			r->cells.len += end - i;
			i = end;
		}
		r->cells.buf[r->cells.len++] = '\0';
		if (i >= n)
			break;
		i++;	/* the delimiter */
	}
	r->cells.buf[r->cells.len] = '\0';
	r->row_done = 1;
	return 1;
fallback:
	reset_row(r);
	return 0;
}

/*
 * A line with no quote character is split on the delimiter directly: the
 * common case, and the same cells libcsv would give (we never trim). Any
 * quoted row goes through libcsv.
 */
static void split_plain_line(reader *r, const char *s, size_t n)
{
	char delim = r->format == FMT_TSV ? '\t' : ',';
	size_t base;
	char *p, *end, *cellp;
	sb_grow(&r->cells, n + 1);
	base = r->cells.len;
	memcpy(r->cells.buf + base, s, n);
	r->cells.len += n + 1;
	r->cells.buf[base + n] = '\0';
	p = r->cells.buf + base;
	end = p + n;
	for (;;) {
		GROW(r->cell_off, r->cell_cap, r->ncells + 1);
		r->cell_off[r->ncells++] = (size_t)(p - r->cells.buf);
		cellp = memchr(p, delim, (size_t)(end - p));
		if (!cellp)
			break;
		*cellp = '\0';
		p = cellp + 1;
	}
	r->row_done = 1;
}

/* Feeds lines to libcsv until one row is complete. */
static enum row_status read_row(reader *r)
{
	reset_row(r);
	queue_clear(&r->held);
	for (;;) {
		enum in_status st = next_line(r);
		if (st == IN_EOF) {
			if (r->held.n == 0)
				return ROW_EOF;
			return ROW_UNTERMINATED;
		}
		if (st == IN_TOO_LONG) {
			if (r->held.n == 0) {
				r->line = r->cur_lineno;
				return ROW_TOO_LONG;
			}
			return ROW_UNTERMINATED;
		}
		if (r->held.n == 0) {
			r->line = r->cur_lineno;
			if (is_blank(r->cur_line, r->cur_len))
				continue;
		}
		queue_push(&r->held, r->cur_line, r->cur_len, r->cur_lineno);
		if (r->held.n == 1) {
			int split = 1;
			if (!memchr(r->cur_line, '"', r->cur_len))
				split_plain_line(r, r->cur_line, r->cur_len);
			else
				split = split_quoted_line(r, r->cur_line, r->cur_len);
			if (split > 0)
				return ROW_OK;
			if (split < 0)
				return ROW_BAD_QUOTE;
		}
		if (csv_parse(&r->csv, r->cur_line, r->cur_len, on_cell, on_row, r) != r->cur_len ||
		    csv_parse(&r->csv, "\n", 1, on_cell, on_row, r) != 1)
			scrm_die(SCRM_EXIT_IO, "%s: CSV parser: %s", in_name(r->in),
				 csv_strerror(csv_error(&r->csv)));
		if (r->row_done)
			return ROW_OK;
		if (r->held.text.len > SCRM_MAX_LINE)
			return ROW_UNTERMINATED;
	}
}

static char *unique_column(reader *r, const char *name, size_t i)
{
	strbuf sb = STRBUF_INIT;
	if (!*name)
		sb_addf(&sb, "col%zu", i + 1);
	else
		sb_adds(&sb, name);
	for (int k = 2;; k++) {
		int clash = 0;
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->cols[j], sb.buf) == 0)
				clash = 1;
		if (!clash)
			break;
		sb_reset(&sb);
		if (*name)
			sb_addf(&sb, "%s_%d", name, k);
		else
			sb_addf(&sb, "col%zu_%d", i + 1, k);
	}
	if (*name && strcmp(sb.buf, name) != 0)
		scrm_warn_at(in_name(r->in), r->line, "duplicate column name '%s' renamed '%s'",
			     name, sb.buf);
	return sb_detach(&sb);
}

/* The header row: column names trimmed of blanks, made unique. */
static void take_header(reader *r)
{
	r->cols = xcalloc(r->ncells ? r->ncells : 1, sizeof(char *));
	for (size_t i = 0; i < r->ncells; i++) {
		const char *c = cell(r, i);
		size_t n = cell_len(r, i);
		if (utf8_invalid_at(c, n) >= 0 || memchr(c, '\0', n))
			scrm_die_at(SCRM_EXIT_DATA, in_name(r->in), r->line,
				    "the header is not valid UTF-8 (nor GB18030: what "
				    "encoding is it? see --encoding)");
		while (n && (c[n - 1] == ' ' || c[n - 1] == '\t'))
			n--;
		while (n && (*c == ' ' || *c == '\t'))
			c++, n--;
		char *name = xstrndup(c, n);
		r->cols[i] = unique_column(r, name, i);
		r->ncols = i + 1;
		free(name);
	}
	r->header_done = 1;
}

static void put_typed(reader *r, arena *a, sv *rec, const char *key, const char *val,
		      size_t n);

static enum rd_status bad_row(reader *r, arena *a, sv *rec, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int row_is_text(const reader *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		if (utf8_invalid_at(cell(r, i), cell_len(r, i)) >= 0 ||
		    memchr(cell(r, i), '\0', cell_len(r, i)))
			return 0;
	return 1;
}

static enum rd_status bad_row(reader *r, arena *a, sv *rec, const char *fmt, ...)
{
	va_list ap;
	char msg[512];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sb_reset(&r->err);
	sb_adds(&r->err, msg);
	if (!row_is_text(r)) {
		/* bytes JSON cannot hold: keep the row's text in base64 */
		raw_record(a, rec, r->held.text.buf, r->held.text.len);
		return RD_BAD;
	}
	/* keep every cell, in order, so nothing of the row is lost */
	*rec = sv_obj();
	sv cells = sv_arr();
	for (size_t i = 0; i < r->ncells; i++)
		sv_arr_push(a, &cells, sv_str(a, cell(r, i), cell_len(r, i)));
	sv_set(a, rec, "_fields", cells);
	return RD_BAD;
}

/* Says which column holds a NUL byte or invalid UTF-8. */
static enum rd_status bad_cells(reader *r, arena *a, sv *rec)
{
	for (size_t i = 0; i < r->ncells; i++) {
		const char *c = cell(r, i);
		size_t n = cell_len(r, i);
		if (memchr(c, '\0', n))
			return bad_row(r, a, rec, "NUL byte: column '%s'", r->cols[i]);
		if (utf8_invalid_at(c, n) >= 0)
			return bad_row(r, a, rec, "invalid UTF-8: column '%s'", r->cols[i]);
	}
	/* a NUL the cells do not show (libcsv ends a cell at it) */
	return bad_row(r, a, rec, "NUL byte: in a quoted cell");
}

static enum rd_status csv_next(reader *r, arena *a, sv *rec)
{
	for (;;) {
		enum row_status st = read_row(r);
		if (st == ROW_EOF)
			return RD_EOF;
		if (st == ROW_TOO_LONG)
			return bad(r, a, rec, NULL, 0, "line too long: more than %u MiB",
				   SCRM_MAX_LINE >> 20);
		if (st == ROW_BAD_QUOTE)
			return bad(r, a, rec, r->held.text.buf, r->held.text.len,
				   "bad quoting: text after a closing quote");
		if (st == ROW_UNTERMINATED ||
		    (r->held.n > 1 && r->header_done && r->ncells != r->ncols)) {
			/* a quote opened and never closed where it should have been */
			struct held_line *h = &r->held.lines[0];
			r->line = h->lineno;
			bad(r, a, rec, r->held.text.buf + h->off, h->len,
			    "unterminated quoted field");
			replay_held(r);
			restart_parser(r);
			return RD_BAD;
		}
		if (!r->header_done) {
			take_header(r);
			continue;
		}
		if (r->ncells == 1 && r->ncols > 1 && is_blank(cell(r, 0), cell_len(r, 0)))
			continue;
		if (r->ncells != r->ncols)
			return bad_row(r, a, rec, "ragged row: %zu fields, header has %zu",
				       r->ncells, r->ncols);
		if (memchr(r->held.text.buf, '\0', r->held.text.len) ||
		    utf8_invalid_at(r->cells.buf, r->cells.len) >= 0)
			return bad_cells(r, a, rec);
		*rec = sv_obj();
		rec->u.pairs = arena_alloc(a, r->ncells * sizeof(sv_pair));
		rec->cap = (uint32_t)r->ncells;
		for (size_t i = 0; i < r->ncells; i++) {
			/* the cells stay put until the next row is read: no copy */
			if (r->typed)
				put_typed(r, a, rec, r->cols[i], cell(r, i), cell_len(r, i));
			else if (r->copy)
				sv_append(a, rec, r->cols[i], sv_str(a, cell(r, i), cell_len(r, i)));
			else
				sv_append(a, rec, r->cols[i], sv_str_ref(cell(r, i), cell_len(r, i)));
		}
		return RD_RECORD;
	}
}

static int looks_numeric(const char *s, size_t n)
{
	char *end;
	if (n == 0 || s[0] == ' ' || s[0] == '+' || (n > 1 && s[0] == '0' && s[1] != '.'))
		return 0;
	strtod(s, &end);
	return end == s + n && strspn(s, "0123456789.-eE") == n;
}

/* A CSV cell under the canonical schema: "a.b" nests, numbers, "|" arrays. */
static void put_typed(reader *r, arena *a, sv *rec, const char *key, const char *val, size_t n)
{
	sv *target = rec;
	const char *leaf = key, *dot;
	sv v;
	UNUSED(r);
	enum schema_kind kind = schema_kind(key);

	if (n == 0) {
		if (kind == SCHEMA_ARRAY)
			v = sv_arr();
		else if (kind == SCHEMA_NUMBER)
			v = sv_null();
		else
			v = sv_str_ref("", 0);
	} else if (kind == SCHEMA_NUMBER && looks_numeric(val, n)) {
		v = sv_num_text(a, val, n);
	} else if (kind == SCHEMA_ARRAY) {
		v = sv_arr();
		const char *p = val, *end = val + n;
		while (p <= end) {
			const char *bar = memchr(p, '|', (size_t)(end - p));
			const char *e = bar ? bar : end;
			sv_arr_push(a, &v, sv_str(a, p, (size_t)(e - p)));
			p = e + 1;
		}
	} else {
		v = r->copy ? sv_str(a, val, n) : sv_str_ref(val, n);
	}
	/* nest "addr.city" under "addr" */
	while ((dot = strchr(leaf, '.')) != NULL) {
		char *head = arena_strndup(a, leaf, (size_t)(dot - leaf));
		sv *child = sv_get(target, head);
		if (!child || child->type != SV_OBJ)
			child = sv_set(a, target, head, sv_obj());
		target = child;
		leaf = dot + 1;
	}
	if (n == 0 && kind == SCHEMA_STRING && target != rec)
		return;	/* an empty nested cell: the member was absent */
	if (n == 0 && (v.type == SV_STR || v.type == SV_NULL)) {
		/* "events" empty beside "events.call": the object its columns built stays */
		const sv *cur = sv_get(target, leaf);
		if (cur && cur->type == SV_OBJ)
			return;
	}
	sv_set(a, target, leaf, v);
}

enum rd_status rd_next(reader *r, arena *a, sv *rec)
{
	if (r->format == FMT_NDJSON)
		return ndjson_next(r, a, rec);
	return csv_next(r, a, rec);
}
