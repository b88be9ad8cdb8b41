/* The canonical schema: the field enum matches the names, kinds are right. */
#include "schema.h"
#include "test.h"

int main(void)
{
	static const struct {
		int f;
		const char *name;
	} fields[] = {
		{ F_SRC, "src" }, { F_RID, "rid" }, { F_DATE, "date" }, { F_NAME, "name" },
		{ F_ID_CARD, "id_card" }, { F_PHONE, "phone" }, { F_PHONE_ALT, "phone_alt" },
		{ F_ANON_ID, "anon_id" }, { F_ADCODE, "adcode" }, { F_ROOM, "room" },
		{ F_LON, "lon" }, { F_TEXT, "text" }, { F_GROUP, "group" },
		{ F_FLAGS, "_flags" }, { F_RAW, "raw" },
	};
	int n = 0;
	while (schema_fields[n])
		n++;
	CHECK_INT(n, F_COUNT, "enum schema_field has one entry per name");
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		CHECK_STR(schema_fields[fields[i].f], fields[i].name, "enum matches name");
		CHECK_INT(schema_index(fields[i].name), fields[i].f, fields[i].name);
	}
	CHECK_INT(schema_index("no_such_field"), -1, "unknown field");
	CHECK_INT(schema_kind("price"), SCHEMA_NUMBER, "price");
	CHECK_INT(schema_kind("score.activity"), SCHEMA_NUMBER, "score.*");
	CHECK_INT(schema_kind("_flags"), SCHEMA_ARRAY, "_flags");
	CHECK_INT(schema_kind("phone"), SCHEMA_STRING, "phone stays a string");
	return test_done();
}
