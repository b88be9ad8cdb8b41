/*
 * scrm-score: quantified models over the 360-degree profiles. Every
 * record out with score.<name> (0-100) for each model of the model file;
 * --fit computes the RFM cut points, --train fits a logistic model.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "options.h"
#include "run.h"
#include "score.h"
#include "banned.h"

enum {
	OPT_MODEL = 256, OPT_ONLY, OPT_AS_OF, OPT_EXPLAIN, OPT_FIT, OPT_TRAIN, OPT_LABEL,
	OPT_FEATURES, OPT_NAME, OPT_L2, OPT_HOLDOUT, OPT_SEED
};

static const struct scrm_opt score_options[] = {
	{ "model", 'm', required_argument, "file",
	  "model file (JSON); default: the built-in models",
	  "Read the models from file, a JSON object {\"models\": [...]} (see MODEL FILE). "
	  "Without it the built-in default models are used (data/models/default.json).",
	  OPT_MODEL },
	{ "only", 0, required_argument, "names",
	  "score only these models (comma-separated names)", NULL, OPT_ONLY },
	{ "as-of", 0, required_argument, "date",
	  "the date taken as today for ages and recency (default: the current date)",
	  "Take date (YYYY-MM-DD) as today for product ages, recency and decay, so a run is "
	  "reproducible (default: the current date).",
	  OPT_AS_OF },
	{ "explain", 0, no_argument, NULL,
	  "add score_explain: each model's contributing terms",
	  "Add an object score_explain with, per model, the terms that made its score: the "
	  "rules that fired and their points, the product age and curve value, the weighted "
	  "decayed counts, the features times their weights, and so on (four decimals).",
	  OPT_EXPLAIN },
	{ "fit", 0, no_argument, NULL,
	  "compute the rfm models' NTILE cut points and write the model file",
	  "Read every record, compute the NTILE(5) cut points of each rfm model on them and "
	  "write the model file with the cut points added: to -o, else over the --model "
	  "file (atomically), else to standard output. No records are written.",
	  OPT_FIT },
	{ "train", 0, no_argument, NULL,
	  "fit a logistic model (--label, --features, --name) and write the model file",
	  "Fit a logistic regression of --label on --features by Newton's method (IRLS), "
	  "report AUC and log-loss on the held-out share on standard error (and in --stats), "
	  "and write a model file to -o (default: standard output) holding the models of "
	  "--model, if given, plus the new one (replacing a model of the same name). No "
	  "records are written.",
	  OPT_TRAIN },
	{ "label", 0, required_argument, "field",
	  "--train: the 0/1 outcome (field or expression)",
	  "With --train: the outcome, a field or expression giving 0/1, true/false or "
	  "\"0\"/\"1\"; records with another value are skipped.",
	  OPT_LABEL },
	{ "features", 0, required_argument, "list",
	  "--train: comma-separated feature expressions",
	  "With --train: the features, expressions separated by commas (commas inside "
	  "parentheses, brackets or quotes do not count). Numbers and numeric strings are "
	  "used as they are, true and false as 1 and 0; a record where a feature is "
	  "anything else is skipped.",
	  OPT_FEATURES },
	{ "name", 0, required_argument, "name",
	  "--train: the model's name (writes score.NAME)", NULL, OPT_NAME },
	{ "l2", 0, required_argument, "L",
	  "--train: L2 penalty on the weights (default 0: maximum likelihood)",
	  "With --train: add L/2 times the sum of the squared weights (not the intercept) "
	  "to the negative log-likelihood (default 0, plain maximum likelihood). The value is "
	  "stated in the model file.",
	  OPT_L2 },
	{ "holdout", 0, required_argument, "P",
	  "--train: share of records held out for AUC and log-loss (default 0.2)",
	  "With --train: hold out a share P (0 to 0.9, default 0.2) of the records, chosen by "
	  "a hash of uid and --seed, from the fit, and report AUC and log-loss on them; with "
	  "0 every record is fitted and the metrics are the training ones.",
	  OPT_HOLDOUT },
	{ "seed", 0, required_argument, "N",
	  "--train: seed of the holdout choice (default 1)", NULL, OPT_SEED },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

struct settings {
	const char *model, *only, *as_of;
	long today;
	int explain, fit, train;
	struct train_opts to;
};

static struct settings S = { .to = { .holdout = 0.2, .seed = 1 } };

static void on_option(int id, const char *arg, void *ud)
{
	struct settings *s = ud;
	switch (id) {
	case OPT_MODEL:
		s->model = arg;
		break;
	case OPT_ONLY:
		s->only = arg;
		break;
	case OPT_AS_OF:
		s->as_of = arg;
		s->today = scrm_as_of(arg);
		break;
	case OPT_EXPLAIN:
		s->explain = 1;
		break;
	case OPT_FIT:
		s->fit = 1;
		break;
	case OPT_TRAIN:
		s->train = 1;
		break;
	case OPT_LABEL:
		s->to.label = arg;
		break;
	case OPT_FEATURES:
		s->to.features = arg;
		break;
	case OPT_NAME:
		if (!*arg || strpbrk(arg, ". "))
			scrm_usage_error("--name: a model name without dots or spaces, got '%s'", arg);
		s->to.name = arg;
		break;
	case OPT_L2:
		s->to.l2 = scrm_opt_double("--l2", arg);
		if (!(s->to.l2 >= 0))
			scrm_usage_error("--l2: expected a number >= 0, got '%s'", arg);
		break;
	case OPT_HOLDOUT:
		s->to.holdout = scrm_opt_double("--holdout", arg);
		if (!(s->to.holdout >= 0 && s->to.holdout <= 0.9))
			scrm_usage_error("--holdout: expected a share from 0 to 0.9, got '%s'", arg);
		break;
	case OPT_SEED:
		s->to.seed = (uint64_t)scrm_opt_long("--seed", arg, 0, 2147483647L);
		break;
	}
}

static const struct scrm_tool tool = {
	"scrm-score",
	"Quantified models over customer profiles: replacement need, cross and set purchase, "
	"RFM, activity, propensity (scores 0-100).",
	"[file ...]",
	score_options,
	on_option,
};

static struct models models;
static struct rfm_fit *fitter;
static struct trainer *trainer;
static struct score_acc totals;

struct worker {
	struct score_acc acc;
};

static void *worker_init(void *shared)
{
	struct worker *w = xcalloc(1, sizeof(*w));
	UNUSED(shared);
	w->acc.tenths = xcalloc(models.n + 1, sizeof(uint64_t));
	w->acc.nonzero = xcalloc(models.n + 1, sizeof(uint64_t));
	return w;
}

static void worker_finish(void *shared, void *worker)
{
	struct worker *w = worker;
	UNUSED(shared);
	for (size_t i = 0; i < models.n; i++) {
		totals.tenths[i] += w->acc.tenths[i];
		totals.nonzero[i] += w->acc.nonzero[i];
	}
	totals.records += w->acc.records;
	free(w->acc.tenths);
	free(w->acc.nonzero);
	free(w);
}

static void score_one(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	score_record(&models, rec, &ctx, S.explain, &w->acc);
	scrm_emit(run, rec);
}

static void fit_one(scrm_run *run, sv *rec, void *ud)
{
	struct expr_ctx ctx = { scrm_arena(run), S.today, NULL };
	UNUSED(ud);
	if (fitter)
		rfm_fit_record(fitter, rec, &ctx);
	else
		trainer_record(trainer, rec, &ctx);
}

static const struct scrm_record_ops score_ops = { worker_init, score_one, worker_finish, NULL };
static const struct scrm_record_ops fit_ops = { NULL, fit_one, NULL, NULL };

static void stats_extra(strbuf *json, void *ud)
{
	UNUSED(ud);
	if (trainer) {
		trainer_stats(json, trainer);
		return;
	}
	if (fitter || S.fit)
		return;
	sb_adds(json, ",\"scores\":{");
	for (size_t i = 0; i < models.n; i++) {
		char buf[32];
		double mean = totals.records ? (double)totals.tenths[i] / 10 / (double)totals.records : 0;
		format_double(floor(mean * 100 + 0.5) / 100, buf, sizeof(buf));
		if (i)
			sb_addc(json, ',');
		json_write_string(json, models.m[i].name, strlen(models.m[i].name));
		sb_addf(json, ":{\"mean\":%s,\"nonzero\":%llu}", buf,
			(unsigned long long)totals.nonzero[i]);
	}
	sb_addc(json, '}');
}

static void free_all(void *arg)
{
	UNUSED(arg);
	models_free(&models);
	free(totals.tenths);
	free(totals.nonzero);
	totals.tenths = totals.nonzero = NULL;
}

int main(int argc, char **argv)
{
	struct scrm_common opt;
	struct scrm_run_opts ro = { 0 };
	const char *model_out = NULL;
	scrm_run *run;

	scrm_set_progname(argv[0]);
	scrm_install_signal_handlers();
	scrm_atexit(free_all, NULL);
	scrm_parse_options(&tool, argc, argv, &opt, &S);
	if (!S.as_of)
		S.today = scrm_today();
	if (S.fit && S.train)
		scrm_usage_error("--fit and --train are different passes: choose one");
	if (!S.train && (S.to.label || S.to.features || S.to.name))
		scrm_usage_error("--label, --features and --name go with --train");
	if (S.train && !S.model)
		models_empty(&models);
	else
		models_load(&models, S.model);
	if (S.only)
		models_select(&models, S.only);
	totals.tenths = xcalloc(models.n + 1, sizeof(uint64_t));
	totals.nonzero = xcalloc(models.n + 1, sizeof(uint64_t));
	if (S.train)
		trainer = trainer_new(&S.to);
	if (S.fit)
		fitter = rfm_fit_new(&models, models.path);
	if (S.fit || S.train) {
		/* the output is the model file, written when every record is read */
		model_out = opt.output ? opt.output : S.fit ? S.model : NULL;
		opt.output = NULL;
		ro.serial = 1;
	} else {
		for (size_t i = 0; i < models.n; i++)
			if (models.m[i].type == M_RFM && !models.m[i].fitted)
				scrm_die(SCRM_EXIT_USAGE, "%s: model \"%s\": no cut points: run "
					 "scrm-score --fit first", models.path, models.m[i].name);
	}
	ro.stats_extra = stats_extra;
	run = scrm_run_open(&tool, &opt, &ro);
	if (S.fit || S.train) {
		scrm_run_stream(run, &fit_ops, NULL);
		if (fitter)
			rfm_fit_finish(fitter, &models, S.as_of);
		else
			trainer_finish(trainer, &models);
		fitter = NULL;
		models_write(&models, model_out, scrm_writer(run));
	} else {
		scrm_run_stream(run, &score_ops, NULL);
	}
	scrm_run_finish(run);
}
