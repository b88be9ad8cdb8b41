#ifndef SCRM_CLEAN_EMAIL_H
#define SCRM_CLEAN_EMAIL_H
/*
 * E-mail addresses (cn-cleaning-rules.md §5.2).
 *
 * NORM: NFKC (＠ ． full-width letters), 。 ， , → . in the domain, all
 * white space removed, a leading "mailto:" dropped, a trailing dot of the
 * domain dropped, and the whole address in lower case. The local part is
 * lowered too (the spec keeps its case): QQ, 163/126, Sina, Sohu, Gmail,
 * Outlook and the operator mailboxes all ignore case, and one spelling per
 * mailbox is what matching needs.
 *
 * Syntax (a pragmatic RFC 5322 subset): dot-atom local part of at most 64
 * ASCII characters; a domain of LDH labels (or UTF-8 IDN labels, kept as
 * U-labels) with at least one dot and a TLD of 2+ letters; 254 bytes in all.
 *
 * Flags:
 *   email_invalid     not an address (returns 0)
 *   email_typo_fixed  a certain fix was made: missing TLD (@qq, @163, @126
 *                     get .com), a TLD slip on a known name (qq.con, 163.cm,
 *                     gmail.co, qq.com.cn), or a name slip with one unique
 *                     known domain at Damerau-Levenshtein distance 1 (names
 *                     of 5+ characters: any edit; shorter names: only a
 *                     swap or a doubled letter: sian.com, qqq.com)
 *   email_typo_suspect one edit from a known domain but not fixed: several
 *                     known domains are that close (162.com: 163 and 126),
 *                     or the name is numeric (165.com), or short
 *   email_dead_domain yahoo.com.cn, yahoo.cn (closed in 2013)
 *   email_qq_invalid  numeric local part at qq.com that is no QQ number
 *                     (must be [1-9][0-9]{4,10})
 *   email_junk        test@test.com, a@a.com, xxx@..., 123456@qq.com,
 *                     none@..., example.com ...; also a placeholder such
 *                     as 无 / null / - written instead of an address
 *                     (then returns 0)
 */
#include <stddef.h>

#include "flags.h"
#include "util.h"

/*
 * Writes the normalised address to out (reset first). Returns 1 for an
 * address (flags may still mark it junk), 0 for an empty, placeholder or
 * invalid field; out then holds what normalisation made of the input.
 */
int email_normalize(const char *s, size_t n, strbuf *out, struct flags *f);

#endif
