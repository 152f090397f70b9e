/*
** memstat.c: SQLite's own memory counters as SQL functions, for make bench.
**
**   SELECT bench_memory_used();          bytes held now through sqlite3_malloc
**   SELECT bench_memory_highwater(1);    the most held since the last reset;
**                                        a true argument resets it
**
** aibubble allocates everything through sqlite3_malloc64, so the change of
** bench_memory_used() across a cold cascade_shock call, on a connection
** whose page cache is already full, is the size of the network it compiled
** and keeps in its cache. The counters are per process, so bench.tcl reads
** them in a process of its own. Not part of the extension.
*/
#include <stddef.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

static void memory_used(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_int64(ctx, sqlite3_memory_used());
}

static void memory_highwater(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  sqlite3_result_int64(ctx, sqlite3_memory_highwater(sqlite3_value_int(argv[0])));
}

int sqlite3_memstat_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  int rc;
  (void)pzErrMsg;
  SQLITE_EXTENSION_INIT2(pApi);
  rc = sqlite3_create_function(db, "bench_memory_used", 0, SQLITE_UTF8, NULL,
                               memory_used, NULL, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function(db, "bench_memory_highwater", 1, SQLITE_UTF8, NULL,
                                 memory_highwater, NULL, NULL);
  }
  return rc;
}
