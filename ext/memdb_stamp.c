/*
** memdb_stamp.c: the stamp of memdb_stamp.h.
**
** sqlite3_deserialize() may put a new image in the old one's buffer (same
** address, same size), and a shared memdb ('file:/name?vfs=memdb') may be
** made again by other connections, which nothing else tells apart: so the
** stamp holds a digest of the bytes, read through the VFS. That costs a
** read of the whole database (1.8 ms for 11 MB), which a scalar function
** called on every row (exposure(name) over every company) would pay on
** every row.
**
** So the statement under way keeps the stamp, in its auxiliary data
** (sqlite3_set_auxdata() with a negative key, which SQLite keeps for the
** statement's one run and drops when it halts or is reset), when at the
** start of the call that makes it:
**   - the connection is in autocommit mode,
**   - the statement is the connection's only busy one, and
**   - the database is in a read transaction.
** In autocommit mode a read transaction ends when the last statement that
** reads halts; with no other statement busy, the transaction is this
** statement's, and it lasts until the statement ends. Meanwhile no other
** connection can commit to the database (the memdb VFS refuses the write
** lock while a reader holds it), and sqlite3_deserialize() fails with
** SQLITE_BUSY (as its documentation says; SQLite 3.40 does not check, and
** a statement whose database is replaced under it reads freed memory).
** Own writes open a write transaction, in which connection.c caches
** nothing.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "digest.h"
#include "memdb_stamp.h"

#define DIGEST_CHUNK 16384   /* bytes read at a time */

/* The key of the kept stamps among the statement's auxiliary data: any
** negative number, as long as no other function of the statement uses it. */
#define KEPT_STAMPS_KEY (-0x41494242)

/* The stamps a statement keeps, one a database. */
typedef struct KeptStamp {
  struct KeptStamp *next;
  char *schema;
  char *stamp;
} KeptStamp;

static void kept_free(void *p) {
  KeptStamp *kept = p;
  while (kept) {
    KeptStamp *next = kept->next;
    sqlite3_free(kept->schema);
    sqlite3_free(kept->stamp);
    sqlite3_free(kept);
    kept = next;
  }
}

/* Appends "#" and a digest of schema's memdb file, read through its VFS,
** which reads under the store's own mutex (another connection may resize
** a shared one), and runs no SQL. Returns 0 when the file could not be
** read whole. */
static int append_digest(sqlite3_str *text, sqlite3 *db, const char *schema) {
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0, offset;
  unsigned char chunk[DIGEST_CHUNK];
  Digest digest;
  if (sqlite3_file_control(db, schema, SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL ||
      file->pMethods->xFileSize(file, &size) != SQLITE_OK) {
    return 0;
  }
  digest_start(&digest);
  for (offset = 0; offset < size; offset += DIGEST_CHUNK) {
    int amount = size - offset < DIGEST_CHUNK ? (int)(size - offset) : DIGEST_CHUNK;
    if (file->pMethods->xRead(file, chunk, amount, offset) != SQLITE_OK) return 0;
    digest_add(&digest, chunk, (size_t)amount);
  }
  sqlite3_str_appendf(text, "#%llx", digest_end(&digest));
  return 1;
}

/* Whether db has exactly one busy statement: the one under way. */
static int only_busy_statement(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  int busy = 0;
  while (busy < 2 && (stmt = sqlite3_next_stmt(db, stmt)) != NULL) busy += sqlite3_stmt_busy(stmt);
  return busy == 1;
}

static const char *kept_stamp(sqlite3_context *call, const char *schema) {
  KeptStamp *kept = sqlite3_get_auxdata(call, KEPT_STAMPS_KEY);
  for (; kept; kept = kept->next) {
    if (strcmp(kept->schema, schema) == 0) return kept->stamp;
  }
  return NULL;
}

/* Keeps stamp for schema in call's statement; out of memory, it is not kept. */
static void keep_stamp(sqlite3_context *call, const char *schema, const char *stamp) {
  KeptStamp *first = sqlite3_get_auxdata(call, KEPT_STAMPS_KEY);
  KeptStamp *kept = sqlite3_malloc64(sizeof(KeptStamp));
  if (kept == NULL) return;
  kept->next = NULL;
  kept->schema = sqlite3_mprintf("%s", schema);
  kept->stamp = sqlite3_mprintf("%s", stamp);
  if (kept->schema == NULL || kept->stamp == NULL) {
    kept_free(kept);
  } else if (first) {   /* behind the first, which SQLite holds */
    kept->next = first->next;
    first->next = kept;
  } else {
    sqlite3_set_auxdata(call, KEPT_STAMPS_KEY, kept, kept_free);   /* frees it if it fails */
  }
}

int memdb_stamp_append(sqlite3_str *text, sqlite3 *db, const char *schema, const char *vfs_name,
                       sqlite3_context *call, int state) {
  int start = sqlite3_str_length(text), whole;
  int keep = call != NULL && state == SQLITE_TXN_READ && sqlite3_get_autocommit(db) &&
             only_busy_statement(db);
  const char *kept = keep ? kept_stamp(call, schema) : NULL;
  if (kept) {
    sqlite3_str_appendall(text, kept);
    return 1;
  }
  sqlite3_str_appendall(text, vfs_name);
  whole = append_digest(text, db, schema);
  if (whole && keep && sqlite3_str_errcode(text) == SQLITE_OK) {
    keep_stamp(call, schema, sqlite3_str_value(text) + start);
  }
  return whole;
}
