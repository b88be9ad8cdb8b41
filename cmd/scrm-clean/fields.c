#include "fields.h"

#include <stdint.h>
#include <string.h>
#include <uchar.h>

#include "unicode.h"
#include "util.h"
#include "banned.h"

#define FOLD_MAX 256
/*
 * Copies s into buf for matching: full-width ASCII to ASCII, ASCII letters
 * to lower case, runs of white space to one space, trimmed. Other
 * characters are kept (Han needs no normalisation here). A value longer
 * than the buffer is cut at a character boundary: still a fine key.
 */
static size_t fold_text(const char *s, size_t n, char *buf, size_t size)
{
	size_t i = 0, len = 0;
	int space = 0;

	while (i < n) {
		int32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		/* a character that is kept: valid UTF-8 re-encodes to its own bytes */
		const char *enc = s + i;
		size_t elen = l;
		char tmp[4];

		if (l == 0) {
			cp = 0xfffd;
			l = 1;
			elen = 0;
		}
		i += l;
		if (cp >= 0xff01 && cp <= 0xff5e) {
			cp -= 0xfee0;
			elen = 0;
		}
		if (u_is_space(cp)) {
			space = len > 0;
			continue;
		}
		if (cp >= 'A' && cp <= 'Z') {
			cp += 32;
			elen = 0;
		}
		if (elen == 0) {
			elen = utf8_encode(cp, tmp);
			enc = tmp;
		}
		if (len + space + elen + 1 > size)
			break;
		if (space)
			buf[len++] = ' ';
		space = 0;
		memcpy(buf + len, enc, elen);
		len += elen;
	}
	buf[len] = '\0';
	return len;
}

/* Gender words, compared after fold_text(). */
static const struct {
	const char *word;
	char g;
} genders[] = {
	{ "男", 'M' }, { "男性", 'M' }, { "男士", 'M' }, { "男生", 'M' },
	{ "先生", 'M' }, { "m", 'M' }, { "male", 'M' }, { "man", 'M' },
	{ "mr", 'M' }, { "mr.", 'M' }, { "1", 'M' },
	{ "女", 'F' }, { "女性", 'F' }, { "女士", 'F' }, { "女生", 'F' },
	{ "小姐", 'F' }, { "太太", 'F' }, { "f", 'F' }, { "female", 'F' },
	{ "woman", 'F' }, { "ms", 'F' }, { "ms.", 'F' }, { "mrs", 'F' },
	{ "mrs.", 'F' }, { "miss", 'F' }, { "0", 'F' }, { "2", 'F' },
};

char gender_parse(const char *s, size_t n)
{
	char buf[32];

	if (n >= sizeof(buf) * 2)
		return 0;
	fold_text(s, n, buf, sizeof(buf));
	for (size_t i = 0; i < ARRAY_SIZE(genders); i++)
		if (strcmp(buf, genders[i].word) == 0)
			return genders[i].g;
	return 0;
}

/*
 * Category rules, first match wins, so the more specific words come
 * first (冰柜 before 冰箱, 空调扇 before 空调, 电热水壶 before 热水器).
 * Han words match anywhere in the text and come before all ASCII rules.
 * They are UTF-32 literals (U"..."), matched against the code points of
 * the text: their first character is at hand without decoding.
 */
static const struct {
	const char32_t *pat;
	const char *cat;
} han_rules[] = {
	{ U"冰柜", "freezer" }, { U"冷柜", "freezer" },
	{ U"冷冻柜", "freezer" },
	{ U"冰箱", "refrigerator" }, { U"冷藏箱", "refrigerator" },
	{ U"洗碗机", "dishwasher" },
	{ U"干衣机", "dryer" }, { U"烘干机", "dryer" }, { U"烘衣机", "dryer" },
	{ U"洗衣机", "washer" }, { U"洗烘一体", "washer" },
	{ U"洗干一体", "washer" }, { U"滚筒", "washer" }, { U"波轮", "washer" },
	{ U"消毒柜", "sterilizer" }, { U"消毒碗柜", "sterilizer" },
	{ U"空调扇", "fan" },
	{ U"空气净化", "air_purifier" },
	{ U"空气能", "heat_pump" }, { U"热泵", "heat_pump" },
	{ U"空调", "air_conditioner" }, { U"挂机", "air_conditioner" },
	{ U"柜机", "air_conditioner" },
	{ U"电热水壶", "kettle" }, { U"电水壶", "kettle" },
	{ U"热水壶", "kettle" }, { U"烧水壶", "kettle" },
	{ U"热水器", "water_heater" }, { U"燃热", "water_heater" },
	{ U"电视", "tv" }, { U"彩电", "tv" },
	{ U"油烟机", "range_hood" }, { U"烟机", "range_hood" },
	{ U"集成灶", "integrated_stove" },
	{ U"燃气灶", "gas_stove" }, { U"煤气灶", "gas_stove" },
	{ U"灶具", "gas_stove" },
	{ U"净水", "water_purifier" }, { U"纯水机", "water_purifier" },
	{ U"软水机", "water_softener" },
	{ U"饮水机", "water_dispenser" }, { U"管线机", "water_dispenser" },
	{ U"微波炉", "microwave" },
	{ U"蒸烤一体", "steam_oven" }, { U"蒸箱", "steam_oven" },
	{ U"烤箱", "oven" },
	{ U"电饭煲", "rice_cooker" }, { U"电饭锅", "rice_cooker" },
	{ U"压力锅", "pressure_cooker" }, { U"高压锅", "pressure_cooker" },
	{ U"扫地机", "robot_vacuum" }, { U"扫拖", "robot_vacuum" },
	{ U"吸尘器", "vacuum_cleaner" },
	{ U"除湿机", "dehumidifier" }, { U"抽湿机", "dehumidifier" },
	{ U"加湿器", "humidifier" },
	{ U"新风", "fresh_air" },
	{ U"风扇", "fan" }, { U"落地扇", "fan" }, { U"台扇", "fan" },
	{ U"取暖器", "heater" }, { U"电暖器", "heater" },
	{ U"暖风机", "heater" }, { U"油汀", "heater" },
	{ U"壁挂炉", "wall_boiler" }, { U"采暖炉", "wall_boiler" },
	{ U"电磁炉", "induction_cooker" },
	{ U"破壁机", "blender" }, { U"料理机", "blender" },
	{ U"豆浆机", "blender" },
	{ U"门锁", "smart_lock" }, { U"指纹锁", "smart_lock" },
};

/*
 * ASCII rules. WORD: a whole word or phrase ("tv", "tvs"). MODEL: a
 * model-number prefix at a word start followed by a digit or '-'
 * (Haier-style: BCD-470WDPG, XQG100, KFR-35GW).
 */
enum match { WORD, MODEL };

static const struct {
	const char *pat;
	const char *cat;
	enum match how;
} latin_rules[] = {
	{ "chest freezer", "freezer", WORD },
	{ "refrigerator", "refrigerator", WORD }, { "fridge", "refrigerator", WORD },
	{ "freezer", "freezer", WORD },
	{ "dishwasher", "dishwasher", WORD }, { "dish washer", "dishwasher", WORD },
	{ "washer dryer", "washer", WORD },
	{ "dryer", "dryer", WORD }, { "washer", "washer", WORD },
	{ "washing machine", "washer", WORD },
	{ "sterilizer", "sterilizer", WORD }, { "steriliser", "sterilizer", WORD },
	{ "air purifier", "air_purifier", WORD },
	{ "heat pump", "heat_pump", WORD },
	{ "air conditioner", "air_conditioner", WORD },
	{ "air conditioning", "air_conditioner", WORD },
	{ "aircon", "air_conditioner", WORD },
	{ "kettle", "kettle", WORD },
	{ "water heater", "water_heater", WORD },
	{ "tv", "tv", WORD }, { "television", "tv", WORD },
	{ "range hood", "range_hood", WORD }, { "cooker hood", "range_hood", WORD },
	{ "integrated stove", "integrated_stove", WORD },
	{ "induction cooker", "induction_cooker", WORD },
	{ "induction cooktop", "induction_cooker", WORD },
	{ "gas stove", "gas_stove", WORD }, { "gas hob", "gas_stove", WORD },
	{ "cooktop", "gas_stove", WORD }, { "stove", "gas_stove", WORD },
	{ "water purifier", "water_purifier", WORD },
	{ "water softener", "water_softener", WORD },
	{ "water dispenser", "water_dispenser", WORD },
	{ "microwave", "microwave", WORD },
	{ "steam oven", "steam_oven", WORD }, { "oven", "oven", WORD },
	{ "rice cooker", "rice_cooker", WORD },
	{ "pressure cooker", "pressure_cooker", WORD },
	{ "robot vacuum", "robot_vacuum", WORD },
	{ "robotic vacuum", "robot_vacuum", WORD },
	{ "vacuum cleaner", "vacuum_cleaner", WORD }, { "vacuum", "vacuum_cleaner", WORD },
	{ "dehumidifier", "dehumidifier", WORD }, { "humidifier", "humidifier", WORD },
	{ "fresh air", "fresh_air", WORD },
	{ "fan", "fan", WORD },
	{ "heater", "heater", WORD },
	{ "wall boiler", "wall_boiler", WORD }, { "boiler", "wall_boiler", WORD },
	{ "blender", "blender", WORD },
	{ "smart lock", "smart_lock", WORD },

	{ "bcd", "refrigerator", MODEL }, { "xqg", "washer", MODEL },
	{ "xqb", "washer", MODEL }, { "xqs", "washer", MODEL },
	{ "gdz", "dryer", MODEL }, { "kfr", "air_conditioner", MODEL },
	{ "kfrd", "air_conditioner", MODEL }, { "cxw", "range_hood", MODEL },
	{ "jzt", "gas_stove", MODEL }, { "jzy", "gas_stove", MODEL },
	{ "jsq", "water_heater", MODEL }, { "es", "water_heater", MODEL },
	{ "ec", "water_heater", MODEL }, { "wqp", "dishwasher", MODEL },
	/* two letters last: BD14126L is a washer's motor code in XQG100-BD14126L */
	{ "bc", "freezer", MODEL }, { "bd", "freezer", MODEL },
};

static const char *const categories[] = {
	"refrigerator", "freezer", "washer", "dryer", "dishwasher",
	"air_conditioner", "water_heater", "heat_pump", "tv", "range_hood",
	"gas_stove", "integrated_stove", "induction_cooker", "water_purifier",
	"water_softener", "water_dispenser", "microwave", "oven", "steam_oven",
	"sterilizer", "rice_cooker", "pressure_cooker", "air_purifier",
	"robot_vacuum", "vacuum_cleaner", "dehumidifier", "humidifier",
	"fresh_air", "fan", "heater", "wall_boiler", "kettle", "blender",
	"smart_lock",
};

size_t category_count(void)
{
	return ARRAY_SIZE(categories);
}

const char *category_name(size_t i)
{
	return i < ARRAY_SIZE(categories) ? categories[i] : NULL;
}

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || is_ascii_digit(c);
}

/* The word w at text[at]: a word start, and then a word end (or a plural s). */
static int word_at(const char *text, size_t len, size_t at, size_t wlen, enum match how)
{
	size_t end = at + wlen;

	if (at > 0 && is_alnum((unsigned char)text[at - 1]))
		return 0;
	if (how == MODEL)
		return end < len && (is_ascii_digit((unsigned char)text[end]) ||
				     text[end] == '-');
	if (end < len && text[end] == 's')
		end++;
	else if (end + 1 < len && text[end] == 'e' && text[end + 1] == 's')
		end += 2;
	return end >= len || !((unsigned char)text[end] >= 'a' && text[end] <= 'z');
}

static int has_word(const char *text, size_t len, const char *w, enum match how)
{
	size_t wlen = strlen(w);
	const char *p = text;

	while ((p = strstr(p, w)) != NULL) {
		if (word_at(text, len, (size_t)(p - text), wlen, how))
			return 1;
		p++;
	}
	return 0;
}

/*
 * The characters of a text, by the low 8 bits of their code points: a rule
 * whose first character is missing cannot match, and most rules go with
 * one bit test instead of a search.
 */
struct charset {
	uint64_t bits[4];
};

static void charset_add(struct charset *set, int32_t cp)
{
	unsigned key = (unsigned)cp & 0xff;

	set->bits[key >> 6] |= (uint64_t)1 << (key & 63);
}

static int charset_has(const struct charset *set, int32_t cp)
{
	unsigned key = (unsigned)cp & 0xff;

	return (set->bits[key >> 6] >> (key & 63)) & 1;
}

/* The folded text, as bytes for the ASCII rules and code points for Han. */
struct text {
	char buf[FOLD_MAX];
	size_t len;
	int32_t cps[FOLD_MAX];
	size_t ncps;		/* up to a NUL, like strstr() on buf */
	int has_han, has_latin;
	struct charset chars;
};

static void text_fold(struct text *t, const char *s, size_t n)
{
	size_t i = 0;

	t->len = fold_text(s, n, t->buf, sizeof(t->buf));
	t->ncps = 0;
	t->has_han = t->has_latin = 0;
	memset(&t->chars, 0, sizeof(t->chars));
	while (i < t->len && t->buf[i] != '\0') {
		int32_t cp;

		/* fold_text() writes valid UTF-8 */
		i += utf8_decode(t->buf + i, t->len - i, &cp);
		if (cp >= 0x80)
			t->has_han = 1;
		else if (cp >= 'a' && cp <= 'z')
			t->has_latin = 1;
		t->cps[t->ncps++] = cp;
		charset_add(&t->chars, cp);
	}
	/* "air_conditioner" is a name too */
	for (i = 0; i < t->len; i++)
		if (t->buf[i] == '_')
			t->buf[i] = ' ';
}

static int has_han_word(const struct text *t, const char32_t *w)
{
	for (size_t i = 0; i < t->ncps; i++) {
		size_t k = 0;

		while (w[k] && i + k < t->ncps && t->cps[i + k] == (int32_t)w[k])
			k++;
		if (!w[k])
			return 1;
	}
	return 0;
}

const char *category_from_text(const char *s, size_t n)
{
	struct text t;

	text_fold(&t, s, n);
	for (size_t i = 0; i < ARRAY_SIZE(han_rules) && t.has_han; i++)
		if (charset_has(&t.chars, han_rules[i].pat[0]) &&
		    has_han_word(&t, han_rules[i].pat))
			return han_rules[i].cat;
	for (size_t i = 0; i < ARRAY_SIZE(latin_rules) && t.has_latin; i++)
		if (charset_has(&t.chars, latin_rules[i].pat[0]) &&
		    has_word(t.buf, t.len, latin_rules[i].pat, latin_rules[i].how))
			return latin_rules[i].cat;
	return NULL;
}

/* Price: currency marks and words that may stand before or after the amount. */
#define MARK(s) { s, sizeof(s) - 1 }

static const struct {
	const char *s;
	size_t len;
} currency_marks[] = {
	MARK("人民币"), MARK("rmb"), MARK("cny"), MARK("¥"), MARK("元整"), MARK("元"),
	MARK("圆"), MARK("块钱"), MARK("块"),
};

static size_t skip_currency(const char *p, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(currency_marks); i++) {
		size_t l = currency_marks[i].len;
		if (l <= n && p[0] == currency_marks[i].s[0] &&
		    memcmp(p, currency_marks[i].s, l) == 0)
			return l;
	}
	return 0;
}

/* Skips spaces and currency marks; returns the number of bytes skipped. */
static size_t skip_noise(const char *p, size_t n)
{
	size_t i = 0, l;

	for (;;) {
		while (i < n && p[i] == ' ')
			i++;
		if ((l = skip_currency(p + i, n - i)) == 0)
			return i;
		i += l;
	}
}

struct amount {
	char digits[40];	/* integer digits, separators removed */
	size_t nint;
	const char *frac;	/* in the folded text */
	size_t nfrac;
	int has_dot;
};

/* Integer part with optional groups ("1,299", "1 299") and fraction. */
static size_t read_amount(const char *p, size_t n, struct amount *a)
{
	size_t i = 0, group = 0;
	int grouped = 0;

	a->nint = 0;
	a->nfrac = 0;
	a->frac = NULL;
	a->has_dot = 0;
	while (i < n) {
		char c = p[i];
		if (is_ascii_digit((unsigned char)c)) {
			if (a->nint + 1 >= sizeof(a->digits))
				return 0;
			a->digits[a->nint++] = c;
			group++;
			i++;
		} else if ((c == ',' || (c == ' ' && i + 1 < n &&
					 is_ascii_digit((unsigned char)p[i + 1]))) &&
			   a->nint > 0) {
			/* the first group has 1-3 digits, the others 3 */
			if (grouped ? group != 3 : group > 3)
				return 0;
			grouped = 1;
			group = 0;
			i++;
		} else {
			break;
		}
	}
	if (a->nint == 0 || (grouped && group != 3))
		return 0;
	if (i < n && p[i] == '.') {
		i++;
		a->has_dot = 1;
		a->frac = p + i;
		while (i < n && is_ascii_digit((unsigned char)p[i]))
			i++;
		a->nfrac = (size_t)(p + i - a->frac);
		if (a->nfrac == 0)
			return 0;
	}
	a->digits[a->nint] = '\0';
	return i;
}

/* 万 / w and 千 / k after the amount: the power of ten, or 0. */
static size_t read_multiplier(const char *p, size_t n, int *power)
{
	*power = 0;
	if (n >= 3 && memcmp(p, "万", 3) == 0)
		return *power = 4, 3;
	if (n >= 3 && memcmp(p, "千", 3) == 0)
		return *power = 3, 3;
	if (n >= 1 && (p[0] == 'w' || p[0] == 'k') && (n == 1 || !(p[1] >= 'a' && p[1] <= 'z')))
		return *power = p[0] == 'w' ? 4 : 3, 1;
	return 0;
}

/* Writes the amount times 10^power: the dot moves, nothing is rounded. */
static void write_amount(strbuf *out, const struct amount *a, int power)
{
	size_t start = out->len, fi = 0;

	sb_add(out, a->digits, a->nint);
	for (int k = 0; k < power; k++)
		sb_addc(out, fi < a->nfrac ? a->frac[fi++] : '0');
	if (power > 0) {
		/* 0.5万 -> 5000, not 05000 */
		size_t z = start;
		while (z + 1 < out->len && out->buf[z] == '0')
			z++;
		memmove(out->buf + start, out->buf + z, out->len - z);
		sb_setlen(out, out->len - (z - start));
		if (fi < a->nfrac) {
			sb_addc(out, '.');
			sb_add(out, a->frac + fi, a->nfrac - fi);
		}
		return;
	}
	if (a->has_dot) {
		sb_addc(out, '.');
		sb_add(out, a->frac, a->nfrac);
	}
}

int price_parse(const char *s, size_t n, strbuf *out)
{
	char buf[FOLD_MAX];
	size_t len, i, l;
	struct amount a;
	int neg = 0, power;

	sb_reset(out);
	if (n >= sizeof(buf))
		return 0;
	len = fold_text(s, n, buf, sizeof(buf));
	/* U+FFE5 ￥ is not full-width ASCII: fold it to ¥ U+00A5 here */
	for (i = 0; i + 3 <= len; i++) {
		if (buf[i] == '\xef' && memcmp(buf + i, "\xef\xbf\xa5", 3) == 0) {
			memcpy(buf + i, "\xc2\xa5", 2);
			memmove(buf + i + 2, buf + i + 3, len - i - 3);
			buf[--len] = '\0';
		}
	}
	i = skip_noise(buf, len);
	if (i < len && (buf[i] == '-' || buf[i] == '+')) {
		neg = buf[i] == '-';
		i++;
		i += skip_noise(buf + i, len - i);
	}
	if (i == len)
		return 0;
	if ((l = read_amount(buf + i, len - i, &a)) == 0)
		return 0;
	i += l;
	i += skip_noise(buf + i, len - i);
	i += read_multiplier(buf + i, len - i, &power);
	i += skip_noise(buf + i, len - i);
	if (i != len)
		return 0;
	if (neg)
		sb_addc(out, '-');
	write_amount(out, &a, power);
	return 1;
}
