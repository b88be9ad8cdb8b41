/* The record layer: readers, writers and their edge cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "reader.h"
#include "writer.h"
#include "test.h"

static char dir[] = "/tmp/scrm-test-io-XXXXXX";

static const char *put_file(const char *name, const void *data, size_t n)
{
	static char path[256];
	FILE *fp;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	fwrite(data, 1, n, fp);
	fclose(fp);
	return path;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *buf = malloc(1 << 20);
	*n = fp ? fread(buf, 1, (1 << 20) - 1, fp) : 0;
	buf[*n] = '\0';
	if (fp)
		fclose(fp);
	return buf;
}

/* Reads every record of a file as NDJSON text lines ("BAD:<reason>" for rejects). */
static char *read_all(const char *path, int format, int typed)
{
	struct rd_opts o = { format, typed, 0, 0 };
	reader *r = rd_open(path, &o);
	arena *a = arena_new();
	strbuf out = STRBUF_INIT;
	sv rec;
	enum rd_status st;
	while ((st = rd_next(r, a, &rec)) != RD_EOF) {
		if (st == RD_BAD)
			sb_addf(&out, "BAD@%ld:%s|", rd_line(r), rd_error(r));
		json_write(&out, &rec);
		sb_addc(&out, '\n');
		arena_reset(a);
	}
	rd_close(r);
	arena_free(a);
	return sb_detach(&out);
}

static void check_read(const char *name, const char *data, int format, const char *want)
{
	const char *path = put_file(name, data, strlen(data));
	char *got = read_all(path, format, 0);
	CHECK_STR(got, want, name);
	free(got);
}

static void test_csv(void)
{
	check_read("basic.csv", "a,b\n1,2\n3,4\n", FMT_AUTO,
		   "{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"3\",\"b\":\"4\"}\n");
	check_read("bom_crlf.csv", "\xef\xbb\xbf" "a,b\r\n1,2\r\n", FMT_AUTO,
		   "{\"a\":\"1\",\"b\":\"2\"}\n");
	check_read("quoted.csv", "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n", FMT_AUTO,
		   "{\"a\":\"x,y\",\"b\":\"say \\\"hi\\\"\"}\n{\"a\":\"multi\\nline\",\"b\":\"z\"}\n");
	check_read("spaces.csv", "a,b\n  x , y \n", FMT_AUTO,
		   "{\"a\":\"  x \",\"b\":\" y \"}\n");
	check_read("no_final_newline.csv", "a,b\n1,2", FMT_AUTO, "{\"a\":\"1\",\"b\":\"2\"}\n");
	check_read("empty.csv", "", FMT_AUTO, "");
	check_read("header_only.csv", "a,b\n", FMT_AUTO, "");
	check_read("blank_lines.csv", "a,b\n\n1,2\n\n", FMT_AUTO, "{\"a\":\"1\",\"b\":\"2\"}\n");
	check_read("ragged.csv", "a,b\n1,2,3\n4\n5,6\n", FMT_AUTO,
		   "BAD@2:ragged row: 3 fields, header has 2|{\"_fields\":[\"1\",\"2\",\"3\"]}\n"
		   "BAD@3:ragged row: 1 fields, header has 2|{\"_fields\":[\"4\"]}\n"
		   "{\"a\":\"5\",\"b\":\"6\"}\n");
	check_read("dup_header.csv", "a,a,\n1,2,3\n", FMT_AUTO,
		   "{\"a\":\"1\",\"a_2\":\"2\",\"col3\":\"3\"}\n");
	check_read("header_trim.csv", " a , b\n1,2\n", FMT_AUTO, "{\"a\":\"1\",\"b\":\"2\"}\n");
	check_read("lone_cr.csv", "a,b\nx\ry,2\n", FMT_AUTO, "{\"a\":\"x\\ry\",\"b\":\"2\"}\n");
	check_read("text_after_quote.csv", "a,b\n\"ab\"cd,x\n\"x\"\"y\",\"\"\n", FMT_AUTO,
		   "BAD@2:bad quoting: text after a closing quote|{\"_raw\":\"\\\"ab\\\"cd,x\"}\n"
		   "{\"a\":\"x\\\"y\",\"b\":\"\"}\n");
	check_read("quoted_cells.csv", "a,b,c\n\"\",z,\n\"q,1\",\"\"\"\",\"\"\n", FMT_AUTO,
		   "{\"a\":\"\",\"b\":\"z\",\"c\":\"\"}\n{\"a\":\"q,1\",\"b\":\"\\\"\",\"c\":\"\"}\n");
	check_read("quote_inside.csv", "a,b\n5\" tv,2\n", FMT_AUTO,
		   "{\"a\":\"5\\\" tv\",\"b\":\"2\"}\n");
}

static void test_csv_recovery(void)
{
	/* a quote opened on line 3 and never closed must not swallow lines 4-5 */
	check_read("unterminated_mid.csv", "id,name,note\n1,a,ok\n2,\"b,x\n3,c,\"hi, there\"\n4,d,ok\n",
		   FMT_AUTO,
		   "{\"id\":\"1\",\"name\":\"a\",\"note\":\"ok\"}\n"
		   "BAD@3:unterminated quoted field|{\"_raw\":\"2,\\\"b,x\"}\n"
		   "{\"id\":\"3\",\"name\":\"c\",\"note\":\"hi, there\"}\n"
		   "{\"id\":\"4\",\"name\":\"d\",\"note\":\"ok\"}\n");
	check_read("unterminated_end.csv", "id,name\n1,a\n2,\"b\n3,c\n", FMT_AUTO,
		   "{\"id\":\"1\",\"name\":\"a\"}\n"
		   "BAD@3:unterminated quoted field|{\"_raw\":\"2,\\\"b\"}\n"
		   "{\"id\":\"3\",\"name\":\"c\"}\n");
	check_read("bad_utf8.csv", "a,b\n\xff\xfe,2\n3,4\n", FMT_AUTO,
		   "BAD@2:invalid UTF-8: column 'a'|{\"_raw_base64\":\"//4sMg==\"}\n"
		   "{\"a\":\"3\",\"b\":\"4\"}\n");
}

static void test_nul_and_long(void)
{
	static const char nul[] = "a,b\nx\0y,2\n3,4\n";
	const char *path = put_file("nul.csv", nul, sizeof(nul) - 1);
	char *got = read_all(path, FMT_AUTO, 0);
	CHECK(strstr(got, "BAD@2:NUL byte: column 'a'") != NULL, "nul: %s", got);
	CHECK(strstr(got, "{\"a\":\"3\",\"b\":\"4\"}") != NULL, "nul: next row kept: %s", got);
	free(got);

	size_t big = 10u << 20;
	char *line = malloc(big + 64);
	memcpy(line, "{\"a\":\"", 6);
	memset(line + 6, 'x', big);
	memcpy(line + 6 + big, "\"}\n{\"b\":1}\n", 11);
	path = put_file("long.ndjson", line, big + 17);
	got = read_all(path, FMT_AUTO, 0);
	CHECK(strlen(got) == big + 17, "10 MB line read whole (%zu)", strlen(got));
	CHECK(strstr(got, "{\"b\":1}") != NULL, "line after the 10 MB line");
	free(got);
	free(line);
}

static void test_ndjson(void)
{
	check_read("nums.ndjson",
		   "{\"p\":4424.17,\"q\":1.0,\"r\":1e3,\"s\":-0.5,\"big\":123456789012345678901234567890,"
		   "\"arr\":[1,2.50,{\"x\":3}],\"t\":true,\"n\":null,\"u\":\"\\u00e9\\n\"}\n",
		   FMT_AUTO,
		   "{\"p\":4424.17,\"q\":1.0,\"r\":1e3,\"s\":-0.5,\"big\":123456789012345678901234567890,"
		   "\"arr\":[1,2.50,{\"x\":3}],\"t\":true,\"n\":null,\"u\":\"\xc3\xa9\\n\"}\n");
	check_read("strings_with_digits.ndjson", "{\"a\":\"12,3\",\"b\":-7}\n", FMT_AUTO,
		   "{\"a\":\"12,3\",\"b\":-7}\n");
	check_read("bad.ndjson", "{\"a\":1}\n{\"a\":\n[1,2]\n\n{\"a\":2}\n", FMT_AUTO,
		   "{\"a\":1}\n"
		   "BAD@2:bad JSON: unexpected end of line at column 5|{\"_raw\":\"{\\\"a\\\":\"}\n"
		   "BAD@3:not a JSON object|{\"_raw\":\"[1,2]\"}\n"
		   "{\"a\":2}\n");
	check_read("dupkey.ndjson", "{\"a\":1,\"a\":2}\n", FMT_AUTO,
		   "BAD@1:bad JSON: duplicate key at column 10|{\"_raw\":\"{\\\"a\\\":1,\\\"a\\\":2}\"}\n");
	check_read("crlf.ndjson", "{\"a\":1}\r\n{\"a\":2}\r\n", FMT_AUTO, "{\"a\":1}\n{\"a\":2}\n");
	check_read("badutf8.ndjson", "{\"a\":\"\xc3\"}\n", FMT_AUTO,
		   "BAD@1:invalid UTF-8: byte 7|{\"_raw_base64\":\"eyJhIjoiwyJ9\"}\n");
}

static void test_detect(void)
{
	check_read("t.txt", "a\tb\n1\t2\n", FMT_AUTO, "{\"a\":\"1\",\"b\":\"2\"}\n");
	check_read("forced.txt", "a;b\n1\n", FMT_TSV, "{\"a;b\":\"1\"}\n");
	check_read("blank_first.ndjson", "\n  {\"a\":1}\n", FMT_AUTO, "{\"a\":1}\n");
}

static void test_gzip(void)
{
	char path[256];
	gzFile gz;
	char *got;
	snprintf(path, sizeof(path), "%s/g.csv.gz", dir);
	gz = gzopen(path, "wb");
	gzputs(gz, "a,b\n1,2\n");
	gzclose(gz);
	/* a second gzip member appended (cat a.gz b.gz) */
	gz = gzopen(path, "ab");
	gzputs(gz, "3,4\n");
	gzclose(gz);
	got = read_all(path, FMT_AUTO, 0);
	CHECK_STR(got, "{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"3\",\"b\":\"4\"}\n", "gzip members");
	free(got);
}

static void test_typed(void)
{
	const char *path = put_file("typed.csv",
		"rid,price,lat,phone,_flags,raw.phone,tags,zip\n"
		"r1,4424.17,36.07,013912345678,a|b,0139 1234 5678,,0266\n",
		strlen("rid,price,lat,phone,_flags,raw.phone,tags,zip\n"
		       "r1,4424.17,36.07,013912345678,a|b,0139 1234 5678,,0266\n"));
	char *got = read_all(path, FMT_AUTO, 1);
	CHECK_STR(got, "{\"rid\":\"r1\",\"price\":4424.17,\"lat\":36.07,\"phone\":\"013912345678\","
		  "\"_flags\":[\"a\",\"b\"],\"raw\":{\"phone\":\"0139 1234 5678\"},\"tags\":[],"
		  "\"zip\":\"0266\"}\n", "typed csv");
	free(got);
}

static char *write_records(const char *ndjson, int format, int quote_all)
{
	const char *in = put_file("w.ndjson", ndjson, strlen(ndjson));
	char out[256];
	struct rd_opts ro = { FMT_NDJSON, 0, 0, 0 };
	struct wr_opts wo = { 0 };
	reader *r = rd_open(in, &ro);
	writer *w;
	arena *a = arena_new();
	sv rec;
	size_t n;
	char *got;
	snprintf(out, sizeof(out), "%s/w.out", dir);
	wo.format = format;
	wo.quote_all = quote_all;
	w = wr_open(out, &wo);
	while (rd_next(r, a, &rec) == RD_RECORD) {
		if (wr_record(w, &rec) < 0)
			printf("# refused: %s\n", wr_error(w));
		arena_reset(a);
	}
	wr_close(w, 1);
	rd_close(r);
	arena_free(a);
	got = slurp(out, &n);
	return got;
}

static void test_writer(void)
{
	char *got = write_records("{\"a\":\"x,y\",\"b\":\"say \\\"hi\\\"\",\"c\":{\"d\":1.50,\"e\":[\"p\",\"q\"]},"
				  "\"f\":null,\"g\":true}\n{\"a\":\"line\\nbreak\",\"g\":false}\n",
				  FMT_CSV, 0);
	CHECK_STR(got, "a,b,c.d,c.e,f,g\n\"x,y\",\"say \"\"hi\"\"\",1.50,p|q,,true\n"
		  "\"line\nbreak\",,,,,false\n", "csv flatten and quoting");
	free(got);
	got = write_records("{\"a\":\"x\",\"b\":2}\n", FMT_CSV, 1);
	CHECK_STR(got, "\"a\",\"b\"\n\"x\",\"2\"\n", "quote all");
	free(got);
	got = write_records("{\"a\":\"x\\ty\",\"b\":2}\n", FMT_TSV, 0);
	CHECK_STR(got, "a\tb\n\"x\ty\"\t2\n", "tsv");
	free(got);
	got = write_records("{\"a\":\"\\u0001\\\\\\/é\",\"n\":[1,[2],{}]}\n", FMT_NDJSON, 0);
	CHECK_STR(got, "{\"a\":\"\\u0001\\\\/é\",\"n\":[1,[2],{}]}\n", "ndjson escapes");
	free(got);
	got = write_records("{\"objs\":[{\"a\":1}]}\n", FMT_CSV, 0);
	CHECK_STR(got, "objs\n\"[{\"\"a\"\":1}]\"\n", "array of objects as JSON in a cell");
	free(got);
}

static void test_format_double(void)
{
	char buf[40];
	static const struct {
		double d;
		const char *want;
	} cases[] = {
		{ 4424.17, "4424.17" }, { 0.1, "0.1" }, { 1.0 / 3, "0.3333333333333333" },
		{ 1e21, "1e+21" }, { 12, "12" }, { -0.5, "-0.5" }, { 36.07, "36.07" },
		{ 120.38123456, "120.38123456" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		format_double(cases[i].d, buf, sizeof(buf));
		CHECK_STR(buf, cases[i].want, "format_double");
	}
}

/* Deferred NDJSON: the reader hands lines over; rd_parse_line parses them like rd_next. */
static void test_deferred(void)
{
	const char *text = "{\"a\":1.50}\n\n[1]\n{\"b\":\"x\"\n";
	const char *in = put_file("d.ndjson", text, strlen(text));
	struct rd_opts ro = { FMT_NDJSON, 0, 1, 1 };
	struct json_parser jp;
	reader *r = rd_open(in, &ro);
	arena *a = arena_new();
	char err[256];
	sv rec, parsed;
	strbuf sb = STRBUF_INIT;
	memset(&jp, 0, sizeof(jp));
	CHECK_INT(rd_next(r, a, &rec), RD_DEFERRED, "deferred: first line");
	CHECK_STR(rec.type == SV_STR ? rec.u.s : NULL, "{\"a\":1.50}", "deferred: the line itself");
	CHECK_INT(rd_parse_line(&jp, rec.u.s, rec.len, a, &parsed, err, sizeof(err)), RD_RECORD,
		  "deferred: parsed");
	json_write(&sb, &parsed);
	CHECK_STR(sb_str(&sb), "{\"a\":1.50}", "deferred: number text kept");
	CHECK_INT(rd_next(r, a, &rec), RD_DEFERRED, "deferred: blank line skipped");
	CHECK_INT(rd_line(r), 3, "deferred: line number");
	CHECK_INT(rd_parse_line(&jp, rec.u.s, rec.len, a, &parsed, err, sizeof(err)), RD_BAD,
		  "deferred: not an object");
	CHECK_STR(err, "not a JSON object", "deferred: reason");
	CHECK(sv_get(&parsed, "_raw") != NULL, "deferred: a bad line keeps its text");
	CHECK_INT(rd_next(r, a, &rec), RD_DEFERRED, "deferred: third line");
	CHECK_INT(rd_parse_line(&jp, rec.u.s, rec.len, a, &parsed, err, sizeof(err)), RD_BAD,
		  "deferred: truncated object");
	CHECK(strstr(err, "at column") != NULL, "deferred: column in %s", err);
	CHECK_INT(rd_next(r, a, &rec), RD_EOF, "deferred: end");
	sb_release(&sb);
	json_parser_release(&jp);
	rd_close(r);
	arena_free(a);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_csv();
	test_csv_recovery();
	test_nul_and_long();
	test_ndjson();
	test_detect();
	test_gzip();
	test_typed();
	test_writer();
	test_format_double();
	test_deferred();
	int rc = test_done();
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return rc;
}
