/*
 * Digests for partner files: SHA-256 and HMAC-SHA256 from libsodium, MD5
 * (needed only by Tencent) from OpenSSL's libcrypto through EVP.
 */
#include <string.h>

#include <openssl/evp.h>
#include <sodium.h>

#include "hash.h"
#include "banned.h"

int hsh_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void hsh_hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hsh_unhex(const char *s, size_t len, unsigned char *out, size_t n)
{
	if (len != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

static void md5(const char *msg, size_t n, unsigned char md[16])
{
	unsigned int len = 16;
	if (EVP_Digest(msg, n, md, &len, EVP_md5(), NULL) != 1 || len != 16)
		memset(md, 0, 16);	/* not reached: MD5 is always in the default provider */
}

size_t hsh_digest(enum hsh_algo algo, const unsigned char *key, size_t keylen,
		  const char *msg, size_t n, char *out)
{
	unsigned char d[crypto_hash_sha256_BYTES];
	char mhex[33];
	switch (algo) {
	case HSH_SHA256_HEX:
		crypto_hash_sha256(d, (const unsigned char *)msg, n);
		hsh_hex(d, 32, out);
		return 64;
	case HSH_SHA256_B64:
		crypto_hash_sha256(d, (const unsigned char *)msg, n);
		sodium_bin2base64(out, HSH_OUT_MAX, d, 32, sodium_base64_VARIANT_ORIGINAL);
		return strlen(out);
	case HSH_MD5_HEX:
		md5(msg, n, d);
		hsh_hex(d, 16, out);
		return 32;
	case HSH_SHA256_MD5_HEX:
		md5(msg, n, d);
		hsh_hex(d, 16, mhex);
		crypto_hash_sha256(d, (const unsigned char *)mhex, 32);
		hsh_hex(d, 32, out);
		return 64;
	case HSH_HMAC_HEX: {
		crypto_auth_hmacsha256_state st;
		crypto_auth_hmacsha256_init(&st, key, keylen);
		crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, n);
		crypto_auth_hmacsha256_final(&st, d);
		sodium_memzero(&st, sizeof(st));
		hsh_hex(d, 32, out);
		return 64;
	}
	}
	out[0] = '\0';
	return 0;
}
