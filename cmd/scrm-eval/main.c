/*
 * scrm-eval: scores identity resolution. Records carry a predicted
 * cluster id (scrm-match's uid) and a true one (their own field, or one
 * joined from a truth file such as scrm-gen's truth.csv); out comes one
 * JSON object of pairwise and B-cubed precision, recall and F1.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "eval.h"
#include "io.h"
#include "options.h"
#include "reader.h"
#include "truth.h"
#include "util.h"
#include "writer.h"
#include "banned.h"

#define MAX_REJECT_MESSAGES 20

enum { OPT_TRUTH = 256, OPT_PRED, OPT_TRUTH_FILE, OPT_KEY, OPT_CROSS, OPT_TABLE };

static const struct scrm_opt eval_options[] = {
	{ "truth", 0, required_argument, "field",
	  "the field that holds the true cluster id (required)",
	  "The field (a dotted path such as truth.person) that holds each record's true "
	  "cluster id; with --truth-file, the column of the truth file. Records without "
	  "it, or with an empty value, are left out of the scores and counted under "
	  "no_truth.",
	  OPT_TRUTH },
	{ "pred", 0, required_argument, "field",
	  "the field that holds the predicted cluster id (default uid)",
	  "The field that holds each record's predicted cluster id (default uid, as "
	  "scrm-match writes it). A record without one is a cluster of its own, linked to "
	  "no other record, and is counted under no_pred.",
	  OPT_PRED },
	{ "truth-file", 0, required_argument, "file",
	  "take the true cluster ids from file, joined to the records on --key",
	  "Take the true cluster ids from file (CSV, TSV or NDJSON, gzip or not), which "
	  "holds the --key fields and the --truth field of every record, such as the "
	  "truth.csv of scrm-gen (src, rid, person, household). A record whose key is "
	  "not in file is left out and counted under no_truth and key_not_found. A key "
	  "given two different truths, a row without a key and a malformed row stop the "
	  "run.",
	  OPT_TRUTH_FILE },
	{ "key", 0, required_argument, "fields",
	  "comma-separated fields that join records to --truth-file, such as src,rid",
	  "The fields, separated by commas, that identify a record in both the input and "
	  "the --truth-file, such as src,rid. Values are compared as text, so 7 and \"7\" "
	  "are the same.",
	  OPT_KEY },
	{ "cross", 0, required_argument, "field",
	  "count only pairs of records whose field differs (linkage across datasets)",
	  "Count only pairs of records whose field differs, such as --cross src for "
	  "record linkage between two datasets: pairs within one dataset are neither "
	  "true nor predicted. Records without the field are left out and counted under "
	  "no_cross. The B-cubed scores are not restricted.",
	  OPT_CROSS },
	{ "table", 0, no_argument, NULL,
	  "also print the scores as a table on standard error",
	  "Also print the scores as a small table for people on standard error; "
	  "standard output keeps the one JSON object.",
	  OPT_TABLE },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

struct eval_opts {
	const char *truth, *pred, *truth_file, *cross;
	char *key_text;		/* a copy of --key, cut at the commas */
	char **keys;
	size_t nkeys;
	int table;
};

struct reason_count {
	char *reason;
	uint64_t n;
};

/* The whole run, global so the exit hook gives everything back. */
static struct state {
	struct eval_opts o;
	struct scrm_common c;
	struct eval *ev;
	struct eval_truth *truth;
	writer *out, *rej;
	reader *rd;
	arena *a;
	strbuf scratch[3];	/* label texts built for truth, pred, side */
	uint64_t read, rejected, shown;
	uint64_t no_truth, key_not_found, no_cross, no_pred;
	int seen_truth, seen_pred, seen_cross, seen_key;
	struct reason_count *reasons;
	size_t nreasons, reasons_cap;
	double t0;
} st;

static const char *nonempty(const char *opt, const char *arg)
{
	if (!*arg)
		scrm_usage_error("%s: the field name must not be empty", opt);
	return arg;
}

static void parse_keys(struct eval_opts *o, const char *arg)
{
	char *p;
	free(o->key_text);
	free(o->keys);
	o->key_text = xstrdup(arg);
	o->keys = NULL;
	o->nkeys = 0;
	for (p = o->key_text;;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (!*p)
			scrm_usage_error("--key: expected field names separated by commas, got '%s'",
					 arg);
		o->keys = xrealloc(o->keys, (o->nkeys + 1) * sizeof(*o->keys));
		o->keys[o->nkeys++] = p;
		if (!comma)
			break;
		p = comma + 1;
	}
}

static void on_option(int id, const char *arg, void *ud)
{
	struct eval_opts *o = ud;
	switch (id) {
	case OPT_TRUTH:
		o->truth = nonempty("--truth", arg);
		break;
	case OPT_PRED:
		o->pred = nonempty("--pred", arg);
		break;
	case OPT_TRUTH_FILE:
		o->truth_file = arg;
		break;
	case OPT_KEY:
		parse_keys(o, arg);
		break;
	case OPT_CROSS:
		o->cross = nonempty("--cross", arg);
		break;
	case OPT_TABLE:
		o->table = 1;
		break;
	}
}

static const struct scrm_tool tool = {
	"scrm-eval",
	"Score predicted clusters against true ones: pairwise and B-cubed precision, "
	"recall and F1.",
	"[file ...]",
	eval_options,
	on_option,
};

static void check_options(const struct eval_opts *o)
{
	if (!o->truth)
		scrm_usage_error("--truth is required: the field of the true cluster id");
	if (o->truth_file && !o->nkeys)
		scrm_usage_error("--truth-file needs --key: the fields that join records to it");
	if (o->nkeys && !o->truth_file)
		scrm_usage_error("--key is only used with --truth-file");
}

/* An exit hook: what the run holds, given back on every way out. */
static void free_all(void *arg)
{
	struct state *s = arg;
	rd_close(s->rd);
	wr_close(s->out, 0);
	wr_close(s->rej, 0);
	eval_free(s->ev);
	eval_truth_free(s->truth);
	arena_free(s->a);
	for (size_t i = 0; i < ARRAY_SIZE(s->scratch); i++)
		sb_release(&s->scratch[i]);
	for (size_t i = 0; i < s->nreasons; i++)
		free(s->reasons[i].reason);
	free(s->reasons);
	free(s->o.key_text);
	free(s->o.keys);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- rejects ---- */

/* Reasons are counted by their kind: the text before any ':' or '('. */
static void count_reason(struct state *s, const char *reason)
{
	size_t klen = strcspn(reason, ":(");
	while (klen && reason[klen - 1] == ' ')
		klen--;
	for (size_t i = 0; i < s->nreasons; i++)
		if (strlen(s->reasons[i].reason) == klen &&
		    memcmp(s->reasons[i].reason, reason, klen) == 0) {
			s->reasons[i].n++;
			return;
		}
	GROW(s->reasons, s->reasons_cap, s->nreasons + 1);
	s->reasons[s->nreasons].reason = xstrndup(reason, klen);
	s->reasons[s->nreasons].n = 1;
	s->nreasons++;
}

/* The malformed row as read, plus "_reject": {tool, reason, file, line}. */
static void write_reject(struct state *s, const sv *rec, const char *reason)
{
	sv copy = sv_obj(), info = sv_obj();
	for (uint32_t i = 0; rec->type == SV_OBJ && i < rec->len; i++)
		if (strcmp(rec->u.pairs[i].key, "_reject") != 0)
			sv_append(s->a, &copy, rec->u.pairs[i].key, rec->u.pairs[i].val);
	sv_append(s->a, &info, "tool", sv_str_static(tool.name));
	sv_append(s->a, &info, "reason", sv_strz(s->a, reason));
	sv_append(s->a, &info, "file", sv_strz(s->a, rd_name(s->rd)));
	sv_append(s->a, &info, "line", sv_num((double)rd_line(s->rd)));
	sv_append(s->a, &copy, "_reject", info);
	wr_record(s->rej, &copy);
}

static void reject(struct state *s, const sv *rec)
{
	const char *reason = rd_error(s->rd);
	if (s->c.strict)
		scrm_die_at(SCRM_EXIT_DATA, rd_name(s->rd), rd_line(s->rd), "%s", reason);
	s->rejected++;
	count_reason(s, reason);
	if (s->rej)
		write_reject(s, rec, reason);
	else if (s->shown < MAX_REJECT_MESSAGES) {
		s->shown++;
		scrm_warn_at(rd_name(s->rd), rd_line(s->rd), "%s (rejected)", reason);
	}
	if (s->c.max_rejects >= 0 && s->rejected > (uint64_t)s->c.max_rejects)
		scrm_die(SCRM_EXIT_DATA, "too many rejects: more than %ld (--max-rejects)",
			 s->c.max_rejects);
}

/* ---- scoring the records ---- */

/* The value of field in rec, noting that some record has it. */
static const sv *field(const sv *rec, const char *name, int *seen)
{
	const sv *v = sv_path(rec, name);
	if (v && v->type != SV_NULL)
		*seen = 1;
	return v;
}

static int truth_of(struct state *s, const sv *rec, const char **t, size_t *tn)
{
	if (!s->truth)
		return eval_label(field(rec, s->o.truth, &s->seen_truth), &s->scratch[0], t, tn);
	switch (eval_truth_lookup(s->truth, rec, t, tn)) {
	case TRUTH_FOUND:
		s->seen_key = 1;
		return 1;
	case TRUTH_KEY_UNKNOWN:
		s->seen_key = 1;
		s->key_not_found++;
		return 0;
	case TRUTH_EMPTY:
		s->seen_key = 1;
		return 0;
	case TRUTH_NO_KEY:
		return 0;
	}
	return 0;
}

static void score(struct state *s, const sv *rec)
{
	const char *t = NULL, *p = NULL, *side = NULL;
	size_t tn = 0, pn = 0, sn = 0;
	int has_truth = truth_of(s, rec, &t, &tn);
	int has_side = s->o.cross &&
		       eval_label(field(rec, s->o.cross, &s->seen_cross), &s->scratch[2], &side,
				  &sn);
	int has_pred = eval_label(field(rec, s->o.pred, &s->seen_pred), &s->scratch[1], &p, &pn);
	if (!has_truth) {
		s->no_truth++;
	} else if (s->o.cross && !has_side) {
		s->no_cross++;
	} else {
		if (!has_pred)
			s->no_pred++;
		eval_add(s->ev, t, tn, has_pred ? p : NULL, pn, side, sn);
	}
}

/* A CSV header must name every field the records are read by. */
static void check_header(const struct state *s)
{
	if (!s->truth)
		eval_require_column(s->rd, s->o.truth, "--truth");
	eval_require_column(s->rd, s->o.pred, "--pred");
	if (s->o.cross)
		eval_require_column(s->rd, s->o.cross, "--cross");
	for (size_t i = 0; s->truth && i < s->o.nkeys; i++)
		eval_require_column(s->rd, s->o.keys[i], "--key");
}

static void read_file(struct state *s, const char *path)
{
	struct rd_opts ro = { s->c.in_format, 1, 0, 0 };
	int checked = 0;
	sv rec;
	s->rd = rd_open(path, &ro);
	for (;;) {
		enum rd_status status = rd_next(s->rd, s->a, &rec);
		if (!checked) {
			check_header(s);
			checked = 1;
		}
		if (status == RD_EOF)
			break;
		s->read++;
		if (status == RD_BAD)
			reject(s, &rec);
		else
			score(s, &rec);
		arena_reset(s->a);
	}
	rd_close(s->rd);
	s->rd = NULL;
}

/* NDJSON has no header: a misspelt field shows as a field no record has. */
static void check_fields_seen(const struct state *s)
{
	if (s->read == s->rejected)
		return;
	if (!s->truth && !s->seen_truth)
		scrm_die(SCRM_EXIT_DATA, "no record has the field '%s' (--truth)", s->o.truth);
	if (s->truth && !s->seen_key)
		scrm_die(SCRM_EXIT_DATA, "no record has all the --key fields");
	if (!s->seen_pred)
		scrm_die(SCRM_EXIT_DATA, "no record has the field '%s' (--pred)", s->o.pred);
	if (s->o.cross && !s->seen_cross)
		scrm_die(SCRM_EXIT_DATA, "no record has the field '%s' (--cross)", s->o.cross);
}

static void check_reject_share(const struct state *s)
{
	if (s->c.max_rejects_pct >= 0 && s->read > 0 &&
	    (double)s->rejected * 100.0 > s->c.max_rejects_pct * (double)s->read)
		scrm_die(SCRM_EXIT_DATA,
			 "too many rejects: %llu of %llu records (more than %g%%, --max-rejects)",
			 (unsigned long long)s->rejected, (unsigned long long)s->read,
			 s->c.max_rejects_pct);
	if (!s->rej && s->rejected > s->shown)
		scrm_warn("%llu records rejected, %llu not shown (use --rejects=FILE to keep them)",
			  (unsigned long long)s->rejected,
			  (unsigned long long)(s->rejected - s->shown));
}

/* ---- the result ---- */

/* Counts as exact integer text: pair counts may pass 2^53. */
static void put_count(arena *a, sv *obj, const char *key, uint64_t n)
{
	char buf[24];
	int len = snprintf(buf, sizeof(buf), "%llu", (unsigned long long)n);
	sv_append(a, obj, key, sv_num_text(a, buf, (size_t)len));
}

static void put_score(arena *a, sv *obj, const char *key, double d)
{
	sv_append(a, obj, key, isnan(d) ? sv_null() : sv_num(d));
}

static sv result_record(const struct state *s, const struct eval_result *r)
{
	arena *a = s->a;
	sv obj = sv_obj();
	sv_append(a, &obj, "truth", sv_str_static(s->o.truth));
	sv_append(a, &obj, "pred", sv_str_static(s->o.pred));
	if (s->o.cross)
		sv_append(a, &obj, "cross", sv_str_static(s->o.cross));
	if (s->truth)
		put_count(a, &obj, "truth_file_keys", eval_truth_keys(s->truth));
	put_count(a, &obj, "read", s->read);
	put_count(a, &obj, "rejected", s->rejected);
	put_count(a, &obj, "no_truth", s->no_truth);
	if (s->truth)
		put_count(a, &obj, "key_not_found", s->key_not_found);
	if (s->o.cross)
		put_count(a, &obj, "no_cross", s->no_cross);
	put_count(a, &obj, "no_pred", s->no_pred);
	put_count(a, &obj, "records", r->records);
	put_count(a, &obj, "truth_clusters", r->truth_clusters);
	put_count(a, &obj, "pred_clusters", r->pred_clusters);
	put_count(a, &obj, "truth_pairs", r->truth_pairs);
	put_count(a, &obj, "pred_pairs", r->pred_pairs);
	put_count(a, &obj, "tp", r->tp);
	put_count(a, &obj, "fp", r->fp);
	put_count(a, &obj, "fn", r->fn);
	put_score(a, &obj, "pair_precision", r->pair_precision);
	put_score(a, &obj, "pair_recall", r->pair_recall);
	put_score(a, &obj, "pair_f1", r->pair_f1);
	put_score(a, &obj, "bcubed_precision", r->bcubed_precision);
	put_score(a, &obj, "bcubed_recall", r->bcubed_recall);
	put_score(a, &obj, "bcubed_f1", r->bcubed_f1);
	return obj;
}

static void print_score(FILE *fp, double d)
{
	if (isnan(d))
		fprintf(fp, "  %9s", "-");
	else
		fprintf(fp, "  %9.4f", d);
}

static void print_table(const struct state *s, const struct eval_result *r)
{
	FILE *fp = stderr;
	fprintf(fp, "%-10s %llu of %llu read", "records", (unsigned long long)r->records,
		(unsigned long long)s->read);
	fprintf(fp, " (left out: %llu without truth", (unsigned long long)s->no_truth);
	if (s->o.cross)
		fprintf(fp, ", %llu without %s", (unsigned long long)s->no_cross, s->o.cross);
	fprintf(fp, ", %llu rejected; %llu without prediction)\n",
		(unsigned long long)s->rejected, (unsigned long long)s->no_pred);
	fprintf(fp, "%-10s %llu true, %llu predicted\n", "clusters",
		(unsigned long long)r->truth_clusters, (unsigned long long)r->pred_clusters);
	fprintf(fp, "%-10s %llu true, %llu predicted: tp %llu, fp %llu, fn %llu%s%s\n",
		"pairs", (unsigned long long)r->truth_pairs, (unsigned long long)r->pred_pairs,
		(unsigned long long)r->tp, (unsigned long long)r->fp, (unsigned long long)r->fn,
		s->o.cross ? ", across " : "", s->o.cross ? s->o.cross : "");
	fprintf(fp, "%-10s  %9s  %9s  %9s\n", "", "precision", "recall", "F1");
	fprintf(fp, "%-10s", "pairwise");
	print_score(fp, r->pair_precision);
	print_score(fp, r->pair_recall);
	print_score(fp, r->pair_f1);
	fprintf(fp, "\n%-10s", "B-cubed");
	print_score(fp, r->bcubed_precision);
	print_score(fp, r->bcubed_recall);
	print_score(fp, r->bcubed_f1);
	fputc('\n', fp);
}

static void write_stats(const struct state *s, const struct eval_result *r)
{
	strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "{\"tool\":\"%s\",\"in\":%llu,\"out\":%llu,\"rejected\":%llu", tool.name,
		(unsigned long long)s->read, (unsigned long long)r->records,
		(unsigned long long)s->rejected);
	sb_adds(&sb, ",\"reject_reasons\":{");
	for (size_t i = 0; i < s->nreasons; i++) {
		if (i)
			sb_addc(&sb, ',');
		json_write_string(&sb, s->reasons[i].reason, strlen(s->reasons[i].reason));
		sb_addf(&sb, ":%llu", (unsigned long long)s->reasons[i].n);
	}
	sb_addf(&sb, "},\"no_truth\":%llu", (unsigned long long)s->no_truth);
	if (s->o.cross)
		sb_addf(&sb, ",\"no_cross\":%llu", (unsigned long long)s->no_cross);
	sb_addf(&sb, ",\"seconds\":%.3f}\n", now() - s->t0);
	if (s->c.stats_file) {
		output *o = out_open(s->c.stats_file, 0, 0);
		out_write(o, sb.buf, sb.len);
		out_close(o, 1);
	} else {
		fputs(sb.buf, stderr);
	}
	sb_release(&sb);
}

static void open_outputs(struct state *s)
{
	struct wr_opts wo = { 0 };
	wo.format = s->c.out_format;
	wo.gzip = s->c.gzip;
	wo.quote_all = s->c.quote_all;
	s->out = wr_open(s->c.output, &wo);
	if (s->c.rejects) {
		struct wr_opts ro = { 0 };
		ro.format = FMT_NDJSON;
		ro.gzip = -1;
		s->rej = wr_open(s->c.rejects, &ro);
	}
}

static void finish(struct state *s)
{
	struct eval_result r;
	sv rec;
	check_fields_seen(s);
	check_reject_share(s);
	eval_compute(s->ev, &r);
	rec = result_record(s, &r);
	wr_record(s->out, &rec);
	wr_close(s->out, 1);
	s->out = NULL;
	wr_close(s->rej, 1);
	s->rej = NULL;
	if (s->o.table)
		print_table(s, &r);
	if (s->c.stats)
		write_stats(s, &r);
}

int main(int argc, char **argv)
{
	struct state *s = &st;

	scrm_set_progname(argv[0]);
	scrm_install_signal_handlers();
	s->t0 = now();
	s->o.pred = "uid";
	scrm_atexit(free_all, s);
	scrm_parse_options(&tool, argc, argv, &s->c, &s->o);
	check_options(&s->o);
	open_outputs(s);
	if (s->o.truth_file)
		s->truth = eval_truth_load(s->o.truth_file, s->o.keys, s->o.nkeys, s->o.truth);
	s->ev = eval_new(s->o.cross != NULL);
	s->a = arena_new();
	if (s->c.nfiles == 0)
		read_file(s, "-");
	for (int i = 0; i < s->c.nfiles; i++)
		read_file(s, s->c.files[i]);
	finish(s);
	scrm_exit(SCRM_EXIT_OK);
}
