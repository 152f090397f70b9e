/*
** digest.c: the digest of digest.h, built on xxHash64's round: each word
** is multiplied into its lane, so every bit of it moves every bit above
** it, and a rotation brings the top bits down.
*/
#include <string.h>
#include "digest.h"

#define DIGEST_PRIME1 0x9E3779B185EBCA87ULL
#define DIGEST_PRIME2 0xC2B2AE3D27D4EB4FULL

static unsigned long long rotate_left(unsigned long long x, int bits) {
  return (x << bits) | (x >> (64 - bits));
}

static unsigned long long digest_round(unsigned long long acc, unsigned long long word) {
  return rotate_left(acc + word * DIGEST_PRIME2, 31) * DIGEST_PRIME1;
}

void digest_start(Digest *d) {
  int k;
  for (k = 0; k < 4; k++) d->acc[k] = (unsigned long long)k + 1;
  d->size = 0;
}

void digest_add(Digest *d, const unsigned char *data, size_t n) {
  unsigned long long word;
  size_t i = 0;
  int k;
  for (; i + 32 <= n; i += 32) {
    for (k = 0; k < 4; k++) {
      memcpy(&word, data + i + 8 * k, 8);
      d->acc[k] = digest_round(d->acc[k], word);
    }
  }
  for (; i < n; i++) d->acc[0] = digest_round(d->acc[0], data[i]);
  d->size += n;
}

unsigned long long digest_end(const Digest *d) {
  unsigned long long h = d->size;
  int k;
  for (k = 0; k < 4; k++) h = digest_round(h, d->acc[k]);
  h ^= h >> 29;
  h *= DIGEST_PRIME1;
  return h ^ (h >> 32);
}
