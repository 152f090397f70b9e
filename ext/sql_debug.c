/*
** sql_debug.c: the SQL function aibubble_debug(), what a bug report needs
** to know about the build that is loaded.
**
**   SELECT aibubble_debug();
**
** Returns one "Name: value" line per fact:
**   Version: 0.1.0                 the VERSION file, as aibubble_version()
**   Build date: 2026-11-26T23:45:00Z   UTC; SOURCE_DATE_EPOCH when set
**   Compiler: gcc 12.2.0
**   SQLite compiled: 3.40.1        the sqlite3.h it was built against
**   SQLite running: 3.40.1         sqlite3_libversion() of this process
**   Build flags: -O2 -g            the CFLAGS of the build
**   Features: optimized, loadable  what the compiler itself says: optimized
**                                  or not, address sanitizer, SQLITE_CORE
**                                  (linked into SQLite) or loadable, NDEBUG
** The build date and flags come from the Makefile (mk/install.mk passes
** AIBUBBLE_BUILD_DATE and AIBUBBLE_BUILD_FLAGS); a build that does not pass
** them says "unknown". Deterministic: every line is fixed for the process.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include "sql_functions.h"

#ifndef AIBUBBLE_BUILD_DATE
#define AIBUBBLE_BUILD_DATE "unknown"
#endif
#ifndef AIBUBBLE_BUILD_FLAGS
#define AIBUBBLE_BUILD_FLAGS "unknown"
#endif

#if defined(__clang__)
#define COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define COMPILER "gcc " __VERSION__
#else
#define COMPILER "unknown"
#endif

#if defined(__OPTIMIZE_SIZE__)
#define FEATURE_OPTIMIZE "optimized for size"
#elif defined(__OPTIMIZE__)
#define FEATURE_OPTIMIZE "optimized"
#else
#define FEATURE_OPTIMIZE "not optimized"
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FEATURE_ASAN ", address sanitizer"
#endif
#elif defined(__SANITIZE_ADDRESS__)
#define FEATURE_ASAN ", address sanitizer"
#endif
#ifndef FEATURE_ASAN
#define FEATURE_ASAN ""
#endif

#ifdef SQLITE_CORE
#define FEATURE_LINKAGE ", SQLITE_CORE"
#else
#define FEATURE_LINKAGE ", loadable"
#endif

#ifdef NDEBUG
#define FEATURE_NDEBUG ", NDEBUG"
#else
#define FEATURE_NDEBUG ""
#endif

static void debug_function(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char *text;
  (void)argc;
  (void)argv;
  text = sqlite3_mprintf("Version: %s\n"
                         "Build date: %s\n"
                         "Compiler: %s\n"
                         "SQLite compiled: %s\n"
                         "SQLite running: %s\n"
                         "Build flags: %s\n"
                         "Features: %s",
                         AIBUBBLE_VERSION, AIBUBBLE_BUILD_DATE, COMPILER, SQLITE_VERSION,
                         sqlite3_libversion(), AIBUBBLE_BUILD_FLAGS,
                         FEATURE_OPTIMIZE FEATURE_ASAN FEATURE_LINKAGE FEATURE_NDEBUG);
  if (text == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, text, -1, sqlite3_free);
}

int register_debug(sqlite3 *db, Connection *conn) {
  (void)conn;
  return sqlite3_create_function_v2(db, "aibubble_debug", 0,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    NULL, debug_function, NULL, NULL, NULL);
}
