#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "banned.h"

/* ---- arena ---- */

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[];
};

struct arena {
	struct chunk *head;	/* current chunk */
	struct chunk *spare;	/* chunks kept for reuse after a reset */
	size_t total;
};

#define CHUNK_SIZE (64 * 1024)

arena *arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

static void free_chunks(struct chunk *c)
{
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
}

void arena_free(arena *a)
{
	if (!a)
		return;
	free_chunks(a->head);
	free_chunks(a->spare);
	free(a);
}

void arena_reset(arena *a)
{
	/* keep standard-size chunks for reuse, give big ones back */
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		if (c->size == CHUNK_SIZE) {
			c->next = a->spare;
			a->spare = c;
		} else {
			free(c);
		}
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

void *arena_alloc(arena *a, size_t n)
{
	struct chunk *c = a->head;
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;
		if (size == CHUNK_SIZE && a->spare) {
			c = a->spare;
			a->spare = c->next;
		} else {
			c = xmalloc(sizeof(*c) + size);
			c->size = size;
		}
		c->used = 0;
		if (size != CHUNK_SIZE && a->head) {
			/* a big block: put it behind the current chunk */
			c->next = a->head->next;
			a->head->next = c;
			c->used = n;
			a->total += n;
			return c->data;
		}
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

size_t arena_used(const arena *a)
{
	return a->total;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* ---- values ---- */

sv sv_num_text(arena *a, const char *text, size_t n)
{
	sv v = { 0 };
	char *t = arena_strndup(a, text, n);
	v.type = SV_NUM;
	v.u.num.d = strtod(t, NULL);
	v.u.num.text = t;
	v.len = (uint32_t)n;
	return v;
}

sv sv_str(arena *a, const char *s, size_t n)
{
	sv v = { 0 };
	v.type = SV_STR;
	v.u.s = arena_strndup(a, s, n);
	v.len = (uint32_t)n;
	return v;
}

sv sv_strz(arena *a, const char *s)
{
	return sv_str(a, s, strlen(s));
}

sv sv_str_static(const char *s)
{
	sv v = { 0 };
	v.type = SV_STR;
	v.u.s = s;
	v.len = (uint32_t)strlen(s);
	return v;
}

static void *arena_grow(arena *a, void *old, size_t n, uint32_t *cap, size_t sz)
{
	uint32_t ncap = *cap < 4 ? 8 : *cap * 2;
	void *p = arena_alloc(a, ncap * sz);
	if (n)
		memcpy(p, old, n * sz);
	*cap = ncap;
	return p;
}

void sv_arr_push(arena *a, sv *arr, sv item)
{
	if (arr->len == arr->cap)
		arr->u.items = arena_grow(a, arr->u.items, arr->len, &arr->cap, sizeof(sv));
	arr->u.items[arr->len++] = item;
}

sv *sv_get(const sv *obj, const char *key)
{
	if (!obj || obj->type != SV_OBJ)
		return NULL;
	for (uint32_t i = 0; i < obj->len; i++)
		if (strcmp(obj->u.pairs[i].key, key) == 0)
			return &obj->u.pairs[i].val;
	return NULL;
}

const char *sv_get_str(const sv *obj, const char *key)
{
	const sv *v = sv_get(obj, key);
	return v && v->type == SV_STR ? v->u.s : NULL;
}

sv *sv_set(arena *a, sv *obj, const char *key, sv val)
{
	sv *old = sv_get(obj, key);
	if (old) {
		*old = val;
		return old;
	}
	return sv_append(a, obj, key, val);
}

sv *sv_append(arena *a, sv *obj, const char *key, sv val)
{
	if (obj->len == obj->cap)
		obj->u.pairs = arena_grow(a, obj->u.pairs, obj->len, &obj->cap, sizeof(sv_pair));
	obj->u.pairs[obj->len].key = key;
	obj->u.pairs[obj->len].val = val;
	return &obj->u.pairs[obj->len++].val;
}

sv *sv_set_copykey(arena *a, sv *obj, const char *key, sv val)
{
	sv *old = sv_get(obj, key);
	if (old) {
		*old = val;
		return old;
	}
	return sv_set(a, obj, arena_strdup(a, key), val);
}

int sv_del(sv *obj, const char *key)
{
	if (!obj || obj->type != SV_OBJ)
		return 0;
	for (uint32_t i = 0; i < obj->len; i++)
		if (strcmp(obj->u.pairs[i].key, key) == 0) {
			memmove(&obj->u.pairs[i], &obj->u.pairs[i + 1],
				(obj->len - i - 1) * sizeof(sv_pair));
			obj->len--;
			return 1;
		}
	return 0;
}

void sv_rename(sv *obj, const char *from, const char *to)
{
	for (uint32_t i = 0; obj && obj->type == SV_OBJ && i < obj->len; i++)
		if (strcmp(obj->u.pairs[i].key, from) == 0) {
			obj->u.pairs[i].key = to;
			return;
		}
}

sv sv_copy(arena *a, const sv *v)
{
	sv c = *v;
	switch (v->type) {
	case SV_STR:
		c.u.s = arena_strndup(a, v->u.s, v->len);
		break;
	case SV_NUM:
		if (v->u.num.text)
			c.u.num.text = arena_strndup(a, v->u.num.text, v->len);
		break;
	case SV_ARR:
		c.cap = v->len;
		c.u.items = v->len ? arena_alloc(a, v->len * sizeof(sv)) : NULL;
		for (uint32_t i = 0; i < v->len; i++)
			c.u.items[i] = sv_copy(a, &v->u.items[i]);
		break;
	case SV_OBJ:
		c.cap = v->len;
		c.u.pairs = v->len ? arena_alloc(a, v->len * sizeof(sv_pair)) : NULL;
		for (uint32_t i = 0; i < v->len; i++) {
			c.u.pairs[i].key = arena_strdup(a, v->u.pairs[i].key);
			c.u.pairs[i].val = sv_copy(a, &v->u.pairs[i].val);
		}
		break;
	}
	return c;
}

const sv *sv_path(const sv *root, const char *path)
{
	const sv *cur = root;
	char seg[256];
	while (cur && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof(seg))
			return NULL;
		memcpy(seg, path, n);
		seg[n] = '\0';
		if (cur->type == SV_OBJ) {
			const sv *next = sv_get(cur, seg);
			if (!next && dot) {
				/* a flat key that itself holds a dot ("addr.city") */
				const sv *flat = sv_get(cur, path);
				if (flat)
					return flat;
			}
			cur = next;
		} else if (cur->type == SV_ARR) {
			long long idx = parse_uint_n(seg, n);
			cur = idx >= 0 && idx < cur->len ? &cur->u.items[idx] : NULL;
		} else {
			return NULL;
		}
		path = dot ? dot + 1 : path + n;
	}
	return cur;
}

int sv_is_empty(const sv *v)
{
	if (!v)
		return 1;
	switch (v->type) {
	case SV_NULL:
		return 1;
	case SV_STR:
	case SV_ARR:
	case SV_OBJ:
		return v->len == 0;
	default:
		return 0;
	}
}

int sv_to_double(const sv *v, double *out)
{
	char *end;
	if (!v)
		return 0;
	if (v->type == SV_NUM) {
		*out = v->u.num.d;
		return 1;
	}
	if (v->type == SV_STR && v->len > 0) {
		double d = strtod(v->u.s, &end);
		if (end == v->u.s + v->len && isfinite(d) && v->u.s[0] != ' ') {
			*out = d;
			return 1;
		}
	}
	return 0;
}

size_t format_double(double d, char *buf, size_t size)
{
	int n = 0;
	if (!isfinite(d)) {
		/* JSON has no Inf or NaN */
		n = snprintf(buf, size, "null");
		return (size_t)n;
	}
	if (d == (double)(long long)d && fabs(d) < 1e15) {
		n = snprintf(buf, size, "%lld", (long long)d);
		return (size_t)n;
	}
	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return (size_t)n;
}
