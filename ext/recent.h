/*
** recent.h: a small memo of the latest results, bounded in count and bytes.
**
** cascade_shock keeps its last few cascades of a network here, so that a
** Datasette page that runs one view several times (rows, count, facets),
** or a query that reads the same cascade twice, computes it once. The
** memo lives with the network, so new data never meets an old result.
** When full, the entry used longest ago goes first.
*/
#ifndef AIBUBBLE_RECENT_H
#define AIBUBBLE_RECENT_H

#include <stddef.h>

typedef struct Recent Recent;

/* A memo of at most capacity entries and budget bytes (or one entry, when
** that alone is larger); NULL when out of memory. */
Recent *recent_new(int capacity, size_t budget);
void recent_free(void *recent);

/* The data kept under key, or NULL. */
void *recent_get(Recent *recent, const char *key);

/* Keeps data (bytes in size, freed by free_data) under a copy of key and
** returns SQLITE_OK: the memo owns it from then on, and drops the entries
** used longest ago until the rest fits the budget (an entry larger than the
** whole budget is then kept alone). Otherwise SQLITE_NOMEM: the caller
** still owns it. */
int recent_put(Recent *recent, const char *key, void *data, size_t bytes,
               void (*free_data)(void *));

/* The data of the entry used longest ago, taken out of the memo (neither
** it nor its data freed: the caller owns the data), when putting `count`
** more entries of `bytes` in all would drop that entry anyway and
** reusable(data) says that it may be had; else NULL, and the memo is as it
** was. So an entry on its way out lends its memory to the next one. */
void *recent_take_dropped(Recent *recent, int count, size_t bytes, int (*reusable)(void *));

#endif
