#ifndef SCRM_EXPR_H
#define SCRM_EXPR_H
/*
 * The expression language of --where and of the rule and model files of
 * scrm-tag, scrm-score and scrm-segment: compiled once, evaluated per
 * record without malloc (temporary strings and arrays go in ctx->a, which
 * the caller resets with the record).
 *
 * Values and fields
 *   Literals: 42, -1.5, 2e3, "JSON \"escapes\" \u9752", 'single quoted',
 *   true, false, null, [1, "a", x]. An unknown escape keeps its backslash,
 *   so "\.com$" is the regex \.com$.
 *   Paths: city, score.activity, products.0.sku (a number indexes an
 *   array; a name applied to an array gives null), `odd name`.x for keys
 *   with spaces or dots. Names may hold any non-ASCII letters (城市).
 *   A key that itself holds dots ("addr.city", as flat CSV headers have)
 *   is found too when the nested lookup misses. $ is the record, $.x a
 *   field of it from anywhere; @ is the current element of any() and
 *   friends (below), and the record outside them.
 *
 * Operators, loosest first
 *   ||  &&  !  (also: or  and  not)
 *   == != < <= > >= =~ !~ in, not in   (they do not chain: a < b < c
 *   is an error)
 *   + -   * / %   unary -
 *   && and || short-circuit and give true or false.
 *
 * Truth: null, false, 0, "", [] and {} are false, all else is true
 *   ("0" is a non-empty string: true).
 *
 * Null (a missing field is null)
 *   Every comparison with a null operand is false: for a record without
 *   age both age > 30 and age <= 30 are false, and so is age != 30.
 *   Only a comparison with the literal null asks about presence:
 *   x == null is true iff x is null or missing, x != null iff present.
 *   null in [...], null =~ "..." and null !~ "..." are false.
 *   Arithmetic with null (or any non-number) gives null, as do division
 *   or % by zero and results that overflow.
 *
 * Comparison and coercion
 *   Numbers compare numerically, strings bytewise (ISO dates
 *   "2024-01-05" order correctly). A number against a string that is
 *   wholly a decimal number ("30", "-1.5e3", no spaces, no hex) compares
 *   numerically, so age >= 25 works on CSV text; other mixes are unequal
 *   and unordered (every ordering is false). Two strings always compare
 *   as strings: "10" == "10.0" is false. Arrays and objects are equal
 *   when deeply equal (inside them null == null); they have no order.
 *   + adds numbers (numeric strings count) and joins two strings.
 *   x in arr: x equals an element; x in "text": substring.
 *   s =~ "re", s !~ "re": POSIX extended regex (bytes, case-sensitive;
 *   a leading (?i) ignores case); a left side that is not a string gives
 *   false for both. A literal pattern is compiled once and checked at
 *   compile time.
 *
 * Functions (argument counts are checked when compiling)
 *   has(x)             x is present and not null, "", [] or {}
 *   has(a, v)          contains(a, v)
 *   contains(a, v)     array a has an element equal to v; or string a
 *                      holds the text of v
 *   starts_with(s, p), ends_with(s, p)   (numbers use their text)
 *   any(arr, pred), all(arr, pred), count(arr, pred)
 *                      pred is evaluated per element: bare names are
 *                      fields of the element, @ is the element, $.x a
 *                      field of the record; nested calls shadow. A null or
 *                      non-array arr gives false for any and all (all of
 *                      [] is true) and 0 for count.
 *   count(arr)         items of an array; 0 for anything else
 *   sum(arr[, expr])   sum of the numbers (numeric strings count; other
 *                      items are skipped); 0 when there are none
 *   min(arr[, expr]), max(arr[, expr]), min(a, b, ...), max(a, b, ...)
 *                      One argument: the items of an array. Two arguments
 *                      whose first is an array at run time: expr per item
 *                      (max(products, date) is the latest date). Otherwise
 *                      the arguments themselves. Nulls are skipped; if any
 *                      candidate is a number, numbers and numeric strings
 *                      compare numerically (other strings are skipped),
 *                      else strings compare bytewise. null when none.
 *   len(x)             code points of a string (or of a number's text),
 *                      items of an array or object, 0 for null
 *   lower(s), upper(s) Unicode simple case mapping; null if not a string
 *   coalesce(a, ...)   the first argument that is not null or ""
 *   date(x)            "YYYY-MM-DD" from any date or date-time text
 *                      date_parse() accepts ("YYYY-MM" for month
 *                      precision); null if x is not a date
 *   days_since(x)      days from date x to the --as-of date (negative
 *                      when x is later); null if x is not a date
 *   years_since(x)     completed years from x to the --as-of date, as an
 *                      age: 25 on the 25th birthday; a 29 February
 *                      birthday counts on 1 March in common years;
 *                      negative for dates more than a year ahead
 *                      days_since and years_since read a month-precision
 *                      date ("2015-03") as the first of the month.
 *   today()            the --as-of date as "YYYY-MM-DD"
 *   distance_km(lat1, lon1, lat2, lon2)
 *                      great-circle (haversine, R = 6371.0088 km); null if
 *                      an argument is not a number or out of range
 *   num(x)             x as a number (numeric strings too), else null
 *   str(x)             text of a string, number or boolean, else null
 *   round(x[, digits]) half away from zero; digits may be negative
 *   floor(x), ceil(x), abs(x)
 */
#include "value.h"

typedef struct expr expr;

struct expr_error {
	char msg[160];
	int column;	/* 1-based, in code points */
};

struct expr_ctx {
	arena *a;	/* temporaries; the caller resets it per record */
	long today;	/* days since 1970-01-01: the --as-of date */
	const sv *root;	/* set by expr_eval */
};

/* NULL on error, with *err filled. */
expr *expr_compile(const char *src, struct expr_error *err);
void expr_free(expr *e);

/*
 * The result may point into rec, ctx->a or the compiled expression. A
 * compiled expression is only read: threads may share it, each with its
 * own ctx.
 */
sv expr_eval(const expr *e, const sv *rec, struct expr_ctx *ctx);
/* Truth of the result (faster than expr_eval for conditions). */
int expr_test(const expr *e, const sv *rec, struct expr_ctx *ctx);
int sv_truthy(const sv *v);

/*
 * Reports a compile error on stderr:
 *   PROG: WHAT: expression: column 12: unexpected ')'
 *       age > 30)
 *               ^
 * WHAT is e.g. "--where" or "rules.json: node \"a/b\"" (NULL for none).
 */
void expr_print_error(const char *what, const char *src, const struct expr_error *err);
/* expr_compile(), or the error reported and exit status 2. */
expr *expr_compile_or_die(const char *what, const char *src);

/*
 * The top-level fields the expression reads (first names of record
 * paths, not of paths inside any()/all()/... predicates), each once, in
 * order of appearance; for warnings about unknown fields.
 */
const char *const *expr_fields(const expr *e, size_t *n);

/*
 * Splits a comma-separated list of expressions (--features, --select) at
 * the commas outside quotes, parentheses, brackets and braces; items are
 * trimmed (an empty one is ""). Free with expr_free_list().
 */
char **expr_split_list(const char *s, size_t *n);
void expr_free_list(char **v, size_t n);

/* 1 if the expression calls today(), days_since() or years_since(). */
int expr_uses_today(const expr *e);

#endif
