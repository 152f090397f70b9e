/*
** aibubble.c: the extension's entry point.
**
**   .load ./dist/aibubble            (sqlite3 shell)
**   SELECT load_extension('./dist/aibubble');
**
** Registers, on the connection that loads it:
**   aibubble_version()                         the version, from VERSION
**   aibubble_debug()                           version, build and SQLite facts
**   exposure(company [, core [, options]])     the README's "The model"
**   cascade_shock(pct [, spenders [, options]])  table-valued, the same
**   breaking_point(company [, spenders [, options]])
**   cascade_rounds(pct [, spenders [, options]])   table-valued, per round
**   debtrank(shock [, options])                table-valued, section 3
**   clearing([shock [, options]])              table-valued, section 3
**   furfine(failed [, options])                table-valued, section 3
**   aibubble_dot(pct [, spenders [, options]])  a Graphviz picture of a cascade
** All of them share one per-connection state (connection.c); nothing is
** global. Refuses to load on a SQLite older than AIBUBBLE_MIN_SQLITE.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include "args.h"
#include "connection.h"
#include "sql_functions.h"

#ifndef AIBUBBLE_VERSION
#error "AIBUBBLE_VERSION must be defined (the Makefile takes it from VERSION)"
#endif

#define AIBUBBLE_MIN_SQLITE 3039000   /* sqlite3_db_name, json_each built in */
#define AIBUBBLE_MIN_SQLITE_TEXT "3.39.0"

/* An error with no message is one whose message could not be made: out of
** memory, like SQLITE_NOMEM itself. */
void result_error(sqlite3_context *ctx, int rc, char *errmsg) {
  if (rc == SQLITE_INTERRUPT) {   /* SQLite's own "interrupted", as Datasette expects */
    sqlite3_free(errmsg);
    sqlite3_result_error_code(ctx, rc);
  } else if (rc == SQLITE_NOMEM || (errmsg == NULL && rc == SQLITE_ERROR)) {
    sqlite3_free(errmsg);
    sqlite3_result_error_nomem(ctx);
  } else if (errmsg) {
    message_fit(sqlite3_context_db_handle(ctx), errmsg);
    sqlite3_result_error(ctx, errmsg, -1);
    sqlite3_free(errmsg);
  } else {
    sqlite3_result_error_code(ctx, rc);
  }
}

/* A registration of a scalar function that reads tables. */
typedef struct Reader {
  Connection *conn;
  const char *name;
  ReaderBody *body;
} Reader;

static void reader_function(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Reader *reader = sqlite3_user_data(ctx);
  char *errmsg = NULL;
  int rc = args_without_nul(reader->name, argc, argv, &errmsg);
  if (rc == SQLITE_OK) rc = connection_enter(reader->conn, reader->name, ctx, &errmsg);
  if (rc != SQLITE_OK) {
    result_error(ctx, rc, errmsg);
    return;
  }
  reader->body(ctx, reader->conn, argc, argv);
  connection_leave(reader->conn);
}

static void reader_free(void *p) {
  Reader *reader = p;
  connection_release(reader->conn);
  sqlite3_free(reader);
}

int register_reader(sqlite3 *db, const char *name, int max_args, Connection *conn,
                    ReaderBody *body) {
  int n, rc = SQLITE_OK;
  for (n = 1; n <= max_args && rc == SQLITE_OK; n++) {
    Reader *reader = sqlite3_malloc64(sizeof(Reader));
    if (reader == NULL) return SQLITE_NOMEM;
    reader->conn = connection_retain(conn);
    reader->name = name;
    reader->body = body;
    /* On failure SQLite calls reader_free itself. */
    rc = sqlite3_create_function_v2(db, name, n, SQLITE_UTF8, reader, reader_function, NULL, NULL,
                                    reader_free);
  }
  return rc;
}

static void version_function(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, AIBUBBLE_VERSION, -1, SQLITE_STATIC);
}

/* Every public SQL name but aibubble_version, one registration per file. */
static int (*const registrations[])(sqlite3 *, Connection *) = {
  register_exposure,
  register_breaking_point,
  register_cascade_shock,
  register_debtrank,
  register_clearing,
  register_furfine,
  register_cascade_rounds,
  register_debug,
  register_dot,
};

static void set_error(char **pzErrMsg, const char *message) {
  if (pzErrMsg) *pzErrMsg = sqlite3_mprintf("%s", message);
}

/* The one symbol the library exports (the Makefile hides the others). */
#ifdef _WIN32
__declspec(dllexport)
#else
__attribute__((visibility("default")))
#endif
int sqlite3_aibubble_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  Connection *conn;
  size_t i;
  int rc;
  SQLITE_EXTENSION_INIT2(pApi);
  if (sqlite3_libversion_number() < AIBUBBLE_MIN_SQLITE) {
    char *message = sqlite3_mprintf("aibubble needs SQLite " AIBUBBLE_MIN_SQLITE_TEXT
                                    " or newer, this is %s", sqlite3_libversion());
    if (pzErrMsg) *pzErrMsg = message;
    else sqlite3_free(message);
    return SQLITE_ERROR;
  }
  conn = connection_new(db);
  if (conn == NULL) {
    set_error(pzErrMsg, "aibubble: out of memory");
    return SQLITE_NOMEM;
  }
  rc = sqlite3_create_function_v2(db, "aibubble_version", 0,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, version_function, NULL, NULL, NULL);
  for (i = 0; rc == SQLITE_OK && i < sizeof(registrations) / sizeof(registrations[0]); i++) {
    rc = registrations[i](db, conn);
  }
  connection_release(conn);
  /* A registration fails in SQLite (which has the message) or for memory. */
  if (rc == SQLITE_NOMEM) set_error(pzErrMsg, "aibubble: out of memory");
  else if (rc != SQLITE_OK) set_error(pzErrMsg, sqlite3_errmsg(db));
  return rc;
}
