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

/* Canonical fields, in output order: index of schema_fields. */
enum schema_field {
	F_SRC, F_RID, F_EVENT, F_DATE,
	F_NAME, F_GIVEN_NAME, F_FAMILY_NAME, F_GENDER, F_BIRTHDATE, F_AGE,
	F_ID_CARD, F_PHONE, F_PHONE_ALT, F_LANDLINE, F_EMAIL,
	F_MEMBER_ID, F_OPENID, F_DEVICE_ID, F_SERIAL, F_ANON_ID,
	F_PROVINCE, F_CITY, F_DISTRICT, F_ADCODE, F_ADDRESS,
	F_COMMUNITY, F_BUILDING, F_UNIT, F_ROOM, F_LAT, F_LON,
	F_CATEGORY, F_SKU, F_PRICE, F_CHANNEL, F_TEXT, F_FAULT,
	F_UID, F_HID, F_TAGS, F_SCORE, F_SEGMENT, F_GROUP,
	F_FLAGS, F_RAW,
	F_COUNT
};

/* Canonical fields in output order; NULL-terminated. */
extern const char *const schema_fields[];

/* Position of a canonical field in schema_fields, or -1. */
int schema_index(const char *key);
enum schema_kind schema_kind(const char *key);

#endif
