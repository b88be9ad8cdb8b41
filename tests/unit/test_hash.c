/*
 * scrm-hash: every row of testdata/hash/vectors.csv (normalisation and
 * digest), the ristretto255 PSI known answers of psi_vectors.csv, and the
 * clkhash CLK encodings of clk_vectors.csv with the intermediate values
 * of clk_intermediate.json (see testdata/hash/PROVENANCE.md).
 * With --bench it measures the hashing rates instead (make bench).
 */
#include "../../cmd/scrm-hash/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "reader.h"
#include "test.h"
#include "banned.h"

static char *data_path(const char *name)
{
	static char buf[4096];
	const char *self = __FILE__, *tail = strstr(self, "tests/unit/test_hash.c");
	size_t pre = tail ? (size_t)(tail - self) : 0;
	snprintf(buf, sizeof(buf), "%.*stestdata/hash/%s", (int)pre, self, name);
	return buf;
}

static const char *get(const sv *rec, const char *k)
{
	const char *s = sv_get_str(rec, k);
	return s ? s : "";
}

static int spec_of(const char *spec, const char *field, enum hsh_spec *sp, enum hsh_kind *kd)
{
	static const struct {
		const char *spec, *field;
		enum hsh_spec s;
		enum hsh_kind k;
	} map[] = {
		{ "meta", "em", SPEC_META, K_EMAIL }, { "meta", "ph", SPEC_META, K_PHONE },
		{ "meta", "fn", SPEC_META, K_GIVEN }, { "meta", "ln", SPEC_META, K_FAMILY },
		{ "meta", "db", SPEC_META, K_DOB }, { "meta", "country", SPEC_META, K_COUNTRY },
		{ "meta", "ct", SPEC_META, K_CITY }, { "meta", "zp", SPEC_META, K_ZIP },
		{ "meta", "ge", SPEC_META, K_GENDER }, { "snap", "em", SPEC_META, K_EMAIL },
		{ "snap", "ph", SPEC_META, K_PHONE }, { "tiktok", "email", SPEC_META, K_EMAIL },
		{ "tiktok", "maid", SPEC_META, K_IMEI },
		{ "x_ads", "twitter_handle", SPEC_META, K_HANDLE },
		{ "uid2", "email", SPEC_UID2, K_EMAIL }, { "uid2", "phone", SPEC_UID2, K_PHONE },
		{ "google_dm", "email", SPEC_GOOGLE, K_EMAIL },
		{ "google_dm", "phone", SPEC_GOOGLE, K_PHONE },
		{ "google_dm", "given_name", SPEC_GOOGLE, K_GIVEN },
		{ "tencent", "HASH_IDFA", SPEC_TENCENT, K_IDFA },
		{ "tencent", "HASH_IMEI", SPEC_TENCENT, K_IMEI },
		{ "tencent", "HASH_MAC", SPEC_TENCENT, K_MAC },
		{ "tencent", "HASH_OAID", SPEC_TENCENT, K_OAID },
		{ "tencent", "MD5_SHA256_OAID", SPEC_TENCENT, K_OAID },
		{ "tencent", "HASH_MOBILE_PHONE", SPEC_TENCENT, K_PHONE11 },
		{ "tencent", "SHA256_MOBILE_PHONE", SPEC_TENCENT, K_PHONE11 },
		{ "oceanengine", "MOBILE_HASH_SHA256", SPEC_OCEANENGINE, K_PHONE11 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (strcmp(map[i].spec, spec) == 0 && strcmp(map[i].field, field) == 0) {
			*sp = map[i].s;
			*kd = map[i].k;
			return 1;
		}
	return 0;
}

static int algo_of(const char *a, enum hsh_algo *out)
{
	if (strcmp(a, "sha256_hex") == 0)
		*out = HSH_SHA256_HEX;
	else if (strcmp(a, "sha256_b64") == 0)
		*out = HSH_SHA256_B64;
	else if (strcmp(a, "md5_hex") == 0)
		*out = HSH_MD5_HEX;
	else if (strcmp(a, "sha256_hex(md5_hex)") == 0)
		*out = HSH_SHA256_MD5_HEX;
	else if (strcmp(a, "hmac_sha256_hex") == 0)
		*out = HSH_HMAC_HEX;
	else
		return 0;
	return 1;
}

static void test_vectors(void)
{
	struct rd_opts ro = { FMT_CSV, 0, 1, 0 };
	reader *r = rd_open(data_path("vectors.csv"), &ro);
	arena *a = arena_new();
	strbuf nb;
	sv rec;
	int rows = 0, digests = 0, norms = 0;
	sb_init(&nb);
	while (rd_next(r, a, &rec) == RD_RECORD) {
		const char *id = get(&rec, "vector_id"), *spec = get(&rec, "spec");
		const char *field = get(&rec, "field"), *in = get(&rec, "input");
		const char *want_norm = get(&rec, "normalized"), *out = get(&rec, "output");
		const char *key = get(&rec, "key_or_salt");
		const char *region = strcmp(id, "PUB-META-PH") == 0 ||
				     strncmp(id, "P7-", 3) == 0 ? "US" : "CN";
		enum hsh_algo algo = HSH_SHA256_HEX;
		enum hsh_spec sp;
		enum hsh_kind kd;
		char d[HSH_OUT_MAX];
		rows++;
		CHECK(algo_of(get(&rec, "algorithm"), &algo), "%s: unknown algorithm", id);
		if (*out) {
			hsh_digest(algo, (const unsigned char *)key, strlen(key), want_norm,
				   strlen(want_norm), d);
			CHECK_STR(d, out, id);
			digests++;
		}
		if (spec_of(spec, field, &sp, &kd)) {
			int ok = hsh_normalize(sp, kd, in, strlen(in), region, &nb);
			if (*out) {
				CHECK(ok, "%s: normalisation refused the value", id);
				CHECK_STR(nb.buf, want_norm, id);
				hsh_digest(algo, NULL, 0, nb.buf, nb.len, d);
				CHECK_STR(d, out, id);
			} else {
				CHECK(!ok, "%s: an invalid value was accepted as \"%s\"", id, nb.buf);
			}
			norms++;
		} else if (strcmp(spec, "scrm_keyed") == 0) {
			/* the identifier as given, or with its type prefix */
			const char *p = strstr(id, "TYPED") ? (in[0] == '+' || (in[0] >= '0' &&
						in[0] <= '9') ? "phone:" : "email:") : "";
			char buf[256];
			snprintf(buf, sizeof(buf), "%s%s", p, in);
			CHECK_STR(buf, want_norm, id);
			norms++;
		} else if (strcmp(spec, "scrm_salted") == 0) {
			char buf[256];
			snprintf(buf, sizeof(buf), "%s%s", key, in);
			CHECK_STR(buf, want_norm, id);
			norms++;
		} else {
			CHECK(0, "%s: no rules for spec %s field %s", id, spec, field);
		}
		arena_reset(a);
	}
	CHECK(rd_error(r) == NULL || !*rd_error(r), "vectors.csv: read error");
	CHECK_INT(rows, 73, "vectors.csv rows");
	printf("# vectors.csv: %d rows, %d digests, %d normalisations\n", rows, digests, norms);
	rd_close(r);
	arena_free(a);
	sb_release(&nb);
}

static void hex32(const unsigned char *p, char *out)
{
	hsh_hex(p, 32, out);
}

static void test_psi(void)
{
	struct rd_opts ro = { FMT_CSV, 0, 1, 0 };
	reader *r = rd_open(data_path("psi_vectors.csv"), &ro);
	arena *a = arena_new();
	unsigned char sa[32], sb_[32], h[32], ah[32], bh[32], t[32], inv[32];
	char hx[65];
	const char *seed_a = "scrm-psi test key A", *seed_b = "scrm-psi test key B";
	sv rec;
	int checks = 0;
	psi_scalar((const unsigned char *)seed_a, strlen(seed_a), sa);
	psi_scalar((const unsigned char *)seed_b, strlen(seed_b), sb_);
	while (rd_next(r, a, &rec) == RD_RECORD) {
		const char *item = get(&rec, "item"), *val = get(&rec, "value");
		if (strcmp(item, "KAT expected") == 0) {
			unsigned char hh[64];
			const char *m = "Ristretto is traditionally a short shot of espresso coffee";
			crypto_hash_sha512(hh, (const unsigned char *)m, strlen(m));
			crypto_core_ristretto255_from_hash(t, hh);
			hex32(t, hx);
			CHECK_STR(hx, val, "KAT from_hash");
			checks++;
		} else if (strcmp(item, "scalar_a") == 0) {
			hex32(sa, hx);
			CHECK_STR(hx, val, "scalar_a");
			checks++;
		} else if (strcmp(item, "scalar_b") == 0) {
			hex32(sb_, hx);
			CHECK_STR(hx, val, "scalar_b");
			checks++;
		} else if (strcmp(item, "id") == 0) {
			psi_hash_to_group(val, strlen(val), h);
			CHECK(psi_mul(sa, h, ah) == 0 && psi_mul(sb_, h, bh) == 0, "psi_mul");
		} else if (strcmp(item, "H(id)") == 0) {
			hex32(h, hx);
			CHECK_STR(hx, val, "H(id)");
			checks++;
		} else if (strcmp(item, "a*H") == 0) {
			hex32(ah, hx);
			CHECK_STR(hx, val, "a*H");
			checks++;
			/* a^-1 * (a*H) = H */
			crypto_core_ristretto255_scalar_invert(inv, sa);
			CHECK(psi_mul(inv, ah, t) == 0 && memcmp(t, h, 32) == 0, "a^-1*(a*H) = H");
		} else if (strcmp(item, "b*H") == 0) {
			hex32(bh, hx);
			CHECK_STR(hx, val, "b*H");
			checks++;
		} else if (strcmp(item, "b*(a*H)") == 0) {
			CHECK(psi_mul(sb_, ah, t) == 0, "reblind");
			hex32(t, hx);
			CHECK_STR(hx, val, "b*(a*H)");
			checks++;
		} else if (strcmp(item, "a*(b*H)") == 0) {
			CHECK(psi_mul(sa, bh, t) == 0, "reblind");
			hex32(t, hx);
			CHECK_STR(hx, val, "a*(b*H)");
			checks++;
		}
		arena_reset(a);
	}
	/* an invalid encoding is refused */
	memset(t, 0xff, 32);
	CHECK(psi_mul(sa, t, h) != 0, "invalid point refused");
	CHECK_INT(checks, 15, "psi_vectors.csv values checked");
	printf("# psi_vectors.csv: %d values\n", checks);
	rd_close(r);
	arena_free(a);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)len + 1);
	*n = fread(buf, 1, (size_t)len, f);
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

static int load_schema(struct clk_schema *s, const char *name)
{
	char err[256];
	size_t n;
	char *text = slurp(data_path(name), &n);
	const char *secret = "correct horse battery staple";
	int rc;
	if (!text)
		return -1;
	rc = clk_schema_parse(s, text, n, err, sizeof(err));
	free(text);
	if (rc != 0) {
		printf("# %s: %s\n", name, err);
		return -1;
	}
	clk_schema_keys(s, (const unsigned char *)secret, strlen(secret));
	return 0;
}

static void test_clk_intermediate(void)
{
	struct clk_schema s;
	strbuf tok;
	char hx[129];
	int ok = load_schema(&s, "clk_schema_double.json") == 0;
	CHECK(ok, "clk_schema_double.json loads");
	if (!ok)
		return;
	sb_init(&tok);
	hsh_hex(s.f[0].key[0], 64, hx);
	CHECK_STR(hx, "70038618cc311b64300765d8527bd094db930b6ae9ef6b71ec0d69f8c978e889"
		      "09c7385ad78160faac339bd0a748c139f422abc23b220ce6f4613baec1d2a022",
		  "field0 sha1 key");
	hsh_hex(s.f[0].key[1], 64, hx);
	CHECK_STR(hx, "027befc16328c3546bf20dcf79a73f4ea79a2325e0d2326be78c0bcbe0903e27"
		      "dd005e4f879147bf48a0c33245253942c37398f9855d020d3628ae86882ce27c",
		  "field0 md5 key");
	hsh_hex(s.f[2].key[0], 64, hx);
	CHECK_STR(hx, "af50e391ce3da81c91c927e9e5f3334d186ac92ec24dbc0cd58e6ac2cce08126"
		      "6f6e636a7d85e3de68758925d3470d57a8740e62e2e50a53da4f7b89c963642e",
		  "field2 sha1 key");
	clk_tokens(&s.f[0], "zhang", 5, &tok);
	CHECK_STR(tok.buf, " z\nzh\nha\nan\nng\ng ", "bigrams of zhang");
	{
		struct clk_feature pf = s.f[0];
		pf.n = 1;
		pf.positional = 1;
		clk_tokens(&pf, "138", 3, &tok);
		CHECK_STR(tok.buf, "1 1\n2 3\n3 8", "positional unigrams of 138");
	}
	clk_tokens(&s.f[0], "李", strlen("李"), &tok);
	CHECK_STR(tok.buf, " 李\n李 ", "bigrams of one Han character");
	sb_release(&tok);
	clk_schema_free(&s);
}

static void test_clk_vectors(void)
{
	struct rd_opts ro = { FMT_CSV, 0, 1, 0 };
	reader *r = rd_open(data_path("clk_vectors.csv"), &ro);
	arena *a = arena_new();
	int rows = 0;
	sv rec;
	while (rd_next(r, a, &rec) == RD_RECORD) {
		const char *cs = get(&rec, "case"), *record = get(&rec, "record(given_name|surname|phone)");
		const char *want = get(&rec, "clk_b64");
		const char *schema = strncmp(cs, "doubleHash+prevent", 18) == 0 ? "clk_schema_double_ps.json" :
				     strncmp(cs, "doubleHash", 10) == 0 ? "clk_schema_double.json" :
				     strstr(cs, "xor_folds=1") ? "clk_schema_blake_fold.json" :
				     "clk_schema_blake.json";
		struct clk_schema s;
		const char *vals[3];
		size_t lens[3];
		const char *p = record;
		uint8_t bf[256];
		char b64[400];
		int pop = 0;
		for (int i = 0; i < 3; i++) {
			const char *bar = strchr(p, '|');
			vals[i] = p;
			lens[i] = bar ? (size_t)(bar - p) : strlen(p);
			p += lens[i] + 1;
		}
		rows++;
		if (load_schema(&s, schema) != 0) {
			CHECK(0, "%s loads", schema);
			continue;
		}
		CHECK(clk_encode(&s, vals, lens, bf) == 0, "clk_encode");
		sodium_bin2base64(b64, sizeof(b64), bf, clk_bytes(&s), sodium_base64_VARIANT_ORIGINAL);
		CHECK(strcmp(b64, want) == 0, "%s %s: got %s", cs, record, b64);
		for (size_t i = 0; i < clk_bytes(&s); i++)
			pop += __builtin_popcount(bf[i]);
		CHECK_INT(pop, atoi(get(&rec, "popcount")), cs);
		clk_schema_free(&s);
		arena_reset(a);
	}
	CHECK_INT(rows, 13, "clk_vectors.csv rows");
	printf("# clk_vectors.csv: %d encodings\n", rows);
	rd_close(r);
	arena_free(a);
}

static void test_mask(void)
{
	strbuf m;
	sb_init(&m);
	hsh_mask(MASK_PHONE, "+8613812345678", 14, &m);
	CHECK_STR(m.buf, "138****5678", "mask phone");
	hsh_mask(MASK_PHONE, "13812345678", 11, &m);
	CHECK_STR(m.buf, "138****5678", "mask national phone");
	hsh_mask(MASK_NAME, "张伟", strlen("张伟"), &m);
	CHECK_STR(m.buf, "张*", "mask name");
	hsh_mask(MASK_NAME, "欧阳娜娜", strlen("欧阳娜娜"), &m);
	CHECK_STR(m.buf, "欧***", "mask long name");
	hsh_mask(MASK_NAME, "伟", strlen("伟"), &m);
	CHECK_STR(m.buf, "*", "mask one-character name");
	hsh_mask(MASK_EMAIL, "alice@qq.com", 12, &m);
	CHECK_STR(m.buf, "a***@qq.com", "mask email");
	hsh_mask(MASK_IDCARD, "37020219900101123X", 18, &m);
	CHECK_STR(m.buf, "370***********123X", "mask id card");
	sb_release(&m);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bench(void)
{
	strbuf nb;
	char d[HSH_OUT_MAX], in[32];
	unsigned char sc[32], h[32], o[32];
	const char *key = "bench-key-bench-key-bench-key-32";
	double t;
	int n = 2000000;
	unsigned sink = 0;
	sb_init(&nb);
	t = now();
	for (int i = 0; i < n; i++) {
		int k = snprintf(in, sizeof(in), "+86138%08d", i);
		hsh_digest(HSH_SHA256_HEX, NULL, 0, in, (size_t)k, d);
		sink += (unsigned char)d[0];
	}
	t = now() - t;
	printf("sha256_hex ids/s (digest only, 1 core): %.0f\n", n / t);
	t = now();
	for (int i = 0; i < n; i++) {
		int k = snprintf(in, sizeof(in), "138 %04d %04d", i / 10000, i % 10000);
		hsh_normalize(SPEC_META, K_PHONE, in, (size_t)k, "CN", &nb);
		hsh_digest(HSH_SHA256_HEX, NULL, 0, nb.buf, nb.len, d);
		sink += (unsigned char)d[0];
	}
	t = now() - t;
	printf("meta phone normalise+sha256 ids/s (1 core): %.0f\n", n / t);
	t = now();
	for (int i = 0; i < n; i++) {
		int k = snprintf(in, sizeof(in), "+86138%08d", i);
		hsh_digest(HSH_HMAC_HEX, (const unsigned char *)key, 32, in, (size_t)k, d);
		sink += (unsigned char)d[0];
	}
	t = now() - t;
	printf("hmac_sha256 ids/s (1 core): %.0f\n", n / t);
	psi_scalar((const unsigned char *)key, 32, sc);
	n = 50000;
	t = now();
	for (int i = 0; i < n; i++) {
		int k = snprintf(in, sizeof(in), "+86138%08d", i);
		psi_hash_to_group(in, (size_t)k, h);
		psi_mul(sc, h, o);
		sink += o[0];
	}
	t = now() - t;
	printf("psi blind items/s (1 core): %.0f\n", n / t);
	t = now();
	for (int i = 0; i < n; i++) {
		psi_mul(sc, o, h);
		memcpy(o, h, 32);
	}
	t = now() - t;
	printf("psi reblind items/s (1 core): %.0f\n", n / t);
	printf("# (sink %u)\n", sink);
	sb_release(&nb);
	return 0;
}

int main(int argc, char **argv)
{
	if (hsh_init() != 0) {
		printf("libsodium does not start\n");
		return 1;
	}
	if (argc > 1 && strcmp(argv[1], "--bench") == 0)
		return bench();
	test_vectors();
	test_psi();
	test_clk_intermediate();
	test_clk_vectors();
	test_mask();
	return test_done();
}
