#ifndef SCRM_SCHEMA_H
#define SCRM_SCHEMA_H
/*
 * The canonical record schema (scrm-fields.7): the order fields are
 * written in, and which fields are numbers or arrays when they come back
 * from a CSV cell (where everything else stays a string, so a phone or
 * zip code never loses a leading zero).
 */
#include <stddef.h>

enum schema_kind {
	SCHEMA_STRING = 0,
	SCHEMA_NUMBER,		/* price, lat, lon, age, score.* */
	SCHEMA_ARRAY,		/* _flags, phone_alt, tags ...: "|"-joined in CSV */
};

/* Canonical fields in output order; NULL-terminated. */
extern const char *const schema_fields[];

/* Position of a canonical field in schema_fields, or -1. */
int schema_index(const char *key);
enum schema_kind schema_kind(const char *key);

#endif
