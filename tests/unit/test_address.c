/* Address parsing (cn-cleaning-rules.md section 3) and the division table. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cn_admin.h"
#include "flags.h"
#include "../../cmd/scrm-clean/address.h"
#include "test.h"

#include "banned.h"

struct addr_case {
	const char *in;
	const char *hint[3];	/* province, city, district columns */
	int ok;
	const char *prov, *city, *district;
	int adcode;
	const char *community, *building, *unit, *room;
	const char *flags;	/* the exact set, space-separated */
};

#define NOHINT { NULL, NULL, NULL }

static const struct addr_case cases[] = {
	/* full, short and partial forms */
	{ "山东省青岛市崂山区松岭路169号国信海天中心3号楼2单元301室", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "国信海天中心", "3", "2", "301", "" },
	{ "山东青岛崂山松岭路169号", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "青岛市崂山区海尔路1号", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "崂山区海尔路1号", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "青岛崂山区", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "山东省崂山区", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "青岛市", NOHINT, 1, "山东省", "青岛市", "", 370200, "", "", "", "", "" },
	{ "山东省", NOHINT, 1, "山东省", "", "", 370000, "", "", "", "", "" },
	/* 青岛|市北区, not 青岛市|北区 */
	{ "青岛市北区延吉路100号", NOHINT, 1, "山东省", "青岛市", "市北区", 370203, "", "", "", "", "" },
	{ "山东 青岛 市南区", NOHINT, 1, "山东省", "青岛市", "市南区", 370202, "", "", "", "", "" },
	{ "山东省 青岛市 崂山区 松岭路169号", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "山东-青岛-崂山区", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "江苏省苏州市昆山市花桥镇", NOHINT, 1, "江苏省", "苏州市", "昆山市", 320583, "", "", "", "", "" },
	{ "广东省深圳市南山区科技园科苑路15号", NOHINT, 1, "广东省", "深圳市", "南山区", 440305, "", "", "", "", "" },
	{ "黑龙江省哈尔滨市南岗区", NOHINT, 1, "黑龙江省", "哈尔滨市", "南岗区", 230103, "", "", "", "", "" },
	{ "吉林省吉林市船营区", NOHINT, 1, "吉林省", "吉林市", "船营区", 220204, "", "", "", "", "" },
	{ "吉林长春", NOHINT, 1, "吉林省", "长春市", "", 220100, "", "", "", "", "" },
	/* municipalities: the city is the municipality */
	{ "北京市朝阳区建国路88号SOHO现代城5号楼1单元1201", NOHINT, 1,
	  "北京市", "北京市", "朝阳区", 110105, "SOHO现代城", "5", "1", "1201", "" },
	{ "北京朝阳区", NOHINT, 1, "北京市", "北京市", "朝阳区", 110105, "", "", "", "", "" },
	{ "北京市", NOHINT, 1, "北京市", "北京市", "", 110000, "", "", "", "", "" },
	{ "天津市和平区南京路", NOHINT, 1, "天津市", "天津市", "和平区", 120101, "", "", "", "", "" },
	{ "上海浦东新区张江路", NOHINT, 1, "上海市", "上海市", "浦东新区", 310115, "", "", "", "", "" },
	{ "上海浦东张江路", NOHINT, 1, "上海市", "上海市", "浦东新区", 310115, "", "", "", "", "" },
	{ "重庆市渝中区解放碑", NOHINT, 1, "重庆市", "重庆市", "渝中区", 500103, "", "", "", "", "" },
	{ "重庆江北区", NOHINT, 1, "重庆市", "重庆市", "江北区", 500105, "", "", "", "", "" },
	{ "浙江省宁波市江北区", NOHINT, 1, "浙江省", "宁波市", "江北区", 330205, "", "", "", "", "" },
	{ "北京市北京市市辖区东城区", NOHINT, 1, "北京市", "北京市", "东城区", 110101, "", "", "", "", "" },
	/* autonomous regions by their short names */
	{ "内蒙古呼和浩特市新城区", NOHINT, 1, "内蒙古自治区", "呼和浩特市", "新城区", 150102, "", "", "", "", "" },
	{ "广西南宁市青秀区", NOHINT, 1, "广西壮族自治区", "南宁市", "青秀区", 450103, "", "", "", "", "" },
	{ "西藏拉萨市城关区", NOHINT, 1, "西藏自治区", "拉萨市", "城关区", 540102, "", "", "", "", "" },
	{ "宁夏银川市兴庆区", NOHINT, 1, "宁夏回族自治区", "银川市", "兴庆区", 640104, "", "", "", "", "" },
	{ "新疆乌鲁木齐市天山区", NOHINT, 1, "新疆维吾尔自治区", "乌鲁木齐市", "天山区", 650102, "", "", "", "", "" },
	/* autonomous prefectures and counties without their ethnic names */
	{ "恩施土家族苗族自治州恩施市", NOHINT, 1, "湖北省", "恩施土家族苗族自治州", "恩施市", 422801, "", "", "", "", "" },
	{ "湖北恩施州利川市", NOHINT, 1, "湖北省", "恩施土家族苗族自治州", "利川市", 422802, "", "", "", "", "" },
	{ "湖北省恩施", NOHINT, 1, "湖北省", "恩施土家族苗族自治州", "", 422800, "", "", "", "", "" },
	{ "延边州延吉市", NOHINT, 1, "吉林省", "延边朝鲜族自治州", "延吉市", 222401, "", "", "", "", "" },
	{ "云南西双版纳州景洪市", NOHINT, 1, "云南省", "西双版纳傣族自治州", "景洪市", 532801, "", "", "", "", "" },
	{ "海南州共和县", NOHINT, 1, "青海省", "海南藏族自治州", "共和县", 632521, "", "", "", "", "" },
	{ "湖北省宜昌市长阳县龙舟坪镇", NOHINT, 1, "湖北省", "宜昌市", "长阳土家族自治县", 420528, "", "", "", "", "" },
	{ "内蒙古鄂伦春旗", NOHINT, 1, "内蒙古自治区", "呼伦贝尔市", "鄂伦春自治旗", 150723, "", "", "", "", "" },
	{ "大兴安岭", NOHINT, 1, "黑龙江省", "大兴安岭地区", "", 232700, "", "", "", "", "" },
	/* prefecture cities without districts */
	{ "广东省东莞市长安镇XX路", NOHINT, 1, "广东省", "东莞市", "", 441900, "", "", "", "", "" },
	{ "东莞长安镇", NOHINT, 1, "广东省", "东莞市", "", 441900, "", "", "", "", "" },
	{ "中山市石岐区", NOHINT, 1, "广东省", "中山市", "", 442000, "", "", "", "", "" },
	{ "海南省儋州市那大镇", NOHINT, 1, "海南省", "儋州市", "", 460400, "", "", "", "", "" },
	{ "甘肃嘉峪关市", NOHINT, 1, "甘肃省", "嘉峪关市", "", 620200, "", "", "", "", "" },
	/* county-level units under the province (xx90xx) */
	{ "湖北省仙桃市", NOHINT, 1, "湖北省", "", "仙桃市", 429004, "", "", "", "", "" },
	{ "仙桃市XX路", NOHINT, 1, "湖北省", "", "仙桃市", 429004, "", "", "", "", "" },
	{ "湖北仙桃", NOHINT, 1, "湖北省", "", "仙桃市", 429004, "", "", "", "", "" },
	{ "海南省五指山市", NOHINT, 1, "海南省", "", "五指山市", 469001, "", "", "", "", "" },
	{ "新疆胡杨河市", NOHINT, 1, "新疆维吾尔自治区", "", "胡杨河市", 659010, "", "", "", "", "" },
	{ "湖北省神农架林区", NOHINT, 1, "湖北省", "", "神农架林区", 429021, "", "", "", "", "" },
	/* leading country names and repeated prefixes */
	{ "中国山东省青岛市崂山区", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "中华人民共和国北京市东城区", NOHINT, 1, "北京市", "北京市", "东城区", 110101, "", "", "", "", "" },
	{ "山东省青岛市山东省青岛市崂山区", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "北京市北京市海淀区", NOHINT, 1, "北京市", "北京市", "海淀区", 110108, "", "", "", "", "" },
	/* renamed and abolished units: today's successor */
	{ "山东省青岛市四方区XX路", NOHINT, 1, "山东省", "青岛市", "市北区", 370203, "", "", "", "", "address_admin_renamed" },
	{ "湖北省襄樊市樊城区", NOHINT, 1, "湖北省", "襄阳市", "樊城区", 420606, "", "", "", "", "address_admin_renamed" },
	{ "湖北襄樊", NOHINT, 1, "湖北省", "襄阳市", "", 420600, "", "", "", "", "address_admin_renamed" },
	{ "北京市崇文区", NOHINT, 1, "北京市", "北京市", "东城区", 110101, "", "", "", "", "address_admin_renamed" },
	{ "北京市密云县", NOHINT, 1, "北京市", "北京市", "密云区", 110118, "", "", "", "", "address_admin_renamed" },
	{ "山东省胶南市", NOHINT, 1, "山东省", "青岛市", "黄岛区", 370211, "", "", "", "", "address_admin_renamed" },
	/* duplicate names: the parent decides, else ambiguous */
	{ "吉林省长春市朝阳区", NOHINT, 1, "吉林省", "长春市", "朝阳区", 220104, "", "", "", "", "" },
	{ "长春朝阳区", NOHINT, 1, "吉林省", "长春市", "朝阳区", 220104, "", "", "", "", "" },
	{ "朝阳区建国路88号", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_admin_ambiguous address_unparsed" },
	{ "长安区", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_admin_ambiguous address_unparsed" },
	{ "河北省石家庄市长安区", NOHINT, 1, "河北省", "石家庄市", "长安区", 130102, "", "", "", "", "" },
	{ "山东省市中区", NOHINT, 1, "山东省", "", "", 370000, "", "", "", "", "address_admin_ambiguous" },
	{ "山东省济南市市中区", NOHINT, 1, "山东省", "济南市", "市中区", 370103, "", "", "", "", "" },
	{ "四川省乐山市市中区", NOHINT, 1, "四川省", "乐山市", "市中区", 511102, "", "", "", "", "" },
	{ "福建省福州市鼓楼区", NOHINT, 1, "福建省", "福州市", "鼓楼区", 350102, "", "", "", "", "" },
	{ "南京市鼓楼区中山路", NOHINT, 1, "江苏省", "南京市", "鼓楼区", 320106, "", "", "", "", "" },
	/* hint columns */
	{ "朝阳区建国路88号", { "北京", NULL, NULL }, 1, "北京市", "北京市", "朝阳区", 110105, "", "", "", "", "" },
	{ "朝阳区建国路", { NULL, "北京市", NULL }, 1, "北京市", "北京市", "朝阳区", 110105, "", "", "", "", "" },
	{ "朝阳区", { "吉林", NULL, NULL }, 1, "吉林省", "长春市", "朝阳区", 220104, "", "", "", "", "" },
	{ "松岭路169号", { "山东省", "青岛市", "崂山区" }, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "海尔路1号", { "山东", "青岛", "崂山" }, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "崂山区松岭路", { "370000", "370200", NULL }, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "山东省青岛市", { NULL, NULL, "崂山区" }, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "" },
	{ "", { "湖北", "仙桃市", NULL }, 1, "湖北省", "", "仙桃市", 429004, "", "", "", "", "" },
	{ "", { "北京", "北京市", "朝阳区" }, 1, "北京市", "北京市", "朝阳区", 110105, "", "", "", "", "" },
	{ "XX路", { "湖北", "襄樊市", NULL }, 1, "湖北省", "襄阳市", "", 420600, "", "", "", "", "address_admin_renamed" },
	{ "山东省青岛市崂山区", { "北京", "北京", "朝阳" }, 1, "山东省", "青岛市", "崂山区", 370212, "", "", "", "", "address_admin_conflict" },
	{ "北京市朝阳区", { "吉林", "长春", NULL }, 1, "北京市", "北京市", "朝阳区", 110105, "", "", "", "", "address_admin_conflict" },
	{ "海尔路1号", { "其他", "未知", "" }, 0, "", "", "", 0, "", "", "", "", "address_unparsed" },
	/* junk */
	{ "测试地址", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "test", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "TEST", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "无", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "不详", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "暂无", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "1", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "xxx", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "...", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "１１１１１", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "测试测试123", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_junk" },
	{ "青岛市崂山区测试中心", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "测试中心", "", "", "", "" },
	{ "test", { "山东", "青岛", NULL }, 1, "山东省", "青岛市", "", 370200, "", "", "", "", "address_junk" },
	{ "", NOHINT, 0, "", "", "", 0, "", "", "", "", "" },
	{ "   ", NOHINT, 0, "", "", "", 0, "", "", "", "", "" },
	/* no administrative part: the text stays as the detail */
	{ "松岭路169号", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_unparsed" },
	{ "南京路100号", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_unparsed" },
	{ "中山路100号", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_unparsed" },
	{ "Room 301, Building 3", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_unparsed" },
	/* short names that are part of a street: 香港中路, 朝阳门 */
	{ "青岛市香港中路10号", NOHINT, 1, "山东省", "青岛市", "", 370200, "", "", "", "", "" },
	{ "北京市朝阳门北大街", NOHINT, 1, "北京市", "北京市", "", 110000, "", "", "", "", "" },
	{ "青岛市即墨路5号", NOHINT, 1, "山东省", "青岛市", "", 370200, "", "", "", "", "" },
	{ "青岛市城阳街道正阳路", NOHINT, 1, "山东省", "青岛市", "城阳区", 370214, "", "", "", "", "" },
	/* building, unit, room */
	{ "山东省青岛市崂山区松岭路１６９号３号楼２单元３０１室", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "", "3", "2", "301", "" },
	{ "青岛市崂山区金家岭花园3-2-301", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "金家岭花园", "3", "2", "301", "" },
	{ "青岛市崂山区春风里12-1001", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "春风里", "12", "", "1001", "" },
	{ "青岛市崂山区绿城花园十二栋二单元1202室", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "绿城花园", "12", "2", "1202", "" },
	{ "北京市海淀区中关村大街1号海龙大厦A座1203", NOHINT, 1,
	  "北京市", "北京市", "海淀区", 110108, "海龙大厦", "A", "", "1203", "" },
	{ "杭州市西湖区文三路1号西溪花园3幢2单元501", NOHINT, 1,
	  "浙江省", "杭州市", "西湖区", 330106, "西溪花园", "3", "2", "501", "" },
	{ "北京市朝阳区团结湖北里3号楼2门301", NOHINT, 1,
	  "北京市", "北京市", "朝阳区", 110105, "团结湖北里", "3", "2", "301", "" },
	{ "广州市天河区天河路1号华景花园5栋301房", NOHINT, 1,
	  "广东省", "广州市", "天河区", 440106, "华景花园", "5", "", "301", "" },
	{ "青岛市崂山区海尔路1号3号楼2-301", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "3", "2", "301", "" },
	{ "青岛市市南区香港中路8号国华大厦12楼1203", NOHINT, 1,
	  "山东省", "青岛市", "市南区", 370202, "国华大厦", "", "", "1203", "" },
	{ "青岛市崂山区沙子口街道东麦窑社区5号", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "东麦窑社区", "5", "", "", "" },
	{ "青岛市崂山区松岭路169号3#楼2单元301", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "3", "2", "301", "" },
	{ "青岛崂山区松岭路169号 3栋 2单元 301", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "3", "2", "301", "" },
	{ "青岛市崂山区银川东路6号16号楼1单元101户", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "", "16", "1", "101", "" },
	{ "济南市历下区经十路100号 1-2-301", NOHINT, 1, "山东省", "济南市", "历下区", 370102, "", "1", "2", "301", "" },
	{ "北京市朝阳区望京西园三区3号楼5层501", NOHINT, 1,
	  "北京市", "北京市", "朝阳区", 110105, "望京西园三区", "3", "", "501", "" },
	{ "深圳市福田区彩田路3002号 彩天名苑 A座 15F", NOHINT, 1,
	  "广东省", "深圳市", "福田区", 440304, "彩天名苑", "A", "", "", "" },
	{ "上海市徐汇区漕溪北路88号圣爱大厦1号楼1702室", NOHINT, 1,
	  "上海市", "上海市", "徐汇区", 310104, "圣爱大厦", "1", "", "1702", "" },
	{ "上海浦东新区张江路1000弄5号601室", NOHINT, 1, "上海市", "上海市", "浦东新区", 310115, "", "", "", "601", "" },
	{ "四川省成都市武侯区天府大道北段1700号环球中心E1区1203", NOHINT, 1,
	  "四川省", "成都市", "武侯区", 510107, "环球中心E1区", "", "", "1203", "" },
	{ "河南省郑州市金水区花园路39号1号楼2单元502", NOHINT, 1, "河南省", "郑州市", "金水区", 410105, "", "1", "2", "502", "" },
	{ "青岛市崂山区汇泉花园", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "汇泉花园", "", "", "", "" },
	{ "青岛市崂山区汇泉花园东门", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "汇泉花园", "", "", "", "" },
	{ "北京市西城区金融大街7号英蓝国际金融中心", NOHINT, 1,
	  "北京市", "北京市", "西城区", 110102, "英蓝国际金融中心", "", "", "", "" },
	{ "青岛市崂山区万科城A区03栋2单元0501", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "万科城A区", "3", "2", "501", "" },
	{ "青岛市崂山区一号公馆七号楼三单元302", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "一号公馆", "7", "3", "302", "" },
	{ "青岛市崂山区金岭小区b座1单元201", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "金岭小区", "B", "1", "201", "" },
	{ "12-1001", NOHINT, 0, "", "", "", 0, "", "", "", "", "address_unparsed" },
	{ "青岛市崂山区XX小区2单元301", NOHINT, 1, "山东省", "青岛市", "崂山区", 370212, "XX小区", "", "2", "301", "" },
	/* the fast paths and the others give the same: plain text, text that needs NFKC */
	{ "浙江杭州西湖区辽宁路28号海尔花园3号楼2单元301室", NOHINT, 1,
	  "浙江省", "杭州市", "西湖区", 330106, "海尔花园", "3", "2", "301", "" },
	{ "山东省青岛市崂山区海尔路28号海尔花园3-4-1703", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "海尔花园", "3", "4", "1703", "" },
	{ "山东省青岛市崂山区海尔路1号\xe4\xb7\x80花园3号楼2单元301室", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "\xe4\xb7\x80花园", "3", "2", "301", "" },
	{ "青岛崂山区Ｓｏｈｏ花园b座1单元201", NOHINT, 1,
	  "山东省", "青岛市", "崂山区", 370212, "Soho花园", "B", "1", "201", "" },
	/* names longer than the key tails (14 bytes), names that end the text */
	{ "新疆维吾尔自治区乌鲁木齐市天山区人民路5号", NOHINT, 1,
	  "新疆维吾尔自治区", "乌鲁木齐市", "天山区", 650102, "", "", "", "", "" },
	{ "西藏昌都丁青县", NOHINT, 1, "西藏自治区", "昌都市", "丁青县", 540324, "", "", "", "", "" },
	{ "西藏昌都丁青", NOHINT, 1, "西藏自治区", "昌都市", "丁青县", 540324, "", "", "", "", "" },
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
	CHECK(f->n == n, "%s: %d flags, want %d (first: %s)", ctx, f->n, n, f->n ? f->v[0] : "-");
}

static void run_case(const struct addr_case *c)
{
	struct address a;
	struct flags f = { { 0 }, 0 };
	char ctx[512];
	int ok;
	snprintf(ctx, sizeof(ctx), "\"%s\" [%s|%s|%s]", c->in, c->hint[0] ? c->hint[0] : "",
		 c->hint[1] ? c->hint[1] : "", c->hint[2] ? c->hint[2] : "");
	ok = address_parse(c->in, strlen(c->in), c->hint[0], c->hint[1], c->hint[2], &a, &f);
	CHECK_INT(ok, c->ok, ctx);
	CHECK_STR(a.province, c->prov, ctx);
	CHECK_STR(a.city, c->city, ctx);
	CHECK_STR(a.district, c->district, ctx);
	CHECK_INT(a.adcode, c->adcode, ctx);
	CHECK_INT(a.has_centroid, c->adcode != 0, ctx);
	CHECK_STR(a.community, c->community, ctx);
	CHECK_STR(a.building, c->building, ctx);
	CHECK_STR(a.unit, c->unit, ctx);
	CHECK_STR(a.room, c->room, ctx);
	check_flags(&f, c->flags, ctx);
}

static void parse(const char *s, struct address *a, struct flags *f)
{
	f->n = 0;
	address_parse(s, strlen(s), NULL, NULL, NULL, a, f);
}

static void test_detail(void)
{
	struct address a;
	struct flags f;
	parse("山东省青岛市崂山区 松岭路１６９号，国信海天中心【3号楼】", &a, &f);
	CHECK_STR(a.detail, "松岭路169号,国信海天中心[3号楼]", "detail normalised");
	parse("松岭路169号", &a, &f);
	CHECK_STR(a.detail, "松岭路169号", "unparsed text kept");
	parse("朝阳区建国路88号", &a, &f);
	CHECK_STR(a.detail, "朝阳区建国路88号", "ambiguous name kept in the detail");
	parse("测试地址", &a, &f);
	CHECK_STR(a.detail, "", "junk has no detail");
	parse("青岛市城阳街道正阳路", &a, &f);
	CHECK_STR(a.detail, "城阳街道正阳路", "town named after its district stays");
	parse("山东省青岛市崂山区松岭路169号\xef\xbc\x8d" "3\xe2\x80\x94" "2\xe2\x80\x94" "301", &a, &f);
	CHECK_STR(a.room, "301", "dashes of any kind");
	/* NFKC beyond the fast path: a compatibility ideograph, circled digits */
	parse("山东省青岛市崂山区\xef\xa9\xb0花园\xe2\x91\xa2号楼", &a, &f);
	CHECK_INT(a.adcode, 370212, "slow path admin");
	CHECK_STR(a.building, "3", "slow path building");
}

static void test_centroid(void)
{
	struct address a;
	struct flags f;
	parse("山东省青岛市崂山区", &a, &f);
	CHECK(a.has_centroid && fabs(a.lon - 120.468956) < 1e-6 && fabs(a.lat - 36.107538) < 1e-6,
	      "崂山区 centroid %f %f", a.lon, a.lat);
	parse("山东省青岛市", &a, &f);
	CHECK(a.has_centroid && fabs(a.lon - 120.382621) < 1e-6, "青岛市 centroid %f", a.lon);
	parse("松岭路", &a, &f);
	CHECK(!a.has_centroid && a.lat == 0 && a.lon == 0, "no centroid without a unit");
}

static void test_long_input(void)
{
	struct address a;
	struct flags f;
	char buf[4096];
	size_t n = 0;
	n += (size_t)snprintf(buf, sizeof(buf), "山东省青岛市崂山区");
	while (n + 4 < sizeof(buf))
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "长");
	parse(buf, &a, &f);
	CHECK_INT(a.adcode, 370212, "long input");
	CHECK(strlen(a.detail) < sizeof(a.detail) && strlen(a.detail) % 3 == 0,
	      "detail cut at a character boundary (%zu)", strlen(a.detail));
	/* n bounds the input: no NUL needed */
	CHECK_INT(address_parse("青岛市崂山区XYZ", strlen("青岛市"), NULL, NULL, NULL, &a, NULL), 1,
		  "length bound, NULL flags");
	CHECK_INT(a.adcode, 370200, "length bound");
}

static void test_admin_table(void)
{
	const struct cn_division *d, *rows;
	struct cn_name_match m[8];
	size_t n;

	d = cn_admin_get(370212);
	CHECK(d && strcmp(d->name, "崂山区") == 0 && d->status == CN_CURRENT && d->level == CN_COUNTY,
	      "get 370212");
	CHECK(d && d->parent_code == 370200 && strcmp(d->province, "山东省") == 0, "370212 parents");
	d = cn_admin_get(110103);
	CHECK(d && strcmp(d->name, "崇文区") == 0 && d->status == CN_ABOLISHED && d->valid_until == 2010,
	      "get abolished 110103");
	CHECK(cn_admin_get(999999) == NULL, "unknown code");
	CHECK_INT(cn_admin_existed(110103), 1, "existed 110103");
	CHECK_INT(cn_admin_existed(119999), 0, "existed 119999");
	CHECK_INT(cn_admin_successor(110103), 110101, "successor 崇文区");
	CHECK_INT(cn_admin_successor(370205), 370203, "successor 四方区");
	CHECK_INT(cn_admin_successor(370212), 370212, "successor of a current code");
	CHECK_INT(cn_admin_successor(999999), 0, "successor of nothing");
	n = cn_admin_rows(420600, &rows);
	CHECK(n == 2 && strcmp(rows[0].name, "襄阳市") == 0 && strcmp(rows[1].name, "襄樊市") == 0,
	      "rows of 420600 (%zu)", n);
	d = cn_admin_at(420600, 2005);
	CHECK(d && strcmp(d->name, "襄樊市") == 0, "420600 in 2005");
	d = cn_admin_at(420600, 2020);
	CHECK(d && strcmp(d->name, "襄阳市") == 0, "420600 in 2020");
	CHECK(cn_admin_at(110103, 2015) == NULL, "110103 in 2015");
	CHECK_INT(cn_admin_is_municipality(500000), 1, "重庆 is a municipality");
	CHECK_INT(cn_admin_is_municipality(370000), 0, "山东 is not");

	n = cn_admin_find_name("朝阳区", strlen("朝阳区"), m, 8);
	CHECK_INT(n, 2, "two 朝阳区");
	n = cn_admin_find_name("恩施", strlen("恩施"), m, 8);
	CHECK(n >= 1, "恩施 short name");
	n = cn_admin_find_name("崇文区", strlen("崇文区"), m, 8);
	CHECK(n == 1 && (m[0].kind & CN_KEY_FORMER) && m[0].cur->code == 110101, "崇文区 -> 东城区");
	n = cn_admin_find_name("广西", strlen("广西"), m, 8);
	CHECK(n == 1 && m[0].cur->code == 450000 && (m[0].kind & CN_KEY_ALIAS), "广西");
	n = cn_admin_find_name("青", strlen("青"), m, 8);
	CHECK_INT(n, 0, "one character");
	n = cn_admin_match_prefix("青岛市崂山区", strlen("青岛市崂山区"), m, 8);
	CHECK_INT(n, 2, "青岛 and 青岛市 prefix 青岛市崂山区");
	/* every current row has a centroid, every row resolves to itself when current */
	for (size_t i = 0; i < cn_divisions_len; i++) {
		const struct cn_division *r = &cn_divisions[i];
		if (r->status != CN_CURRENT)
			continue;
		if (r->coord == CN_COORD_NONE || r->current != r->code) {
			CHECK(0, "current row %d", r->code);
			break;
		}
	}
	CHECK(cn_divisions_len > 6000, "rows: %zu", cn_divisions_len);

	/* the hashes: every code finds its first row, every name its key */
	for (size_t i = 0; i < cn_divisions_len; i++) {
		const struct cn_division *r = &cn_divisions[i];
		if (i > 0 && r[-1].code == r->code)
			continue;
		if (cn_admin_get(r->code) != r) {
			CHECK(0, "cn_admin_get(%d)", r->code);
			break;
		}
	}
	/* every name key, the first (丁青) included */
	for (size_t i = 0; i < cn_name_keys_len; i++) {
		const struct cn_name_key *k = &cn_name_keys[i];
		struct cn_name_match all[256];	/* 城区 names many units */
		size_t j;
		n = cn_admin_find_name(k->key, k->len, all, 256);
		for (j = 0; j < n && all[j].cur != &cn_divisions[k->cur]; j++)
			;
		if (j == n) {
			CHECK(0, "name key %zu (%s)", i, k->key);
			break;
		}
	}
	n = cn_admin_match_prefix("新疆维吾尔自治区乌鲁木齐市", strlen("新疆维吾尔自治区乌鲁木齐市"), m, 8);
	CHECK(n == 2 && m[0].len == 6 && m[1].len == 24 && m[1].cur->code == 650000,
	      "新疆 and 新疆维吾尔自治区, shortest first (%zu)", n);
	CHECK(cn_admin_get(0) == NULL && cn_admin_get(-1) == NULL, "no code 0 or -1");
}

int main(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	test_detail();
	test_centroid();
	test_long_input();
	test_admin_table();
	printf("# %zu address cases\n", sizeof(cases) / sizeof(cases[0]));
	return test_done();
}
