#ifndef SCRM_ERROR_H
#define SCRM_ERROR_H
/*
 * Messages and exit status, the same for every tool (DESIGN.md):
 * "scrm-clean: sales.csv:1043: unterminated quoted field". Messages name
 * files, lines, columns and rules, never the personal data in a record.
 */

enum scrm_exit {
	SCRM_EXIT_OK = 0,
	SCRM_EXIT_DATA = 1,	/* --strict, --max-rejects, corrupt input */
	SCRM_EXIT_USAGE = 2,	/* bad option, rules file, expression */
	SCRM_EXIT_IO = 3	/* cannot open, read or write */
};

extern const char *scrm_progname;

void scrm_set_progname(const char *argv0);

void scrm_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void scrm_die_at(int status, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));
void scrm_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void scrm_warn_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Exit hooks run (last registered first) before any exit through
 * scrm_exit() or scrm_die(): they remove unfinished output files.
 */
void scrm_atexit(void (*fn)(void *), void *arg);
void scrm_atexit_remove(void (*fn)(void *), void *arg);
void scrm_exit(int status) __attribute__((noreturn));

/*
 * Paths unlinked if a signal (INT, TERM, HUP) ends the process, so no
 * partial output file is left behind. The string must stay valid.
 */
void scrm_signal_unlink_add(const char *path);
void scrm_signal_unlink_remove(const char *path);
void scrm_install_signal_handlers(void);

#endif
