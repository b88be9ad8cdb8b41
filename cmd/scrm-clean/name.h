#ifndef SCRM_CLEAN_NAME_H
#define SCRM_CLEAN_NAME_H
/*
 * Personal names (cn-cleaning-rules.md §4).
 *
 * NORM: NFKC (full-width letters, zero-width and control characters go),
 * the middle-dot family -> U+00B7 '·', white space trimmed and collapsed.
 * Between two Han characters: '.', '-' and '_' become '·'; a space is
 * removed when one side is a single character or the left side is a
 * compound surname (张 三, 欧阳 娜娜: forms pad short names), and becomes
 * '·' when both sides have 2+ characters (买买提 艾力 -> 买买提·艾力:
 * the transliterated-name pattern). So "张三 李四" gives 张三·李四; write
 * two people with / or 、 to keep them apart. Latin names keep their case.
 *
 * Trailing notes are split off into info->note and flagged name_had_extra:
 * 张三（儿子）, 张三(父), 张三/李四, 张三、李四, 张三 13912345678,
 * 张三-空调 (after '-', '_' or a space only a relation word, a product
 * word or digits start a note).
 *
 * Honorifics: 王先生 -> 王 (surname only, complete = 0), 张三先生 -> 张三;
 * title in info->title, gender hint from 先生 (M), 女士/小姐/太太 (F) ...;
 * one-character titles (总 工 哥 姐 叔 姨) only after a known surname.
 *
 * Flags: name_junk, name_honorific, name_role_suspect (X师傅: in
 * after-sales data usually the technician), name_placeholder (张三 李四
 * 王五 赵六: low confidence only), name_wrong_field (digits, @, a URL),
 * name_encoding_damaged (? □ U+FFFD in a Han name; 锟斤拷 烫烫 屯屯),
 * name_had_extra, name_too_long (> 6 Han characters without '·').
 */
#include <stddef.h>

#include "cn_names.h"
#include "flags.h"
#include "util.h"

enum name_script {
	NAME_EMPTY,
	NAME_HAN,	/* Han characters only */
	NAME_HAN_DOT,	/* Han parts joined by '·': minority, transliterated */
	NAME_LATIN,	/* Latin letters, spaces, - ' . */
	NAME_MIXED,	/* anything else */
};

struct name_info {
	enum name_script script;
	size_t family_len;	/* bytes of out that are the family name; 0: unknown */
	size_t family_alt_len;	/* 张王晨曦: the other split (张王), else 0 */
	int complete;		/* 0: empty, junk, or a surname only (王先生, 王) */
	char gender;		/* 'M' or 'F' from an honorific, else 0 */
	char title[16];		/* 先生, 女士, 总, 师傅, Mr ...; "" if none */
	char note[64];		/* 儿子, 李四, 13912345678 ...; "" if none (cut short) */
};

/* Writes the display name to out (reset first) and fills *info. */
void name_normalize(const char *s, size_t n, strbuf *out, struct name_info *info,
		    struct flags *f);

/*
 * Appends the matching key of a (normalised) name: NFKC, case folded,
 * without '·', spaces, '-', '.', '\''. No traditional -> simplified step.
 */
void name_key(const char *s, size_t n, strbuf *out);

#endif
