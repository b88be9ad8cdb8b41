#include "run.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "io.h"
#include "banned.h"

#define MAX_REJECT_MESSAGES 20
#define BATCH_RECORDS 512
#define BATCH_BYTES (1u << 20)
#define MAX_THREADS 8

struct reason_count {
	char *reason;
	uint64_t n;
};

/* A record read, waiting for a worker. */
struct item {
	sv rec;
	const char *file;
	long line;
	const char *bad;	/* why the reader rejected it, or NULL */
	int deferred;		/* rec is an NDJSON line the worker parses */
};

enum entry_kind { E_OUT, E_REJECT, E_UNIQUE };

/* Something a worker produced for one record, committed in input order. */
struct entry {
	enum entry_kind kind;
	size_t out_off, out_len;	/* NDJSON output text in batch->out */
	sv rec;				/* CSV output: the record itself */
	size_t rej_off, rej_len;	/* reject line in batch->rej */
	const char *reason;
	const char *file;
	long line;
	uint64_t key[2];
	const void *note;		/* scrm_note() data, in the batch arena */
	size_t note_len;
};

struct batch {
	long seq;
	arena *a;
	struct item *items;
	size_t n, cap;
	struct entry *entries;
	size_t nent, entcap;
	strbuf out, rej;
	int direct;		/* the workers format output rows themselves */
	int done;
	struct batch *next;
};

/* Set membership for scrm_emit_unique: 128-bit keys. */
struct seen {
	uint64_t (*slots)[2];
	size_t cap, n;
};

struct scrm_run {
	const struct scrm_tool *tool;
	const struct scrm_common *opt;
	struct scrm_run_opts ro;
	writer *out;
	writer *rej;
	arena *a;		/* the main thread's record arena */
	reader *rd;
	const char *file;
	long line;
	uint64_t in, emitted, rejected, duplicates, shown;
	struct reason_count *reasons;
	size_t nreasons, reasons_cap;
	struct seen seen;
	double t0;
	int finished;
	int stop;		/* scrm_run_stop(): read nothing more */
	/* progress */
	int progress;
	double last_progress;
	uint64_t bytes_done;	/* raw bytes of the files already read */
	int64_t bytes_total;	/* -1 when a size is unknown */
	strbuf tmp;
	/* workers */
	const struct scrm_record_ops *ops;
	void *shared;
	int nthreads;
	pthread_t threads[MAX_THREADS];
	void *wstate[MAX_THREADS];
	arena *warena[MAX_THREADS];
	struct json_parser wjp[MAX_THREADS];	/* deferred NDJSON lines */
	struct wr_row *wrow[MAX_THREADS + 1];	/* [MAX_THREADS]: the main thread's */
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	struct batch *queue, *queue_tail;	/* waiting for a worker */
	struct batch *inflight[4 * MAX_THREADS + 4];	/* by seq, for the commit */
	long next_seq, commit_seq;
	int stopping;
	struct batch *spare;
};

/* The record being processed by this thread. */
struct ctx {
	scrm_run *run;
	struct batch *b;
	struct item *it;
	arena *a;
	const void *note;	/* for the next emitted record */
	size_t note_len;
	struct wr_row *row;	/* this thread's output scratch */
};
static _Thread_local struct ctx *cur;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void write_stats(void *arg);
static void stop_workers_at_exit(void *arg);

static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

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
	run->wrow[MAX_THREADS] = wr_row_new();
	run->nthreads = opt->threads > 0 ? opt->threads : default_threads();
	if (run->nthreads > MAX_THREADS)
		run->nthreads = MAX_THREADS;
	if (opt->unbuffered || run->ro.serial)
		run->nthreads = 1;	/* a live feed wants each record out at once */
	scrm_atexit(write_stats, run);
	return run;
}

writer *scrm_writer(scrm_run *run)
{
	return run->out;
}

void scrm_add_out(scrm_run *run, uint64_t n)
{
	run->emitted += n;
}

arena *scrm_arena(scrm_run *run)
{
	return cur ? cur->a : run->a;
}

const char *scrm_file(const scrm_run *run)
{
	return cur && cur->it ? cur->it->file : run->file;
}

long scrm_line(const scrm_run *run)
{
	return cur && cur->it ? cur->it->line : run->line;
}

/* ---- what workers produce ---- */

static struct entry *new_entry(struct batch *b, enum entry_kind kind)
{
	struct entry *e;
	GROW(b->entries, b->entcap, b->nent + 1);
	e = &b->entries[b->nent++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->file = cur->it->file;
	e->line = cur->it->line;
	return e;
}

/* The record as it goes to the rejects stream: itself plus "_reject". */
static void format_reject(scrm_run *run, struct batch *b, struct entry *e, const sv *rec,
			  const char *reason)
{
	arena *a = cur->a;
	sv copy = *rec, info = sv_obj();
	e->reason = arena_strdup(b->a, reason);
	if (!run->rej)
		return;
	if (copy.type != SV_OBJ)
		copy = sv_obj();
	copy.u.pairs = arena_alloc(a, (copy.len + 1) * sizeof(sv_pair));
	if (rec->type == SV_OBJ && rec->len)
		memcpy(copy.u.pairs, rec->u.pairs, rec->len * sizeof(sv_pair));
	copy.cap = copy.len + 1;
	sv_del(&copy, "_reject");
	sv_append(a, &info, "tool", sv_str_static(run->tool->name));
	sv_append(a, &info, "reason", sv_strz(a, reason));
	sv_append(a, &info, "file", sv_strz(a, e->file ? e->file : "-"));
	sv_append(a, &info, "line", sv_num((double)e->line));
	sv_append(a, &copy, "_reject", info);
	e->rej_off = b->rej.len;
	json_write(&b->rej, &copy);
	sb_addc(&b->rej, '\n');
	e->rej_len = b->rej.len - e->rej_off;
}

/*
 * The output line of rec, formatted here once the CSV header is fixed
 * (always for NDJSON); before that the record is kept for the commit,
 * which fixes the header. 0, or -1 if the header cannot hold it.
 */
static int format_output(scrm_run *run, struct batch *b, struct entry *e, const sv *rec)
{
	if (!b->direct) {
		e->rec = sv_copy(b->a, rec);
		return 0;
	}
	e->out_off = b->out.len;
	if (wr_format_row(run->out, cur->row, rec, &b->out) < 0) {
		sb_setlen(&b->out, e->out_off);
		return -1;
	}
	e->out_len = b->out.len - e->out_off;
	return 0;
}

void scrm_note(scrm_run *run, const void *data, size_t n)
{
	void *copy = arena_alloc(cur->b->a, n ? n : 1);
	UNUSED(run);
	memcpy(copy, data, n);
	cur->note = copy;
	cur->note_len = n;
}

static void take_note(struct entry *e)
{
	e->note = cur->note;
	e->note_len = cur->note_len;
	cur->note = NULL;
	cur->note_len = 0;
}

void scrm_emit(scrm_run *run, const sv *rec)
{
	struct entry *e = new_entry(cur->b, E_OUT);
	take_note(e);
	if (format_output(run, cur->b, e, rec) < 0) {
		e->kind = E_REJECT;
		format_reject(run, cur->b, e, rec, wr_row_error(cur->row));
	}
}

void scrm_emit_unique(scrm_run *run, const sv *rec, const uint64_t key[2], const sv *dup,
		      const char *reason)
{
	struct entry *e = new_entry(cur->b, E_UNIQUE);
	take_note(e);
	e->key[0] = key[0];
	e->key[1] = key[1];
	if (format_output(run, cur->b, e, rec) < 0) {
		e->kind = E_REJECT;
		format_reject(run, cur->b, e, rec, wr_row_error(cur->row));
		return;
	}
	format_reject(run, cur->b, e, dup, reason);
}

void scrm_reject(scrm_run *run, const sv *rec, const char *reason)
{
	struct entry *e = new_entry(cur->b, E_REJECT);
	format_reject(run, cur->b, e, rec, reason);
}

/*
 * A line the reader left unparsed: parsed here, on the worker's thread,
 * into the batch's arena, as the reader would have (tools may keep
 * pointers into a record until its batch is committed).
 */
static void parse_deferred(struct item *it, struct json_parser *jp, arena *keep)
{
	char err[256];
	sv line = it->rec;
	if (rd_parse_line(jp, line.u.s, line.len, keep, &it->rec, err, sizeof(err)) == RD_BAD)
		it->bad = arena_strdup(keep, err);
}

static void process_batch(scrm_run *run, struct batch *b, arena *a, void *state,
			  struct wr_row *row, struct json_parser *jp)
{
	struct ctx c = { run, b, NULL, a, NULL, 0, row };
	cur = &c;
	for (size_t i = 0; i < b->n; i++) {
		c.it = &b->items[i];
		if (c.it->deferred)
			parse_deferred(c.it, jp, b->a);
		if (c.it->bad)
			scrm_reject(run, &c.it->rec, c.it->bad);
		else
			run->ops->record(run, &c.it->rec, state);
		arena_reset(a);
	}
	cur = NULL;
}

/* ---- the commit, in input order, on the main thread ---- */

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

static int seen_insert(struct seen *s, uint64_t h1, uint64_t h2)
{
	size_t i;
	if ((s->n + 1) * 10 > s->cap * 7) {
		size_t ncap = s->cap ? s->cap * 2 : 1 << 16;
		uint64_t (*ns)[2] = xcalloc(ncap, sizeof(*ns));
		for (size_t k = 0; k < s->cap; k++) {
			if (!s->slots[k][0] && !s->slots[k][1])
				continue;
			i = s->slots[k][0] & (ncap - 1);
			while (ns[i][0] || ns[i][1])
				i = (i + 1) & (ncap - 1);
			ns[i][0] = s->slots[k][0];
			ns[i][1] = s->slots[k][1];
		}
		free(s->slots);
		s->slots = ns;
		s->cap = ncap;
	}
	if (!h1 && !h2)
		h2 = 1;	/* (0, 0) marks an empty slot */
	i = h1 & (s->cap - 1);
	while (s->slots[i][0] || s->slots[i][1]) {
		if (s->slots[i][0] == h1 && s->slots[i][1] == h2)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	s->slots[i][0] = h1;
	s->slots[i][1] = h2;
	s->n++;
	return 1;
}

static void commit_reject(scrm_run *run, struct batch *b, const struct entry *e, int duplicate)
{
	run->rejected++;
	count_reason(run, e->reason);
	if (duplicate)
		run->duplicates++;
	if (run->rej)
		wr_write_raw(run->rej, b->rej.buf + e->rej_off, e->rej_len);
	else if (!duplicate && run->shown < MAX_REJECT_MESSAGES) {
		run->shown++;
		scrm_warn_at(e->file, e->line, "%s (rejected)", e->reason);
	}
	if (!duplicate && run->opt->max_rejects >= 0 &&
	    run->rejected - run->duplicates > (uint64_t)run->opt->max_rejects)
		scrm_die(SCRM_EXIT_DATA, "too many rejects: more than %ld (--max-rejects)",
			 run->opt->max_rejects);
}

static void commit_output(scrm_run *run, struct batch *b, const struct entry *e)
{
	if (e->rec.type == SV_NULL) {
		wr_write_raw(run->out, b->out.buf + e->out_off, e->out_len);
	} else if (wr_record(run->out, &e->rec) < 0) {
		/* the CSV header cannot hold it: reject it, not a cell lost */
		struct entry r = *e;
		struct ctx c = { run, b, NULL, run->a, NULL, 0, run->wrow[MAX_THREADS] };
		struct item it = { e->rec, e->file, e->line, NULL, 0 };
		c.it = &it;
		cur = &c;
		r.reason = arena_strdup(b->a, wr_error(run->out));
		format_reject(run, b, &r, &e->rec, r.reason);
		cur = NULL;
		commit_reject(run, b, &r, 0);
		return;
	}
	run->emitted++;
	if (e->note && run->ops->committed)
		run->ops->committed(run->shared, e->note, e->note_len);
}

static void commit_batch(scrm_run *run, struct batch *b)
{
	for (size_t i = 0; i < b->nent; i++) {
		const struct entry *e = &b->entries[i];
		switch (e->kind) {
		case E_OUT:
			commit_output(run, b, e);
			break;
		case E_REJECT:
			commit_reject(run, b, e, 0);
			break;
		case E_UNIQUE:
			if (seen_insert(&run->seen, e->key[0], e->key[1]))
				commit_output(run, b, e);
			else
				commit_reject(run, b, e, 1);
			break;
		}
	}
}

/* ---- batches and workers ---- */

static struct batch *new_batch(scrm_run *run)
{
	struct batch *b = run->spare;
	if (b) {
		run->spare = b->next;
	} else {
		b = xcalloc(1, sizeof(*b));
		b->a = arena_new();
	}
	b->n = b->nent = 0;
	b->done = 0;
	b->next = NULL;
	sb_reset(&b->out);
	sb_reset(&b->rej);
	arena_reset(b->a);
	return b;
}

static void recycle_batch(scrm_run *run, struct batch *b)
{
	b->next = run->spare;
	run->spare = b;
}

static void *worker_main(void *arg)
{
	scrm_run *run = ((void **)arg)[0];
	int id = (int)(intptr_t)((void **)arg)[1];
	free(arg);
	for (;;) {
		struct batch *b;
		pthread_mutex_lock(&run->mu);
		while (!run->queue && !run->stopping)
			pthread_cond_wait(&run->work_cv, &run->mu);
		b = run->queue;
		if (!b) {
			pthread_mutex_unlock(&run->mu);
			return NULL;
		}
		run->queue = b->next;
		if (!run->queue)
			run->queue_tail = NULL;
		pthread_mutex_unlock(&run->mu);

		process_batch(run, b, run->warena[id], run->wstate[id], run->wrow[id], &run->wjp[id]);

		pthread_mutex_lock(&run->mu);
		b->done = 1;
		pthread_cond_broadcast(&run->done_cv);
		pthread_mutex_unlock(&run->mu);
	}
}

static void start_workers(scrm_run *run)
{
	pthread_mutex_init(&run->mu, NULL);
	pthread_cond_init(&run->work_cv, NULL);
	pthread_cond_init(&run->done_cv, NULL);
	for (int i = 0; i < run->nthreads; i++) {
		void **arg = xmalloc(2 * sizeof(void *));
		arg[0] = run;
		arg[1] = (void *)(intptr_t)i;
		run->warena[i] = arena_new();
		run->wrow[i] = wr_row_new();
		run->wstate[i] = run->ops->worker_init ? run->ops->worker_init(run->shared)
						       : run->shared;
		if (pthread_create(&run->threads[i], NULL, worker_main, arg) != 0)
			scrm_die(SCRM_EXIT_IO, "cannot start a worker thread");
	}
	scrm_atexit(stop_workers_at_exit, run);
}

static size_t max_inflight(const scrm_run *run)
{
	return (size_t)(2 * run->nthreads + 2);
}

/* Commits finished batches in order; with wait, blocks until the oldest is done. */
static void commit_ready(scrm_run *run, int wait)
{
	for (;;) {
		struct batch *b;
		if (run->commit_seq == run->next_seq)
			return;
		b = run->inflight[run->commit_seq % ARRAY_SIZE(run->inflight)];
		pthread_mutex_lock(&run->mu);
		while (!b->done && wait)
			pthread_cond_wait(&run->done_cv, &run->mu);
		int done = b->done;
		pthread_mutex_unlock(&run->mu);
		if (!done)
			return;
		commit_batch(run, b);
		run->commit_seq++;
		recycle_batch(run, b);
		wait = 0;
	}
}

static void submit(scrm_run *run, struct batch *b)
{
	b->direct = wr_header_fixed(run->out);
	b->seq = run->next_seq++;
	run->inflight[b->seq % ARRAY_SIZE(run->inflight)] = b;
	pthread_mutex_lock(&run->mu);
	if (run->queue_tail)
		run->queue_tail->next = b;
	else
		run->queue = b;
	run->queue_tail = b;
	pthread_cond_signal(&run->work_cv);
	pthread_mutex_unlock(&run->mu);
	commit_ready(run, 0);
	while ((size_t)(run->next_seq - run->commit_seq) >= max_inflight(run))
		commit_ready(run, 1);
}

static void stop_workers(scrm_run *run)
{
	pthread_mutex_lock(&run->mu);
	run->stopping = 1;
	pthread_cond_broadcast(&run->work_cv);
	pthread_mutex_unlock(&run->mu);
	for (int i = 0; i < run->nthreads; i++) {
		pthread_join(run->threads[i], NULL);
		if (run->ops->worker_finish)
			run->ops->worker_finish(run->shared, run->wstate[i]);
		arena_free(run->warena[i]);
		wr_row_free(run->wrow[i]);
		json_parser_release(&run->wjp[i]);
	}
}

/*
 * An exit hook for the ways out while workers run (a closed pipe, a fatal
 * error): let them finish their batch and stop before anything they use
 * is freed. Batches still queued are dropped; nothing more is written.
 */
static void stop_workers_at_exit(void *arg)
{
	scrm_run *run = arg;
	pthread_t self = pthread_self();
	pthread_mutex_lock(&run->mu);
	run->stopping = 1;
	run->queue = run->queue_tail = NULL;
	pthread_cond_broadcast(&run->work_cv);
	pthread_mutex_unlock(&run->mu);
	for (int i = 0; i < run->nthreads; i++)
		if (!pthread_equal(run->threads[i], self))
			pthread_join(run->threads[i], NULL);
}

/* ---- reading ---- */

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

/* One record, processed on the spot (one thread, or a live feed). */
static void process_now(scrm_run *run, sv *rec, enum rd_status st)
{
	struct batch *b = run->spare ? run->spare : new_batch(run);
	struct item it = { *rec, run->file, run->line, st == RD_BAD ? rd_error(run->rd) : NULL, 0 };
	struct ctx c = { run, b, &it, run->a, NULL, 0, run->wrow[MAX_THREADS] };
	run->spare = b;
	b->direct = wr_header_fixed(run->out);
	b->nent = 0;
	sb_reset(&b->out);
	sb_reset(&b->rej);
	cur = &c;
	if (it.bad)
		scrm_reject(run, &it.rec, it.bad);
	else
		run->ops->record(run, &it.rec, run->wstate[0]);
	cur = NULL;
	commit_batch(run, b);
	arena_reset(b->a);
}

/* One record read for the workers: straight into the open batch's arena. */
static void add_to_batch(scrm_run *run, struct batch **open_batch, enum rd_status st)
{
	struct batch *b = *open_batch;
	struct item *it = &b->items[b->n - 1];
	it->file = run->file;
	it->line = run->line;
	it->bad = st == RD_BAD ? arena_strdup(b->a, rd_error(run->rd)) : NULL;
	it->deferred = st == RD_DEFERRED;
	if (b->n >= BATCH_RECORDS || arena_used(b->a) >= BATCH_BYTES) {
		submit(run, b);
		*open_batch = NULL;
	}
}

static void stream_file(scrm_run *run, const char *path, struct batch **open_batch)
{
	/* with workers, NDJSON lines are parsed by them (unless the first bad one must stop the run) */
	struct rd_opts ro = { run->opt->in_format, run->ro.typed, run->nthreads > 1,
			      run->nthreads > 1 && !run->opt->strict };
	enum rd_status st;
	sv rec;
	run->rd = rd_open(path, &ro);
	run->file = rd_name(run->rd);
	while (!run->stop) {
		struct batch *b = NULL;
		if (run->nthreads > 1) {
			if (!*open_batch)
				*open_batch = new_batch(run);
			b = *open_batch;
			GROW(b->items, b->cap, b->n + 1);
		}
		st = rd_next(run->rd, b ? b->a : run->a, b ? &b->items[b->n].rec : &rec);
		if (st == RD_EOF)
			break;
		run->line = rd_line(run->rd);
		run->in++;
		if (st == RD_BAD && run->opt->strict)
			scrm_die_at(SCRM_EXIT_DATA, run->file, run->line, "%s", rd_error(run->rd));
		if (b) {
			b->n++;
			add_to_batch(run, open_batch, st);
		} else {
			process_now(run, &rec, st);
			arena_reset(run->a);
		}
		if (run->progress && (run->in & 4095) == 0)
			show_progress(run, 0);
	}
	if (*open_batch) {
		/* the records use the reader's column names: finish them first */
		submit(run, *open_batch);
		*open_batch = NULL;
	}
	while (run->commit_seq != run->next_seq)
		commit_ready(run, 1);
	run->bytes_done += in_raw_bytes(rd_input(run->rd));
	rd_close(run->rd);
	run->rd = NULL;
}

void scrm_run_stop(scrm_run *run)
{
	run->stop = 1;
}

void scrm_run_stream(scrm_run *run, const struct scrm_record_ops *ops, void *shared)
{
	struct batch *open_batch = NULL;
	run->ops = ops;
	run->shared = shared;
	run->bytes_total = run->progress ? total_size(run->opt) : -1;
	if (run->nthreads > 1)
		start_workers(run);
	else
		run->wstate[0] = ops->worker_init ? ops->worker_init(shared) : shared;
	if (run->opt->nfiles == 0)
		stream_file(run, "-", &open_batch);
	for (int i = 0; i < run->opt->nfiles && !run->stop; i++)
		stream_file(run, run->opt->files[i], &open_batch);
	if (run->nthreads > 1) {
		scrm_atexit_remove(stop_workers_at_exit, run);
		stop_workers(run);
	} else if (ops->worker_finish) {
		ops->worker_finish(shared, run->wstate[0]);
	}
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

static void free_batches(struct batch *b)
{
	while (b) {
		struct batch *next = b->next;
		arena_free(b->a);
		free(b->items);
		free(b->entries);
		sb_release(&b->out);
		sb_release(&b->rej);
		free(b);
		b = next;
	}
}

/* Gives back what the run holds, so leak checkers see a clean exit. */
static void run_free(scrm_run *run)
{
	scrm_atexit_remove(write_stats, run);
	for (size_t i = 0; i < run->nreasons; i++)
		free(run->reasons[i].reason);
	free(run->reasons);
	free(run->seen.slots);
	free_batches(run->spare);
	arena_free(run->a);
	wr_row_free(run->wrow[MAX_THREADS]);
	sb_release(&run->tmp);
	if (run->nthreads > 1) {
		pthread_mutex_destroy(&run->mu);
		pthread_cond_destroy(&run->work_cv);
		pthread_cond_destroy(&run->done_cv);
	}
	free(run);
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
	write_stats(run);
	run_free(run);
	scrm_exit(status);
}
