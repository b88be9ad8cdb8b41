#include "../../cmd/scrm-clean/name.h"

#include <stdio.h>
#include <string.h>

#include "test.h"
#include "banned.h"

#define H NAME_HAN
#define D NAME_HAN_DOT
#define L NAME_LATIN
#define X NAME_MIXED
#define E NAME_EMPTY

static const struct {
	const char *in;
	const char *out;
	enum name_script script;
	const char *family;	/* "" when unknown */
	int complete;
	const char *flags;	/* space-separated, exactly these */
} cases[] = {
	/* plain Han names and the surname split */
	{ "张三丰", "张三丰", H, "张", 1, "" },
	{ "  王小明 ", "王小明", H, "王", 1, "" },
	{ "欧阳娜娜", "欧阳娜娜", H, "欧阳", 1, "" },
	{ "司马相如", "司马相如", H, "司马", 1, "" },
	{ "诸葛亮", "诸葛亮", H, "诸葛", 1, "" },
	{ "欧阳", "欧阳", H, "欧", 1, "" },
	{ "单于飞", "单于飞", H, "单于", 1, "" },
	{ "李", "李", H, "李", 0, "" },
	{ "扎西顿珠", "扎西顿珠", H, "", 1, "" },
	{ "乌兰图雅", "乌兰图雅", H, "乌", 1, "" },
	{ "张王晨曦", "张王晨曦", H, "张", 1, "" },
	/* NFKC, spaces, zero-width */
	{ "张 伟", "张伟", H, "张", 1, "" },
	{ "张　伟", "张伟", H, "张", 1, "" },
	{ "王  小 明", "王小明", H, "王", 1, "" },
	{ "欧阳 娜娜", "欧阳娜娜", H, "欧阳", 1, "" },
	{ "张\xe2\x80\x8b伟", "张伟", H, "张", 1, "" },
	{ "\xef\xbb\xbf李四光", "李四光", H, "李", 1, "" },
	/* dots */
	{ "买买提·艾力", "买买提·艾力", D, "", 1, "" },
	{ "买买提・艾力", "买买提·艾力", D, "", 1, "" },
	{ "买买提•艾力", "买买提·艾力", D, "", 1, "" },
	{ "买买提．艾力", "买买提·艾力", D, "", 1, "" },
	{ "买买提.艾力", "买买提·艾力", D, "", 1, "" },
	{ "买买提-艾力", "买买提·艾力", D, "", 1, "" },
	{ "买买提 艾力", "买买提·艾力", D, "", 1, "" },
	{ "买买提 · 艾力", "买买提·艾力", D, "", 1, "" },
	{ "买买提··艾力·", "买买提·艾力", D, "", 1, "" },
	{ "迪丽热巴·迪力木拉提", "迪丽热巴·迪力木拉提", D, "", 1, "" },
	{ "阿卜杜热合曼·阿卜杜克热木江", "阿卜杜热合曼·阿卜杜克热木江", D, "", 1, "" },
	/* Latin */
	{ "Zhang San", "Zhang San", L, "", 1, "" },
	{ "  zhang   SAN ", "zhang SAN", L, "", 1, "" },
	{ "ＺＨＡＮＧ　ＳＡＮ", "ZHANG SAN", L, "", 1, "" },
	{ "Jean-Pierre O'Neil", "Jean-Pierre O'Neil", L, "", 1, "" },
	{ "José Núñez", "José Núñez", L, "", 1, "" },
	{ "Mr Wang", "Wang", L, "", 1, "name_honorific" },
	{ "张San", "张San", X, "", 1, "" },
	/* notes */
	{ "张伟（儿子）", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟(父)", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟/李四", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟、李四", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟 13912345678", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟13912345678", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟-空调", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟 儿子", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟-父", "张伟", H, "张", 1, "name_had_extra" },
	{ "张伟【VIP】", "张伟", H, "张", 1, "name_had_extra" },
	{ "张三（儿子）", "张三", H, "张", 1, "name_had_extra name_placeholder" },
	{ "Zhang San (son)", "Zhang San", L, "", 1, "name_had_extra" },
	/* honorifics */
	{ "王先生", "王", H, "王", 0, "name_honorific" },
	{ "李女士", "李", H, "李", 0, "name_honorific" },
	{ "陈小姐", "陈", H, "陈", 0, "name_honorific" },
	{ "张总", "张", H, "张", 0, "name_honorific" },
	{ "欧阳总", "欧阳", H, "欧阳", 0, "name_honorific" },
	{ "刘师傅", "刘", H, "刘", 0, "name_honorific name_role_suspect" },
	{ "张伟先生", "张伟", H, "张", 1, "name_honorific" },
	{ "张伟 先生", "张伟", H, "张", 1, "name_honorific" },
	{ "王先生(空调)", "王", H, "王", 0, "name_honorific name_had_extra" },
	{ "刘工", "刘", H, "刘", 0, "name_honorific" },
	{ "刘德华", "刘德华", H, "刘", 1, "" },
	{ "李工", "李", H, "李", 0, "name_honorific" },
	{ "张姐", "张", H, "张", 0, "name_honorific" },
	/* junk */
	{ "测试", "测试", H, "", 0, "name_junk" },
	{ "测试用户", "测试用户", H, "", 0, "name_junk" },
	{ "测试123", "测试123", X, "", 0, "name_junk name_wrong_field" },
	{ "test", "test", L, "", 0, "name_junk" },
	{ "TEST", "TEST", L, "", 0, "name_junk" },
	{ "xxx", "xxx", L, "", 0, "name_junk" },
	{ "XX", "XX", L, "", 0, "name_junk" },
	{ "某某", "某某", H, "", 0, "name_junk" },
	{ "张某", "张某", H, "", 0, "name_junk" },
	{ "未知", "未知", H, "", 0, "name_junk" },
	{ "客户", "客户", H, "", 0, "name_junk" },
	{ "微信用户", "微信用户", H, "", 0, "name_junk" },
	{ "用户1234", "用户1234", X, "", 0, "name_junk name_wrong_field" },
	{ "先生", "先生", H, "", 0, "name_junk" },
	{ "N/A", "N/A", X, "", 0, "name_junk" },
	{ "-", "-", X, "", 0, "name_junk" },
	{ "？", "?", X, "", 0, "name_junk" },
	{ "123", "123", X, "", 0, "name_junk name_wrong_field" },
	{ "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", X, "", 0, "name_junk" },
	{ "张**", "张**", X, "", 0, "name_junk" },
	{ "王XX", "王XX", X, "", 0, "name_junk" },
	/* junk once the note is split off */
	{ "客户(张三)", "客户", H, "", 0, "name_had_extra name_junk" },
	{ "用户/李四", "用户", H, "", 0, "name_had_extra name_junk" },
	/* placeholders */
	{ "张三", "张三", H, "张", 1, "name_placeholder" },
	{ "李四", "李四", H, "李", 1, "name_placeholder" },
	{ "王五", "王五", H, "王", 1, "name_placeholder" },
	{ "赵六", "赵六", H, "赵", 1, "name_placeholder" },
	/* wrong field */
	{ "13912345678", "13912345678", X, "", 0, "name_junk name_wrong_field" },
	{ "zhangsan@qq.com", "zhangsan@qq.com", X, "", 1, "name_wrong_field" },
	{ "www.example.com", "www.example.com", L, "", 1, "name_wrong_field" },
	{ "张3", "张3", X, "", 1, "name_wrong_field" },
	/* encoding damage */
	{ "王?明", "王?明", H, "王", 1, "name_encoding_damaged" },
	{ "王？", "王?", H, "王", 1, "name_encoding_damaged" },
	{ "朱□基", "朱□基", H, "朱", 1, "name_encoding_damaged" },
	{ "王\xef\xbf\xbd明", "王\xef\xbf\xbd明", H, "王", 1, "name_encoding_damaged" },
	{ "锟斤拷", "锟斤拷", H, "", 1, "name_encoding_damaged" },
	{ "烫烫烫烫", "烫烫烫烫", H, "", 0, "name_encoding_damaged name_junk" },
	/* length */
	{ "张三李四王五赵六", "张三李四王五赵六", H, "张", 1, "name_too_long" },
	{ "爱新觉罗溥仪", "爱新觉罗溥仪", H, "爱", 1, "" },
	/* empty */
	{ "", "", E, "", 0, "" },
	{ "   ", "", E, "", 0, "" },
	{ "\xe2\x80\x8b", "", E, "", 0, "" },
};

static void check_flags(const struct flags *f, const char *want, const char *ctx)
{
	char buf[128];
	int nwant = 0;
	size_t i = 0, len = strlen(want);

	while (i < len) {
		size_t j = i;
		while (j < len && want[j] != ' ')
			j++;
		snprintf(buf, sizeof(buf), "%.*s", (int)(j - i), want + i);
		CHECK(flags_has(f, buf), "%s: flag %s missing", ctx, buf);
		nwant++;
		i = j + 1;
	}
	CHECK_INT(f->n, nwant, ctx);
	if (f->n != nwant)
		for (int k = 0; k < f->n; k++)
			printf("  has %s\n", f->v[k]);
}

static void test_table(void)
{
	strbuf out = STRBUF_INIT;
	char fam[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct flags f = { .n = 0 };
		struct name_info info;

		name_normalize(cases[i].in, strlen(cases[i].in), &out, &info, &f);
		CHECK_STR(sb_str(&out), cases[i].out, cases[i].in);
		CHECK_INT(info.script, cases[i].script, cases[i].in);
		snprintf(fam, sizeof(fam), "%.*s", (int)info.family_len, sb_str(&out));
		CHECK_STR(fam, cases[i].family, cases[i].in);
		CHECK_INT(info.complete, cases[i].complete, cases[i].in);
		check_flags(&f, cases[i].flags, cases[i].in);
	}
	sb_release(&out);
}

static void test_info(void)
{
	strbuf out = STRBUF_INIT;
	struct flags f = { .n = 0 };
	struct name_info info;

	name_normalize("王先生", strlen("王先生"), &out, &info, &f);
	CHECK_STR(info.title, "先生", "title 先生");
	CHECK_INT(info.gender, 'M', "gender 先生");
	name_normalize("李女士", strlen("李女士"), &out, &info, &f);
	CHECK_INT(info.gender, 'F', "gender 女士");
	name_normalize("陈小姐", strlen("陈小姐"), &out, &info, &f);
	CHECK_INT(info.gender, 'F', "gender 小姐");
	name_normalize("张总", strlen("张总"), &out, &info, &f);
	CHECK_INT(info.gender, 0, "gender 总");
	CHECK_STR(info.title, "总", "title 总");
	name_normalize("Ms. Li Na", strlen("Ms. Li Na"), &out, &info, &f);
	CHECK_STR(sb_str(&out), "Li Na", "Ms. Li Na");
	CHECK_STR(info.title, "Ms.", "title Ms.");
	CHECK_INT(info.gender, 'F', "gender Ms.");
	name_normalize("张三（儿子）", strlen("张三（儿子）"), &out, &info, &f);
	CHECK_STR(info.note, "儿子", "note 儿子");
	CHECK_INT(info.gender, 0, "no gender");
	name_normalize("张三/李四", strlen("张三/李四"), &out, &info, &f);
	CHECK_STR(info.note, "李四", "note 李四");
	name_normalize("张三 13912345678", strlen("张三 13912345678"), &out, &info, &f);
	CHECK_STR(info.note, "13912345678", "note phone");
	name_normalize("张三-空调", strlen("张三-空调"), &out, &info, &f);
	CHECK_STR(info.note, "空调", "note 空调");
	name_normalize("张王晨曦", strlen("张王晨曦"), &out, &info, &f);
	CHECK_INT(info.family_alt_len, strlen("张王"), "alt split 张王");
	name_normalize("欧阳娜娜", strlen("欧阳娜娜"), &out, &info, &f);
	CHECK_INT(info.family_alt_len, 0, "no alt split 欧阳");
	name_normalize("王小明", strlen("王小明"), &out, &info, &f);
	CHECK_INT(info.family_alt_len, 0, "no alt split 王小明");
	CHECK_STR(info.note, "", "no note");
	CHECK_STR(info.title, "", "no title");
	/* NULL flags */
	name_normalize("刘师傅", strlen("刘师傅"), &out, &info, NULL);
	CHECK_STR(sb_str(&out), "刘", "NULL flags");
	sb_release(&out);
}

static void test_key(void)
{
	static const struct {
		const char *in, *key;
	} keys[] = {
		{ "买买提·艾力", "买买提艾力" },
		{ "Zhang San", "zhangsan" },
		{ "ＺＨＡＮＧ-San", "zhangsan" },
		{ "O'Neil", "oneil" },
		{ "张三", "张三" },
	};
	strbuf out = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		sb_reset(&out);
		name_key(keys[i].in, strlen(keys[i].in), &out);
		CHECK_STR(sb_str(&out), keys[i].key, keys[i].in);
	}
	sb_release(&out);
}

static void test_surnames(void)
{
	CHECK_INT(cn_surname_class("王", strlen("王")), CN_SURNAME_SINGLE | CN_SURNAME_UNAMBIGUOUS, "王");
	CHECK_INT(cn_surname_class("欧阳", strlen("欧阳")) & CN_SURNAME_COMPOUND, CN_SURNAME_COMPOUND, "欧阳");
	CHECK_INT(cn_surname_class("第五", strlen("第五")) & CN_SURNAME_COMPOUND, CN_SURNAME_COMPOUND, "第五");
	CHECK_INT(cn_surname_class("扎", strlen("扎")), 0, "扎");
	CHECK_INT(cn_surname_class("王", 0), 0, "empty");
	CHECK_INT(cn_surname_class("欧阳娜", strlen("欧阳娜")), 0, "3 chars");
	CHECK_INT(cn_surname_class("欧阳", 3), CN_SURNAME_SINGLE, "欧 of 欧阳");
	CHECK_INT(cn_surname_class("欧阳", 5), 0, "cut 欧阳");
	CHECK_INT(cn_surname_class("王", 2), 0, "cut 王");
	CHECK_INT(cn_surname_class("万俟", strlen("万俟")) & CN_SURNAME_COMPOUND,
		  CN_SURNAME_COMPOUND, "万俟");
}

int main(void)
{
	test_table();
	test_info();
	test_key();
	test_surnames();
	return test_done();
}
