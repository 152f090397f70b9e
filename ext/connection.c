/*
** connection.c: per-connection cache of compiled networks.
**
** A cached network is reused while the data stamp is unchanged. The stamp
** holds, for every attached database, its name, file and the pager's data
** version (which changes on every commit, this connection's or another's;
** a database not already in a read transaction is read once first, so the
** version is current), what the file system says of its file and WAL, plus
** the connection's total change count. Inside a write transaction nothing
** is cached or reused: uncommitted changes may still be rolled back.
*/
#define _POSIX_C_SOURCE 200809L   /* struct stat's st_mtim and st_ctim */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include "args.h"
#include "connection.h"
#include "memdb_stamp.h"
#include "loader.h"

char *error_message(const char *fn, const char *format, ...) {
  va_list ap;
  char *detail, *message;
  va_start(ap, format);
  detail = sqlite3_vmprintf(format, ap);
  va_end(ap);
  if (detail == NULL) return NULL;
  message = sqlite3_mprintf("%s: %s", fn, detail);
  sqlite3_free(detail);
  return message;
}

void message_fit(sqlite3 *db, char *message) {
  size_t limit = (size_t)sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1);
  if (message == NULL || strlen(message) <= limit) return;
  while (limit > 0 && (message[limit] & 0xC0) == 0x80) limit--;   /* a continuation byte */
  message[limit] = 0;
}

Connection *connection_new(sqlite3 *db) {
  Connection *conn = sqlite3_malloc64(sizeof(Connection));
  if (conn == NULL) return NULL;
  memset(conn, 0, sizeof(*conn));
  conn->db = db;
  conn->refcount = 1;
  return conn;
}

Connection *connection_retain(Connection *conn) {
  conn->refcount++;
  return conn;
}

static void clear_slot(CacheSlot *slot) {
  sqlite3_free(slot->key);
  network_release(slot->net);
  memset(slot, 0, sizeof(*slot));
}

static void flush(Connection *conn) {
  int i;
  for (i = 0; i < CACHE_SLOTS; i++) clear_slot(&conn->slot[i]);
}

void connection_release(void *p) {
  Connection *conn = p;
  if (conn == NULL || --conn->refcount > 0) return;
  flush(conn);
  sqlite3_free(conn->stamp);
  options_memo_free(conn->options_memo);
  sqlite3_free(conn);
}

/* Starts and ends a read transaction on schema, so that its pager notices
** the commits of other connections: a statement that reads no column, which
** an authorizer that refuses PRAGMAs lets through. */
static int refresh(sqlite3 *db, const char *schema) {
  sqlite3_stmt *stmt;
  char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\".sqlite_master LIMIT 0", schema);
  int rc;
  if (sql == NULL) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
  sqlite3_free(sql);
  if (rc != SQLITE_OK) return rc;
  sqlite3_step(stmt);
  return sqlite3_finalize(stmt);
}

/* The temp database and in-memory ones change only through this connection,
** so their data version is always current. */
static int private_to_connection(sqlite3 *db, const char *schema) {
  const char *file = sqlite3_db_filename(db, schema);
  return strcmp(schema, "temp") == 0 || file == NULL || file[0] == 0;
}

/* Device, inode, size, modification and change times of a file, or "-"
** when there is none. A database detached and attached again (changed in
** between by another connection) has a new pager, whose data version and
** file handle may repeat the old ones; its file's times do not. */
static void append_file_identity(sqlite3_str *text, const char *path) {
  struct stat st;
  if (path == NULL || stat(path, &st) != 0) {
    sqlite3_str_appendall(text, "-\x1f");
    return;
  }
  sqlite3_str_appendf(text, "%llu.%llu.%lld.%lld.%ld.%lld.%ld\x1f", (unsigned long long)st.st_dev,
                      (unsigned long long)st.st_ino, (long long)st.st_size,
                      (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                      (long long)st.st_ctim.tv_sec, (long)st.st_ctim.tv_nsec);
}

/* Whether schema's pager has a WAL open: then another connection's commit
** changes the WAL file, not the database file. */
static int in_wal_mode(sqlite3 *db, const char *schema) {
  sqlite3_file *journal = NULL;
  return sqlite3_file_control(db, schema, SQLITE_FCNTL_JOURNAL_POINTER, &journal) == SQLITE_OK &&
         journal != NULL && journal->pMethods != NULL;
}

/* What tells a database from an earlier one under the same name, whose
** pager (a new one starts at the same data version, and its file handle
** may take the old one's memory): for an ATTACHed file, the file system's
** word on the file and its WAL (main cannot be attached again); for an
** in-memory database of the memdb VFS (sqlite3_deserialize() makes one),
** memdb_stamp.c's stamp, which call's statement may keep (state: the
** database's transaction state when the call began). Returns 0 when the
** digest could not be made: then nothing may be cached. */
static int append_incarnation(sqlite3_str *text, sqlite3 *db, int index, const char *schema,
                              sqlite3_context *call, int state) {
  sqlite3_vfs *vfs = NULL;
  char *vfs_name = NULL;
  int whole = 1;
  if (index >= 2 && !private_to_connection(db, schema)) {
    const char *path = sqlite3_db_filename(db, schema);
    append_file_identity(text, path);
    if (in_wal_mode(db, schema)) append_file_identity(text, sqlite3_filename_wal(path));
  }
  /* The VFS first (no allocation): only memdb's name holds its buffer. */
  if (sqlite3_file_control(db, schema, SQLITE_FCNTL_VFS_POINTER, &vfs) == SQLITE_OK &&
      vfs != NULL && vfs->zName != NULL && strcmp(vfs->zName, "memdb") == 0 &&
      sqlite3_file_control(db, schema, SQLITE_FCNTL_VFSNAME, &vfs_name) == SQLITE_OK &&
      vfs_name != NULL) {
    whole = memdb_stamp_append(text, db, schema, vfs_name, call, state);
  }
  sqlite3_free(vfs_name);
  return whole;
}

/* Whether a refresh failed because the database cannot be read at this
** moment (another connection's lock, an authorizer's refusal), which is
** no error: any other (I/O, disk full) is one. */
static int cannot_read_now(int rc) {
  int primary = rc & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_AUTH;
}

/* Sets *stamp to the data stamp, or to NULL when a write transaction is
** open or a database cannot be read now (locked by another connection's
** write, refused by an authorizer, or an in-memory one changing while it
** was read for its digest): then nothing may be cached, and the tables are
** read afresh (which fails only if they are in that database). call is
** the scalar call under way (NULL: none), whose statement may keep the
** stamps of in-memory databases. */
static int data_stamp(sqlite3 *db, sqlite3_context *call, char **stamp) {
  sqlite3_str *text = sqlite3_str_new(NULL);   /* not held to SQLITE_LIMIT_LENGTH */
  const char *schema;
  int i, rc;
  *stamp = NULL;
  for (i = 0; (schema = sqlite3_db_name(db, i)) != NULL; i++) {
    int state = sqlite3_txn_state(db, schema);
    unsigned version = 0;
    void *file = NULL;
    if (state == SQLITE_TXN_WRITE) {
      sqlite3_free(sqlite3_str_finish(text));
      return SQLITE_OK;
    }
    if (state == SQLITE_TXN_NONE && !private_to_connection(db, schema) &&
        (rc = refresh(db, schema)) != SQLITE_OK) {
      sqlite3_free(sqlite3_str_finish(text));
      return cannot_read_now(rc) ? SQLITE_OK : rc;
    }
    rc = sqlite3_file_control(db, schema, SQLITE_FCNTL_DATA_VERSION, &version);
    sqlite3_file_control(db, schema, SQLITE_FCNTL_FILE_POINTER, &file);
    sqlite3_str_appendf(text, "%s\x1f%s\x1f%p\x1f%d\x1f%u\x1f", schema,
                        sqlite3_db_filename(db, schema), file, rc, version);
    if (!append_incarnation(text, db, i, schema, call, state)) {
      sqlite3_free(sqlite3_str_finish(text));
      return SQLITE_OK;
    }
    sqlite3_str_appendchar(text, 1, '\x1e');
  }
  sqlite3_str_appendf(text, "%lld", sqlite3_total_changes64(db));
  rc = sqlite3_str_errcode(text);
  *stamp = sqlite3_str_finish(text);
  if (rc != SQLITE_OK) {
    sqlite3_free(*stamp);
    *stamp = NULL;
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

static char *cache_key(const TableNames *names) {
  const char *texts[3];
  texts[0] = names->companies;
  texts[1] = names->flows;
  texts[2] = names->claims;
  return network_memo_key(names->without_flows ? "tables without flows" : "tables", 3, texts);
}

/* The slot to fill: an empty one, else the least recently used. */
static CacheSlot *free_slot(Connection *conn) {
  CacheSlot *oldest = &conn->slot[0];
  int i;
  for (i = 0; i < CACHE_SLOTS; i++) {
    if (conn->slot[i].net == NULL) return &conn->slot[i];
    if (conn->slot[i].last_used < oldest->last_used) oldest = &conn->slot[i];
  }
  clear_slot(oldest);
  return oldest;
}

static Network *cached(Connection *conn, const char *key) {
  int i;
  for (i = 0; i < CACHE_SLOTS; i++) {
    if (conn->slot[i].net && strcmp(conn->slot[i].key, key) == 0) {
      conn->slot[i].last_used = ++conn->clock;
      return network_retain(conn->slot[i].net);
    }
  }
  return NULL;
}

/* Moves the cache to stamp (taking it), dropping every network of another. */
static void adopt_stamp(Connection *conn, char *stamp) {
  if (conn->stamp && strcmp(conn->stamp, stamp) == 0) {
    sqlite3_free(stamp);
    return;
  }
  flush(conn);
  sqlite3_free(conn->stamp);
  conn->stamp = stamp;
}

int connection_enter(Connection *conn, const char *fn, sqlite3_context *call, char **errmsg) {
  if (conn->depth >= MAX_NESTED_CALLS) {
    *errmsg = error_message(fn, "the input tables call aibubble's functions %d deep: does a view"
                            " among them read itself through %s?", MAX_NESTED_CALLS, fn);
    return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (conn->depth++ == 0) conn->call = call;
  return SQLITE_OK;
}

void connection_leave(Connection *conn) {
  if (--conn->depth == 0) conn->call = NULL;
}

int connection_network(Connection *conn, const char *fn, const TableNames *names,
                       Network **net, char **errmsg) {
  char *stamp, *key;
  CacheSlot *slot;
  int rc = data_stamp(conn->db, conn->depth == 1 ? conn->call : NULL, &stamp);
  *net = NULL;
  if (rc != SQLITE_OK) {
    if (rc != SQLITE_NOMEM) {
      *errmsg = error_message(fn, "cannot read the data version: %s", sqlite3_errmsg(conn->db));
    }
    return rc;
  }
  if (stamp == NULL) return network_load(conn->db, fn, names, net, errmsg);
  adopt_stamp(conn, stamp);
  key = cache_key(names);
  if (key == NULL) return SQLITE_NOMEM;
  if ((*net = cached(conn, key)) != NULL) {
    sqlite3_free(key);
    return SQLITE_OK;
  }
  rc = network_load(conn->db, fn, names, net, errmsg);
  if (rc != SQLITE_OK) {
    sqlite3_free(key);
    return rc;
  }
  slot = free_slot(conn);
  slot->key = key;
  slot->net = network_retain(*net);
  slot->last_used = ++conn->clock;
  return SQLITE_OK;
}
