/* Chinese name helpers: surnames, traditional characters, pinyin. */
#include <string.h>

#include "cn_names.h"
#include "test.h"
#include "banned.h"

static void test_surname_len(void)
{
	static const struct {
		const char *name;
		size_t want;
	} cases[] = {
		{ "张伟", 3 }, { "欧阳娜娜", 6 }, { "欧阳", 3 }, { "司马懿", 6 },
		{ "Zhang Wei", 5 }, { "", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_INT(cn_surname_len(cases[i].name, strlen(cases[i].name)), cases[i].want,
			  cases[i].name);
}

static void test_simplify(void)
{
	static const char *const cases[][2] = {
		{ "張偉", "张伟" }, { "楊瑞立", "杨瑞立" }, { "张伟", "张伟" },
		{ "Zhang Wei", "Zhang Wei" }, { "劉德華 先生", "刘德华 先生" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strbuf b = STRBUF_INIT;
		cn_simplify(cases[i][0], strlen(cases[i][0]), &b);
		CHECK_STR(sb_str(&b), cases[i][1], cases[i][0]);
		sb_release(&b);
	}
}

static void test_pinyin(void)
{
	static const struct {
		const char *han, *latin;
		enum cn_pinyin_fit want;
	} cases[] = {
		{ "唐彬庆", "Binqing Tang", CN_PINYIN_NAME },
		{ "唐彬庆", "TANG BINQING", CN_PINYIN_NAME },
		{ "唐彬庆", "tang bin-qing", CN_PINYIN_NAME },
		{ "张伟", "Zhang Wei", CN_PINYIN_NAME },
		{ "张伟", "Wei Zhang", CN_PINYIN_NAME },
		{ "欧阳娜娜", "Nana Ouyang", CN_PINYIN_NAME },
		{ "曾小贤", "Zeng Xiaoxian", CN_PINYIN_NAME },	/* 曾 read zeng, not ceng */
		{ "单田芳", "Shan Tianfang", CN_PINYIN_NAME },
		{ "吕强", "Lv Qiang", CN_PINYIN_NAME },
		{ "张伟", "Zhang Lei", CN_PINYIN_SURNAME },
		{ "张伟", "Lei Zhang", CN_PINYIN_SURNAME },
		{ "张伟", "Li Na", CN_PINYIN_OTHER },
		{ "唐彬庆", "Jing Li", CN_PINYIN_OTHER },
		{ "张伟", "Lily", CN_PINYIN_UNKNOWN },	/* no pinyin: no opinion */
		{ "张伟", "Smith", CN_PINYIN_UNKNOWN },
		{ "张伟", "", CN_PINYIN_UNKNOWN },
		{ "张伟", "张伟", CN_PINYIN_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_INT(cn_pinyin_fit(cases[i].han, strlen(cases[i].han), cases[i].latin,
					strlen(cases[i].latin)),
			  cases[i].want, cases[i].latin);
}

int main(void)
{
	test_surname_len();
	test_simplify();
	test_pinyin();
	return test_done();
}
