/*
 * Person and household ids. A uid is opaque ("P" and 16 hex digits). With
 * no state it is derived from the key of the cluster's first record, so it
 * stays while that record stays with its person. With --state the previous
 * run's rid -> uid map decides: a cluster keeps the uid its records had;
 * when clusters merge, the oldest uid (created in the earliest run)
 * survives, of two as old the one with more of the records; when one splits, the part with most of its records keeps it
 * and the others get new uids.
 */
#include "match.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "io.h"
#include "reader.h"
#include "writer.h"
#include "util.h"
#include "banned.h"

struct old_id {
	uint32_t uid;		/* id in the uids table */
	uint32_t born;		/* the run that created it */
};

struct state {
	uint32_t run;		/* runs recorded so far */
	struct old_id *by_key;	/* indexed by record key id */
	uint32_t *born;		/* per uid id */
	size_t nborn;
};

static void make_uid(char *buf, size_t size, const char *seed, unsigned salt)
{
	uint64_t h = hash64(seed, strlen(seed), 0x756964 + salt);
	snprintf(buf, size, "P%016llx", (unsigned long long)h);
}

static void note_born(struct state *s, uint32_t uid, uint32_t born)
{
	if (uid >= s->nborn) {
		size_t n = s->nborn ? s->nborn : 64;
		while (n <= uid)
			n *= 2;
		s->born = xrealloc(s->born, n * sizeof(*s->born));
		memset(s->born + s->nborn, 0xff, (n - s->nborn) * sizeof(*s->born));
		s->nborn = n;
	}
	if (s->born[uid] == UINT32_MAX || born < s->born[uid])
		s->born[uid] = born;
}

/* One line of a state file: {"key": ..., "uid": ..., "born": N, "record": {...}}. */
int state_line(struct json_parser *jp, arena *a, const char *line, size_t len, struct state_entry *e)
{
	sv v;
	const sv *k, *u, *b;
	if (json_parse_record(jp, line, len, a, &v) < 0)
		return -1;
	k = sv_get(&v, "key");
	u = sv_get(&v, "uid");
	b = sv_get(&v, "born");
	if (!k || k->type != SV_STR || !u || u->type != SV_STR || !b || b->type != SV_NUM)
		return -1;
	e->key = k->u.s;
	e->key_len = k->len;
	e->uid = u->u.s;
	e->uid_len = u->len;
	e->born = (uint32_t)b->u.num.d;
	e->record = sv_get(&v, "record");
	return 0;
}

/* The header line: {"state": "scrm-match", "version": 2, "runs": N, "model": {...}}. */
int state_header(struct json_parser *jp, arena *a, const char *line, size_t len, uint32_t *runs,
		 const sv **model)
{
	sv v;
	const sv *st, *n;
	if (json_parse_record(jp, line, len, a, &v) < 0)
		return -1;
	st = sv_get(&v, "state");
	n = sv_get(&v, "runs");
	if (!st || st->type != SV_STR || strcmp(st->u.s, "scrm-match") != 0 || !n ||
	    n->type != SV_NUM)
		return -1;
	*runs = (uint32_t)n->u.num.d;
	*model = sv_get(&v, "model");
	return 0;
}

void state_read(const char *path, const struct state_reader *rd, void *ud)
{
	input *in = in_open(path);
	struct json_parser jp = { 0 };
	arena *a = arena_new();
	const char *line;
	size_t len;
	enum in_status st;
	while ((st = in_getline(in, &line, &len)) != IN_EOF) {
		struct state_entry e;
		const char *why;
		if (st == IN_TOO_LONG)
			scrm_die_at(SCRM_EXIT_DATA, path, in_lineno(in), "line too long");
		if (in_lineno(in) == 1) {
			uint32_t runs;
			const sv *model = NULL;
			if (state_header(&jp, a, line, len, &runs, &model) < 0)
				scrm_die_at(SCRM_EXIT_DATA, path, 1, "not a scrm-match state file");
			if (rd->header)
				rd->header(runs, model, ud);
		} else if (state_line(&jp, a, line, len, &e) < 0) {
			scrm_die_at(SCRM_EXIT_DATA, path, in_lineno(in),
				    "expected a JSON object with key, uid and born");
		} else if ((why = rd->entry(&e, ud)) != NULL) {
			scrm_die_at(SCRM_EXIT_DATA, path, in_lineno(in), "%s", why);
		}
		arena_reset(a);
	}
	json_parser_release(&jp);
	arena_free(a);
	in_close(in);
}

struct uid_reading {
	const struct records *r;
	intern *uids;
	struct state *s;
};

static void state_run(uint32_t runs, const sv *model, void *ud)
{
	struct uid_reading *u = ud;
	UNUSED(model);
	u->s->run = runs;
}

static const char *state_uid(const struct state_entry *e, void *ud)
{
	struct uid_reading *u = ud;
	uint32_t uid = intern_add(u->uids, e->uid, e->uid_len), key;
	note_born(u->s, uid, e->born);
	/* records no longer in the input are forgotten */
	key = intern_find(u->r->keys, e->key, e->key_len);
	if (key) {
		u->s->by_key[key].uid = uid;
		u->s->by_key[key].born = e->born;
	}
	return NULL;
}

static void read_state(const char *path, const struct records *r, intern *uids, struct state *s)
{
	static const struct state_reader rd = { state_run, state_uid };
	struct uid_reading u = { r, uids, s };
	state_read(path, &rd, &u);
}

void state_uids(struct records *r, const char *path, intern *uids)
{
	struct state s = { 0 };
	s.by_key = xcalloc(intern_size(r->keys) + 1, sizeof(*s.by_key));
	read_state(path, r, uids, &s);
	for (size_t i = 0; i < r->n; i++)
		r->old_uid[i] = s.by_key[r->key[i]].uid;
	free(s.by_key);
	free(s.born);
}

/* The records of each cluster, cluster by cluster (first record order). */
static void group_clusters(const struct records *r, const uint32_t *cluster, uint32_t **start,
			   uint32_t **members, size_t *nclusters)
{
	uint32_t *count = xcalloc(r->n + 1, sizeof(uint32_t));
	size_t nc = 0;
	*start = xmalloc((r->n + 1) * sizeof(uint32_t));
	*members = xmalloc((r->n ? r->n : 1) * sizeof(uint32_t));
	for (size_t i = 0; i < r->n; i++)
		count[cluster[i]]++;
	/* clusters are named by their first record: number them in that order */
	uint32_t *slot = xmalloc((r->n ? r->n : 1) * sizeof(uint32_t));
	uint32_t pos = 0;
	for (size_t i = 0; i < r->n; i++)
		if (cluster[i] == i) {
			(*start)[nc] = pos;
			slot[i] = pos;
			pos += count[i];
			nc++;
		}
	(*start)[nc] = pos;
	for (size_t i = 0; i < r->n; i++)
		(*members)[slot[cluster[i]]++] = (uint32_t)i;
	*nclusters = nc;
	free(slot);
	free(count);
}

static uint32_t fresh_uid(const struct records *r, uint32_t first, intern *uids)
{
	char buf[24];
	const char *seed = intern_str(r->keys, r->key[first]);
	for (unsigned salt = 0;; salt++) {
		make_uid(buf, sizeof(buf), seed, salt);
		if (!intern_find(uids, buf, strlen(buf)))
			return intern_add(uids, buf, strlen(buf));
	}
}

void assign_uids(const struct records *r, const uint32_t *cluster, const char *state_in,
		 intern *uids, uint32_t *uid, struct id_stats *st, uint32_t **born_out,
		 uint32_t *run_out)
{
	struct state s = { 0 };
	uint32_t *start, *members, *claim, *claims_best;
	size_t nc;
	memset(st, 0, sizeof(*st));
	s.by_key = xcalloc(intern_size(r->keys) + 1, sizeof(*s.by_key));
	if (state_in)
		read_state(state_in, r, uids, &s);
	group_clusters(r, cluster, &start, &members, &nc);

	/* each cluster claims the oldest uid among its records */
	claim = xcalloc(nc + 1, sizeof(uint32_t));
	claims_best = xcalloc(intern_size(uids) + 2, sizeof(uint32_t));	/* uid -> records + 1 */
	uint32_t *owner = xcalloc(intern_size(uids) + 2, sizeof(uint32_t));
	for (size_t k = 0; k < nc; k++) {
		uint32_t best = 0, distinct = 0, held = 0;
		for (uint32_t j = start[k]; j < start[k + 1]; j++) {
			uint32_t u = s.by_key[r->key[members[j]]].uid, count = 0, jj;
			if (!u)
				continue;
			/* each old uid once, with the records it holds here */
			for (jj = start[k]; jj < j; jj++)
				if (s.by_key[r->key[members[jj]]].uid == u)
					break;
			if (jj < j)
				continue;
			distinct++;
			for (jj = j; jj < start[k + 1]; jj++)
				count += s.by_key[r->key[members[jj]]].uid == u;
			if (!best || s.born[u] < s.born[best] ||
			    (s.born[u] == s.born[best] &&
			     (count > held || (count == held &&
					       strcmp(intern_str(uids, u), intern_str(uids, best)) < 0)))) {
				best = u;
				held = count;
			}
		}
		/* the old uids that meet here besides the one kept: merged */
		if (distinct)
			distinct--;
		st->merged += distinct;
		claim[k] = best;
		if (best && held + 1 > claims_best[best]) {
			claims_best[best] = held + 1;
			owner[best] = (uint32_t)k + 1;
		}
	}
	for (size_t k = 0; k < nc; k++) {
		uint32_t u = claim[k];
		if (u && owner[u] == k + 1) {
			st->kept++;
		} else {
			if (u)
				st->split++;
			u = fresh_uid(r, members[start[k]], uids);
			st->created++;
		}
		for (uint32_t j = start[k]; j < start[k + 1]; j++)
			uid[members[j]] = u;
	}
	free(owner);
	free(claims_best);
	free(claim);
	free(start);
	free(members);
	free(s.by_key);
	/* uids created now belong to this run */
	*run_out = s.run + 1;
	for (uint32_t u = 1; u <= intern_size(uids); u++)
		if (u >= s.nborn || s.born[u] == UINT32_MAX)
			note_born(&s, u, *run_out);
	*born_out = s.born;
}

void write_state(const struct records *r, const struct model *m, const intern *uids,
		 const uint32_t *uid, const uint32_t *born, uint32_t run, const char *path)
{
	output *o = out_open(path, -1, 0);
	strbuf line = STRBUF_INIT;
	char num[40];
	/* the header keeps the estimated model, so an incremental run need not train again */
	sb_addf(&line, "{\"state\":\"scrm-match\",\"version\":2,\"runs\":%u,\"model\":{", run);
	sb_adds(&line, "\"prior\":");
	sb_add(&line, num, format_double(m->prior, num, sizeof(num)));
	sb_adds(&line, ",\"random_prior\":");
	sb_add(&line, num, format_double(m->random_prior, num, sizeof(num)));
	sb_adds(&line, ",\"comparisons\":[");
	for (int c = 0; c < m->ncmp; c++) {
		sb_adds(&line, c ? ",{\"name\":" : "{\"name\":");
		json_write_string(&line, m->cmp[c].name, strlen(m->cmp[c].name));
		for (int mu = 0; mu < 2; mu++) {
			sb_adds(&line, mu ? ",\"u\":[" : ",\"m\":[");
			for (int l = 0; l < m->cmp[c].nlevels; l++) {
				if (l)
					sb_addc(&line, ',');
				sb_add(&line, num, format_double(mu ? m->cmp[c].u[l] : m->cmp[c].m[l],
								 num, sizeof(num)));
			}
			sb_addc(&line, ']');
		}
		sb_addc(&line, '}');
	}
	sb_adds(&line, "]}}\n");
	out_write(o, line.buf, line.len);
	for (size_t i = 0; i < r->n; i++) {
		size_t len;
		const char *text = records_text(r, i, &len);
		sb_reset(&line);
		sb_adds(&line, "{\"key\":");
		json_write_string(&line, intern_str(r->keys, r->key[i]), intern_len(r->keys, r->key[i]));
		sb_adds(&line, ",\"uid\":");
		json_write_string(&line, intern_str(uids, uid[i]), intern_len(uids, uid[i]));
		sb_addf(&line, ",\"born\":%u,\"record\":", born[uid[i]]);
		sb_add(&line, text, len);
		sb_adds(&line, "}\n");
		out_write(o, line.buf, line.len);
	}
	sb_release(&line);
	out_close(o, 1);
}

/*
 * Households. Each person is placed at one home: the flat of their most
 * recent record that names one (building and room), else their most recent
 * address. People at one home are one household. hid is "H" and a hash of
 * the home's key, so it depends on the home, not on the run.
 */
static int later_home(const struct records *r, size_t i, uint32_t best)
{
	if (best == UINT32_MAX)
		return 1;
	if (r->flat[i] != r->flat[best])
		return r->flat[i] > r->flat[best];	/* a flat beats a bare address */
	return r->date[i] >= r->date[best];
}

void assign_hids(const struct records *r, const uint32_t *cluster, intern *hids, uint32_t *hid)
{
	uint32_t *home = xmalloc((r->n ? r->n : 1) * sizeof(uint32_t));	/* person -> record */
	for (size_t i = 0; i < r->n; i++)
		home[i] = UINT32_MAX;
	for (size_t i = 0; i < r->n; i++)
		if (r->house[i] && later_home(r, i, home[cluster[i]]))
			home[cluster[i]] = (uint32_t)i;
	for (size_t i = 0; i < r->n; i++) {
		uint32_t h = home[cluster[i]];
		char buf[24];
		const char *key;
		if (h == UINT32_MAX) {
			hid[i] = 0;
			continue;
		}
		key = intern_str(r->houses, r->house[h]);
		snprintf(buf, sizeof(buf), "H%016llx",
			 (unsigned long long)hash64(key, strlen(key), 0x686964));
		hid[i] = intern_add(hids, buf, strlen(buf));
	}
	free(home);
}
