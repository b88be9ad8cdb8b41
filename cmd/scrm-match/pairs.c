/*
 * Candidate pairs and their scores. Blocking: records with equal keys
 * under a rule are candidates (a pair an earlier rule produced is not
 * produced again; blocks over max_block are skipped and counted). Scoring
 * (Fellegi-Sunter): each comparison puts the pair at a level; a level's
 * weight is log2(m/u), m its share among matches, u among non-matches.
 * u comes from random pairs, m and the share of matches from EM over the
 * candidate pairs; an exact agreement on a common value (张伟) weighs less
 * than on a rare one (term frequency). Deterministic ids link on their own
 * unless a veto says the records are clearly two people.
 */
#include "match.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cn_names.h"
#include "error.h"
#include "strsim.h"
#include "unicode.h"
#include "util.h"
#include "writer.h"
#include "banned.h"

#define U_SAMPLE 1000000	/* random pairs for u */
#define EM_SAMPLE 2000000	/* candidate pairs for EM, at most */
#define EM_MIN_PAIRS 1000	/* fewer say too little: the model's m and prior stand */
#define MIN_PROB 1e-6

/* ---- comparing one field ---- */

static int han_text(const char *s, size_t n)
{
	int32_t cp;
	return utf8_decode(s, n, &cp) && u_is_han(cp);
}

/* How a Han name and a name in Latin letters fit, whichever is which. */
static enum cn_pinyin_fit pinyin_fit(const char *a, size_t na, const char *b, size_t nb)
{
	if (han_text(a, na) && nb && (unsigned char)b[0] < 0x80)
		return cn_pinyin_fit(a, na, b, nb);
	if (han_text(b, nb) && na && (unsigned char)a[0] < 0x80)
		return cn_pinyin_fit(b, nb, a, na);
	return CN_PINYIN_UNKNOWN;
}

/* The band level sim reaches, or "else" (the last level). */
static int band_level(const struct comparison *c, double sim)
{
	int nbands = c->nlevels - (c->type == CMP_NAME ? 3 : 2);
	for (int b = 0; b < nbands; b++)
		if (sim >= c->bands[b])
			return b + 1;
	return c->nlevels - 1;
}

/* Names written in another order (Zhang Wei / Wei Zhang) are the same tokens. */
static int same_tokens(const char *a, size_t na, const char *b, size_t nb)
{
	return na == nb && memchr(a, ' ', na) && token_jaccard(a, na, b, nb) >= 1.0;
}

static int digits_of(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++)
		if (is_ascii_digit((unsigned char)*s))
			out[n++] = *s;
	out[n] = '\0';
	return (int)n;
}

static int date_level(const char *a, size_t na, const char *b, size_t nb)
{
	char da[16], db[16];
	int la = digits_of(a, da, sizeof(da)), lb = digits_of(b, db, sizeof(db));
	enum date_level dl = date_compare_level(a, b, -1);
	/* one digit wrong, or day and month swapped */
	if (dl == DATE_LEVEL_SWAPPED ||
	    (la == 8 && lb == 8 && damerau_levenshtein(da, 8, db, 8, 1) <= 1))
		return 1;
	if (dl == DATE_LEVEL_SAME_MONTH)
		return 2;
	if (dl == DATE_LEVEL_SAME_YEAR)
		return 3;
	UNUSED(na);
	UNUSED(nb);
	return 4;
}

static int email_level(const char *a, size_t na, const char *b, size_t nb)
{
	const char *at_a = memchr(a, '@', na), *at_b = memchr(b, '@', nb);
	if (at_a && at_b && at_a - a == at_b - b && memcmp(a, b, (size_t)(at_a - a)) == 0)
		return 1;
	return damerau_levenshtein(a, na, b, nb, 2) <= 2 ? 2 : 3;
}

int compare_values(const struct comparison *c, uint32_t va, uint32_t vb)
{
	const char *a, *b;
	size_t na, nb;
	if (!va || !vb)
		return LEVEL_MISSING;
	if (va == vb)
		return 0;
	a = intern_str(c->values, va);
	b = intern_str(c->values, vb);
	na = intern_len(c->values, va);
	nb = intern_len(c->values, vb);
	switch (c->type) {
	case CMP_EXACT:
		return 1;
	case CMP_NAME: {
		int l;
		if (same_tokens(a, na, b, nb))
			return 1;
		switch (pinyin_fit(a, na, b, nb)) {
		case CN_PINYIN_NAME:
			return 1;	/* 唐彬庆 and Binqing Tang: close, homophones aside */
		case CN_PINYIN_SURNAME:
			return c->nlevels - 2;
		case CN_PINYIN_OTHER:
			return c->nlevels - 1;
		case CN_PINYIN_UNKNOWN:
			break;
		}
		l = band_level(c, jaro_winkler(a, na, b, nb));
		/* 张倩/张茜, 楊瑞立/杨瑞立: one Han character off is a close name */
		if (l == c->nlevels - 1 && han_text(a, na) && han_text(b, nb) &&
		    damerau_levenshtein(a, na, b, nb, 1) <= 1)
			return c->nlevels - 3;
		/* one name the start of the other: a surname alone, a short form */
		if (l == c->nlevels - 1 && ((na < nb && memcmp(a, b, na) == 0) ||
					    (nb < na && memcmp(a, b, nb) == 0)))
			return c->nlevels - 2;
		return l;
	}
	case CMP_STRING:
		return band_level(c, jaro_winkler(a, na, b, nb));
	case CMP_EDIT: {
		int d = damerau_levenshtein(a, na, b, nb, 2);
		return d <= 2 ? d : 3;
	}
	case CMP_DATE:
		return date_level(a, na, b, nb);
	case CMP_ADDRESS:
		return band_level(c, jaccard_bigrams(a, na, b, nb));
	case CMP_EMAIL:
		return email_level(a, na, b, nb);
	case CMP_PHONE: {
		/* +8653288881234;ext=8001 is the switchboard of +8653288881234 */
		const char *ea = memchr(a, ';', na), *eb = memchr(b, ';', nb);
		size_t la = ea ? (size_t)(ea - a) : na, lb = eb ? (size_t)(eb - b) : nb;
		return la == lb && memcmp(a, b, la) == 0 ? 1 : 2;
	}
	}
	return c->nlevels - 1;
}

/*
 * The level at which records a and b agree on comparison c. A flat named
 * by its community in one record and only by its road (or by neither) in
 * the other is still the same flat.
 */
int pair_level(const struct records *r, int c, uint32_t a, uint32_t b)
{
	const struct model *m = r->model;
	int l = compare_values(&m->cmp[c], r->cmpv[a * (size_t)m->ncmp + c],
			       r->cmpv[b * (size_t)m->ncmp + c]);
	if (l != 0 && l != LEVEL_MISSING && c == r->house_cmp &&
	    (same_home(r, a, b) || same_room(r, a, b)))
		return 0;
	return l;
}

/* ---- the vetoes ---- */


/* Could two names be one person's? A surname alone (王先生 -> 王) fits its full name. */
int names_compatible(const intern *names, uint32_t a, uint32_t b)
{
	const char *sa = intern_str(names, a), *sb = intern_str(names, b);
	size_t na = intern_len(names, a), nb = intern_len(names, b);
	if (han_text(sa, na) != han_text(sb, nb))
		/* 张伟 and Zhang Wei, or Lily: only pinyin of another name tells */
		return pinyin_fit(sa, na, sb, nb) != CN_PINYIN_OTHER;
	if ((na < nb && memcmp(sa, sb, na) == 0 && na <= 6) ||
	    (nb < na && memcmp(sa, sb, nb) == 0 && nb <= 6))
		return 1;
	/* a typo, a homophone or a traditional form of one character */
	if (han_text(sa, na) && damerau_levenshtein(sa, na, sb, nb, 1) <= 1)
		return 1;
	return jaro_winkler(sa, na, sb, nb) >= 0.75 || same_tokens(sa, na, sb, nb);
}

/* Clearly two people: different id cards, genders, birth dates or names. */
static int vetoed(const struct records *r, uint32_t a, uint32_t b)
{
	if (r->idcard[a] && r->idcard[b] && r->idcard[a] != r->idcard[b])
		return 1;
	if (r->gender[a] && r->gender[b] && r->gender[a] != r->gender[b])
		return 1;
	if (r->birth[a] && r->birth[b] && r->birth[a] != r->birth[b]) {
		const char *x = intern_str(r->births, r->birth[a]), *y = intern_str(r->births, r->birth[b]);
		/* a birthday typo is no veto; another year is */
		if (date_level(x, strlen(x), y, strlen(y)) >= 4)
			return 1;
	}
	if (r->name[a] && r->name[b] && r->name[a] != r->name[b] &&
	    !names_compatible(r->names, r->name[a], r->name[b]))
		return 1;
	return 0;
}

/*
 * The first identifier a and b share (1 + its type), not over its fan-out;
 * 0 if none. An identifier several people use (a family's phone) does not
 * speak for a record without a name: whose call was it?
 */
static int shared_id(const struct records *r, uint32_t a, uint32_t b)
{
	int nameless = !r->name[a] || !r->name[b];
	for (uint32_t i = r->det_off[a]; i < r->det_off[a + 1]; i++) {
		const struct det_value *x = &r->det_val[i];
		if (r->shared[x->det][x->value] == SHARED_CROWD ||
		    (nameless && r->shared[x->det][x->value] == SHARED_FAMILY))
			continue;
		for (uint32_t k = r->det_off[b]; k < r->det_off[b + 1]; k++)
			if (r->det_val[k].det == x->det && r->det_val[k].value == x->value)
				return 1 + x->det;
	}
	return 0;
}

/* ---- blocks ---- */

struct order {
	uint64_t key;
	uint32_t rec;
};

static int cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/* Keys of the blocks skipped under each rule, so later rules still pair them. */
struct skipped {
	uint64_t *keys;
	size_t n, cap;
};

static int was_skipped(const struct skipped *s, uint64_t key)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->keys[i] == key)
			return 1;
	return 0;
}

struct blocking {
	const struct records *r;
	int nrules;
	struct order **sorted;	/* per rule, the records with a key, by key */
	size_t *nsorted;
	struct skipped *skipped;
	int link_mode;
};

static void blocking_init(struct blocking *bk, const struct records *r, const struct model *m,
			  int link_mode, struct pair_stats *st)
{
	memset(bk, 0, sizeof(*bk));
	bk->r = r;
	bk->nrules = m->nrules;
	bk->link_mode = link_mode;
	bk->sorted = xcalloc((size_t)m->nrules, sizeof(*bk->sorted));
	bk->nsorted = xcalloc((size_t)m->nrules, sizeof(*bk->nsorted));
	bk->skipped = xcalloc((size_t)m->nrules, sizeof(*bk->skipped));
	for (int k = 0; k < m->nrules; k++) {
		struct order *o = xmalloc((r->n ? r->n : 1) * sizeof(*o));
		size_t n = 0;
		for (size_t i = 0; i < r->n; i++) {
			uint64_t key = r->bkey[i * (size_t)m->nrules + k];
			if (key) {
				o[n].key = key;
				o[n].rec = (uint32_t)i;
				n++;
			}
		}
		qsort(o, n, sizeof(*o), cmp_order);
		/* blocks too big to pair are left out, and remembered */
		for (size_t s = 0, e; s < n; s = e) {
			for (e = s + 1; e < n && o[e].key == o[s].key; e++)
				;
			if (e - s > (size_t)m->max_block) {
				struct skipped *sk = &bk->skipped[k];
				GROW(sk->keys, sk->cap, sk->n + 1);
				sk->keys[sk->n++] = o[s].key;
				st->skipped_blocks++;
				st->skipped_records += e - s;
			}
		}
		bk->sorted[k] = o;
		bk->nsorted[k] = n;
	}
}

static void blocking_free(struct blocking *bk)
{
	for (int k = 0; k < bk->nrules; k++) {
		free(bk->sorted[k]);
		free(bk->skipped[k].keys);
	}
	free(bk->sorted);
	free(bk->nsorted);
	free(bk->skipped);
}

/* Did an earlier rule already pair a and b? */
static int paired_before(const struct blocking *bk, int rule, uint32_t a, uint32_t b)
{
	const uint64_t *ka = &bk->r->bkey[a * (size_t)bk->nrules];
	const uint64_t *kb = &bk->r->bkey[b * (size_t)bk->nrules];
	for (int j = 0; j < rule; j++)
		if (ka[j] && ka[j] == kb[j] && !was_skipped(&bk->skipped[j], ka[j]))
			return 1;
	return 0;
}

typedef void (*pair_fn)(uint32_t a, uint32_t b, int rule, void *ud);

/* Calls fn on every candidate pair once, rule after rule, block after block. */
static void each_pair(const struct blocking *bk, pair_fn fn, void *ud)
{
	for (int k = 0; k < bk->nrules; k++) {
		const struct order *o = bk->sorted[k];
		size_t n = bk->nsorted[k];
		for (size_t s = 0, e; s < n; s = e) {
			for (e = s + 1; e < n && o[e].key == o[s].key; e++)
				;
			if (e - s < 2 || (bk->skipped[k].n && was_skipped(&bk->skipped[k], o[s].key)))
				continue;
			for (size_t i = s; i < e; i++)
				for (size_t j = i + 1; j < e; j++) {
					uint32_t a = o[i].rec, b = o[j].rec;
					if (bk->link_mode && bk->r->dataset[a] == bk->r->dataset[b])
						continue;
					/* the state's records were clustered by an earlier run */
					if (bk->r->incremental && bk->r->old[a] && bk->r->old[b])
						continue;
					if (k && paired_before(bk, k, a, b))
						continue;
					fn(a, b, k, ud);
				}
		}
	}
}

/* ---- u from random pairs ---- */

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void estimate_u(const struct records *r, struct model *m, int link_mode)
{
	double counts[MAX_COMPARISONS][MAX_LEVELS] = { { 0 } };
	uint64_t seed = 42;
	size_t samples = r->n < 2 ? 0 : U_SAMPLE;
	for (size_t s = 0; s < samples; s++) {
		uint32_t a = (uint32_t)(splitmix(&seed) % r->n), b = (uint32_t)(splitmix(&seed) % r->n);
		if (a == b || (link_mode && r->dataset[a] == r->dataset[b]))
			continue;
		for (int c = 0; c < m->ncmp; c++) {
			int l = pair_level(r, c, a, b);
			if (l != LEVEL_MISSING)
				counts[c][l]++;
		}
	}
	for (int c = 0; c < m->ncmp; c++) {
		struct comparison *cmp = &m->cmp[c];
		double total = 0;
		for (int l = 0; l < cmp->nlevels; l++)
			total += counts[c][l];
		/* a little smoothing: a level never seen at random is rare, not impossible */
		for (int l = 0; l < cmp->nlevels; l++)
			cmp->u[l] = (counts[c][l] + 0.1) / (total + 0.1 * cmp->nlevels);
	}
}

/* ---- EM over comparison patterns ---- */

struct patterns {
	struct pattern *p;
	size_t n, cap;		/* open addressing on levels */
	uint64_t *masks;	/* per rule: the comparisons its key decides (4 bits set each) */
	uint64_t sample_mod;	/* keep pairs whose hash % sample_mod == 0 */
	const struct records *r;
	const struct model *m;
	uint64_t seen;
};

static uint64_t pattern_of(const struct records *r, const struct model *m, uint32_t a, uint32_t b)
{
	uint64_t levels = 0;
	for (int c = 0; c < m->ncmp; c++) {
		uint64_t l = (uint64_t)pair_level(r, c, a, b);
		levels |= l << (4 * c);
	}
	return levels;
}

static void patterns_add(struct patterns *ps, uint64_t levels)
{
	size_t i;
	if ((ps->n + 1) * 2 > ps->cap) {
		size_t ncap = ps->cap ? ps->cap * 2 : 1024;
		struct pattern *np = xcalloc(ncap, sizeof(*np));
		for (size_t k = 0; k < ps->cap; k++)
			if (ps->p[k].count > 0) {
				i = hash64(&ps->p[k].levels, 8, 3) & (ncap - 1);
				while (np[i].count > 0)
					i = (i + 1) & (ncap - 1);
				np[i] = ps->p[k];
			}
		free(ps->p);
		ps->p = np;
		ps->cap = ncap;
	}
	i = hash64(&levels, 8, 3) & (ps->cap - 1);
	while (ps->p[i].count > 0 && ps->p[i].levels != levels)
		i = (i + 1) & (ps->cap - 1);
	if (ps->p[i].count == 0) {
		ps->p[i].levels = levels;
		ps->n++;
	}
	ps->p[i].count++;
}

static void count_pattern(uint32_t a, uint32_t b, int rule, void *ud)
{
	struct patterns *ps = ud;
	uint64_t ab = ((uint64_t)a << 32) | b;
	UNUSED(rule);
	ps->seen++;
	if (ps->sample_mod > 1 && hash64(&ab, 8, 9) % ps->sample_mod)
		return;
	/*
	 * Pairs found by a rule agree on its key whether they match or not:
	 * what the key decides is no evidence for EM (Splink trains the same way).
	 */
	patterns_add(ps, pattern_of(ps->r, ps->m, a, b) | ps->masks[rule]);
}

/* For each rule, LEVEL_MISSING in the comparisons that read a field of its key. */
static uint64_t *rule_masks(const struct model *m)
{
	uint64_t *masks = xcalloc((size_t)m->nrules, sizeof(uint64_t));
	for (int k = 0; k < m->nrules; k++)
		for (int c = 0; c < m->ncmp; c++)
			for (int f = 0; f < m->cmp[c].nfields; f++)
				for (int p = 0; p < m->rules[k].nparts; p++)
					if (strcmp(m->cmp[c].fields[f], m->rules[k].parts[p].field) == 0)
						masks[k] |= (uint64_t)LEVEL_MISSING << (4 * c);
	return masks;
}

static void count_candidates(uint32_t a, uint32_t b, int rule, void *ud)
{
	UNUSED(a);
	UNUSED(b);
	UNUSED(rule);
	(*(uint64_t *)ud)++;
}

static int level_at(uint64_t levels, int c)
{
	return (int)((levels >> (4 * c)) & 15);
}

int em_fit(struct model *m, const struct pattern *pat, size_t n)
{
	double lambda = m->prior;
	int it;
	for (it = 0; it < m->em_iterations; it++) {
		double mc[MAX_COMPARISONS][MAX_LEVELS] = { { 0 } }, mtot[MAX_COMPARISONS] = { 0 };
		double matched = 0, total = 0, change = 0;
		for (size_t i = 0; i < n; i++) {
			const struct pattern *p = &pat[i];
			double lm = log(lambda), lu = log(1 - lambda), q;
			if (p->count == 0)
				continue;
			for (int c = 0; c < m->ncmp; c++) {
				int l = level_at(p->levels, c);
				if (l == LEVEL_MISSING)
					continue;
				lm += log(m->cmp[c].m[l]);
				lu += log(m->cmp[c].u[l]);
			}
			q = 1 / (1 + exp(lu - lm));
			matched += q * p->count;
			total += p->count;
			for (int c = 0; c < m->ncmp; c++) {
				int l = level_at(p->levels, c);
				if (l == LEVEL_MISSING)
					continue;
				mc[c][l] += q * p->count;
				mtot[c] += q * p->count;
			}
		}
		if (total == 0 || matched == 0)
			break;
		for (int c = 0; c < m->ncmp; c++) {
			struct comparison *cmp = &m->cmp[c];
			if (mtot[c] <= 0)
				continue;
			for (int l = 0; l < cmp->nlevels; l++) {
				double v = mc[c][l] / mtot[c];
				if (v < MIN_PROB)
					v = MIN_PROB;
				change = fmax(change, fabs(v - cmp->m[l]));
				cmp->m[l] = v;
			}
		}
		change = fmax(change, fabs(matched / total - lambda));
		lambda = fmin(fmax(matched / total, 1e-9), 1 - 1e-9);
		if (change < 1e-6)
			break;
	}
	m->prior = lambda;
	return it;
}

/*
 * u comes from random pairs, so the prior a pair starts from must be the
 * chance that two random records match: the matches EM found among the
 * candidates (blocking finds nearly all of them) over all possible pairs.
 */
static void random_prior(const struct records *r, struct model *m, int link_mode, uint64_t candidates,
			 struct pair_stats *st)
{
	double all, matches;
	if (link_mode) {
		double na = 0;
		for (size_t i = 0; i < r->n; i++)
			na += r->dataset[i] == 0;
		all = na * ((double)r->n - na);
	} else {
		all = (double)r->n * ((double)r->n - 1) / 2;
	}
	st->candidate_prior = m->prior;
	matches = m->prior * (double)candidates;
	m->random_prior = all > 0 ? fmin(fmax(matches / all, 1e-12), 0.5) : 0.5;
}

/* ---- scoring ---- */

struct scorer {
	const struct records *r;
	const struct model *m;
	const struct pair_opts *o;
	float weight[MAX_COMPARISONS][MAX_LEVELS];
	float *tf_weight[MAX_COMPARISONS];	/* exact agreement on each value */
	float prior_weight;
	float threshold_weight;
	struct link *links;
	size_t nlinks, cap;
	struct pair_stats *st;
	strbuf line;
};

static float log2f_safe(double x)
{
	return (float)log2(x > 1e-300 ? x : 1e-300);
}

static void scorer_init(struct scorer *s, const struct records *r, const struct model *m,
			const struct pair_opts *o, struct pair_stats *st)
{
	memset(s, 0, sizeof(*s));
	s->r = r;
	s->m = m;
	s->o = o;
	s->st = st;
	for (int c = 0; c < m->ncmp; c++) {
		const struct comparison *cmp = &m->cmp[c];
		for (int l = 0; l < cmp->nlevels; l++)
			s->weight[c][l] = log2f_safe(cmp->m[l] / cmp->u[l]);
		if (cmp->tf) {
			/* u of an exact agreement on v: the share of records holding v */
			uint32_t nv = intern_size(cmp->values);
			double total = (double)intern_total(cmp->values);
			s->tf_weight[c] = xmalloc((nv + 1) * sizeof(float));
			s->tf_weight[c][0] = s->weight[c][0];
			for (uint32_t v = 1; v <= nv; v++) {
				double u = intern_count(cmp->values, v) / total;
				/* never stronger than an exact agreement on a value seen once */
				s->tf_weight[c][v] = log2f_safe(cmp->m[0] / fmax(u, 1 / total));
			}
		}
	}
	s->prior_weight = log2f_safe(m->random_prior / (1 - m->random_prior));
	s->threshold_weight = log2f_safe(m->threshold / (1 - m->threshold));
}

static void scorer_free(struct scorer *s)
{
	for (int c = 0; c < s->m->ncmp; c++)
		free(s->tf_weight[c]);
	sb_release(&s->line);
}

static float field_weight(const struct scorer *s, int c, int level, uint32_t value)
{
	if (level == LEVEL_MISSING)
		return 0;
	if (level == 0 && s->tf_weight[c])
		return s->tf_weight[c][value];
	return s->weight[c][level];
}

static double probability(float w)
{
	return 1 / (1 + exp2(-(double)w));
}

static void write_pair(struct scorer *s, uint32_t a, uint32_t b, int rule, const int *levels,
		       float total, int det, int vetoed_pair, int linked)
{
	const struct records *r = s->r;
	const struct model *m = s->m;
	strbuf *sb = &s->line;
	char num[40];
	sb_reset(sb);
	sb_adds(sb, "{\"a\":");
	json_write_string(sb, intern_str(r->keys, r->key[a]), intern_len(r->keys, r->key[a]));
	sb_adds(sb, ",\"b\":");
	json_write_string(sb, intern_str(r->keys, r->key[b]), intern_len(r->keys, r->key[b]));
	sb_adds(sb, ",\"block\":");
	json_write_string(sb, m->rules[rule].label, strlen(m->rules[rule].label));
	sb_adds(sb, ",\"weight\":");
	sb_add(sb, num, format_double(round(total * 1000) / 1000, num, sizeof(num)));
	sb_adds(sb, ",\"probability\":");
	sb_add(sb, num, format_double(round(probability(total) * 1e6) / 1e6, num, sizeof(num)));
	if (det) {
		sb_adds(sb, ",\"deterministic\":");
		json_write_string(sb, m->dets[det - 1].name, strlen(m->dets[det - 1].name));
	}
	if (vetoed_pair)
		sb_adds(sb, ",\"vetoed\":true");
	sb_adds(sb, linked ? ",\"match\":true" : ",\"match\":false");
	sb_adds(sb, ",\"fields\":{\"prior\":{\"weight\":");
	sb_add(sb, num, format_double(round(s->prior_weight * 1000) / 1000, num, sizeof(num)));
	sb_addc(sb, '}');
	for (int c = 0; c < m->ncmp; c++) {
		const struct comparison *cmp = &m->cmp[c];
		int l = levels[c];
		sb_addc(sb, ',');
		json_write_string(sb, cmp->name, strlen(cmp->name));
		sb_adds(sb, ":{\"level\":");
		if (l == LEVEL_MISSING)
			sb_adds(sb, "\"missing\"");
		else
			json_write_string(sb, cmp->level_names[l], strlen(cmp->level_names[l]));
		sb_adds(sb, ",\"weight\":");
		float w = field_weight(s, c, l, r->cmpv[a * (size_t)m->ncmp + c]);
		sb_add(sb, num, format_double(round(w * 1000) / 1000, num, sizeof(num)));
		sb_addc(sb, '}');
	}
	sb_adds(sb, "}}\n");
	wr_write_raw(s->o->pairs_out, sb->buf, sb->len);
	s->st->written++;
}

static void score_pair(uint32_t a, uint32_t b, int rule, void *ud)
{
	struct scorer *s = ud;
	const struct records *r = s->r;
	const struct model *m = s->m;
	int levels[MAX_COMPARISONS];
	float total = s->prior_weight;
	int det, veto = 0, linked;
	for (int c = 0; c < m->ncmp; c++) {
		levels[c] = pair_level(r, c, a, b);
		total += field_weight(s, c, levels[c], r->cmpv[a * (size_t)m->ncmp + c]);
	}
	s->st->candidates++;
	det = shared_id(r, a, b);
	/* clearly two people: no identifier and no score links them */
	veto = vetoed(r, a, b);
	if (veto) {
		if (det)
			s->st->vetoed++;
		det = 0;
	}
	linked = !veto && (det || total >= s->threshold_weight);
	if (linked) {
		GROW(s->links, s->cap, s->nlinks + 1);
		s->links[s->nlinks].a = a;
		s->links[s->nlinks].b = b;
		s->links[s->nlinks].weight = total;
		s->links[s->nlinks].det = (uint8_t)det;
		s->nlinks++;
		if (det)
			s->st->deterministic++;
		else
			s->st->probabilistic++;
	}
	if (s->o->pairs_out)
		write_pair(s, a, b, rule, levels, total, det, veto, linked);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The evidence of any pair (for checking a cluster): the sum of its
 * comparisons' weights, without the prior, so two records that share no
 * field (a device record and a call) are neutral, not opposed; a shared
 * identifier counts as certain, a veto as impossible.
 */
float pair_weight(const struct scorer *s, uint32_t a, uint32_t b, int *informative)
{
	const struct records *r = s->r;
	const struct model *m = s->m;
	float total = 0;
	*informative = 1;
	if (vetoed(r, a, b))
		return -PAIR_CERTAIN;
	if (shared_id(r, a, b))
		return PAIR_CERTAIN;
	*informative = 0;
	for (int c = 0; c < m->ncmp; c++) {
		int l = pair_level(r, c, a, b);
		if (l != LEVEL_MISSING)
			*informative = 1;
		total += field_weight(s, c, l, r->cmpv[a * (size_t)m->ncmp + c]);
	}
	return total;
}

float scorer_prior(const struct scorer *s)
{
	return s->prior_weight;
}

float scorer_threshold(const struct scorer *s)
{
	return s->threshold_weight - s->prior_weight;
}

void scorer_release(struct scorer *s)
{
	if (!s)
		return;
	scorer_free(s);
	free(s);
}

void find_links(struct records *r, struct model *m, const struct pair_opts *o,
		struct link **links, size_t *nlinks, struct pair_stats *st, struct scorer **keep)
{
	struct blocking bk;
	struct patterns ps;
	struct scorer *scp = xmalloc(sizeof(*scp)), sc;
	uint64_t total = 0;
	double t0 = now();

	memset(st, 0, sizeof(*st));
	blocking_init(&bk, r, m, o->link_mode, st);
	if (!m->trained && !m->given_levels)
		estimate_u(r, m, o->link_mode);
	st->u_seconds = now() - t0;

	/* EM on the candidate pairs, a sample of them when there are many */
	each_pair(&bk, count_candidates, &total);
	memset(&ps, 0, sizeof(ps));
	ps.r = r;
	ps.m = m;
	ps.sample_mod = total > EM_SAMPLE ? (total + EM_SAMPLE - 1) / EM_SAMPLE : 1;
	ps.masks = rule_masks(m);
	if (m->ncmp && m->em_iterations > 0 && !m->trained && !m->given_levels) {
		each_pair(&bk, count_pattern, &ps);
		for (size_t i = 0; i < ps.cap; i++)
			st->em_pairs += (uint64_t)ps.p[i].count;
		if (st->em_pairs >= EM_MIN_PAIRS)
			st->em_iterations = em_fit(m, ps.p, ps.cap);
	}
	free(ps.p);
	free(ps.masks);
	if (!m->trained)
		random_prior(r, m, o->link_mode, total, st);

	scorer_init(&sc, r, m, o, st);
	st->em_seconds = now() - t0 - st->u_seconds;
	each_pair(&bk, score_pair, &sc);
	st->score_seconds = now() - t0 - st->u_seconds - st->em_seconds;
	*links = sc.links;
	*nlinks = sc.nlinks;
	sc.links = NULL;
	*scp = sc;
	*keep = scp;
	blocking_free(&bk);
	st->seconds = now() - t0;
}
