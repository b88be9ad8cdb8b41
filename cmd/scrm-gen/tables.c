/*
 * Frequencies are rounded from the 2020 census surname ranking; names,
 * roads and communities are common words, not a directory of real people
 * or buildings.
 */
#include "tables.h"

#include <string.h>

#include "util.h"
#include "banned.h"

const struct surname gen_surnames[] = {
	{ "王", NULL, "wang", "汪", 7120 }, { "李", NULL, "li", NULL, 7190 },
	{ "张", "張", "zhang", "章", 6750 }, { "刘", "劉", "liu", NULL, 5380 },
	{ "陈", "陳", "chen", "程", 4530 }, { "杨", "楊", "yang", NULL, 3080 },
	{ "黄", "黃", "huang", NULL, 2230 }, { "赵", "趙", "zhao", NULL, 2290 },
	{ "吴", "吳", "wu", NULL, 2050 }, { "周", NULL, "zhou", "邹", 1890 },
	{ "徐", NULL, "xu", "许", 1350 }, { "孙", "孫", "sun", NULL, 1540 },
	{ "马", "馬", "ma", NULL, 1440 }, { "朱", NULL, "zhu", NULL, 1260 },
	{ "胡", NULL, "hu", NULL, 1150 }, { "郭", NULL, "guo", NULL, 1130 },
	{ "何", NULL, "he", NULL, 1060 }, { "高", NULL, "gao", NULL, 1000 },
	{ "林", NULL, "lin", NULL, 970 }, { "罗", "羅", "luo", NULL, 860 },
	{ "郑", "鄭", "zheng", NULL, 780 }, { "梁", NULL, "liang", NULL, 750 },
	{ "谢", "謝", "xie", NULL, 720 }, { "宋", NULL, "song", NULL, 700 },
	{ "唐", NULL, "tang", NULL, 690 }, { "许", "許", "xu", "徐", 660 },
	{ "韩", "韓", "han", NULL, 630 }, { "冯", "馮", "feng", NULL, 620 },
	{ "邓", "鄧", "deng", NULL, 620 }, { "曹", NULL, "cao", NULL, 610 },
	{ "彭", NULL, "peng", NULL, 580 }, { "曾", NULL, "zeng", NULL, 580 },
	{ "肖", NULL, "xiao", "萧", 560 }, { "田", NULL, "tian", NULL, 530 },
	{ "董", NULL, "dong", NULL, 520 }, { "袁", NULL, "yuan", NULL, 500 },
	{ "潘", NULL, "pan", NULL, 500 }, { "于", NULL, "yu", "余", 490 },
	{ "蒋", "蔣", "jiang", NULL, 480 }, { "蔡", NULL, "cai", NULL, 460 },
	{ "余", NULL, "yu", "于", 450 }, { "杜", NULL, "du", NULL, 450 },
	{ "叶", "葉", "ye", NULL, 430 }, { "程", NULL, "cheng", "陈", 430 },
	{ "苏", "蘇", "su", NULL, 410 }, { "魏", NULL, "wei", NULL, 410 },
	{ "吕", "呂", "lv", NULL, 400 }, { "丁", NULL, "ding", NULL, 400 },
	{ "任", NULL, "ren", NULL, 390 }, { "沈", NULL, "shen", NULL, 390 },
	{ "姚", NULL, "yao", NULL, 370 }, { "卢", "盧", "lu", NULL, 370 },
	{ "姜", NULL, "jiang", "蒋", 360 }, { "崔", NULL, "cui", NULL, 350 },
	{ "钟", "鍾", "zhong", NULL, 340 }, { "谭", "譚", "tan", NULL, 330 },
	{ "陆", "陸", "lu", NULL, 320 }, { "汪", NULL, "wang", "王", 320 },
	{ "范", NULL, "fan", NULL, 310 }, { "金", NULL, "jin", NULL, 300 },
	{ "石", NULL, "shi", NULL, 300 }, { "廖", NULL, "liao", NULL, 290 },
	{ "贾", "賈", "jia", NULL, 290 }, { "夏", NULL, "xia", NULL, 280 },
	{ "韦", "韋", "wei", NULL, 280 }, { "付", NULL, "fu", "傅", 270 },
	{ "方", NULL, "fang", NULL, 270 }, { "白", NULL, "bai", NULL, 260 },
	{ "邹", "鄒", "zou", NULL, 260 }, { "孟", NULL, "meng", NULL, 250 },
	{ "熊", NULL, "xiong", NULL, 250 }, { "秦", NULL, "qin", NULL, 250 },
	{ "邱", NULL, "qiu", "丘", 240 }, { "江", NULL, "jiang", NULL, 240 },
	{ "尹", NULL, "yin", NULL, 230 }, { "薛", NULL, "xue", NULL, 230 },
	{ "闫", NULL, "yan", "阎", 220 }, { "段", NULL, "duan", NULL, 220 },
	{ "雷", NULL, "lei", NULL, 220 }, { "侯", NULL, "hou", NULL, 210 },
	{ "龙", "龍", "long", NULL, 210 }, { "史", NULL, "shi", NULL, 210 },
	{ "陶", NULL, "tao", NULL, 200 }, { "黎", NULL, "li", NULL, 200 },
	{ "贺", "賀", "he", NULL, 200 }, { "顾", "顧", "gu", NULL, 190 },
	{ "毛", NULL, "mao", NULL, 190 }, { "郝", NULL, "hao", NULL, 190 },
	{ "龚", "龔", "gong", NULL, 180 }, { "邵", NULL, "shao", NULL, 180 },
	{ "万", "萬", "wan", NULL, 170 }, { "钱", "錢", "qian", NULL, 170 },
	{ "严", "嚴", "yan", NULL, 160 }, { "覃", NULL, "qin", NULL, 160 },
	{ "武", NULL, "wu", NULL, 160 }, { "戴", NULL, "dai", NULL, 160 },
	{ "莫", NULL, "mo", NULL, 150 }, { "孔", NULL, "kong", NULL, 150 },
	{ "向", NULL, "xiang", NULL, 150 }, { "汤", "湯", "tang", NULL, 150 },
	{ "欧阳", "歐陽", "ouyang", NULL, 50 }, { "司马", "司馬", "sima", NULL, 10 },
	{ "上官", NULL, "shangguan", NULL, 10 }, { "诸葛", "諸葛", "zhuge", NULL, 10 },
};
const size_t gen_surnames_len = ARRAY_SIZE(gen_surnames);

const struct given_char gen_given_chars[] = {
	/* mostly men's */
	{ "伟", "偉", "wei", "玮", 'M' }, { "强", "強", "qiang", NULL, 'M' },
	{ "磊", NULL, "lei", "蕾", 'M' }, { "军", "軍", "jun", "君", 'M' },
	{ "洋", NULL, "yang", "阳", 'M' }, { "勇", NULL, "yong", "永", 'M' },
	{ "杰", "傑", "jie", "洁", 'M' }, { "涛", "濤", "tao", "滔", 'M' },
	{ "明", NULL, "ming", "铭", 'M' }, { "超", NULL, "chao", "潮", 'M' },
	{ "刚", "剛", "gang", "钢", 'M' }, { "辉", "輝", "hui", "晖", 'M' },
	{ "鹏", "鵬", "peng", "朋", 'M' }, { "飞", "飛", "fei", "非", 'M' },
	{ "鑫", NULL, "xin", "欣", 'M' }, { "波", NULL, "bo", "博", 'M' },
	{ "斌", NULL, "bin", "彬", 'M' }, { "宇", NULL, "yu", "雨", 'M' },
	{ "浩", NULL, "hao", "皓", 'M' }, { "凯", "凱", "kai", "恺", 'M' },
	{ "健", NULL, "jian", "建", 'M' }, { "俊", NULL, "jun", "骏", 'M' },
	{ "帆", NULL, "fan", "凡", 'M' }, { "帅", "帥", "shuai", NULL, 'M' },
	{ "旭", NULL, "xu", "煦", 'M' }, { "龙", "龍", "long", "隆", 'M' },
	{ "建", NULL, "jian", "健", 'M' }, { "国", "國", "guo", NULL, 'M' },
	{ "志", NULL, "zhi", "智", 'M' }, { "海", NULL, "hai", NULL, 'M' },
	{ "峰", NULL, "feng", "锋", 'M' }, { "东", "東", "dong", "冬", 'M' },
	{ "博", NULL, "bo", "波", 'M' }, { "轩", "軒", "xuan", "宣", 'M' },
	{ "阳", "陽", "yang", "洋", 'M' }, { "亮", NULL, "liang", NULL, 'M' },
	{ "成", NULL, "cheng", "诚", 'M' }, { "瑞", NULL, "rui", "睿", 'M' },
	{ "泽", "澤", "ze", NULL, 'M' }, { "天", NULL, "tian", NULL, 'M' },
	{ "永", NULL, "yong", "勇", 'M' }, { "庆", "慶", "qing", NULL, 'M' },
	{ "兵", NULL, "bing", "斌", 'M' }, { "彬", NULL, "bin", "斌", 'M' },
	{ "然", NULL, "ran", NULL, 'M' }, { "德", NULL, "de", NULL, 'M' },
	/* either */
	{ "平", NULL, "ping", "萍", 'U' }, { "华", "華", "hua", "桦", 'U' },
	{ "宁", "寧", "ning", NULL, 'U' }, { "林", NULL, "lin", "琳", 'U' },
	{ "文", NULL, "wen", "雯", 'U' }, { "子", NULL, "zi", "梓", 'U' },
	{ "晨", NULL, "chen", "辰", 'U' }, { "嘉", NULL, "jia", "佳", 'U' },
	{ "一", NULL, "yi", "依", 'U' }, { "新", NULL, "xin", "欣", 'U' },
	{ "立", NULL, "li", "丽", 'U' }, { "晓", "曉", "xiao", "小", 'U' },
	{ "小", NULL, "xiao", "晓", 'U' }, { "春", NULL, "chun", NULL, 'U' },
	{ "玉", NULL, "yu", "钰", 'U' }, { "秀", NULL, "xiu", "绣", 'U' },
	/* mostly women's */
	{ "芳", NULL, "fang", "方", 'F' }, { "娜", NULL, "na", "纳", 'F' },
	{ "敏", NULL, "min", "民", 'F' }, { "静", "靜", "jing", "晶", 'F' },
	{ "丽", "麗", "li", "莉", 'F' }, { "艳", "艷", "yan", "燕", 'F' },
	{ "娟", NULL, "juan", "鹃", 'F' }, { "霞", NULL, "xia", "侠", 'F' },
	{ "英", NULL, "ying", "瑛", 'F' }, { "桂", NULL, "gui", "贵", 'F' },
	{ "兰", "蘭", "lan", "岚", 'F' }, { "燕", NULL, "yan", "艳", 'F' },
	{ "玲", NULL, "ling", "铃", 'F' }, { "丹", NULL, "dan", NULL, 'F' },
	{ "萍", NULL, "ping", "平", 'F' }, { "红", "紅", "hong", "虹", 'F' },
	{ "婷", NULL, "ting", "亭", 'F' }, { "雪", NULL, "xue", NULL, 'F' },
	{ "琳", NULL, "lin", "林", 'F' }, { "颖", "穎", "ying", "影", 'F' },
	{ "倩", NULL, "qian", "茜", 'F' }, { "洁", "潔", "jie", "杰", 'F' },
	{ "梅", NULL, "mei", "玫", 'F' }, { "莉", NULL, "li", "丽", 'F' },
	{ "慧", NULL, "hui", "惠", 'F' }, { "晶", NULL, "jing", "静", 'F' },
	{ "欣", NULL, "xin", "鑫", 'F' }, { "怡", NULL, "yi", "宜", 'F' },
	{ "涵", NULL, "han", "含", 'F' }, { "诗", "詩", "shi", NULL, 'F' },
	{ "雨", NULL, "yu", "宇", 'F' }, { "梓", NULL, "zi", "子", 'F' },
	{ "佳", NULL, "jia", "嘉", 'F' }, { "悦", "悅", "yue", "月", 'F' },
	{ "思", NULL, "si", NULL, 'F' }, { "月", NULL, "yue", "悦", 'F' },
	{ "凤", "鳳", "feng", NULL, 'F' }, { "珍", NULL, "zhen", "真", 'F' },
	{ "美", NULL, "mei", "梅", 'F' }, { "琴", NULL, "qin", "芹", 'F' },
	{ "云", "雲", "yun", "芸", 'F' }, { "淑", NULL, "shu", "舒", 'F' },
};
const size_t gen_given_chars_len = ARRAY_SIZE(gen_given_chars);

/* Every character here is in gen_given_chars (a unit test checks). */
const struct given_name gen_given_names[] = {
	{ "伟", 'M' }, { "芳", 'F' }, { "娜", 'F' }, { "敏", 'F' }, { "静", 'F' },
	{ "强", 'M' }, { "磊", 'M' }, { "丽", 'F' }, { "军", 'M' }, { "洋", 'M' },
	{ "勇", 'M' }, { "艳", 'F' }, { "杰", 'M' }, { "娟", 'F' }, { "涛", 'M' },
	{ "明", 'M' }, { "超", 'M' }, { "秀英", 'F' }, { "霞", 'F' }, { "平", 'U' },
	{ "刚", 'M' }, { "桂英", 'F' }, { "辉", 'M' }, { "玲", 'F' }, { "燕", 'F' },
	{ "鹏", 'M' }, { "华", 'U' }, { "红", 'F' }, { "建华", 'M' }, { "飞", 'M' },
	{ "建国", 'M' }, { "秀兰", 'F' }, { "婷", 'F' }, { "鑫", 'M' }, { "波", 'M' },
	{ "斌", 'M' }, { "玉兰", 'F' }, { "宇", 'M' }, { "浩", 'M' }, { "建军", 'M' },
	{ "丹", 'F' }, { "萍", 'F' }, { "凯", 'M' }, { "健", 'M' }, { "雪", 'F' },
	{ "俊", 'M' }, { "琳", 'F' }, { "颖", 'F' }, { "帆", 'M' }, { "倩", 'F' },
	{ "志强", 'M' }, { "桂兰", 'F' }, { "帅", 'M' }, { "洁", 'F' }, { "旭", 'M' },
	{ "梅", 'F' }, { "宁", 'U' }, { "莉", 'F' }, { "龙", 'M' }, { "慧", 'F' },
	{ "林", 'U' }, { "晶", 'F' }, { "海涛", 'M' }, { "欣怡", 'F' }, { "国强", 'M' },
	{ "梓涵", 'F' }, { "晓东", 'M' }, { "诗涵", 'F' }, { "志明", 'M' }, { "雨涵", 'F' },
	{ "文博", 'M' }, { "婷婷", 'F' }, { "子轩", 'M' }, { "丽娟", 'F' }, { "浩然", 'M' },
	{ "晓燕", 'F' }, { "宇轩", 'M' }, { "海燕", 'F' }, { "俊杰", 'M' }, { "玉梅", 'F' },
	{ "永庆", 'M' }, { "秀珍", 'F' }, { "德华", 'M' }, { "春梅", 'F' },
};
const size_t gen_given_names_len = ARRAY_SIZE(gen_given_names);

static const char *const roads_shinan[] = {
	"香港中路", "东海西路", "山东路", "南京路", "福州南路", "闽江路", "燕儿岛路", "云霄路", NULL };
static const char *const roads_shibei[] = {
	"辽宁路", "延安路", "台东一路", "威海路", "敦化路", "鞍山路", "哈尔滨路", "抚顺路", NULL };
static const char *const roads_licang[] = {
	"九水路", "京口路", "书院路", "黑龙江中路", "金水路", "振华路", "夏庄路", "青山路", NULL };
static const char *const roads_laoshan[] = {
	"海尔路", "松岭路", "香港东路", "株洲路", "银川东路", "深圳路", "同安路", "苗岭路", NULL };
static const char *const roads_huangdao[] = {
	"长江路", "江山路", "井冈山路", "峨眉山路", "珠江路", "香江路", "武夷山路", "漓江路", NULL };
static const char *const roads_chengyang[] = {
	"正阳路", "长城路", "黑龙江路", "春阳路", "华城路", "文阳路", "崇阳路", "青威路", NULL };
static const char *const roads_jinan[] = { "泉城路", "经十路", "解放路", "文化东路", "和平路", NULL };
static const char *const roads_chaoyang[] = {
	"建国路", "朝阳北路", "望京街", "东三环中路", "亮马桥路", NULL };
static const char *const roads_haidian[] = { "中关村大街", "学院路", "知春路", "北四环西路", NULL };
static const char *const roads_pudong[] = { "世纪大道", "张杨路", "浦东南路", "锦绣路", "杨高南路", NULL };
static const char *const roads_xuhui[] = { "漕溪北路", "肇嘉浜路", "衡山路", "虹桥路", NULL };
static const char *const roads_nankai[] = { "南门外大街", "卫津路", "鞍山西道", NULL };
static const char *const roads_tianhe[] = { "天河路", "体育西路", "黄埔大道", "中山大道", NULL };
static const char *const roads_nanshan[] = { "科技园路", "深南大道", "南海大道", "后海大道", NULL };
static const char *const roads_futian[] = { "福华路", "深南中路", "彩田路", "益田路", NULL };
static const char *const roads_xihu[] = { "文三路", "天目山路", "学院路", "古墩路", NULL };
static const char *const roads_gulou[] = { "中山路", "中山北路", "汉中路", "湖南路", NULL };
static const char *const roads_wuhou[] = { "人民南路", "武侯大道", "科华北路", "高升桥路", NULL };
static const char *const roads_wuchang[] = { "中南路", "中北路", "武珞路", "和平大道", NULL };
static const char *const roads_yanta[] = { "小寨东路", "长安南路", "雁塔路", "科技路", NULL };
static const char *const roads_heping[] = { "中华路", "南京北街", "和平大街", "太原街", NULL };

/* Three households in four live in Qingdao; the rest in big cities. */
const struct county gen_counties[] = {
	{ 370202, "山东省", "山东", "青岛市", "青岛", "市南区", "市南", "532", 1, 1300, roads_shinan },
	{ 370203, "山东省", "山东", "青岛市", "青岛", "市北区", "市北", "532", 1, 1700, roads_shibei },
	{ 370213, "山东省", "山东", "青岛市", "青岛", "李沧区", "李沧", "532", 1, 1100, roads_licang },
	{ 370212, "山东省", "山东", "青岛市", "青岛", "崂山区", "崂山", "532", 1, 1000, roads_laoshan },
	{ 370211, "山东省", "山东", "青岛市", "青岛", "黄岛区", "黄岛", "532", 1, 1500, roads_huangdao },
	{ 370214, "山东省", "山东", "青岛市", "青岛", "城阳区", "城阳", "532", 1, 900, roads_chengyang },
	{ 370102, "山东省", "山东", "济南市", "济南", "历下区", "历下", "531", 0, 400, roads_jinan },
	{ 110105, "北京市", "北京", "北京市", "北京", "朝阳区", "朝阳", "10", 0, 250, roads_chaoyang },
	{ 110108, "北京市", "北京", "北京市", "北京", "海淀区", "海淀", "10", 0, 150, roads_haidian },
	{ 310115, "上海市", "上海", "上海市", "上海", "浦东新区", "浦东", "21", 0, 250, roads_pudong },
	{ 310104, "上海市", "上海", "上海市", "上海", "徐汇区", "徐汇", "21", 0, 100, roads_xuhui },
	{ 120104, "天津市", "天津", "天津市", "天津", "南开区", "南开", "22", 0, 100, roads_nankai },
	{ 440106, "广东省", "广东", "广州市", "广州", "天河区", "天河", "20", 0, 200, roads_tianhe },
	{ 440305, "广东省", "广东", "深圳市", "深圳", "南山区", "南山", "755", 0, 150, roads_nanshan },
	{ 440304, "广东省", "广东", "深圳市", "深圳", "福田区", "福田", "755", 0, 100, roads_futian },
	{ 330106, "浙江省", "浙江", "杭州市", "杭州", "西湖区", "西湖", "571", 0, 200, roads_xihu },
	{ 320106, "江苏省", "江苏", "南京市", "南京", "鼓楼区", "鼓楼", "25", 0, 150, roads_gulou },
	{ 510107, "四川省", "四川", "成都市", "成都", "武侯区", "武侯", "28", 0, 150, roads_wuhou },
	{ 420106, "湖北省", "湖北", "武汉市", "武汉", "武昌区", "武昌", "27", 0, 100, roads_wuchang },
	{ 610113, "陕西省", "陕西", "西安市", "西安", "雁塔区", "雁塔", "29", 0, 100, roads_yanta },
	{ 210102, "辽宁省", "辽宁", "沈阳市", "沈阳", "和平区", "和平", "24", 0, 100, roads_heping },
};
const size_t gen_counties_len = ARRAY_SIZE(gen_counties);

const char *const gen_community_words[] = {
	"海尔", "金茂", "万科", "绿城", "保利", "中海", "鲁信", "阳光", "幸福", "和谐", "锦绣",
	"书香", "枫林", "翠湖", "海景", "银河", "紫金", "东方", "新城", "湖光", "春天", "碧水",
	"山水", "海信", "华润", "龙湖", "融创", "雅居", "丽景", "盛世", "御景", "天泰", "福瑞",
	"嘉和", "怡和", "康城", "瑞源", "海逸", "金岸", "观澜", "名都", "世纪", "华侨", "银座",
	"泰和", "宏达", "百合", "凤凰", "香榭", "翡翠", "君悦", "长乐", "海德", "时代", "国信",
	"星河", "月湖", "丰和", "兴业", "如意", "安居", "富丽", "蓝湾", "青云",
};
const size_t gen_community_words_len = ARRAY_SIZE(gen_community_words);

const char *const gen_community_suffixes[] = {
	"花园", "小区", "家园", "苑", "公馆", "华府", "新村", "山庄", "雅苑", "名苑", "城", "府",
};
const size_t gen_community_suffixes_len = ARRAY_SIZE(gen_community_suffixes);

const char *const gen_phases[] = { "", "二期", "三期", "四期", "五期", "六期", "七期", "八期" };
const size_t gen_phases_len = ARRAY_SIZE(gen_phases);

const struct product gen_products[] = {
	{ "refrigerator", "冰箱", "海尔", "BCD-470WDPG", "对开门冰箱", 4299, 'A', PRODUCT_SMART, 80 },
	{ "refrigerator", "冰箱", "海尔", "BCD-406WDPD", "十字对开门冰箱", 3999, 'A', PRODUCT_SMART, 60 },
	{ "refrigerator", "冰箱", "海尔", "BCD-216STPT", "三门冰箱", 1899, 'A', 0, 60 },
	{ "refrigerator", "冰箱", "卡萨帝", "BCD-651WDEA", "对开门冰箱", 12999, 'A', PRODUCT_SMART, 15 },
	{ "washer", "洗衣机", "海尔", "EG100MATE2S", "10公斤滚筒洗衣机", 2999, 'B', PRODUCT_SMART, 80 },
	{ "washer", "洗衣机", "海尔", "EG10014B39GU1", "滚筒洗衣机", 2499, 'B', PRODUCT_SMART, 50 },
	{ "washer", "洗衣机", "统帅", "XQB100-Z206", "波轮洗衣机", 1299, 'B', 0, 50 },
	{ "washer", "洗衣机", "卡萨帝", "C1HD10W3LU1", "洗烘一体机", 8999, 'B', PRODUCT_SMART, 20 },
	{ "air_conditioner", "空调", "海尔", "KFR-35GW/05EDS83", "挂机空调", 3299, 'C', PRODUCT_SMART, 90 },
	{ "air_conditioner", "空调", "海尔", "KFR-26GW/B1KBB21", "挂机空调", 2299, 'C', 0, 60 },
	{ "air_conditioner", "空调", "海尔", "KFR-72LW/81BAU1", "柜机空调", 6999, 'C', PRODUCT_SMART, 50 },
	{ "water_heater", "热水器", "海尔", "JSQ31-16WN3S", "燃气热水器", 2999, 'D', PRODUCT_SMART, 50 },
	{ "water_heater", "热水器", "海尔", "ES60H-GD3", "电热水器", 1599, 'D', 0, 50 },
	{ "water_heater", "热水器", "卡萨帝", "JSQ31-CE5", "燃气热水器", 8999, 'D', PRODUCT_SMART, 10 },
	{ "tv", "电视", "统帅", "LE55J51", "55寸电视", 2199, 'F', 0, 50 },
	{ "tv", "电视", "海尔", "LU65X81", "65寸电视", 3999, 'F', PRODUCT_SMART, 40 },
	{ "freezer", "冰柜", "海尔", "BC/BD-200HEM", "冰柜", 1599, 'G', 0, 30 },
	{ "freezer", "冰柜", "海尔", "BC/BD-429HCZ", "卧式冰柜", 2699, 'G', 0, 15 },
	{ "dishwasher", "洗碗机", "海尔", "EW139166BK", "嵌入式洗碗机", 4599, 'E', PRODUCT_SMART, 30 },
	{ "dishwasher", "洗碗机", "海尔", "WQP12-BFE7", "洗碗机", 3999, 'E', 0, 15 },
	{ "range_hood", "油烟机", "海尔", "CXW-219-E900T6", "油烟机", 2999, 'H', 0, 35 },
	{ "water_purifier", "净水器", "海尔", "HRO4H79-2U1", "净水器", 2599, 'J', PRODUCT_SMART, 35 },
	{ "air_purifier", "空气净化器", "海尔", "KJ500F-HY", "空气净化器", 1299, 'K', PRODUCT_SMART, 15 },
};
const size_t gen_products_len = ARRAY_SIZE(gen_products);

/* Voice blocks of the three big carriers (and 192): no data cards, MVNOs or satellite. */
const char *const gen_mobile_prefixes[] = {
	"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
	"153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178",
	"180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "192",
	"193", "195", "198", "199",
};
const uint32_t gen_mobile_prefix_weights[] = {
	30, 30, 25, 25, 40, 40, 40, 45, 50, 35, 30, 25,
	25, 20, 20, 25, 35, 30, 10, 10, 10, 15, 15, 15,
	20, 20, 20, 15, 5, 25, 30, 25, 30, 30, 10, 5,
	5, 10, 15, 15,
};
const size_t gen_mobile_prefixes_len = ARRAY_SIZE(gen_mobile_prefixes);

const char *const gen_email_domains[] = {
	"qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com", "hotmail.com",
	"outlook.com", "gmail.com", "sohu.com", "yeah.net", "aliyun.com",
};
const uint32_t gen_email_domain_weights[] = { 450, 200, 90, 50, 40, 30, 30, 30, 30, 20, 15, 15 };
const size_t gen_email_domains_len = ARRAY_SIZE(gen_email_domains);

static const char *const faults_refrigerator[] = {
	"不制冷", "冷藏室结冰", "噪音大", "冷藏室漏水", "显示屏不亮", "门封不严", NULL };
static const char *const faults_washer[] = {
	"不脱水", "漏水", "噪音大", "不排水", "显示E4故障", "滚筒不转", NULL };
static const char *const faults_air_conditioner[] = {
	"不制冷", "不制热", "漏水", "外机异响", "遥控失灵", "显示E1故障", NULL };
static const char *const faults_water_heater[] = {
	"点不着火", "水不热", "漏水", "显示E1故障", "水温忽冷忽热", NULL };
static const char *const faults_tv[] = { "黑屏", "无信号", "花屏", "遥控失灵", NULL };
static const char *const faults_freezer[] = { "不制冷", "噪音大", "结霜严重", NULL };
static const char *const faults_dishwasher[] = { "洗不干净", "不排水", "漏水", NULL };
static const char *const faults_range_hood[] = { "吸力小", "噪音大", "不启动", NULL };
static const char *const faults_water_purifier[] = { "出水慢", "漏水", "滤芯提示", NULL };
static const char *const faults_air_purifier[] = { "不启动", "异味", "滤网提示", NULL };

const char *const *gen_faults(const char *category)
{
	static const struct {
		const char *category;
		const char *const *faults;
	} map[] = {
		{ "refrigerator", faults_refrigerator }, { "washer", faults_washer },
		{ "air_conditioner", faults_air_conditioner }, { "water_heater", faults_water_heater },
		{ "tv", faults_tv }, { "freezer", faults_freezer }, { "dishwasher", faults_dishwasher },
		{ "range_hood", faults_range_hood }, { "water_purifier", faults_water_purifier },
		{ "air_purifier", faults_air_purifier },
	};
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (strcmp(map[i].category, category) == 0)
			return map[i].faults;
	return faults_refrigerator;
}

const char *const gen_call_topics[] = {
	"咨询延保服务", "查询订单物流", "咨询以旧换新活动", "催促维修进度", "投诉安装师傅迟到",
	"咨询产品使用方法", "预约清洗服务", "咨询会员积分", "修改收货地址", "咨询发票开具",
};
const size_t gen_call_topics_len = ARRAY_SIZE(gen_call_topics);

const struct given_char *gen_given_char(const char *han, size_t n)
{
	for (size_t i = 0; i < gen_given_chars_len; i++)
		if (strlen(gen_given_chars[i].han) == n && memcmp(gen_given_chars[i].han, han, n) == 0)
			return &gen_given_chars[i];
	return NULL;
}
