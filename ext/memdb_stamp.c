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
** start of its first call:
**   - the connection is in autocommit mode,
**   - the statement is the connection's only busy one, and
**   - the database is in a read transaction;
** and uses it in a later call where all three still hold, for the same
** buffer. In autocommit mode a read transaction ends when the last
** statement that reads halts; with no other statement busy, the first
** call's transaction is the statement's own (it reads the database), and
** lasts until it ends. Meanwhile no other connection can commit to the
** database (the memdb VFS refuses the write lock while a reader holds it),
** and sqlite3_deserialize() fails with SQLITE_BUSY, as its documentation
** says. SQLite 3.40 does not check that, but replaces the database under
** the statement's cursors (a statement that then reads on is reading
** freed memory). A database that the first call finds outside a read
** transaction (one the statement does not read: the extension's own reads
** would leave it in one, for the statement's run, that such a replacement
** does not disturb) keeps no stamp; nor does a replacement in a new buffer
** pass (its VFS's name holds the buffer's address). Own writes open a
** write transaction, in which connection.c caches nothing.
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

/* What the statement of call noted for schema: NULL when nothing yet. */
static const KeptStamp *kept_entry(sqlite3_context *call, const char *schema) {
  const KeptStamp *kept = sqlite3_get_auxdata(call, KEPT_STAMPS_KEY);
  for (; kept; kept = kept->next) {
    if (strcmp(kept->schema, schema) == 0) return kept;
  }
  return NULL;
}

/* Notes stamp for schema in call's statement (NULL: its stamps are not to
** be kept); out of memory, notes nothing. */
static void keep_stamp(sqlite3_context *call, const char *schema, const char *stamp) {
  KeptStamp *first = sqlite3_get_auxdata(call, KEPT_STAMPS_KEY);
  KeptStamp *kept = sqlite3_malloc64(sizeof(KeptStamp));
  if (kept == NULL) return;
  kept->next = NULL;
  kept->schema = sqlite3_mprintf("%s", schema);
  kept->stamp = stamp ? sqlite3_mprintf("%s", stamp) : NULL;
  if (kept->schema == NULL || (stamp && kept->stamp == NULL)) {
    kept_free(kept);
  } else if (first) {   /* behind the first, which SQLite holds */
    kept->next = first->next;
    first->next = kept;
  } else {
    sqlite3_set_auxdata(call, KEPT_STAMPS_KEY, kept, kept_free);   /* frees it if it fails */
  }
}

/* Whether a kept stamp holds for the buffer it was made of (its VFS's name
** leads it): a new image comes in a new buffer. */
static int same_buffer(const char *stamp, const char *vfs_name) {
  size_t length = strlen(vfs_name);
  return strncmp(stamp, vfs_name, length) == 0 && stamp[length] == '#';
}

int memdb_stamp_append(sqlite3_str *text, sqlite3 *db, const char *schema, const char *vfs_name,
                       sqlite3_context *call, int state) {
  const KeptStamp *kept = call ? kept_entry(call, schema) : NULL;
  int start = sqlite3_str_length(text), whole;
  int steady = call != NULL && state == SQLITE_TXN_READ && sqlite3_get_autocommit(db) &&
               only_busy_statement(db);
  if (kept && kept->stamp && steady && same_buffer(kept->stamp, vfs_name)) {
    sqlite3_str_appendall(text, kept->stamp);
    return 1;
  }
  sqlite3_str_appendall(text, vfs_name);
  whole = append_digest(text, db, schema);
  /* The statement's first call decides: only a database it already holds
  ** in a read transaction has its stamp kept. */
  if (call && !kept && whole && sqlite3_str_errcode(text) == SQLITE_OK) {
    keep_stamp(call, schema, steady ? sqlite3_str_value(text) + start : NULL);
  }
  return whole;
}
