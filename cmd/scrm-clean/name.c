#include "name.h"

#include <stdint.h>
#include <string.h>
#include <uchar.h>

#include "fields.h"
#include "unicode.h"
#include "util.h"
#include "banned.h"

/*
 * A name is worked on as an array of code points: splitting notes, titles
 * and dots is then simple indexing. Longer values are no names anyway.
 */
#define NAME_CPS 128
#define MIDDOT 0xb7

struct cps {
	int32_t c[NAME_CPS];
	size_t n;
};

static int is_latin_letter(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7);
}

static int is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

static int is_space(int32_t c)
{
	return c == ' ';
}

/* ? □ U+FFFD: a character the source system could not store. */
static int is_damage_mark(int32_t c)
{
	return c == '?' || c == 0x25a1 || c == 0xfffd;
}

/*
 * The word lists below are UTF-32 literals (U"..."): the compiler stores
 * them as code points, so matching compares integers and decodes nothing.
 * A literal ends at its 0; most candidates fail on the first code point.
 */
_Static_assert(sizeof(char32_t) == sizeof(int32_t), "a char32_t holds a code point");

/* Code points of lit when c[0..n) starts with it, else 0. */
static size_t match_prefix(const int32_t *c, size_t n, const char32_t *lit)
{
	size_t k;

	for (k = 0; lit[k]; k++)
		if (k >= n || c[k] != (int32_t)lit[k])
			return 0;
	return k;
}

static int starts_with(const int32_t *c, size_t n, const char32_t *lit)
{
	return match_prefix(c, n, lit) != 0;
}

static int equals(const int32_t *c, size_t n, const char32_t *lit)
{
	return n > 0 && match_prefix(c, n, lit) == n;
}

static int equals_any(const int32_t *c, size_t n, const char32_t *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (equals(c, n, list[i]))
			return 1;
	return 0;
}

static int contains(const int32_t *c, size_t n, const char32_t *lit)
{
	for (size_t i = 0; i < n; i++)
		if (c[i] == (int32_t)lit[0] && match_prefix(c + i, n - i, lit))
			return 1;
	return 0;
}
/* UTF-8 of c[0..n) into buf (NUL-terminated, cut at a character). */
static size_t encode(const int32_t *c, size_t n, char *buf, size_t size)
{
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		char enc[4];
		size_t l = utf8_encode(c[i], enc);
		if (len + l + 1 > size)
			break;
		memcpy(buf + len, enc, l);
		len += l;
	}
	buf[len] = '\0';
	return len;
}

static size_t utf8_bytes(const int32_t *c, size_t n)
{
	char enc[4];
	size_t len = 0;

	for (size_t i = 0; i < n; i++)
		len += utf8_encode(c[i], enc);
	return len;
}

static int surname_class(const int32_t *c, size_t n)
{
	char buf[16];
	size_t len = encode(c, n, buf, sizeof(buf));

	return cn_surname_class(buf, len);
}

static int is_compound_surname(const int32_t *c, size_t n)
{
	return n >= 2 && (surname_class(c, 2) & CN_SURNAME_COMPOUND);
}

static int is_single_surname(const int32_t *c, size_t n)
{
	return n >= 1 && (surname_class(c, 1) & CN_SURNAME_SINGLE);
}

/*
 * ASCII printable, BMP Han and '·' are unchanged by NFKC: most Chinese
 * names take this path and skip utf8proc (and its malloc).
 */
static int nfkc_inert(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		size_t l;

		if ((unsigned char)s[i] < 0x80) {
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				return 0;
			i++;
			continue;
		}
		l = utf8_decode(s + i, n - i, &cp);
		if (l == 0 || !((cp >= 0x4e00 && cp <= 0x9fff) ||
				(cp >= 0x3400 && cp <= 0x4dbf) || cp == MIDDOT))
			return 0;
		i += l;
	}
	return 1;
}

static void normalize(strbuf *out, const char *s, size_t n)
{
	int space = 0;

	if (!nfkc_inert(s, n)) {
		u_normalize(out, s, n, U_NFKC | U_MIDDOT | U_TRIM);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ') {
			space = out->len > 0;
			continue;
		}
		if (space)
			sb_addc(out, ' ');
		space = 0;
		sb_addc(out, s[i]);
	}
}

static int decode(const char *s, size_t n, struct cps *w)
{
	size_t i = 0;

	w->n = 0;
	while (i < n) {
		int32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (l == 0) {
			cp = 0xfffd;
			l = 1;
		}
		if (w->n >= NAME_CPS)
			return 0;
		w->c[w->n++] = cp;
		i += l;
	}
	return 1;
}

static void trim(struct cps *w, size_t *start)
{
	while (w->n > *start && is_space(w->c[w->n - 1]))
		w->n--;
	while (*start < w->n && is_space(w->c[*start]))
		(*start)++;
}

static int has_han(const int32_t *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (u_is_han(c[i]))
			return 1;
	return 0;
}

static int has_letter_or_han(const int32_t *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (u_is_han(c[i]) || is_latin_letter(c[i]))
			return 1;
	return 0;
}

/* Mojibake and lost characters: the value is kept, the flag says why. */
static void check_damage(const struct cps *w, struct flags *f)
{
	int marks = 0;

	if (contains(w->c, w->n, U"锟斤拷") || contains(w->c, w->n, U"烫烫") ||
	    contains(w->c, w->n, U"屯屯")) {
		flag_add(f, "name_encoding_damaged");
		return;
	}
	for (size_t i = 0; i < w->n; i++)
		marks += is_damage_mark(w->c[i]);
	if (marks && has_han(w->c, w->n))
		flag_add(f, "name_encoding_damaged");
}

static int is_open_bracket(int32_t c)
{
	return c == '(' || c == '[' || c == '{' || c == '<' || c == 0x3010 ||
	       c == 0x3014 || c == 0x300c || c == 0x300e || c == 0x300a;
}

static int is_close_bracket(int32_t c)
{
	return c == ')' || c == ']' || c == '}' || c == '>' || c == 0x3011 ||
	       c == 0x3015 || c == 0x300d || c == 0x300f || c == 0x300b;
}

/* Separators between two people or a person and a note. */
static int is_list_sep(int32_t c)
{
	return c == '/' || c == '\\' || c == '|' || c == ',' || c == ';' ||
	       c == 0x3001 || c == '+' || c == '&';
}

/* Relatives and service words written after a name. */
static const char32_t *const note_words[] = {
	U"儿子", U"女儿", U"儿媳", U"女婿", U"父亲", U"母亲", U"爸爸", U"妈妈", U"老公",
	U"老婆", U"爱人", U"妻子", U"丈夫", U"本人", U"家属", U"朋友", U"同事", U"亲戚",
	U"邻居", U"哥哥", U"姐姐", U"弟弟", U"妹妹", U"孙子", U"孙女", U"爷爷", U"奶奶",
	U"外婆", U"外公", U"岳父", U"岳母", U"公公", U"婆婆", U"代收", U"售后", U"安装",
	U"维修", U"电话", U"手机", U"单位", U"公司", U"父", U"母", U"儿", U"女", U"妻",
	U"夫",
};

/* After '-', '_' or a space: does a note start at c[0..n)? */
static int note_starts(const int32_t *c, size_t n)
{
	char buf[96];

	if (n == 0)
		return 0;
	if (is_digit(c[0]))
		return 1;
	if (!u_is_han(c[0]))
		return 0;	/* Jean-Pierre, Zhang San */
	for (size_t i = 0; i < ARRAY_SIZE(note_words); i++) {
		size_t k = match_prefix(c, n, note_words[i]);
		/* one-character words only on their own: 张三-父, not 买买提-艾力 */
		if (k > 1 || (k == 1 && n == 1))
			return 1;
	}
	return category_from_text(buf, encode(c, n, buf, sizeof(buf))) != NULL;
}

/* Where a trailing note starts (*skip: separator length), or 0. */
static size_t find_note(const struct cps *w, size_t *skip)
{
	for (size_t i = 1; i < w->n; i++) {
		int32_t c = w->c[i];
		size_t run = 0;

		*skip = 1;
		if (is_open_bracket(c) || is_list_sep(c))
			return i;
		if ((c == '-' || c == '_' || c == ' ') && note_starts(w->c + i + 1, w->n - i - 1))
			return i;
		while (i + run < w->n && is_digit(w->c[i + run]))
			run++;
		if (run >= 5 && !is_digit(w->c[i - 1])) {
			*skip = 0;	/* 张三13912345678: a phone number */
			return i;
		}
	}
	return 0;
}

/* 张三（儿子）-> 张三 + note 儿子; 张三/李四 -> 张三 + note 李四. */
static void split_note(struct cps *w, struct name_info *info, struct flags *f)
{
	size_t skip, cut = find_note(w, &skip), start, end, name_end = cut;
	struct cps note;

	if (cut == 0)
		return;
	while (name_end > 0 && (is_space(w->c[name_end - 1]) || w->c[name_end - 1] == '-'))
		name_end--;
	if (!has_letter_or_han(w->c, name_end))
		return;		/* "(儿子)" alone: nothing to split off */
	start = cut + skip;
	end = w->n;
	while (start < end && (is_space(w->c[start]) || is_list_sep(w->c[start])))
		start++;
	while (end > start && (is_space(w->c[end - 1]) || is_close_bracket(w->c[end - 1])))
		end--;
	note.n = end - start;
	memcpy(note.c, w->c + start, note.n * sizeof(note.c[0]));
	encode(note.c, note.n, info->note, sizeof(info->note));
	w->n = name_end;
	flag_add(f, "name_had_extra");
}

enum title_kind { TITLE_AFTER_NAME, TITLE_AFTER_SURNAME };

static const struct {
	const char32_t *word;
	char gender;
	enum title_kind kind;
} titles[] = {
	{ U"先生", 'M', TITLE_AFTER_NAME }, { U"女士", 'F', TITLE_AFTER_NAME },
	{ U"小姐", 'F', TITLE_AFTER_NAME }, { U"太太", 'F', TITLE_AFTER_NAME },
	{ U"夫人", 'F', TITLE_AFTER_NAME }, { U"阿姨", 'F', TITLE_AFTER_NAME },
	{ U"大爷", 'M', TITLE_AFTER_NAME }, { U"大妈", 'F', TITLE_AFTER_NAME },
	{ U"大哥", 'M', TITLE_AFTER_NAME }, { U"大姐", 'F', TITLE_AFTER_NAME },
	{ U"师傅", 0, TITLE_AFTER_NAME }, { U"师父", 0, TITLE_AFTER_NAME },
	{ U"老师", 0, TITLE_AFTER_NAME }, { U"老板", 0, TITLE_AFTER_NAME },
	{ U"老总", 0, TITLE_AFTER_NAME }, { U"经理", 0, TITLE_AFTER_NAME },
	{ U"主任", 0, TITLE_AFTER_NAME }, { U"医生", 0, TITLE_AFTER_NAME },
	{ U"律师", 0, TITLE_AFTER_NAME },
	{ U"总", 0, TITLE_AFTER_SURNAME }, { U"工", 0, TITLE_AFTER_SURNAME },
	{ U"哥", 'M', TITLE_AFTER_SURNAME }, { U"姐", 'F', TITLE_AFTER_SURNAME },
	{ U"叔", 'M', TITLE_AFTER_SURNAME }, { U"姨", 'F', TITLE_AFTER_SURNAME },
};

static const struct {
	const char *word;
	char gender;
} latin_titles[] = {
	{ "mr", 'M' }, { "mr.", 'M' }, { "mrs", 'F' }, { "mrs.", 'F' },
	{ "ms", 'F' }, { "ms.", 'F' }, { "miss", 'F' },
};

static void set_title(struct name_info *info, struct flags *f, const int32_t *c,
		      size_t n, char gender)
{
	encode(c, n, info->title, sizeof(info->title));
	info->gender = gender;
	flag_add(f, "name_honorific");
}

/* Mr Wang, Ms. Li: a Latin title before the name. */
static void find_latin_title(struct cps *w, struct name_info *info, struct flags *f)
{
	size_t sp = 0;
	char word[8];

	while (sp < w->n && !is_space(w->c[sp]))
		sp++;
	if (sp == w->n || sp > 4)
		return;
	for (size_t i = 0; i < sp; i++)
		word[i] = (char)(w->c[i] >= 'A' && w->c[i] <= 'Z' ? w->c[i] + 32 : w->c[i]);
	word[sp] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(latin_titles); i++) {
		if (strcmp(word, latin_titles[i].word) != 0)
			continue;
		set_title(info, f, w->c, sp, latin_titles[i].gender);
		w->n -= sp + 1;
		memmove(w->c, w->c + sp + 1, w->n * sizeof(w->c[0]));
		return;
	}
}

/* Han characters (spaces between allowed) in c[0..n); -1 if anything else. */
static int han_only_count(const int32_t *c, size_t n)
{
	int k = 0;

	for (size_t i = 0; i < n; i++) {
		if (u_is_han(c[i]))
			k++;
		else if (!is_space(c[i]))
			return -1;
	}
	return k;
}

/*
 * Code points of word when w ends with it and has more before it, else 0.
 * Titles have one or two characters; the last one is compared first.
 */
static size_t title_at_end(const struct cps *w, const char32_t *word)
{
	const int32_t *end = w->c + w->n;

	if (word[1] == 0)
		return w->n >= 2 && end[-1] == (int32_t)word[0];
	if (word[2] == 0 && w->n >= 3 && end[-1] == (int32_t)word[1] &&
	    end[-2] == (int32_t)word[0])
		return 2;
	return 0;
}

/*
 * 王先生 -> 王 (surname only), 张三先生 -> 张三, 张总 -> 张. Returns 1
 * when only a surname is left.
 */
static int find_title(struct cps *w, struct name_info *info, struct flags *f)
{
	for (size_t i = 0; i < ARRAY_SIZE(titles); i++) {
		size_t k = title_at_end(w, titles[i].word), rest;
		int han;

		if (k == 0)
			continue;
		rest = w->n - k;
		while (rest > 0 && is_space(w->c[rest - 1]))
			rest--;
		han = han_only_count(w->c, rest);
		if (han < 1 || han > 3)
			continue;
		if (titles[i].kind == TITLE_AFTER_SURNAME &&
		    !(rest == 1 && is_single_surname(w->c, 1)) &&
		    !(rest == 2 && is_compound_surname(w->c, 2)))
			continue;
		set_title(info, f, w->c + w->n - k, k, titles[i].gender);
		if (equals(w->c + w->n - k, k, U"师傅") || equals(w->c + w->n - k, k, U"师父"))
			flag_add(f, "name_role_suspect");
		w->n = rest;
		return han == 1 || (han == 2 && rest == 2 && is_compound_surname(w->c, 2));
	}
	return 0;
}

/* Length of the run of Han characters that ends just before c[i]. */
static size_t han_run_before(const int32_t *c, size_t i)
{
	size_t k = 0;

	while (k < i && u_is_han(c[i - 1 - k]))
		k++;
	return k;
}

static size_t han_run_from(const int32_t *c, size_t n, size_t i)
{
	size_t k = 0;

	while (i + k < n && u_is_han(c[i + k]))
		k++;
	return k;
}

/*
 * Between Han characters: '.', '-', '_' -> '·'; a space goes when one side
 * is one character or the left side a compound surname (form padding),
 * else it is the transliteration gap of 买买提 艾力 -> '·'. Then no spaces
 * around '·', no double '·', none at either end.
 */
static void join_han(struct cps *w)
{
	size_t j = 0;

	for (size_t i = 0; i < w->n; i++) {
		int32_t c = w->c[i];
		int between = j > 0 && u_is_han(w->c[j - 1]) && i + 1 < w->n &&
			      u_is_han(w->c[i + 1]);

		if (between && (c == '.' || c == '-' || c == '_')) {
			c = MIDDOT;
		} else if (between && is_space(c)) {
			size_t left = han_run_before(w->c, j);
			size_t right = han_run_from(w->c, w->n, i + 1);
			if (left == 1 || right == 1 ||
			    (left == 2 && is_compound_surname(w->c + j - 2, 2)))
				continue;
			c = MIDDOT;
		}
		if (c == MIDDOT) {
			while (j > 0 && is_space(w->c[j - 1]))
				j--;
			if (j == 0 || w->c[j - 1] == MIDDOT)
				continue;
			while (i + 1 < w->n && is_space(w->c[i + 1]))
				i++;
		}
		w->c[j++] = c;
	}
	while (j > 0 && w->c[j - 1] == MIDDOT)
		j--;
	w->n = j;
}

static enum name_script classify(const struct cps *w, size_t *han_count, int *dots)
{
	size_t han = 0, latin = 0, other = 0;

	*dots = 0;
	for (size_t i = 0; i < w->n; i++) {
		int32_t c = w->c[i];
		if (u_is_han(c))
			han++;
		else if (c == MIDDOT)
			(*dots)++;
		else if (is_latin_letter(c))
			latin++;
		else if (is_damage_mark(c) && han)
			;
		else if (!(c == ' ' || c == '-' || c == '\'' || c == '.'))
			other++;
	}
	*han_count = han;
	if (w->n == 0)
		return NAME_EMPTY;
	if (han && !latin && !other)
		return *dots ? NAME_HAN_DOT : NAME_HAN;
	if (latin && !han && !other && !*dots)
		return NAME_LATIN;
	return NAME_MIXED;
}

static const char32_t *const junk_names[] = {
	U"测试", U"测试用户", U"无", U"空", U"未知", U"不详", U"暂无", U"匿名", U"客户",
	U"顾客", U"用户", U"微信用户", U"会员", U"业主", U"房东", U"租户", U"家里",
	U"本人", U"无名", U"没有", U"姓名", U"名字", U"收货人", U"联系人", U"先生",
	U"女士", U"小姐", U"太太", U"夫人", U"老师", U"师傅", U"阿姨", U"大爷", U"老板",
	U"经理", U"总", U"test", U"ceshi", U"abc", U"asdf", U"qwe", U"qwer", U"xx",
	U"x", U"null", U"none", U"nil", U"n/a", U"na", U"unknown", U"guest", U"user",
	U"customer", U"admin", U"anonymous",
};

/* Platform default nicknames and test names with a number: 用户1234, test2. */
static const char32_t *const junk_prefixes[] = {
	U"用户", U"微信用户", U"淘宝用户", U"会员", U"客户", U"test", U"ceshi", U"user",
};

static int is_ascii_word_char(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

static int junk_with_suffix(const int32_t *c, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(junk_prefixes); i++) {
		size_t k = match_prefix(c, n, junk_prefixes[i]), j;
		if (k == 0 || n <= k)
			continue;
		for (j = k; j < n && is_ascii_word_char(c[j]); j++)
			;
		if (j == n)
			return 1;
	}
	return 0;
}

static int one_char_repeated(const int32_t *c, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (c[i] != c[0])
			return 0;
	return n >= 3;
}

/* 张XX, 王**, *三: masked or anonymised, no name left. */
static int masked(const int32_t *c, size_t n)
{
	size_t marks = 0;

	for (size_t i = 0; i < n; i++) {
		if (c[i] == '*')
			return 1;
		marks += c[i] == 'x' || c[i] == 'X';
	}
	return marks > 0 && marks + 1 == n && u_is_han(c[0]);
}

static int is_junk(const struct cps *w)
{
	int32_t low[NAME_CPS];

	for (size_t i = 0; i < w->n; i++)
		low[i] = w->c[i] >= 'A' && w->c[i] <= 'Z' ? w->c[i] + 32 : w->c[i];
	if (equals_any(low, w->n, junk_names, ARRAY_SIZE(junk_names)))
		return 1;
	if (starts_with(low, w->n, U"测试") || contains(low, w->n, U"某") ||
	    junk_with_suffix(low, w->n) || one_char_repeated(low, w->n) ||
	    masked(low, w->n))
		return 1;
	/* digits only, punctuation only, emoji only */
	return !has_letter_or_han(w->c, w->n);
}

static int wrong_field(const struct cps *w)
{
	int32_t low[NAME_CPS];

	for (size_t i = 0; i < w->n; i++) {
		if (is_digit(w->c[i]) || w->c[i] == '@')
			return 1;
		low[i] = w->c[i] >= 'A' && w->c[i] <= 'Z' ? w->c[i] + 32 : w->c[i];
	}
	return contains(low, w->n, U"http") || contains(low, w->n, U"www.") ||
	       contains(low, w->n, U".com");
}

static const char32_t *const placeholder_names[] = { U"张三", U"李四", U"王五", U"赵六" };

/* Surname by the table: compound first (for 3+ characters), then single. */
static void split_family(const struct cps *w, struct name_info *info)
{
	size_t fam = 0;

	if (w->n >= 3 && is_compound_surname(w->c, w->n))
		fam = 2;
	else if (is_single_surname(w->c, w->n))
		fam = 1;
	info->family_len = utf8_bytes(w->c, fam);
	/* 张王晨曦: maybe a parent-combined double surname */
	if (w->n == 4 && fam == 1 && is_single_surname(w->c + 1, w->n - 1))
		info->family_alt_len = utf8_bytes(w->c, 2);
}

/* junk: is_junk(w), which the caller needs too. */
static void check_flags(const struct cps *w, struct flags *f, int junk, size_t han, int dots)
{
	if (junk)
		flag_add(f, "name_junk");
	else if (equals_any(w->c, w->n, placeholder_names, ARRAY_SIZE(placeholder_names)))
		flag_add(f, "name_placeholder");
	if (wrong_field(w))
		flag_add(f, "name_wrong_field");
	if (han > 6 && dots == 0)
		flag_add(f, "name_too_long");
}

void name_normalize(const char *s, size_t n, strbuf *out, struct name_info *info,
		    struct flags *f)
{
	struct cps w;
	size_t han, start = 0, len;
	int dots, surname_only, junk;
	char buf[NAME_CPS * 4 + 1];

	memset(info, 0, sizeof(*info));
	sb_reset(out);
	normalize(out, s, n);
	if (out->len == 0)
		return;
	if (!decode(out->buf, out->len, &w)) {
		info->script = NAME_MIXED;
		flag_add(f, "name_too_long");
		return;
	}
	check_damage(&w, f);
	if (is_junk(&w)) {
		/* N/A, 测试, xxx: nothing to split or title */
		info->script = classify(&w, &han, &dots);
		check_flags(&w, f, 1, han, dots);
		return;
	}
	split_note(&w, info, f);
	trim(&w, &start);
	memmove(w.c, w.c + start, (w.n - start) * sizeof(w.c[0]));
	w.n -= start;
	surname_only = find_title(&w, info, f);
	if (!info->title[0])
		find_latin_title(&w, info, f);
	join_han(&w);
	len = encode(w.c, w.n, buf, sizeof(buf));
	/* nothing split off or rewritten (the usual case): not junk, as checked */
	junk = !(len == out->len && memcmp(buf, out->buf, len) == 0) && is_junk(&w);
	sb_reset(out);
	sb_add(out, buf, len);
	info->script = classify(&w, &han, &dots);
	if (info->script == NAME_EMPTY)
		return;
	check_flags(&w, f, junk, han, dots);
	info->complete = !junk && !surname_only && !(info->script == NAME_HAN && w.n == 1);
	if (info->script != NAME_HAN || junk)
		return;
	if (surname_only)
		info->family_len = out->len;
	else
		split_family(&w, info);
}

void name_key(const char *s, size_t n, strbuf *out)
{
	size_t start = out->len, j;

	u_normalize(out, s, n, U_NFKC | U_CASEFOLD | U_MIDDOT);
	j = start;
	for (size_t i = start; i < out->len; i++) {
		unsigned char c = (unsigned char)out->buf[i];
		if (c == ' ' || c == '-' || c == '.' || c == '\'' || c == '\t')
			continue;
		if (c == 0xc2 && i + 1 < out->len && (unsigned char)out->buf[i + 1] == 0xb7) {
			i++;	/* U+00B7 */
			continue;
		}
		out->buf[j++] = (char)c;
	}
	sb_setlen(out, j);
}
