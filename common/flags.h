#ifndef SCRM_FLAGS_H
#define SCRM_FLAGS_H
/*
 * Quality flags gathered while one record is normalised: names such as
 * "phone_invalid" or "email_typo_fixed" (scrm-fields.7 lists them all).
 * Names are string literals; adding one twice keeps one.
 */
#include <string.h>

#define FLAGS_MAX 48

struct flags {
	const char *v[FLAGS_MAX];
	int n;
};

static inline void flags_clear(struct flags *f)
{
	f->n = 0;
}

static inline int flags_has(const struct flags *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->v[i], name) == 0)
			return 1;
	return 0;
}

static inline void flag_add(struct flags *f, const char *name)
{
	if (!f || flags_has(f, name) || f->n >= FLAGS_MAX)
		return;
	f->v[f->n++] = name;
}

#endif
