#ifndef SCRM_STRSIM_H
#define SCRM_STRSIM_H
/*
 * String and value comparisons for identity resolution (scrm-match).
 *
 * Lengths and positions are in code points: one Chinese character counts
 * as one. Strings are UTF-8 of the given byte length (no NUL needed); a
 * byte that does not start a valid sequence counts as one code point of
 * its own, U+DC00 + byte (Python's "surrogateescape"), so it equals only
 * the same invalid byte. Comparisons are exact: fold case, width and
 * spacing first (u_normalize()).
 *
 * Missing values: callers decide what a missing field means before
 * comparing. Here two empty strings are identical (similarity 1.0,
 * distance 0) and an empty string against a non-empty one has
 * similarity 0.0 (jellyfish returns 0.0 for two empty strings; DuckDB,
 * Databricks and TiDB return 1.0).
 *
 * Nothing allocates for strings of up to STRSIM_STACK code points; longer
 * ones take a slower path that does. The *_cp variants take code points
 * decoded once with strsim_decode(), for callers that compare one value
 * against many.
 */
#include <stddef.h>
#include <stdint.h>

/* Code points per string handled in stack buffers. */
#define STRSIM_STACK 64

/*
 * Decodes UTF-8 s into out, writing at most cap code points (invalid
 * bytes as U+DC00 + byte); returns the number of code points in all of s,
 * which is more than cap when out was too small.
 */
size_t strsim_decode(const char *s, size_t n, int32_t *out, size_t cap);

/*
 * Jaro similarity in [0, 1]: m matches (equal code points no further
 * apart than max(na, nb) / 2 - 1), t half the matches out of order,
 * (m/na + m/nb + (m - t)/m) / 3; 0 when m = 0. The same arithmetic as
 * jellyfish, so the results agree to the last bit.
 */
double jaro(const char *a, size_t na, const char *b, size_t nb);
double jaro_cp(const int32_t *a, size_t na, const int32_t *b, size_t nb);

#define JW_PREFIX_SCALE 0.1	/* Winkler's p */
#define JW_PREFIX_MAX 4		/* common prefix counted up to 4 */
#define JW_BOOST_THRESHOLD 0.7	/* prefix bonus only above this Jaro */

/*
 * Jaro-Winkler: j + l * 0.1 * (1 - j) where j = jaro() and l the common
 * prefix (at most 4 code points), applied only when j > 0.7, as do
 * Winkler's strcmp95, jellyfish (Python and Rust; its old C code also
 * wants both lengths > 3), RapidFuzz, and DuckDB's
 * jaro_winkler_similarity (vendored RapidFuzz, hence Splink). R
 * stringdist's default bt = 0 boosts every score. The threshold only
 * matters below 0.7: 张伟/张维 stays 0.667 (0.7 with the bonus).
 */
double jaro_winkler(const char *a, size_t na, const char *b, size_t nb);
double jaro_winkler_cp(const int32_t *a, size_t na, const int32_t *b,
		       size_t nb);

/*
 * Levenshtein distance (insertions, deletions and substitutions cost 1),
 * bounded: returns the distance when it is <= max, otherwise max + 1,
 * stopping as soon as the bound cannot be met. max < 0: no bound.
 * Bit-parallel (Myers/Hyyrö) when the shorter string, once the common
 * prefix and suffix are removed, has at most 64 code points; a banded
 * dynamic programme otherwise.
 */
int levenshtein(const char *a, size_t na, const char *b, size_t nb, int max);
int levenshtein_cp(const int32_t *a, size_t na, const int32_t *b, size_t nb,
		   int max);

/*
 * Optimal string alignment distance ("restricted Damerau-Levenshtein"):
 * Levenshtein plus the swap of two adjacent code points at cost 1, no
 * substring edited twice. ca/ac = 1 (Levenshtein 2); CA/ABC = 3 (the
 * unrestricted Damerau distance is 2). Bounded like levenshtein().
 */
int damerau_levenshtein(const char *a, size_t na, const char *b, size_t nb,
			int max);
int damerau_levenshtein_cp(const int32_t *a, size_t na, const int32_t *b,
			   size_t nb, int max);

/*
 * Length in code points of the longest common prefix and suffix. The
 * UTF-8 versions compare bytes and count whole characters only.
 */
size_t common_prefix_len(const char *a, size_t na, const char *b, size_t nb);
size_t common_suffix_len(const char *a, size_t na, const char *b, size_t nb);
size_t common_prefix_cp(const int32_t *a, size_t na, const int32_t *b,
			size_t nb);
size_t common_suffix_cp(const int32_t *a, size_t na, const int32_t *b,
			size_t nb);

/*
 * Jaccard similarity |A ∩ B| / |A ∪ B| of the sets of tokens: maximal
 * runs of characters other than white space and punctuation (ASCII
 * punctuation, U+2000-206F, CJK and full-width punctuation, the middle
 * dots). Repeated tokens count once; no tokens on either side: 1.0 if
 * neither has any, 0.0 otherwise. A Han run without spaces is one token:
 * use jaccard_bigrams() for Chinese.
 */
double token_jaccard(const char *a, size_t na, const char *b, size_t nb);

/*
 * Jaccard similarity of the sets of character bigrams (adjacent code
 * points, white space included). A string of one code point is taken as
 * the set of that one character, so 张/张 = 1.0 and 张/张伟 = 0.0.
 */
double jaccard_bigrams(const char *a, size_t na, const char *b, size_t nb);
double jaccard_bigrams_cp(const int32_t *a, size_t na, const int32_t *b,
			  size_t nb);

/*
 * How two ISO dates agree: "YYYY-MM-DD" (a time after 'T' or ' ' is
 * ignored) or "YYYY-MM" (month precision, as date_format() writes it).
 * The first level that holds, in this order:
 */
enum date_level {
	DATE_LEVEL_INVALID = -1,	/* either is not a valid date */
	DATE_LEVEL_EXACT = 0,		/* same day (or same month, both month precision) */
	DATE_LEVEL_SAME_MONTH,		/* same year and month, different day */
	DATE_LEVEL_SWAPPED,		/* 1985-06-12 vs 1985-12-06 */
	DATE_LEVEL_SAME_YEAR,		/* same year */
	DATE_LEVEL_NEAR,		/* at most near_days apart (across a new year) */
	DATE_LEVEL_DIFFERENT,
};
/* a and b are NUL-terminated; near_days < 0 disables DATE_LEVEL_NEAR. */
enum date_level date_compare_level(const char *a, const char *b, int near_days);

/* Day number of "YYYY-MM-DD" (days_from_civil()); -1 if not a valid date. */
int iso_date_days(const char *s, long *days);
/* *days = b - a in days; -1 (and *days = 0) if either is not a valid date. */
int date_days_between(const char *a, const char *b, long *days);

/*
 * American Soundex (the National Archives rules): the first letter, then
 * three digits; letters coded alike and separated only by H or W code
 * once (Ashcraft A261), separated by a vowel twice (Tymczak T522); the
 * first letter's code counts (Pfister P236). ASCII letters only, any
 * case; other characters are skipped. Writes 4 characters and a NUL to
 * out and returns 4, or writes "" and returns 0 if s has no letter.
 */
int soundex(const char *s, size_t n, char out[5]);

/* Longest name read by nysiis(), in letters. */
#define NYSIIS_MAX_NAME 64

/*
 * NYSIIS key (Taft 1970) as jellyfish computes it, untruncated, except
 * that an H or W takes the previous letter as already rewritten, as in
 * Taft's in-place rules (W after a vowel becomes A: Lewis LA, Brown
 * BRAN; jellyfish gives LAE and BRAON). ASCII letters only, any case;
 * other characters are skipped; names are read up to NYSIIS_MAX_NAME
 * letters. Writes at most size - 1 characters and a NUL (pass size 7 for
 * the original 6-character key) and returns the full key's length.
 */
size_t nysiis(const char *s, size_t n, char *out, size_t size);

#endif
