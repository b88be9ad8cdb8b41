#ifndef SCRM_INTERN_H
#define SCRM_INTERN_H
/*
 * String interning: each distinct string gets a small integer id (1, 2,
 * ...; 0 is "no value"), so records can be held as compact integer
 * features and compared by id. Strings live in one growing store; each
 * id also counts how often it was added (term frequencies).
 */
#include <stddef.h>
#include <stdint.h>

typedef struct intern intern;

intern *intern_new(void);
void intern_free(intern *t);
/* The id of s (added if new); its count goes up by one. */
uint32_t intern_add(intern *t, const char *s, size_t n);
/* The id of s, or 0 if it was never added. */
uint32_t intern_find(const intern *t, const char *s, size_t n);
const char *intern_str(const intern *t, uint32_t id);
size_t intern_len(const intern *t, uint32_t id);
uint32_t intern_count(const intern *t, uint32_t id);
/* Number of distinct strings (ids run from 1 to this). */
uint32_t intern_size(const intern *t);
/* Total of all counts. */
uint64_t intern_total(const intern *t);
size_t intern_bytes(const intern *t);	/* memory held */

#endif
