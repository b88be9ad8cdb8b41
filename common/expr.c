#include "expr.h"

#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "date.h"
#include "error.h"
#include "unicode.h"
#include "util.h"
#include "banned.h"

/*
 * A parse builds a tree of nodes in the expression's own arena. Literal
 * subtrees are folded as they are built, paths are split into segments,
 * literal regexes are compiled: evaluation then only walks the tree.
 */

enum op {
	N_LIT, N_PATH, N_ARRAY, N_CALL,
	N_AND, N_OR, N_NOT,
	N_EQ, N_NE, N_LT, N_LE, N_GT, N_GE,	/* order matters: see compare() */
	N_MATCH, N_NMATCH, N_IN, N_NIN, N_ISNULL, N_NOTNULL,
	N_ADD, N_SUB, N_MUL, N_DIV, N_MOD, N_NEG,
};

enum { B_CUR, B_ROOT };	/* what a path starts from: the element in scope, or $ */

struct seg {
	const char *name;
	long long idx;		/* array index, or -1 when name is not a number */
	const char *rest;	/* this and the later segments joined by '.' */
};

struct node {
	uint8_t op, fn, base;
	uint32_t n;		/* kids, or segments of a path */
	size_t off;		/* byte offset in the source, for errors */
	int height;
	struct node **kids;
	struct seg *segs;
	regex_t *re;		/* N_MATCH/N_NMATCH with a literal pattern */
	sv lit;
};

struct expr {
	arena *a;
	struct node *root;
	regex_t **res;
	size_t nres, res_cap;
	const char **fields;
	size_t nfields, fields_cap;
	int uses_today;
};

/* ---- functions ---- */

enum fn {
	F_HAS, F_CONTAINS, F_STARTS, F_ENDS, F_ANY, F_ALL, F_COUNT, F_SUM,
	F_MIN, F_MAX, F_LEN, F_LOWER, F_UPPER, F_COALESCE, F_DATE,
	F_DAYS_SINCE, F_YEARS_SINCE, F_TODAY, F_DISTANCE, F_NUM, F_STR,
	F_ROUND, F_FLOOR, F_CEIL, F_ABS,
};

#define VARARGS 255
enum {
	FN_SCOPE = 1,	/* the second argument is evaluated per array element */
	FN_TODAY = 2,	/* reads ctx->today: never folded */
};

static const struct fninfo {
	const char *name;
	uint8_t min, max, flags;
} fns[] = {
	[F_HAS] = { "has", 1, 2, 0 },
	[F_CONTAINS] = { "contains", 2, 2, 0 },
	[F_STARTS] = { "starts_with", 2, 2, 0 },
	[F_ENDS] = { "ends_with", 2, 2, 0 },
	[F_ANY] = { "any", 2, 2, FN_SCOPE },
	[F_ALL] = { "all", 2, 2, FN_SCOPE },
	[F_COUNT] = { "count", 1, 2, FN_SCOPE },
	[F_SUM] = { "sum", 1, 2, FN_SCOPE },
	[F_MIN] = { "min", 1, VARARGS, FN_SCOPE },
	[F_MAX] = { "max", 1, VARARGS, FN_SCOPE },
	[F_LEN] = { "len", 1, 1, 0 },
	[F_LOWER] = { "lower", 1, 1, 0 },
	[F_UPPER] = { "upper", 1, 1, 0 },
	[F_COALESCE] = { "coalesce", 1, VARARGS, 0 },
	[F_DATE] = { "date", 1, 1, 0 },
	[F_DAYS_SINCE] = { "days_since", 1, 1, FN_TODAY },
	[F_YEARS_SINCE] = { "years_since", 1, 1, FN_TODAY },
	[F_TODAY] = { "today", 0, 0, FN_TODAY },
	[F_DISTANCE] = { "distance_km", 4, 4, 0 },
	[F_NUM] = { "num", 1, 1, 0 },
	[F_STR] = { "str", 1, 1, 0 },
	[F_ROUND] = { "round", 1, 2, 0 },
	[F_FLOOR] = { "floor", 1, 1, 0 },
	[F_CEIL] = { "ceil", 1, 1, 0 },
	[F_ABS] = { "abs", 1, 1, 0 },
};

/* ---- values ---- */

int sv_truthy(const sv *v)
{
	switch (v->type) {
	case SV_BOOL:
		return v->b;
	case SV_NUM:
		return v->u.num.d != 0 && !isnan(v->u.num.d);
	case SV_STR:
	case SV_ARR:
	case SV_OBJ:
		return v->len > 0;
	default:
		return 0;
	}
}

/* A string that is wholly a decimal number: no spaces, hex, inf or nan. */
static int str_num(const char *s, size_t n, double *out)
{
	char *end;
	double d;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_ascii_digit((unsigned char)s[i]) && !strchr("+-.eE", s[i]))
			return 0;
	d = strtod(s, &end);
	if (end != s + n || !isfinite(d))
		return 0;
	*out = d;
	return 1;
}

static int to_num(const sv *v, double *out)
{
	if (v->type == SV_NUM) {
		*out = v->u.num.d;
		return 1;
	}
	return v->type == SV_STR && str_num(v->u.s, v->len, out);
}

/* The text of a string or number (buf holds a formatted number); NULL otherwise. */
static const char *text_of(const sv *v, char *buf, size_t size, size_t *len)
{
	if (v->type == SV_STR) {
		*len = v->len;
		return v->u.s;
	}
	if (v->type != SV_NUM)
		return NULL;
	if (v->u.num.text) {
		*len = v->len;
		return v->u.num.text;
	}
	*len = format_double(v->u.num.d, buf, size);
	return buf;
}

static int bytes_cmp(const sv *a, const sv *b)
{
	uint32_t n = a->len < b->len ? a->len : b->len;
	int c = n ? memcmp(a->u.s, b->u.s, n) : 0;
	if (c)
		return c < 0 ? -1 : 1;
	return a->len < b->len ? -1 : a->len > b->len;
}

#define UNORDERED 2

/* -1, 0 or 1; UNORDERED when a and b have no order (see expr.h). */
static int order(const sv *a, const sv *b)
{
	double x, y;
	if (a->type == SV_STR && b->type == SV_STR)
		return bytes_cmp(a, b);
	if ((a->type == SV_NUM || b->type == SV_NUM) && to_num(a, &x) && to_num(b, &y))
		return x < y ? -1 : x > y ? 1 : x == y ? 0 : UNORDERED;
	return UNORDERED;
}

static const sv *lookup(const sv *obj, const char *key)
{
	for (uint32_t i = 0; i < obj->len; i++) {
		const char *k = obj->u.pairs[i].key;
		if (k[0] == key[0] && strcmp(k, key) == 0)
			return &obj->u.pairs[i].val;
	}
	return NULL;
}

/* Deep equality; here null equals null (the operators handle null first). */
static int equal(const sv *a, const sv *b)
{
	if (a->type == SV_STR && b->type == SV_STR)
		return a->len == b->len && memcmp(a->u.s, b->u.s, a->len) == 0;
	if (a->type == SV_NULL || b->type == SV_NULL || a->type == SV_BOOL ||
	    b->type == SV_BOOL)
		return a->type == b->type && a->b == b->b;
	if (a->type == SV_ARR || b->type == SV_ARR) {
		if (a->type != b->type || a->len != b->len)
			return 0;
		for (uint32_t i = 0; i < a->len; i++)
			if (!equal(&a->u.items[i], &b->u.items[i]))
				return 0;
		return 1;
	}
	if (a->type == SV_OBJ || b->type == SV_OBJ) {
		if (a->type != b->type || a->len != b->len)
			return 0;
		for (uint32_t i = 0; i < a->len; i++) {
			const sv *o = lookup(b, a->u.pairs[i].key);
			if (!o || !equal(&a->u.pairs[i].val, o))
				return 0;
		}
		return 1;
	}
	return order(a, b) == 0;
}

/* ==, !=, <, ...: false whenever an operand is null. */
static int compare(int op, const sv *a, const sv *b)
{
	int c;
	if (a->type == SV_NULL || b->type == SV_NULL)
		return 0;
	if (op == N_EQ)
		return equal(a, b);
	if (op == N_NE)
		return !equal(a, b);
	c = order(a, b);
	switch (c == UNORDERED ? -1 : op) {
	case N_LT: return c < 0;
	case N_LE: return c <= 0;
	case N_GT: return c > 0;
	case N_GE: return c >= 0;
	default: return 0;
	}
}

static const char *memfind(const char *h, size_t hn, const char *n, size_t nn)
{
	if (nn == 0)
		return h;
	for (size_t i = 0; i + nn <= hn; i++)
		if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
			return h + i;
	return NULL;
}

/* Array a has an element equal to v, or string a holds v's text. */
static int contains(const sv *a, const sv *v)
{
	char buf[32];
	size_t n = 0;
	const char *t;
	if (v->type == SV_NULL)
		return 0;
	if (a->type == SV_ARR) {
		for (uint32_t i = 0; i < a->len; i++)
			if (equal(&a->u.items[i], v))
				return 1;
		return 0;
	}
	if (a->type != SV_STR || !(t = text_of(v, buf, sizeof(buf), &n)))
		return 0;
	return memfind(a->u.s, a->len, t, n) != NULL;
}

static int affix(const sv *s, const sv *p, int suffix)
{
	char b1[32], b2[32];
	size_t n1 = 0, n2 = 0;
	const char *t1 = text_of(s, b1, sizeof(b1), &n1);
	const char *t2 = text_of(p, b2, sizeof(b2), &n2);
	if (!t1 || !t2 || n2 > n1)
		return 0;
	return memcmp(suffix ? t1 + n1 - n2 : t1, t2, n2) == 0;
}

static int compile_re(regex_t *re, const char *pat)
{
	int flags = REG_EXTENDED | REG_NOSUB;
	if (strncmp(pat, "(?i)", 4) == 0) {
		flags |= REG_ICASE;
		pat += 4;
	}
	return regcomp(re, pat, flags);
}

/* ---- evaluation ---- */

static sv eval(const struct node *n, const sv *cur, struct expr_ctx *ctx);
static int test(const struct node *n, const sv *cur, struct expr_ctx *ctx);

static const sv *resolve(const struct node *n, const sv *cur, const struct expr_ctx *ctx)
{
	const sv *v = n->base == B_ROOT ? ctx->root : cur;
	for (uint32_t i = 0; v && i < n->n; i++) {
		const struct seg *s = &n->segs[i];
		if (v->type == SV_OBJ) {
			const sv *next = lookup(v, s->name);
			/* a flat key that holds dots ("addr.city") */
			if (!next && s->rest && (next = lookup(v, s->rest)))
				return next;
			v = next;
		} else if (v->type == SV_ARR && s->idx >= 0) {
			v = s->idx < v->len ? &v->u.items[s->idx] : NULL;
		} else {
			return NULL;
		}
	}
	return v;
}

static sv num_or_null(double d)
{
	return isfinite(d) ? sv_num(d) : sv_null();
}

static sv concat(const sv *a, const sv *b, arena *ar)
{
	sv v = sv_str_ref(NULL, a->len + (size_t)b->len);
	char *p = arena_alloc(ar, v.len + 1);
	memcpy(p, a->u.s, a->len);
	memcpy(p + a->len, b->u.s, b->len);
	p[v.len] = '\0';
	v.u.s = p;
	return v;
}

static sv arith(int op, const sv *a, const sv *b, arena *ar)
{
	double x, y;
	if (op == N_ADD && a->type == SV_STR && b->type == SV_STR)
		return concat(a, b, ar);
	if (!to_num(a, &x) || !to_num(b, &y))
		return sv_null();
	switch (op) {
	case N_ADD: return num_or_null(x + y);
	case N_SUB: return num_or_null(x - y);
	case N_MUL: return num_or_null(x * y);
	case N_DIV: return y == 0 ? sv_null() : num_or_null(x / y);
	default: return y == 0 ? sv_null() : num_or_null(fmod(x, y));
	}
}

static int match(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	sv s = eval(n->kids[0], cur, ctx);
	int ok;
	if (s.type != SV_STR)
		return 0;
	if (n->re) {
		ok = regexec(n->re, s.u.s, 0, NULL, 0) == 0;
	} else {
		/* a pattern known only now: the slow path */
		sv pat = eval(n->kids[1], cur, ctx);
		regex_t re;
		if (pat.type != SV_STR || compile_re(&re, pat.u.s) != 0)
			return 0;
		ok = regexec(&re, s.u.s, 0, NULL, 0) == 0;
		regfree(&re);
	}
	return n->op == N_MATCH ? ok : !ok;
}

static int member(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	sv x = eval(n->kids[0], cur, ctx), coll = eval(n->kids[1], cur, ctx);
	if (x.type == SV_NULL || (coll.type != SV_ARR && coll.type != SV_STR))
		return 0;
	if (n->op == N_IN)
		return contains(&coll, &x);
	/* "not in" a string needs x to have text, as "in" does */
	if (coll.type == SV_STR && x.type != SV_STR && x.type != SV_NUM)
		return 0;
	return !contains(&coll, &x);
}

static int test(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	sv a, b;
	switch (n->op) {
	case N_AND:
		return test(n->kids[0], cur, ctx) && test(n->kids[1], cur, ctx);
	case N_OR:
		return test(n->kids[0], cur, ctx) || test(n->kids[1], cur, ctx);
	case N_NOT:
		return !test(n->kids[0], cur, ctx);
	case N_EQ: case N_NE: case N_LT: case N_LE: case N_GT: case N_GE:
		a = eval(n->kids[0], cur, ctx);
		b = eval(n->kids[1], cur, ctx);
		return compare(n->op, &a, &b);
	case N_MATCH: case N_NMATCH:
		return match(n, cur, ctx);
	case N_IN: case N_NIN:
		return member(n, cur, ctx);
	case N_ISNULL:
		return eval(n->kids[0], cur, ctx).type == SV_NULL;
	case N_NOTNULL:
		return eval(n->kids[0], cur, ctx).type != SV_NULL;
	case N_LIT:
		return sv_truthy(&n->lit);
	default:
		a = eval(n, cur, ctx);
		return sv_truthy(&a);
	}
}

/* ---- functions ---- */

static int date_of(const sv *v, struct date_val *d)
{
	return v->type == SV_STR && date_parse(v->u.s, v->len, 0, d) == DATE_OK;
}

static sv ymd_string(arena *a, int y, int m, int d)
{
	char *buf = arena_alloc(a, 16);
	int n = d ? snprintf(buf, 16, "%04d-%02d-%02d", y, m, d)
		  : snprintf(buf, 16, "%04d-%02d", y, m);
	return sv_str_ref(buf, (size_t)n);
}

/* Completed years from (y0, m0, d0) to a later (y1, m1, d1). */
static long completed_years(int y0, int m0, int d0, int y1, int m1, int d1)
{
	long n = (long)y1 - y0;
	if (m1 < m0 || (m1 == m0 && d1 < d0))
		n--;
	return n;
}

static sv since(int fn, const sv *v, long today)
{
	struct date_val d;
	int ty, tm, td, day;
	long days;
	if (!date_of(v, &d))
		return sv_null();
	day = d.day ? d.day : 1;	/* month precision: the first */
	days = days_from_civil(d.year, d.month, day);
	if (fn == F_DAYS_SINCE)
		return sv_num((double)(today - days));
	civil_from_days(today, &ty, &tm, &td);
	if (days <= today)
		return sv_num((double)completed_years(d.year, d.month, day, ty, tm, td));
	return sv_num((double)-completed_years(ty, tm, td, d.year, d.month, day));
}

static sv casemap(const sv *s, int upper, arena *a)
{
	/* simple mappings grow a code point by half at most (2 -> 3 bytes) */
	char *out = arena_alloc(a, (size_t)s->len * 2 + 1);
	size_t i = 0, o = 0;
	while (i < s->len) {
		int32_t cp;
		size_t k = utf8_decode(s->u.s + i, s->len - i, &cp);
		if (k == 0) {
			out[o++] = s->u.s[i++];
			continue;
		}
		cp = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
		o += utf8_encode(cp, out + o);
		i += k;
	}
	out[o] = '\0';
	return sv_str_ref(out, o);
}

static sv to_str(const sv *v, arena *a)
{
	char buf[32];
	size_t n = 0;
	const char *t;
	if (v->type == SV_STR)
		return *v;
	if (v->type == SV_BOOL)
		return v->b ? sv_str_ref("true", 4) : sv_str_ref("false", 5);
	t = text_of(v, buf, sizeof(buf), &n);
	if (!t)
		return sv_null();
	return t == buf ? sv_str(a, buf, n) : sv_str_ref(t, n);
}

static sv length(const sv *v)
{
	char buf[32];
	size_t n = 0;
	const char *t;
	switch (v->type) {
	case SV_NULL:
		return sv_num(0);
	case SV_ARR:
	case SV_OBJ:
		return sv_num(v->len);
	case SV_BOOL:
		return sv_null();
	default:
		t = text_of(v, buf, sizeof(buf), &n);
		return sv_num((double)utf8_length(t, n));
	}
}

#define DEG (3.14159265358979323846 / 180.0)

static sv distance(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	double c[4], h;
	for (int i = 0; i < 4; i++) {
		sv v = eval(n->kids[i], cur, ctx);
		if (!to_num(&v, &c[i]) || fabs(c[i]) > (i % 2 ? 180.0 : 90.0))
			return sv_null();
	}
	h = pow(sin((c[2] - c[0]) * DEG / 2), 2) +
	    cos(c[0] * DEG) * cos(c[2] * DEG) * pow(sin((c[3] - c[1]) * DEG / 2), 2);
	return sv_num(2 * 6371.0088 * asin(sqrt(h < 1 ? h : 1)));
}

static sv rounding(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	sv v = eval(n->kids[0], cur, ctx);
	double x, digits, f;
	if (!to_num(&v, &x))
		return sv_null();
	switch (n->fn) {
	case F_FLOOR: return sv_num(floor(x));
	case F_CEIL: return sv_num(ceil(x));
	case F_ABS: return sv_num(fabs(x));
	}
	if (n->n == 1)
		return sv_num(round(x));
	v = eval(n->kids[1], cur, ctx);
	if (!to_num(&v, &digits))
		return sv_null();
	digits = digits < -15 ? -15 : digits > 15 ? 15 : trunc(digits);
	f = pow(10, digits);
	return isfinite(x * f) ? sv_num(round(x * f) / f) : sv_num(x);
}

/* The best of the min/max candidates so far (see expr.h for the rules). */
struct best {
	int want_max, saw_num, have_num, have_str;
	double d;
	sv num, str;
};

static void consider(struct best *b, const sv *v)
{
	double d;
	if (v->type == SV_NUM)
		b->saw_num = 1;
	if (to_num(v, &d) && (!b->have_num || (b->want_max ? d > b->d : d < b->d))) {
		b->have_num = 1;
		b->d = d;
		b->num = v->type == SV_NUM ? *v : sv_num(d);
	}
	if (v->type == SV_STR) {
		int c = b->have_str ? bytes_cmp(v, &b->str) : 0;
		if (!b->have_str || (b->want_max ? c > 0 : c < 0)) {
			b->have_str = 1;
			b->str = *v;
		}
	}
}

static sv minmax(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	struct best b = { .want_max = n->fn == F_MAX };
	sv first = eval(n->kids[0], cur, ctx);
	if (n->n <= 2 && first.type == SV_ARR) {
		for (uint32_t i = 0; i < first.len; i++) {
			const sv *item = &first.u.items[i];
			sv v = n->n == 2 ? eval(n->kids[1], item, ctx) : *item;
			consider(&b, &v);
		}
	} else {
		consider(&b, &first);
		for (uint32_t i = 1; i < n->n; i++) {
			sv v = eval(n->kids[i], cur, ctx);
			consider(&b, &v);
		}
	}
	if (b.saw_num)
		return b.num;
	return b.have_str ? b.str : sv_null();
}

/* any, all, count and sum over the elements of an array. */
static sv over(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	sv arr = eval(n->kids[0], cur, ctx);
	const struct node *k = n->n > 1 ? n->kids[1] : NULL;
	double total = 0;
	if (arr.type != SV_ARR)
		return n->fn == F_ANY || n->fn == F_ALL ? sv_bool(0) : sv_num(0);
	if (n->fn == F_COUNT && !k)
		return sv_num(arr.len);
	for (uint32_t i = 0; i < arr.len; i++) {
		const sv *item = &arr.u.items[i];
		double d;
		sv v;
		switch (n->fn) {
		case F_ANY:
			if (test(k, item, ctx))
				return sv_bool(1);
			break;
		case F_ALL:
			if (!test(k, item, ctx))
				return sv_bool(0);
			break;
		case F_COUNT:
			total += test(k, item, ctx);
			break;
		default:
			v = k ? eval(k, item, ctx) : *item;
			if (to_num(&v, &d))
				total += d;
		}
	}
	if (n->fn == F_ANY || n->fn == F_ALL)
		return sv_bool(n->fn == F_ALL);
	return num_or_null(total);
}

static sv call(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	struct node *const *k = n->kids;
	sv a, b;
	int y, m, d;
	switch (n->fn) {
	case F_HAS:
	case F_CONTAINS:
		a = eval(k[0], cur, ctx);
		if (n->n == 1)
			return sv_bool(!sv_is_empty(&a));
		b = eval(k[1], cur, ctx);
		return sv_bool(contains(&a, &b));
	case F_STARTS:
	case F_ENDS:
		a = eval(k[0], cur, ctx);
		b = eval(k[1], cur, ctx);
		return sv_bool(affix(&a, &b, n->fn == F_ENDS));
	case F_ANY: case F_ALL: case F_COUNT: case F_SUM:
		return over(n, cur, ctx);
	case F_MIN: case F_MAX:
		return minmax(n, cur, ctx);
	case F_LEN:
		a = eval(k[0], cur, ctx);
		return length(&a);
	case F_LOWER:
	case F_UPPER:
		a = eval(k[0], cur, ctx);
		return a.type == SV_STR ? casemap(&a, n->fn == F_UPPER, ctx->a) : sv_null();
	case F_COALESCE:
		for (uint32_t i = 0; i < n->n; i++) {
			a = eval(k[i], cur, ctx);
			if (a.type != SV_NULL && !(a.type == SV_STR && a.len == 0))
				return a;
		}
		return sv_null();
	case F_DATE: {
		struct date_val dv;
		a = eval(k[0], cur, ctx);
		return date_of(&a, &dv) ? ymd_string(ctx->a, dv.year, dv.month, dv.day) : sv_null();
	}
	case F_DAYS_SINCE:
	case F_YEARS_SINCE:
		a = eval(k[0], cur, ctx);
		return since(n->fn, &a, ctx->today);
	case F_TODAY:
		civil_from_days(ctx->today, &y, &m, &d);
		return ymd_string(ctx->a, y, m, d);
	case F_DISTANCE:
		return distance(n, cur, ctx);
	case F_NUM: {
		double x;
		a = eval(k[0], cur, ctx);
		if (a.type == SV_NUM)
			return a;
		return to_num(&a, &x) ? sv_num(x) : sv_null();
	}
	case F_STR:
		a = eval(k[0], cur, ctx);
		return to_str(&a, ctx->a);
	default:
		return rounding(n, cur, ctx);
	}
}

static sv eval(const struct node *n, const sv *cur, struct expr_ctx *ctx)
{
	sv a, b;
	switch (n->op) {
	case N_LIT:
		return n->lit;
	case N_PATH: {
		const sv *v = resolve(n, cur, ctx);
		return v ? *v : sv_null();
	}
	case N_ARRAY:
		a = sv_arr();
		a.u.items = n->n ? arena_alloc(ctx->a, n->n * sizeof(sv)) : NULL;
		a.len = a.cap = n->n;
		for (uint32_t i = 0; i < n->n; i++)
			a.u.items[i] = eval(n->kids[i], cur, ctx);
		return a;
	case N_CALL:
		return call(n, cur, ctx);
	case N_ADD: case N_SUB: case N_MUL: case N_DIV: case N_MOD:
		a = eval(n->kids[0], cur, ctx);
		b = eval(n->kids[1], cur, ctx);
		return arith(n->op, &a, &b, ctx->a);
	case N_NEG: {
		double x;
		a = eval(n->kids[0], cur, ctx);
		return to_num(&a, &x) ? sv_num(-x) : sv_null();
	}
	default:
		return sv_bool(test(n, cur, ctx));
	}
}

sv expr_eval(const expr *e, const sv *rec, struct expr_ctx *ctx)
{
	ctx->root = rec;
	return eval(e->root, rec, ctx);
}

int expr_test(const expr *e, const sv *rec, struct expr_ctx *ctx)
{
	ctx->root = rec;
	return test(e->root, rec, ctx);
}

/* ---- lexer ---- */

enum tok {
	T_END, T_NUM, T_STR, T_PATH, T_TRUE, T_FALSE, T_NULL,
	T_AND, T_OR, T_NOT, T_IN,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_MATCH, T_NMATCH,
	T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT,
	T_LPAREN, T_RPAREN, T_LBRACK, T_RBRACK, T_COMMA, T_ERR,
};

struct token {
	int kind;
	size_t start, end;	/* bytes of the source */
	double num;
	const char *str;	/* T_STR (in the arena) */
	size_t len;
	struct seg *segs;	/* T_PATH */
	uint32_t nseg;
	int base;
	int plain;		/* one unquoted name: may be a function */
};

#define MAX_SEGS 64
#define MAX_NEST 100
#define MAX_HEIGHT 1000
#define MAX_ARGS 64

struct parser {
	const char *src;
	size_t len, pos;
	struct token tok;
	expr *e;
	struct expr_error *err;
	int failed, nest;
};

static void *fail(struct parser *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records the first error only; returns NULL for the callers' convenience. */
static void *fail(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;
	if (p->failed)
		return NULL;
	p->failed = 1;
	p->tok.kind = T_ERR;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	p->err->column = (int)utf8_length(p->src, off) + 1;
	return NULL;
}

/*
 * Names take ASCII letters, digits and '_' and any non-ASCII character
 * but punctuation and spaces, so 城市 is a name and “青岛” (curly quotes
 * from a Chinese input method) is an error rather than a missing field.
 */
static int ident_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9') || cp == '_';
	if (cp <= 0xbf)
		return cp == 0xb7;
	if (cp == 0xd7 || cp == 0xf7 || cp == 0xfeff)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f))
		return 0;
	if (cp >= 0xff00 && cp <= 0xff65)
		return (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) ||
		       (cp >= 0xff41 && cp <= 0xff5a);
	return 1;
}

/* Bytes of the code point at i if it can be part of a name, else 0. */
static size_t ident_at(const struct parser *p, size_t i)
{
	int32_t cp;
	size_t k = utf8_decode(p->src + i, p->len - i, &cp);
	return k && ident_cp(cp) ? k : 0;
}

static size_t ident_len(const struct parser *p, size_t i)
{
	size_t start = i, k;
	while (i < p->len && (k = ident_at(p, i)))
		i += k;
	return i - start;
}

static int is_digit_at(const struct parser *p, size_t i)
{
	return i < p->len && is_ascii_digit((unsigned char)p->src[i]);
}

static void skip_space(struct parser *p)
{
	for (;;) {
		char c = p->src[p->pos];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			p->pos++;
		else if (c == '\xe3' && p->src[p->pos + 1] == '\x80' &&
			 p->src[p->pos + 2] == '\x80')
			p->pos += 3;	/* ideographic space */
		else
			return;
	}
}

static int hex4(const char *s, int32_t *out)
{
	int32_t v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return 0;
		v = v * 16 + d;
	}
	*out = v;
	return 1;
}

/* \uXXXX at s (and its low surrogate); returns the bytes read or 0. */
static size_t lex_u(const char *s, int32_t *cp)
{
	int32_t lo;
	if (!hex4(s + 2, cp) || (*cp >= 0xdc00 && *cp <= 0xdfff))
		return 0;
	if (*cp < 0xd800 || *cp > 0xdbff)
		return 6;
	if (s[6] != '\\' || s[7] != 'u' || !hex4(s + 8, &lo) || lo < 0xdc00 || lo > 0xdfff)
		return 0;
	*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
	return 12;
}

static void lex_string(struct parser *p)
{
	const char *s = p->src;
	char q = s[p->pos];
	size_t i = p->pos + 1, o = 0;
	char *out;
	while (i < p->len && s[i] != q)
		i += s[i] == '\\' && i + 1 < p->len ? 2 : 1;
	if (i >= p->len) {
		fail(p, p->tok.start, "unterminated string");
		return;
	}
	/* escapes only shrink the text */
	out = arena_alloc(p->e->a, i - p->pos);
	for (i = p->pos + 1; s[i] != q; i++) {
		const char *esc;
		int32_t cp;
		size_t k;
		if (s[i] != '\\') {
			out[o++] = s[i];
			continue;
		}
		if (s[i + 1] == 'u') {
			if (!(k = lex_u(s + i, &cp))) {
				fail(p, i, "bad \\u escape");
				return;
			}
			o += utf8_encode(cp, out + o);
			i += k - 1;
		} else if ((esc = strchr("\"\\/'bfnrt", s[i + 1])) && s[i + 1]) {
			out[o++] = "\"\\/'\b\f\n\r\t"[esc - "\"\\/'bfnrt"];
			i++;
		} else {
			out[o++] = '\\';	/* unknown: kept, for regexes like "\.com" */
		}
	}
	out[o] = '\0';
	p->tok.kind = T_STR;
	p->tok.str = out;
	p->tok.len = o;
	p->pos = i + 1;
}

static void lex_number(struct parser *p)
{
	size_t i = p->pos;
	while (is_digit_at(p, i))
		i++;
	if (p->src[i] == '.')
		for (i++; is_digit_at(p, i);)
			i++;
	if ((p->src[i] == 'e' || p->src[i] == 'E') &&
	    (is_digit_at(p, i + 1) || ((p->src[i + 1] == '+' || p->src[i + 1] == '-') &&
				       is_digit_at(p, i + 2)))) {
		for (i += 2; is_digit_at(p, i);)
			i++;
	}
	if (i < p->len && (ident_at(p, i) || p->src[i] == '.')) {
		fail(p, p->pos, "bad number");
		return;
	}
	p->tok.kind = T_NUM;
	p->tok.num = strtod(arena_strndup(p->e->a, p->src + p->pos, i - p->pos), NULL);
	p->pos = i;
}

/* One path segment at p->pos: a name, an index or a `quoted name`. */
static int lex_seg(struct parser *p, struct seg *seg, int *quoted)
{
	const char *s = p->src;
	size_t i = p->pos, n;
	*quoted = s[i] == '`';
	if (*quoted) {
		char *out = arena_alloc(p->e->a, p->len - i);
		size_t o = 0;
		for (i++; i < p->len; i++) {
			if (s[i] == '`' && s[i + 1] != '`')
				break;
			out[o++] = s[i];
			i += s[i] == '`';	/* `` is a backquote */
		}
		if (i >= p->len)
			return !!fail(p, p->pos, "unterminated `name`");
		if (o == 0)
			return !!fail(p, p->pos, "empty field name");
		out[o] = '\0';
		seg->name = out;
		seg->idx = -1;
		p->pos = i + 1;
		return 1;
	}
	n = ident_len(p, i);
	if (n == 0)
		return !!fail(p, i, "expected a field name after '.'");
	seg->name = arena_strndup(p->e->a, s + i, n);
	seg->idx = parse_uint_n(s + i, n);
	p->pos = i + n;
	return 1;
}

/* Each segment's rest: the flat key to try when the nested lookup misses. */
static void join_rests(arena *a, struct seg *segs, uint32_t n)
{
	for (uint32_t i = 0; i + 1 < n; i++) {
		size_t len = 0, o = 0;
		char *r;
		for (uint32_t j = i; j < n; j++)
			len += strlen(segs[j].name) + 1;
		r = arena_alloc(a, len);
		for (uint32_t j = i; j < n; j++) {
			size_t k = strlen(segs[j].name);
			memcpy(r + o, segs[j].name, k);
			o += k;
			r[o++] = j + 1 < n ? '.' : '\0';
		}
		segs[i].rest = r;
	}
}

static const char *const keywords[] = {
	[T_TRUE] = "true", [T_FALSE] = "false", [T_NULL] = "null",
	[T_AND] = "and", [T_OR] = "or", [T_NOT] = "not", [T_IN] = "in",
};

static void lex_path(struct parser *p)
{
	struct seg segs[MAX_SEGS];
	uint32_t n = 0;
	int quoted = 0;
	char c = p->src[p->pos];
	p->tok.base = c == '$' ? B_ROOT : B_CUR;
	if (c == '$' || c == '@') {
		p->pos++;
		if (p->src[p->pos] != '.')
			goto done;
		p->pos++;
	}
	for (;;) {
		if (n == MAX_SEGS) {
			fail(p, p->tok.start, "path too long");
			return;
		}
		memset(&segs[n], 0, sizeof(segs[n]));
		if (!lex_seg(p, &segs[n++], &quoted))
			return;
		if (p->src[p->pos] != '.')
			break;
		p->pos++;
	}
done:
	p->tok.kind = T_PATH;
	p->tok.plain = c != '$' && c != '@' && n == 1 && !quoted;
	p->tok.nseg = n;
	p->tok.segs = n ? arena_alloc(p->e->a, n * sizeof(struct seg)) : NULL;
	if (n)
		memcpy(p->tok.segs, segs, n * sizeof(struct seg));
	join_rests(p->e->a, p->tok.segs, n);
	for (size_t k = T_TRUE; p->tok.plain && k < ARRAY_SIZE(keywords); k++)
		if (keywords[k] && strcmp(segs[0].name, keywords[k]) == 0)
			p->tok.kind = (int)k;
}

static const struct {
	char text[3];
	int kind;
} ops[] = {
	{ "==", T_EQ }, { "!=", T_NE }, { "<=", T_LE }, { ">=", T_GE },
	{ "=~", T_MATCH }, { "!~", T_NMATCH }, { "&&", T_AND }, { "||", T_OR },
	{ "<", T_LT }, { ">", T_GT }, { "!", T_NOT }, { "+", T_PLUS },
	{ "-", T_MINUS }, { "*", T_STAR }, { "/", T_SLASH }, { "%", T_PERCENT },
	{ "(", T_LPAREN }, { ")", T_RPAREN }, { "[", T_LBRACK }, { "]", T_RBRACK },
	{ ",", T_COMMA },
};

static void lex_op(struct parser *p)
{
	const char *s = p->src + p->pos;
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		size_t n = strlen(ops[i].text);
		if (memcmp(s, ops[i].text, n) == 0) {
			p->tok.kind = ops[i].kind;
			p->pos += n;
			return;
		}
	}
	int32_t cp;
	size_t k = utf8_decode(s, p->len - p->pos, &cp);
	if (*s == '=')
		fail(p, p->pos, "unexpected '=' (use == to compare)");
	else if (*s == '&' || *s == '|')
		fail(p, p->pos, "unexpected '%c' (use %c%c)", *s, *s, *s);
	else if (cp >= 0x2018 && cp <= 0x201f)
		fail(p, p->pos, "unexpected '%.*s' (use ASCII quotes)", (int)k, s);
	else
		fail(p, p->pos, "unexpected '%.*s'", (int)k, s);
}

static void next(struct parser *p)
{
	char c;
	if (p->failed)
		return;
	skip_space(p);
	c = p->src[p->pos];
	p->tok.start = p->pos;
	p->tok.plain = 0;
	if (c == '\0')
		p->tok.kind = T_END;
	else if (c == '"' || c == '\'')
		lex_string(p);
	else if (is_ascii_digit((unsigned char)c))
		lex_number(p);
	else if (c == '$' || c == '@' || c == '`' || ident_at(p, p->pos))
		lex_path(p);
	else
		lex_op(p);
	p->tok.end = p->pos;
}

/* "unexpected ')'", naming at most a few characters of the token. */
static void *unexpected(struct parser *p)
{
	size_t n = p->tok.end - p->tok.start;
	if (p->tok.kind == T_END)
		return fail(p, p->tok.start, "unexpected end of expression");
	while (n > 24 || (n < p->tok.end - p->tok.start &&
			  ((unsigned char)p->src[p->tok.start + n] & 0xc0) == 0x80))
		n--;
	return fail(p, p->tok.start, "unexpected '%.*s'", (int)n, p->src + p->tok.start);
}

/* ---- parser ---- */

static struct node *new_node(struct parser *p, int op, size_t off, uint32_t nkids)
{
	struct node *n = arena_alloc(p->e->a, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->op = (uint8_t)op;
	n->off = off;
	n->n = nkids;
	n->height = 1;
	if (nkids)
		n->kids = arena_alloc(p->e->a, nkids * sizeof(*n->kids));
	return n;
}

static struct node *lit_node(struct parser *p, sv v, size_t off)
{
	struct node *n = new_node(p, N_LIT, off, 0);
	n->lit = v;
	return n;
}

static int foldable(const struct node *n)
{
	if (n->op == N_LIT || n->op == N_PATH)
		return 0;
	if (n->op == N_CALL && (fns[n->fn].flags & FN_TODAY))
		return 0;
	for (uint32_t i = 0; i < n->n; i++)
		if (n->kids[i]->op != N_LIT)
			return 0;
	return 1;
}

/* Checks the depth and folds a node whose operands are all literals. */
static struct node *finish(struct parser *p, struct node *n)
{
	for (uint32_t i = 0; n->op != N_PATH && i < n->n; i++)
		if (n->kids[i]->height >= n->height)
			n->height = n->kids[i]->height + 1;
	if (n->height > MAX_HEIGHT)
		return fail(p, n->off, "expression too long");
	if (foldable(n)) {
		struct expr_ctx ctx = { p->e->a, 0, NULL };
		sv v = eval(n, NULL, &ctx);
		return lit_node(p, v, n->off);
	}
	return n;
}

static struct node *binary(struct parser *p, int op, size_t off, struct node *l,
			   struct node *r)
{
	struct node *n = new_node(p, op, off, 2);
	n->kids[0] = l;
	n->kids[1] = r;
	return finish(p, n);
}

static struct node *parse_or(struct parser *p);

static int expect(struct parser *p, int kind, const char *what)
{
	if (p->tok.kind != kind)
		return !!fail(p, p->tok.start, "expected '%s'", what);
	next(p);
	return !p->failed;
}

static struct node *parse_array(struct parser *p)
{
	struct node *items[MAX_ARGS], *n;
	size_t off = p->tok.start;
	uint32_t k = 0;
	next(p);
	while (p->tok.kind != T_RBRACK) {
		if (k == MAX_ARGS)
			return fail(p, p->tok.start, "array literal too long");
		if (!(items[k++] = parse_or(p)))
			return NULL;
		if (p->tok.kind != T_COMMA)
			break;
		next(p);
	}
	if (!expect(p, T_RBRACK, "]"))
		return NULL;
	n = new_node(p, N_ARRAY, off, k);
	if (k)
		memcpy(n->kids, items, k * sizeof(*items));
	return finish(p, n);
}

static int find_fn(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(fns); i++)
		if (strcmp(fns[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void *arity_error(struct parser *p, size_t off, const struct fninfo *f)
{
	if (f->max == 0)
		return fail(p, off, "'%s' takes no arguments", f->name);
	if (f->min == f->max)
		return fail(p, off, "'%s' takes %d argument%s", f->name, f->min,
			    f->min == 1 ? "" : "s");
	if (f->max == VARARGS)
		return fail(p, off, "'%s' takes at least %d argument%s", f->name, f->min,
			    f->min == 1 ? "" : "s");
	return fail(p, off, "'%s' takes %d or %d arguments", f->name, f->min, f->max);
}

static struct node *parse_call(struct parser *p)
{
	struct node *args[MAX_ARGS], *n;
	size_t off = p->tok.start;
	int fn = find_fn(p->tok.segs[0].name);
	uint32_t k = 0;
	if (fn < 0)
		return fail(p, off, "unknown function '%s'", p->tok.segs[0].name);
	next(p);	/* ( */
	next(p);
	while (!p->failed && p->tok.kind != T_RPAREN) {
		if (k == MAX_ARGS)
			return fail(p, p->tok.start, "too many arguments");
		if (!(args[k++] = parse_or(p)))
			return NULL;
		if (p->tok.kind != T_COMMA)
			break;
		next(p);
	}
	if (!expect(p, T_RPAREN, ")"))
		return NULL;
	if (k < fns[fn].min || k > fns[fn].max)
		return arity_error(p, off, &fns[fn]);
	n = new_node(p, N_CALL, off, k);
	n->fn = (uint8_t)fn;
	if (k)
		memcpy(n->kids, args, k * sizeof(*args));
	return finish(p, n);
}

static struct node *parse_primary(struct parser *p)
{
	struct token t = p->tok;
	struct node *n;
	switch (t.kind) {
	case T_NUM:
		next(p);
		return lit_node(p, sv_num(t.num), t.start);
	case T_STR:
		next(p);
		return lit_node(p, sv_str_ref(t.str, t.len), t.start);
	case T_TRUE:
	case T_FALSE:
		next(p);
		return lit_node(p, sv_bool(t.kind == T_TRUE), t.start);
	case T_NULL:
		next(p);
		return lit_node(p, sv_null(), t.start);
	case T_LBRACK:
		return parse_array(p);
	case T_LPAREN:
		next(p);
		if (!(n = parse_or(p)) || !expect(p, T_RPAREN, ")"))
			return NULL;
		return n;
	case T_PATH:
		skip_space(p);
		if (t.plain && p->src[p->pos] == '(')
			return parse_call(p);
		n = new_node(p, N_PATH, t.start, 0);
		n->base = (uint8_t)t.base;
		n->n = t.nseg;
		n->segs = t.segs;
		next(p);
		return n;
	default:
		return unexpected(p);
	}
}

static int enter(struct parser *p)
{
	if (++p->nest > MAX_NEST)
		return !!fail(p, p->tok.start, "expression nested too deeply");
	return 1;
}

static struct node *parse_unary(struct parser *p)
{
	size_t off = p->tok.start;
	struct node *n, *kid;
	if (p->tok.kind != T_MINUS)
		return parse_primary(p);
	next(p);
	if (!enter(p) || !(kid = parse_unary(p)))
		return NULL;
	p->nest--;
	n = new_node(p, N_NEG, off, 1);
	n->kids[0] = kid;
	return finish(p, n);
}

static struct node *parse_mul(struct parser *p)
{
	struct node *l = parse_unary(p), *r;
	while (l && (p->tok.kind == T_STAR || p->tok.kind == T_SLASH ||
		     p->tok.kind == T_PERCENT)) {
		int op = p->tok.kind == T_STAR ? N_MUL : p->tok.kind == T_SLASH ? N_DIV : N_MOD;
		size_t off = p->tok.start;
		next(p);
		if (!(r = parse_unary(p)))
			return NULL;
		l = binary(p, op, off, l, r);
	}
	return l;
}

static struct node *parse_add(struct parser *p)
{
	struct node *l = parse_mul(p), *r;
	while (l && (p->tok.kind == T_PLUS || p->tok.kind == T_MINUS)) {
		int op = p->tok.kind == T_PLUS ? N_ADD : N_SUB;
		size_t off = p->tok.start;
		next(p);
		if (!(r = parse_mul(p)))
			return NULL;
		l = binary(p, op, off, l, r);
	}
	return l;
}

static int cmp_op(int kind)
{
	switch (kind) {
	case T_EQ: return N_EQ;
	case T_NE: return N_NE;
	case T_LT: return N_LT;
	case T_LE: return N_LE;
	case T_GT: return N_GT;
	case T_GE: return N_GE;
	case T_MATCH: return N_MATCH;
	case T_NMATCH: return N_NMATCH;
	case T_IN: return N_IN;
	case T_NOT: return N_NIN;	/* "not in" */
	default: return -1;
	}
}

static int is_null_lit(const struct node *n)
{
	return n->op == N_LIT && n->lit.type == SV_NULL;
}

/* A literal pattern is compiled now, and a bad one is a compile error. */
static int literal_regex(struct parser *p, struct node *n)
{
	const struct node *pat = n->kids[1];
	char buf[100];
	int rc;
	if (pat->op != N_LIT)
		return 1;
	if (pat->lit.type != SV_STR)
		return !!fail(p, pat->off, "bad regex: not a string");
	n->re = arena_alloc(p->e->a, sizeof(regex_t));
	if ((rc = compile_re(n->re, pat->lit.u.s)) != 0) {
		regerror(rc, n->re, buf, sizeof(buf));
		n->re = NULL;
		return !!fail(p, pat->off, "bad regex: %s", buf);
	}
	GROW(p->e->res, p->e->res_cap, p->e->nres + 1);
	p->e->res[p->e->nres++] = n->re;
	return 1;
}

static struct node *parse_cmp(struct parser *p)
{
	struct node *l = parse_add(p), *r, *n;
	size_t off = p->tok.start;
	int op;
	if (!l || (op = cmp_op(p->tok.kind)) < 0)
		return l;
	next(p);
	if (op == N_NIN) {
		if (p->tok.kind != T_IN)
			return fail(p, off, "expected 'in' after 'not'");
		next(p);
	}
	if (!(r = parse_add(p)))
		return NULL;
	if (cmp_op(p->tok.kind) >= 0)
		return fail(p, p->tok.start, "comparisons do not chain (use &&)");
	if ((op == N_EQ || op == N_NE) && (is_null_lit(l) || is_null_lit(r))) {
		/* the one comparison where null is not false: presence */
		n = new_node(p, op == N_EQ ? N_ISNULL : N_NOTNULL, off, 1);
		n->kids[0] = is_null_lit(l) ? r : l;
		return finish(p, n);
	}
	n = new_node(p, op, off, 2);
	n->kids[0] = l;
	n->kids[1] = r;
	if ((op == N_MATCH || op == N_NMATCH) && !literal_regex(p, n))
		return NULL;
	return finish(p, n);
}

static struct node *parse_not(struct parser *p)
{
	size_t off = p->tok.start;
	struct node *n, *kid;
	if (p->tok.kind != T_NOT)
		return parse_cmp(p);
	next(p);
	if (!enter(p) || !(kid = parse_not(p)))
		return NULL;
	p->nest--;
	n = new_node(p, N_NOT, off, 1);
	n->kids[0] = kid;
	return finish(p, n);
}

static struct node *parse_and(struct parser *p)
{
	struct node *l = parse_not(p), *r;
	while (l && p->tok.kind == T_AND) {
		size_t off = p->tok.start;
		next(p);
		if (!(r = parse_not(p)))
			return NULL;
		l = binary(p, N_AND, off, l, r);
	}
	return l;
}

static struct node *parse_or(struct parser *p)
{
	struct node *l, *r;
	if (!enter(p))
		return NULL;
	l = parse_and(p);
	while (l && p->tok.kind == T_OR) {
		size_t off = p->tok.start;
		next(p);
		if (!(r = parse_and(p)))
			return NULL;
		l = binary(p, N_OR, off, l, r);
	}
	p->nest--;
	return l;
}

/* ---- compiled expressions ---- */

static void add_field(expr *e, const char *name)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i], name) == 0)
			return;
	GROW(e->fields, e->fields_cap, e->nfields + 2);
	e->fields[e->nfields++] = name;
	e->fields[e->nfields] = NULL;
}

/* Top-level fields and today() use; depth > 0 inside any() and friends. */
static void survey(expr *e, const struct node *n, int depth)
{
	if (n->op == N_PATH) {
		if (n->n && (n->base == B_ROOT || depth == 0))
			add_field(e, n->segs[0].name);
		return;
	}
	if (n->op == N_CALL && (fns[n->fn].flags & FN_TODAY))
		e->uses_today = 1;
	for (uint32_t i = 0; i < n->n; i++) {
		int scoped = n->op == N_CALL && (fns[n->fn].flags & FN_SCOPE) && i == 1 &&
			     n->n == 2;
		survey(e, n->kids[i], depth + scoped);
	}
}

expr *expr_compile(const char *src, struct expr_error *err)
{
	struct parser p = { 0 };
	long bad;
	memset(err, 0, sizeof(*err));
	p.src = src ? src : "";
	p.len = strlen(p.src);
	p.err = err;
	p.e = xcalloc(1, sizeof(expr));
	p.e->a = arena_new();
	if ((bad = utf8_invalid_at(p.src, p.len)) >= 0) {
		fail(&p, (size_t)bad, "invalid UTF-8");
	} else {
		next(&p);
		if (p.tok.kind == T_END && !p.failed)
			fail(&p, 0, "empty expression");
		p.e->root = parse_or(&p);
		if (p.e->root && (p.tok.kind == T_RPAREN || p.tok.kind == T_RBRACK ||
				  p.tok.kind == T_COMMA))
			unexpected(&p);
		else if (p.e->root && p.tok.kind != T_END)
			fail(&p, p.tok.start, "trailing input (missing operator?)");
	}
	if (p.failed) {
		expr_free(p.e);
		return NULL;
	}
	survey(p.e, p.e->root, 0);
	return p.e;
}

void expr_free(expr *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nres; i++)
		regfree(e->res[i]);
	free(e->res);
	free(e->fields);
	arena_free(e->a);
	free(e);
}

const char *const *expr_fields(const expr *e, size_t *n)
{
	static const char *const none[] = { NULL };
	*n = e->nfields;
	return e->nfields ? e->fields : none;
}

int expr_uses_today(const expr *e)
{
	return e->uses_today;
}

/* ---- errors ---- */

void expr_print_error(const char *what, const char *src, const struct expr_error *err)
{
	strbuf sb = STRBUF_INIT;
	size_t len = src ? strlen(src) : 0, i = 0;
	int col = 1;
	if (what)
		sb_addf(&sb, "%s: %s: expression: column %d: %s\n    ", scrm_progname, what,
			err->column, err->msg);
	else
		sb_addf(&sb, "%s: expression: column %d: %s\n    ", scrm_progname,
			err->column, err->msg);
	/* the source on one line, then a caret under the column (CJK is 2 wide) */
	for (i = 0; i < len; i++)
		sb_addc(&sb, (unsigned char)src[i] < ' ' ? ' ' : src[i]);
	sb_adds(&sb, "\n    ");
	for (i = 0; i < len && col < err->column; col++) {
		int32_t cp;
		size_t k = utf8_decode(src + i, len - i, &cp);
		int w = k ? utf8proc_charwidth(cp) : 1;
		if (k == 0)
			k = 1;
		if ((unsigned char)src[i] < ' ')
			w = 1;
		while (w-- > 0)
			sb_addc(&sb, ' ');
		i += k;
	}
	sb_adds(&sb, "^\n");
	fflush(stdout);
	fputs(sb_str(&sb), stderr);
	sb_release(&sb);
}

expr *expr_compile_or_die(const char *what, const char *src)
{
	struct expr_error err;
	expr *e = expr_compile(src, &err);
	if (!e) {
		expr_print_error(what, src, &err);
		scrm_exit(SCRM_EXIT_USAGE);
	}
	return e;
}

char **expr_split_list(const char *s, size_t *n)
{
	char **v = NULL;
	size_t cap = 0, k = 0;
	int depth = 0;
	char quote = 0;
	const char *start = s;
	for (const char *p = s;; p++) {
		if (quote) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
			else if (!*p)
				quote = 0;
			if (*p)
				continue;
		}
		if (*p == '"' || *p == '\'' || *p == '`') {
			quote = *p;
		} else if (*p == '(' || *p == '[' || *p == '{') {
			depth++;
		} else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0) {
			depth--;
		} else if ((*p == ',' && depth == 0) || !*p) {
			const char *a = start, *b = p;
			while (a < b && (*a == ' ' || *a == '\t'))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			GROW(v, cap, k + 1);
			v[k++] = xstrndup(a, (size_t)(b - a));
			start = p + 1;
			if (!*p)
				break;
		}
	}
	*n = k;
	return v;
}

void expr_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
