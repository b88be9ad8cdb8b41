/*
 * Person and household ids. A uid is opaque ("P" and 16 hex digits). With
 * no state it is derived from the key of the cluster's first record, so it
 * stays while that record stays with its person. With --state the previous
 * run's rid -> uid map decides: a cluster keeps the uid its records had;
 * when clusters merge, the oldest uid (created in the earliest run)
 * survives; when one splits, the part with most of its records keeps it
 * and the others get new uids.
 */
#include "match.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "io.h"
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

/* Reads "key<TAB>uid<TAB>born" lines after a "#scrm-match state<TAB>runs=N" header. */
static void read_state(const char *path, const struct records *r, intern *uids, struct state *s)
{
	input *in = in_open(path);
	const char *line;
	size_t len;
	enum in_status st;
	while ((st = in_getline(in, &line, &len)) != IN_EOF) {
		const char *t1, *t2;
		char *end;
		uint32_t key, uid;
		unsigned long born;
		if (st == IN_TOO_LONG)
			scrm_die_at(SCRM_EXIT_DATA, path, in_lineno(in), "line too long");
		if (in_lineno(in) == 1) {
			const char *runs = len > 22 ? strstr(line, "runs=") : NULL;
			if (len < 18 || memcmp(line, "#scrm-match state", 17) != 0 || !runs)
				scrm_die_at(SCRM_EXIT_DATA, path, 1, "not a scrm-match state file");
			s->run = (uint32_t)strtoul(runs + 5, NULL, 10);
			continue;
		}
		t1 = memchr(line, '\t', len);
		t2 = t1 ? memchr(t1 + 1, '\t', len - (size_t)(t1 + 1 - line)) : NULL;
		if (!t2)
			scrm_die_at(SCRM_EXIT_DATA, path, in_lineno(in), "expected key, uid and run");
		born = strtoul(t2 + 1, &end, 10);
		if (end != line + len)
			scrm_die_at(SCRM_EXIT_DATA, path, in_lineno(in), "bad run number");
		uid = intern_add(uids, t1 + 1, (size_t)(t2 - t1 - 1));
		note_born(s, uid, (uint32_t)born);
		/* records no longer in the input are forgotten */
		key = intern_find(r->keys, line, (size_t)(t1 - line));
		if (key) {
			s->by_key[key].uid = uid;
			s->by_key[key].born = (uint32_t)born;
		}
	}
	in_close(in);
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
		uint32_t best = 0, distinct = 0;
		for (uint32_t j = start[k]; j < start[k + 1]; j++) {
			struct old_id *o = &s.by_key[r->key[members[j]]];
			if (!o->uid)
				continue;
			if (!best || s.born[o->uid] < s.born[best] ||
			    (s.born[o->uid] == s.born[best] &&
			     strcmp(intern_str(uids, o->uid), intern_str(uids, best)) < 0))
				best = o->uid;
		}
		/* how many old uids meet here (a merge), and how many records hold the claimed one */
		uint32_t held = 0;
		for (uint32_t j = start[k]; j < start[k + 1]; j++) {
			uint32_t u = s.by_key[r->key[members[j]]].uid;
			if (u == best && best)
				held++;
			if (u && u != best) {
				uint32_t jj;
				for (jj = start[k]; jj < j; jj++)
					if (s.by_key[r->key[members[jj]]].uid == u)
						break;
				if (jj == j)
					distinct++;
			}
		}
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

void write_state(const struct records *r, const intern *uids, const uint32_t *uid,
		 const uint32_t *born, uint32_t run, const char *path)
{
	output *o = out_open(path, 0, 0);
	strbuf line = STRBUF_INIT;
	sb_addf(&line, "#scrm-match state\truns=%u\n", run);
	out_write(o, line.buf, line.len);
	for (size_t i = 0; i < r->n; i++) {
		sb_reset(&line);
		sb_add(&line, intern_str(r->keys, r->key[i]), intern_len(r->keys, r->key[i]));
		sb_addc(&line, '\t');
		sb_add(&line, intern_str(uids, uid[i]), intern_len(uids, uid[i]));
		sb_addf(&line, "\t%u\n", born[uid[i]]);
		out_write(o, line.buf, line.len);
	}
	sb_release(&line);
	out_close(o, 1);
}

/* A person's household: the address of their most recent record that has one. */
void assign_hids(const struct records *r, const uint32_t *cluster, intern *hids, uint32_t *hid)
{
	uint32_t *best = xmalloc((r->n ? r->n : 1) * sizeof(uint32_t));
	for (size_t i = 0; i < r->n; i++)
		best[i] = UINT32_MAX;
	for (size_t i = 0; i < r->n; i++) {
		uint32_t c = cluster[i], b = best[c];
		if (!r->house[i])
			continue;
		/* later date wins; no date loses to a date; on a tie the later record */
		if (b == UINT32_MAX || r->date[i] >= r->date[b])
			best[c] = (uint32_t)i;
	}
	for (size_t i = 0; i < r->n; i++) {
		uint32_t b = best[cluster[i]];
		char buf[24];
		if (b == UINT32_MAX) {
			hid[i] = 0;
			continue;
		}
		const char *key = intern_str(r->houses, r->house[b]);
		snprintf(buf, sizeof(buf), "H%016llx",
			 (unsigned long long)hash64(key, strlen(key), 0x686964));
		hid[i] = intern_add(hids, buf, strlen(buf));
	}
	free(best);
}
