#include "../../cmd/scrm-clean/fields.h"

#include <stdio.h>
#include <string.h>

#include "test.h"
#include "banned.h"

static const struct {
	const char *in;
	char want;
} genders[] = {
	{ "男", 'M' }, { "女", 'F' }, { " 男 ", 'M' }, { "男性", 'M' }, { "女性", 'F' },
	{ "先生", 'M' }, { "女士", 'F' }, { "小姐", 'F' }, { "M", 'M' }, { "F", 'F' },
	{ "m", 'M' }, { "f", 'F' }, { "Male", 'M' }, { "FEMALE", 'F' }, { "male", 'M' },
	{ "female", 'F' }, { "Ｍ", 'M' }, { "ｆｅｍａｌｅ", 'F' }, { "1", 'M' },
	{ "0", 'F' }, { "2", 'F' }, { "Mr.", 'M' }, { "Mrs", 'F' },
	{ "9", 0 }, { "未知", 0 }, { "保密", 0 }, { "", 0 }, { "男女", 0 },
	{ "mal", 0 }, { "11", 0 }, { "unknown", 0 }, { "　", 0 },
};

static const struct {
	const char *in;
	const char *want;
} categories[] = {
	{ "冰箱", "refrigerator" },
	{ "对开门冰箱", "refrigerator" },
	{ "海尔 BCD-470WDPG 冰箱", "refrigerator" },
	{ "海尔BCD-470WDPG", "refrigerator" },
	{ "refrigerator", "refrigerator" },
	{ "Fridge", "refrigerator" },
	{ "fridges", "refrigerator" },
	{ "冰柜", "freezer" },
	{ "卧式冷柜", "freezer" },
	{ "BD-203", "freezer" },
	{ "chest freezer", "freezer" },
	{ "洗衣机", "washer" },
	{ "滚筒洗衣机", "washer" },
	{ "XQG100-BD14126L", "washer" },
	{ "washing machine", "washer" },
	{ "washer", "washer" },
	{ "洗碗机", "dishwasher" },
	{ "dishwasher", "dishwasher" },
	{ "干衣机", "dryer" },
	{ "滚筒干衣机", "dryer" },
	{ "空调", "air_conditioner" },
	{ "挂机", "air_conditioner" },
	{ "3匹柜机", "air_conditioner" },
	{ "KFR-35GW/05EDS83", "air_conditioner" },
	{ "Air Conditioner", "air_conditioner" },
	{ "air_conditioner", "air_conditioner" },
	{ "空调扇", "fan" },
	{ "热水器", "water_heater" },
	{ "燃气热水器", "water_heater" },
	{ "EC6002-MC3", "water_heater" },
	{ "JSQ25-13WN5", "water_heater" },
	{ "电热水壶", "kettle" },
	{ "空气能热水器", "heat_pump" },
	{ "电视", "tv" },
	{ "彩电", "tv" },
	{ "55寸液晶电视机", "tv" },
	{ "TV", "tv" },
	{ "Smart TVs", "tv" },
	{ "油烟机", "range_hood" },
	{ "烟机", "range_hood" },
	{ "CXW-200-E900C6", "range_hood" },
	{ "燃气灶", "gas_stove" },
	{ "灶具", "gas_stove" },
	{ "集成灶", "integrated_stove" },
	{ "净水器", "water_purifier" },
	{ "微波炉", "microwave" },
	{ "烤箱", "oven" },
	{ "microwave oven", "microwave" },
	{ "消毒柜", "sterilizer" },
	{ "蒸箱", "steam_oven" },
	{ "电饭煲", "rice_cooker" },
	{ "空气净化器", "air_purifier" },
	{ "扫地机器人", "robot_vacuum" },
	{ "吸尘器", "vacuum_cleaner" },
	{ "饮水机", "water_dispenser" },
	{ "除湿机", "dehumidifier" },
	{ "加湿器", "humidifier" },
	{ "dehumidifier", "dehumidifier" },
	{ "新风系统", "fresh_air" },
	{ "落地扇", "fan" },
	{ "取暖器", "heater" },
	{ "壁挂炉", "wall_boiler" },
	{ "电磁炉", "induction_cooker" },
	{ "智能门锁", "smart_lock" },
	{ "ＲＥＦＲＩＧＥＲＡＴＯＲ", "refrigerator" },
	{ "", NULL },
	{ "手机", NULL },
	{ "fancy", NULL },
	{ "ovens", "oven" },
	{ "abc123", NULL },
	{ "售后服务", NULL },
	/* the first rule in the list wins, wherever its word stands */
	{ "冰箱 冰柜", "freezer" },
	{ "fridge 洗衣机", "washer" },
	{ "ＴＶ电视", "tv" },
	{ "\xff冰箱", "refrigerator" },
	/* 亰 U+4EB0 shares the low bits of 冰 U+51B0, nothing else */
	{ "亰箱", NULL },
	{ "洗 衣机", NULL },
};

static const struct {
	const char *in;
	int ok;
	const char *want;
} prices[] = {
	{ "¥1,299.00", 1, "1299.00" },
	{ "1299元", 1, "1299" },
	{ "RMB 1299", 1, "1299" },
	{ "￥1299.5", 1, "1299.5" },
	{ "1,299", 1, "1299" },
	{ "1299", 1, "1299" },
	{ " 1299.00 ", 1, "1299.00" },
	{ "１２９９元", 1, "1299" },
	{ "1299 RMB", 1, "1299" },
	{ "cny1299", 1, "1299" },
	{ "人民币1299元整", 1, "1299" },
	{ "1299块", 1, "1299" },
	{ "12,345,678.90", 1, "12345678.90" },
	{ "1 299.00", 1, "1299.00" },
	{ "0.00", 1, "0.00" },
	{ "01299", 1, "01299" },
	{ "1.2万", 1, "12000" },
	{ "1.2万元", 1, "12000" },
	{ "3万", 1, "30000" },
	{ "0.5万", 1, "5000" },
	{ "1.23456万", 1, "12345.6" },
	{ "1.2w", 1, "12000" },
	{ "5千", 1, "5000" },
	{ "2.5k", 1, "2500" },
	{ "-1299.00", 1, "-1299.00" },
	{ "¥-50", 1, "-50" },
	{ "-¥50", 1, "-50" },
	{ "+50", 1, "50" },
	{ "人民币 1,299 元", 1, "1299" },
	{ "¥ 1 299", 1, "1299" },
	{ "￥１，２９９．００", 1, "1299.00" },
	{ "1,299块钱", 1, "1299" },
	{ "", 0, "" },
	{ "  ", 0, "" },
	{ "¥", 0, "" },
	{ "abc", 0, "" },
	{ "$1299", 0, "" },
	{ "USD 1299", 0, "" },
	{ "12,99", 0, "" },
	{ "1299,00", 0, "" },
	{ "1,2999", 0, "" },
	{ "12 34", 0, "" },
	{ "1299.", 0, "" },
	{ ".5", 0, "" },
	{ "1.2.3", 0, "" },
	{ "12元3角", 0, "" },
	{ "1e5", 0, "" },
	{ "免费", 0, "" },
	{ "--5", 0, "" },
};

static void test_gender(void)
{
	char ctx[64];

	for (size_t i = 0; i < sizeof(genders) / sizeof(genders[0]); i++) {
		snprintf(ctx, sizeof(ctx), "gender \"%s\"", genders[i].in);
		CHECK_INT(gender_parse(genders[i].in, strlen(genders[i].in)), genders[i].want, ctx);
	}
}

static void test_category(void)
{
	for (size_t i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
		CHECK_STR(category_from_text(categories[i].in, strlen(categories[i].in)),
			  categories[i].want, categories[i].in);
	/* every category name maps to itself */
	CHECK(category_count() >= 25, "%zu categories", category_count());
	for (size_t i = 0; i < category_count(); i++) {
		const char *c = category_name(i);
		CHECK_STR(category_from_text(c, strlen(c)), c, c);
	}
	CHECK(category_name(category_count()) == NULL, "past the end");
}

static void test_price(void)
{
	strbuf out = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(prices) / sizeof(prices[0]); i++) {
		int ok = price_parse(prices[i].in, strlen(prices[i].in), &out);
		CHECK_INT(ok, prices[i].ok, prices[i].in);
		CHECK_STR(sb_str(&out), prices[i].want, prices[i].in);
	}
	sb_release(&out);
}

int main(void)
{
	test_gender();
	test_category();
	test_price();
	return test_done();
}
