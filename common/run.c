#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "io.h"
#include "banned.h"

#define MAX_REJECT_MESSAGES 20

struct reason_count {
	char *reason;
	uint64_t n;
};

struct scrm_run {
	const struct scrm_tool *tool;
	const struct scrm_common *opt;
	struct scrm_run_opts ro;
	writer *out;
	writer *rej;
	arena *a;
	reader *rd;
	const char *file;
	long line;
	uint64_t in, emitted, rejected, duplicates, shown;
	struct reason_count *reasons;
	size_t nreasons, reasons_cap;
	double t0;
	int finished;
	/* progress */
	int progress;
	double last_progress;
	uint64_t bytes_done;	/* raw bytes of the files already read */
	int64_t bytes_total;	/* -1 when a size is unknown */
	strbuf tmp;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void write_stats(void *arg);

scrm_run *scrm_run_open(const struct scrm_tool *tool, const struct scrm_common *opt,
			const struct scrm_run_opts *ro)
{
	scrm_run *run = xcalloc(1, sizeof(*run));
	struct wr_opts wo = { 0 };
	run->tool = tool;
	run->opt = opt;
	if (ro)
		run->ro = *ro;
	run->a = arena_new();
	run->t0 = now();
	wo.format = opt->out_format;
	wo.gzip = opt->gzip;
	wo.quote_all = opt->quote_all;
	wo.unbuffered = opt->unbuffered;
	run->out = wr_open(opt->output, &wo);
	if (run->ro.columns && opt->out_format != FMT_NDJSON)
		wr_declare(run->out, run->ro.columns);
	if (opt->rejects) {
		struct wr_opts ro2 = { 0 };
		ro2.format = FMT_NDJSON;
		ro2.gzip = -1;
		ro2.unbuffered = opt->unbuffered;
		run->rej = wr_open(opt->rejects, &ro2);
	}
	run->progress = opt->progress == PROGRESS_ALWAYS ||
			(opt->progress == PROGRESS_TTY && isatty(2));
	scrm_atexit(write_stats, run);
	return run;
}

arena *scrm_arena(scrm_run *run)
{
	return run->a;
}

const char *scrm_file(const scrm_run *run)
{
	return run->file;
}

long scrm_line(const scrm_run *run)
{
	return run->line;
}

int scrm_input_format(const scrm_run *run)
{
	return run->rd ? rd_format(run->rd) : FMT_AUTO;
}

const char *const *scrm_input_columns(const scrm_run *run, size_t *n)
{
	*n = 0;
	return run->rd ? rd_columns(run->rd, n) : NULL;
}

/* Reject reasons are counted by their kind: the text before any ':'. */
static void count_reason(scrm_run *run, const char *reason)
{
	size_t klen = strcspn(reason, ":(");
	while (klen && reason[klen - 1] == ' ')
		klen--;
	for (size_t i = 0; i < run->nreasons; i++)
		if (strlen(run->reasons[i].reason) == klen &&
		    memcmp(run->reasons[i].reason, reason, klen) == 0) {
			run->reasons[i].n++;
			return;
		}
	GROW(run->reasons, run->reasons_cap, run->nreasons + 1);
	run->reasons[run->nreasons].reason = xstrndup(reason, klen);
	run->reasons[run->nreasons].n = 1;
	run->nreasons++;
}

static void write_reject(scrm_run *run, const sv *rec, const char *reason)
{
	arena *a = run->a;
	sv copy = *rec, info = sv_obj();
	if (!run->rej)
		return;
	if (copy.type != SV_OBJ)
		copy = sv_obj();
	/* a shallow copy with one more member */
	copy.u.pairs = arena_alloc(a, (copy.len + 1) * sizeof(sv_pair));
	if (rec->type == SV_OBJ && rec->len)
		memcpy(copy.u.pairs, rec->u.pairs, rec->len * sizeof(sv_pair));
	copy.cap = copy.len + 1;
	sv_set(a, &info, "tool", sv_str_static(run->tool->name));
	sv_set(a, &info, "reason", sv_strz(a, reason));
	sv_set(a, &info, "file", sv_strz(a, run->file ? run->file : "-"));
	sv_set(a, &info, "line", sv_num((double)run->line));
	sv_del(&copy, "_reject");
	sv_set(a, &copy, "_reject", info);
	wr_record(run->rej, &copy);
}

void scrm_reject(scrm_run *run, const sv *rec, const char *reason)
{
	run->rejected++;
	count_reason(run, reason);
	if (run->rej) {
		write_reject(run, rec, reason);
	} else if (run->shown < MAX_REJECT_MESSAGES) {
		run->shown++;
		scrm_warn_at(run->file, run->line, "%s (rejected)", reason);
	}
	if (run->opt->max_rejects >= 0 &&
	    run->rejected - run->duplicates > (uint64_t)run->opt->max_rejects)
		scrm_die(SCRM_EXIT_DATA, "too many rejects: more than %ld (--max-rejects)",
			 run->opt->max_rejects);
}

void scrm_reject_duplicate(scrm_run *run, const sv *rec, const char *reason)
{
	run->rejected++;
	run->duplicates++;
	count_reason(run, reason);
	write_reject(run, rec, reason);
}

void scrm_emit(scrm_run *run, const sv *rec)
{
	if (wr_record(run->out, rec) < 0) {
		scrm_reject(run, rec, wr_error(run->out));
		return;
	}
	run->emitted++;
}

static void human_count(strbuf *sb, double n)
{
	if (n >= 1e6)
		sb_addf(sb, "%.1fM", n / 1e6);
	else if (n >= 1e4)
		sb_addf(sb, "%.0fk", n / 1e3);
	else
		sb_addf(sb, "%.0f", n);
}

static void show_progress(scrm_run *run, int final)
{
	double t = now(), el = t - run->t0;
	uint64_t bytes = run->bytes_done + (run->rd ? in_raw_bytes(rd_input(run->rd)) : 0);
	strbuf *sb = &run->tmp;
	if (!final && t - run->last_progress < 0.25)
		return;
	run->last_progress = t;
	sb_reset(sb);
	sb_addf(sb, "\r%s: ", run->tool->name);
	human_count(sb, (double)run->in);
	sb_addf(sb, " records, %.1f MB/s", el > 0 ? bytes / 1e6 / el : 0.0);
	if (run->bytes_total > 0 && bytes > 0 && !final) {
		double eta = el * ((double)run->bytes_total / (double)bytes - 1);
		sb_addf(sb, ", ETA %d:%02d", (int)eta / 60, (int)eta % 60);
	}
	sb_adds(sb, final ? "\n" : "\033[K");
	fputs(sb->buf, stderr);
	fflush(stderr);
}

static int64_t total_size(const struct scrm_common *opt)
{
	int64_t total = 0;
	for (int i = 0; i < opt->nfiles; i++) {
		input *probe;
		if (strcmp(opt->files[i], "-") == 0)
			return -1;
		probe = in_open(opt->files[i]);
		if (in_raw_size(probe) < 0) {
			in_close(probe);
			return -1;
		}
		total += in_raw_size(probe);
		in_close(probe);
	}
	return opt->nfiles ? total : -1;
}

static void stream_file(scrm_run *run, const char *path, scrm_record_fn fn, void *ud)
{
	struct rd_opts ro = { run->opt->in_format, run->ro.typed };
	enum rd_status st;
	sv rec;
	run->rd = rd_open(path, &ro);
	run->file = rd_name(run->rd);
	while ((st = rd_next(run->rd, run->a, &rec)) != RD_EOF) {
		run->line = rd_line(run->rd);
		run->in++;
		if (st == RD_BAD) {
			if (run->opt->strict)
				scrm_die_at(SCRM_EXIT_DATA, run->file, run->line, "%s",
					    rd_error(run->rd));
			scrm_reject(run, &rec, rd_error(run->rd));
		} else {
			fn(run, &rec, ud);
		}
		arena_reset(run->a);
		if (run->progress && (run->in & 4095) == 0)
			show_progress(run, 0);
	}
	run->bytes_done += in_raw_bytes(rd_input(run->rd));
	rd_close(run->rd);
	run->rd = NULL;
}

void scrm_run_stream(scrm_run *run, scrm_record_fn fn, void *ud)
{
	run->bytes_total = run->progress ? total_size(run->opt) : -1;
	if (run->opt->nfiles == 0)
		stream_file(run, "-", fn, ud);
	for (int i = 0; i < run->opt->nfiles; i++)
		stream_file(run, run->opt->files[i], fn, ud);
	if (run->progress)
		show_progress(run, 1);
}

static void write_stats(void *arg)
{
	scrm_run *run = arg;
	strbuf sb = STRBUF_INIT;
	if (!run->opt->stats || run->finished == 2)
		return;
	run->finished = 2;
	sb_addf(&sb, "{\"tool\":\"%s\",\"in\":%llu,\"out\":%llu,\"rejected\":%llu",
		run->tool->name, (unsigned long long)run->in,
		(unsigned long long)run->emitted, (unsigned long long)run->rejected);
	sb_addf(&sb, ",\"duplicates\":%llu,\"reject_reasons\":{",
		(unsigned long long)run->duplicates);
	for (size_t i = 0; i < run->nreasons; i++) {
		if (i)
			sb_addc(&sb, ',');
		json_write_string(&sb, run->reasons[i].reason, strlen(run->reasons[i].reason));
		sb_addf(&sb, ":%llu", (unsigned long long)run->reasons[i].n);
	}
	sb_addc(&sb, '}');
	if (run->ro.stats_extra)
		run->ro.stats_extra(&sb, run->ro.stats_ud);
	sb_addf(&sb, ",\"seconds\":%.3f}\n", now() - run->t0);
	if (run->opt->stats_file) {
		output *o = out_open(run->opt->stats_file, 0, 0);
		out_write(o, sb.buf, sb.len);
		out_close(o, 1);
	} else {
		fflush(stdout);
		fputs(sb.buf, stderr);
	}
	sb_release(&sb);
}

void scrm_run_finish(scrm_run *run)
{
	int status = SCRM_EXIT_OK;
	uint64_t counted = run->rejected - run->duplicates;
	if (run->opt->max_rejects_pct >= 0 && run->in > 0 &&
	    counted * 100.0 > run->opt->max_rejects_pct * (double)run->in) {
		scrm_warn("too many rejects: %llu of %llu records (more than %g%%, --max-rejects)",
			  (unsigned long long)counted, (unsigned long long)run->in,
			  run->opt->max_rejects_pct);
		status = SCRM_EXIT_DATA;
	}
	if (!run->rej && counted > run->shown)
		scrm_warn("%llu records rejected, %llu not shown (use --rejects=FILE to keep them)",
			  (unsigned long long)counted,
			  (unsigned long long)(counted - run->shown));
	wr_close(run->out, status == SCRM_EXIT_OK);
	if (run->rej)
		wr_close(run->rej, 1);
	run->finished = 1;
	scrm_exit(status);
}
