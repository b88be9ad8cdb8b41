/*
 * ECDH private set intersection over ristretto255 (libsodium): each party
 * maps its identifiers into the group and multiplies them by its secret
 * scalar; each then multiplies the other's points by its own scalar, and
 * equal identifiers meet as equal points a*b*H(id), which neither party
 * (nor a third one) can invert.
 */
#include <string.h>

#include <sodium.h>

#include "hash.h"
#include "banned.h"

#define PSI_DST "scrm-psi-v1|"

void psi_scalar(const unsigned char *key, size_t keylen, unsigned char scalar[PSI_BYTES])
{
	unsigned char h[crypto_hash_sha512_BYTES];
	crypto_hash_sha512(h, key, keylen);
	crypto_core_ristretto255_scalar_reduce(scalar, h);
	sodium_memzero(h, sizeof(h));
}

void psi_hash_to_group(const char *id, size_t n, unsigned char point[PSI_BYTES])
{
	unsigned char h[crypto_hash_sha512_BYTES];
	crypto_hash_sha512_state st;
	crypto_hash_sha512_init(&st);
	crypto_hash_sha512_update(&st, (const unsigned char *)PSI_DST, sizeof(PSI_DST) - 1);
	crypto_hash_sha512_update(&st, (const unsigned char *)id, n);
	crypto_hash_sha512_final(&st, h);
	crypto_core_ristretto255_from_hash(point, h);
}

int psi_mul(const unsigned char scalar[PSI_BYTES], const unsigned char point[PSI_BYTES],
	    unsigned char out[PSI_BYTES])
{
	return crypto_scalarmult_ristretto255(out, scalar, point) == 0 ? 0 : -1;
}
