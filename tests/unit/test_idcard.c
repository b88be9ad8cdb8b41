/* Resident identity numbers: cn-cleaning-rules.md section 2 (2.6 vectors, 2.4 conversions). */
#include <stdio.h>
#include <string.h>

#include "flags.h"
#include "../../cmd/scrm-clean/idcard.h"
#include "test.h"

#include "banned.h"

#define TODAY 20251124

struct id_case {
	const char *in;
	int ok;
	const char *id;		/* expected normalised number (valid cases) */
	int year, month, day;
	char gender;
	int region;
	const char *kind;
	const char *legacy15;
	const char *flags;	/* the exact set, space-separated */
};

static const struct id_case cases[] = {
	/* section 2.6 synthetic vectors */
	{ "370212198506151233", 1, "370212198506151233", 1985, 6, 15, 'M', 370212, "resident", "", "" },
	{ "370202199211300467", 1, "370202199211300467", 1992, 11, 30, 'F', 370202, "resident", "", "" },
	{ "110105200002293177", 1, "110105200002293177", 2000, 2, 29, 'M', 110105, "resident", "", "" },
	{ "310115197801019081", 1, "310115197801019081", 1978, 1, 1, 'F', 310115, "resident", "", "" },
	{ "440305201010105553", 1, "440305201010105553", 2010, 10, 10, 'M', 440305, "resident", "", "" },
	{ "810000198808080216", 1, "810000198808080216", 1988, 8, 8, 'M', 810000, "hmt_residence_permit", "", "" },
	{ "830000197001010347", 1, "830000197001010347", 1970, 1, 1, 'F', 830000, "hmt_residence_permit", "", "" },
	{ "820000199505050120", 1, "820000199505050120", 1995, 5, 5, 'F', 820000, "hmt_residence_permit", "", "" },
	{ "370212198506151230", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_checksum" },
	{ "370212198502301230", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_date" },
	{ "11010519491231002x", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "", "id_card_junk" },
	/* the standard's examples are junk in data, but valid */
	{ "11010519491231002X", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "", "id_card_junk" },
	{ "440524188001010014", 1, "440524188001010014", 1880, 1, 1, 'M', 440524, "resident", "", "id_card_junk id_card_age_suspect" },
	/* section 2.4: 15 -> 18 digits, 996-999 born in the 1800s */
	{ "370212850615123", 1, "370212198506151233", 1985, 6, 15, 'M', 370212, "resident", "370212850615123", "id_card_converted15" },
	{ "110105491231002", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "110105491231002", "id_card_converted15 id_card_junk" },
	{ "110105800101996", 1, "11010518800101996X", 1880, 1, 1, 'F', 110105, "resident", "110105800101996", "id_card_converted15 id_card_age_suspect" },
	{ "440524800101997", 1, "440524188001019975", 1880, 1, 1, 'M', 440524, "resident", "440524800101997", "id_card_converted15 id_card_age_suspect" },
	{ "370205900101123", 1, "370205199001011236", 1990, 1, 1, 'M', 370205, "resident", "370205900101123", "id_card_converted15" },
	{ "370212850230123", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_date" },
	{ "070212850615123", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "37021285061512A", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	/* regions: abolished codes stay valid, unknown ones are flagged */
	{ "110103198001010013", 1, "110103198001010013", 1980, 1, 1, 'M', 110103, "resident", "", "" },
	{ "119999198001010018", 1, "119999198001010018", 1980, 1, 1, 'M', 119999, "resident", "", "id_card_region_unknown" },
	{ "100101198001010019", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "659010199001011231", 1, "659010199001011231", 1990, 1, 1, 'M', 659010, "resident", "", "" },
	{ "710000199001011237", 1, "710000199001011237", 1990, 1, 1, 'M', 710000, "resident", "", "" },
	/* dates */
	{ "370212190002291236", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_date" },
	{ "370212200002291232", 1, "370212200002291232", 2000, 2, 29, 'M', 370212, "resident", "", "" },
	{ "370212203001011239", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_date" },
	{ "370212187912311235", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_date" },
	{ "370212188001011236", 1, "370212188001011236", 1880, 1, 1, 'M', 370212, "resident", "", "id_card_age_suspect" },
	{ "370212191001011233", 1, "370212191001011233", 1910, 1, 1, 'M', 370212, "resident", "", "id_card_age_suspect" },
	{ "370212198513151231", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_date" },
	{ "370212198506001235", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_date" },
	{ "370212202511241232", 1, "370212202511241232", 2025, 11, 24, 'M', 370212, "resident", "", "" },
	{ "370212202511251238", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_date" },
	/* 2023 foreign permanent resident: shape and checksum only */
	{ "911560200001011234", 1, "911560200001011234", 0, 0, 0, 0, 0, "foreign_pr_2023", "", "" },
	{ "911560200001011235", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_checksum" },
	/* placeholders */
	{ "111111111111111110", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_junk id_card_bad_date" },
	{ "123456789012345678", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_junk id_card_bad_checksum" },
	/* masked */
	{ "370212********1233", 0, NULL, 0, 0, 0, 'M', 370212, NULL, "", "id_card_masked" },
	{ "3702121985****1233", 0, NULL, 1985, 0, 0, 'M', 370212, NULL, "", "id_card_masked" },
	{ "370212XXXXXXXX1233", 0, NULL, 0, 0, 0, 'M', 370212, NULL, "", "id_card_masked" },
	{ "3702**********1230", 0, NULL, 0, 0, 0, 'M', 0, NULL, "", "id_card_masked" },
	{ "370212********123X", 0, NULL, 0, 0, 0, 'M', 370212, NULL, "", "id_card_masked" },
	/* normalisation */
	{ "３７０２１２１９８５０６１５１２３３", 1, "370212198506151233", 1985, 6, 15, 'M', 370212, "resident", "", "" },
	{ "370212 1985 0615 1233", 1, "370212198506151233", 1985, 6, 15, 'M', 370212, "resident", "", "" },
	{ "370212-19850615-1233", 1, "370212198506151233", 1985, 6, 15, 'M', 370212, "resident", "", "" },
	{ "370212–19850615—1233", 1, "370212198506151233", 1985, 6, 15, 'M', 370212, "resident", "", "" },
	{ " 370212198506151233\t", 1, "370212198506151233", 1985, 6, 15, 'M', 370212, "resident", "", "" },
	{ "'370212198506151233", 1, "370212198506151233", 1985, 6, 15, 'M', 370212, "resident", "", "" },
	{ "37021219921130046\xc3\x97", 1, "37021219921130046X", 1992, 11, 30, 'F', 370212, "resident", "", "" },
	{ "37021219921130046×1", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "11010519491231002\xc3\x97", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "", "id_card_junk" },
	{ "11010519491231002\xd0\xa5", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "", "id_card_junk" },
	{ "11010519491231002\xd1\x85", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "", "id_card_junk" },
	{ "11010519491231002\xce\xa7", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "", "id_card_junk" },
	{ "11010519491231002\xe2\x85\xa9", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "", "id_card_junk" },
	{ "11010519491231002\xef\xbd\x98", 1, "11010519491231002X", 1949, 12, 31, 'F', 110105, "resident", "", "id_card_junk" },
	{ "4403052010101055５3", 1, "440305201010105553", 2010, 10, 10, 'M', 440305, "resident", "", "" },
	/* bad shapes */
	{ "37021219850615123", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "3702121985061512333", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "070212198506151233", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "37021219850615123A", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "X70212198506151233", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "3702121985061512X3", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "37021219850615123X", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_bad_checksum" },
	{ "abc", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "370212*****", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "******************", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "A123456789", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "370212.198506151233", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "身份证370212198506151233", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	{ "3702121985061512331234567890123456789012345", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "id_card_invalid" },
	/* empty */
	{ "", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "" },
	{ "   ", 0, NULL, 0, 0, 0, 0, 0, NULL, "", "" },
};

/* The flags must be exactly the space-separated names of want. */
static void check_flags(const struct flags *f, const char *want, const char *ctx)
{
	char buf[256];
	int n = 0;
	const char *p = want;
	while (*p) {
		size_t l = strcspn(p, " ");
		snprintf(buf, sizeof(buf), "%.*s", (int)l, p);
		CHECK(flags_has(f, buf), "%s: missing flag %s", ctx, buf);
		n++;
		p += l;
		while (*p == ' ')
			p++;
	}
	if (f->n != n) {
		buf[0] = '\0';
		for (int i = 0; i < f->n; i++) {
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof(buf) - len, " %s", f->v[i]);
		}
	}
	CHECK_INT(f->n, n, ctx);
	if (f->n != n)
		printf("  flags were:%s\n", buf);
}

static void run_case(const struct id_case *c)
{
	struct idcard id;
	struct flags f = { { 0 }, 0 };
	int ok = idcard_parse(c->in, strlen(c->in), TODAY, &id, &f);
	CHECK_INT(ok, c->ok, c->in);
	check_flags(&f, c->flags, c->in);
	if (!c->ok) {
		CHECK_STR(id.id, "", c->in);
		CHECK_INT(id.region, c->region, c->in);
		CHECK_INT(id.year, c->year, c->in);
		CHECK_INT(id.gender, c->gender, c->in);
		return;
	}
	CHECK_STR(id.id, c->id, c->in);
	CHECK_INT(id.year, c->year, c->in);
	CHECK_INT(id.month, c->month, c->in);
	CHECK_INT(id.day, c->day, c->in);
	CHECK_INT(id.gender, c->gender, c->in);
	CHECK_INT(id.region, c->region, c->in);
	CHECK_STR(id.kind, c->kind, c->in);
	CHECK_STR(id.legacy15, c->legacy15, c->in);
}

static void test_check_char(void)
{
	CHECK_INT(idcard_check_char("37021219850615123"), '3', "check 370212...");
	CHECK_INT(idcard_check_char("11010519491231002"), 'X', "check X");
	CHECK_INT(idcard_check_char("44052418800101001"), '4', "check 440524...");
	CHECK_INT(idcard_check_char("3702121985061512a"), 0, "non-digit");
}

static void test_null_flags(void)
{
	struct idcard id;
	CHECK_INT(idcard_parse("370212198506151230", 18, TODAY, &id, NULL), 0, "NULL flags");
	CHECK_INT(idcard_parse("370212198506151233", 18, TODAY, &id, NULL), 1, "NULL flags valid");
	/* n bounds the input: the rest of the string is not read */
	CHECK_INT(idcard_parse("370212198506151233999", 18, TODAY, &id, NULL), 1, "length bound");
	/* today 0: the system date (a birth in 1985 is in the past) */
	CHECK_INT(idcard_parse("370212198506151233", 18, 0, &id, NULL), 1, "system date");
}

int main(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	test_check_char();
	test_null_flags();
	printf("# %zu id cases\n", sizeof(cases) / sizeof(cases[0]));
	return test_done();
}
