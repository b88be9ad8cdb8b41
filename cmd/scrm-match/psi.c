/*
 * scrm-match --intersect A B: the last step of the ECDH private set
 * intersection (scrm-hash --psi-blind / --psi-reblind). Both files hold
 * double-blinded values a*b*H(id) in their psi member; equal values are
 * the same identifier. A's rows (its row ids, without psi) whose value
 * is also in B are written in A's order; --stats reports the counts.
 * Memory: 32 bytes and the row id per record of A; B streams through.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "match.h"
#include "run.h"
#include "writer.h"
#include "banned.h"

struct psi_side {
	const struct scrm_common *opt;
	arena *keep;		/* A's rows, kept for the output */
	unsigned char (*val)[32];
	sv *row;
	uint8_t *hit;
	uint32_t *next;		/* chain of equal hash slots */
	uint32_t *table;	/* slot -> index + 1 */
	size_t n, cap, tsize;
	uint64_t nb, b_matched, overlap, bad;
};

static int unhex32(const char *s, size_t len, unsigned char out[32])
{
	if (len != 64)
		return -1;
	for (size_t i = 0; i < 32; i++) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char c = s[2 * i + (size_t)k];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0)
				return -1;
			v = v * 16 + d;
		}
		out[i] = (unsigned char)v;
	}
	return 0;
}

static uint64_t slot_of(const unsigned char v[32])
{
	uint64_t h;
	memcpy(&h, v, 8);	/* the values are uniformly random group elements */
	return h;
}

static void rehash(struct psi_side *p)
{
	free(p->table);
	p->tsize = p->tsize ? p->tsize * 2 : 1024;
	p->table = xcalloc(p->tsize, sizeof(uint32_t));
	for (size_t i = 0; i < p->n; i++) {
		size_t s = slot_of(p->val[i]) & (p->tsize - 1);
		p->next[i] = p->table[s];
		p->table[s] = (uint32_t)(i + 1);
	}
}

static void psi_record(scrm_run *run, sv *rec, void *ud)
{
	struct psi_side *p = ud;
	const sv *v = rec->type == SV_OBJ ? sv_get(rec, "psi") : NULL;
	unsigned char val[32];
	if (!v || v->type != SV_STR || unhex32(v->u.s, v->len, val) != 0) {
		p->bad++;
		scrm_reject(run, rec, "psi is missing or not 64 hex digits");
		return;
	}
	if (from_first_file(run, p->opt)) {
		size_t s;
		sv row = *rec;
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 1024;
			p->val = xrealloc(p->val, p->cap * sizeof(*p->val));
			p->row = xrealloc(p->row, p->cap * sizeof(*p->row));
			p->next = xrealloc(p->next, p->cap * sizeof(*p->next));
		}
		if (p->n >= UINT32_MAX - 1)
			scrm_die(SCRM_EXIT_DATA, "--intersect: more than 4e9 rows in the first file");
		sv_del(&row, "psi");
		memcpy(p->val[p->n], val, 32);
		p->row[p->n] = sv_copy(p->keep, &row);
		p->n++;
		if (p->n * 2 > p->tsize) {
			rehash(p);
		} else {
			s = slot_of(val) & (p->tsize - 1);
			p->next[p->n - 1] = p->table[s];
			p->table[s] = (uint32_t)p->n;
		}
		return;
	}
	p->nb++;
	if (!p->hit)
		p->hit = xcalloc(p->n ? p->n : 1, 1);
	{
		int found = 0;
		for (uint32_t i = p->tsize ? p->table[slot_of(val) & (p->tsize - 1)] : 0; i;
		     i = p->next[i - 1])
			if (memcmp(p->val[i - 1], val, 32) == 0) {
				p->hit[i - 1] = 1;
				found = 1;
			}
		p->b_matched += (uint64_t)found;
	}
}

static void psi_stats(strbuf *json, void *ud)
{
	const struct psi_side *p = ud;
	sb_addf(json, ",\"a\":%zu,\"b\":%llu,\"overlap\":%llu,\"b_matched\":%llu", p->n,
		(unsigned long long)p->nb, (unsigned long long)p->overlap,
		(unsigned long long)p->b_matched);
}

static struct psi_side side;

static void psi_free(void *arg)
{
	struct psi_side *p = arg;
	free(p->val);
	free(p->row);
	free(p->hit);
	free(p->next);
	free(p->table);
	if (p->keep)
		arena_free(p->keep);
	memset(p, 0, sizeof(*p));
}

static const struct scrm_record_ops psi_ops = { NULL, psi_record, NULL, NULL };

void match_intersect(const struct scrm_tool *tool, const struct scrm_common *opt)
{
	struct scrm_run_opts ro = { 0 };
	struct psi_side *p = &side;
	scrm_run *run;
	writer *w;
	if (opt->nfiles != 2)
		scrm_usage_error("--intersect needs two files: A (whose matched rows are "
				 "written) and B");
	p->opt = opt;
	p->keep = arena_new();
	scrm_atexit(psi_free, p);
	ro.serial = 1;
	ro.stats_extra = psi_stats;
	ro.stats_ud = p;
	run = scrm_run_open(tool, opt, &ro);
	scrm_run_stream(run, &psi_ops, p);
	w = scrm_writer(run);
	for (size_t i = 0; i < p->n; i++) {
		if (!p->hit || !p->hit[i])
			continue;
		if (wr_record(w, &p->row[i]) != 0)
			scrm_die(SCRM_EXIT_DATA, "--intersect: %s", wr_error(w));
		p->overlap++;
	}
	scrm_add_out(run, p->overlap);
	scrm_run_finish(run);
}
