/*
** recent.c: the bounded memo of recent.h, a few entries in an array.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "recent.h"

typedef struct Entry {
  char *key;                 /* NULL: free */
  void *data;
  size_t bytes;
  void (*free_data)(void *);
  sqlite3_uint64 used;       /* when last put or got */
} Entry;

struct Recent {
  int capacity;
  size_t budget, bytes;
  sqlite3_uint64 clock;
  Entry entry[1];            /* [capacity] */
};

Recent *recent_new(int capacity, size_t budget) {
  size_t size = sizeof(Recent) + (size_t)(capacity - 1) * sizeof(Entry);
  Recent *recent = sqlite3_malloc64(size);
  if (recent == NULL) return NULL;
  memset(recent, 0, size);
  recent->capacity = capacity;
  recent->budget = budget;
  return recent;
}

/* Frees entry e, but not its data. */
static void clear(Recent *recent, Entry *e) {
  sqlite3_free(e->key);
  recent->bytes -= e->bytes;
  memset(e, 0, sizeof(*e));
}

static void drop(Recent *recent, Entry *e) {
  e->free_data(e->data);
  clear(recent, e);
}

void recent_free(void *p) {
  Recent *recent = p;
  int i;
  if (recent == NULL) return;
  for (i = 0; i < recent->capacity; i++) {
    if (recent->entry[i].key) drop(recent, &recent->entry[i]);
  }
  sqlite3_free(recent);
}

void *recent_get(Recent *recent, const char *key) {
  int i;
  for (i = 0; i < recent->capacity; i++) {
    Entry *e = &recent->entry[i];
    if (e->key && strcmp(e->key, key) == 0) {
      e->used = ++recent->clock;
      return e->data;
    }
  }
  return NULL;
}

/* The entry in use that was used longest ago; NULL when none is. */
static Entry *least_recent(Recent *recent) {
  Entry *pick = NULL;
  int i;
  for (i = 0; i < recent->capacity; i++) {
    Entry *e = &recent->entry[i];
    if (e->key && (pick == NULL || e->used < pick->used)) pick = e;
  }
  return pick;
}

/* A free entry, made by dropping the least recent one when none is. */
static Entry *free_entry(Recent *recent) {
  Entry *e;
  int i;
  for (i = 0; i < recent->capacity; i++) {
    if (recent->entry[i].key == NULL) return &recent->entry[i];
  }
  e = least_recent(recent);
  drop(recent, e);
  return e;
}

int recent_put(Recent *recent, const char *key, void *data, size_t bytes,
               void (*free_data)(void *)) {
  char *copy;
  Entry *e;
  if ((copy = sqlite3_mprintf("%s", key)) == NULL) return SQLITE_NOMEM;
  while ((e = least_recent(recent)) != NULL && recent->bytes + bytes > recent->budget) {
    drop(recent, e);
  }
  e = free_entry(recent);
  e->key = copy;
  e->data = data;
  e->bytes = bytes;
  e->free_data = free_data;
  e->used = ++recent->clock;
  recent->bytes += bytes;
  return SQLITE_OK;
}

static int entries_used(const Recent *recent) {
  int i, used = 0;
  for (i = 0; i < recent->capacity; i++) used += recent->entry[i].key != NULL;
  return used;
}

void *recent_take_dropped(Recent *recent, int count, size_t bytes, int (*reusable)(void *)) {
  Entry *e = least_recent(recent);
  void *data;
  if (e == NULL || !reusable(e->data)) return NULL;
  if (entries_used(recent) + count <= recent->capacity && recent->bytes + bytes <= recent->budget) {
    return NULL;
  }
  data = e->data;
  clear(recent, e);
  return data;
}
