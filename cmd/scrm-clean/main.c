/*
 * scrm-clean: raw exports of member, sales, service, e-commerce, IoT and
 * call-centre systems in; clean canonical customer records out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "date.h"
#include "error.h"
#include "map.h"
#include "options.h"
#include "run.h"
#include "schema.h"
#include "banned.h"

enum {
	OPT_MAP = 256, OPT_SOURCE, OPT_EVENT, OPT_REGION, OPT_KEEP_RAW, OPT_DROP_INVALID,
	OPT_DEDUPE, OPT_AS_OF, OPT_SYNONYMS
};

static const struct scrm_opt clean_options[] = {
	{ "map", 0, required_argument, "file",
	  "column mapping file (JSON): source, event, fields, drop",
	  "Read a column mapping from file, a JSON object: {\"source\": \"sales\", "
	  "\"event\": \"purchase\", \"fields\": {\"收货人\": \"name\", \"联系电话\": "
	  "\"phone\"}, \"drop\": [\"备注\"]}. Its fields override or extend the built-in "
	  "header synonyms (see --synonyms); dropped columns are not written. Column names "
	  "are compared after NFKC, case folding and removal of spaces, '_', '-' and '.'.",
	  OPT_MAP },
	{ "source", 0, required_argument, "name",
	  "source system name written to src (default: the map's, else the file name)",
	  "Write name to src in every record. Without it src comes from the map file, else "
	  "from a src column, else from the input file's name without directory and "
	  "extensions (stdin for standard input). The name also sets event when no event "
	  "is given: member and register sources give register, sales, order and shop give "
	  "purchase, service, ticket and repair give service, iot and device give device, "
	  "call gives call, web and app give online.",
	  OPT_SOURCE },
	{ "event", 0, required_argument, "type",
	  "event type: register, purchase, service, online, device or call", NULL,
	  OPT_EVENT },
	{ "region", 0, required_argument, "CC",
	  "country of phone numbers written without a country code (default CN)",
	  "Read phone numbers written without a country code as numbers of country CC "
	  "(ISO 3166 alpha-2, default CN). Numbers given with +CC or 00CC keep their own "
	  "country.",
	  OPT_REGION },
	{ "keep-raw", 0, no_argument, NULL,
	  "keep the original of every changed or removed value under raw",
	  "Keep the original text of every value the cleaning changed or removed in an "
	  "object raw (raw.phone, raw.birthdate, ...), so nothing of the source is lost.",
	  OPT_KEEP_RAW },
	{ "drop-invalid", 0, no_argument, NULL,
	  "reject records with no usable identifier",
	  "Send records that keep no usable identifier (id_card, phone, landline, email, "
	  "member_id, openid, device_id, serial or anon_id, not counting values flagged as "
	  "fake or junk) to the rejects stream with the reason \"no usable identifier\".",
	  OPT_DROP_INVALID },
	{ "dedupe", 0, no_argument, NULL,
	  "drop exact duplicates (after cleaning) to the rejects stream",
	  "Drop a record whose cleaned form equals an earlier one (the generated rid and raw "
	  "do not count). Dropped duplicates go to the rejects stream with the reason "
	  "\"duplicate\" and are counted under duplicates in --stats, not against "
	  "--max-rejects. Memory: 16 bytes per distinct record.",
	  OPT_DEDUPE },
	{ "as-of", 0, required_argument, "date",
	  "the date taken as today by the date checks (default: the current date)", NULL,
	  OPT_AS_OF },
	{ "synonyms", 0, no_argument, NULL,
	  "print the built-in header synonyms and exit", NULL, OPT_SYNONYMS },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

/* The idcard checks compare dates as yyyymmdd numbers. */
static int yyyymmdd(long days)
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	return y * 10000 + m * 100 + d;
}

static void on_option(int id, const char *arg, void *ud)
{
	struct clean_opts *o = ud;
	switch (id) {
	case OPT_MAP:
		map_load(o->map, arg);
		break;
	case OPT_SOURCE:
		if (!*arg)
			scrm_usage_error("--source: the name must not be empty");
		o->source = arg;
		break;
	case OPT_EVENT:
		if (strcmp(arg, "register") && strcmp(arg, "purchase") && strcmp(arg, "service") &&
		    strcmp(arg, "online") && strcmp(arg, "device") && strcmp(arg, "call"))
			scrm_usage_error("--event: expected register, purchase, service, online, "
					 "device or call, got '%s'", arg);
		o->event = arg;
		break;
	case OPT_REGION:
		if (strlen(arg) != 2)
			scrm_usage_error("--region: expected a two-letter country code, got '%s'", arg);
		o->region = arg;
		break;
	case OPT_KEEP_RAW:
		o->keep_raw = 1;
		break;
	case OPT_DROP_INVALID:
		o->drop_invalid = 1;
		break;
	case OPT_DEDUPE:
		o->dedupe = 1;
		break;
	case OPT_AS_OF:
		o->today = yyyymmdd(scrm_as_of(arg));
		break;
	case OPT_SYNONYMS:
		map_dump_synonyms();
		scrm_exit(SCRM_EXIT_OK);
	}
}

static const struct scrm_tool tool = {
	"scrm-clean",
	"Normalise and validate raw source rows (CSV, TSV or NDJSON, gzip or not) into "
	"canonical customer records.",
	"[file ...]",
	clean_options,
	on_option,
};

/* The CSV header: every field scrm-clean writes, so a rare one never misses it. */
static const char *const *output_columns(int keep_raw)
{
	static const char *cols[128];
	static char raw_names[64][32];
	size_t n = 0, nraw = 0;
	const char *last = "fault";
	for (int i = 0; schema_fields[i]; i++) {
		cols[n++] = schema_fields[i];
		if (strcmp(schema_fields[i], last) == 0)
			break;
	}
	cols[n++] = "_flags";
	for (int i = 0; keep_raw && schema_fields[i] && nraw < 64; i++) {
		snprintf(raw_names[nraw], sizeof(raw_names[nraw]), "raw.%s", schema_fields[i]);
		cols[n++] = raw_names[nraw++];
		if (strcmp(schema_fields[i], last) == 0)
			break;
	}
	cols[n] = NULL;
	return cols;
}

static const struct scrm_record_ops ops = {
	cleaner_worker_new, cleaner_record, cleaner_worker_finish, cleaner_committed,
};

static struct cleaner *cleaner;

/* An exit hook: what main holds, given back on every way out. */
static void free_all(void *arg)
{
	struct clean_opts *co = arg;
	cleaner_free(cleaner);
	map_free(co->map);
}


int main(int argc, char **argv)
{
	struct scrm_common opt;
	struct clean_opts co;
	struct scrm_run_opts ro = { 0 };
	scrm_run *run;

	scrm_set_progname(argv[0]);
	scrm_install_signal_handlers();
	memset(&co, 0, sizeof(co));
	co.map = map_new();
	scrm_atexit(free_all, &co);
	scrm_parse_options(&tool, argc, argv, &opt, &co);
	if (!co.today)
		co.today = yyyymmdd(scrm_today());
	cleaner = cleaner_new(&co);
	ro.columns = output_columns(co.keep_raw);
	ro.stats_extra = cleaner_stats;
	ro.stats_ud = cleaner;
	run = scrm_run_open(&tool, &opt, &ro);
	scrm_run_stream(run, &ops, cleaner);
	scrm_run_finish(run);
}
