#include "writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "reader.h"
#include "util.h"
#include "banned.h"

struct writer {
	output *out;
	struct wr_opts o;
	strbuf line;
	/* CSV */
	char **cols;
	size_t ncols, cols_cap;
	int header_written;
	arena *held_arena;	/* records held until the header is fixed */
	sv *held;
	size_t nheld, held_cap;
	struct wr_row *row;	/* scratch of the writer's own thread */
};

/* The flattened cells of one record, and what is needed to place them. */
struct wr_row {
	strbuf keys, vals;
	struct cell {
		size_t key, val, len;	/* offsets into keys and vals, value length */
	} *cells;
	size_t ncells, cells_cap;
	size_t *slot;		/* column -> cell index (or SIZE_MAX) */
	size_t slot_cap;
	int *hint;		/* cell -> column of the previous record */
	size_t hint_cap, nhint;
	strbuf key;		/* the dotted name being built */
	strbuf err;
};

/* ---------------- JSON ---------------- */

static int needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* 1 if one of the 8 bytes is a control character, '"' or '\\'. */
static int needs_escape8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t ctl = (w - ones * 0x20) & ~w & high;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
	q = (q - ones) & ~q & high;
	b = (b - ones) & ~b & high;
	return (ctl | q | b) != 0;
}

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The index of the first byte of s that JSON must escape, or n. */
static size_t plain_run(const char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i ctl = _mm_set1_epi8(0x1f), quote = _mm_set1_epi8('"');
	const __m128i bslash = _mm_set1_epi8('\\');
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* v <= 0x1f, unsigned: max(v, 0x1f) == 0x1f */
		__m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, ctl), ctl),
					   _mm_or_si128(_mm_cmpeq_epi8(v, quote),
							_mm_cmpeq_epi8(v, bslash)));
		int mask = _mm_movemask_epi8(hit);
		if (mask)
			return i + (size_t)__builtin_ctz((unsigned)mask);
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (needs_escape8(w))
			break;
	}
	while (i < n && !needs_escape((unsigned char)s[i]))
		i++;
	return i;
}

void json_write_string(strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = 0, i = 0;
	sb_grow(sb, n + 2);
	sb->buf[sb->len++] = '"';
	while ((i += plain_run(s + i, n - i)) < n) {
		unsigned char c = (unsigned char)s[i];
		sb_add(sb, s + start, i - start);
		start = ++i;
		switch (c) {
		case '"': sb_add(sb, "\\\"", 2); break;
		case '\\': sb_add(sb, "\\\\", 2); break;
		case '\n': sb_add(sb, "\\n", 2); break;
		case '\r': sb_add(sb, "\\r", 2); break;
		case '\t': sb_add(sb, "\\t", 2); break;
		case '\b': sb_add(sb, "\\b", 2); break;
		case '\f': sb_add(sb, "\\f", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			sb_add(sb, u, 6);
		}
		}
	}
	sb_add(sb, s + start, n - start);
	sb_addc(sb, '"');
}

static void write_number(strbuf *sb, const sv *v)
{
	if (v->u.num.text) {
		sb_add(sb, v->u.num.text, v->len);
	} else {
		char buf[40];
		sb_add(sb, buf, format_double(v->u.num.d, buf, sizeof(buf)));
	}
}

void json_write(strbuf *sb, const sv *v)
{
	switch (v->type) {
	case SV_NULL:
		sb_add(sb, "null", 4);
		break;
	case SV_BOOL:
		if (v->b)
			sb_add(sb, "true", 4);
		else
			sb_add(sb, "false", 5);
		break;
	case SV_NUM:
		write_number(sb, v);
		break;
	case SV_STR:
		json_write_string(sb, v->u.s, v->len);
		break;
	case SV_ARR:
		sb_addc(sb, '[');
		for (uint32_t i = 0; i < v->len; i++) {
			if (i)
				sb_addc(sb, ',');
			json_write(sb, &v->u.items[i]);
		}
		sb_addc(sb, ']');
		break;
	case SV_OBJ:
		sb_addc(sb, '{');
		for (uint32_t i = 0; i < v->len; i++) {
			if (i)
				sb_addc(sb, ',');
			json_write_string(sb, v->u.pairs[i].key, strlen(v->u.pairs[i].key));
			sb_addc(sb, ':');
			json_write(sb, &v->u.pairs[i].val);
		}
		sb_addc(sb, '}');
		break;
	}
}

/* ---------------- writer ---------------- */

writer *wr_open(const char *path, const struct wr_opts *opts)
{
	writer *w = xcalloc(1, sizeof(*w));
	w->o = *opts;
	if (w->o.format == FMT_AUTO)
		w->o.format = FMT_NDJSON;
	if (w->o.lookahead <= 0)
		w->o.lookahead = 1000;
	if (w->o.unbuffered)
		w->o.lookahead = 1;
	w->out = out_open(path, opts->gzip, opts->level);
	w->row = wr_row_new();
	return w;
}

const char *wr_error(const writer *w)
{
	return wr_row_error(w->row);
}

static int column_index(const writer *w, const char *name)
{
	for (size_t i = 0; i < w->ncols; i++)
		if (strcmp(w->cols[i], name) == 0)
			return (int)i;
	return -1;
}

static void add_column(writer *w, const char *name)
{
	if (column_index(w, name) >= 0)
		return;
	GROW(w->cols, w->cols_cap, w->ncols + 1);
	w->cols[w->ncols++] = xstrdup(name);
}

void wr_declare(writer *w, const char *const *cols)
{
	for (; cols && *cols; cols++)
		add_column(w, *cols);
}

/* ---- flattening for CSV ---- */

struct wr_row *wr_row_new(void)
{
	return xcalloc(1, sizeof(struct wr_row));
}

void wr_row_free(struct wr_row *row)
{
	if (!row)
		return;
	sb_release(&row->keys);
	sb_release(&row->vals);
	sb_release(&row->key);
	sb_release(&row->err);
	free(row->cells);
	free(row->slot);
	free(row->hint);
	free(row);
}

const char *wr_row_error(const struct wr_row *row)
{
	return sb_str(&row->err);
}

static int scalar_array(const sv *v)
{
	for (uint32_t i = 0; i < v->len; i++)
		if (v->u.items[i].type == SV_ARR || v->u.items[i].type == SV_OBJ)
			return 0;
	return 1;
}

static void scalar_text(strbuf *sb, const sv *v)
{
	switch (v->type) {
	case SV_STR:
		sb_add(sb, v->u.s, v->len);
		break;
	case SV_NULL:
		break;
	case SV_NUM:
		write_number(sb, v);
		break;
	default:
		json_write(sb, v);
	}
}

/* One cell: the dotted name in row->key, the value's text appended to vals. */
static void flatten(struct wr_row *row, const sv *v)
{
	struct cell *c;
	if (v->type == SV_OBJ && v->len > 0) {
		size_t base = row->key.len;
		for (uint32_t i = 0; i < v->len; i++) {
			if (base)
				sb_addc(&row->key, '.');
			sb_adds(&row->key, v->u.pairs[i].key);
			flatten(row, &v->u.pairs[i].val);
			sb_setlen(&row->key, base);
		}
		return;
	}
	GROW(row->cells, row->cells_cap, row->ncells + 1);
	c = &row->cells[row->ncells++];
	c->key = row->keys.len;
	sb_add(&row->keys, row->key.buf, row->key.len + 1);
	c->val = row->vals.len;
	if (v->type == SV_ARR && scalar_array(v)) {
		for (uint32_t i = 0; i < v->len; i++) {
			if (i)
				sb_addc(&row->vals, '|');
			scalar_text(&row->vals, &v->u.items[i]);
		}
	} else if (v->type != SV_OBJ) {
		/* (an empty object is an empty cell) */
		scalar_text(&row->vals, v);
	}
	c->len = row->vals.len - c->val;
}

static void flatten_record(struct wr_row *row, const sv *rec)
{
	sb_reset(&row->keys);
	sb_reset(&row->vals);
	row->ncells = 0;
	for (uint32_t i = 0; rec->type == SV_OBJ && i < rec->len; i++) {
		sb_reset(&row->key);
		sb_adds(&row->key, rec->u.pairs[i].key);
		flatten(row, &rec->u.pairs[i].val);
	}
}

static void add_csv_cell(const writer *w, strbuf *out, const char *s, size_t n)
{
	char delim = w->o.format == FMT_TSV ? '\t' : ',';
	int quote = w->o.quote_all;
	for (size_t i = 0; !quote && i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = 1;
	if (!quote) {
		sb_add(out, s, n);
		return;
	}
	sb_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			sb_addc(out, '"');
		sb_addc(out, s[i]);
	}
	sb_addc(out, '"');
}

static void write_header(writer *w)
{
	char delim = w->o.format == FMT_TSV ? '\t' : ',';
	sb_reset(&w->line);
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			sb_addc(&w->line, delim);
		add_csv_cell(w, &w->line, w->cols[i], strlen(w->cols[i]));
	}
	sb_addc(&w->line, '\n');
	out_write(w->out, w->line.buf, w->line.len);
	w->header_written = 1;
}

/* Appends the flattened cells to out in header order; -1 if a cell has no column. */
static int format_csv_row(const writer *w, struct wr_row *row, strbuf *out)
{
	char delim = w->o.format == FMT_TSV ? '\t' : ',';
	GROW(row->slot, row->slot_cap, w->ncols + 1);
	for (size_t i = 0; i < w->ncols; i++)
		row->slot[i] = SIZE_MAX;
	GROW(row->hint, row->hint_cap, row->ncells + 1);
	for (size_t c = 0; c < row->ncells; c++) {
		const char *key = row->keys.buf + row->cells[c].key;
		int idx = c < row->nhint ? row->hint[c] : -1;
		/* records usually repeat the previous one's layout */
		if (idx < 0 || (size_t)idx >= w->ncols || strcmp(w->cols[idx], key) != 0)
			idx = column_index(w, key);
		if (idx < 0) {
			sb_reset(&row->err);
			sb_addf(&row->err, "field '%s' is not in the CSV header "
				"(fixed by the first records; use NDJSON output)", key);
			return -1;
		}
		row->hint[c] = idx;
		if (c >= row->nhint)
			row->nhint = c + 1;
		row->slot[idx] = c;
	}
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			sb_addc(out, delim);
		if (row->slot[i] != SIZE_MAX) {
			const struct cell *c = &row->cells[row->slot[i]];
			add_csv_cell(w, out, row->vals.buf + c->val, c->len);
		}
	}
	sb_addc(out, '\n');
	return 0;
}

static int write_csv_row(writer *w)
{
	sb_reset(&w->line);
	if (format_csv_row(w, w->row, &w->line) < 0)
		return -1;
	out_write(w->out, w->line.buf, w->line.len);
	return 0;
}

int wr_header_fixed(const writer *w)
{
	return w->o.format == FMT_NDJSON || w->header_written;
}

int wr_format_row(const writer *w, struct wr_row *row, const sv *rec, strbuf *out)
{
	if (w->o.format == FMT_NDJSON) {
		json_write(out, rec);
		sb_addc(out, '\n');
		return 0;
	}
	flatten_record(row, rec);
	return format_csv_row(w, row, out);
}

static void release_held(writer *w)
{
	for (size_t i = 0; i < w->nheld; i++) {
		flatten_record(w->row, &w->held[i]);
		write_csv_row(w);
	}
	w->nheld = 0;
	if (w->held_arena)
		arena_reset(w->held_arena);
}

static void fix_header(writer *w)
{
	if (!w->header_written) {
		write_header(w);
		release_held(w);
	}
}

int wr_record(writer *w, const sv *rec)
{
	if (w->o.format == FMT_NDJSON) {
		sb_reset(&w->line);
		json_write(&w->line, rec);
		sb_addc(&w->line, '\n');
		out_write(w->out, w->line.buf, w->line.len);
	} else if (!w->header_written) {
		/* learn the columns, hold the record until the header is fixed */
		flatten_record(w->row, rec);
		for (size_t c = 0; c < w->row->ncells; c++)
			add_column(w, w->row->keys.buf + w->row->cells[c].key);
		if (!w->held_arena)
			w->held_arena = arena_new();
		GROW(w->held, w->held_cap, w->nheld + 1);
		w->held[w->nheld++] = sv_copy(w->held_arena, rec);
		if ((int)w->nheld >= w->o.lookahead)
			fix_header(w);
	} else {
		flatten_record(w->row, rec);
		if (write_csv_row(w) < 0)
			return -1;
	}
	if (w->o.unbuffered)
		out_flush(w->out);
	return 0;
}

void wr_write_raw(writer *w, const char *text, size_t n)
{
	out_write(w->out, text, n);
	if (w->o.unbuffered)
		out_flush(w->out);
}

int wr_format(const writer *w)
{
	return w->o.format;
}

void wr_flush(writer *w)
{
	out_flush(w->out);
}

void wr_close(writer *w, int commit)
{
	if (!w)
		return;
	if (commit && w->o.format != FMT_NDJSON && (w->nheld || w->ncols))
		fix_header(w);
	out_close(w->out, commit);
	for (size_t i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	free(w->held);
	arena_free(w->held_arena);
	sb_release(&w->line);
	wr_row_free(w->row);
	free(w);
}
