/*
 * The bare libcsv + jansson floor for `make bench`: CSV in, one JSON object
 * per row out, nothing else (no cleaning, no checks). What scrm-clean is
 * compared with: the cost of reading and writing the same records.
 */
#include <csv.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct state {
	char **header;
	size_t ncols, cap, col;
	json_t *row;
	int in_header;
	long rows;
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_field(void *s, size_t n, void *data)
{
	struct state *st = data;
	if (st->in_header) {
		if (st->ncols == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 16;
			st->header = realloc(st->header, st->cap * sizeof(char *));
		}
		st->header[st->ncols] = malloc(n + 1);
		memcpy(st->header[st->ncols], s, n);
		st->header[st->ncols++][n] = '\0';
		return;
	}
	if (!st->row)
		st->row = json_object();
	if (st->col < st->ncols)
		json_object_set_new(st->row, st->header[st->col], json_stringn(s, n));
	st->col++;
}

static void on_row(int c, void *data)
{
	struct state *st = data;
	(void)c;
	if (st->in_header) {
		st->in_header = 0;
		return;
	}
	if (st->row) {
		json_dumpf(st->row, stdout, JSON_COMPACT);
		putchar('\n');
		json_decref(st->row);
		st->row = NULL;
	}
	st->col = 0;
	st->rows++;
}

int main(int argc, char **argv)
{
	struct csv_parser p;
	struct state st = { 0 };
	char buf[1 << 16];
	size_t n;
	FILE *fp = argc > 1 ? fopen(argv[1], "rb") : stdin;
	if (!fp || csv_init(&p, 0) != 0)
		return 3;
	csv_set_space_func(&p, no_space);
	st.in_header = 1;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_row, &st) != n)
			return 1;
	csv_fini(&p, on_field, on_row, &st);
	fprintf(stderr, "%ld rows\n", st.rows);
	return 0;
}
