#include "conf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "banned.h"

static void bad_json(const char *name, const json_error_t *err)
{
	if (err->line < 1)
		scrm_die(SCRM_EXIT_USAGE, "%s: bad JSON: %s", name, err->text);
	scrm_die_at(SCRM_EXIT_USAGE, name, err->line, "bad JSON at column %d: %s", err->column,
		    err->text);
}

json_t *conf_load(const char *path)
{
	json_error_t err;
	json_t *root;
	if (access(path, R_OK) != 0)
		scrm_die(SCRM_EXIT_IO, "cannot open '%s': %s", path, strerror(errno));
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (!root)
		bad_json(path, &err);
	return root;
}

json_t *conf_load_text(const char *name, const char *text, size_t len)
{
	json_error_t err;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (!root)
		bad_json(name, &err);
	return root;
}

const char *conf_unknown_key(json_t *obj, const char *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		const char *p = allowed;
		size_t n = strlen(key);
		int found = 0;
		while (!found && (p = strstr(p, key)) != NULL) {
			found = (p == allowed || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0');
			p += n ? n : 1;
		}
		if (!found || n == 0)
			return key;
	}
	return NULL;
}
