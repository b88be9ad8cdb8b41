#ifndef SCRM_MATCH_OUTPUT_H
#define SCRM_MATCH_OUTPUT_H
#include "match.h"
#include "writer.h"

/* Every record as read (not the state's), with its uid and hid; returns how many. */
size_t write_linked(writer *w, const struct records *r, const intern *uids, const uint32_t *uid,
		  const intern *hids, const uint32_t *hid);
/* One profile per person (man scrm-match: PROFILES). */
void write_profiles(writer *w, const struct records *r, const uint32_t *cluster,
		    const intern *uids, const uint32_t *uid, const intern *hids,
		    const uint32_t *hid);
/*
 * Survivorship: the value of field among n records whose source ranks
 * (lower: more trusted) and dates (days) are given: the most trusted
 * source, then the most recent, then the most frequent, then the first.
 */
const sv *golden_value(const sv *recs, const int *rank, const int32_t *date, size_t n,
		       const char *field);
#endif
