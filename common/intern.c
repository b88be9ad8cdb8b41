#include "intern.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "banned.h"

struct entry {
	size_t off;		/* into text */
	uint32_t len;
	uint32_t count;
	uint64_t hash;
};

struct intern {
	char *text;
	size_t text_len, text_cap;
	struct entry *entries;	/* [0] unused: id 0 is "no value" */
	size_t n, cap;
	struct slot {
		uint32_t id;	/* entry index, 0 empty */
		uint32_t check;	/* high hash bits: most misses never touch the entry */
	} *slots;
	size_t nslots;
	uint64_t total;
};

intern *intern_new(void)
{
	intern *t = xcalloc(1, sizeof(*t));
	t->cap = 1024;
	t->entries = xcalloc(t->cap, sizeof(*t->entries));
	t->n = 1;
	t->nslots = 2048;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	return t;
}

void intern_free(intern *t)
{
	if (!t)
		return;
	free(t->text);
	free(t->entries);
	free(t->slots);
	free(t);
}

static size_t find_slot(const intern *t, const char *s, size_t n, uint64_t h)
{
	size_t i = h & (t->nslots - 1);
	uint32_t check = (uint32_t)(h >> 32);
	for (;;) {
		uint32_t id = t->slots[i].id;
		if (!id)
			return i;
		if (t->slots[i].check == check) {
			const struct entry *e = &t->entries[id];
			if (e->len == n && memcmp(t->text + e->off, s, n) == 0)
				return i;
		}
		i = (i + 1) & (t->nslots - 1);
	}
}

static void rehash(intern *t)
{
	free(t->slots);
	t->nslots *= 2;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	for (uint32_t id = 1; id < t->n; id++) {
		size_t i = t->entries[id].hash & (t->nslots - 1);
		while (t->slots[i].id)
			i = (i + 1) & (t->nslots - 1);
		t->slots[i].id = id;
		t->slots[i].check = (uint32_t)(t->entries[id].hash >> 32);
	}
}

uint32_t intern_add(intern *t, const char *s, size_t n)
{
	uint64_t h = hash64(s, n, 0x5eed);
	size_t i = find_slot(t, s, n, h);
	struct entry *e;
	t->total++;
	if (t->slots[i].id) {
		t->entries[t->slots[i].id].count++;
		return t->slots[i].id;
	}
	GROW(t->entries, t->cap, t->n + 1);
	if (t->text_len + n + 1 > t->text_cap) {
		size_t cap = t->text_cap ? t->text_cap : 1 << 16;
		while (cap < t->text_len + n + 1)
			cap *= 2;
		t->text = xrealloc(t->text, cap);
		t->text_cap = cap;
	}
	e = &t->entries[t->n];
	e->off = t->text_len;
	e->len = (uint32_t)n;
	e->count = 1;
	e->hash = h;
	memcpy(t->text + t->text_len, s, n);
	t->text[t->text_len + n] = '\0';
	t->text_len += n + 1;
	t->slots[i].id = (uint32_t)t->n;
	t->slots[i].check = (uint32_t)(h >> 32);
	t->n++;
	if (t->n * 2 > t->nslots)
		rehash(t);
	return (uint32_t)(t->n - 1);
}

uint32_t intern_find(const intern *t, const char *s, size_t n)
{
	return t->slots[find_slot(t, s, n, hash64(s, n, 0x5eed))].id;
}

const char *intern_str(const intern *t, uint32_t id)
{
	return id && id < t->n ? t->text + t->entries[id].off : "";
}

size_t intern_len(const intern *t, uint32_t id)
{
	return id && id < t->n ? t->entries[id].len : 0;
}

uint32_t intern_count(const intern *t, uint32_t id)
{
	return id && id < t->n ? t->entries[id].count : 0;
}

uint32_t intern_size(const intern *t)
{
	return (uint32_t)(t->n - 1);
}

uint64_t intern_total(const intern *t)
{
	return t->total;
}

size_t intern_bytes(const intern *t)
{
	return t->text_cap + t->cap * sizeof(struct entry) + t->nslots * sizeof(struct slot);
}
