/*
 * scrm-match: identity resolution. Records from any mix of sources in;
 * every record with its person id (uid) and household id (hid) out, or
 * one profile per person, or the scored candidate pairs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "error.h"
#include "io.h"
#include "reader.h"
#include "match.h"
#include "options.h"
#include "output.h"
#include "run.h"
#include "banned.h"

enum {
	OPT_MODEL = 256, OPT_MODEL_OUT, OPT_PROFILES, OPT_PAIRS, OPT_LINK, OPT_ONE_TO_ONE,
	OPT_THRESHOLD, OPT_STATE, OPT_INCREMENTAL, OPT_CLK, OPT_INTERSECT
};

static const struct scrm_opt match_options[] = {
	{ "profiles", 0, no_argument, NULL,
	  "write one profile per person instead of the records",
	  "Write one record per person instead of the input records: uid, hid, golden "
	  "values chosen by survivorship (the most trusted source first, as the model's "
	  "sources list says; then the most recent record; then the most frequent value), "
	  "phones, emails and addresses with every value seen, its sources and count, "
	  "products, contacts, events (counts by event type), event_dates (per event type "
	  "its dates, oldest first), sources, first_seen, last_seen, records and rids "
	  "(every record merged, so nothing is lost). "
	  "A product (category, sku, serial, date, price, source, device_id, services, "
	  "fault, fault_date) is one appliance: records with its serial or device_id, or "
	  "with its sku where only one side has a serial (the order and the activation); "
	  "its date and price come from the purchase. Service tickets count in services "
	  "and fault reports set fault and fault_date (the latest), on the product of the "
	  "same serial, else the newest of the same category. contacts lists the service "
	  "tickets and calls, oldest first, with event, date, category, serial, text and "
	  "source: the complaint history.",
	  OPT_PROFILES },
	{ "pairs", 0, no_argument, NULL,
	  "write the scored candidate pairs, with each field's weight",
	  "Write every candidate pair instead of the records: the two record keys, the "
	  "blocking rule that found it, the total match weight (log2 of the Bayes factor, "
	  "prior included) and probability, the deterministic identifier that linked it, "
	  "whether a veto stopped it, whether it was accepted, and for each comparison its "
	  "level and weight: the data of a waterfall chart explaining the decision.",
	  OPT_PAIRS },
	{ "link", 0, no_argument, NULL,
	  "link the first file with the others instead of deduplicating",
	  "Link two datasets: the first file is dataset A, the others dataset B, and only "
	  "pairs across A and B are compared (record linkage, as FEBRL4).",
	  OPT_LINK },
	{ "one-to-one", 0, no_argument, NULL,
	  "with --link, a person holds at most one record of each dataset", NULL,
	  OPT_ONE_TO_ONE },
	{ "model", 0, required_argument, "file",
	  "match model (JSON): identifiers, comparisons, blocking, roles",
	  "Read the match model from file instead of the built-in one for canonical records. "
	  "See MODEL.",
	  OPT_MODEL },
	{ "model-out", 0, required_argument, "file",
	  "write the whole model with the estimated m and u of every level",
	  "Write the whole model, with the m and u estimated for every level and both "
	  "priors, to file: read back with --model, it scores later extracts with those "
	  "m and u instead of estimating them again.",
	  OPT_MODEL_OUT },
	{ "threshold", 0, required_argument, "P",
	  "match probability from which a pair links (default 0.95)", NULL, OPT_THRESHOLD },
	{ "state", 0, required_argument, "file",
	  "read and write the rid -> uid map that keeps uids stable",
	  "Keep person ids stable from run to run: read the previous run's map of record "
	  "keys to uids from file if it exists, and write the new one there (atomically) "
	  "when the run succeeds. A person whose records did not change keeps the uid; "
	  "when people merge, the oldest uid survives (of two as old, the one holding "
	  "more records); when one splits, the part with most of the old records keeps "
	  "it; new people get new uids. The state's people hold together unless a veto "
	  "now separates two of their records, so only new evidence moves a record: a "
	  "phone the family now shares does not take a nameless record away from its "
	  "person.",
	  OPT_STATE },
	{ "incremental", 0, no_argument, NULL,
	  "link new records against the --state without re-scoring old pairs",
	  "Link the input as new records against the records kept in the --state file: "
	  "the state's people stay as they were, only pairs with a new record are "
	  "compared, and the model estimated by the run that wrote the state is used "
	  "as it is. A new record that links two people merges them (the oldest uid "
	  "survives). A record whose key is in the state is taken as its new version. "
	  "The output holds the new records (with --profiles, every person), and the "
	  "state is rewritten with all of them.",
	  OPT_INCREMENTAL },
	{ "clk", 0, no_argument, NULL,
	  "compare the CLKs of file A with those of file B (Dice, --threshold default 0.8)",
	  "Compare two files of CLK Bloom filters (scrm-hash --clk), A and B: every pair "
	  "whose Dice coefficient is at least --threshold (default 0.8) is written as "
	  "{a, b, dice}, a and b being each row's id (its first member other than clk). "
	  "See CLK AND PSI.",
	  OPT_CLK },
	{ "intersect", 0, no_argument, NULL,
	  "PSI: write the rows of file A whose double-blinded psi is also in file B",
	  "Private set intersection, last step: A and B hold double-blinded psi values "
	  "(scrm-hash --psi-blind, then --psi-reblind by the other party). Writes A's rows "
	  "(without psi) whose value is also in B; --stats reports a, b and overlap. "
	  "See CLK AND PSI.",
	  OPT_INTERSECT },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

struct settings {
	struct model model;
	int model_loaded;
	const char *model_out;
	int profiles, pairs, link, one_to_one;
	double threshold;
	const char *state;
	int incremental;
	int clk, intersect;
};

static void on_option(int id, const char *arg, void *ud)
{
	struct settings *s = ud;
	switch (id) {
	case OPT_MODEL:
		model_load(&s->model, arg);
		break;
	case OPT_MODEL_OUT:
		s->model_out = arg;
		break;
	case OPT_PROFILES:
		s->profiles = 1;
		break;
	case OPT_PAIRS:
		s->pairs = 1;
		break;
	case OPT_LINK:
		s->link = 1;
		break;
	case OPT_ONE_TO_ONE:
		s->one_to_one = 1;
		break;
	case OPT_THRESHOLD:
		s->threshold = scrm_opt_double("--threshold", arg);
		if (s->threshold <= 0 || s->threshold >= 1)
			scrm_usage_error("--threshold: a probability between 0 and 1, got '%s'", arg);
		break;
	case OPT_STATE:
		s->state = arg;
		break;
	case OPT_INCREMENTAL:
		s->incremental = 1;
		break;
	case OPT_CLK:
		s->clk = 1;
		break;
	case OPT_INTERSECT:
		s->intersect = 1;
		break;
	}
}

static const struct scrm_tool tool = {
	"scrm-match",
	"Identity resolution: recognise each person and household across records of any "
	"sources (deterministic identifiers and Fellegi-Sunter scoring).",
	"[file ...]",
	match_options,
	on_option,
};

/* ---- gathering ---- */

struct gather {
	struct records *r;
	const struct scrm_common *opt;
	int link;
};

static void gather_record(scrm_run *run, sv *rec, void *ud)
{
	struct gather *g = ud;
	uint8_t dataset = 0;
	if (g->link && g->opt->nfiles > 0)
		dataset = !from_first_file(run, g->opt);
	records_add(g->r, rec, dataset);
}

static const struct scrm_record_ops gather_ops = { NULL, gather_record, NULL, NULL };

/* ---- --stats ---- */

struct report {
	struct pair_stats ps;
	struct cluster_stats cs;
	struct id_stats is;
	const struct model *m;
	size_t records, links, households;
	double load_s, cluster_s, total_s;
};

static struct report report;

static void stats_extra(strbuf *json, void *ud)
{
	struct report *rp = ud;
	/* scoring alone: every candidate compared, weighed and decided */
	double pairs_rate = rp->ps.score_seconds > 0 ? rp->ps.candidates / rp->ps.score_seconds : 0;
	sb_addf(json, ",\"records\":%zu,\"candidate_pairs\":%llu,\"pairs_per_second\":%.0f",
		rp->records, (unsigned long long)rp->ps.candidates, pairs_rate);
	sb_addf(json, ",\"links\":{\"deterministic\":%llu,\"probabilistic\":%llu,\"vetoed\":%llu}",
		(unsigned long long)rp->ps.deterministic, (unsigned long long)rp->ps.probabilistic,
		(unsigned long long)rp->ps.vetoed);
	sb_addf(json, ",\"skipped_blocks\":%llu,\"skipped_block_records\":%llu",
		(unsigned long long)rp->ps.skipped_blocks,
		(unsigned long long)rp->ps.skipped_records);
	sb_addf(json, ",\"em\":{\"pairs\":%llu,\"iterations\":%d,\"match_share\":%.6g,"
		"\"random_pair_prior\":%.6g}",
		(unsigned long long)rp->ps.em_pairs, rp->ps.em_iterations,
		rp->ps.candidate_prior, rp->m ? rp->m->random_prior : 0.0);
	sb_addf(json, ",\"people\":%llu,\"largest\":%llu,\"households\":%zu",
		(unsigned long long)rp->cs.clusters, (unsigned long long)rp->cs.largest,
		rp->households);
	sb_addf(json, ",\"refused\":{\"id_card\":%llu,\"size\":%llu,\"dataset\":%llu}",
		(unsigned long long)rp->cs.refused_idcard, (unsigned long long)rp->cs.refused_size,
		(unsigned long long)rp->cs.refused_dataset);
	sb_addf(json, ",\"clusters_checked\":%llu,\"clusters_split\":%llu,\"clusters_too_big\":%llu",
		(unsigned long long)rp->cs.checked, (unsigned long long)rp->cs.resplit,
		(unsigned long long)rp->cs.unchecked);
	sb_addf(json, ",\"uids\":{\"kept\":%llu,\"created\":%llu,\"merged\":%llu,\"split\":%llu}",
		(unsigned long long)rp->is.kept, (unsigned long long)rp->is.created,
		(unsigned long long)rp->is.merged, (unsigned long long)rp->is.split);
	sb_addf(json, ",\"phase_seconds\":{\"load\":%.3f,\"u\":%.3f,\"em\":%.3f,\"score\":%.3f,"
		"\"cluster\":%.3f}", rp->load_s, rp->ps.u_seconds, rp->ps.em_seconds,
		rp->ps.score_seconds, rp->cluster_s);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}


static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* The model a state was written with: m, u and the priors, used as they are. */
static void use_state_model(struct model *m, const sv *model, const char *path)
{
	const sv *cmps = sv_get(model, "comparisons");
	const sv *prior = sv_get(model, "prior"), *rp = sv_get(model, "random_prior");
	if (!cmps || cmps->type != SV_ARR || (int)cmps->len != m->ncmp || !prior || !rp ||
	    prior->type != SV_NUM || rp->type != SV_NUM)
		scrm_die(SCRM_EXIT_USAGE, "%s: the state was written with another model", path);
	for (int c = 0; c < m->ncmp; c++) {
		const sv *e = &cmps->u.items[c], *name = sv_get(e, "name");
		const sv *mv = sv_get(e, "m"), *uv = sv_get(e, "u");
		if (!name || name->type != SV_STR || strcmp(name->u.s, m->cmp[c].name) != 0 || !mv ||
		    !uv || mv->type != SV_ARR || uv->type != SV_ARR ||
		    (int)mv->len != m->cmp[c].nlevels || (int)uv->len != m->cmp[c].nlevels)
			scrm_die(SCRM_EXIT_USAGE, "%s: the state was written with another model", path);
		for (int l = 0; l < m->cmp[c].nlevels; l++) {
			m->cmp[c].m[l] = mv->u.items[l].u.num.d;
			m->cmp[c].u[l] = uv->u.items[l].u.num.d;
		}
	}
	m->prior = prior->u.num.d;
	m->random_prior = rp->u.num.d;
	m->trained = 1;
}

struct old_records {
	struct records *r;
	struct model *m;
	intern *uids;
	const char *path;
};

static void old_model(uint32_t runs, const sv *model, void *ud)
{
	struct old_records *o = ud;
	UNUSED(runs);
	if (model)
		use_state_model(o->m, model, o->path);
}

static const char *old_record(const struct state_entry *e, void *ud)
{
	struct old_records *o = ud;
	if (!e->record || e->record->type != SV_OBJ)
		return "expected a JSON object with key, uid, born and record";
	/* a record given again in the input is its new version */
	if (!intern_find(o->r->keys, e->key, e->key_len)) {
		records_add(o->r, e->record, 0);
		records_mark_old(o->r, intern_add(o->uids, e->uid, e->uid_len));
	}
	return NULL;
}

/* --incremental: the state's records join the new ones, already clustered. */
static void load_state_records(struct records *r, struct model *m, intern *uids, const char *path)
{
	static const struct state_reader rd = { old_model, old_record };
	struct old_records o = { r, m, uids, path };
	state_read(path, &rd, &o);
}

static struct settings settings;
static struct records records;

static void free_all(void *arg)
{
	UNUSED(arg);
	records_free(&records);
	model_free(&settings.model);
}

int main(int argc, char **argv)
{
	struct scrm_common opt;
	struct scrm_run_opts ro = { 0 };
	struct gather g;
	struct pair_opts po = { 0 };
	struct link *links = NULL;
	struct scorer *scorer = NULL;
	size_t nlinks = 0;
	uint32_t *cluster, *uid, *hid, *born = NULL, run_no = 0;
	intern *uids, *hids;
	scrm_run *run;
	double t;

	scrm_set_progname(argv[0]);
	scrm_install_signal_handlers();
	model_default(&settings.model);
	scrm_atexit(free_all, NULL);
	scrm_parse_options(&tool, argc, argv, &opt, &settings);
	if (settings.clk && settings.intersect)
		scrm_usage_error("--clk and --intersect are different runs: choose one");
	if (settings.intersect)
		match_intersect(&tool, &opt);
	if (settings.clk)
		match_clk(&tool, &opt, settings.threshold);
	if (settings.threshold > 0)
		settings.model.threshold = settings.threshold;
	if (settings.profiles + settings.pairs > 1)
		scrm_usage_error("--profiles and --pairs are different outputs: choose one");
	if (settings.link && opt.nfiles < 2)
		scrm_usage_error("--link needs two files or more: dataset A first, then B");
	if (settings.one_to_one && !settings.link)
		scrm_usage_error("--one-to-one goes with --link");
	if (settings.incremental && (!settings.state || !file_exists(settings.state)))
		scrm_usage_error("--incremental needs the --state file of an earlier run");
	if (settings.incremental && settings.link)
		scrm_usage_error("--incremental and --link do not go together");

	ro.serial = 1;
	ro.typed = 1;
	ro.stats_extra = stats_extra;
	ro.stats_ud = &report;
	report.m = &settings.model;
	run = scrm_run_open(&tool, &opt, &ro);
	records_init(&records, &settings.model);
	g.r = &records;
	g.opt = &opt;
	g.link = settings.link;
	t = now();
	scrm_run_stream(run, &gather_ops, &g);
	uids = intern_new();
	if (settings.incremental)
		load_state_records(&records, &settings.model, uids, settings.state);
	records_finish(&records);
	report.records = records.n;
	report.load_s = now() - t;

	po.link_mode = settings.link;
	po.pairs_out = settings.pairs ? scrm_writer(run) : NULL;
	find_links(&records, &settings.model, &po, &links, &nlinks, &report.ps, &scorer);
	report.links = nlinks;

	t = now();
	cluster = xmalloc((records.n ? records.n : 1) * sizeof(uint32_t));
	uid = xmalloc((records.n ? records.n : 1) * sizeof(uint32_t));
	hid = xmalloc((records.n ? records.n : 1) * sizeof(uint32_t));
	if (settings.state && !settings.incremental && file_exists(settings.state)) {
		state_uids(&records, settings.state, uids);
		sticky_links(&records, scorer, &links, &nlinks);
	}
	cluster_links(&records, links, nlinks, settings.model.max_cluster, settings.one_to_one,
		      cluster, &report.cs);
	if (!settings.one_to_one) {
		double ct = settings.model.cluster_threshold;
		refine_clusters(&records, scorer, (float)log2(ct / (1 - ct)), cluster, &report.cs);
	}
	scorer_release(scorer);
	hids = intern_new();
	assign_uids(&records, cluster, settings.state && file_exists(settings.state) ?
		    settings.state : NULL, uids, uid, &report.is, &born, &run_no);
	assign_hids(&records, cluster, hids, hid);
	report.households = intern_size(hids);
	report.cluster_s = now() - t;

	if (settings.pairs) {
		scrm_add_out(run, report.ps.written);
	} else if (settings.profiles) {
		write_profiles(scrm_writer(run), &records, cluster, uids, uid, hids, hid);
		scrm_add_out(run, report.cs.clusters);
	} else {
		scrm_add_out(run, write_linked(scrm_writer(run), &records, uids, uid, hids, hid));
	}
	if (settings.state)
		write_state(&records, &settings.model, uids, uid, born, run_no, settings.state);
	if (settings.model_out)
		model_write(&settings.model, settings.model_out);
	free(links);
	free(cluster);
	free(uid);
	free(hid);
	free(born);
	intern_free(uids);
	intern_free(hids);
	scrm_run_finish(run);
}
