#include "../../cmd/scrm-clean/email.h"

#include <stdio.h>
#include <string.h>

#include "test.h"
#include "banned.h"

static const struct {
	const char *in;
	int ok;
	const char *want;	/* normalised address when ok */
	const char *flags;	/* space-separated, exactly these */
} cases[] = {
	/* plain and normalised */
	{ "zhangsan@163.com", 1, "zhangsan@163.com", "" },
	{ "  ZhangSan@163.COM ", 1, "zhangsan@163.com", "" },
	{ "zhang.san+crm@qq.com", 1, "zhang.san+crm@qq.com", "" },
	{ "ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ", 1, "zhangsan@163.com", "" },
	{ "zhangsan@163。com", 1, "zhangsan@163.com", "" },
	{ "zhangsan＠163，com", 1, "zhangsan@163.com", "" },
	{ "zhang san @ 163 . com", 1, "zhangsan@163.com", "" },
	{ "zhangsan@163.com.", 1, "zhangsan@163.com", "" },
	{ "mailto:zhangsan@163.com", 1, "zhangsan@163.com", "" },
	{ "MAILTO:ZhangSan@QQ.COM", 1, "zhangsan@qq.com", "" },
	{ "zhangsan\xe2\x80\x8b@163.com", 1, "zhangsan@163.com", "" },
	{ "li_si-88@company.com.cn", 1, "li_si-88@company.com.cn", "" },
	{ "wangwu@mail.haier.com", 1, "wangwu@mail.haier.com", "" },
	{ "o'brien@example.ie", 1, "o'brien@example.ie", "" },
	{ "user@xn--fiqs8s.cn", 1, "user@xn--fiqs8s.cn", "" },
	{ "user@例子.中国", 1, "user@例子.中国", "" },
	/* empty and invalid */
	{ "", 0, NULL, "" },
	{ "   ", 0, NULL, "" },
	{ "zhangsan", 0, NULL, "email_invalid" },
	{ "zhangsan@", 0, NULL, "email_invalid" },
	{ "@163.com", 0, NULL, "email_invalid" },
	{ "zhang@san@163.com", 0, NULL, "email_invalid" },
	{ "zhang..san@163.com", 0, NULL, "email_invalid" },
	{ ".zhang@163.com", 0, NULL, "email_invalid" },
	{ "zhang.@163.com", 0, NULL, "email_invalid" },
	{ "zhang(san)@163.com", 0, NULL, "email_invalid" },
	{ "张三@163.com", 0, NULL, "email_invalid" },
	{ "zhangsan@localhost", 0, NULL, "email_invalid" },
	{ "zhangsan@163..com", 0, NULL, "email_invalid" },
	{ "zhangsan@-163.com", 0, NULL, "email_invalid" },
	{ "zhangsan@163_mail.com", 0, NULL, "email_invalid" },
	{ "zhangsan@company.c", 0, NULL, "email_invalid" },
	{ "zhangsan@company.c0m1", 0, NULL, "email_invalid" },
	{ "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij12345@163.com",
	  0, NULL, "email_invalid" },
	/* placeholders */
	{ "无", 0, NULL, "email_junk" },
	{ "NULL", 0, NULL, "email_junk" },
	{ "-", 0, NULL, "email_junk" },
	/* missing TLD */
	{ "zhangsan@qq", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@163", 1, "zhangsan@163.com", "email_typo_fixed" },
	{ "zhangsan@126", 1, "zhangsan@126.com", "email_typo_fixed" },
	{ "zhangsan@sina", 0, NULL, "email_invalid" },
	/* TLD slips on a known name */
	{ "zhangsan@qq.con", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@qq.cm", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@qq.co", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@qq.om", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@qq.comm", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@qq.vom", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@qq.com.cn", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@qq.cn", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@163.cm", 1, "zhangsan@163.com", "email_typo_fixed" },
	{ "zhangsan@163.con", 1, "zhangsan@163.com", "email_typo_fixed" },
	{ "zhangsan@126.con", 1, "zhangsan@126.com", "email_typo_fixed" },
	{ "zhangsan@gmail.con", 1, "zhangsan@gmail.com", "email_typo_fixed" },
	{ "zhangsan@hotmail.con", 1, "zhangsan@hotmail.com", "email_typo_fixed" },
	{ "zhangsan@foxmail.con", 1, "zhangsan@foxmail.com", "email_typo_fixed" },
	{ "zhangsan@outlook.con", 1, "zhangsan@outlook.com", "email_typo_fixed" },
	{ "zhangsan@vip.qq.con", 1, "zhangsan@vip.qq.com", "email_typo_fixed" },
	{ "zhangsan@yeah.met", 1, "zhangsan@yeah.net", "email_typo_fixed" },
	{ "zhangsan@189.cm", 1, "zhangsan@189.cn", "email_typo_fixed" },
	{ "zhangsan@sina.cm", 1, "zhangsan@sina.cm", "email_typo_suspect" },
	{ "zhangsan@sina.cn", 1, "zhangsan@sina.cn", "" },
	{ "zhangsan@163.net", 1, "zhangsan@163.net", "" },
	{ "zhangsan@hotmail.co.uk", 1, "zhangsan@hotmail.co.uk", "" },
	/* name slips */
	{ "zhangsan@gmial.com", 1, "zhangsan@gmail.com", "email_typo_fixed" },
	{ "zhangsan@gamil.com", 1, "zhangsan@gmail.com", "email_typo_fixed" },
	{ "zhangsan@hotmial.com", 1, "zhangsan@hotmail.com", "email_typo_fixed" },
	{ "zhangsan@hotmai.com", 1, "zhangsan@hotmail.com", "email_typo_fixed" },
	{ "zhangsan@souhu.com", 1, "zhangsan@sohu.com", "email_typo_fixed" },
	{ "zhangsan@foxmial.com", 1, "zhangsan@foxmail.com", "email_typo_fixed" },
	{ "zhangsan@outlok.com", 1, "zhangsan@outlook.com", "email_typo_fixed" },
	{ "zhangsan@sian.com", 1, "zhangsan@sina.com", "email_typo_fixed" },
	{ "zhangsan@qqq.com", 1, "zhangsan@qq.com", "email_typo_fixed" },
	{ "zhangsan@gmail.cmo", 1, "zhangsan@gmail.com", "email_typo_fixed" },
	{ "zhangsan@162.com", 1, "zhangsan@162.com", "email_typo_suspect" },
	{ "zhangsan@136.com", 1, "zhangsan@136.com", "email_typo_suspect" },
	{ "zhangsan@165.com", 1, "zhangsan@165.com", "email_typo_suspect" },
	{ "zhangsan@189.com", 1, "zhangsan@189.com", "email_typo_suspect" },
	{ "zhangsan@life.com", 1, "zhangsan@life.com", "email_typo_suspect" },
	{ "zhangsan@haier.com", 1, "zhangsan@haier.com", "" },
	{ "zhangsan@126.com", 1, "zhangsan@126.com", "" },
	/* dead domains */
	{ "zhangsan@yahoo.com.cn", 1, "zhangsan@yahoo.com.cn", "email_dead_domain" },
	{ "zhangsan@yahoo.cn", 1, "zhangsan@yahoo.cn", "email_dead_domain" },
	{ "zhangsan@yahoo.com", 1, "zhangsan@yahoo.com", "" },
	/* QQ numbers */
	{ "10001@qq.com", 1, "10001@qq.com", "" },
	{ "13579246801@qq.com", 1, "13579246801@qq.com", "" },
	{ "07314562@qq.com", 1, "07314562@qq.com", "email_qq_invalid" },
	{ "9527@qq.com", 1, "9527@qq.com", "email_qq_invalid" },
	{ "731456289012@qq.com", 1, "731456289012@qq.com", "email_qq_invalid" },
	{ "8527301@qq.con", 1, "8527301@qq.com", "email_typo_fixed" },
	{ "0527301@163.com", 1, "0527301@163.com", "" },
	{ "13912345678@139.com", 1, "13912345678@139.com", "" },
	/* junk */
	{ "test@test.com", 1, "test@test.com", "email_junk" },
	{ "a@a.com", 1, "a@a.com", "email_junk" },
	{ "xxx@xxx.com", 1, "xxx@xxx.com", "email_junk" },
	{ "xxx@163.com", 1, "xxx@163.com", "email_junk" },
	{ "123@qq.com", 1, "123@qq.com", "email_qq_invalid email_junk" },
	{ "123456@qq.com", 1, "123456@qq.com", "email_junk" },
	{ "1234567890@qq.com", 1, "1234567890@qq.com", "email_junk" },
	{ "01234567@qq.com", 1, "01234567@qq.com", "email_qq_invalid email_junk" },
	{ "888888@qq.com", 1, "888888@qq.com", "email_junk" },
	{ "none@163.com", 1, "none@163.com", "email_junk" },
	{ "no@qq.com", 1, "no@qq.com", "email_junk" },
	{ "wu@126.com", 1, "wu@126.com", "email_junk" },
	{ "Test@163.com", 1, "test@163.com", "email_junk" },
	{ "zhangsan@example.com", 1, "zhangsan@example.com", "email_junk" },
	{ "abc@abc.cn", 1, "abc@abc.cn", "email_junk" },
	{ "wang@wang.cn", 1, "wang@wang.cn", "" },
};

/* Every flag in want is set, and no other. */
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
}

int main(void)
{
	strbuf out = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct flags f = { .n = 0 };
		int ok = email_normalize(cases[i].in, strlen(cases[i].in), &out, &f);

		CHECK_INT(ok, cases[i].ok, cases[i].in);
		if (cases[i].ok)
			CHECK_STR(sb_str(&out), cases[i].want, cases[i].in);
		check_flags(&f, cases[i].flags, cases[i].in);
	}
	/* a NULL flags set is allowed */
	CHECK_INT(email_normalize("x@qq.con", 8, &out, NULL), 1, "NULL flags");
	CHECK_STR(sb_str(&out), "x@qq.com", "NULL flags");
	sb_release(&out);
	return test_done();
}
