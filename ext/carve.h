/*
** carve.h: many arrays in one allocation.
**
** A lay-out function hands out every array of a structure with carve(),
** twice: once on an empty Carving, which only adds up the sizes, then on
** the block carving_alloc() made, which hands out the pointers. Each array
** starts on an 8-byte boundary, so any element type fits. One allocation
** means one failure path and one free. Include it after sqlite3ext.h.
**
**   static void lay_out(void *owner, Carving *c, size_t n) {
**     Thing *t = owner;
**     t->values = carve(c, n, sizeof(double));
**     t->flags = carve(c, n, 1);
**   }
**   if (carve_all(t, lay_out, n, &t->block) != SQLITE_OK) ...;
** or, step by step:
**   Carving c = CARVING_INIT;
**   lay_out(t, &c, n);
**   if (carving_alloc(&c) != SQLITE_OK) ...;   (c.block is the block to free)
**   lay_out(t, &c, n);
*/
#ifndef AIBUBBLE_CARVE_H
#define AIBUBBLE_CARVE_H

#include <stddef.h>
#include <string.h>

typedef struct Carving {
  char *block;     /* NULL while measuring */
  size_t size;     /* bytes measured, or handed out so far */
} Carving;

#define CARVING_INIT { NULL, 0 }

/* count elements of size bytes: their place in the block, or NULL while measuring. */
static inline void *carve(Carving *c, size_t count, size_t size) {
  void *at = c->block ? c->block + c->size : NULL;
  c->size += (count * size + 7) & ~(size_t)7;
  return at;
}

/* Allocates the measured block, zeroed, and rewinds for handing out. */
static inline int carving_alloc(Carving *c) {
  size_t size = c->size ? c->size : 8;
  c->block = sqlite3_malloc64(size);
  if (c->block == NULL) return SQLITE_NOMEM;
  memset(c->block, 0, size);
  c->size = 0;
  return SQLITE_OK;
}

typedef void (*LayOut)(void *owner, Carving *carving, size_t count);

/* Measures, allocates and hands out owner's arrays for count elements;
** *block is the block to free (NULL on SQLITE_NOMEM). */
static inline int carve_all(void *owner, LayOut lay_out, size_t count, void **block) {
  Carving carving = CARVING_INIT;
  lay_out(owner, &carving, count);
  *block = NULL;
  if (carving_alloc(&carving) != SQLITE_OK) return SQLITE_NOMEM;
  *block = carving.block;
  lay_out(owner, &carving, count);
  return SQLITE_OK;
}

#endif
