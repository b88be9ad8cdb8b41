#include "schema.h"

#include <string.h>

#include "util.h"
#include "banned.h"

const char *const schema_fields[] = {
	"src", "rid", "event", "date",
	"name", "given_name", "family_name", "gender", "birthdate", "age",
	"id_card", "phone", "phone_alt", "landline", "email",
	"member_id", "openid", "device_id", "serial", "anon_id",
	"province", "city", "district", "adcode", "address",
	"community", "building", "unit", "room", "lat", "lon",
	"category", "sku", "price", "channel", "text", "fault",
	"uid", "hid", "tags", "score", "segment", "group",
	"_flags", "raw",
	NULL
};

int schema_index(const char *key)
{
	for (int i = 0; schema_fields[i]; i++)
		if (strcmp(schema_fields[i], key) == 0)
			return i;
	return -1;
}

enum schema_kind schema_kind(const char *key)
{
	static const char *const numbers[] = { "price", "lat", "lon", "age" };
	static const char *const arrays[] = {
		"_flags", "phone_alt", "tags", "rids", "sources",
	};
	for (size_t i = 0; i < ARRAY_SIZE(numbers); i++)
		if (strcmp(key, numbers[i]) == 0)
			return SCHEMA_NUMBER;
	if (has_prefix(key, "score."))
		return SCHEMA_NUMBER;
	for (size_t i = 0; i < ARRAY_SIZE(arrays); i++)
		if (strcmp(key, arrays[i]) == 0)
			return SCHEMA_ARRAY;
	return SCHEMA_STRING;
}
