#ifndef SCRM_CLEAN_ADDRESS_H
#define SCRM_CLEAN_ADDRESS_H
/*
 * Chinese postal addresses (cn-cleaning-rules.md section 3): the
 * administrative part is matched against the GB/T 2260 table (common/
 * cn_admin.h), full or short names, former names mapped to today's units;
 * the rest is split into community, building, unit and room.
 */
#include <stddef.h>

#include "flags.h"

struct address {
	/* official current names: 山东省 青岛市 崂山区; municipalities: city = 北京市;
	   county-level cities under a province (仙桃市, 429004): city is empty;
	   cities without districts (东莞市): district is empty */
	char province[64], city[64], district[64];
	int adcode;		/* deepest matched current code, 0 if none */
	double lat, lon;	/* GCJ-02 centroid of that unit */
	int has_centroid;
	/* building, unit and room as keys: ASCII digits and upper-case letters */
	char community[128], building[32], unit[32], room[32];
	char detail[512];	/* the normalised text after the administrative part */
};

/*
 * Parses the address s[0, n) with the optional province, city and district
 * columns of the record (each may be NULL; a name, a short name or a code).
 * Returns 1 if an administrative unit was found (in the text or the hints),
 * else 0. Flags: address_junk, address_unparsed, address_admin_ambiguous,
 * address_admin_renamed, address_admin_conflict (hints disagree with the
 * text; the text wins).
 */
int address_parse(const char *s, size_t n, const char *prov_hint, const char *city_hint,
		  const char *district_hint, struct address *out, struct flags *f);

#endif
