#ifndef SCRM_VALUE_H
#define SCRM_VALUE_H
/*
 * The record model every tool works on: a JSON-like value whose memory
 * comes from an arena that is reset after each record, so a streaming
 * tool does no malloc per field. Objects keep their keys in insertion
 * order (output is deterministic) and are searched linearly (records
 * have tens of fields, not thousands). Numbers keep the text they were
 * read as, so 4424.17 is written back as 4424.17.
 */
#include <stddef.h>
#include <stdint.h>

typedef enum {
	SV_NULL = 0,
	SV_BOOL,
	SV_NUM,
	SV_STR,
	SV_ARR,
	SV_OBJ
} sv_type;

typedef struct sv sv;
typedef struct sv_pair sv_pair;

struct sv {
	uint8_t type;
	uint8_t b;		/* SV_BOOL */
	uint32_t len;		/* bytes of str/num text; items of arr/obj */
	uint32_t cap;		/* arr/obj capacity */
	union {
		const char *s;	/* SV_STR: NUL-terminated, may hold NULs */
		struct {
			double d;
			const char *text;	/* source text or NULL */
		} num;
		sv *items;	/* SV_ARR */
		sv_pair *pairs;	/* SV_OBJ */
	} u;
};

struct sv_pair {
	const char *key;	/* NUL-terminated; lives as long as the record */
	sv val;
};

/* Arena: bump allocation in chunks, freed all at once. */
typedef struct arena arena;
arena *arena_new(void);
void arena_free(arena *a);
void arena_reset(arena *a);
void *arena_alloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
size_t arena_used(const arena *a);

/* Constructors. Strings are copied into the arena unless stated. */
static inline sv sv_null(void)
{
	sv v = { 0 };
	return v;
}
static inline sv sv_bool(int b)
{
	sv v = { 0 };
	v.type = SV_BOOL;
	v.b = b ? 1 : 0;
	return v;
}

static inline sv sv_num(double d)
{
	sv v = { 0 };
	v.type = SV_NUM;
	v.u.num.d = d;
	return v;
}

/* A number with its source text (copied). */
sv sv_num_text(arena *a, const char *text, size_t n);
sv sv_str(arena *a, const char *s, size_t n);
sv sv_strz(arena *a, const char *s);
/* A string that is not copied: s must outlive the record (literals). */
sv sv_str_static(const char *s);
/* Same with a known length; s[n] must be '\0'. */
static inline sv sv_str_ref(const char *s, size_t n)
{
	sv v = { 0 };
	v.type = SV_STR;
	v.u.s = s;
	v.len = (uint32_t)n;
	return v;
}

static inline sv sv_arr(void)
{
	sv v = { 0 };
	v.type = SV_ARR;
	return v;
}

static inline sv sv_obj(void)
{
	sv v = { 0 };
	v.type = SV_OBJ;
	return v;
}

void sv_arr_push(arena *a, sv *arr, sv item);
/* Looks up key; NULL when absent. */
sv *sv_get(const sv *obj, const char *key);
/* A string member's value, or NULL when absent or not a string. */
const char *sv_get_str(const sv *obj, const char *key);
/* Sets key (replacing in place, or appending); the key is not copied. */
sv *sv_set(arena *a, sv *obj, const char *key, sv val);
/* Appends key without looking for it first: the caller knows it is new. */
sv *sv_append(arena *a, sv *obj, const char *key, sv val);
/* Same as sv_set, copying the key into the arena. */
sv *sv_set_copykey(arena *a, sv *obj, const char *key, sv val);
/* Removes key, keeping the order of the rest; returns 1 if it was there. */
int sv_del(sv *obj, const char *key);
/* Renames a key in place (the new key is not copied). */
void sv_rename(sv *obj, const char *from, const char *to);
/* Deep copy into another arena (to keep a record past an arena reset). */
sv sv_copy(arena *a, const sv *v);

/* Looks up a dotted path ("score.activity", "products.0.sku"). */
const sv *sv_path(const sv *root, const char *path);

int sv_is_empty(const sv *v);	/* null, "", [] or {} */
/* Numeric value of a number, or of a string that is a number; 0 if not. */
int sv_to_double(const sv *v, double *out);

/*
 * Writes a double in the shortest text that reads back as the same
 * double (%.15g, then 16, then 17 digits). Returns the length.
 */
size_t format_double(double d, char *buf, size_t size);

#endif
