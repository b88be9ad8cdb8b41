#ifndef SCRM_HASH_H
#define SCRM_HASH_H
/*
 * scrm-hash's building blocks: partner normalisation rules and digests
 * (norm.c, digest.c), masking (mask.c), ECDH-PSI over ristretto255
 * (psiblind.c) and clkhash-compatible Bloom-filter encodings (clkenc.c).
 * Primitives come from libsodium, MD5 and HMAC-SHA1/MD5 from libcrypto.
 * Every function here is pure (thread-safe) once its inputs are set up.
 */
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* ---- digest.c ---- */
enum hsh_algo {
	HSH_SHA256_HEX,		/* lowercase hex of SHA-256 */
	HSH_SHA256_B64,		/* standard Base64 of the 32 raw digest bytes */
	HSH_MD5_HEX,		/* lowercase hex of MD5 (Tencent) */
	HSH_HMAC_HEX,		/* lowercase hex of HMAC-SHA256(key, msg) */
	HSH_SHA256_MD5_HEX,	/* hex SHA-256 of the MD5 hex text (Tencent MD5_SHA256_*) */
};
#define HSH_OUT_MAX 72	/* room for any digest text and its NUL */

/* 0 once libsodium is ready; -1 if it cannot start. */
int hsh_init(void);
/* Writes the digest text of msg to out (HSH_OUT_MAX bytes); returns its length. */
size_t hsh_digest(enum hsh_algo algo, const unsigned char *key, size_t keylen,
		  const char *msg, size_t n, char *out);
/* Lowercase hex of n bytes into out (2n+1 bytes). */
void hsh_hex(const unsigned char *p, size_t n, char *out);
/* Hex text to bytes: 0 when s is exactly 2n hex digits. */
int hsh_unhex(const char *s, size_t len, unsigned char *out, size_t n);

/* ---- norm.c: one identifier by a platform's rules ---- */
enum hsh_spec {
	SPEC_SHA256,		/* ours: trimmed lower-case e-mail, E.164 phone */
	SPEC_GOOGLE,		/* Google Data Manager / Customer Match */
	SPEC_META,		/* Meta Custom Audiences / Conversions API */
	SPEC_TENCENT,		/* Tencent Ads (广点通) */
	SPEC_OCEANENGINE,	/* Ocean Engine (巨量引擎) */
	SPEC_UID2,		/* Unified ID 2.0 */
};

enum hsh_kind {
	K_EMAIL, K_PHONE, K_GIVEN, K_FAMILY, K_CITY, K_STATE, K_ZIP, K_COUNTRY,
	K_GENDER, K_DOB, K_IDCARD, K_IDFA, K_IMEI, K_MAC, K_OAID, K_HANDLE,
	K_PHONE11,		/* an 11-digit mainland mobile without +86 */
};

/*
 * Normalises s (n bytes, UTF-8) as a value of kind for spec into out
 * (reset first). Returns 1 for a usable value, 0 when the value must not
 * be sent (empty, invalid for the platform). region: ISO alpha-2 country
 * of phone numbers written without a country code.
 */
int hsh_normalize(enum hsh_spec spec, enum hsh_kind kind, const char *s, size_t n,
		  const char *region, strbuf *out);

/* ---- mask.c: display values for staff-facing lists ---- */
enum hsh_mask { MASK_NAME, MASK_PHONE, MASK_EMAIL, MASK_IDCARD, MASK_OTHER };
/* Appends the masked form of s to out (reset first). */
void hsh_mask(enum hsh_mask what, const char *s, size_t n, strbuf *out);

/* ---- psiblind.c: ECDH-PSI over ristretto255 ---- */
#define PSI_BYTES 32
/* The party's secret scalar: reduce(SHA-512(key)). */
void psi_scalar(const unsigned char *key, size_t keylen, unsigned char scalar[PSI_BYTES]);
/* H(id) = from_hash(SHA-512("scrm-psi-v1|" || id)). */
void psi_hash_to_group(const char *id, size_t n, unsigned char point[PSI_BYTES]);
/* out = scalar * point; -1 if point is not a valid encoding (or gives the identity). */
int psi_mul(const unsigned char scalar[PSI_BYTES], const unsigned char point[PSI_BYTES],
	    unsigned char out[PSI_BYTES]);

/* ---- clkenc.c: CLK Bloom filters as clkhash defines them ---- */
enum { CLK_DOUBLE = 0, CLK_BLAKE = 1 };
struct clk_feature {
	char *name;		/* the identifier: the record's field */
	int ignored;
	int n;			/* n-gram size */
	int positional;
	int bits_per_token;	/* one of these two is > 0 */
	int bits_per_feature;
	int hash;		/* CLK_DOUBLE or CLK_BLAKE */
	int prevent_singularity;
	unsigned char key[2][64];	/* doubleHash: HMAC-SHA1 key, HMAC-MD5 key; blake: [0] */
	size_t keylen;
};
struct clk_schema {
	size_t l;		/* bits written */
	int xor_folds;
	size_t key_size;	/* bytes per key (default 64) */
	unsigned char *salt, *info;
	size_t saltlen, infolen;
	int has_salt, has_info;
	struct clk_feature *f;
	size_t nf;
};
/* Parses a clkhash v3 schema (JSON text); 0, or -1 with a message in err. */
int clk_schema_parse(struct clk_schema *s, const char *text, size_t n, char *err, size_t errlen);
/* Derives every feature's keys from secret (HKDF-SHA256 over the schema's salt and info). */
void clk_schema_keys(struct clk_schema *s, const unsigned char *secret, size_t len);
void clk_schema_free(struct clk_schema *s);
/* HKDF-SHA256 (RFC 5869); salt may be NULL (a zero salt). */
void clk_hkdf_sha256(const unsigned char *ikm, size_t ikmlen, const unsigned char *salt,
		     size_t saltlen, const unsigned char *info, size_t infolen,
		     unsigned char *out, size_t outlen);
/* Bytes of the encoding (l/8). */
size_t clk_bytes(const struct clk_schema *s);
/*
 * Encodes one record: values[i] (lens[i] bytes, NULL when missing) for
 * feature i. out gets clk_bytes() bytes, bit 0 = the MSB of byte 0.
 * Returns 0, or -1 when a feature needs more bits than blakeHash gives.
 */
int clk_encode(const struct clk_schema *s, const char *const *values, const size_t *lens,
	       uint8_t *out);
/* The tokens of a value, as clkhash's n-gram tokenizer makes them, "\n"-separated (tests). */
void clk_tokens(const struct clk_feature *f, const char *s, size_t n, strbuf *out);

#endif
