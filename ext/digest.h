/*
** digest.h: a 64-bit digest of bytes, for telling one database image from
** another (connection.c's stamp of a memdb). Not cryptographic: any change
** within one 8-byte word always changes it, other changes almost always.
*/
#ifndef AIBUBBLE_DIGEST_H
#define AIBUBBLE_DIGEST_H

#include <stddef.h>

typedef struct Digest {
  unsigned long long acc[4];   /* four lanes, for speed */
  unsigned long long size;     /* bytes added */
} Digest;

void digest_start(Digest *d);
/* Adds n bytes. The same bytes added in the same pieces give the same
** digest. */
void digest_add(Digest *d, const unsigned char *data, size_t n);
unsigned long long digest_end(const Digest *d);

#endif
