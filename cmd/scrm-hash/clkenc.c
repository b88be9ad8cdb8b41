/*
 * Cryptographic long-term keys (CLKs): Bloom-filter encodings of records
 * for fuzzy matching without PII, bit for bit as clkhash (data61) makes
 * them from a v3 schema: keys from HKDF-SHA256 over the shared secret,
 * space-padded n-grams of each feature, doubleHash (HMAC-SHA1 + i *
 * HMAC-MD5, optionally preventing singularity) or blakeHash (keyed
 * BLAKE2b), bitsPerToken or bitsPerFeature, then XOR folding.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include "hash.h"
#include "unicode.h"
#include "banned.h"

void clk_hkdf_sha256(const unsigned char *ikm, size_t ikmlen, const unsigned char *salt,
		     size_t saltlen, const unsigned char *info, size_t infolen,
		     unsigned char *out, size_t outlen)
{
	static const unsigned char zero[32];
	unsigned char prk[32], t[32];
	crypto_auth_hmacsha256_state st;
	size_t done = 0, tlen = 0;
	unsigned char c = 1;
	if (!salt) {
		salt = zero;
		saltlen = sizeof(zero);
	}
	crypto_auth_hmacsha256_init(&st, salt, saltlen);
	crypto_auth_hmacsha256_update(&st, ikm, ikmlen);
	crypto_auth_hmacsha256_final(&st, prk);
	while (done < outlen) {
		size_t k;
		crypto_auth_hmacsha256_init(&st, prk, sizeof(prk));
		crypto_auth_hmacsha256_update(&st, t, tlen);
		if (infolen)
			crypto_auth_hmacsha256_update(&st, info, infolen);
		crypto_auth_hmacsha256_update(&st, &c, 1);
		crypto_auth_hmacsha256_final(&st, t);
		tlen = sizeof(t);
		k = outlen - done < tlen ? outlen - done : tlen;
		memcpy(out + done, t, k);
		done += k;
		c++;
	}
	sodium_memzero(prk, sizeof(prk));
	sodium_memzero(t, sizeof(t));
	sodium_memzero(&st, sizeof(st));
}

static int b64(const char *s, unsigned char **out, size_t *len)
{
	size_t n = strlen(s);
	*out = xmalloc(n + 1);
	if (sodium_base642bin(*out, n + 1, s, n, NULL, len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

#define FAIL(...)                                                    \
	do {                                                         \
		snprintf(err, errlen, __VA_ARGS__);                  \
		json_decref(root);                                   \
		return -1;                                           \
	} while (0)

static long num_member(json_t *o, const char *key, long dflt)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? (long)json_integer_value(v) : dflt;
}

int clk_schema_parse(struct clk_schema *s, const char *text, size_t n, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root = json_loadb(text, n, 0, &je), *cfg, *kdf, *feats, *f;
	size_t i;
	memset(s, 0, sizeof(*s));
	if (!root) {
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
		return -1;
	}
	cfg = json_object_get(root, "clkConfig");
	if (!json_is_object(cfg))
		FAIL("no clkConfig object");
	s->l = (size_t)num_member(cfg, "l", 0);
	s->xor_folds = (int)num_member(cfg, "xor_folds", 0);
	if (s->l < 8 || s->l % 8 || s->l > (1u << 20))
		FAIL("clkConfig.l must be a multiple of 8 from 8 to 1048576");
	if (s->xor_folds < 0 || s->xor_folds > 8)
		FAIL("clkConfig.xor_folds must be 0 to 8");
	kdf = json_object_get(cfg, "kdf");
	s->key_size = 64;
	if (json_is_object(kdf)) {
		const char *t = json_string_value(json_object_get(kdf, "type"));
		const char *h = json_string_value(json_object_get(kdf, "hash"));
		const char *salt = json_string_value(json_object_get(kdf, "salt"));
		const char *info = json_string_value(json_object_get(kdf, "info"));
		if (t && strcmp(t, "HKDF") != 0)
			FAIL("clkConfig.kdf.type: only HKDF is supported");
		if (h && strcmp(h, "SHA256") != 0)
			FAIL("clkConfig.kdf.hash: only SHA256 is supported");
		s->key_size = (size_t)num_member(kdf, "keySize", 64);
		if (s->key_size < 1 || s->key_size > 64)
			FAIL("clkConfig.kdf.keySize must be 1 to 64");
		if (salt) {
			if (b64(salt, &s->salt, &s->saltlen) != 0)
				FAIL("clkConfig.kdf.salt is not Base64");
			s->has_salt = 1;
		}
		if (info) {
			if (b64(info, &s->info, &s->infolen) != 0)
				FAIL("clkConfig.kdf.info is not Base64");
			s->has_info = 1;
		}
	}
	feats = json_object_get(root, "features");
	if (!json_is_array(feats) || json_array_size(feats) == 0)
		FAIL("no features array");
	s->nf = json_array_size(feats);
	s->f = xcalloc(s->nf, sizeof(*s->f));
	json_array_foreach(feats, i, f) {
		struct clk_feature *cf = &s->f[i];
		json_t *h = json_object_get(f, "hashing"), *cmp, *strat, *hash, *fmt;
		const char *id = json_string_value(json_object_get(f, "identifier"));
		const char *enc, *ht;
		if (!id)
			FAIL("feature %zu: no identifier", i + 1);
		cf->name = xstrdup(id);
		cf->keylen = s->key_size;
		if (json_is_true(json_object_get(f, "ignored")))
			cf->ignored = 1;
		if (cf->ignored)
			continue;
		fmt = json_object_get(f, "format");
		enc = json_string_value(json_object_get(fmt, "encoding"));
		if (enc && strcmp(enc, "utf-8") != 0)
			FAIL("feature %s: only the utf-8 encoding is supported", id);
		if (!json_is_object(h))
			FAIL("feature %s: no hashing object", id);
		cmp = json_object_get(h, "comparison");
		if (json_is_object(cmp)) {
			const char *ct = json_string_value(json_object_get(cmp, "type"));
			if (ct && strcmp(ct, "ngram") != 0)
				FAIL("feature %s: only ngram comparisons are supported", id);
			cf->n = (int)num_member(cmp, "n", 2);
			cf->positional = json_is_true(json_object_get(cmp, "positional"));
		} else {	/* v2 schemas */
			cf->n = (int)num_member(h, "ngram", 2);
			cf->positional = json_is_true(json_object_get(h, "positional"));
		}
		if (cf->n < 1 || cf->n > 16)
			FAIL("feature %s: n must be 1 to 16", id);
		strat = json_object_get(h, "strategy");
		cf->bits_per_token = (int)num_member(strat, "bitsPerToken", 0);
		cf->bits_per_feature = (int)num_member(strat, "bitsPerFeature", 0);
		if ((cf->bits_per_token > 0) == (cf->bits_per_feature > 0) ||
		    cf->bits_per_token > 4096 || cf->bits_per_feature > 1 << 20)
			FAIL("feature %s: strategy needs bitsPerToken or bitsPerFeature", id);
		hash = json_object_get(h, "hash");
		ht = json_string_value(json_object_get(hash, "type"));
		if (!ht || strcmp(ht, "blakeHash") == 0) {
			cf->hash = CLK_BLAKE;
		} else if (strcmp(ht, "doubleHash") == 0) {
			cf->hash = CLK_DOUBLE;
			cf->prevent_singularity =
				json_is_true(json_object_get(hash, "prevent_singularity"));
		} else {
			FAIL("feature %s: hash type must be blakeHash or doubleHash", id);
		}
	}
	{
		size_t hl = s->l << s->xor_folds;
		for (i = 0; i < s->nf; i++)
			if (!s->f[i].ignored && s->f[i].hash == CLK_BLAKE &&
			    ((hl & (hl - 1)) != 0 || hl > 65536))
				FAIL("blakeHash needs l * 2^xor_folds to be a power of 2 up to 65536");
	}
	json_decref(root);
	return 0;
}

void clk_schema_keys(struct clk_schema *s, const unsigned char *secret, size_t len)
{
	size_t total = s->nf * 2 * s->key_size;
	unsigned char *okm = xmalloc(total);
	clk_hkdf_sha256(secret, len, s->has_salt ? s->salt : NULL, s->saltlen,
			s->info, s->has_info ? s->infolen : 0, okm, total);
	for (size_t i = 0; i < s->nf; i++) {
		memcpy(s->f[i].key[0], okm + (2 * i) * s->key_size, s->key_size);
		memcpy(s->f[i].key[1], okm + (2 * i + 1) * s->key_size, s->key_size);
	}
	sodium_memzero(okm, total);
	free(okm);
}

void clk_schema_free(struct clk_schema *s)
{
	for (size_t i = 0; i < s->nf; i++) {
		free(s->f[i].name);
		sodium_memzero(s->f[i].key, sizeof(s->f[i].key));
	}
	free(s->f);
	free(s->salt);
	free(s->info);
	memset(s, 0, sizeof(*s));
}

size_t clk_bytes(const struct clk_schema *s)
{
	return s->l / 8;
}

/* Byte offsets of the code points of s (n+1 entries, the last = len). */
static size_t code_points(const char *s, size_t len, size_t **offs, size_t *cap)
{
	size_t k = 0, i = 0;
	while (1) {
		int32_t cp;
		size_t c;
		if (k + 1 >= *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*offs = xrealloc(*offs, *cap * sizeof(size_t));
		}
		(*offs)[k] = i;
		if (i >= len)
			break;
		c = utf8_decode(s + i, len - i, &cp);
		i += c ? c : 1;
		k++;
	}
	return k;
}

/*
 * Calls fn for each token: clkhash pads the value with one space on each
 * side when n > 1, and a positional token is "i gram" (i from 1).
 */
struct tokens {
	strbuf word, tok;
	size_t *offs, cap;
};

static size_t tokenize(const struct clk_feature *f, const char *s, size_t n, struct tokens *t,
		       strbuf *list)
{
	size_t ncp, count = 0;
	sb_reset(&t->word);
	if (f->n > 1)
		sb_addc(&t->word, ' ');
	sb_add(&t->word, s, n);
	if (f->n > 1)
		sb_addc(&t->word, ' ');
	ncp = code_points(t->word.buf, t->word.len, &t->offs, &t->cap);
	sb_reset(list);
	for (size_t i = 0; i + (size_t)f->n <= ncp; i++) {
		size_t a = t->offs[i], b = t->offs[i + (size_t)f->n];
		if (f->positional)
			sb_addf(list, "%zu ", i + 1);
		sb_add(list, t->word.buf + a, b - a);
		sb_addc(list, '\0');
		count++;
	}
	return count;
}

void clk_tokens(const struct clk_feature *f, const char *s, size_t n, strbuf *out)
{
	struct tokens t = { 0 };
	strbuf list;
	size_t cnt;
	const char *p;
	sb_init(&t.word);
	sb_init(&t.tok);
	sb_init(&list);
	cnt = tokenize(f, s, n, &t, &list);
	sb_reset(out);
	p = list.buf;
	for (size_t i = 0; i < cnt; i++) {
		size_t k = strlen(p);
		if (i)
			sb_addc(out, '\n');
		sb_add(out, p, k);
		p += k + 1;
	}
	sb_release(&t.word);
	sb_release(&t.tok);
	sb_release(&list);
	free(t.offs);
}

static size_t mod_be(const unsigned char *d, size_t n, size_t l)
{
	uint64_t r = 0;
	for (size_t i = 0; i < n; i++)
		r = (r * 256 + d[i]) % l;
	return (size_t)r;
}

static void hmac(const EVP_MD *md, const unsigned char *key, size_t keylen,
		 const unsigned char *msg, size_t n, unsigned char *out, unsigned int *outlen)
{
	if (!HMAC(md, key, (int)keylen, msg, n, out, outlen))
		*outlen = 0;
}

static void setbit(uint8_t *bf, size_t i)
{
	bf[i >> 3] |= (uint8_t)(0x80 >> (i & 7));
}

static int encode_feature(const struct clk_feature *f, const char *s, size_t n, size_t l,
			  uint8_t *bf, struct tokens *t, strbuf *list)
{
	size_t cnt = tokenize(f, s, n, t, list), kbase = 0, krem = 0;
	const unsigned char *p = (const unsigned char *)list->buf;
	if (cnt == 0)
		return 0;
	if (f->bits_per_feature > 0) {
		kbase = (size_t)f->bits_per_feature / cnt;
		krem = (size_t)f->bits_per_feature % cnt;
	}
	for (size_t ti = 0; ti < cnt; ti++) {
		size_t tl = strlen((const char *)p);
		size_t k = f->bits_per_token > 0 ? (size_t)f->bits_per_token
						 : kbase + (ti < krem ? 1 : 0);
		if (f->hash == CLK_DOUBLE) {
			unsigned char h1[EVP_MAX_MD_SIZE], h2[EVP_MAX_MD_SIZE];
			unsigned int l1 = 0, l2 = 0;
			size_t a, b;
			hmac(EVP_sha1(), f->key[0], f->keylen, p, tl, h1, &l1);
			hmac(EVP_md5(), f->key[1], f->keylen, p, tl, h2, &l2);
			a = mod_be(h1, l1, l);
			b = mod_be(h2, l2, l);
			if (f->prevent_singularity) {
				unsigned char *m = xmalloc(tl + 8);
				for (unsigned i = 0; b == 0 && i < 256; i++) {
					/* chr(i).encode(): UTF-8 of code point i */
					size_t ml = tl;
					memcpy(m, p, tl);
					if (i < 0x80) {
						m[ml++] = (unsigned char)i;
					} else {
						m[ml++] = (unsigned char)(0xc0 | (i >> 6));
						m[ml++] = (unsigned char)(0x80 | (i & 0x3f));
					}
					hmac(EVP_md5(), f->key[1], f->keylen, m, ml, h2, &l2);
					b = mod_be(h2, l2, l);
				}
				free(m);
			}
			for (size_t i = 0; i < k; i++)
				setbit(bf, (size_t)((a + (uint64_t)i * b) % l));
		} else {
			size_t nmac = (k + 31) / 32;
			for (size_t mi = 0; mi < nmac; mi++) {
				unsigned char d[64], salt[16] = { 0 };
				int sl = snprintf((char *)salt, sizeof(salt), "%zu", mi);
				UNUSED(sl);
				crypto_generichash_blake2b_salt_personal(d, 64, p, tl, f->key[0],
									 f->keylen, salt, NULL);
				for (size_t i = 0; i < 32 && mi * 32 + i < k; i++) {
					unsigned v = (unsigned)d[2 * i] | (unsigned)d[2 * i + 1] << 8;
					setbit(bf, v % l);
				}
			}
		}
		p += tl + 1;
	}
	return 0;
}

int clk_encode(const struct clk_schema *s, const char *const *values, const size_t *lens,
	       uint8_t *out)
{
	size_t hl = s->l << s->xor_folds, hb = hl / 8;
	uint8_t *bf = xcalloc(hb, 1);
	struct tokens t = { 0 };
	strbuf list;
	int rc = 0;
	sb_init(&t.word);
	sb_init(&t.tok);
	sb_init(&list);
	for (size_t i = 0; i < s->nf && rc == 0; i++)
		if (!s->f[i].ignored && values[i])
			rc = encode_feature(&s->f[i], values[i], lens[i], hl, bf, &t, &list);
	for (int fold = 0; fold < s->xor_folds; fold++) {
		hb /= 2;
		for (size_t i = 0; i < hb; i++)
			bf[i] ^= bf[hb + i];
	}
	memcpy(out, bf, s->l / 8);
	free(bf);
	sb_release(&t.word);
	sb_release(&t.tok);
	sb_release(&list);
	free(t.offs);
	return rc;
}
