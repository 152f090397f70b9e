/*
** minversion.c: calls the extension's entry point as if it ran on another
** SQLite version, to check that it refuses one older than the oldest it
** supports (AIBUBBLE_MIN_SQLITE in ext/aibubble.c) with a clear message.
**
**   cc -std=c11 -o minversion tests/minversion.c -lsqlite3 -ldl
**   ./minversion dist/aibubble.so 3.38.5 [noerrmsg]
**
** It takes the real sqlite3_api_routines (an auto-extension is handed it
** when a connection opens), copies it, makes the copy's libversion and
** libversion_number report the version given, and calls
** sqlite3_aibubble_init with the copy on an in-memory connection; then
** runs SELECT aibubble_version() there. Prints one line, a Tcl list:
**   rc {error message or empty} {aibubble_version() or its error}
** e.g. 1 {aibubble needs SQLite 3.39.0 or newer, this is 3.38.5} {no such
** function: aibubble_version}. With "noerrmsg" the entry point gets a NULL
** pzErrMsg (it must not write through it). tests/install.test runs it.
*/
#define SQLITE_CORE 1   /* the struct of sqlite3ext.h, not its macros */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include "sqlite3.h"
#include "sqlite3ext.h"

typedef int (*EntryPoint)(sqlite3 *, char **, const sqlite3_api_routines *);

static const sqlite3_api_routines *real_api;
static sqlite3_api_routines fake_api;
static char fake_version[32];
static int fake_version_number;

static const char *fake_libversion(void) {
  return fake_version;
}

static int fake_libversion_number(void) {
  return fake_version_number;
}

static int capture_api(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  (void)db;
  (void)pzErrMsg;
  real_api = pApi;
  return SQLITE_OK;
}

/* "3.38.5" as SQLite numbers it, 3038005; -1 when malformed. */
static int version_number(const char *text) {
  int major, minor, patch;
  char end;
  if (sscanf(text, "%d.%d.%d%c", &major, &minor, &patch, &end) != 3) return -1;
  return major * 1000000 + minor * 1000 + patch;
}

/* Prints the result (or the error) of SELECT aibubble_version() on db. */
static void print_version(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT aibubble_version()", -1, &stmt, NULL) != SQLITE_OK) {
    printf("{%s}\n", sqlite3_errmsg(db));
    return;
  }
  if (sqlite3_step(stmt) == SQLITE_ROW) printf("{%s}\n", sqlite3_column_text(stmt, 0));
  else printf("{%s}\n", sqlite3_errmsg(db));
  sqlite3_finalize(stmt);
}

int main(int argc, char **argv) {
  void *library;
  EntryPoint init;
  sqlite3 *db;
  char *errmsg = NULL;
  int rc;
  if (argc < 3 || (fake_version_number = version_number(argv[2])) < 0) {
    fprintf(stderr, "usage: minversion LIBRARY X.Y.Z [noerrmsg]\n");
    return 2;
  }
  snprintf(fake_version, sizeof fake_version, "%s", argv[2]);
  if ((library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL)) == NULL ||
      (init = (EntryPoint)dlsym(library, "sqlite3_aibubble_init")) == NULL) {
    fprintf(stderr, "minversion: %s\n", dlerror());
    return 2;
  }
  sqlite3_auto_extension((void (*)(void))capture_api);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || real_api == NULL) {
    fprintf(stderr, "minversion: cannot open a connection\n");
    return 2;
  }
  fake_api = *real_api;
  fake_api.libversion = fake_libversion;
  fake_api.libversion_number = fake_libversion_number;
  rc = init(db, argc > 3 && strcmp(argv[3], "noerrmsg") == 0 ? NULL : &errmsg, &fake_api);
  printf("%d {%s} ", rc, errmsg ? errmsg : "");
  print_version(db);
  sqlite3_free(errmsg);
  sqlite3_close(db);
  sqlite3_reset_auto_extension();
  dlclose(library);
  return 0;
}
