#ifndef SCRM_CONF_H
#define SCRM_CONF_H
/*
 * The toolkit's configuration files (column maps, match models, tag
 * rules, score models, personas, splits, centroids) are JSON. They are
 * read one way: a file that cannot be opened ends the run with exit 3,
 * one that does not parse (duplicate keys included) with exit 2 and
 * "FILE:LINE: bad JSON at column C: why".
 */
#include <jansson.h>
#include <stddef.h>

json_t *conf_load(const char *path);
/* A built-in file, name standing for it in messages. */
json_t *conf_load_text(const char *name, const char *text, size_t len);

/* The first key of obj that is not among allowed (" id name when "), or NULL. */
const char *conf_unknown_key(json_t *obj, const char *allowed);

#endif
