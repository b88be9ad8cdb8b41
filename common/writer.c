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
	strbuf err;
	/* CSV */
	char **cols;
	size_t ncols, cols_cap;
	int header_written;
	arena *held_arena;	/* records held until the header is fixed */
	sv *held;
	size_t nheld, held_cap;
	/* flattened cells of the record being written */
	strbuf keys, vals;
	struct cell {
		size_t key, val;	/* offsets into keys and vals */
	} *cells;
	size_t ncells, cells_cap;
	size_t *slot;		/* column -> cell index (or SIZE_MAX) */
	size_t slot_cap;
	int *hint;		/* cell -> column of the previous record */
	size_t hint_cap, nhint;
};

/* ---------------- JSON ---------------- */

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

void json_write_string(strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = 0, i = 0;
	sb_grow(sb, n + 2);
	sb->buf[sb->len++] = '"';
	while (i < n) {
		unsigned char c;
		if (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (!needs_escape8(w)) {
				i += 8;
				continue;
			}
		}
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
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
	return w;
}

const char *wr_error(const writer *w)
{
	return sb_str(&w->err);
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

static void add_cell(writer *w, const strbuf *key, const char *val, size_t n)
{
	GROW(w->cells, w->cells_cap, w->ncells + 1);
	w->cells[w->ncells].key = w->keys.len;
	sb_add(&w->keys, key->buf, key->len);
	sb_addc(&w->keys, '\0');
	w->cells[w->ncells].val = w->vals.len;
	sb_add(&w->vals, val, n);
	sb_addc(&w->vals, '\0');
	w->ncells++;
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

static void flatten(writer *w, strbuf *key, const sv *v)
{
	strbuf text = STRBUF_INIT;
	if (v->type == SV_OBJ && v->len > 0) {
		size_t base = key->len;
		for (uint32_t i = 0; i < v->len; i++) {
			if (base)
				sb_addc(key, '.');
			sb_adds(key, v->u.pairs[i].key);
			flatten(w, key, &v->u.pairs[i].val);
			sb_setlen(key, base);
		}
		return;
	}
	if (v->type == SV_ARR && scalar_array(v)) {
		for (uint32_t i = 0; i < v->len; i++) {
			if (i)
				sb_addc(&text, '|');
			scalar_text(&text, &v->u.items[i]);
		}
	} else if (v->type == SV_OBJ) {
		/* an empty object: an empty cell */
	} else {
		scalar_text(&text, v);
	}
	add_cell(w, key, sb_str(&text), text.len);
	sb_release(&text);
}

static void flatten_record(writer *w, const sv *rec)
{
	strbuf key = STRBUF_INIT;
	sb_reset(&w->keys);
	sb_reset(&w->vals);
	w->ncells = 0;
	for (uint32_t i = 0; rec->type == SV_OBJ && i < rec->len; i++) {
		sb_reset(&key);
		sb_adds(&key, rec->u.pairs[i].key);
		flatten(w, &key, &rec->u.pairs[i].val);
	}
	sb_release(&key);
}

static void add_csv_cell(writer *w, const char *s, size_t n)
{
	char delim = w->o.format == FMT_TSV ? '\t' : ',';
	int quote = w->o.quote_all;
	for (size_t i = 0; !quote && i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = 1;
	if (!quote) {
		sb_add(&w->line, s, n);
		return;
	}
	sb_addc(&w->line, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			sb_addc(&w->line, '"');
		sb_addc(&w->line, s[i]);
	}
	sb_addc(&w->line, '"');
}

static void write_header(writer *w)
{
	char delim = w->o.format == FMT_TSV ? '\t' : ',';
	sb_reset(&w->line);
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			sb_addc(&w->line, delim);
		add_csv_cell(w, w->cols[i], strlen(w->cols[i]));
	}
	sb_addc(&w->line, '\n');
	out_write(w->out, w->line.buf, w->line.len);
	w->header_written = 1;
}

/* Writes the flattened cells in header order; -1 if a cell has no column. */
static int write_csv_row(writer *w)
{
	char delim = w->o.format == FMT_TSV ? '\t' : ',';
	GROW(w->slot, w->slot_cap, w->ncols + 1);
	for (size_t i = 0; i < w->ncols; i++)
		w->slot[i] = SIZE_MAX;
	GROW(w->hint, w->hint_cap, w->ncells + 1);
	for (size_t c = 0; c < w->ncells; c++) {
		const char *key = w->keys.buf + w->cells[c].key;
		int idx = c < w->nhint ? w->hint[c] : -1;
		/* records usually repeat the previous one's layout */
		if (idx < 0 || (size_t)idx >= w->ncols || strcmp(w->cols[idx], key) != 0)
			idx = column_index(w, key);
		if (idx < 0) {
			sb_reset(&w->err);
			sb_addf(&w->err, "field '%s' is not in the CSV header "
				"(fixed by the first records; use NDJSON output)", key);
			return -1;
		}
		w->hint[c] = idx;
		if (c >= w->nhint)
			w->nhint = c + 1;
		w->slot[idx] = c;
	}
	sb_reset(&w->line);
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			sb_addc(&w->line, delim);
		if (w->slot[i] != SIZE_MAX) {
			size_t c = w->slot[i];
			const char *v = w->vals.buf + w->cells[c].val;
			size_t n = (c + 1 < w->ncells ? w->cells[c + 1].val : w->vals.len) -
				   w->cells[c].val - 1;
			add_csv_cell(w, v, n);
		}
	}
	sb_addc(&w->line, '\n');
	out_write(w->out, w->line.buf, w->line.len);
	return 0;
}

static void release_held(writer *w)
{
	for (size_t i = 0; i < w->nheld; i++) {
		flatten_record(w, &w->held[i]);
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
		flatten_record(w, rec);
		for (size_t c = 0; c < w->ncells; c++)
			add_column(w, w->keys.buf + w->cells[c].key);
		if (!w->held_arena)
			w->held_arena = arena_new();
		GROW(w->held, w->held_cap, w->nheld + 1);
		w->held[w->nheld++] = sv_copy(w->held_arena, rec);
		if ((int)w->nheld >= w->o.lookahead)
			fix_header(w);
	} else {
		flatten_record(w, rec);
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
	sb_release(&w->err);
	sb_release(&w->keys);
	sb_release(&w->vals);
	free(w->cells);
	free(w->slot);
	free(w->hint);
	free(w);
}
