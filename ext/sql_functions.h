/*
** sql_functions.h: registration of every public SQL name, one per file.
*/
#ifndef AIBUBBLE_SQL_FUNCTIONS_H
#define AIBUBBLE_SQL_FUNCTIONS_H

#include "connection.h"

int register_cascade_shock(sqlite3 *db, Connection *conn);
int register_breaking_point(sqlite3 *db, Connection *conn);
int register_exposure(sqlite3 *db, Connection *conn);
int register_debtrank(sqlite3 *db, Connection *conn);
int register_clearing(sqlite3 *db, Connection *conn);
int register_furfine(sqlite3 *db, Connection *conn);
int register_cascade_rounds(sqlite3 *db, Connection *conn);
int register_debug(sqlite3 *db, Connection *conn);
int register_dot(sqlite3 *db, Connection *conn);

/* Reports rc and errmsg (taking it) as the result of a scalar function. */
void result_error(sqlite3_context *ctx, int rc, char *errmsg);

/* The body of a scalar function that reads tables. */
typedef void ReaderBody(sqlite3_context *ctx, Connection *conn, int argc, sqlite3_value **argv);

/* Registers a scalar function for 1..max_args arguments that reads tables:
** neither deterministic nor innocuous, so SQLite re-runs it per row and
** keeps it out of schemas that are not trusted. Each call checks its
** arguments for NUL bytes (args_without_nul), then runs body between
** connection_enter and connection_leave. */
int register_reader(sqlite3 *db, const char *name, int max_args, Connection *conn,
                    ReaderBody *body);

#endif
