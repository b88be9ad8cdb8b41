#include "options.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "date.h"
#include "error.h"
#include "io.h"
#include "reader.h"
#include "util.h"
#include "banned.h"

enum {
	OPT_INPUT_FORMAT = 1000, OPT_OUTPUT_FORMAT, OPT_OUTPUT, OPT_GZIP, OPT_QUOTE_ALL,
	OPT_REJECTS, OPT_STATS, OPT_STRICT, OPT_MAX_REJECTS, OPT_PROGRESS,
	OPT_UNBUFFERED, OPT_THREADS, OPT_ENCODING, OPT_HELP, OPT_VERSION, OPT_DUMP
};

static const struct scrm_opt common_opts[] = {
	{ "input-format", 'i', required_argument, "format",
	  "input format: auto, ndjson, csv or tsv (default auto)",
	  "Read the input as ndjson, csv or tsv. The default, auto, decides per file: "
	  "a first non-blank byte '{' means NDJSON; a header with more tabs than commas, "
	  "or a name ending in .tsv, means TSV; anything else is CSV. "
	  "gzip input is recognised by its magic bytes whatever the format.",
	  OPT_INPUT_FORMAT },
	{ "encoding", 0, required_argument, "name",
	  "input encoding: auto, utf-8 or gb18030 (default auto)",
	  "Read the input as utf-8 or gb18030 (which covers GBK and GB2312: Chinese "
	  "exports from Excel and older systems), converted to UTF-8 line by line. The "
	  "default, auto, reads a file as UTF-8 unless its first 64 KiB are not UTF-8 but "
	  "are GB18030. A line that is neither is rejected as invalid UTF-8.",
	  OPT_ENCODING },
	{ "output-format", 'O', required_argument, "format",
	  "output format: ndjson, csv or tsv (default ndjson)",
	  "Write ndjson (one JSON object per line, the default), csv or tsv. "
	  "CSV and TSV have a header row; nested fields become dotted column names and "
	  "arrays of scalars are joined with '|'. The header holds the tool's fields plus "
	  "every other field of the first 1000 records; a later record with a field "
	  "outside the header is rejected with a reason rather than written incompletely.",
	  OPT_OUTPUT_FORMAT },
	{ "output", 'o', required_argument, "file",
	  "write to file atomically (temporary file, then rename); - is stdout",
	  "Write the output to file through a temporary file in the same directory that "
	  "is renamed when the run succeeds; on failure no partial file is left behind "
	  "and an existing file is untouched. A name ending in .gz implies -z. - means "
	  "standard output.",
	  OPT_OUTPUT },
	{ "gzip", 'z', no_argument, NULL,
	  "gzip the output (level 1)", NULL, OPT_GZIP },
	{ "quote-all", 0, no_argument, NULL,
	  "quote every CSV/TSV cell, not only those that need it", NULL, OPT_QUOTE_ALL },
	{ "rejects", 0, required_argument, "file",
	  "write rejected records to file as NDJSON, each with a _reject member",
	  "Write every rejected record to file (atomically, like -o) as NDJSON, with a "
	  "member \"_reject\": {\"tool\", \"reason\", \"file\", \"line\"}. A row that "
	  "could not be parsed is kept as \"_raw\" (its text), \"_raw_base64\" (when "
	  "it is not UTF-8) or \"_fields\" (its CSV cells). Without this option each "
	  "reject is reported on standard error (the first 20, then a count).",
	  OPT_REJECTS },
	{ "stats", 0, optional_argument, "file",
	  "print a one-line JSON summary to stderr or file",
	  "At the end, write one JSON line to standard error, or to file: "
	  "{\"tool\", \"in\", \"out\", \"rejected\", ...} with counts by reject reason "
	  "and the tool's own figures. For a per-record tool in = out + rejected.",
	  OPT_STATS },
	{ "strict", 0, no_argument, NULL,
	  "make the first malformed record fatal (exit 1)", NULL, OPT_STRICT },
	{ "max-rejects", 0, required_argument, "N|P%",
	  "exit 1 when more than N records, or P percent of them, are rejected",
	  "Exit with status 1 when more than N records are rejected (checked as they "
	  "come), or more than P percent of the records read (checked at the end), so "
	  "a cron job notices when an upstream export changes shape. Duplicates dropped "
	  "on request are not counted.",
	  OPT_MAX_REJECTS },
	{ "progress", 0, optional_argument, "always",
	  "show progress on stderr when it is a terminal; =always forces it", NULL,
	  OPT_PROGRESS },
	{ "unbuffered", 'u', no_argument, NULL,
	  "flush the output after every record (live feeds)", NULL, OPT_UNBUFFERED },
	{ "threads", 'j', required_argument, "N",
	  "worker threads (default: the number of CPUs; 1: none)",
	  "Process records on N worker threads (default: the number of online CPUs, at "
	  "most 8). Records are read and written by the main thread in input order, so "
	  "the output does not depend on N. With 1, or with -u, records are processed "
	  "one by one as they arrive.",
	  OPT_THREADS },
	{ "help", 'h', no_argument, NULL, "print this help and exit", NULL, OPT_HELP },
	{ "version", 'V', no_argument, NULL, "print the version and exit", NULL, OPT_VERSION },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

static const struct scrm_tool *current_tool;

static size_t count_opts(const struct scrm_opt *o)
{
	size_t n = 0;
	while (o && o[n].name)
		n++;
	return n;
}

/* Calls fn on every option: the tool's own first, then the shared ones. */
static void each_opt(const struct scrm_tool *t, void (*fn)(const struct scrm_opt *, void *),
		     void *ud)
{
	for (size_t i = 0; i < count_opts(t->opts); i++)
		fn(&t->opts[i], ud);
	for (size_t i = 0; common_opts[i].name; i++)
		fn(&common_opts[i], ud);
}

/* ---- usage line (mirrors the man page SYNOPSIS) ---- */

struct synopsis {
	strbuf flags;		/* short options without an argument */
	strbuf with_arg;	/* short options with one */
	strbuf long_only;
	int mdoc;
};

static int cmp_char(const void *a, const void *b)
{
	int x = *(const char *)a, y = *(const char *)b;
	int lx = x | 32, ly = y | 32;
	return lx != ly ? lx - ly : x - y;
}

static void add_synopsis(const struct scrm_opt *o, void *ud)
{
	struct synopsis *s = ud;
	if (o->short_name && o->has_arg == no_argument) {
		sb_addc(&s->flags, (char)o->short_name);
	} else if (o->short_name) {
		if (s->mdoc)
			sb_addf(&s->with_arg, ".Op Fl %c Ar %s\n", o->short_name, o->arg);
		else
			sb_addf(&s->with_arg, " [-%c %s]", o->short_name, o->arg);
	} else if (s->mdoc) {
		if (o->has_arg == required_argument)
			sb_addf(&s->long_only, ".Op Fl \\-%s Ns = Ns Ar %s\n", o->name, o->arg);
		else if (o->has_arg == optional_argument)
			sb_addf(&s->long_only, ".Op Fl \\-%s Ns Op = Ns Ar %s\n", o->name, o->arg);
		else
			sb_addf(&s->long_only, ".Op Fl \\-%s\n", o->name);
	} else {
		if (o->has_arg == required_argument)
			sb_addf(&s->long_only, " [--%s=%s]", o->name, o->arg);
		else if (o->has_arg == optional_argument)
			sb_addf(&s->long_only, " [--%s[=%s]]", o->name, o->arg);
		else
			sb_addf(&s->long_only, " [--%s]", o->name);
	}
}

static void build_synopsis(const struct scrm_tool *t, int mdoc, strbuf *out)
{
	struct synopsis s = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, mdoc };
	each_opt(t, add_synopsis, &s);
	if (s.flags.len)
		qsort(s.flags.buf, s.flags.len, 1, cmp_char);
	if (mdoc) {
		sb_adds(out, ".Nm\n");
		if (s.flags.len)
			sb_addf(out, ".Op Fl %s\n", s.flags.buf);
		sb_adds(out, sb_str(&s.with_arg));
		sb_adds(out, sb_str(&s.long_only));
		if (strcmp(t->operands, "[file ...]") == 0)
			sb_adds(out, ".Op Ar\n");
		else if (*t->operands)
			sb_addf(out, ".Ar %s\n", t->operands);
	} else {
		sb_addf(out, "usage: %s", t->name);
		if (s.flags.len)
			sb_addf(out, " [-%s]", s.flags.buf);
		sb_adds(out, sb_str(&s.with_arg));
		sb_adds(out, sb_str(&s.long_only));
		if (*t->operands)
			sb_addf(out, " %s", t->operands);
	}
	sb_release(&s.flags);
	sb_release(&s.with_arg);
	sb_release(&s.long_only);
}

/* Wraps text at width columns, indenting continuation lines. */
static void wrap(FILE *fp, const char *text, size_t start_col, size_t indent, size_t width)
{
	size_t col = start_col;
	const char *p = text;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t wlen = sp ? (size_t)(sp - p) : strlen(p);
		if (col > indent && col + 1 + wlen > width) {
			fprintf(fp, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent || (col == indent && p != text)) {
			fputc(' ', fp);
			col++;
		}
		fwrite(p, 1, wlen, fp);
		col += wlen;
		p += wlen;
		while (*p == ' ')
			p++;
	}
	fputc('\n', fp);
}

static void usage_line(FILE *fp, const struct scrm_tool *t)
{
	strbuf sb = STRBUF_INIT;
	const char *p;
	build_synopsis(t, 0, &sb);
	/* "usage: tool" then the rest wrapped under it */
	p = sb.buf + strlen("usage: ") + strlen(t->name);
	fprintf(fp, "usage: %s ", t->name);
	wrap(fp, p + (*p == ' '), 8 + strlen(t->name), 8 + strlen(t->name), 79);
	sb_release(&sb);
}

static void help_item(const struct scrm_opt *o, void *ud)
{
	char left[64];
	FILE *fp = ud;
	const char *arg = o->arg;
	if (o->has_arg == required_argument)
		snprintf(left, sizeof(left), "%s%c%s--%s=%s", o->short_name ? "-" : "   ",
			 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "",
			 o->name, arg);
	else if (o->has_arg == optional_argument)
		snprintf(left, sizeof(left), "%s%c%s--%s[=%s]", o->short_name ? "-" : "   ",
			 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "",
			 o->name, arg);
	else
		snprintf(left, sizeof(left), "%s%c%s--%s", o->short_name ? "-" : "   ",
			 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "",
			 o->name);
	fprintf(fp, "  %-26s", left);
	if (strlen(left) >= 26)	/* no room for a gap: description below */
		fprintf(fp, "\n%28s", "");
	wrap(fp, o->help, 28, 28, 79);
}

static void print_help(const struct scrm_tool *t)
{
	usage_line(stdout, t);
	putchar('\n');
	wrap(stdout, t->purpose, 0, 0, 79);
	if (count_opts(t->opts)) {
		printf("\nOptions:\n");
		for (size_t i = 0; i < count_opts(t->opts); i++)
			help_item(&t->opts[i], stdout);
	}
	printf("\nCommon options:\n");
	for (size_t i = 0; common_opts[i].name; i++)
		help_item(&common_opts[i], stdout);
	printf("\nFiles are read in order; none, or -, means standard input.\n"
	       "Exit status: 0 success, 1 the data stopped the run, 2 usage or "
	       "configuration error,\n3 I/O error. See %s(1).\n", t->name);
}

/* ---- man page fragments (scripts/gen-man.sh) ---- */

static void mdoc_text(strbuf *sb, const char *text)
{
	/* one sentence per line, as mdoc wants; escape roff's specials */
	int line_start = 1;
	for (const char *p = text; *p; p++) {
		if (line_start && (*p == '.' || *p == '\''))
			sb_adds(sb, "\\&");
		line_start = 0;
		if (*p == '\\') {
			sb_adds(sb, "\\e");
		} else if (*p == ' ' && p > text && p[-1] == '.' && p[1] >= 'A' && p[1] <= 'Z') {
			sb_addc(sb, '\n');
			line_start = 1;
		} else {
			sb_addc(sb, *p);
		}
	}
	sb_addc(sb, '\n');
}

static void mdoc_item(const struct scrm_opt *o, void *ud)
{
	strbuf *sb = ud;
	sb_adds(sb, ".It ");
	if (o->short_name)
		sb_addf(sb, "Fl %c , ", o->short_name);
	sb_addf(sb, "Fl \\-%s", o->name);
	if (o->has_arg == required_argument)
		sb_addf(sb, " Ns = Ns Ar %s", o->arg);
	else if (o->has_arg == optional_argument)
		sb_addf(sb, " Ns Op = Ns Ar %s", o->arg);
	sb_addc(sb, '\n');
	const char *text = o->doc ? o->doc : o->help;
	strbuf t = STRBUF_INIT;
	/* the help line starts lower case; the man page wants a sentence */
	sb_adds(&t, text);
	if (!o->doc && t.len && t.buf[0] >= 'a' && t.buf[0] <= 'z')
		t.buf[0] = (char)(t.buf[0] - 32);
	if (!o->doc)
		sb_addc(&t, '.');
	mdoc_text(sb, t.buf);
	sb_release(&t);
}

static void dump_options(const struct scrm_tool *t, const char *what)
{
	strbuf sb = STRBUF_INIT;
	if (strcmp(what, "synopsis") == 0) {
		build_synopsis(t, 1, &sb);
	} else if (strcmp(what, "options") == 0) {
		sb_adds(&sb, ".Bl -tag -width Ds\n");
		for (size_t i = 0; i < count_opts(t->opts); i++)
			mdoc_item(&t->opts[i], &sb);
		sb_adds(&sb, ".El\n.Ss Common options\n.Bl -tag -width Ds\n");
		for (size_t i = 0; common_opts[i].name; i++)
			mdoc_item(&common_opts[i], &sb);
		sb_adds(&sb, ".El\n");
	} else if (strcmp(what, "list") == 0) {
		for (size_t i = 0; i < count_opts(t->opts); i++)
			sb_addf(&sb, "%s\n", t->opts[i].name);
		for (size_t i = 0; common_opts[i].name; i++)
			sb_addf(&sb, "%s\n", common_opts[i].name);
	} else {
		scrm_usage_error("--dump-options: expected synopsis, options or list");
	}
	fputs(sb_str(&sb), stdout);
	sb_release(&sb);
}

/* ---- parsing ---- */

void scrm_usage_error(const char *fmt, ...)
{
	va_list ap;
	char msg[512];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", scrm_progname, msg);
	if (current_tool) {
		usage_line(stderr, current_tool);
		fprintf(stderr, "Try '%s --help' for more information.\n", current_tool->name);
	}
	scrm_exit(SCRM_EXIT_USAGE);
}

long scrm_opt_long(const char *opt, const char *arg, long min, long max)
{
	char *end;
	long v = strtol(arg ? arg : "", &end, 10);
	if (!arg || !*arg || *end || v < min || v > max)
		scrm_usage_error("%s: expected a whole number from %ld to %ld, got '%s'", opt,
				 min, max, arg ? arg : "");
	return v;
}

double scrm_opt_double(const char *opt, const char *arg)
{
	char *end;
	double v = strtod(arg ? arg : "", &end);
	if (!arg || !*arg || *end)
		scrm_usage_error("%s: expected a number, got '%s'", opt, arg ? arg : "");
	return v;
}

static void parse_max_rejects(struct scrm_common *c, const char *arg)
{
	size_t n = strlen(arg);
	if (n > 1 && arg[n - 1] == '%') {
		char *num = xstrndup(arg, n - 1);
		c->max_rejects_pct = scrm_opt_double("--max-rejects", num);
		free(num);
		if (c->max_rejects_pct < 0 || c->max_rejects_pct > 100)
			scrm_usage_error("--max-rejects: a percentage from 0 to 100, got '%s'", arg);
	} else {
		c->max_rejects = scrm_opt_long("--max-rejects", arg, 0, 2000000000L);
	}
}

static void handle_common(const struct scrm_tool *t, struct scrm_common *c, int id,
			  const char *arg)
{
	switch (id) {
	case OPT_INPUT_FORMAT:
		c->in_format = rd_parse_format(arg, 1);
		if (c->in_format < 0)
			scrm_usage_error("--input-format: expected auto, ndjson, csv or tsv, got '%s'",
					 arg);
		break;
	case OPT_ENCODING:
		if (strcmp(arg, "auto") == 0)
			in_set_encoding(IN_ENC_AUTO);
		else if (strcasecmp(arg, "utf-8") == 0 || strcasecmp(arg, "utf8") == 0)
			in_set_encoding(IN_ENC_UTF8);
		else if (strcasecmp(arg, "gb18030") == 0 || strcasecmp(arg, "gbk") == 0 ||
			 strcasecmp(arg, "gb2312") == 0)
			in_set_encoding(IN_ENC_GB18030);
		else
			scrm_usage_error("--encoding: expected auto, utf-8 or gb18030, got '%s'", arg);
		break;
	case OPT_OUTPUT_FORMAT:
		c->out_format = rd_parse_format(arg, 0);
		if (c->out_format < 0)
			scrm_usage_error("--output-format: expected ndjson, csv or tsv, got '%s'",
					 arg);
		break;
	case OPT_OUTPUT:
		c->output = strcmp(arg, "-") == 0 ? NULL : arg;
		break;
	case OPT_GZIP:
		c->gzip = 1;
		break;
	case OPT_QUOTE_ALL:
		c->quote_all = 1;
		break;
	case OPT_REJECTS:
		c->rejects = arg;
		break;
	case OPT_STATS:
		c->stats = 1;
		c->stats_file = arg;
		break;
	case OPT_STRICT:
		c->strict = 1;
		break;
	case OPT_MAX_REJECTS:
		parse_max_rejects(c, arg);
		break;
	case OPT_PROGRESS:
		if (arg && strcmp(arg, "always") != 0)
			scrm_usage_error("--progress: expected nothing or 'always', got '%s'", arg);
		c->progress = arg ? PROGRESS_ALWAYS : PROGRESS_TTY;
		break;
	case OPT_UNBUFFERED:
		c->unbuffered = 1;
		break;
	case OPT_THREADS:
		c->threads = (int)scrm_opt_long("--threads", arg, 1, 64);
		break;
	case OPT_HELP:
		print_help(t);
		scrm_exit(SCRM_EXIT_OK);
	case OPT_VERSION:
		printf("%s (scrm) %s\n", t->name, SCRM_VERSION);
		scrm_exit(SCRM_EXIT_OK);
	case OPT_DUMP:
		dump_options(t, arg);
		scrm_exit(SCRM_EXIT_OK);
	}
}

struct getopt_tables {
	struct option *longopts;
	size_t n;
	strbuf shorts;
};

static void add_getopt(const struct scrm_opt *o, void *ud)
{
	struct getopt_tables *g = ud;
	g->longopts[g->n].name = o->name;
	g->longopts[g->n].has_arg = o->has_arg;
	g->longopts[g->n].flag = NULL;
	g->longopts[g->n].val = o->id;
	g->n++;
	if (o->short_name) {
		sb_addc(&g->shorts, (char)o->short_name);
		if (o->has_arg == required_argument)
			sb_addc(&g->shorts, ':');
		else if (o->has_arg == optional_argument)
			sb_adds(&g->shorts, "::");
	}
}

static const struct scrm_opt *find_short(const struct scrm_tool *t, int c)
{
	for (size_t i = 0; i < count_opts(t->opts); i++)
		if (t->opts[i].short_name == c)
			return &t->opts[i];
	for (size_t i = 0; common_opts[i].name; i++)
		if (common_opts[i].short_name == c)
			return &common_opts[i];
	return NULL;
}

static int is_common_id(int id)
{
	return id >= OPT_INPUT_FORMAT && id <= OPT_DUMP;
}

void scrm_parse_options(const struct scrm_tool *t, int argc, char **argv,
			struct scrm_common *c, void *ud)
{
	struct getopt_tables g = { NULL, 0, STRBUF_INIT };
	size_t total = count_opts(t->opts) + count_opts(common_opts) + 2;
	int ch;

	current_tool = t;
	memset(c, 0, sizeof(*c));
	c->gzip = -1;
	c->max_rejects = -1;
	c->max_rejects_pct = -1;
	c->out_format = FMT_NDJSON;
	g.longopts = xcalloc(total, sizeof(struct option));
	sb_addc(&g.shorts, ':');	/* report a missing argument as ':' */
	each_opt(t, add_getopt, &g);
	g.longopts[g.n++] = (struct option){ "dump-options", required_argument, NULL, OPT_DUMP };

	opterr = 0;
	while ((ch = getopt_long(argc, argv, g.shorts.buf, g.longopts, NULL)) != -1) {
		const struct scrm_opt *o;
		if (ch == '?') {
			if (optopt)
				scrm_usage_error("unknown option '-%c'", optopt);
			scrm_usage_error("unknown option '%s'", argv[optind - 1]);
		}
		if (ch == ':') {
			if (optopt && optopt < 256)
				scrm_usage_error("option '-%c' needs an argument", optopt);
			scrm_usage_error("option '%s' needs an argument", argv[optind - 1]);
		}
		o = ch < 256 ? find_short(t, ch) : NULL;
		int id = o ? o->id : ch;
		if (is_common_id(id))
			handle_common(t, c, id, optarg);
		else if (t->on_option)
			t->on_option(id, optarg, ud);
	}
	c->files = argv + optind;
	c->nfiles = argc - optind;
	free(g.longopts);
	sb_release(&g.shorts);
	if (c->output && c->gzip < 0)
		c->gzip = has_suffix(c->output, ".gz") ? 1 : -1;
	if (c->gzip < 0)
		c->gzip = 0;
}

long scrm_as_of(const char *arg)
{
	struct date_val d;
	if (date_parse(arg, strlen(arg), 0, &d) != DATE_OK || d.day == 0)
		scrm_usage_error("--as-of: expected a date such as 2026-01-31, got '%s'", arg);
	return days_from_civil(d.year, d.month, d.day);
}

long scrm_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return days_from_civil(1970, 1, 1) + (long)(now / 86400);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
