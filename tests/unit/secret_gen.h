#ifndef BW_TEST_SECRET_GEN_H
#define BW_TEST_SECRET_GEN_H
#include <stdint.h>
/* {X12}: 12 pseudo-random characters of class X (A alnum, L letters, l lower alnum, h hex,
 * U upper alnum, u upper, d digits, 2 base32, b base64, w base64url, g bech32); {crc}: base62
 * CRC32 of the 30 characters before. rng is the caller's seed, advanced. malloc'd. */
char *secret_gen(const char *tpl, uint32_t *rng);
#endif
