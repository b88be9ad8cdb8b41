/*
 * Persona rules (seg.h): an ordered list of {id, name, when}; the first
 * persona whose condition holds wins; one without "when" matches all.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "error.h"
#include "seg.h"
#include "banned.h"

static void check_keys(const char *file, const char *what, json_t *o, const char *allowed)
{
	const char *key = conf_unknown_key(o, allowed);
	if (key)
		scrm_die(SCRM_EXIT_USAGE, "%s: %s: unknown key \"%s\" (expected%s)", file, what, key,
			 allowed);
}

void seg_personas_load(struct seg_personas *ps, const char *path)
{
	json_t *root, *list;
	const char *file = path ? path : "default personas";
	memset(ps, 0, sizeof(*ps));
	if (path) {
		root = conf_load(path);
	} else {
		root = conf_load_text("default personas", scrm_default_personas_json,
				      strlen(scrm_default_personas_json));
	}
	ps->path = xstrdup(file);
	if (!json_is_object(root))
		scrm_die(SCRM_EXIT_USAGE, "%s: expected an object with a \"personas\" array", file);
	check_keys(file, "top level", root, " personas description ");
	list = json_object_get(root, "personas");
	if (!json_is_array(list) || json_array_size(list) == 0)
		scrm_die(SCRM_EXIT_USAGE, "%s: \"personas\" must be a non-empty array", file);
	ps->n = json_array_size(list);
	ps->p = xcalloc(ps->n, sizeof(*ps->p));
	for (size_t i = 0; i < ps->n; i++) {
		json_t *o = json_array_get(list, i), *id, *name, *when;
		struct seg_persona *p = &ps->p[i];
		char what[64];
		snprintf(what, sizeof(what), "personas[%zu]", i);
		if (!json_is_object(o))
			scrm_die(SCRM_EXIT_USAGE, "%s: %s: expected an object {id, name, when}", file,
				 what);
		check_keys(file, what, o, " id name when description ");
		id = json_object_get(o, "id");
		name = json_object_get(o, "name");
		when = json_object_get(o, "when");
		if (!id && !name)
			scrm_die(SCRM_EXIT_USAGE, "%s: %s: needs an id or a name", file, what);
		if ((id && (!json_is_string(id) || !*json_string_value(id))) ||
		    (name && (!json_is_string(name) || !*json_string_value(name))))
			scrm_die(SCRM_EXIT_USAGE, "%s: %s: id and name must be non-empty strings",
				 file, what);
		p->id = xstrdup(json_string_value(id ? id : name));
		p->name = xstrdup(json_string_value(name ? name : id));
		for (size_t k = 0; k < i; k++)
			if (strcmp(ps->p[k].id, p->id) == 0)
				scrm_die(SCRM_EXIT_USAGE, "%s: %s: a second persona \"%s\"", file, what,
					 p->id);
		if (when && !json_is_string(when))
			scrm_die(SCRM_EXIT_USAGE, "%s: %s: \"when\" must be an expression string",
				 file, what);
		if (i > 0 && !ps->p[i - 1].when)
			scrm_die(SCRM_EXIT_USAGE,
				 "%s: %s: unreachable: persona \"%s\" before it has no \"when\" and "
				 "takes every record", file, what, ps->p[i - 1].id);
		if (when) {
			char label[200];
			p->when_src = xstrdup(json_string_value(when));
			snprintf(label, sizeof(label), "%s: persona \"%s\"", file, p->id);
			p->when = expr_compile_or_die(label, p->when_src);
		}
	}
	json_decref(root);
}

void seg_personas_free(struct seg_personas *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->p[i].id);
		free(ps->p[i].name);
		free(ps->p[i].when_src);
		expr_free(ps->p[i].when);
	}
	free(ps->p);
	free(ps->path);
	memset(ps, 0, sizeof(*ps));
}

int seg_personas_match(const struct seg_personas *ps, const sv *rec, struct expr_ctx *ctx)
{
	for (size_t i = 0; i < ps->n; i++)
		if (!ps->p[i].when || expr_test(ps->p[i].when, rec, ctx))
			return (int)i;
	return -1;
}
