#ifndef SCRM_TAG_RULES_H
#define SCRM_TAG_RULES_H
/*
 * The tag tree of scrm-tag: a flat list of nodes whose ids are their
 * paths ("demographic/age_band/25-34"), loaded from one or more JSON rules
 * files, validated, compiled once and evaluated per record.
 *
 * Semantics (man/scrm-tag.1, RULES FILE):
 *   - a node with "when" is tagged when its condition holds and its
 *     nearest ancestor with a "when" is tagged: a condition gates its
 *     subtree, whose nodes are then not evaluated at all;
 *   - a node without "when" is a group: never a tag itself, gates nothing;
 *   - "exclusive": true keeps, among the node's direct children, only the
 *     first (in declaration order) that contributes a tag (a node with
 *     "when": itself; a group: any tag below it); later children are not
 *     evaluated;
 *   - a parent path that is not declared is created as an implicit group;
 *   - a later file may redeclare a node of an earlier one: it replaces
 *     its name, when and exclusive in place; within one file an id is
 *     declared once.
 */
#include <stddef.h>

#include "expr.h"
#include "value.h"

struct tag_node {
	char *id;
	size_t idlen;
	char *name;		/* display name; NULL: none given */
	char *when_src;		/* NULL: a group */
	expr *when;
	int exclusive;
	int parent;		/* -1: a root */
	int *kids;
	size_t nkids, kids_cap;
	int decl_load;		/* the load that declared it; -1: implicit */
	int rank;		/* position in bytewise id order */
};

struct tag_rules {
	struct tag_node *nodes;
	size_t n, cap;
	int *roots;
	size_t nroots, roots_cap;
	int *slots;		/* open-addressing index of ids: node + 1, 0 empty */
	size_t nslots;
	int loads;		/* files loaded so far */
	int *by_rank;		/* node of each rank */
};

void rules_init(struct tag_rules *r);
void rules_free(struct tag_rules *r);

/* Loads a rules file ("default": the embedded taxonomy); exits 2 on errors. */
void rules_load(struct tag_rules *r, const char *path);
/* Loads rules from text; name is used in messages. */
void rules_load_text(struct tag_rules *r, const char *name, const char *text, size_t len);
/* Call once all files are loaded: ranks the ids. */
void rules_finish(struct tag_rules *r);

/* Nodes with a "when" (the possible tags). */
size_t rules_count_tags(const struct tag_rules *r);

/*
 * Evaluates the tree on rec; the nodes tagged go to out (room for r->n),
 * in bytewise id order. Returns how many.
 */
size_t rules_eval(const struct tag_rules *r, const sv *rec, struct expr_ctx *ctx, int *out);

extern const char scrm_default_tags_json[];

#endif
