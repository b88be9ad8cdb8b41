#ifndef SCRM_CN_NAMES_H
#define SCRM_CN_NAMES_H
/*
 * Chinese surnames, from the table generated into libscrm.a from
 * data/cn/cn_surnames.tsv by scripts/gen/cn_surnames.sh.
 */
#include <stddef.h>

/* 1 for a single surname, 2 for a compound one, plus 4 when it is rarely an ordinary word. */
enum { CN_SURNAME_SINGLE = 1, CN_SURNAME_COMPOUND = 2, CN_SURNAME_UNAMBIGUOUS = 4 };

/* The class of s as a whole (0 when s is no surname). */
int cn_surname_class(const char *s, size_t n);

/*
 * Bytes of the surname at the start of name: a compound surname when the
 * name is long enough to hold one, else the first character; 0 if empty.
 */
size_t cn_surname_len(const char *name, size_t n);

/* Traditional -> simplified characters (Unihan kSimplifiedVariant). */
struct cn_t2s_pair {
	const char *traditional, *simplified;	/* one character each, UTF-8 */
};
extern const struct cn_t2s_pair cn_t2s[];
extern const size_t cn_t2s_len;

/* Toneless pinyin readings of a character (Unihan, kTGH characters). */
struct cn_pinyin_entry {
	const char *han;	/* one character, UTF-8 */
	const char *readings;	/* "zeng ceng": space separated, ü as v */
};
extern const struct cn_pinyin_entry cn_pinyin[];
extern const size_t cn_pinyin_len;
/* Every reading, sorted (strcmp order). */
extern const char *const cn_pinyin_syllables[];
extern const size_t cn_pinyin_syllables_len;

#include "util.h"
/*
 * Appends s with every traditional character replaced by its simplified
 * form (張偉 -> 张伟), for matching keys: a lossy mapping (於 -> 于), never
 * for display.
 */
void cn_simplify(const char *s, size_t n, strbuf *out);

/*
 * How a name in Latin letters fits a Han name (simplified characters):
 * CN_PINYIN_NAME when it spells the whole name in pinyin, surname first or
 * last (Tang Binqing, Binqing Tang, TANG BIN-QING); CN_PINYIN_SURNAME when
 * only its first or last word is the surname's; CN_PINYIN_OTHER when it is
 * pinyin of another name; CN_PINYIN_UNKNOWN when it is no pinyin at all
 * (Lily), so nothing can be said.
 */
enum cn_pinyin_fit {
	CN_PINYIN_UNKNOWN, CN_PINYIN_OTHER, CN_PINYIN_SURNAME, CN_PINYIN_NAME,
};
enum cn_pinyin_fit cn_pinyin_fit(const char *han, size_t hn, const char *latin, size_t ln);

#endif
