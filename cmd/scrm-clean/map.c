#include "map.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "error.h"
#include "schema.h"
#include "unicode.h"
#include "util.h"
#include "banned.h"

/* Targets of the synonym table: a canonical field, a rename, or a drop. */
static const char MAP_DROP[] = "(drop)";

/* Built-in header synonyms: canonical field, then '|'-separated names. */
static const struct synonyms {
	const char *field;
	const char *names;
} builtin[] = {
	{ "src", "src|source|来源|数据来源|来源系统|系统来源" },
	{ "rid", "rid|record_id|recordid|order_id|orderid|order_no|orderno|order_number|"
		 "ticket_id|ticket_no|case_id|call_id|work_order|id|记录号|记录编号|记录ID|"
		 "订单号|订单编号|订单ID|子订单号|工单号|工单编号|服务单号|报修单号|维修单号|"
		 "流水号|通话ID|呼叫ID|通话编号|来电编号|激活编号" },
	{ "event", "event|event_type|事件|事件类型" },
	{ "date", "date|datetime|time|timestamp|order_date|order_time|created_at|create_time|"
		  "created|purchase_date|purchase_time|pay_time|register_date|register_time|"
		  "registered_at|activated_at|activation_date|activation_time|call_time|"
		  "service_date|ticket_date|日期|时间|下单时间|下单日期|订单时间|订单日期|购买日期|"
		  "购买时间|成交时间|成交日期|支付时间|付款时间|注册时间|注册日期|报修时间|"
		  "报修日期|服务日期|服务时间|工单时间|创建时间|创建日期|激活时间|激活日期|"
		  "来电时间|通话时间|呼叫时间|发生时间" },
	{ "name", "name|full_name|fullname|customer_name|buyer_name|receiver_name|"
		  "consignee|contact_name|member_name|user_name|姓名|客户姓名|客户名称|收货人|"
		  "收货人姓名|联系人|联系人姓名|会员姓名|用户姓名|购买人|购买人姓名|报修人|"
		  "来电人|真实姓名|顾客姓名|用户名称|机主姓名|户主姓名" },
	{ "given_name", "given_name|first_name|firstname|forename|名" },
	{ "family_name", "family_name|last_name|lastname|surname|姓|姓氏" },
	{ "gender", "gender|sex|性别" },
	{ "birthdate", "birthdate|birthday|birth_date|date_of_birth|dob|生日|出生日期|"
		       "出生年月|出生年月日|出生日" },
	{ "age", "age|年龄" },
	{ "id_card", "id_card|idcard|id_number|id_no|idno|identity_card|certificate_no|"
		     "身份证|身份证号|身份证号码|证件号|证件号码|公民身份号码|身份证件号" },
	{ "phone", "phone|mobile|tel|telephone|cellphone|cell|mobile_phone|mobilephone|"
		   "phone_number|phonenumber|mobile_number|contact_phone|buyer_phone|"
		   "receiver_phone|customer_phone|msisdn|caller|caller_number|手机|手机号|"
		   "手机号码|联系电话|联系方式|电话|电话号码|移动电话|联系手机|收货人电话|"
		   "收货人手机|客户电话|客户手机|用户手机|会员手机|注册手机|来电号码|主叫号码|"
		   "联系号码|手机电话" },
	{ "landline", "landline|fixed_phone|home_phone|office_phone|座机|固定电话|固话|"
		      "家庭电话|办公电话|座机号码" },
	{ "email", "email|e_mail|mail|email_address|邮箱|电子邮箱|邮件|电子邮件|邮箱地址" },
	{ "member_id", "member_id|memberid|member_no|member_number|membership_no|"
		       "customer_id|customerid|customer_no|user_id|userid|uid_source|"
		       "会员号|会员编号|会员ID|会员卡号|会员账号|客户编号|客户ID|客户号|用户ID|用户编号" },
	{ "openid", "openid|open_id|wechat_openid|wx_openid|微信openid|微信OpenID" },
	{ "device_id", "device_id|deviceid|device|did|mac|mac_address|设备ID|设备号|设备编号|"
		       "设备标识|设备MAC|物联网ID" },
	{ "serial", "serial|serial_no|serial_number|sn|barcode|product_sn|序列号|机身编号|"
		    "产品条码|条码|整机条码|整机编码|机编|产品序列号|机身条码" },
	{ "anon_id", "anon_id|anonymous_id|cookie|cookie_id|visitor_id|idfa|oaid|ad_id|"
		     "advertising_id|匿名ID|访客ID|设备广告ID" },
	{ "province", "province|state|prov|省|省份|所在省|所在省份|省名" },
	{ "city", "city|城市|市|所在市|所在城市|地市|城市名" },
	{ "district", "district|county|area|区|区县|县区|所在区|所在区县|区域" },
	{ "adcode", "adcode|ad_code|region_code|行政区划代码|区划代码" },
	{ "address", "address|addr|full_address|shipping_address|home_address|street|"
		     "street_address|install_address|地址|详细地址|收货地址|家庭地址|住址|"
		     "通讯地址|安装地址|联系地址|用户地址|服务地址|客户地址|居住地址|送货地址" },
	{ "community", "community|小区|小区名称|社区|楼盘" },
	{ "building", "building|楼栋|楼号|栋号|楼栋号" },
	{ "unit", "unit|单元|单元号" },
	{ "room", "room|room_no|房号|房间号|门牌号|室号" },
	{ "lat", "lat|latitude|纬度" },
	{ "lon", "lon|lng|long|longitude|经度" },
	{ "category", "category|product_category|product_type|品类|产品品类|产品类别|类别|"
		      "产品大类|商品类目|类目|产品类型|商品品类" },
	{ "sku", "sku|model|model_no|product_code|item_code|goods_code|型号|产品型号|"
		 "商品编码|商品编号|物料号|物料编码|机型" },
	{ "price", "price|amount|unit_price|total|total_price|pay_amount|paid_amount|"
		   "order_amount|金额|价格|单价|实付金额|成交价|成交金额|订单金额|支付金额|"
		   "实付款|销售价|售价" },
	{ "channel", "channel|store|shop|platform|sales_channel|渠道|销售渠道|来源渠道|门店|"
		     "平台|店铺|网点|购买渠道" },
	{ "text", "text|content|description|complaint|transcript|内容|描述|问题描述|"
		  "故障描述|故障现象|通话内容|通话记录|服务内容|投诉内容|评价|评价内容|留言|"
		  "咨询内容" },
	{ "fault", "fault|fault_code|error_code|err_code|alarm_code|故障码|故障代码|错误码|"
		   "报警码|告警码|故障编码" },
	{ "_flags", "_flags" },
	{ "raw", "raw" },
};

struct entry {
	char *key;		/* normalised column name */
	const char *target;	/* canonical field, map name, MAP_DROP or NULL */
	struct map_target *t;	/* in the cache: stable while the table grows */
};

struct field_map {
	struct entry *slots;	/* open addressing on the normalised name */
	size_t cap, n;
	struct entry *cache;	/* raw column name -> target */
	size_t cache_cap, cache_n;
	char *source, *event;
	pthread_mutex_t mu;	/* the cache is filled from worker threads */
	char **owned;		/* targets named by the map file */
	size_t nowned, owned_cap;
};

static void normalise_column(strbuf *out, const char *s)
{
	strbuf tmp = STRBUF_INIT;
	u_normalize(&tmp, s, strlen(s), U_NFKC | U_CASEFOLD);
	for (size_t i = 0; i < tmp.len; i++) {
		char c = tmp.buf[i];
		if (c != ' ' && c != '_' && c != '-' && c != '.' && c != '\t')
			sb_addc(out, c);
	}
	sb_release(&tmp);
}

static struct entry *find_slot(struct entry *slots, size_t cap, const char *key)
{
	size_t i = hash64(key, strlen(key), 7) & (cap - 1);
	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void table_put(struct entry **slots, size_t *cap, size_t *n, const char *key,
		      const char *target, int replace)
{
	struct entry *e;
	if ((*n + 1) * 2 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct entry *ns = xcalloc(ncap, sizeof(*ns));
		for (size_t i = 0; i < *cap; i++)
			if ((*slots)[i].key)
				*find_slot(ns, ncap, (*slots)[i].key) = (*slots)[i];
		free(*slots);
		*slots = ns;
		*cap = ncap;
	}
	e = find_slot(*slots, *cap, key);
	if (e->key) {
		if (replace)
			e->target = target;
		return;
	}
	e->key = xstrdup(key);
	e->target = target;
	(*n)++;
}

static void put_synonym(struct field_map *m, const char *name, const char *target, int replace)
{
	strbuf key = STRBUF_INIT;
	normalise_column(&key, name);
	table_put(&m->slots, &m->cap, &m->n, sb_str(&key), target, replace);
	sb_release(&key);
}

struct field_map *map_new(void)
{
	struct field_map *m = xcalloc(1, sizeof(*m));
	pthread_mutex_init(&m->mu, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(builtin); i++) {
		const char *p = builtin[i].names;
		while (*p) {
			size_t len = strcspn(p, "|");
			char *name = xstrndup(p, len);
			put_synonym(m, name, builtin[i].field, 0);
			free(name);
			p += len + (p[len] == '|');
		}
	}
	return m;
}

static void free_table(struct entry *slots, size_t cap)
{
	for (size_t i = 0; i < cap; i++) {
		free(slots[i].key);
		free(slots[i].t);
	}
	free(slots);
}

void map_free(struct field_map *m)
{
	if (!m)
		return;
	free_table(m->slots, m->cap);
	free_table(m->cache, m->cache_cap);
	for (size_t i = 0; i < m->nowned; i++)
		free(m->owned[i]);
	free(m->owned);
	free(m->source);
	free(m->event);
	free(m);
}

static const char *own(struct field_map *m, const char *s)
{
	int idx = schema_index(s);
	if (idx >= 0)
		return schema_fields[idx];
	GROW(m->owned, m->owned_cap, m->nowned + 1);
	m->owned[m->nowned] = xstrdup(s);
	return m->owned[m->nowned++];
}

static void map_error(const char *path, const char *what)
{
	scrm_die(SCRM_EXIT_USAGE, "%s: %s", path, what);
}

void map_load(struct field_map *m, const char *path)
{
	json_t *root = conf_load(path);
	const char *key;
	json_t *val;

	if (!json_is_object(root))
		map_error(path, "the map file must hold a JSON object");
	json_object_foreach(root, key, val) {
		if (strcmp(key, "source") == 0 || strcmp(key, "event") == 0) {
			if (!json_is_string(val))
				map_error(path, "\"source\" and \"event\" must be strings");
			char **dst = key[0] == 's' ? &m->source : &m->event;
			free(*dst);
			*dst = xstrdup(json_string_value(val));
		} else if (strcmp(key, "fields") == 0) {
			const char *col;
			json_t *target;
			if (!json_is_object(val))
				map_error(path, "\"fields\" must be an object of column -> field");
			json_object_foreach(val, col, target) {
				if (!json_is_string(target) || !*json_string_value(target))
					map_error(path, "each \"fields\" value must be a field name");
				put_synonym(m, col, own(m, json_string_value(target)), 1);
			}
		} else if (strcmp(key, "drop") == 0) {
			size_t i;
			json_t *col;
			if (!json_is_array(val))
				map_error(path, "\"drop\" must be an array of column names");
			json_array_foreach(val, i, col) {
				if (!json_is_string(col))
					map_error(path, "\"drop\" must be an array of column names");
				put_synonym(m, json_string_value(col), MAP_DROP, 1);
			}
		} else {
			scrm_die(SCRM_EXIT_USAGE, "%s: unknown key '%s' in the map file "
				 "(expected source, event, fields, drop)", path, key);
		}
	}
	json_decref(root);
	/* earlier lookups may be stale */
	free_table(m->cache, m->cache_cap);
	m->cache = NULL;
	m->cache_cap = m->cache_n = 0;
}

const char *map_source(const struct field_map *m)
{
	return m->source;
}

const char *map_event(const struct field_map *m)
{
	return m->event;
}

static int names_product(const char *column)
{
	static const char *const words[] = {
		"商品", "产品", "品名", "货品", "product", "item", "goods", "title",
	};
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (strstr(column, words[i]))
			return 1;
	return 0;
}

const struct map_target *map_column(struct field_map *m, const char *column)
{
	struct entry *e;
	struct map_target *t;
	const char *target = NULL;
	strbuf key = STRBUF_INIT;

	pthread_mutex_lock(&m->mu);
	if (m->cache_cap) {
		e = find_slot(m->cache, m->cache_cap, column);
		if (e->key) {
			t = e->t;
			pthread_mutex_unlock(&m->mu);
			return t;
		}
	}
	normalise_column(&key, column);
	e = find_slot(m->slots, m->cap, sb_str(&key));
	if (e->key)
		target = e->target;
	sb_release(&key);
	t = xcalloc(1, sizeof(*t));
	t->drop = target == MAP_DROP;
	t->field = target && !t->drop ? schema_index(target) : -1;
	t->rename = target && !t->drop && t->field < 0 ? target : NULL;
	t->product = names_product(column) || (t->rename && names_product(t->rename));
	table_put(&m->cache, &m->cache_cap, &m->cache_n, column, target, 1);
	find_slot(m->cache, m->cache_cap, column)->t = t;
	pthread_mutex_unlock(&m->mu);
	return t;
}

void map_dump_synonyms(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(builtin); i++)
		printf("%s\t%s\n", builtin[i].field, builtin[i].names);
}
