/*
 * scrm-gen: synthetic raw exports of the six source systems, with the
 * ground truth of who each row belongs to, for testing and benchmarking
 * identity resolution at any size.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "gen.h"
#include "io.h"
#include "options.h"
#include "output.h"
#include "pool.h"
#include "reader.h"
#include "banned.h"

enum { OPT_PEOPLE = 256, OPT_ROWS, OPT_SEED, OPT_DIR, OPT_NOISE };

struct gen_opts {
	struct gen_config cfg;
	uint64_t rows;		/* --rows: the size in rows instead of people */
	int people_given;
	const char *dir;
};

static const struct scrm_opt gen_options[] = {
	{ "people", 'n', required_argument, "N",
	  "number of people (default 1000, at most 10000000)",
	  "Generate N people (1 to 10000000; default 1000), in households of one to five. "
	  "Each has from none to a dozen or so rows over the six files, about 3.4 on average.",
	  OPT_PEOPLE },
	{ "rows", 0, required_argument, "N",
	  "about N rows in all, instead of --people",
	  "Choose the number of people so that the six files hold about N rows in all "
	  "(within a few per cent), instead of giving --people.",
	  OPT_ROWS },
	{ "seed", 's', required_argument, "S",
	  "seed of the random choices (default 1)",
	  "Seed every random choice with S, an unsigned 64-bit number (default 1). The same "
	  "options give byte-identical files; another seed gives other people.",
	  OPT_SEED },
	{ "dir", 'd', required_argument, "dir",
	  "write the files into dir (created if missing; default .)",
	  "Write the files into dir, creating it (and its parents) if missing. Default: the "
	  "current directory. Each file is written to a temporary name and renamed when the "
	  "run succeeds.",
	  OPT_DIR },
	{ "noise", 0, required_argument, "X",
	  "multiply every error rate by X (default 1; 0: no errors)",
	  "Multiply the rate of every planted error by X (0 to 10, default 1): junk rows, "
	  "exact duplicates, store phones on orders, name typos and traditional characters, "
	  "technicians' names, mistyped ID numbers, birthdays and e-mail domains, invalid "
	  "coordinates. With 0 only the ordinary variety of forms is left (phone and date "
	  "formats, address forms, honorifics, masked numbers), which is not an error.",
	  OPT_NOISE },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

static uint64_t parse_seed(const char *arg)
{
	char *end;
	unsigned long long v;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (!*arg || *end || errno || arg[0] == '-')
		scrm_usage_error("--seed: expected a whole number from 0 to 18446744073709551615, "
				 "got '%s'", arg);
	return v;
}

static void on_option(int id, const char *arg, void *ud)
{
	struct gen_opts *o = ud;
	switch (id) {
	case OPT_PEOPLE:
		o->cfg.people = (uint32_t)scrm_opt_long("--people", arg, 1, GEN_MAX_PEOPLE);
		o->people_given = 1;
		break;
	case OPT_ROWS:
		o->rows = (uint64_t)scrm_opt_long("--rows", arg, 1, 4L * GEN_MAX_PEOPLE);
		break;
	case OPT_SEED:
		o->cfg.seed = parse_seed(arg);
		break;
	case OPT_DIR:
		if (!*arg)
			scrm_usage_error("--dir: the name must not be empty");
		o->dir = arg;
		break;
	case OPT_NOISE:
		o->cfg.noise = scrm_opt_double("--noise", arg);
		if (o->cfg.noise < 0 || o->cfg.noise > 10)
			scrm_usage_error("--noise: expected a number from 0 to 10, got '%s'", arg);
		break;
	}
}

static const struct scrm_tool tool = {
	"scrm-gen",
	"Write synthetic raw source exports with the true person and household of each row.",
	"",
	gen_options,
	on_option,
};

/* The shared options that make sense for a program that reads nothing. */
static void refuse_common(const struct scrm_common *c)
{
	const char *opt = NULL;
	if (c->nfiles)
		scrm_usage_error("unexpected operand '%s' (scrm-gen reads no input)", c->files[0]);
	if (c->in_format != FMT_AUTO)
		opt = "--input-format";
	else if (c->out_format != FMT_NDJSON)
		opt = "--output-format";
	else if (c->output)
		opt = "--output (use --dir)";
	else if (c->quote_all)
		opt = "--quote-all";
	else if (c->rejects)
		opt = "--rejects";
	else if (c->strict)
		opt = "--strict";
	else if (c->max_rejects >= 0 || c->max_rejects_pct >= 0)
		opt = "--max-rejects";
	else if (c->unbuffered)
		opt = "--unbuffered";
	if (opt)
		scrm_usage_error("%s does not apply to scrm-gen: it reads no records", opt);
}

/* mkdir -p */
static void make_dir(const char *dir)
{
	char *path = xstrdup(dir);
	for (char *s = path + 1;; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			*s = '\0';
			if (mkdir(path, 0777) != 0 && errno != EEXIST)
				scrm_die(SCRM_EXIT_IO, "cannot create directory '%s': %s", path,
					 strerror(errno));
			*s = c;
			if (!c)
				break;
		}
	}
	free(path);
}

#define PROBE_BLOCKS 4

/* People for about rows rows: the rows per person of the first blocks of the same run. */
static uint32_t people_for_rows(const struct gen_config *cfg, uint64_t rows)
{
	struct gen_config probe = *cfg;
	struct gen_world *w;
	struct gen_block b;
	uint64_t made = 0, people;

	probe.people = PROBE_BLOCKS * GEN_BLOCK_PEOPLE;
	w = gen_world_new(&probe);
	gen_block_init(&b);
	for (uint64_t k = 0; k < PROBE_BLOCKS; k++) {
		gen_block_make(w, k, &b);
		for (int f = 0; f < GF_COUNT; f++)
			made += b.part[f].n;
	}
	gen_block_release(&b);
	gen_world_free(w);
	people = (rows * probe.people + made / 2) / (made ? made : 1);
	if (people < 1)
		people = 1;
	if (people > GEN_MAX_PEOPLE)
		scrm_usage_error("--rows: at most about %llu rows (%u people)",
				 (unsigned long long)(made * GEN_MAX_PEOPLE / probe.people),
				 GEN_MAX_PEOPLE);
	return (uint32_t)people;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t total_rows(const struct gen_counts *c)
{
	uint64_t n = 0;
	for (int f = 0; f < GF_COUNT; f++)
		n += c->rows[f];
	return n;
}

struct progress {
	int on;
	double t0, last;
};

static void show_progress(struct progress *pr, const struct gen_counts *c, uint64_t done,
			  uint64_t blocks, int final)
{
	double t = now(), el = t - pr->t0;
	uint64_t rows = total_rows(c);
	if (!pr->on || (!final && t - pr->last < 0.25))
		return;
	pr->last = t;
	fprintf(stderr, "\rscrm-gen: %llu rows, %.0fk rows/s", (unsigned long long)rows,
		el > 0 ? (double)rows / el / 1e3 : 0.0);
	if (!final && done) {
		double eta = el * ((double)blocks / (double)done - 1);
		fprintf(stderr, ", ETA %d:%02d", (int)eta / 60, (int)eta % 60);
	}
	fputs(final ? "\n" : "\033[K", stderr);
	fflush(stderr);
}

static void write_stats(const struct scrm_common *opt, const struct gen_opts *go,
			const struct gen_counts *c)
{
	static const char *const names[GF_COUNT] = {
		"members", "sales", "service", "ecommerce", "iot", "callcenter",
	};
	strbuf sb = STRBUF_INIT;
	uint64_t junk = 0, dups = 0;
	sb_addf(&sb, "{\"tool\":\"scrm-gen\",\"seed\":%llu,\"people\":%llu,\"households\":%llu,"
		"\"out\":%llu", (unsigned long long)go->cfg.seed, (unsigned long long)c->people,
		(unsigned long long)c->households, (unsigned long long)total_rows(c));
	for (int f = 0; f < GF_COUNT; f++) {
		sb_addf(&sb, ",\"%s\":%llu", names[f], (unsigned long long)c->rows[f]);
		junk += c->junk[f];
		dups += c->duplicates[f];
	}
	sb_addf(&sb, ",\"junk\":%llu,\"duplicates\":%llu,\"store_phones\":%llu,\"orphans\":%llu}\n",
		(unsigned long long)junk, (unsigned long long)dups,
		(unsigned long long)c->store_phones, (unsigned long long)c->orphans);
	if (opt->stats_file) {
		output *o = out_open(opt->stats_file, 0, 0);
		out_write(o, sb.buf, sb.len);
		out_close(o, 1);
	} else {
		fputs(sb.buf, stderr);
	}
	sb_release(&sb);
}

static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

int main(int argc, char **argv)
{
	struct scrm_common opt;
	struct gen_opts go = { { 1, 1000, 1.0 }, 0, 0, "." };
	struct gen_world *w;
	struct gen_writer *wr;
	struct gen_pool *pool;
	struct gen_block *b;
	struct progress pr = { 0, 0, 0 };
	uint64_t done = 0;

	scrm_set_progname(argv[0]);
	scrm_install_signal_handlers();
	scrm_parse_options(&tool, argc, argv, &opt, &go);
	refuse_common(&opt);
	if (go.rows && go.people_given)
		scrm_usage_error("--people and --rows: give one of them");
	if (go.rows)
		go.cfg.people = people_for_rows(&go.cfg, go.rows);
	pr.on = opt.progress == PROGRESS_ALWAYS || (opt.progress == PROGRESS_TTY && isatty(2));
	pr.t0 = now();

	make_dir(go.dir);
	w = gen_world_new(&go.cfg);
	wr = gen_writer_open(go.dir, opt.gzip);
	pool = gen_pool_start(w, opt.threads ? opt.threads : default_threads());
	while ((b = gen_pool_next(pool))) {
		gen_writer_block(wr, b);
		gen_pool_done(pool, b);
		show_progress(&pr, gen_writer_counts(wr), ++done, gen_block_count(w), 0);
	}
	gen_pool_stop(pool);
	show_progress(&pr, gen_writer_counts(wr), done, done, 1);
	if (opt.stats)
		write_stats(&opt, &go, gen_writer_counts(wr));
	gen_writer_close(wr);
	gen_world_free(w);
	return SCRM_EXIT_OK;
}
