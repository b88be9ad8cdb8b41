#include "output.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"
#include "io.h"
#include "util.h"
#include "banned.h"

static const char *const file_names[GF_COUNT + 1] = {
	"members.csv", "sales.csv", "service.csv", "ecommerce.ndjson", "iot.tsv", "callcenter.csv",
	"truth.csv",
};

/* src as scrm-clean derives it from the file name */
static const char *const stems[GF_COUNT] = {
	"members", "sales", "service", "ecommerce", "iot", "callcenter",
};

/* The headers of the samples in testdata/raw; the ecommerce export has none. */
static const char *const headers[GF_COUNT] = {
	"会员号,姓名,手机号,性别,生日,邮箱,注册时间,地址,身份证号\n",
	"订单号,收货人,联系电话,收货地址,商品名称,型号,机身编号,金额,下单时间,门店,备注\n",
	"工单号,报修人,联系电话,安装地址,产品品类,机身编号,故障描述,报修时间\n",
	"",
	"device_id\tserial\t型号\t激活时间\t手机\tlat\tlon\n",
	"通话ID,来电号码,客户姓名,来电时间,通话内容,身份证\n",
};

struct gen_writer {
	output *out[GF_COUNT + 1];
	char iot_name[32];	/* iot.tsv or iot.tsv.gz: its rids are NAME:LINE */
	uint64_t next_id[GF_COUNT];
	uint64_t iot_line;
	uint64_t junk_seq;
	strbuf rid, truth;
	struct gen_counts counts;
};

struct gen_writer *gen_writer_open(const char *dir, int gzip)
{
	struct gen_writer *wr = xcalloc(1, sizeof(*wr));
	strbuf path = STRBUF_INIT;
	for (int f = 0; f <= GF_COUNT; f++) {
		sb_reset(&path);
		sb_addf(&path, "%s/%s%s", dir, file_names[f], gzip ? ".gz" : "");
		wr->out[f] = out_open(path.buf, gzip, 1);
		if (f < GF_COUNT)
			out_puts(wr->out[f], headers[f]);
	}
	out_puts(wr->out[GF_COUNT], "src,rid,person,household\n");
	snprintf(wr->iot_name, sizeof(wr->iot_name), "%s%s", file_names[GF_IOT], gzip ? ".gz" : "");
	wr->iot_line = 1;	/* the header */
	sb_release(&path);
	return wr;
}

/* The record id of a row: M00000001, SO0000000001, TM0000000001 ... */
static void put_rid(strbuf *b, int f, const struct gen_row *row, uint64_t id)
{
	switch (f) {
	case GF_MEMBERS:
		put_c(b, 'M'), put_uint_pad(b, id, 8);
		break;
	case GF_SALES:
		put(b, "SO"), put_uint_pad(b, id, 10);
		break;
	case GF_SERVICE:
		put(b, "WO"), put_uint_pad(b, id, 9);
		break;
	case GF_ECOMMERCE:
		put(b, gen_platform_prefix[row->tag]), put_uint_pad(b, id, 10);
		break;
	default:
		put_c(b, 'C'), put_uint_pad(b, id, 10);
	}
}

static void write_truth(struct gen_writer *wr, int f, const struct gen_row *row)
{
	strbuf *t = &wr->truth;
	put(t, stems[f]), put_c(t, ',');
	put_n(t, wr->rid.buf, wr->rid.len), put_c(t, ',');
	if (row->kind == ROW_JUNK) {
		/* a junk row is nobody: each is its own person and household */
		wr->junk_seq++;
		put(t, "junk-"), put_uint(t, wr->junk_seq);
		put(t, ",junk-"), put_uint(t, wr->junk_seq);
	} else {
		put_c(t, 'P'), put_uint_pad(t, (uint64_t)row->person + 1, 8);
		put(t, ",H"), put_uint_pad(t, (uint64_t)row->household + 1, 8);
	}
	put_c(t, '\n');
}

static void count_row(struct gen_writer *wr, int f, const struct gen_row *row)
{
	wr->counts.rows[f]++;
	wr->counts.junk[f] += row->kind == ROW_JUNK;
	wr->counts.duplicates[f] += row->dup_of >= 0;
	wr->counts.store_phones += row->store_phone && row->dup_of < 0;
	wr->counts.orphans += row->orphan && row->dup_of < 0;
	wr->counts.bytes += row->len;
}

static void write_part(struct gen_writer *wr, int f, struct gen_part *pt)
{
	output *o = wr->out[f];
	/* ids in file order; a duplicate takes its original's, wherever that lands */
	for (size_t i = 0; i < pt->n; i++) {
		struct gen_row *row = &pt->rows[pt->order[i]];
		if (row->dup_of < 0)
			row->id = ++wr->next_id[f];
	}
	sb_reset(&wr->truth);
	for (size_t i = 0; i < pt->n; i++) {
		const struct gen_row *row = &pt->rows[pt->order[i]];
		uint64_t id = row->dup_of >= 0 ? pt->rows[row->dup_of].id : row->id;
		sb_reset(&wr->rid);
		if (f == GF_IOT) {
			put(&wr->rid, wr->iot_name), put_c(&wr->rid, ':');
			put_uint(&wr->rid, ++wr->iot_line);
		} else {
			put_rid(&wr->rid, f, row, id);
			if (f == GF_ECOMMERCE)
				out_puts(o, "{\"order_id\":\"");
			out_write(o, wr->rid.buf, wr->rid.len);
			if (f == GF_ECOMMERCE)
				out_putc(o, '"');
		}
		out_write(o, pt->text.buf + row->off, row->len);
		write_truth(wr, f, row);
		count_row(wr, f, row);
	}
	out_write(wr->out[GF_COUNT], wr->truth.buf, wr->truth.len);
}

void gen_writer_block(struct gen_writer *wr, struct gen_block *b)
{
	for (int f = 0; f < GF_COUNT; f++)
		write_part(wr, f, &b->part[f]);
	wr->counts.people += b->people;
	wr->counts.households += b->households;
}

const struct gen_counts *gen_writer_counts(const struct gen_writer *wr)
{
	return &wr->counts;
}

void gen_writer_close(struct gen_writer *wr)
{
	for (int f = 0; f <= GF_COUNT; f++)
		out_close(wr->out[f], 1);
	sb_release(&wr->rid);
	sb_release(&wr->truth);
	free(wr);
}
