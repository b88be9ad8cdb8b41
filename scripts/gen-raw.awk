# Synthetic raw sales export for `make bench` (not real people):
#   awk -v n=1000000 -v seed=42 -f scripts/gen-raw.awk > raw.csv
# Messy on purpose: phone forms, name spacing, date forms, address forms,
# price formats and a share of junk, so every normaliser does real work.
BEGIN {
	if (n == "") n = 1000
	if (seed == "") seed = 42
	srand(seed)
	split("张 王 李 赵 刘 陈 杨 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗 欧阳 司马", sur, " ")
	split("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 桂英 晓明 建国 海燕", giv, " ")
	split("山东省青岛市崂山区 青岛市市南区 山东青岛市北区 李沧区 北京市朝阳区 上海市浦东新区 广东省深圳市南山区 浙江杭州西湖区 江苏省南京市鼓楼区 四川省成都市武侯区", adm, " ")
	split("海尔花园 香港花园 金茂湾 万科城 绿城百合花园 中海国际社区 保利香榭里 鲁信长春花园", comm, " ")
	split("海尔路 香港中路 辽宁路 九水路 建国路 世纪大道 科技园路 文三路", road, " ")
	split("对开门冰箱 滚筒洗衣机 挂机空调 燃气热水器 55寸电视 冰柜 油烟机 洗碗机", prod, " ")
	split("qq.com 163.com 126.com sina.com gmail.com qq.con 163.cm foxmail.com", dom, " ")
	split("139 138 137 136 135 150 151 158 186 185 133 189 177 199", pre, " ")
	print "订单号,收货人,联系电话,邮箱,收货地址,商品名称,金额,下单时间,生日,性别"
	for (i = 1; i <= n; i++) {
		s = sur[int(rand() * 22) + 1]; g = giv[int(rand() * 22) + 1]
		name = (rand() < 0.1) ? s " " g : s g
		if (rand() < 0.01) name = "测试"
		p = pre[int(rand() * 14) + 1]
		a = int(rand() * 9000) + 1000; b = int(rand() * 9000) + 1000
		r = rand()
		if (r < 0.5) phone = p a b
		else if (r < 0.7) phone = p " " a " " b
		else if (r < 0.8) phone = "+86 " p "-" a "-" b
		else if (r < 0.85) phone = "0532-" a b
		else if (r < 0.9) phone = "0086" p a b
		else if (r < 0.95) phone = p "****" b
		else phone = "13800138000"
		email = tolower(substr("abcdefghijklmnopqrstuvwxyz", int(rand() * 26) + 1, 1)) i "@" dom[int(rand() * 8) + 1]
		if (rand() < 0.1) email = toupper(email)
		addr = adm[int(rand() * 10) + 1] road[int(rand() * 8) + 1] int(rand() * 200 + 1) "号" comm[int(rand() * 8) + 1]
		r = rand()
		if (r < 0.6) addr = addr int(rand() * 30 + 1) "号楼" int(rand() * 6 + 1) "单元" int(rand() * 30 + 1) "0" int(rand() * 4 + 1) "室"
		else if (r < 0.8) addr = addr int(rand() * 30 + 1) "-" int(rand() * 6 + 1) "-" int(rand() * 30 + 1) "0" int(rand() * 4 + 1)
		y = 1950 + int(rand() * 55); m = int(rand() * 12) + 1; d = int(rand() * 28) + 1
		r = rand()
		if (r < 0.5) birth = sprintf("%04d-%02d-%02d", y, m, d)
		else if (r < 0.7) birth = y "/" m "/" d
		else if (r < 0.8) birth = y "年" m "月" d "日"
		else if (r < 0.9) birth = sprintf("%04d%02d%02d", y, m, d)
		else birth = ""
		price = int(rand() * 9000) + 999
		r = rand()
		if (r < 0.3) price = "\"¥" int(price / 1000) "," sprintf("%03d", price % 1000) ".00\""
		else if (r < 0.5) price = price "元"
		od = sprintf("2023-%02d-%02d %02d:%02d:%02d", int(rand() * 12) + 1, int(rand() * 28) + 1, int(rand() * 24), int(rand() * 60), int(rand() * 60))
		sex = (rand() < 0.5) ? "男" : "女"
		printf "SO%09d,%s,%s,%s,%s,海尔 %s,%s,%s,%s,%s\n", i, name, phone, email, addr, prod[int(rand() * 8) + 1], price, od, birth, sex
	}
}
