#include "error.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "banned.h"

const char *scrm_progname = "scrm";

void scrm_set_progname(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
	if (argv0 && *argv0)
		scrm_progname = slash ? slash + 1 : argv0;
}

static void vreport(const char *file, long line, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	fflush(stdout);
	if (file && line > 0)
		fprintf(stderr, "%s: %s:%ld: %s\n", scrm_progname, file, line, msg);
	else if (file)
		fprintf(stderr, "%s: %s: %s\n", scrm_progname, file, msg);
	else
		fprintf(stderr, "%s: %s\n", scrm_progname, msg);
}

void scrm_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(NULL, 0, fmt, ap);
	va_end(ap);
}

void scrm_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
}

void scrm_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(NULL, 0, fmt, ap);
	va_end(ap);
	scrm_exit(status);
}

void scrm_die_at(int status, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
	scrm_exit(status);
}

struct hook {
	void (*fn)(void *);
	void *arg;
};
static struct hook hooks[16];
static int nhooks;

void scrm_atexit(void (*fn)(void *), void *arg)
{
	if (nhooks < (int)(sizeof(hooks) / sizeof(hooks[0])))
		hooks[nhooks++] = (struct hook){ fn, arg };
}

void scrm_atexit_remove(void (*fn)(void *), void *arg)
{
	for (int i = 0; i < nhooks; i++)
		if (hooks[i].fn == fn && hooks[i].arg == arg) {
			memmove(&hooks[i], &hooks[i + 1], (size_t)(nhooks - i - 1) * sizeof(hooks[0]));
			nhooks--;
			return;
		}
}

void scrm_exit(int status)
{
	while (nhooks > 0) {
		struct hook h = hooks[--nhooks];
		h.fn(h.arg);
	}
	exit(status);
}

/* Async-signal-safe list of temporary files to remove on a fatal signal. */
static const char *volatile unlink_paths[16];

void scrm_signal_unlink_add(const char *path)
{
	for (size_t i = 0; i < sizeof(unlink_paths) / sizeof(unlink_paths[0]); i++)
		if (!unlink_paths[i]) {
			unlink_paths[i] = path;
			return;
		}
}

void scrm_signal_unlink_remove(const char *path)
{
	for (size_t i = 0; i < sizeof(unlink_paths) / sizeof(unlink_paths[0]); i++)
		if (unlink_paths[i] == path)
			unlink_paths[i] = NULL;
}

static void on_fatal_signal(int sig)
{
	for (size_t i = 0; i < sizeof(unlink_paths) / sizeof(unlink_paths[0]); i++)
		if (unlink_paths[i])
			unlink(unlink_paths[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void scrm_install_signal_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
	/* A closed pipe is reported as EPIPE by write() and handled there. */
	signal(SIGPIPE, SIG_IGN);
}
