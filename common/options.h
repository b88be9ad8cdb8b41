#ifndef SCRM_OPTIONS_H
#define SCRM_OPTIONS_H
/*
 * Command-line options. Each option is described once, in a table: the
 * getopt_long parser, --help, the usage line and the man page's SYNOPSIS
 * and OPTIONS sections (scripts/gen-man.sh, through the hidden
 * --dump-options) all come from it. The options every tool shares live
 * here; a tool adds its own table.
 */
#include <getopt.h>
#include <stddef.h>

struct scrm_opt {
	const char *name;	/* long name */
	int short_name;		/* 0 when there is none */
	int has_arg;		/* no_argument, required_argument, optional_argument */
	const char *arg;	/* argument name: "file", "N|P%" */
	const char *help;	/* one line for --help */
	const char *doc;	/* man page text; NULL: the help line */
	int id;			/* passed to the tool's handler; >= 256 */
};

struct scrm_tool {
	const char *name;	/* "scrm-clean" */
	const char *purpose;	/* one line: what the tool does */
	const char *operands;	/* "[file ...]" */
	const struct scrm_opt *opts;	/* the tool's own, ended by { NULL } */
	/* Handles one of the tool's options; exits 2 through scrm_usage_error(). */
	void (*on_option)(int id, const char *arg, void *ud);
};

enum { PROGRESS_OFF, PROGRESS_TTY, PROGRESS_ALWAYS };

struct scrm_common {
	int in_format;		/* enum rd_format */
	int out_format;
	const char *output;	/* NULL: stdout */
	int gzip;		/* -1: from the output name */
	int quote_all;
	const char *rejects;
	int stats;
	const char *stats_file;	/* NULL: stderr */
	int strict;
	long max_rejects;	/* -1: no limit */
	double max_rejects_pct;	/* < 0: no limit */
	int progress;
	int unbuffered;
	int threads;		/* 0: the number of CPUs */
	char **files;		/* operands */
	int nfiles;
};

/* Parses argv; handles --help, --version and the shared options itself. */
void scrm_parse_options(const struct scrm_tool *tool, int argc, char **argv,
			struct scrm_common *c, void *ud);

/*
 * --as-of DATE: the day taken as today, in days since 1970-01-01 (a full
 * date is needed; usage error otherwise). scrm_today(): the local date.
 */
long scrm_as_of(const char *arg);
long scrm_today(void);

/* Prints "tool: message" and the usage line to stderr, exits 2. */
void scrm_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Option argument helpers: exit 2 with a message naming the option. */
long scrm_opt_long(const char *opt, const char *arg, long min, long max);
double scrm_opt_double(const char *opt, const char *arg);

#define SCRM_VERSION "0.1.0"

#endif
